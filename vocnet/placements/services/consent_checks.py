"""The checks :func:`contract_sign` makes of a student's or guardian's signature: every key
item consented to and a fresh re-authentication (``vocnet.placements.consent``), and the
record of that consent beside the signature. Kept apart from ``services.consent`` (which
calls ``contract_sign``) so neither imports the other."""

from __future__ import annotations

from datetime import datetime

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.placements.consent import (
    REAUTHENTICATION_SECONDS,
    ConsentGiven,
    missing_items,
    reauthentication_is_fresh,
)
from vocnet.placements.errors import problem
from vocnet.placements.models import ContractConsent, ContractParty, ContractSignature

# The parties who consent item by item and re-authenticate (issue 15 §3).
CONSENTING_PARTIES = (ContractParty.STUDENT.value, ContractParty.GUARDIAN.value)


def consent_problems(consent: ConsentGiven | None, now: datetime) -> list[FieldProblem]:
    """One problem per key item not consented to (field ``consent_<item>``), and one for a
    re-authentication missing or older than five minutes (field ``password``)."""
    given = consent.items if consent is not None else frozenset()
    problems = [
        problem(
            item.field,
            "consent_required",
            f"{item.label_ko}에 동의해야 서명할 수 있습니다: 협약서의 "
            "핵심 항목마다 따로 동의합니다.",
            f"You must consent to the {item.label_en} to sign: each key item of the contract "
            "is consented to separately.",
        )
        for item in missing_items(given)
    ]
    at = consent.reauthenticated_at if consent is not None else None
    if not reauthentication_is_fresh(at, now):
        minutes = REAUTHENTICATION_SECONDS // 60
        problems.append(
            problem(
                "password",
                "reauthentication_required",
                f"서명하려면 비밀번호를 다시 입력해야 합니다(최근 {minutes}분 안에 본인 확인을 "
                "하지 않았습니다).",
                f"Enter your password again to sign (you have not confirmed it is you within "
                f"the last {minutes} minutes).",
            )
        )
    return problems


def ensure_consent(consent: ConsentGiven | None, now: datetime) -> ConsentGiven:
    """``consent`` when complete and fresh; raises ValidationFailed naming each missing item."""
    problems = consent_problems(consent, now)
    if problems:
        raise ValidationFailed.from_problems(problems)
    assert consent is not None
    assert consent.reauthenticated_at is not None
    return consent


def record_consent(signature: ContractSignature, consent: ConsentGiven) -> ContractConsent:
    assert consent.reauthenticated_at is not None
    return ContractConsent.objects.create(
        signature=signature,
        items=sorted(consent.items),
        reauthenticated_at=consent.reauthenticated_at,
    )
