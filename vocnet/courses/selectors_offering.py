"""Reads of the offering pages (과목 개설): the organisations a user offers courses for, their
courses in every state, their instructors, and the lists the offering form chooses from.
Always through the permission layer."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.courses import selectors
from vocnet.courses.models import Course, Instructor, Term
from vocnet.courses.policies import host_organisations
from vocnet.registry.models import Department, NcsMiddle, Organisation, Region, Role, School


def host_organisations_of(user: UserLike) -> list[Organisation]:
    """The organisations the user offers courses for (school, company, university, office or
    province staff), by name; PermissionDenied for anyone else (students, guardians, local
    governments)."""
    ids = host_organisations(actor_for(user))
    if not ids:
        raise permission_denied()
    return list(Organisation.objects.filter(pk__in=ids).order_by("name_ko", "pk"))


def offerings(user: UserLike) -> Any:
    """The courses of the user's organisations in every state, newest term first, with what
    the list shows (term, host, region, slots, fields) in a fixed number of queries."""
    host_organisations_of(user)
    return selectors.own_courses(user).order_by("-term__year", "-term__semester", "title", "pk")


def editable_course(user: UserLike, course_id: int) -> Course:
    """A course the user's organisation hosts (NotFound when the user cannot see it,
    PermissionDenied when they see it but do not host it)."""
    course = selectors.course_detail(user, course_id)
    if not selectors.keeps_roster(user, course):
        raise permission_denied()
    return course


def instructors_of(user: UserLike, organisation_ids: list[int]) -> Any:
    """The instructors registered by the given organisations that the user may read."""
    return (
        restrict(user, Instructor.objects.filter(organisation_id__in=organisation_ids))
        .select_related("organisation")
        .order_by("name", "pk")
    )


def offering_terms(user: UserLike) -> Any:
    return restrict(user, Term.objects.all()).order_by("-year", "-semester", "-pk")


def ncs_fields() -> Any:
    return NcsMiddle.objects.select_related("major").order_by("code")


def regions() -> Any:
    return Region.objects.order_by("name_ko")


def schools() -> Any:
    return School.objects.select_related("organisation").order_by("organisation__name_ko", "pk")


def departments() -> Any:
    return (
        Department.objects.filter(is_active=True)
        .select_related("school__organisation")
        .order_by("school__organisation__name_ko", "name_ko", "pk")
    )


def course_menu(user: UserLike) -> list[tuple[str, str]]:
    """The course pages the user's roles use, as (label, URL): a host's courses and the
    offering form, a reviewer's queue, applications for students, guardians and schools, and
    the allocation of the latest terms for the province. Shown on the catalogue."""
    actor = actor_for(user)
    links: list[tuple[str, str]] = []
    if host_organisations(actor):
        links += [
            (str(_("내 개설 과목")), reverse("courses:offerings")),
            (str(_("과목 개설")), reverse("courses:offering_new")),
        ]
    if actor.is_province or actor.region_ids:
        links.append((str(_("개설 승인")), reverse("courses:review_queue")))
    if (
        actor.student_id is not None
        or actor.guardian_student_ids
        or actor.is_province
        or (actor.organisations(Role.SCHOOL_STAFF))
    ):
        links.append((str(_("수강 신청")), reverse("courses:applications")))
    if actor.is_province:
        for term in Term.objects.order_by("-year", "-semester", "-pk")[:2]:
            links.append(
                (
                    str(_("수강 배정: %(term)s") % {"term": term.display_name}),
                    reverse("courses:allocation", args=[term.pk]),
                )
            )
    return links
