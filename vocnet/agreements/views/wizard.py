"""The create/amend wizard: basics → parties and pillars → commitments and yearly targets →
review. The draft lives on the server as the agreement's draft version; every step posts to
a service and redirects (POST/redirect/GET), so a step can be left and resumed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.agreements import selectors, services
from vocnet.agreements.forms import (
    BasicsForm,
    CommitmentForm,
    PartyForm,
    PartySearchForm,
    add_problems,
    problem_text,
)
from vocnet.agreements.fulfilment import agreement_years
from vocnet.agreements.models import Agreement, PartyRole, Pillar, VersionStatus
from vocnet.agreements.pillars import pillars_led_by
from vocnet.agreements.services.drafting import (
    draft_commitment_remove,
    draft_commitment_save,
    draft_party_inputs,
)
from vocnet.agreements.views.pages import breadcrumbs
from vocnet.core.errors import DomainError, ValidationFailed, reraise_refusal

STEPS = (
    ("basics", "기본 정보"),
    ("parties", "당사자와 5대 요소"),
    ("commitments", "약속과 연차 목표"),
    ("review", "검토와 서명 요청"),
)


def _message(error: DomainError) -> str:
    from django.utils import translation

    return error.message_en if translation.get_language() == "en" else error.message_ko


def _draft(request: HttpRequest, agreement_id: int) -> tuple[Agreement, HttpResponse | None]:
    """The agreement if its newest version is a draft the user may edit; otherwise a
    redirect to the detail page with the reason."""
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    version = agreement.current_version
    if version is None or version.status != VersionStatus.DRAFT:
        messages.error(request, _("작성 중인 판이 없어 고칠 수 없습니다."))
        return agreement, redirect("agreements:detail", agreement.pk)
    if not selectors.can_change(request.user, agreement):
        messages.error(request, _("주관 기관 담당자와 도교육청만 협약안을 고칠 수 있습니다."))
        return agreement, redirect("agreements:detail", agreement.pk)
    return agreement, None


def _context(agreement: Agreement | None, step: str, **extra: Any) -> dict[str, Any]:
    title = agreement.title if agreement else _("새 협약")
    trail: list[tuple[Any, str | None]] = []
    if agreement is not None:
        trail.append((agreement.title, reverse("agreements:detail", args=[agreement.pk])))
    trail.append((_("협약안 작성"), None))
    return {
        "agreement": agreement,
        "steps": [(key, _(label)) for key, label in STEPS],
        "step": step,
        "title": title,
        "is_amendment": bool(agreement and agreement.in_force_version_id),
        "breadcrumbs": breadcrumbs(*trail),
        **extra,
    }


def _save_parties(
    request: HttpRequest, agreement: Agreement, parties: list[services.PartyInput]
) -> list[Any]:
    """Write the parties; the problems when refused (empty on success)."""
    try:
        services.agreement_update_draft(
            actor=request.user, agreement=agreement, changes=services.DraftChanges(parties=parties)
        )
    except ValidationFailed as error:
        return list(error.problems)
    return []


# Step 1 --------------------------------------------------------------------------------------


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    lead_choices = selectors.lead_choices(user=request.user)
    form = BasicsForm(request.POST or None, lead_choices=lead_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.agreement_create_draft(
                actor=request.user,
                data=services.AgreementInput(
                    kind_code=data["kind"],
                    title=data["title"],
                    lead_organisation_id=data["lead_organisation"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                ),
            )
        except ValidationFailed as error:
            add_problems(
                form,
                error.problems,
                {"kind_code": "kind", "lead_organisation_id": "lead_organisation"},
            )
        else:
            messages.success(request, _("협약안을 만들었습니다. 당사자를 추가하세요."))
            return redirect("agreements:edit_parties", agreement.pk)
    return render(request, "agreements/wizard_basics.html", _context(None, "basics", form=form))


@login_required
def agreement_edit_basics(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement, refused = _draft(request, agreement_id)
    if refused:
        return refused
    version = agreement.current_version
    assert version is not None
    is_amendment = agreement.in_force_version_id is not None
    initial = {
        "kind": agreement.kind.code,
        "title": version.title,
        "lead_organisation": agreement.lead_organisation_id,
        "start_date": version.start_date,
        "end_date": version.end_date,
        "change_note": version.change_note,
    }
    lead_choices = selectors.lead_choices(user=request.user)
    if agreement.lead_organisation_id not in {pk for pk, _name in lead_choices}:
        lead_choices.append((agreement.lead_organisation_id, agreement.lead_organisation.name_ko))
    form = BasicsForm(
        request.POST or None,
        initial=initial,
        lead_choices=lead_choices,
        is_amendment=is_amendment,
        fixed_kind_and_lead=is_amendment,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = services.DraftChanges(
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            change_note=data.get("change_note") if is_amendment else None,
            kind_code=None if is_amendment else data["kind"],
            lead_organisation_id=None if is_amendment else data["lead_organisation"],
        )
        try:
            services.agreement_update_draft(
                actor=request.user, agreement=agreement, changes=changes
            )
        except ValidationFailed as error:
            add_problems(
                form,
                error.problems,
                {"kind_code": "kind", "lead_organisation_id": "lead_organisation"},
            )
        else:
            messages.success(request, _("기본 정보를 저장했습니다."))
            return redirect("agreements:edit_parties", agreement.pk)
    return render(
        request, "agreements/wizard_basics.html", _context(agreement, "basics", form=form)
    )


# Step 2 --------------------------------------------------------------------------------------


@login_required
def agreement_edit_parties(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement, refused = _draft(request, agreement_id)
    if refused:
        return refused
    version = agreement.current_version
    assert version is not None
    parties = selectors.version_parties(version)
    problems: list[Any] = []
    if request.method == "POST":
        action = request.POST.get("action")
        inputs = draft_party_inputs(version)
        if action == "add":
            organisation_id = int(request.POST.get("organisation_id") or 0)
            candidates = selectors.party_candidates(
                user=request.user, q=request.POST.get("name", ""), exclude=set()
            )
            organisation = next((o for o in candidates if o.pk == organisation_id), None)
            if organisation is not None:
                inputs.append(
                    services.PartyInput(
                        organisation.pk,
                        PartyRole.MEMBER,
                        pillars_led_by(organisation.kind) or [Pillar.INDUSTRY_LINKAGE],
                        commitments=[],
                    )
                )
        elif action == "remove":
            removed = int(request.POST.get("organisation_id") or 0)
            inputs = [p for p in inputs if p.organisation_id != removed]
        elif action == "save":
            for party in inputs:
                form = PartyForm(request.POST, prefix=f"p{party.organisation_id}")
                if form.is_valid():
                    party.role = form.cleaned_data["role"]
                    party.pillars = list(form.cleaned_data["pillars"])
                else:
                    party.pillars = []
        problems = _save_parties(request, agreement, inputs)
        if not problems:
            messages.success(request, _("당사자를 저장했습니다."))
            if action == "save" and request.POST.get("next"):
                return redirect("agreements:edit_commitments", agreement.pk)
            return redirect("agreements:edit_parties", agreement.pk)
    search = PartySearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    rows = [
        (
            p,
            PartyForm(
                initial={"role": p.role, "pillars": p.pillars}, prefix=f"p{p.organisation_id}"
            ),
        )
        for p in parties
    ]
    context = _context(
        agreement,
        "parties",
        rows=rows,
        search=search,
        query=query,
        candidates=selectors.party_candidates(
            user=request.user, q=query, exclude={p.organisation_id for p in parties}
        ),
        problems=[problem_text(p) for p in problems],
    )
    return render(
        request, "agreements/wizard_parties.html", context, status=422 if problems else 200
    )


# Step 3 --------------------------------------------------------------------------------------


@login_required
def agreement_edit_commitments(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement, refused = _draft(request, agreement_id)
    if refused:
        return refused
    version = agreement.current_version
    assert version is not None
    parties = selectors.version_parties(version)
    years = agreement_years(version.start_date, version.end_date)
    party_choices = [(p.organisation_id, p.organisation.name_ko) for p in parties]
    editing = request.GET.get("edit") or request.POST.get("key") or ""
    initial: dict[str, Any] = {}
    for party in parties:
        for commitment in party.commitments.all():
            if str(commitment.lineage) == editing:
                initial = {
                    "party": party.organisation_id,
                    "kind": commitment.kind,
                    "unit": commitment.unit,
                    "pillar": commitment.pillar,
                    "description": commitment.description,
                    **{f"target_{t.year_index}": t.quantity for t in commitment.targets.all()},
                }
    form = CommitmentForm(
        request.POST if request.POST.get("action") == "save" else None,
        initial=initial,
        parties=party_choices,
        years=len(years),
    )
    problems: list[Any] = []
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "remove" or (action == "save" and form.is_valid()):
        try:
            if action == "remove":
                draft_commitment_remove(
                    actor=request.user, agreement=agreement, key=request.POST.get("key", "")
                )
            else:
                data = form.cleaned_data
                draft_commitment_save(
                    actor=request.user,
                    agreement=agreement,
                    organisation_id=data["party"],
                    commitment=services.CommitmentInput(
                        kind=data["kind"],
                        pillar=data["pillar"],
                        description=data["description"],
                        targets=form.targets(),
                        unit=data["unit"] or None,
                        key=editing or None,
                    ),
                )
        except ValidationFailed as error:
            problems = list(error.problems)
        else:
            messages.success(request, _("약속을 저장했습니다."))
            return redirect("agreements:edit_commitments", agreement.pk)
    context = _context(
        agreement,
        "commitments",
        parties=parties,
        years=years,
        form=form,
        editing=editing,
        problems=[problem_text(p) for p in problems],
    )
    status = 422 if problems or (request.method == "POST" and form.errors) else 200
    return render(request, "agreements/wizard_commitments.html", context, status=status)


# Step 4 --------------------------------------------------------------------------------------


@login_required
def agreement_review(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement, refused = _draft(request, agreement_id)
    if refused:
        return refused
    version = agreement.current_version
    assert version is not None
    context = _context(
        agreement,
        "review",
        version=version,
        parties=selectors.version_parties(version),
        years=agreement_years(version.start_date, version.end_date),
        problems=[
            problem_text(p)
            for p in selectors.draft_problems(user=request.user, agreement=agreement)
        ],
    )
    return render(request, "agreements/wizard_review.html", context)


@login_required
@require_POST
def agreement_circulate(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    try:
        services.agreement_circulate(actor=request.user, agreement=agreement)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, _message(error))
        return redirect("agreements:review", agreement.pk)
    messages.success(request, _("서명을 요청했습니다. 모든 당사자가 서명하면 효력이 생깁니다."))
    return redirect("agreements:detail", agreement.pk)
