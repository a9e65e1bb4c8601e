"""Reads of the universities' part of pathways (issue 18 §4), every one through the permission
layer: a university's programmes and its university-linked courses, the consenting graduates
of the schools linked to it with their time in work, the applications to its programmes and
its enrolled cohort's progress; and, for a graduate, their own consent and the places open
to them. Without a standing consent a graduate is in none of the university's lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch

from vocnet.core.errors import not_found, permission_denied
from vocnet.core.permissions import Action, actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.pathways import indicators, tenure
from vocnet.pathways.hosted_courses import HostedCourse, hosted_courses
from vocnet.pathways.models import GraduateDestination, PathwayEvent
from vocnet.pathways.models_universities import (
    ApplicationStatus,
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.policies_universities import universities_of
from vocnet.registry.links import linked_organisation_ids
from vocnet.registry.models import Organisation, OrganisationKind


def manages_programmes(user: UserLike) -> bool:
    """The province and universities' staff keep programmes and see graduates."""
    actor = actor_for(user)
    return actor.is_province or bool(universities_of(actor))


def require_manager(user: UserLike) -> None:
    if not manages_programmes(user):
        raise permission_denied()


def universities_for(user: UserLike) -> Any:
    """The universities the user may create programmes for: their own; the province all."""
    actor = actor_for(user)
    queryset = Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY).order_by("name_ko")
    if actor.is_province:
        return queryset
    return queryset.filter(pk__in=universities_of(actor))


def programmes_visible(user: UserLike) -> Any:
    """Programmes the user may see (two queries with their partner companies)."""
    return restrict(user, UniversityProgramme.objects.with_relations())


def programme_for_change(user: UserLike, programme_id: int) -> UniversityProgramme:
    """The programme if the user may change it; NotFound when they may not see it,
    PermissionDenied when they see it but may not change it."""
    found: UniversityProgramme | None = programmes_visible(user).filter(pk=programme_id).first()
    if found is None:
        raise not_found("후학습 과정", "Programme")
    if not restrict(user, UniversityProgramme.objects.filter(pk=found.pk), Action.CHANGE).exists():
        raise permission_denied()
    return found


def courses_of(user: UserLike) -> list[HostedCourse]:
    """The university-linked courses (대학연계 과목) of the user's universities — for the
    province, of every university —, read through the courses' permission layer."""
    actor = actor_for(user)
    ids = (
        list(universities_for(user).values_list("pk", flat=True))
        if actor.is_province
        else list(universities_of(actor))
    )
    return hosted_courses(user, ids)


def _as_event(event: PathwayEvent) -> indicators.Event:
    return indicators.Event(
        kind=event.kind,
        on=event.occurred_on,
        check_month=event.check_month,
        is_insured=event.is_insured,
        workplace_code=event.workplace_sigungu_code,
        route=event.route,
        service_type=event.service_type,
    )


def _events() -> Prefetch[Any]:
    return Prefetch(
        "graduate__events",
        queryset=PathwayEvent.objects.order_by("occurred_on", "pk"),
        to_attr="ordered_events",
    )


@dataclass(frozen=True)
class ConsentingGraduate:
    """A graduate as a university sees them: no name — the school, department, year, key."""

    graduate: GraduateDestination
    consent: UniversityConsent
    tenure: tenure.Tenure


def consenting_graduates(
    user: UserLike, *, eligible_only: bool = False, today: date | None = None
) -> list[ConsentingGraduate]:
    """The graduates whose consent stands, of the schools linked to the user's universities
    (the province: all), with their time in work on ``today`` and the day they reach the
    3 years of a 재직자 특별전형 (``tenure``); only the eligible ones when ``eligible_only``.
    Three queries, whatever the number of graduates."""
    require_manager(user)
    on = today or date.today()
    consents = (
        restrict(user, UniversityConsent.objects.active())
        .select_related("graduate__department__school__organisation")
        .prefetch_related(_events())
        .order_by("-graduate__graduation_year", "graduate__department_id", "graduate__graduate_key")
    )
    rows = [
        ConsentingGraduate(
            graduate=consent.graduate,
            consent=consent,
            tenure=tenure.tenure([_as_event(e) for e in consent.graduate.ordered_events], on),
        )
        for consent in consents
    ]
    if eligible_only:
        rows = [row for row in rows if row.tenure.is_eligible]
    return rows


