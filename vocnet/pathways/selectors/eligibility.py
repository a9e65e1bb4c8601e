"""Reads of the support graduates may claim (issue 18 §3): one graduate's verdicts, a school's
list of graduates eligible now or soon, and a graduate's own. The verdicts are computed by
the pure engine ``pathways.eligibility`` from the graduate's events (adapter ``as_fact``);
nothing is stored, so a recorded event changes them at once.

Who sees what: staff through the graduate's person scope (``policies.py``: the school, its
support office, the province); a graduate their own rows only, found through the student
record their login is linked to (``Actor.student_id``) — their own personal data, never
another's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.pathways import eligibility
from vocnet.pathways.models import GraduateDestination, PathwayEvent
from vocnet.pathways.selectors.destinations import HomeItem, filter_schools, require_viewer
from vocnet.pathways.selectors.events import pathway_get
from vocnet.registry.models import School

# The classes a school's list covers: the rules look at most 3 years into work, so six
# classes hold everyone who may still be reaching a day (vocnet's choice).
CLASSES_LISTED = 6
# The list's filters: eligible now, reaching soon, either, every graduate with a job.
STATUS_FILTERS: dict[str, frozenset[str]] = {
    "current": frozenset({eligibility.ELIGIBLE, eligibility.SOON}),
    "eligible": frozenset({eligibility.ELIGIBLE}),
    "soon": frozenset({eligibility.SOON}),
    "all": frozenset(eligibility.STATUSES),
}


def as_fact(event: PathwayEvent) -> eligibility.Fact:
    """The ORM → pure adapter: a registered company is named by its id and has its recorded
    size; an unregistered employer by its name and the size given with the event."""
    company = event.company
    return eligibility.Fact(
        kind=event.kind,
        on=event.occurred_on,
        employer=f"company:{event.company_id}" if event.company_id else event.employer_name,
        firm_size=(company.size_class if company is not None else "") or event.firm_size,
        weekly_hours=event.weekly_hours,
        check_month=event.check_month,
        is_insured=event.is_insured,
        route=event.route,
        service_type=event.service_type,
    )


def assess_graduate(
    graduate: GraduateDestination, events: Iterable[PathwayEvent], today: date
) -> eligibility.GraduateEligibility:
    """The verdicts of ``graduate`` from ``events`` (loaded with their company)."""
    return eligibility.assess(
        [as_fact(event) for event in events],
        graduation_year=graduate.graduation_year,
        today=today,
    )


def _events() -> QuerySet[PathwayEvent]:
    return PathwayEvent.objects.select_related("company").order_by("occurred_on", "pk")


@dataclass(frozen=True)
class GraduateLine:
    graduate: GraduateDestination
    verdicts: eligibility.GraduateEligibility
    matching: tuple[eligibility.Eligibility, ...]  # the verdicts the filter asked for


@dataclass(frozen=True)
class EligibilityList:
    schools: list[School]
    school: School | None
    status: str
    lines: list[GraduateLine]
    first_class: int


def eligibility_list(
    *, user: UserLike, school_id: int | None, status: str, today: date
) -> EligibilityList:
    """The graduates of one school (of the last ``CLASSES_LISTED`` classes) the user may see,
    with a verdict in ``STATUS_FILTERS[status]``, in graduation-year and key order. A user
    who sees one school gets it without asking; one who sees several chooses (no school:
    no lines). PermissionDenied for users who see no graduate. Three queries."""
    require_viewer(user=user)
    schools = filter_schools(user=user)
    wanted = STATUS_FILTERS.get(status, STATUS_FILTERS["current"])
    school = next((s for s in schools if s.pk == school_id), None)
    if school is None and len(schools) == 1:
        school = schools[0]
    first_class = today.year - CLASSES_LISTED
    if school is None:
        return EligibilityList(schools, None, status, [], first_class)
    graduates = (
        restrict(user, GraduateDestination.objects.all())
        .filter(department__school=school, graduation_year__gte=first_class)
        .select_related("department")
        .prefetch_related(Prefetch("events", queryset=_events()))
        .order_by("-graduation_year", "graduate_key")
    )
    lines = []
    for graduate in graduates:
        verdicts = assess_graduate(graduate, graduate.events.all(), today)
        matching = tuple(item for item in verdicts.items if item.status in wanted)
        if matching:
            lines.append(GraduateLine(graduate, verdicts, matching))
    return EligibilityList(schools, school, status, lines, first_class)


def pathway_eligibility(
    graduate: GraduateDestination, events: Iterable[PathwayEvent], today: date
) -> eligibility.GraduateEligibility:
    """The verdicts shown on a graduate's pathway page, from the events that page already
    read through the permission layer (``pathway_get``): no query."""
    return assess_graduate(graduate, events, today)


def graduate_eligibility(
    *, user: UserLike, destination_id: int, today: date
) -> tuple[GraduateDestination, eligibility.GraduateEligibility]:
    """One graduate the user may see with their verdicts; NotFound otherwise."""
    found = pathway_get(user=user, destination_id=destination_id)
    return found.graduate, assess_graduate(found.graduate, found.events, today)


def own_eligibility(
    *, user: UserLike, today: date
) -> list[tuple[GraduateDestination, eligibility.GraduateEligibility]]:
    """The signed-in graduate's own rows (the destination linked to their student record)
    with their verdicts; empty when the login is not a graduate's. PermissionDenied for
    anonymous users. Two queries."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        raise permission_denied()
    if actor.student_id is None:
        return []
    graduates = (
        GraduateDestination.objects.filter(student_id=actor.student_id)
        .with_relations()
        .prefetch_related(Prefetch("events", queryset=_events()))
    )
    return [
        (graduate, assess_graduate(graduate, graduate.events.all(), today))
        for graduate in graduates
    ]


def graduate_home_items(student_id: int | None) -> list[HomeItem]:
    """The home's link to "my eligibility" for a login whose student record is a graduate's
    (one query; none without a student record)."""
    if student_id is None or not GraduateDestination.objects.filter(student_id=student_id).exists():
        return []
    return [
        HomeItem(
            str(_("내가 받을 수 있는 지원")),
            str(_("취업연계 장려금 · 재직자 특별전형 · 조기취업형 계약학과")),
            reverse("pathways:eligibility_mine"),
        )
    ]
