"""Reads of agreements: lists with filters, the detail, versions, commitments, deliveries,
the audit trail and what the user may do. Every selector takes the user and narrows through
``vocnet.core.permissions`` (parties see their agreements, the province all)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from vocnet.agreements.fulfilment import AgreementProgress, AgreementYear, agreement_years
from vocnet.agreements.models import (
    IN_FORCE_STATUSES,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    CommitmentTarget,
    Delivery,
    PartyPillar,
    Signature,
    VersionStatus,
)
from vocnet.agreements.policies import PARTY_KINDS, acts_for
from vocnet.agreements.selectors.progress import progress_for
from vocnet.core.errors import FieldProblem, not_found
from vocnet.core.models import AuditEvent
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.registry.models import Organisation, OrganisationKind

AGREEMENT = ("협약", "Agreement")


@dataclass(frozen=True)
class AgreementFilters:
    """Filters of the list, the API and the exports (all optional). ``organisation`` is a
    party's organisation id, ``party`` a fragment of a party's name, ``region`` the 시군구
    code of any party, ``pillar`` a pillar some party carries, ``q`` a title fragment."""

    kind: str | None = None
    status: str | None = None
    pillar: str | None = None
    organisation: int | None = None
    party: str | None = None
    region: str | None = None
    q: str | None = None
    agreement: int | None = None


def _parties_of_current(**lookups: Any) -> Exists:
    return Exists(AgreementParty.objects.filter(version=OuterRef("current_version"), **lookups))


def agreement_list(*, user: UserLike, filters: AgreementFilters) -> QuerySet[Agreement]:
    """Agreements the user may see, filtered, newest first; kind, lead organisation and the
    newest version joined."""
    qs = restrict(user, Agreement.objects.with_list_relations())
    if filters.kind:
        qs = qs.filter(kind__code=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.pillar:
        qs = qs.filter(
            Exists(
                PartyPillar.objects.filter(
                    party__version=OuterRef("current_version"), pillar=filters.pillar
                )
            )
        )
    if filters.organisation:
        qs = qs.filter(_parties_of_current(organisation_id=filters.organisation))
    if filters.party:
        term = filters.party.strip()
        qs = qs.filter(
            _parties_of_current(organisation__name_ko__icontains=term)
            | _parties_of_current(organisation__name_en__icontains=term)
        )
    if filters.region:
        qs = qs.filter(_parties_of_current(organisation__region__sigungu_code=filters.region))
    if filters.q:
        qs = qs.filter(title__icontains=filters.q.strip())
    if filters.agreement:
        qs = qs.filter(pk=filters.agreement)
    return qs.order_by("-start_date", "title", "pk")


def party_names(agreements: Iterable[Agreement]) -> dict[int, list[str]]:
    """The parties' names of each agreement's newest version, in the version's order, by
    agreement id: what the list shows of the parties, in one query of plain values. Callers
    pass agreements that went through the permission layer."""
    by_version = {a.current_version_id: a.pk for a in agreements if a.current_version_id}
    names: dict[int, list[str]] = {pk: [] for pk in by_version.values()}
    for version_id, name in (
        AgreementParty.objects.filter(version_id__in=list(by_version))
        .order_by("version_id", "position", "id")
        .values_list("version_id", "organisation__name_ko")
    ):
        names[by_version[version_id]].append(name)
    return names


def agreement_get(*, user: UserLike, agreement_id: int) -> Agreement:
    """The agreement if the user may see it; NotFound otherwise (existence never leaks)."""
    return get_visible(
        user,
        Agreement.objects.with_list_relations().select_related("in_force_version"),
        agreement_id,
        AGREEMENT,
    )


def can_change(user: UserLike, agreement: Agreement) -> bool:
    """Whether the user may draft, circulate, amend, complete or terminate ``agreement``."""
    return bool(restrict(user, Agreement.objects.filter(pk=agreement.pk), Action.CHANGE).exists())


def version_parties(version: AgreementVersion) -> list[AgreementParty]:
    """A version's parties with organisation, pillars, commitments and targets (4 queries)."""
    return list(
        version.parties.select_related("organisation__region").prefetch_related(
            "pillar_rows",
            Prefetch(
                "commitments",
                queryset=Commitment.objects.prefetch_related(
                    Prefetch("targets", queryset=CommitmentTarget.objects.order_by("year_index"))
                ),
            ),
        )
    )


