"""Finding consortium partners by name, region and kind (the application wizard's partner
search), instead of one long list of every organisation that can sign.

Organisations are public registry facts (names, kinds, regions), read by every signed-in
user as on the registry's pages; no permission scope narrows them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from vocnet.agreements.policies import PARTY_KINDS
from vocnet.registry.models import Organisation, OrganisationKind, Region

RESULT_LIMIT = 20


@dataclass(frozen=True)
class PartnerQuery:
    text: str = ""
    kind: str = ""
    region_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.kind or self.region_id)


@dataclass(frozen=True)
class PartnerSearch:
    chosen: list[Organisation]
    results: list[Organisation]
    total: int  # how many matched (results holds at most RESULT_LIMIT)
    query: PartnerQuery


def partner_kinds() -> list[tuple[str, str]]:
    """The kinds of organisation that can be consortium parties, with their labels."""
    labels = dict(OrganisationKind.choices)
    return [(kind, str(labels.get(kind, kind))) for kind in PARTY_KINDS]


def partner_regions() -> list[tuple[int, str]]:
    return list(Region.objects.order_by("name_ko").values_list("pk", "name_ko"))


def parse_query(text: str | None, kind: str | None, region: str | None) -> PartnerQuery:
    """The search as typed; an unknown kind or region is ignored (it can only narrow)."""
    kind = (kind or "").strip()
    region = (region or "").strip()
    return PartnerQuery(
        text=(text or "").strip()[:100],
        kind=kind if kind in PARTY_KINDS else "",
        region_id=int(region) if region.isdigit() else None,
    )


def partner_search(query: PartnerQuery, chosen_ids: list[int]) -> PartnerSearch:
    """The chosen partners (kept whatever the search) and up to ``RESULT_LIMIT`` others that
    match the name (Korean or English, any part), the kind and the region — three queries.
    An empty search lists nothing but the chosen."""
    parties = Organisation.objects.filter(kind__in=PARTY_KINDS, is_active=True).select_related(
        "region"
    )
    chosen = list(parties.filter(pk__in=chosen_ids).order_by("kind", "name_ko"))
    if query.is_empty:
        return PartnerSearch(chosen, [], 0, query)
    matches = parties.exclude(pk__in=[o.pk for o in chosen])
    if query.text:
        matches = matches.filter(
            Q(name_ko__icontains=query.text) | Q(name_en__icontains=query.text)
        )
    if query.kind:
        matches = matches.filter(kind=query.kind)
    if query.region_id is not None:
        matches = matches.filter(region_id=query.region_id)
    total = matches.count()
    results = list(matches.order_by("name_ko", "pk")[:RESULT_LIMIT])
    return PartnerSearch(chosen, results, total, query)
