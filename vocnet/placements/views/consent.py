"""The consent pages (issue 15 §3, ADR 0033): the student's or guardian's signing page with the
whole agreement text, a checkbox per key item and the password; the withdrawal of consent;
the receipt PDF; and the public receipt check (no sign-in)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from vocnet.core.errors import (
    DomainError,
    ValidationFailed,
    not_found,
    permission_denied,
    reraise_refusal,
)
from vocnet.core.i18n import duration
from vocnet.placements import selectors
from vocnet.placements.consent import ITEMS, ConsentGiven, reauthentication_is_fresh
from vocnet.placements.forms import add_problems
from vocnet.placements.forms.consent import (
    ConsentSignForm,
    ReceiptCheckForm,
    WithdrawConsentForm,
)
from vocnet.placements.models import (
    ContractParty,
    ContractVersionStatus,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.pdf import contract_text_context, receipt_pdf
from vocnet.placements.selectors.consent import receipt_check
from vocnet.placements.services.consent import (
    contract_consent_sign,
    contract_withdraw_consent,
    reauthenticate,
    reauthenticated_at,
    receipt_issue,
    receipt_version,
)
from vocnet.placements.services.consent_checks import CONSENTING_PARTIES, consent_problems
from vocnet.privacy.services import record_personal_data_access
from vocnet.spreadsheets.exporting import content_disposition


def _my_parties(request: HttpRequest, contract: PlacementContract) -> list[str]:
    parties = selectors.parties_for(user=request.user, placement=contract.placement)
    return [p for p in parties if p in CONSENTING_PARTIES]


def _fresh(request: HttpRequest) -> bool:
    return reauthentication_is_fresh(reauthenticated_at(request.session), timezone.now())


def _item_labels(terms: dict[str, Any]) -> dict[str, str]:
    """What each checkbox says it consents to, with the figures of the version."""
    period = terms["period"]
    return {
        "hours": _(
            "실습 기간 %(start)s ~ %(end)s, 하루 최대 %(daily)s·주 %(weekly)s의 실습 시간"
            "(협약서 2·3항)에 동의합니다."
        )
        % {
            "start": period["start_date"],
            "end": period["end_date"],
            "daily": duration(terms["daily_max_minutes"]),
            "weekly": duration(terms["weekly_minutes"]),
        },
        "allowance": _("현장실습 수당 월 %(amount)s원(협약서 5항)에 동의합니다.")
        % {"amount": f"{terms['allowance_krw']:,}"},
        "safety": _("기업의 안전·보건 조치와 학교의 안전교육(협약서 7·8항)에 동의합니다."),
        "insurance": _("산재보험 적용과 보험급여(협약서 7항)에 동의합니다."),
        "personal_data": _("현장실습 운영을 위한 개인정보 이용(협약서 9항)에 동의합니다."),
    }


def _page(
    request: HttpRequest,
    contract: PlacementContract,
    sign_form: ConsentSignForm | None = None,
    withdraw_form: WithdrawConsentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    version = contract.current_version
    if version is None:
        raise not_found(_("협약서 판"), "Contract version")
    mine = _my_parties(request, contract)
    signatures = {s.party: s for s in version.signatures.all()}
    placement = contract.placement
    to_sign = (
        [p for p in mine if p not in signatures]
        if version.status == ContractVersionStatus.SIGNING
        else []
    )
    start = date.fromisoformat(version.terms["period"]["start_date"])
    before_start = (
        placement.status in (PlacementStatus.MATCHED, PlacementStatus.CONTRACTED)
        and timezone.localdate() < start
    )
    signed_live = [
        p
        for v in contract.versions.all()
        if v.status in (ContractVersionStatus.SIGNING, ContractVersionStatus.SIGNED)
        for p in mine
        if any(s.party == p for s in v.signatures.all())
    ]
    labels = dict(ContractParty.choices)
    if sign_form is None:
        sign_form = ConsentSignForm(needs_password=not _fresh(request))
    item_labels = _item_labels(version.terms)
    context = {
        "contract": contract,
        "placement": placement,
        "version": version,
        **contract_text_context(version),
        "signatures": [(labels[p], signatures.get(p)) for p in ContractParty.values],
        "to_sign": [(p, labels[p]) for p in to_sign],
        "sign_form": sign_form,
        "consent_fields": [(sign_form[item.field], item_labels[item.code]) for item in ITEMS],
        "withdrawable": [(p, labels[p]) for p in dict.fromkeys(signed_live)]
        if before_start
        else [],
        "withdraw_form": withdraw_form or WithdrawConsentForm(),
        "withdrawals": list(contract.withdrawals.order_by("withdrawn_at")),
        "has_receipt": receipt_version(contract) is not None,
        "breadcrumbs": [
            (_("현장실습 배치"), reverse("placements:placements")),
            (placement.student.name, reverse("placements:placement", args=[placement.pk])),
            (_("표준협약서 서명"), None),
        ],
    }
    return render(request, "placements/consent/sign.html", context, status=status)


def _contract(request: HttpRequest, contract_id: int) -> PlacementContract:
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    if not _my_parties(request, contract):
        raise permission_denied()
    return contract


@never_cache
@sensitive_post_parameters("password")
@login_required
def contract_consent(request: HttpRequest, contract_id: int) -> HttpResponse:
    """GET: the signing page. POST ``action=sign``: re-authenticate when needed, then sign
    with the items ticked; ``action=withdraw``: withdraw consent with a reason."""
    contract = _contract(request, contract_id)
    record_personal_data_access(
        request=request,
        subjects=[contract.placement.student],
        action="change" if request.method == "POST" else "view",
    )
    if request.method != "POST":
        return _page(request, contract)
    if request.POST.get("action") == "withdraw":
        return _withdraw(request, contract)
    return _sign(request, contract)


def _sign(request: HttpRequest, contract: PlacementContract) -> HttpResponse:
    form = ConsentSignForm(request.POST, needs_password=not _fresh(request))
    if not form.is_valid():
        return _page(request, contract, sign_form=form)
    problems = []
    if "password" in form.fields:
        try:
            reauthenticate(request=request, password=form.cleaned_data.get("password") or "")
        except ValidationFailed as error:
            problems += error.problems
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
            return _page(request, contract, sign_form=form, status=429)
    consent = ConsentGiven(form.given(), reauthenticated_at(request.session))
    if problems:
        # A wrong password: say that and every item still unticked, and sign nothing.
        problems += [p for p in consent_problems(consent, timezone.now()) if p.field != "password"]
        add_problems(form, problems)
        return _page(request, contract, sign_form=form)
    try:
        contract_consent_sign(
            actor=request.user,
            contract=contract,
            party=form.cleaned_data.get("party") or None,
            consent=consent,
        )
    except DomainError as error:
        reraise_refusal(error)
        form = _keep_ticks(form, request)
        form.add_error(None, error.localized)
        add_problems(form, error.problems)
        return _page(request, contract, sign_form=form)
    messages.success(
        request,
        _(
            "서명했습니다. 서명 영수증을 내려받아 보관하세요: 영수증 번호와 해시로 누구나 "
            "확인할 수 있습니다."
        ),
    )
    return redirect("placements:contract_consent", contract.pk)


def _keep_ticks(form: ConsentSignForm, request: HttpRequest) -> ConsentSignForm:
    """The same form, without the password field once the session re-authenticated."""
    if "password" in form.fields and _fresh(request):
        fresh = ConsentSignForm(request.POST, needs_password=False)
        fresh.is_valid()
        return fresh
    return form


def _withdraw(request: HttpRequest, contract: PlacementContract) -> HttpResponse:
    form = WithdrawConsentForm(request.POST)
    if not form.is_valid():
        return _page(request, contract, withdraw_form=form)
    try:
        contract_withdraw_consent(
            actor=request.user,
            contract=contract,
            party=form.cleaned_data.get("party") or None,
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as error:
        reraise_refusal(error)
        form.add_error(None, error.localized)
        add_problems(form, error.problems)
        return _page(request, contract, withdraw_form=form)
    messages.success(
        request,
        _("동의를 철회했습니다. 협약서는 다시 모든 당사자의 서명을 기다립니다."),
    )
    return redirect("placements:contract_consent", contract.pk)


@login_required
def contract_receipt(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The receipt PDF of the latest version somebody signed, for anyone who sees the
    contract; 404 while nobody has signed."""
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    version = receipt_version(contract)
    if version is None:
        raise not_found(_("서명 영수증"), "Signing receipt")
    record_personal_data_access(
        request=request, subjects=[contract.placement.student], action="view"
    )
    receipt = receipt_issue(version)
    verify_url = request.build_absolute_uri(reverse("placements:receipt_verify"))
    response = HttpResponse(receipt_pdf(receipt, verify_url), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-contract-{contract.pk}-v{version.number}-receipt.pdf",
        f"표준협약서_{contract.pk}_{version.number}판_서명영수증.pdf",
    )
    return response


def receipt_verify(request: HttpRequest) -> HttpResponse:
    """Public (no sign-in): a receipt's code, optionally its SHA-256 → whether it matches a
    contract version and that version's signing times and roles, nothing personal."""
    form = ReceiptCheckForm(request.GET or None)
    checked = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        checked = receipt_check(
            code=form.cleaned_data["code"], sha256=form.cleaned_data.get("sha256", "")
        )
    context = {
        "form": form,
        "checked": checked,
        "searched": searched,
        "breadcrumbs": [(_("서명 영수증 확인"), None)],
    }
    return render(request, "placements/consent/verify.html", context)
