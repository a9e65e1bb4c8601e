"""Offering pages (과목 개설): a host's courses, the offering form (new and edit, weekly slots or
dated sessions), the submission for approval and the instructor register. Thin: parse, call
one service or selector, render; the rules and their messages are the services'."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, ValidationFailed, reraise_refusal
from vocnet.core.forms import add_problems
from vocnet.core.pagination import paginate
from vocnet.core.views import act
from vocnet.courses import selectors_offering as offering
from vocnet.courses import services
from vocnet.courses.forms_offering import (
    DATED,
    CourseOfferingForm,
    InstructorForm,
    SessionFormSet,
    SlotFormSet,
    initial_of,
    put_problems,
    sessions_of,
    slots_of,
)
from vocnet.courses.models import Course
from vocnet.courses.services.offering_edit import course_offer, course_update


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("공동교육과정 과목"), reverse("courses:catalogue")),
        (_("내 개설 과목"), reverse("courses:offerings")),
        *trail,
    ]


@login_required
def offering_list(request: HttpRequest) -> HttpResponse:
    """The courses of the user's organisations in every state, with the reviewer's reason of
    a returned one."""
    page = paginate(request, offering.offerings(request.user))
    return render(
        request,
        "courses/offering/list.html",
        {
            "page": page,
            "query": "",
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (_("내 개설 과목"), None),
            ],
        },
    )


def _forms(request: HttpRequest, course: Course | None) -> tuple[CourseOfferingForm, Any, Any]:
    hosts = offering.host_organisations_of(request.user)
    host_ids = [course.host_id] if course is not None else [h.pk for h in hosts]
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = initial_of(course) if course is not None else {}
    slot_initial: list[dict[str, Any]] = []
    session_initial: list[dict[str, Any]] = []
    if course is not None:
        slot_initial = [
            {"weekday": s.weekday, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in course.slots.all()
        ]
        session_initial = [
            {"held_on": s["date"], "starts_at": s["starts_at"], "ends_at": s["ends_at"]}
            for s in course.planned_sessions
        ]
    form = CourseOfferingForm(
        data,
        initial=initial,
        terms=offering.offering_terms(request.user),
        hosts=hosts,
        fields=offering.ncs_fields(),
        regions=offering.regions(),
        schools=offering.schools(),
        departments=offering.departments(),
        instructors=offering.instructors_of(request.user, host_ids),
        editing=course is not None,
    )
    if course is not None and course.planned_sessions:
        slot_initial = []  # derived from the dates: the form shows the dates only
    slot_formset = SlotFormSet(data, prefix="slots", initial=slot_initial)
    session_formset = SessionFormSet(data, prefix="sessions", initial=session_initial)
    return form, slot_formset, session_formset


def _save(
    request: HttpRequest,
    course: Course | None,
    form: CourseOfferingForm,
    slot_formset: Any,
    session_formset: Any,
) -> Course | None:
    """Call the service once every part parsed; its problems go back on their fields."""
    if not form.is_valid():
        return None
    dated = form.cleaned_data["schedule_kind"] == DATED
    schedule = session_formset if dated else slot_formset
    if not schedule.is_valid():
        return None
    slots, slot_rows = slots_of(slot_formset) if not dated else ([], [])
    sessions, session_rows = sessions_of(session_formset) if dated else ([], [])
    data, planned = form.to_input(slots, sessions)
    try:
        if course is None:
            return course_offer(actor=request.user, data=data, planned_sessions=planned)
        return course_update(actor=request.user, course=course, data=data, planned_sessions=planned)
    except ValidationFailed as error:
        put_problems(form, slot_formset, session_formset, error.problems, slot_rows, session_rows)
    except DomainError as error:
        reraise_refusal(error)
        form.add_error(None, error.localized)
    return None


def _render_form(
    request: HttpRequest,
    course: Course | None,
    form: CourseOfferingForm,
    slot_formset: Any,
    session_formset: Any,
) -> HttpResponse:
    title = _("과목 고치기") if course is not None else _("과목 개설")
    return render(
        request,
        "courses/offering/form.html",
        {
            "course": course,
            "form": form,
            "slot_formset": slot_formset,
            "session_formset": session_formset,
            "page_title": title,
            "breadcrumbs": _crumbs((title, None)),
        },
    )


@login_required
def offering_new(request: HttpRequest) -> HttpResponse:
    """Offer a course (a draft of the host organisation, submitted for approval later)."""
    form, slot_formset, session_formset = _forms(request, None)
    if request.method == "POST":
        course = _save(request, None, form, slot_formset, session_formset)
        if course is not None:
            messages.success(
                request, _("과목을 저장했습니다(작성 중). 내용을 확인하고 승인을 요청하세요.")
            )
            return redirect("courses:course", course.pk)
    return _render_form(request, None, form, slot_formset, session_formset)


@login_required
def offering_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    """Edit a draft or returned course of the user's organisation (the reviewer's reason of a
    returned course is shown above the form)."""
    course = offering.editable_course(request.user, course_id)
    form, slot_formset, session_formset = _forms(request, course)
    if request.method == "POST":
        saved = _save(request, course, form, slot_formset, session_formset)
        if saved is not None:
            messages.success(request, _("과목을 고쳤습니다. 승인을 다시 요청하세요."))
            return redirect("courses:course", saved.pk)
    return _render_form(request, course, form, slot_formset, session_formset)


@login_required
@require_POST
def offering_submit(request: HttpRequest, course_id: int) -> HttpResponse:
    """Send a draft or returned course for approval (승인 요청)."""
    course = offering.editable_course(request.user, course_id)
    return act(
        request,
        lambda: services.course_submit(actor=request.user, course=course),
        _("승인을 요청했습니다. 교육지원청(도 단위 과목은 도교육청)이 검토합니다."),
        "courses:course",
        course.pk,
    )


@login_required
def instructor_new(request: HttpRequest) -> HttpResponse:
    """Register an instructor of one of the user's organisations (강사 등록); goes back to the
    offering form it was opened from (``next``)."""
    organisations = offering.host_organisations_of(request.user)
    form = InstructorForm(request.POST or None, organisations=organisations)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            instructor = services.instructor_register(
                actor=request.user,
                name=data["name"],
                organisation_id=data["organisation_id"],
                qualification=data.get("qualification", ""),
                is_industry=bool(data.get("is_industry")),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(
                request,
                _("강사 %(name)s 님을 등록했습니다. 과목의 강사로 고를 수 있습니다.")
                % {"name": instructor.name},
            )
            return redirect(back or "courses:offerings")
    return render(
        request,
        "courses/offering/instructor_form.html",
        {
            "form": form,
            "next": back,
            "instructors": offering.instructors_of(request.user, [o.pk for o in organisations]),
            "breadcrumbs": _crumbs((_("강사 등록"), None)),
        },
    )
