"""학과 개편 신청 pages: the list (a school's own, an office's area, the province's all), a new
proposal for school staff, and a proposal's page with the step its reader may take."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.demand.forms import (
    ProposalDecisionForm,
    ProposalForm,
    ProposalReviewForm,
    add_problems,
)
from vocnet.demand.models import ProposalStatus
from vocnet.demand.selectors import proposals as selectors
from vocnet.demand.services import proposals as services
from vocnet.demand.supply import current_school_year

# Each step and who may take it on the proposal as it stands (the services check again).
STEPS = {
    "forward": selectors.may_review,
    "return": selectors.may_review,
    "approve": selectors.may_decide,
    "reject": selectors.may_decide,
    "withdraw": selectors.may_withdraw,
}
FIELD_NAMES = {
    "department_id": "department",
    "target_field": "target_field",
    "proposed_intake": "proposed_intake",
    "new_name_ko": "new_name_ko",
    "start_year": "start_year",
    "reason": "reason",
    "kind": "kind",
}


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_see_proposals(user=request.user):
        raise permission_denied()
    status = request.GET.get("status") or None
    rows = selectors.proposal_list(user=request.user, status=status)
    page = paginate(request, rows)
    return render(
        request,
        "demand/proposals.html",
        {
            "page": page,
            "status": status,
            "statuses": ProposalStatus.choices,
            "can_propose": selectors.proposing_schools(user=request.user).exists(),
        },
    )


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    school = selectors.proposing_schools(user=request.user).first()
    if school is None:
        raise permission_denied()
    first_year = current_school_year(timezone.localdate()) + 1
    form = ProposalForm(
        request.POST or None,
        departments=selectors.proposal_departments(school=school),
        first_year=first_year,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=request.user,
                data=services.ProposalInput(
                    school_id=school.pk,
                    kind=data["kind"],
                    department_id=data["department"],
                    target_field=data["target_field"] or None,
                    proposed_intake=data["proposed_intake"] or 0,
                    new_name_ko=data["new_name_ko"],
                    start_year=data["start_year"],
                    reason=data["reason"],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, FIELD_NAMES)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("개편 신청을 냈습니다. 교육지원청이 검토합니다."))
            return redirect("demand:proposal", proposal.pk)
    return render(
        request,
        "demand/proposal_form.html",
        {"form": form, "school": school, "first_year": first_year},
    )


@login_required
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    return render(
        request,
        "demand/proposal_detail.html",
        {
            "proposal": proposal,
            "evidence": proposal.evidence,
            "may_review": selectors.may_review(user=request.user, proposal=proposal),
            "may_decide": selectors.may_decide(user=request.user, proposal=proposal),
            "may_withdraw": selectors.may_withdraw(user=request.user, proposal=proposal),
            "review_form": ProposalReviewForm(),
            "decision_form": ProposalDecisionForm(),
        },
    )


@login_required
@require_POST
def proposal_step(request: HttpRequest, proposal_id: int, step: str) -> HttpResponse:
    """forward / return (the office), approve / reject (the province), withdraw (the school);
    each needs ``confirm`` in the POST, as the buttons send after their confirmation."""
    proposal = selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    may_take = STEPS.get(step)
    if may_take is None or not may_take(user=request.user, proposal=proposal):
        raise permission_denied()
    if request.POST.get("confirm") != "1":
        messages.error(request, _("확인란에 표시한 뒤 다시 누르세요."))
        return redirect("demand:proposal", proposal.pk)
    text = request.POST.get("note") or request.POST.get("reason") or ""
    try:
        if step == "forward":
            services.proposal_forward(actor=request.user, proposal=proposal, note=text)
            done = _("도교육청에 올렸습니다.")
        elif step == "return":
            services.proposal_return(actor=request.user, proposal=proposal, reason=text)
            done = _("학교에 반려했습니다.")
        elif step in ("approve", "reject"):
            services.proposal_decide(
                actor=request.user, proposal=proposal, approve=step == "approve", reason=text
            )
            done = _("승인했습니다.") if step == "approve" else _("불승인했습니다.")
        else:
            services.proposal_withdraw(actor=request.user, proposal=proposal)
            done = _("신청을 취하했습니다.")
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, done)
    return redirect("demand:proposal", proposal.pk)
