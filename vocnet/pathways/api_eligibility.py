"""Eligibility endpoints (issue 18 §3): one graduate's verdicts, a school's graduates eligible
now or soon, and the signed-in graduate's own. Thin: each calls one selector of
``selectors.eligibility``; mounted on the pathways router (``api.py``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from vocnet.pathways import eligibility
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.selectors import eligibility as selectors

router = Router(tags=["pathways"])
StatusFilter = Literal["current", "eligible", "soon", "all"]


class EligibilityVerdictOut(Schema):
    rule: str
    name_ko: str
    name_en: str
    status: str = Field(description="eligible · soon · later · used · unknown · not_eligible")
    reached_on: date | None
    reason_ko: str
    reason_en: str
    source: str
    checked_on: date
    verified: bool


class GraduateEligibilityOut(Schema):
    destination_id: int
    graduate_key: str
    graduation_year: int
    synthetic: bool
    verdicts: list[EligibilityVerdictOut]


class EligibilityListOut(Schema):
    school_id: int | None
    status: StatusFilter
    first_class: int
    graduates: list[GraduateEligibilityOut]


class EligibilityListQuery(Schema):
    school: int | None = Field(None, ge=1)
    status: StatusFilter = "current"


def _verdicts(items: tuple[eligibility.Eligibility, ...]) -> list[EligibilityVerdictOut]:
    return [
        EligibilityVerdictOut(
            rule=item.code,
            name_ko=item.rule.rule.name_ko,
            name_en=item.rule.rule.name_en,
            status=item.status,
            reached_on=item.reached_on,
            reason_ko=item.reason_ko,
            reason_en=item.reason_en,
            source=item.rule.rule.source,
            checked_on=item.rule.rule.checked_on,
            verified=item.verified,
        )
        for item in items
    ]


def _graduate(
    graduate: GraduateDestination, items: tuple[eligibility.Eligibility, ...]
) -> GraduateEligibilityOut:
    return GraduateEligibilityOut(
        destination_id=graduate.pk,
        graduate_key=graduate.graduate_key,
        graduation_year=graduate.graduation_year,
        synthetic=graduate.is_synthetic,
        verdicts=_verdicts(items),
    )


@router.get("/pathways/destinations/{destination_id}/eligibility", response=GraduateEligibilityOut)
def graduate_eligibility(request: HttpRequest, destination_id: int) -> GraduateEligibilityOut:
    """The support one graduate may claim, each verdict with its rule's source and mark."""
    found = selectors.graduate_eligibility(
        user=request.user, destination_id=destination_id, today=timezone.localdate()
    )
    return _graduate(found[0], found[1].items)


@router.get("/pathways/eligibility", response=EligibilityListOut)
def eligibility_list(
    request: HttpRequest, query: Query[EligibilityListQuery]
) -> EligibilityListOut:
    """A school's graduates with a verdict in the status filter (the verdicts that match)."""
    found = selectors.eligibility_list(
        user=request.user,
        school_id=query.school,
        status=query.status,
        today=timezone.localdate(),
    )
    return EligibilityListOut(
        school_id=found.school.pk if found.school else None,
        status=query.status,
        first_class=found.first_class,
        graduates=[_graduate(line.graduate, line.matching) for line in found.lines],
    )


@router.get("/pathways/eligibility/mine", response=list[GraduateEligibilityOut])
def own_eligibility(request: HttpRequest) -> list[GraduateEligibilityOut]:
    """The signed-in graduate's own verdicts (empty for a login that is not a graduate's)."""
    rows = selectors.own_eligibility(user=request.user, today=timezone.localdate())
    return [_graduate(graduate, verdicts.items) for graduate, verdicts in rows]
