"""Placement contracts (현장실습 표준협약서): draft, sign, amend.

직업교육훈련 촉진법 제9조 ① — the contract is signed in advance, on the standard form; ④ and
시행령 제6조 — its items: the parties' rights and duties; the content, method, period and hours of
the training; how results are evaluated; the trainee's welfare (the allowance); the safety and
health measures; 산재보험 benefits (산업재해보상보험법 제123조). 제27조 ① 2 fines a host that does
not honour the period, method, person in charge, allowance, safety and health measures or the
procedure for changing the content — so each is an item of the terms.

A contract has versions. Version 1 is generated from the offer, the student and the school;
the company, the school, the student and a guardian each sign it before the start date; when
all four have signed the placement is ``contracted``. Any change (:func:`contract_amend`) makes
a new version that starts with no signatures; the version before it stays in force until the
new one is signed by all four.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.placements.consent import ConsentGiven
from vocnet.placements.errors import LabourRulesBroken, conflict, problem, transition_refused
from vocnet.placements.models import (
    ACTIVE_PLACEMENT_STATUSES,
    ContractParty,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    Placement,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.policies import signing_parties
from vocnet.placements.rules import check_offer
from vocnet.placements.rules.age import needs_guardian
from vocnet.placements.services.consent_checks import (
    CONSENTING_PARTIES,
    ensure_consent,
    record_consent,
)
from vocnet.placements.services.notices import tell_signature_request
from vocnet.placements.services.offers import ScheduleInput, terms_of
from vocnet.placements.services.terms import calendar_of, generate_terms, hours_of, schedule_rows

PARTIES = tuple(ContractParty.values)


def required_parties(placement: Placement, day: date) -> tuple[str, ...]:
    """The parties whose signatures complete a version on ``day``: the company, the school and
    the student, and the guardian while the student is a minor or of unknown age (민법 제4조·
    제5조 ①, ``rules.age``)."""
    if needs_guardian(placement.student.birth_date, day):
        return PARTIES
    return tuple(p for p in PARTIES if p != ContractParty.GUARDIAN)


@dataclass
class ContractChanges:
    """What an amendment changes (None: unchanged)."""

    note: str
    start_date: date | None = None
    end_date: date | None = None
    schedule: list[ScheduleInput] | None = None
    has_extension_agreement: bool | None = None
    extension_agreement_note: str | None = None
    tasks: str | None = None
    allowance_krw: int | None = None
    mentor_name: str | None = None
    mentor_title: str | None = None
    mentor_phone: str | None = None
    safety_measures: str | None = None


def _placement(placement: Placement) -> Placement:
    return Placement.objects.select_related(
        "offer__company__organisation",
        "offer__region",
        "offer__ncs_middle",
        "student__school__organisation",
        "student__department",
    ).get(pk=placement.pk)


@transaction.atomic
def contract_draft(*, actor: UserLike, placement: Placement) -> PlacementContract:
    """Generate the contract of a matched placement (version 1, awaiting the four
    signatures). Raises PermissionDenied unless the actor is the province or staff of the
    school or the company, Conflict ``transition_not_allowed`` unless matched,
    ``contract_exists`` when there is one already."""
    placement = _placement(placement)
    authorize_change(actor, placement)
    authorize_create(
        actor,
        PlacementContract,
        school_id=placement.student.school_id,
        company_id=placement.offer.company_id,
    )
    if placement.status != PlacementStatus.MATCHED:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "draft_contract"
        )
    if PlacementContract.objects.filter(placement=placement).exists():
        raise conflict(
            "contract_exists",
            "이 배치에는 이미 협약서가 있습니다.",
            "This placement already has a contract.",
        )
    try:
        with transaction.atomic():
            contract = PlacementContract.objects.create(placement=placement)
    except IntegrityError:
        raise conflict(
            "contract_exists",
            "이 배치에는 이미 협약서가 있습니다.",
            "This placement already has a contract.",
        ) from None
    version = ContractVersion.objects.create(
        contract=contract,
        number=1,
        terms=generate_terms(placement),
        created_by=user_row(actor),
    )
    contract.current_version = version
    contract.save(update_fields=["current_version"])
    record_audit(
        actor=actor,
        action="placements.contract_draft",
        obj=contract,
        after={"placement": placement.pk, "version": 1},
    )
    tell_signature_request(placement, 1)
    return contract


def _lock_version(contract: PlacementContract) -> ContractVersion:
    contract = PlacementContract.objects.select_for_update().get(pk=contract.pk)
    if contract.current_version_id is None:
        raise conflict("no_version", "협약서 판이 없습니다.", "The contract has no version.")
    return ContractVersion.objects.select_for_update().get(pk=contract.current_version_id)


def _signer_name(actor: UserLike, party: str, placement: Placement) -> str:
    if party == ContractParty.STUDENT:
        return placement.student.name
    full_name = getattr(actor, "get_full_name", lambda: "")()
    return (getattr(actor, "name", "") or full_name or actor.get_username())[:100]


@transaction.atomic
def contract_sign(
    *,
    actor: UserLike,
    contract: PlacementContract,
    party: str | None = None,
    consent: ConsentGiven | None = None,
) -> ContractSignature:
    """Sign the current version for one party the actor signs for (``party``, or the first
    of theirs still to sign). When the :func:`required_parties` have signed (all four; the
    guardian not for a student of 19 or more, 민법 제4조), the version is signed, the one
    before it superseded, and a matched placement becomes ``contracted``.

    Raises PermissionDenied unless the actor signs for a party of this placement
    (``policies.signing_parties``); Conflict ``transition_not_allowed`` unless the version
    awaits signatures, ``signing_closed`` on or after the start date for a placement that has
    not started (직업교육훈련 촉진법 제9조 ①: signed in advance), ``already_signed``;
    ValidationFailed when a student or guardian signs without ``consent`` to every key item
    and a re-authentication within five minutes (``services.consent_checks``, ADR 0033) —
    their consent is recorded beside the signature."""
    version = _lock_version(contract)
    placement = _placement(contract.placement)
    mine = signing_parties(actor_for(actor), placement)
    if party is not None:
        mine = [p for p in mine if p == party]
    if not mine:
        raise permission_denied()
    if version.status != ContractVersionStatus.SIGNING:
        raise transition_refused("contract", version.get_status_display(), version.status, "sign")
    if placement.status not in ACTIVE_PLACEMENT_STATUSES:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "sign"
        )
    start = date.fromisoformat(version.terms["period"]["start_date"])
    if placement.status != PlacementStatus.IN_PROGRESS and timezone.localdate() >= start:
        raise conflict(
            "signing_closed",
            f"표준협약서는 실습 시작일({start:%Y-%m-%d}) 전에 서명해야 합니다(직업교육훈련 "
            "촉진법 제9조 ①). 시작일을 바꾸는 변경 협약서를 작성하세요.",
            f"The contract must be signed before the start date ({start:%Y-%m-%d}) (VET "
            "Promotion Act, Art. 9(1)); amend it with a later start date.",
        )
    signed = set(version.signatures.values_list("party", flat=True))
    unsigned = [p for p in mine if p not in signed]
    if not unsigned:
        raise conflict(
            "already_signed",
            "이미 서명했습니다.",
            "You have already signed this version.",
        )
    chosen = unsigned[0]
    if chosen in CONSENTING_PARTIES:
        consent = ensure_consent(consent, timezone.now())
    signature = ContractSignature.objects.create(
        version=version,
        party=chosen,
        signer=user_row(actor),
        signer_name=_signer_name(actor, chosen, placement),
        signed_at=timezone.now(),
    )
    if chosen in CONSENTING_PARTIES and consent is not None:
        record_consent(signature, consent)
    record_audit(
        actor=actor,
        action="placements.contract_sign",
        obj=contract,
        after={"version": version.number, "party": chosen},
    )
    if signed | {chosen} >= set(required_parties(placement, timezone.localdate())):
        _complete(actor, contract, version, placement)
    return signature


def _complete(
    actor: UserLike, contract: PlacementContract, version: ContractVersion, placement: Placement
) -> None:
    now = timezone.now()
    ContractVersion.objects.filter(contract=contract, status=ContractVersionStatus.SIGNED).update(
        status=ContractVersionStatus.SUPERSEDED
    )
    version.status = ContractVersionStatus.SIGNED
    version.signed_at = now
    version.save(update_fields=["status", "signed_at"])
    before = {"status": placement.status}
    if placement.status == PlacementStatus.MATCHED:
        Placement.objects.filter(pk=placement.pk).update(
            status=PlacementStatus.CONTRACTED, updated_at=now
        )
    record_audit(
        actor=actor,
        action="placements.contract_signed",
        obj=contract,
        before=before,
        after={"version": version.number, "placement_status": PlacementStatus.CONTRACTED
               if placement.status == PlacementStatus.MATCHED else placement.status},
    )  # fmt: skip


def _amended_terms(terms: dict[str, Any], changes: ContractChanges) -> dict[str, Any]:
    new = {**terms}
    if changes.start_date is not None:
        new["period"] = {**terms["period"], "start_date": changes.start_date.isoformat()}
    if changes.end_date is not None:
        new["period"] = {**terms["period"], "end_date": changes.end_date.isoformat()}
    for name in ("tasks", "allowance_krw", "safety_measures", "has_extension_agreement",
                 "extension_agreement_note"):  # fmt: skip
        value = getattr(changes, name)
        if value is not None:
            new[name] = value.strip() if isinstance(value, str) else value
    person = dict(terms["person_in_charge"])
    for name, key in (("mentor_name", "name"), ("mentor_title", "title"),
                      ("mentor_phone", "phone")):  # fmt: skip
        value = getattr(changes, name)
        if value is not None:
            person[key] = value.strip()
    new["person_in_charge"] = person
    schedule = changes.schedule
    if schedule is not None:
        new["schedule"] = schedule_rows(schedule)
        new.update(hours_of(schedule))
    rows = [
        ScheduleInput(
            row["weekday"],
            _time(row["start"]),
            _time(row["end"]),
            row["break_minutes"],
        )
        for row in new["schedule"]
    ]
    start = date.fromisoformat(new["period"]["start_date"])
    end = date.fromisoformat(new["period"]["end_date"])
    new["period"] = {**new["period"], **calendar_of(start, end, rows)}
    return new


def _time(text: str) -> time:
    return time.fromisoformat(text)


def _amendment_problems(
    terms: dict[str, Any], changes: ContractChanges, current: dict[str, Any]
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not changes.note.strip():
        problems.append(
            problem(
                "note",
                "required",
                "변경 내용을 적어야 합니다.",
                "An amendment needs a note of what changed.",
            )
        )
    start = date.fromisoformat(terms["period"]["start_date"])
    end = date.fromisoformat(terms["period"]["end_date"])
    if end < start:
        problems.append(
            problem(
                "end_date",
                "ends_before_start",
                "종료일은 시작일과 같거나 그 뒤여야 합니다.",
                "The end date must be on or after the start date.",
            )
        )
    if terms.get("has_extension_agreement") and not terms.get("extension_agreement_note"):
        problems.append(
            problem(
                "extension_agreement_note",
                "required",
                "실습 시간 연장 합의가 있으면 그 내용을 기록해야 합니다 — 직업교육훈련 촉진법 "
                "제9조의2 ① 단서.",
                "An extension agreement must be recorded — VET Promotion Act, Art. 9-2(1), "
                "proviso.",
            )
        )
    if not problems and terms == current:
        problems.append(
            problem(
                "note",
                "unchanged_terms",
                "바뀐 협약 조건이 없습니다.",
                "Nothing in the terms has changed.",
            )
        )
    return problems


@transaction.atomic
def contract_amend(
    *, actor: UserLike, contract: PlacementContract, changes: ContractChanges
) -> ContractVersion:
    """A new version with the changed terms and no signatures (all four sign again). The
    version awaiting signatures, if any, is superseded; a signed version stays in force until
    the new one is signed. A contracted placement that has not started goes back to
    ``matched``. The amended terms must pass the labour rules.

    Raises PermissionDenied (province, school or company staff only), Conflict
    ``transition_not_allowed`` unless the placement is active, LabourRulesBroken,
    ValidationFailed."""
    version = _lock_version(contract)
    placement = _placement(contract.placement)
    authorize_change(actor, placement)
    if placement.status not in ACTIVE_PLACEMENT_STATUSES:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "amend"
        )
    terms = _amended_terms(version.terms, changes)
    problems = _amendment_problems(terms, changes, version.terms)
    if (
        changes.start_date is not None
        and changes.start_date.isoformat() != version.terms["period"]["start_date"]
    ):
        if placement.status == PlacementStatus.IN_PROGRESS:
            problems.append(
                problem(
                    "start_date",
                    "already_started",
                    "이미 시작한 실습의 시작일은 바꿀 수 없습니다.",
                    "The start date of training that has started cannot change.",
                )
            )
        elif changes.start_date <= timezone.localdate():
            problems.append(
                problem(
                    "start_date",
                    "start_not_in_future",
                    "새 시작일은 내일 이후여야 합니다: 협약서는 시작 전에 모두 서명해야 합니다"
                    "(직업교육훈련 촉진법 제9조 ①).",
                    "The new start date must be tomorrow or later: the contract must be signed "
                    "before the start (VET Promotion Act, Art. 9(1)).",
                )
            )
    rows = [
        ScheduleInput(r["weekday"], _time(r["start"]), _time(r["end"]), r["break_minutes"])
        for r in terms["schedule"]
    ]
    start = date.fromisoformat(terms["period"]["start_date"])
    end = date.fromisoformat(terms["period"]["end_date"])
    if end >= start:
        violations = check_offer(
            terms_of(
                rows,
                start_date=start,
                end_date=end,
                has_extension_agreement=bool(terms["has_extension_agreement"]),
                hazard_categories=[h["code"] for h in terms["hazard_categories"]],
                training_type=str(
                    terms.get("training_type", {}).get("code", placement.offer.training_type)
                ),
            )
        )
        if violations:
            broken = LabourRulesBroken.from_violations(violations)
            broken.problems += problems
            raise broken
    if problems:
        raise ValidationFailed.from_problems(problems)
    if version.status == ContractVersionStatus.SIGNING:
        version.status = ContractVersionStatus.SUPERSEDED
        version.save(update_fields=["status"])
    new = ContractVersion.objects.create(
        contract=contract,
        number=version.number + 1,
        terms=terms,
        change_note=changes.note.strip(),
        created_by=user_row(actor),
    )
    PlacementContract.objects.filter(pk=contract.pk).update(current_version=new)
    contract.current_version = new
    if placement.status == PlacementStatus.CONTRACTED:
        Placement.objects.filter(pk=placement.pk).update(
            status=PlacementStatus.MATCHED, updated_at=timezone.now()
        )
    record_audit(
        actor=actor,
        action="placements.contract_amend",
        obj=contract,
        before={"version": version.number, "weekly_minutes": version.terms["weekly_minutes"]},
        after={"version": new.number, "note": new.change_note,
               "weekly_minutes": terms["weekly_minutes"]},
    )  # fmt: skip
    tell_signature_request(placement, new.number)
    return new


def version_parties(version: ContractVersion) -> dict[str, ContractSignature | None]:
    """Each party with its signature of ``version`` (None when not signed yet)."""
    by_party = {s.party: s for s in version.signatures.all()}
    return {party: by_party.get(party) for party in PARTIES}