def version_get(*, user: UserLike, agreement_id: int, number: int) -> AgreementVersion:
    agreement = agreement_get(user=user, agreement_id=agreement_id)
    version = (
        restrict(user, AgreementVersion.objects.filter(agreement=agreement, number=number))
        .select_related("agreement__kind", "created_by")
        .first()
    )
    if version is None:
        raise not_found("협약 판", "Agreement version")
    return version


def signable_parties(*, user: UserLike, agreement: Agreement) -> list[AgreementParty]:
    """Parties of the circulated version the user may still sign for (empty otherwise)."""
    version = agreement.current_version
    if version is None or version.status != VersionStatus.CIRCULATED:
        return []
    actor = actor_for(user)
    signed = set(version.signatures.values_list("party_id", flat=True))
    return [
        party
        for party in version.parties.select_related("organisation")
        if party.pk not in signed
        and acts_for(actor, party.organisation_id, party.organisation.kind)
    ]


def recordable_commitments(*, user: UserLike, agreement: Agreement) -> list[Commitment]:
    """Commitments of the version in force the user may record deliveries for."""
    if agreement.status not in IN_FORCE_STATUSES or agreement.in_force_version_id is None:
        return []
    actor = actor_for(user)
    commitments = Commitment.objects.filter(
        party__version_id=agreement.in_force_version_id
    ).select_related("party__organisation")
    if not actor.is_province:
        commitments = commitments.filter(party__organisation_id__in=actor.staff_organisation_ids)
    return list(restrict(user, commitments).order_by("party__position", "position", "pk"))


def commitment_list(*, user: UserLike, agreement: Agreement) -> list[Commitment]:
    """Commitments of the agreement's newest version, with party and targets."""
    if agreement.current_version_id is None:
        return []
    return list(
        restrict(user, Commitment.objects.filter(party__version_id=agreement.current_version_id))
        .select_related("party__organisation")
        .prefetch_related(
            Prefetch("targets", queryset=CommitmentTarget.objects.order_by("year_index"))
        )
        .order_by("party__position", "party_id", "position", "pk")
    )


