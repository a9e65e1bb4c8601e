"""Placement pages: the list (with the Excel export that asks for a reason), the detail with
its contract and actions, signing, amending, and the printable PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import (
    DomainError,
    ValidationFailed,
    not_found,
    permission_denied,
    reraise_refusal,
)
from vocnet.core.pagination import paginate
from vocnet.core.views import act
from vocnet.placements import selectors, services
from vocnet.placements.forms import (
    AmendForm,
    ExportReasonForm,
    PlacementFilterForm,
    ReasonForm,
    add_problems,
)
from vocnet.placements.models import ContractParty, PlacementContract
from vocnet.placements.pdf import contract_pdf
from vocnet.placements.services.consent_checks import CONSENTING_PARTIES
from vocnet.placements.views.common import query_of
from vocnet.placements.views.progress import progress_context
from vocnet.privacy.services import record_personal_data_access
from vocnet.spreadsheets.exporting import content_disposition


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("현장실습 배치"), reverse("placements:placements")), *trail]


def _with_query(url: str, request: HttpRequest, *, drop: tuple[str, ...]) -> str:
    query = request.GET.copy()
    for key in (*drop, "reason"):
        query.pop(key, None)
    return f"{url}?{query.urlencode()}" if query else url


@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    form = PlacementFilterForm(request.GET or None)
    placements = selectors.placement_list(user=request.user, filters=form.to_filters())
    page = paginate(request, placements, deferred=True)
    record_personal_data_access(request=request, subjects=[p.student for p in page], action="view")
    query = query_of(request)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "export_form": ExportReasonForm(),
        # The export is a POST (it writes the access log); the page's filters ride along in
        # its address, the reason in its body.
        "export_action": _with_query(reverse("api:export_placements"), request, drop=("page",)),
        "awaiting_signature": form.to_filters().awaiting_signature,
        "breadcrumbs": [(_("현장실습 배치"), None)],
    }
    return render(request, "placements/placements.html", context)


def _contract_of(placement: Any) -> PlacementContract | None:
    try:
        contract: PlacementContract = placement.contract
    except PlacementContract.DoesNotExist:
        return None
    return contract


@login_required
def placement_detail(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    contract = _contract_of(placement)
    if contract is not None:
        contract = selectors.contract_get(user=request.user, contract_id=contract.pk)
    version = contract.current_version if contract is not None else None
    parties = services.version_parties(version) if version is not None else {}
    mine = selectors.parties_for(user=request.user, placement=placement)
    labels = dict(ContractParty.choices)
    context = {
        "placement": placement,
        "contract": contract,
        "version": version,
        "versions": list(contract.versions.all()) if contract is not None else [],
        "parties": [(labels[p], s) for p, s in parties.items()],
        "can_sign": [
            (p, labels[p]) for p in mine if version is not None and version.status == "signing"
            and parties.get(p) is None
        ],
        "can_act": selectors.can_act_on(user=request.user, placement=placement),
        # The student and the guardian sign on the consent page (ADR 0033).
        "consenting": [p for p in mine if p in CONSENTING_PARTIES],
        "has_signatures": contract is not None
        and any(v.signatures.all() for v in contract.versions.all()),
        "reason_form": ReasonForm(),
        "breadcrumbs": _crumbs((placement.student.name, None)),
        **progress_context(request, placement),
    }  # fmt: skip
    return render(request, "placements/placement_detail.html", context)


def _placement_action(request: HttpRequest, placement_id: int, action: Any, done: str) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    reason = request.POST.get("reason", "")
    kwargs: dict[str, Any] = {"reason": reason} if action in (
        services.placement_cancel, services.placement_terminate) else {}  # fmt: skip
    if action is services.placement_terminate:
        try:
            kwargs["notice_on"] = date.fromisoformat(request.POST.get("notice_on", ""))
        except ValueError:
            kwargs["notice_on"] = None
        kwargs["notice"] = request.POST.get("notice", "")[:2000]

    def run() -> None:
        action(actor=request.user, placement=placement, **kwargs)
        record_personal_data_access(request=request, subjects=[placement.student], action="change")

    return act(request, run, done, "placements:placement", placement.pk)


@login_required
@require_POST
def placement_cancel(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_action(
        request, placement_id, services.placement_cancel, _("배치를 취소했습니다.")
    )


@login_required
@require_POST
def placement_start(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_action(
        request, placement_id, services.placement_start, _("실습을 시작했습니다.")
    )


@login_required
@require_POST
def placement_complete(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_action(
        request, placement_id, services.placement_complete, _("수료 처리했습니다.")
    )


@login_required
@require_POST
def placement_terminate(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_action(
        request, placement_id, services.placement_terminate, _("실습을 중도 종료했습니다.")
    )


@login_required
@require_POST
def contract_draft(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    return act(
        request,
        lambda: services.contract_draft(actor=request.user, placement=placement),
        _("표준협약서를 작성했습니다. 네 당사자가 실습 시작일 전에 서명해야 합니다."),
        "placements:placement",
        placement.pk,
    )


@login_required
@require_POST
def contract_sign(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    party = request.POST.get("party") or None
    return act(
        request,
        lambda: services.contract_sign(actor=request.user, contract=contract, party=party),
        _("서명했습니다."),
        "placements:placement",
        contract.placement_id,
    )


@login_required
def contract_amend(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    if not selectors.can_act_on(user=request.user, placement=contract.placement):
        raise permission_denied()
    version = contract.current_version
    if version is None:
        raise not_found(_("협약서 판"), "Contract version")
    form = AmendForm(request.POST or None, initial=AmendForm.initial_for(version.terms))
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_amend(
                actor=request.user, contract=contract, changes=form.to_changes()
            )
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
            if isinstance(error, ValidationFailed):
                add_problems(form, error.problems)
        else:
            record_personal_data_access(
                request=request, subjects=[contract.placement.student], action="change"
            )
            messages.success(
                request, _("변경 협약서를 만들었습니다. 네 당사자가 다시 서명해야 합니다.")
            )
            return redirect("placements:placement", contract.placement_id)
    context = {
        "form": form,
        "contract": contract,
        "breadcrumbs": _crumbs(
            (contract.placement.student.name,
             reverse("placements:placement", args=[contract.placement_id])),
            (_("협약 변경"), None),
        ),
    }  # fmt: skip
    return render(request, "placements/contract_amend.html", context)


@login_required
def contract_print(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    version = contract.current_version
    if version is None:
        raise not_found(_("협약서 판"), "Contract version")
    record_personal_data_access(
        request=request, subjects=[contract.placement.student], action="view"
    )
    response = HttpResponse(contract_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-contract-{contract.pk}-v{version.number}.pdf",
        f"현장실습_표준협약서_{contract.pk}_{version.number}판.pdf",
    ).replace("attachment", "inline")
    return response
