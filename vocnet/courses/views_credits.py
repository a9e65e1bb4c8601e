"""Pages of credits recognised by the home school (학점 인정), the student's learning record
(학습 이력) and the hires of a company-tailored class (채용 기록): thin — one selector or
service call each."""

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
from vocnet.core.views import act
from vocnet.courses import selectors, selectors_credits, services
from vocnet.courses.forms import RunStartForm
from vocnet.courses.forms_credits import CreditDecisionForm, HireForm


@login_required
def credit_queue(request: HttpRequest) -> HttpResponse:
    """The school's queue of completed courses whose credits wait for a decision. A POST
    chooses rows and a decision and shows them for confirmation; the confirmed POST
    (``confirmed=1``) decides them all at once."""
    selectors_credits.require_school_staff(request.user)
    queue = selectors_credits.credit_queue(request.user)
    form = CreditDecisionForm(request.POST or None, rows=queue)
    if request.method == "POST" and form.is_valid():
        chosen = selectors_credits.queue_rows(request.user, form.cleaned_data["enrolment_ids"])
        if request.POST.get("confirmed") == "1":
            try:
                decisions = services.credits_decide(
                    actor=request.user,
                    enrolment_ids=form.cleaned_data["enrolment_ids"],
                    recognise=form.recognise,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                reraise_refusal(error)
                form.add_error(None, error.localized)
            else:
                messages.success(
                    request,
                    _("%(count)d건의 학점을 결정했습니다.") % {"count": len(decisions)},
                )
                return redirect("courses:credit_queue")
        else:
            return render(
                request,
                "courses/credits/confirm.html",
                {
                    "form": form,
                    "chosen": chosen,
                    "recognise": form.recognise,
                    "breadcrumbs": [
                        (_("학점 인정"), reverse("courses:credit_queue")),
                        (_("결정 확인"), None),
                    ],
                },
            )
    page = paginate(request, queue)
    return render(
        request,
        "courses/credits/queue.html",
        {
            "form": form,
            "page": page,
            "query": "",
            "breadcrumbs": [(_("학점 인정"), None)],
        },
    )


def _record_page(request: HttpRequest, student_id: int) -> HttpResponse:
    record = selectors_credits.learning_record(request.user, student_id)
    return render(
        request,
        "courses/credits/record.html",
        {
            "record": record,
            "breadcrumbs": [(_("학습 이력"), None)],
        },
    )


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """The signed-in student's own learning record."""
    return _record_page(request, selectors_credits.own_student_id(request.user))


@login_required
def learning_record(request: HttpRequest, student_id: int) -> HttpResponse:
    """A student's learning record: every completed course and the credits recognised."""
    return _record_page(request, student_id)


@login_required
def hires(request: HttpRequest, course_id: int) -> HttpResponse:
    """The company records which students of its tailored class it hired."""
    course = selectors_credits.tailored_course(request.user, course_id)
    roster = selectors.roster(request.user, course)
    form = HireForm(request.POST or None, enrolments=roster)
    if request.method == "POST" and form.is_valid():
        try:
            services.hires_record(
                actor=request.user,
                course=course,
                student_ids=form.cleaned_data["student_ids"],
                hired_on=form.cleaned_data["hired_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("채용을 기록했습니다."))
            return redirect("courses:hires", course.pk)
    recorded = selectors_credits.hires_of(request.user, course)
    return render(
        request,
        "courses/credits/hires.html",
        {
            "course": course,
            "form": form,
            "hires": recorded,
            "hired": len(recorded),
            "breadcrumbs": [
                (course.title, reverse("courses:course", args=[course.pk])),
                (_("채용 기록"), None),
            ],
        },
    )


@login_required
@require_POST
def allocation_follow_up(request: HttpRequest, term_id: int) -> HttpResponse:
    """Start the follow-up round for the seats left (the province, after a confirmed round)."""
    term = selectors.term_detail(request.user, term_id)
    form = RunStartForm(request.POST)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None
    return act(
        request,
        lambda: services.allocation_follow_up_start(actor=request.user, term=term, seed=seed),
        _("추가 배정을 시작했습니다. 진행 상황이 이 화면에 표시됩니다."),
        "courses:allocation",
        term.pk,
    )
