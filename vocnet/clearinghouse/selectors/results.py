"""Reads of a round's results (one outcome per student of its run), through the permission
layer: operators see every outcome once the round is matched; after publication schools,
students and guardians see their students' and companies those on their offers."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db.models import QuerySet

from vocnet.clearinghouse.models import PlacementRound, RoundOutcome, RunStatus
from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.registry.models import Student

MATCHED = "matched"
UNMATCHED = "unmatched"


@dataclass(frozen=True)
class ResultFilters:
    """The filters of the results list (kept in the Excel export's link)."""

    school: int | None = None
    company: int | None = None
    offer: int | None = None
    region: str | None = None  # the offer's 시군구 code
    outcome: str | None = None  # "matched" | "unmatched"

    def query(self) -> dict[str, Any]:
        """The filters that are set, as query-string parameters."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) not in (None, "")
        }


def outcome_list(
    *, user: UserLike, placement_round: PlacementRound, filters: ResultFilters | None = None
) -> QuerySet[RoundOutcome]:
    """The round's outcomes (of its successful run) the user may see, filtered, by school and
    student number; each row with its student, school, department, offer and company."""
    rows = restrict(
        user,
        RoundOutcome.objects.filter(round=placement_round, run__status=RunStatus.SUCCEEDED),
    ).select_related(
        "student__school__organisation",
        "student__department__ncs_middle",
        "offer__company__organisation",
        "offer__region",
        "placement",
    )
    filters = filters or ResultFilters()
    if filters.school:
        rows = rows.filter(student__school_id=filters.school)
    if filters.company:
        rows = rows.filter(offer__company_id=filters.company)
    if filters.offer:
        rows = rows.filter(offer_id=filters.offer)
    if filters.region:
        rows = rows.filter(offer__region__sigungu_code=filters.region)
    if filters.outcome == MATCHED:
        rows = rows.filter(offer__isnull=False)
    elif filters.outcome == UNMATCHED:
        rows = rows.filter(offer__isnull=True)
    return rows.order_by("student__school__organisation__name_ko", "student__student_number")


def outcomes_of(*, user: UserLike, student: Student) -> QuerySet[RoundOutcome]:
    """A student's outcomes in every round the user may see, newest round first."""
    return (
        restrict(
            user,
            RoundOutcome.objects.filter(student=student, run__status=RunStatus.SUCCEEDED),
        )
        .select_related("round", "offer__company__organisation", "offer__region", "placement")
        .order_by("-round__created_at")
    )
