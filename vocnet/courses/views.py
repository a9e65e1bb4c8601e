"""Course pages: thin — call one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.core.permissions import actor_for
from vocnet.core.views import act
from vocnet.courses import selectors, services
from vocnet.courses.forms import (
    ApplicationForm,
    AttendanceForm,
    CatalogueFilterForm,
    CertificateCheckForm,
    CourseReturnForm,
    RunStartForm,
)
from vocnet.courses.models import RunStatus
from vocnet.courses.pdf import certificate_pdf
from vocnet.courses.policies import may_review


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    courses = selectors.catalogue(request.user, form.to_filter())
    page = paginate(request, courses)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "courses/catalogue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "breadcrumbs": [(_("공동교육과정 과목"), None)],
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    courses = selectors.review_queue(request.user)
    page = paginate(request, courses)
    return render(
        request,
        "courses/review_queue.html",
        {
            "page": page,
            "query": "",
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (_("개설 승인"), None),
            ],
        },
    )


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_detail(request.user, course_id)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "slots": course.slots.all(),
            "fields": course.fields.select_related("major"),
            "instructors": course.instructors.select_related("organisation"),
            "may_review": may_review(actor_for(request.user), course),
            "keeps_roster": selectors.keeps_roster(request.user, course),
            "return_form": CourseReturnForm(),
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (course.title, None),
            ],
        },
    )


@login_required
@require_POST
def course_review(request: HttpRequest, course_id: int) -> HttpResponse:
    """Approve (``decision=approve``) or return with a reason (``decision=return``)."""
    course = selectors.course_detail(request.user, course_id)
    if request.POST.get("decision") == "approve":
        return act(
            request,
            lambda: services.course_approve(actor=request.user, course=course),
            _("과목을 승인했습니다."),
            "courses:course",
            course.pk,
        )
    return act(
        request,
        lambda: services.course_return(
            actor=request.user, course=course, reason=request.POST.get("reason", "")
        ),
        _("과목을 반려했습니다."),
        "courses:course",
        course.pk,
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Applications and enrolments the user may see (a student their own, a school its
    students', a host its courses' rosters), with the school's confirm buttons."""
    applications = selectors.applications_visible(request.user)
    page = paginate(request, applications)
    enrolments = paginate(
        request, selectors.enrolments_visible(request.user), page_param="enrolments_page"
    )
    return render(
        request,
        "courses/applications.html",
        {
            "page": page,
            "query": "",
            "enrolments": enrolments,
            "confirmable": selectors.confirmable_application_ids(
                request.user, [a.pk for a in page]
            ),
            "open_terms": selectors.open_terms_for_student(request.user),
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (_("수강 신청"), None),
            ],
        },
    )


@login_required
@require_POST
def application_confirm(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_detail(request.user, application_id)
    return act(
        request,
        lambda: services.application_confirm(actor=request.user, application=application),
        _("수강 신청을 확인했습니다."),
        "courses:applications",
    )


@login_required
def apply(request: HttpRequest, term_id: int) -> HttpResponse:
    """The student's ranked choices for a term (a second submission replaces the first)."""
    selectors.require_student(request.user)
    term = selectors.term_detail(request.user, term_id)
    form = ApplicationForm(
        request.POST or None,
        courses=selectors.open_courses(request.user, term),
        max_choices=term.max_choices,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(actor=request.user, term=term, course_ids=form.course_ids())
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("수강 신청을 제출했습니다. 학교 확인을 기다립니다."))
            return redirect("courses:applications")
    return render(
        request,
        "courses/apply.html",
        {
            "term": term,
            "form": form,
            "breadcrumbs": [
                (_("수강 신청"), reverse("courses:applications")),
                (term.name, None),
            ],
        },
    )


@login_required
def allocation(request: HttpRequest, term_id: int) -> HttpResponse:
    """The province's allocation page: pre-checks, the runs with their live status."""
    selectors.require_province(request.user)
    term = selectors.term_detail(request.user, term_id)
    return render(
        request,
        "courses/allocation.html",
        {
            "term": term,
            "checks": services.term_prechecks(term),
            "runs": selectors.runs_visible(request.user, term),
            "form": RunStartForm(),
            "statuses": RunStatus,
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (_("수강 배정"), None),
            ],
        },
    )


@login_required
@require_POST
def allocation_start(request: HttpRequest, term_id: int) -> HttpResponse:
    term = selectors.term_detail(request.user, term_id)
    form = RunStartForm(request.POST)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None
    return act(
        request,
        lambda: services.allocation_start(actor=request.user, term=term, seed=seed),
        _("배정을 시작했습니다. 진행 상황이 이 화면에 표시됩니다."),
        "courses:allocation",
        term.pk,
    )


@login_required
def run_status(request: HttpRequest, run_id: int) -> HttpResponse:
    """The live status of a run (polled by the allocation page while it is queued or running)."""
    run = selectors.run_detail(request.user, run_id)
    return render(request, "courses/partials/run_status.html", {"run": run, "statuses": RunStatus})


@login_required
@require_POST
def run_confirm(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_detail(request.user, run_id)
    return act(
        request,
        lambda: services.allocation_confirm(actor=request.user, run=run),
        _("배정을 확정했습니다. 학생별 수강 과목이 만들어졌습니다."),
        "courses:allocation",
        run.term_id,
    )


def certificate_verify(request: HttpRequest) -> HttpResponse:
    """The public page that checks a certificate's verification code (no sign-in)."""
    form = CertificateCheckForm(request.GET or None)
    check = selectors.certificate_check(form.cleaned_data["code"]) if form.is_valid() else None
    return render(
        request,
        "courses/verify.html",
        {"form": form, "check": check, "asked": form.is_bound and form.is_valid()},
    )


@login_required
def enrolment_detail(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """A student's course record: attendance by session, completion and the certificate."""
    enrolment, marks = selectors.attendance_of(request.user, enrolment_id)
    return render(
        request,
        "courses/enrolment.html",
        {
            "enrolment": enrolment,
            "marks": marks,
            "breadcrumbs": [
                (_("수강 신청"), reverse("courses:applications")),
                (enrolment.course.title, None),
            ],
        },
    )


@login_required
def certificate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The completion certificate (이수증) PDF of a completed, visible enrolment."""
    enrolment = selectors.completed_enrolment(request.user, enrolment_id)
    verify_url = request.build_absolute_uri(reverse("courses:verify"))
    response = HttpResponse(certificate_pdf(enrolment, verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{enrolment.pk}.pdf"'
    return response


@login_required
def attendance(request: HttpRequest, course_id: int) -> HttpResponse:
    """The host ticks the roster for one session (출석부)."""
    course = selectors.course_roster(request.user, course_id)
    enrolments = selectors.roster(request.user, course)
    form = AttendanceForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                actor=request.user,
                course=course,
                held_on=form.cleaned_data["held_on"],
                present_enrolment_ids=form.cleaned_data["present"],
            )
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("출석을 기록했습니다."))
            return redirect("courses:attendance", course.pk)
    return render(
        request,
        "courses/attendance.html",
        {
            "course": course,
            "form": form,
            "sessions": selectors.sessions_of(request.user, course),
            "enrolments": enrolments,
            "breadcrumbs": [
                (course.title, reverse("courses:course", args=[course.pk])),
                (_("출석부"), None),
            ],
        },
    )


@login_required
@require_POST
def completion(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_roster(request.user, course_id)
    return act(
        request,
        lambda: services.completion_decide(actor=request.user, course=course),
        _("출석 기준에 따라 이수를 판정했습니다."),
        "courses:attendance",
        course.pk,
    )