def delivery_list(
    *, user: UserLike, agreement: Agreement | None = None, filters: AgreementFilters | None = None
) -> QuerySet[Delivery]:
    """Deliveries the user may see: of one agreement, or of the filtered agreements."""
    qs = restrict(user, Delivery.objects.all()).select_related(
        "agreement", "commitment__party__organisation", "recorded_by"
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    elif filters is not None:
        qs = qs.filter(agreement__in=agreement_list(user=user, filters=filters).values("pk"))
    return qs.order_by("-delivered_on", "-pk")


def delivery_get(*, user: UserLike, delivery_id: int) -> Delivery:
    return get_visible(
        user,
        Delivery.objects.select_related("agreement", "commitment"),
        delivery_id,
        ("이행 실적", "Delivery"),
    )


def commitments_for_export(*, user: UserLike, filters: AgreementFilters) -> QuerySet[Commitment]:
    """Commitments of every filtered agreement — of the version in force, or of the newest
    version when none is in force yet — joined for export."""
    versions = (
        agreement_list(user=user, filters=filters)
        .annotate(shown_version=Coalesce("in_force_version_id", "current_version_id"))
        .values("shown_version")
    )
    return (
        restrict(user, Commitment.objects.filter(party__version_id__in=versions))
        .select_related("party__organisation", "party__version__agreement__kind")
        .prefetch_related(
            Prefetch("targets", queryset=CommitmentTarget.objects.order_by("year_index"))
        )
        .order_by("party__version__agreement__title", "party__version__agreement_id", "pk")
    )


def audit_trail(*, user: UserLike, agreement: Agreement) -> QuerySet[AuditEvent]:
    """Every change of the agreement, newest first: who, what, when, before and after.
    Visible to whoever may see the agreement (its parties and the province)."""
    visible = restrict(user, Agreement.objects.filter(pk=agreement.pk)).exists()
    if not visible:
        raise not_found(*AGREEMENT)
    return AuditEvent.objects.filter(
        object_type=Agreement._meta.label_lower, object_id=str(agreement.pk)
    ).select_related("actor")


def kind_list(*, user: UserLike) -> QuerySet[AgreementKind]:
    return restrict(user, AgreementKind.objects.filter(is_active=True))


@dataclass
class AgreementDetail:
    """Everything the detail page and the API detail show of one agreement."""

    agreement: Agreement
    version: AgreementVersion
    parties: list[AgreementParty]
    signatures: dict[int, Signature]
    versions: list[AgreementVersion]
    progress: AgreementProgress | None
    commitment_rows: dict[str, Commitment] = field(default_factory=dict)
    in_force_parties: list[AgreementParty] = field(default_factory=list)
    can_change: bool = False
    signable: list[AgreementParty] = field(default_factory=list)
    recordable: list[Commitment] = field(default_factory=list)
    recent_deliveries: list[Delivery] = field(default_factory=list)

    @property
    def is_amending(self) -> bool:
        return self.agreement.status == AgreementStatus.AMENDED

    @property
    def version_years(self) -> tuple[AgreementYear, ...]:
        return agreement_years(self.version.start_date, self.version.end_date)


def agreement_detail(
    *, user: UserLike, agreement_id: int, as_of: date | None = None
) -> AgreementDetail:
    """The agreement's newest version with its parties, signatures and commitments; its
    progress (of the version in force) on ``as_of`` (default today); the version history;
    and what the user may do. Raises NotFound when the user may not see it."""
    agreement = agreement_get(user=user, agreement_id=agreement_id)
    version = agreement.current_version
    assert version is not None
    parties = version_parties(version)
    signatures = {s.party_id: s for s in version.signatures.all()}
    progress_rows = progress_for([agreement], as_of or timezone.localdate())
    progress, rows = progress_rows.get(agreement.pk, (None, {}))
    in_force_parties = (
        parties
        if agreement.in_force_version_id in (None, version.pk)
        else version_parties(agreement.in_force_version)  # type: ignore[arg-type]
    )
    return AgreementDetail(
        agreement=agreement,
        version=version,
        parties=parties,
        signatures=signatures,
        versions=list(agreement.versions.order_by("-number")),
        progress=progress,
        commitment_rows=rows,
        in_force_parties=in_force_parties,
        can_change=can_change(user, agreement),
        signable=signable_parties(user=user, agreement=agreement),
        recordable=recordable_commitments(user=user, agreement=agreement),
        recent_deliveries=list(delivery_list(user=user, agreement=agreement)[:20]),
    )


def _lead_organisations(user: UserLike) -> QuerySet[Organisation]:
    actor = actor_for(user)
    organisations = restrict(
        user, Organisation.objects.filter(is_active=True, kind__in=PARTY_KINDS)
    )
    if actor.is_province:
        return organisations.exclude(kind=OrganisationKind.COMPANY)
    return organisations.filter(pk__in=actor.staff_organisation_ids)


def lead_choices(*, user: UserLike) -> list[tuple[int, str]]:
    """Organisations the user may start an agreement for: the province any organisation
    but a company (companies join as parties); others the organisations they work for."""
    return list(_lead_organisations(user).order_by("kind", "name_ko").values_list("pk", "name_ko"))


def can_start_agreement(*, user: UserLike) -> bool:
    """Whether ``lead_choices`` has any organisation (the list's 새 협약 button): one EXISTS."""
    return _lead_organisations(user).exists()


def party_candidates(*, user: UserLike, q: str, exclude: set[int]) -> list[Organisation]:
    """Up to 20 organisations whose name contains ``q`` that can be parties (a kind someone
    can sign for), for the wizard's search."""
    term = q.strip()
    if not term:
        return []
    return list(
        restrict(
            user,
            Organisation.objects.filter(is_active=True, kind__in=PARTY_KINDS).filter(
                Q(name_ko__icontains=term) | Q(name_en__icontains=term)
            ),
        )
        .exclude(pk__in=exclude)
        .select_related("region")
        .order_by("name_ko")[:20]
    )


def draft_problems(*, user: UserLike, agreement: Agreement) -> list[FieldProblem]:
    """What still keeps the draft version from being circulated (empty when ready)."""
    from vocnet.agreements.services.lifecycle import circulation_problems

    version = agreement.current_version
    if version is None or version.status != VersionStatus.DRAFT:
        return []
    return circulation_problems(version)
