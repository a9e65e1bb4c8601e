"""The region page of a local government (issue 18 §5): for one 시·군, the field training its
companies host (counts by status and sector, safety incidents — never a student's name), the
graduates' flows (``pathways.selectors.region_flows``), the agreements' commitments that the
region's government funds with their fulfilment, and the way to the demand–supply gap of the
region. Read model only: counts and the government's own commitments, every count of people
from 1 to 4 shown as "<5".

The scope is ``pathways.selectors.aggregate_region_scope``: a city's or county's officer their
own region, the provincial government and the province all 31, a support office its regions.
See docs/adr/0027-longitudinal-pathways.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from vocnet.agreements.models import Agreement, Commitment
from vocnet.agreements.selectors.progress import progress_for
from vocnet.core.errors import permission_denied
from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.pathways.indicators import shown_count
from vocnet.pathways.selectors import RegionFlows, aggregate_region_scope, region_flows
from vocnet.placements.models import IncidentKind, IncidentReport, Placement, PlacementStatus
from vocnet.registry.models import Organisation, OrganisationKind, Region
from vocnet.registry.reference import ksic_division_english


@dataclass(frozen=True)
class Tally:
    """One count of a breakdown: its code and its name (KSIC names exist in Korean only)."""

    code: str
    name_ko: str
    name_en: str
    count: int | str


@dataclass
class TrainingFigures:
    """Field training hosted by the region's companies: placements by status and by the host's
    industry (KSIC division), and the incident reports (safety ones apart)."""

    by_status: list[Tally] = field(default_factory=list)
    by_sector: list[Tally] = field(default_factory=list)
    placements: int | str = 0
    safety_incidents: int | str = 0
    incidents: int | str = 0


@dataclass(frozen=True)
class FundedCommitment:
    agreement_id: int
    agreement_title: str
    description: str
    unit: str
    target_total: Decimal
    delivered: Decimal
    percent: Decimal | None
    is_behind: bool


@dataclass
class LocalRegionPage:
    region: Region
    regions: list[Region]
    training: TrainingFigures
    flows: RegionFlows
    commitments: list[FundedCommitment]


def _training(region: Region) -> TrainingFigures:
    placements = Placement.objects.filter(offer__region=region).exclude(
        status=PlacementStatus.CANCELLED
    )
    labels = dict(PlacementStatus.choices)
    by_status = [
        Tally(
            row["status"],
            str(labels[row["status"]]),
            str(labels[row["status"]]),
            shown_count(row["n"], suppress=True),
        )
        for row in placements.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    by_sector = [
        Tally(
            row["offer__company__ksic_division__code"] or "—",
            row["offer__company__ksic_division__name_ko"] or "업종 미상",
            ksic_division_english().get(row["offer__company__ksic_division__code"] or "")
            or "Industry unknown",
            shown_count(row["n"], suppress=True),
        )
        for row in placements.values(
            "offer__company__ksic_division__code", "offer__company__ksic_division__name_ko"
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "offer__company__ksic_division__code")
    ]
    incidents = IncidentReport.objects.filter(placement__offer__region=region).aggregate(
        total=Count("pk"), safety=Count("pk", filter=Q(kind=IncidentKind.SAFETY))
    )
    return TrainingFigures(
        by_status=by_status,
        by_sector=by_sector,
        placements=shown_count(placements.count(), suppress=True),
        safety_incidents=shown_count(incidents["safety"], suppress=True),
        incidents=shown_count(incidents["total"], suppress=True),
    )


def _commitments(user: UserLike, region: Region, today: date) -> list[FundedCommitment]:
    """Commitments of the region's city or county government in the agreements in force that
    the user may see, with their fulfilment to date."""
    funders = set(
        Organisation.objects.filter(kind=OrganisationKind.CITY_COUNTY, region=region).values_list(
            "pk", flat=True
        )
    )
    if not funders:
        return []
    agreements = list(
        restrict(
            user,
            Agreement.objects.filter(
                in_force_version__parties__organisation_id__in=funders
            ).distinct(),
        )
    )
    results: list[FundedCommitment] = []
    for agreement in agreements:
        found = progress_for([agreement], today).get(agreement.pk)
        if found is None:
            continue
        progress, rows = found
        for item in progress.commitments:
            commitment: Commitment = rows[item.key]
            if commitment.party.organisation_id not in funders:
                continue
            results.append(
                FundedCommitment(
                    agreement.pk,
                    agreement.title,
                    commitment.description,
                    commitment.get_unit_display(),
                    item.target_total,
                    item.delivered,
                    item.percent,
                    item.is_behind,
                )
            )
    return results


def local_region_page(
    *, user: UserLike, sigungu_code: str | None = None, today: date | None = None
) -> LocalRegionPage:
    """The page of one region in the user's scope (``sigungu_code``, default the first):
    raises PermissionDenied for users without a region, NotFound-like refusal (403) for a
    region outside the scope."""
    scope = aggregate_region_scope(user)
    regions = list(Region.objects.order_by("sigungu_code"))
    if scope is not None:
        regions = [r for r in regions if r.pk in scope]
    if not regions:
        raise permission_denied()
    region = next((r for r in regions if r.sigungu_code == sigungu_code), None)
    if region is None:
        if sigungu_code:
            raise permission_denied()
        region = regions[0]
    return LocalRegionPage(
        region=region,
        regions=regions,
        training=_training(region),
        flows=region_flows(user=user, region=region),
        commitments=_commitments(user, region, today or timezone.localdate()),
    )
