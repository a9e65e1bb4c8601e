"""Consent that is real (issue 15 §3, ADR 0033): the student or guardian signs the standard
contract after reading its whole text, consenting to each key item and re-entering their
password; a receipt with the SHA-256 of the signed content; withdrawal before the start.

- :func:`reauthenticate` checks the password through Django's ``authenticate`` (so a wrong
  password counts toward the django-axes lockout like a failed sign-in) and keeps the time
  in the session for five minutes (``consent.REAUTHENTICATION_SECONDS``).
- :func:`contract_consent_sign` signs through ``contract_sign`` with the consent (which checks
  the items and the re-authentication and records them), then issues the receipt.
- :func:`receipt_issue` — one receipt per version, an unguessable code (80 random bits).
- :func:`contract_withdraw_consent` — before the start only; see its docstring.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from vocnet.core.errors import Conflict, ValidationFailed, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike, user_row
from vocnet.placements.consent import ConsentGiven, content_sha256
from vocnet.placements.errors import conflict, problem
from vocnet.placements.models import (
    ContractReceipt,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    ContractWithdrawal,
    Placement,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.policies import signing_parties
from vocnet.placements.services.consent_checks import CONSENTING_PARTIES
from vocnet.placements.services.contracts import contract_sign
from vocnet.placements.services.notices import tell_signature_request

REAUTHENTICATED_KEY = "vocnet_reauthenticated_at"
# Receipt codes: 16 characters of Crockford-like base32 without look-alikes (I, L, O, U),
# 80 bits — guessing one is hopeless, so the public check needs no rate limit of its own.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16


def reauthenticated_at(session: SessionBase) -> datetime | None:
    """When this session last re-authenticated (None: never)."""
    value = session.get(REAUTHENTICATED_KEY)
    if not isinstance(value, int):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def password_confirm(*, request: HttpRequest, password: str) -> datetime:
    """Check the signed-in user's ``password`` again; the time it was confirmed.

    Raises ValidationFailed ``wrong_password`` (field ``password``) when it does not match —
    counted as a failed sign-in by django-axes (``AXES_FAILURE_LIMIT`` from one address locks
    the account, ``vocnet.accounts.lockout``) — and Conflict ``locked_out`` once locked."""
    user = request.user
    found = (
        authenticate(request, username=user.get_username(), password=password) if password else None
    )
    if getattr(request, "axes_locked_out", False):
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        raise Conflict(
            code="locked_out",
            message_ko=f"비밀번호를 여러 번 틀려 {minutes}분 동안 본인 확인을 할 수 없습니다.",
            message_en=f"Too many wrong passwords: try again in {minutes} minutes.",
        )
    if found is None or found.pk != user.pk:
        raise ValidationFailed.from_problems(
            [
                problem(
                    "password",
                    "wrong_password" if password else "required",
                    "비밀번호가 맞지 않습니다. 틀린 입력은 로그인 실패로 세어 잠금에 반영됩니다."
                    if password
                    else "본인 확인을 위해 비밀번호를 입력하세요.",
                    "The password is wrong; wrong entries count as failed sign-ins toward the "
                    "lockout."
                    if password
                    else "Enter your password to confirm it is you.",
                )
            ]
        )
    return timezone.now()


def reauthenticate(*, request: HttpRequest, password: str) -> datetime:
    """:func:`password_confirm`, remembered in the session for five minutes (the signing page
    asks again after that); raises as it does."""
    now = password_confirm(request=request, password=password)
    request.session[REAUTHENTICATED_KEY] = int(now.timestamp())
    return now


@transaction.atomic
def contract_consent_sign(
    *,
    actor: UserLike,
    contract: PlacementContract,
    party: str | None,
    consent: ConsentGiven,
) -> ContractSignature:
    """Sign the current version as the student or the guardian, with ``consent`` to every
    key item and a fresh re-authentication (``contract_sign`` checks and records both), and
    issue the version's receipt. Raises PermissionDenied unless the actor signs for the
    student or a guardian of this placement; otherwise as ``contract_sign``."""
    placement = Placement.objects.select_related("offer", "student").get(pk=contract.placement_id)
    mine = [p for p in signing_parties(actor_for(actor), placement) if p in CONSENTING_PARTIES]
    if party is not None:
        mine = [p for p in mine if p == party]
    if not mine:
        raise permission_denied()
    signature = contract_sign(actor=actor, contract=contract, party=mine[0], consent=consent)
    receipt_issue(signature.version)
    return signature


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def receipt_issue(version: ContractVersion) -> ContractReceipt:
    """The receipt of ``version`` (made on first use): its code and the SHA-256 of the
    version's canonical content. Raises Conflict ``not_signed_yet`` while nobody signed it."""
    existing = ContractReceipt.objects.filter(version=version).first()
    if existing is not None:
        return existing
    if not version.signatures.exists():
        raise conflict(
            "not_signed_yet",
            "아직 아무도 서명하지 않은 판에는 영수증이 없습니다.",
            "A version nobody has signed has no receipt.",
        )
    digest = content_sha256(version.contract_id, version.number, version.terms)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ContractReceipt.objects.create(
                    version=version, code=_new_code(), content_sha256=digest
                )
        except IntegrityError:
            existing = ContractReceipt.objects.filter(version=version).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free receipt code after five tries")  # pragma: no cover


