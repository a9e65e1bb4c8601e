"""Review pages: the officer's pool, progress, stage closing, ranking and decisions; the
reviewer's queue, conflict declaration and scoring (blind in a blind stage 1, other reviewers'
scores hidden until the stage closes); the applicant's result, anonymous scores and comments,
and the objection within its window.

Review pages depend on who the user is, not only their authority: none uses the shared page
cache (docs/adr/0016-programmes.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import ValidationFailed, permission_denied
from vocnet.core.forms import add_problems, problem_text
from vocnet.programmes import selectors
from vocnet.programmes.forms import (
    ConflictForm,
    DecisionForm,
    ObjectionForm,
    ReviewerForm,
    ScoreForm,
)
from vocnet.programmes.models import Outcome, Score
from vocnet.programmes.services import review as services


def _call_crumbs(call: Any, *trail: tuple[Any, str | None]) -> list[Any]:
    return [
        (_("지정 공모"), reverse("programmes:list")),
        (call.title, reverse("programmes:call", args=[call.pk])),
        *trail,
    ]


# The officer -------------------------------------------------------------------------------


@login_required
def review_manage(request: HttpRequest, call_id: int) -> HttpResponse:
    """The call's review: the pool per stage (add a reviewer), progress, closing, results."""
    call = selectors.call_for_change(request.user, call_id)
    form = ReviewerForm(request.POST or None)
    stage_id = request.POST.get("stage") if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        stage = selectors.stage_for_change(request.user, int(stage_id or 0))
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error(
                "username",
                _("그런 아이디의 사용자가 없습니다.") + " / " + "No user has this username.",
            )
        else:
            membership = user.memberships.filter(is_active=True).first()
            try:
                services.reviewer_assign(
                    actor=request.user,
                    stage=stage,
                    user=user,
                    organisation_id=membership.organisation_id if membership else None,
                    is_external=form.cleaned_data["is_external"],
                )
            except ValidationFailed as error:
                add_problems(form, error.problems, {"user": "username"})
            else:
                messages.success(request, _("심사위원을 배정했습니다."))
                return redirect("programmes:review_manage", call.pk)
    return render(
        request,
        "programmes/review_manage.html",
        {
            "call": call,
            "form": form,
            "overview": selectors.review_overview(request.user, call),
            "breadcrumbs": _call_crumbs(call, (_("심사 관리"), None)),
        },
    )