def applications_visible(user: UserLike) -> Any:
    """Applications the user may see: the university's to its programmes while the graduate
    consents, the graduate's own, the province's all."""
    return restrict(user, ProgrammeApplication.objects.with_relations()).order_by(
        "programme__admission_year", "programme__name", "applied_at", "pk"
    )


def decidable_ids(user: UserLike, ids: list[int]) -> set[int]:
    return set(
        restrict(user, ProgrammeApplication.objects.filter(pk__in=ids), Action.CHANGE).values_list(
            "pk", flat=True
        )
    )


@dataclass(frozen=True)
class CohortMember:
    application: ProgrammeApplication
    stage: str
    enrolled_on: date | None
    completed_on: date | None


@dataclass(frozen=True)
class Cohort:
    members: list[CohortMember]
    counts: dict[str, int]


def cohort(user: UserLike, *, today: date | None = None) -> Cohort:
    """The university's enrolled graduates (applications recorded as enrolled, the graduate
    still consenting) and where each stands — enrolled (first year), continuing, completed —
    from the pathway's enrolment and completion events (``tenure.cohort_stage``). Three
    queries."""
    require_manager(user)
    on = today or date.today()
    applications = applications_visible(user).filter(status=ApplicationStatus.ENROLLED)
    applications = applications.prefetch_related(_events())
    members = []
    for application in applications:
        stage, start, end = tenure.cohort_stage(
            [_as_event(e) for e in application.graduate.ordered_events],
            application.enrolled_on,
            on,
        )
        members.append(CohortMember(application, stage, start, end))
    counts = {
        stage: sum(1 for m in members if m.stage == stage)
        for stage in (tenure.ENROLLED_STAGE, tenure.CONTINUING, tenure.COMPLETED_STAGE)
    }
    return Cohort(members=members, counts=counts)


# The graduate's side ------------------------------------------------------------------------


def own_graduate(user: UserLike) -> GraduateDestination | None:
    """The signed-in graduate's own row: the one the school linked to their student record
    (the subject's own data; nobody else reaches a row this way)."""
    student_id = actor_for(user).student_id
    if student_id is None:
        return None
    return GraduateDestination.objects.with_relations().filter(student_id=student_id).first()


@dataclass(frozen=True)
class GraduateConsentPage:
    graduate: GraduateDestination | None
    consents: list[UniversityConsent]
    universities: list[Organisation]
    programmes: list[UniversityProgramme]
    applications: list[ProgrammeApplication]

    @property
    def consent_stands(self) -> bool:
        return any(c.is_active for c in self.consents)

    @property
    def applied_ids(self) -> set[int]:
        return {a.programme_id for a in self.applications}


def graduate_consent_page(user: UserLike) -> GraduateConsentPage:
    """For a signed-in graduate: their consents (history, newest first), the universities
    linked to their school, the programmes open to them and their applications."""
    graduate = own_graduate(user)
    if graduate is None:
        return GraduateConsentPage(None, [], [], [], [])
    school_id = graduate.department.school_id
    return GraduateConsentPage(
        graduate=graduate,
        consents=list(restrict(user, UniversityConsent.objects.filter(graduate=graduate))),
        universities=list(
            Organisation.objects.filter(
                kind=OrganisationKind.UNIVERSITY, pk__in=linked_organisation_ids([school_id])
            ).order_by("name_ko")
        ),
        programmes=list(programmes_visible(user)),
        applications=list(applications_visible(user).filter(graduate=graduate)),
    )