def receipt_version(contract: PlacementContract) -> ContractVersion | None:
    """The version a receipt is for: the latest one somebody signed (None: none yet)."""
    return (
        ContractVersion.objects.filter(contract=contract, signatures__isnull=False)
        .order_by("-number")
        .first()
    )


def _start_of(version: ContractVersion) -> date:
    return date.fromisoformat(version.terms["period"]["start_date"])


@transaction.atomic
def contract_withdraw_consent(
    *, actor: UserLike, contract: PlacementContract, party: str | None, reason: str
) -> ContractVersion:
    """The student or a guardian withdraws their consent before the start date.

    Every version in force or awaiting signatures is superseded, the withdrawal (party, time,
    reason) is recorded, and a new version with the same terms awaits every signature again;
    a contracted placement goes back to ``matched`` (it keeps its seat; the school may cancel
    it). Raises PermissionDenied unless the actor is the student or a guardian of the
    placement; ValidationFailed ``required`` (field ``reason``) without a reason; Conflict
    ``nothing_to_withdraw`` when the party signed neither the version in force nor the one
    awaiting signatures, ``withdrawal_after_start`` once the training started or on or after
    the start date (vocnet rule, unverified in statute: after the start the training ends
    through early termination, 직업교육훈련 촉진법 제9조의4 and the school's procedure)."""
    contract = PlacementContract.objects.select_for_update().get(pk=contract.pk)
    placement = Placement.objects.select_related("offer", "student").get(pk=contract.placement_id)
    mine = [p for p in signing_parties(actor_for(actor), placement) if p in CONSENTING_PARTIES]
    if party is not None:
        mine = [p for p in mine if p == party]
    if not mine:
        raise permission_denied()
    live = list(
        ContractVersion.objects.select_for_update()
        .filter(
            contract=contract,
            status__in=(ContractVersionStatus.SIGNING, ContractVersionStatus.SIGNED),
        )
        .order_by("-number")
    )
    signed_by_me = [
        (v, p)
        for v in live
        for p in mine
        if ContractSignature.objects.filter(version=v, party=p).exists()
    ]
    current = next((v for v in live if v.pk == contract.current_version_id), None)
    start = _start_of(current) if current is not None else placement.offer.start_date
    if placement.status not in (PlacementStatus.MATCHED, PlacementStatus.CONTRACTED) or (
        timezone.localdate() >= start
    ):
        raise conflict(
            "withdrawal_after_start",
            f"동의는 실습 시작일({start:%Y-%m-%d}) 전에만 철회할 수 있습니다. 시작한 뒤에는 "
            "학교에 알려 중도 종료 절차를 밟으세요(vocnet 운영 규칙, 법령 근거 미확인; "
            "직업교육훈련 촉진법 제9조 ①은 협약을 시작 전에 맺도록 합니다).",
            f"Consent can be withdrawn only before the start date ({start:%Y-%m-%d}). Once "
            "started, tell the school and end the training early (vocnet rule, not verified "
            "in statute; the VET Promotion Act, Art. 9(1) has the contract made before the "
            "start).",
            field="party",
        )
    if not signed_by_me or current is None:
        raise conflict(
            "nothing_to_withdraw",
            "철회할 동의가 없습니다: 서명한 협약서 판이 없습니다.",
            "There is no consent to withdraw: you have not signed a version in force.",
            field="party",
        )
    if not reason.strip():
        raise ValidationFailed.from_problems(
            [
                problem(
                    "reason",
                    "required",
                    "동의를 철회하는 사유를 적어야 합니다.",
                    "A withdrawal of consent needs a reason.",
                )
            ]
        )
    version, chosen = signed_by_me[0]
    now = timezone.now()
    withdrawal = ContractWithdrawal.objects.create(
        contract=contract,
        version=version,
        party=chosen,
        withdrawn_by=user_row(actor),
        withdrawn_at=now,
        reason=reason.strip()[:2000],
    )
    ContractVersion.objects.filter(pk__in=[v.pk for v in live]).update(
        status=ContractVersionStatus.SUPERSEDED
    )
    new = ContractVersion.objects.create(
        contract=contract,
        number=max(v.number for v in live) + 1,
        terms=current.terms,
        change_note="동의 철회에 따라 다시 서명합니다.",
        created_by=user_row(actor),
    )
    PlacementContract.objects.filter(pk=contract.pk).update(current_version=new)
    contract.current_version = new
    before = placement.status
    if placement.status == PlacementStatus.CONTRACTED:
        Placement.objects.filter(pk=placement.pk).update(
            status=PlacementStatus.MATCHED, updated_at=now
        )
    record_audit(
        actor=actor,
        action="placements.contract_withdraw_consent",
        obj=contract,
        before={"version": version.number, "placement_status": before},
        after={"withdrawal": withdrawal.pk, "party": chosen, "version": new.number,
               "placement_status": PlacementStatus.MATCHED},
    )  # fmt: skip
    tell_signature_request(placement, new.number)
    return new