@login_required
@require_POST
def stage_close(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage = selectors.stage_for_change(request.user, stage_id)
    try:
        services.stage_close(actor=request.user, stage=stage)
    except ValidationFailed as error:
        for problem in error.problems:
            messages.error(request, problem_text(problem))
    else:
        messages.success(request, _("평가 단계를 마감하고 순위를 매겼습니다."))
    return redirect("programmes:review_manage", stage.call_id)


@login_required
def decisions(request: HttpRequest, call_id: int) -> HttpResponse:
    """The officer's decision with reasons (selected, nominated, not selected, pilot)."""
    call = selectors.call_for_change(request.user, call_id)
    pending = list(selectors.undecided_applications(request.user, call))
    form = DecisionForm(request.POST or None, applications=pending)
    if request.method == "POST" and form.is_valid():
        try:
            services.decisions_record(actor=request.user, call=call, decisions=form.to_decisions())
        except ValidationFailed as error:
            add_problems(form, error.problems, form.field_names())
        else:
            messages.success(request, _("결정을 기록했습니다. 이의신청 기간이 시작됩니다."))
            return redirect("programmes:decisions", call.pk)
    return render(
        request,
        "programmes/decisions.html",
        {
            "call": call,
            "form": form,
            "decided": selectors.decisions_of(request.user, call),
            "overview": selectors.review_overview(request.user, call),
            "breadcrumbs": _call_crumbs(call, (_("결정"), None)),
        },
    )


@login_required
@require_POST
def nominee_pilot(request: HttpRequest, decision_id: int) -> HttpResponse:
    """A nominee the Ministry did not select becomes a one-year 경기협약형 pilot."""
    decision = selectors.decision_for_change(request.user, decision_id)
    try:
        services.nominee_designate_pilot(
            actor=request.user, decision=decision, reasons=request.POST.get("reasons", "")
        )
    except ValidationFailed as error:
        for problem in error.problems:
            messages.error(request, problem_text(problem))
    else:
        messages.success(request, _("1년 시범 운영으로 지정했습니다."))
    return redirect("programmes:decisions", decision.call_id)


# The reviewer ------------------------------------------------------------------------------


@login_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The user's assignments and, for each, the applications to declare on and score."""
    assignments = [
        (assignment, selectors.review_queue(assignment))
        for assignment in selectors.own_assignments(request.user)
    ]
    return render(
        request,
        "programmes/my_reviews.html",
        {
            "assignments": assignments,
            "breadcrumbs": [
                (_("지정 공모"), reverse("programmes:list")),
                (_("내 심사"), None),
            ],
        },
    )


@login_required
def review_application(
    request: HttpRequest, assignment_id: int, application_id: int
) -> HttpResponse:
    """One application as the reviewer sees it (blind where the call says so): the conflict
    declaration, then the scoring form — or the reason they may not score it."""
    assignment = selectors.own_assignment(request.user, assignment_id)
    view = selectors.application_for_review(request.user, assignment.pk, application_id)
    application = selectors.submitted_application_of(assignment, application_id)
    items = list(assignment.stage.call.rubric_items.all())
    declared = selectors.declaration_of(request.user, assignment, application)
    own = {s.item_id: s for s in selectors.own_scores(request.user, assignment, application)}
    initial: dict[str, Any] = {}
    for item_id, score in own.items():
        initial[f"points_{item_id}"] = score.points
        initial[f"comment_{item_id}"] = score.comment
    action = request.POST.get("action") if request.method == "POST" else None
    conflict_form = ConflictForm(request.POST if action == "conflict" else None)
    score_form = ScoreForm(
        request.POST if action == "scores" else None, initial=initial, items=items
    )
    if action == "conflict" and conflict_form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user,
                assignment=assignment,
                application=application,
                has_conflict=conflict_form.cleaned_data["has_conflict"],
                reason=conflict_form.cleaned_data["reason"],
            )
        except ValidationFailed as error:
            add_problems(conflict_form, error.problems)
        else:
            messages.success(request, _("이해충돌 여부를 신고했습니다."))
            return redirect("programmes:review_application", assignment.pk, application.pk)
    if action == "scores" and score_form.is_valid():
        try:
            services.scores_submit(
                actor=request.user,
                assignment=assignment,
                application=application,
                scores=score_form.to_scores(),
            )
        except ValidationFailed as error:
            add_problems(score_form, error.problems, score_form.field_names())
        else:
            messages.success(request, _("점수와 의견을 저장했습니다."))
            return redirect("programmes:my_reviews")
    refusals = services.review_refusals(assignment, application)
    # Other reviewers' scores: only once the stage closed (the policy decides; never before).
    others = (
        selectors.scores_visible(request.user, assignment.stage_id)
        .filter(application=application)
        .exclude(assignment=assignment)
        .select_related("item", "assignment")
        .order_by("assignment__code", "item__position")
        if assignment.stage.is_closed
        else Score.objects.none()
    )
    return render(
        request,
        "programmes/review_application.html",
        {
            "assignment": assignment,
            "view": view,
            "declared": declared,
            "conflict_form": conflict_form,
            "score_form": score_form,
            "refusals": [problem_text(p) for p in refusals],
            "others": others,
            "breadcrumbs": [
                (_("지정 공모"), reverse("programmes:list")),
                (_("내 심사"), reverse("programmes:my_reviews")),
                (view.code, None),
            ],
        },
    )


# The applicant -----------------------------------------------------------------------------


@login_required
def feedback(request: HttpRequest, application_id: int) -> HttpResponse:
    """The decision, its reasons, and per stage and item the mean points and the comments —
    never who gave them; the lead school's objection within the window."""
    application = selectors.application_detail(request.user, application_id)
    result = selectors.applicant_feedback(request.user, application.pk)
    may_object = selectors.can_change_application(request.user, application)
    if request.method == "POST" and not may_object:
        raise permission_denied()
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.objection_lodge(
                actor=request.user, application=application, text=form.cleaned_data["text"]
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, {"lodged_at": "text"})
        else:
            messages.success(request, _("이의신청을 접수했습니다."))
            return redirect("programmes:feedback", application.pk)
    return render(
        request,
        "programmes/feedback.html",
        {
            "application": application,
            "result": result,
            "outcome_label": Outcome(result.outcome).label,
            "form": form,
            "may_object": may_object and timezone.now() <= result.objection_deadline,
            "objections": selectors.objections_of(request.user, application),
            "breadcrumbs": [
                (_("지정 공모"), reverse("programmes:list")),
                (application.title, reverse("programmes:application", args=[application.pk])),
                (_("심사 결과"), None),
            ],
        },
    )
