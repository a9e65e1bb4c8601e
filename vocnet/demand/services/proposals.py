"""학과 개편 신청 — a school proposes, its support office reviews and forwards, the province
decides, and an approved change reaches the registry from its start year (issue 17 §4).

The limits are the planner's defaults (``ScenarioParameters``), so a school cannot ask for what
no scenario would recommend: a department grows, shrinks or converts by at most
``department_change_percent`` of its intake in a year (a whole department may convert at once:
the school's total does not change), a conversion goes only to a related field
(``vocnet.registry.relatedness``; cross-major pairs are vocnet policy and say so), and a school
has one active proposal per school year (``max_changed_departments`` = 1). These are vocnet's
rules, not the education office's published criteria, and every message says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.demand.models import (
    ACTIVE_PROPOSAL_STATUSES,
    ProposalKind,
    ProposalStatus,
    RestructuringProposal,
)
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.selectors.proposals import proposal_evidence
from vocnet.demand.supply import current_school_year
from vocnet.notifications.models import NotificationKind
from vocnet.notifications.recipients import members, province_officers
from vocnet.notifications.services import Message, notify
from vocnet.registry.models import Department, NcsMiddle, Role, School
from vocnet.registry.relatedness import relatedness

MAX_INTAKE = 500
YEARS_AHEAD = 5
REASON_MIN = 10
REASON_MAX = 2000


@dataclass(frozen=True)
class ProposalInput:
    school_id: int
    kind: str
    start_year: int
    reason: str
    department_id: int | None = None
    target_field: str | None = None  # NCS middle code
    proposed_intake: int = 0
    new_name_ko: str = ""
    is_synthetic: bool = False


def yearly_limit(intake: int) -> int:
    """Places a department may change in a year: the planner's default share of its intake."""
    share = ScenarioParameters().department_change_percent
    return max(1, math.ceil(intake * share / 100))


def _problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def _check_department(
    data: ProposalInput, department: Department | None, problems: list[FieldProblem]
) -> None:
    if data.kind == ProposalKind.NEW:
        return
    if department is None:
        problems.append(
            _problem(
                "department_id",
                "required",
                "신설이 아닌 개편은 대상 학과를 골라야 합니다.",
                "Choose the department for any change other than a new one.",
            )
        )


def _check_new_name(
    data: ProposalInput, school: School, needed: bool, problems: list[FieldProblem]
) -> None:
    name = data.new_name_ko.strip()
    if not needed:
        return
    if not 1 <= len(name) <= 50:
        problems.append(
            _problem(
                "new_name_ko",
                "required",
                "새 학과명을 1~50자로 적으세요(신설·일부 전환).",
                "Give the new department's name, 1 to 50 characters (new or partial conversion).",
            )
        )
    elif Department.objects.filter(school=school, name_ko=name).exists():
        problems.append(
            _problem(
                "new_name_ko",
                "duplicate_name",
                f"이 학교에는 이미 '{name}' 학과가 있습니다.",
                f"The school already has a department named '{name}'.",
            )
        )


def _check_intake(
    data: ProposalInput, department: Department | None, problems: list[FieldProblem]
) -> None:
    current = department.intake_capacity if department else 0
    wanted = data.proposed_intake
    limit = yearly_limit(current)
    policy_ko = "(vocnet 기본 한도: 학과별 연간 변경 폭은 현재 정원의 20%)"
    policy_en = "(vocnet's default: a department changes by at most 20 % of its intake a year)"
    if data.kind == ProposalKind.NEW and not 1 <= wanted <= MAX_INTAKE:
        problems.append(
            _problem(
                "proposed_intake",
                "out_of_range",
                f"신설 학과의 정원은 1~{MAX_INTAKE}명이어야 합니다.",
                f"A new department's intake must be between 1 and {MAX_INTAKE}.",
            )
        )
    if department is None:
        return
    if data.kind == ProposalKind.GROW and not (current < wanted <= min(current + limit, 500)):
        problems.append(
            _problem(
                "proposed_intake",
                "beyond_yearly_limit",
                f"증원 후 정원은 {current + 1}~{min(current + limit, MAX_INTAKE)}명이어야 "
                f"합니다 {policy_ko}.",
                f"After growing, the intake must be {current + 1} to "
                f"{min(current + limit, MAX_INTAKE)} {policy_en}.",
            )
        )
    if data.kind == ProposalKind.SHRINK and not (max(current - limit, 1) <= wanted < current):
        problems.append(
            _problem(
                "proposed_intake",
                "beyond_yearly_limit",
                f"감원 후 정원은 {max(current - limit, 1)}~{current - 1}명이어야 합니다 "
                f"{policy_ko}. 모두 줄이려면 폐지를 신청하세요.",
                f"After shrinking, the intake must be {max(current - limit, 1)} to "
                f"{current - 1} {policy_en}. To stop admitting, propose closing it.",
            )
        )
    if data.kind == ProposalKind.CONVERT and not (1 <= wanted <= limit or wanted == current):
        problems.append(
            _problem(
                "proposed_intake",
                "beyond_yearly_limit",
                f"전환 정원은 1~{min(limit, current)}명이거나 학과 전체({current}명)여야 "
                f"합니다 {policy_ko}.",
                f"Convert 1 to {min(limit, current)} places or the whole department "
                f"({current}) {policy_en}.",
            )
        )


def _check_field(
    data: ProposalInput,
    department: Department | None,
    target: NcsMiddle | None,
    problems: list[FieldProblem],
) -> None:
    if data.kind not in (ProposalKind.NEW, ProposalKind.CONVERT):
        return
    if target is None:
        problems.append(
            _problem(
                "target_field",
                "required",
                "신설·전환할 NCS 중분류 분야를 고르세요.",
                "Choose the NCS middle field of the new or converted places.",
            )
        )
        return
    if data.kind != ProposalKind.CONVERT or department is None:
        return
    own = department.ncs_middle.code
    if target.code == own:
        problems.append(
            _problem(
                "target_field",
                "same_field",
                "전환 분야가 지금 분야와 같습니다. 증원·감원을 신청하세요.",
                "The target field is the department's own: propose growing or shrinking.",
            )
        )
    elif relatedness(own, target.code) is None:
        problems.append(
            _problem(
                "target_field",
                "unrelated_field",
                f"{own} 분야에서 {target.code} 분야로는 전환할 수 없습니다: 같은 NCS 대분류나 "
                "vocnet 정책이 관련 분야로 정한 대분류(공식 표 아님, registry/data/"
                "ncs_related_majors.csv)로만 전환합니다.",
                f"Field {own} cannot convert to {target.code}: conversions go only to the same "
                "NCS major field or a major field vocnet's policy treats as related (not an "
                "official table, registry/data/ncs_related_majors.csv).",
            )
        )


def _check_year_and_reason(data: ProposalInput, today: date, problems: list[FieldProblem]) -> None:
    first = current_school_year(today) + 1
    if not first <= data.start_year <= first + YEARS_AHEAD - 1:
        problems.append(
            _problem(
                "start_year",
                "out_of_range",
                f"적용 학년도는 {first}~{first + YEARS_AHEAD - 1}학년도여야 합니다.",
                f"The start year must be from {first} to {first + YEARS_AHEAD - 1}.",
            )
        )
    if not REASON_MIN <= len(data.reason.strip()) <= REASON_MAX:
        problems.append(
            _problem(
                "reason",
                "length",
                f"신청 사유를 {REASON_MIN}~{REASON_MAX}자로 적으세요.",
                f"Give the reason in {REASON_MIN} to {REASON_MAX} characters.",
            )
        )


def _check_one_a_year(data: ProposalInput, problems: list[FieldProblem]) -> None:
    taken = RestructuringProposal.objects.filter(
        school_id=data.school_id,
        start_year=data.start_year,
        status__in=ACTIVE_PROPOSAL_STATUSES,
    ).exists()
    if taken:
        problems.append(
            _problem(
                "start_year",
                "one_change_a_year",
                f"이 학교는 {data.start_year}학년도 개편 신청이 이미 있습니다: 학교마다 한 해에 "
                "한 학과만 바꿉니다(vocnet 기본 한도).",
                f"The school already has a proposal for {data.start_year}: one department a "
                "school a year (vocnet's default limit).",
            )
        )


def proposal_create(
    *, actor: UserLike, data: ProposalInput, today: date | None = None
) -> RestructuringProposal:
    """File a proposal for the actor's school, with its evidence; nothing is written when any
    rule is broken (each broken rule is named, in Korean and English)."""
    authorize_create(actor, RestructuringProposal, school_id=data.school_id)
    today = today or timezone.localdate()
    school = School.objects.select_related("organisation__region").get(pk=data.school_id)
    problems: list[FieldProblem] = []
    if data.kind not in ProposalKind.values:
        raise ValidationFailed.from_problems(
            [
                _problem(
                    "kind",
                    "invalid_choice",
                    "개편 유형은 신설·전환·증원·감원·폐지 가운데 하나입니다.",
                    "The kind is one of new, convert, grow, shrink and close.",
                )
            ]
        )
    department = (
        Department.objects.select_related("ncs_middle")
        .filter(pk=data.department_id, school=school, is_active=True)
        .first()
        if data.department_id is not None
        else None
    )
    if data.department_id is not None and department is None:
        problems.append(
            _problem(
                "department_id",
                "not_this_school",
                "이 학교에서 운영 중인 학과가 아닙니다.",
                "Not an active department of this school.",
            )
        )
    target = NcsMiddle.objects.filter(code=data.target_field).first() if data.target_field else None
    if data.target_field and target is None:
        problems.append(
            _problem(
                "target_field",
                "unknown_field",
                f"없는 NCS 중분류 코드입니다: {data.target_field}",
                f"No NCS middle field {data.target_field}.",
            )
        )
    _check_department(data, department, problems)
    _check_field(data, department, target, problems)
    _check_intake(data, department, problems)
    partial = (
        data.kind == ProposalKind.CONVERT
        and department is not None
        and data.proposed_intake != department.intake_capacity
    )
    _check_new_name(data, school, data.kind == ProposalKind.NEW or partial, problems)
    _check_year_and_reason(data, today, problems)
    _check_one_a_year(data, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    field_code = target.code if target is not None else department.ncs_middle.code  # type: ignore[union-attr]
    with transaction.atomic():
        # One proposal a school a year also under concurrent filing: lock the school's row.
        School.objects.select_for_update().filter(pk=school.pk).first()
        again: list[FieldProblem] = []
        _check_one_a_year(data, again)
        if again:
            raise ValidationFailed.from_problems(again)
        proposal = RestructuringProposal.objects.create(
            school=school,
            department=department,
            kind=data.kind,
            new_name_ko=data.new_name_ko.strip(),
            target_field=target,
            current_intake=department.intake_capacity if department else 0,
            proposed_intake=0 if data.kind == ProposalKind.CLOSE else data.proposed_intake,
            start_year=data.start_year,
            reason=data.reason.strip(),
            evidence=proposal_evidence(
                user=actor, school=school, field_code=field_code, department=department
            ),
            created_by=user_row(actor),
            is_synthetic=data.is_synthetic,
        )
        record_audit(actor=actor, action="proposal.create", obj=proposal, after=snapshot(proposal))
        _tell(proposal, "create")
    return proposal


def _tell(proposal: RestructuringProposal, step: str) -> None:
    """Tell whoever must act next (or the school, once the step is the last one)."""
    school = proposal.school.organisation
    name = school.name_ko
    url = f"/demand/proposals/{proposal.pk}/"
    if step == "create":
        office = school.region.support_office if school.region else None
        to = members([office.organisation_id if office else None], Role.SUPPORT_OFFICE_OFFICER)
        title = (f"학과 개편 신청 검토 요청: {name}", f"Restructuring proposal to review: {name}")
    elif step == "forward":
        to = province_officers()
        title = (f"학과 개편 신청 결정 요청: {name}", f"Restructuring proposal to decide: {name}")
    else:
        to = members([proposal.school_id], Role.SCHOOL_STAFF)
        status = proposal.get_status_display()
        title = (
            f"학과 개편 신청 {status}: {name}",
            f"Restructuring proposal {proposal.status}: {name}",
        )
    notify(
        recipient_ids=to,
        message=Message(
            kind=NotificationKind.PROPOSAL, title_ko=title[0], title_en=title[1], url=url
        ),
        key=f"proposal:{proposal.pk}:{step}",
    )


def _reason(text: str, field: str = "reason") -> str:
    text = text.strip()
    if not 1 <= len(text) <= REASON_MAX:
        raise ValidationFailed.from_problems(
            [
                _problem(
                    field,
                    "required",
                    f"사유를 1~{REASON_MAX}자로 적으세요.",
                    f"Give the reason in 1 to {REASON_MAX} characters.",
                )
            ]
        )
    return text


def _wrong_state(proposal: RestructuringProposal) -> Conflict:
    status = proposal.get_status_display()
    return Conflict(
        code="proposal_state",
        message_ko=f"이 신청은 지금 '{status}' 상태라 그 단계를 밟을 수 없습니다.",
        message_en=f"The proposal is '{proposal.status}', so that step is not open.",
    )


def _transition(
    *,
    actor: UserLike,
    proposal: RestructuringProposal,
    allowed_from: tuple[str, ...],
    to: str,
    action: str,
    **fields: Any,
) -> RestructuringProposal:
    with transaction.atomic():
        locked = RestructuringProposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in allowed_from:
            raise _wrong_state(locked)
        before = snapshot(locked)
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        record_audit(actor=actor, action=action, obj=locked, before=before, after=snapshot(locked))
        _tell(locked, action.removeprefix("proposal."))
    return locked


def _reviews(actor: UserLike, proposal: RestructuringProposal) -> bool:
    office = proposal.school.organisation.region.support_office_id  # type: ignore[union-attr]
    return office in actor_for(actor).support_office_ids


def proposal_forward(
    *, actor: UserLike, proposal: RestructuringProposal, note: str = ""
) -> RestructuringProposal:
    """The support office of the school's region forwards the proposal to the province."""
    authorize_change(actor, proposal)
    if not _reviews(actor, proposal):
        raise permission_denied()
    if len(note) > REASON_MAX:
        raise ValidationFailed.from_problems(
            [
                _problem(
                    "note",
                    "too_long",
                    f"검토 의견은 {REASON_MAX}자까지입니다.",
                    f"The note has at most {REASON_MAX} characters.",
                )
            ]
        )
    return _transition(
        actor=actor,
        proposal=proposal,
        allowed_from=(ProposalStatus.SUBMITTED,),
        to=ProposalStatus.FORWARDED,
        action="proposal.forward",
        office_note=note.strip(),
        reviewed_by=user_row(actor),
        reviewed_at=timezone.now(),
    )


def proposal_return(
    *, actor: UserLike, proposal: RestructuringProposal, reason: str
) -> RestructuringProposal:
    """The support office returns the proposal to the school, with a reason."""
    authorize_change(actor, proposal)
    if not _reviews(actor, proposal):
        raise permission_denied()
    text = _reason(reason)
    return _transition(
        actor=actor,
        proposal=proposal,
        allowed_from=(ProposalStatus.SUBMITTED,),
        to=ProposalStatus.RETURNED,
        action="proposal.return",
        office_note=text,
        reviewed_by=user_row(actor),
        reviewed_at=timezone.now(),
    )


def proposal_decide(
    *,
    actor: UserLike,
    proposal: RestructuringProposal,
    approve: bool,
    reason: str,
    today: date | None = None,
) -> RestructuringProposal:
    """The province approves or rejects a forwarded proposal, with a reason; an approved one
    whose start year has begun is applied at once."""
    authorize_change(actor, proposal)
    if not actor_for(actor).is_province:
        raise permission_denied()
    text = _reason(reason)
    decided = _transition(
        actor=actor,
        proposal=proposal,
        allowed_from=(ProposalStatus.FORWARDED,),
        to=ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED,
        action="proposal.approve" if approve else "proposal.reject",
        decision_reason=text,
        decided_by=user_row(actor),
        decided_at=timezone.now(),
    )
    if approve:
        apply_due_proposals(today=today, proposal_ids=[decided.pk])
        decided.refresh_from_db()
    return decided


def proposal_withdraw(*, actor: UserLike, proposal: RestructuringProposal) -> RestructuringProposal:
    """The school withdraws its proposal before the province decides."""
    authorize_change(actor, proposal)
    if proposal.school_id not in actor_for(actor).organisations(Role.SCHOOL_STAFF):
        raise permission_denied()
    return _transition(
        actor=actor,
        proposal=proposal,
        allowed_from=(ProposalStatus.SUBMITTED, ProposalStatus.FORWARDED),
        to=ProposalStatus.WITHDRAWN,
        action="proposal.withdraw",
    )


def _apply(proposal: RestructuringProposal) -> None:
    department = proposal.department
    kind = proposal.kind
    if kind == ProposalKind.NEW or (
        kind == ProposalKind.CONVERT
        and department is not None
        and proposal.proposed_intake < department.intake_capacity
    ):
        if department is not None:
            department.intake_capacity -= proposal.proposed_intake
            department.save(update_fields=["intake_capacity"])
        assert proposal.target_field is not None
        Department.objects.create(
            school_id=proposal.school_id,
            name_ko=proposal.new_name_ko,
            ncs_middle=proposal.target_field,
            intake_capacity=proposal.proposed_intake,
        )
        return
    assert department is not None
    if kind == ProposalKind.CONVERT:
        department.ncs_middle = proposal.target_field  # type: ignore[assignment]
        if proposal.new_name_ko:
            department.name_ko = proposal.new_name_ko
    elif kind in (ProposalKind.GROW, ProposalKind.SHRINK):
        department.intake_capacity = proposal.proposed_intake
    elif kind == ProposalKind.CLOSE:
        # No new intake; the students already admitted stay until they graduate.
        department.intake_capacity = 0
    department.save()


def apply_due_proposals(*, today: date | None = None, proposal_ids: list[int] | None = None) -> int:
    """Apply every approved proposal whose start year has begun (1 March) and is not applied
    yet: the registry's department changes and the change is in the audit trail. Returns how
    many were applied."""
    year = current_school_year(today or timezone.localdate())
    due = RestructuringProposal.objects.filter(
        status=ProposalStatus.APPROVED, applied_at__isnull=True, start_year__lte=year
    )
    if proposal_ids is not None:
        due = due.filter(pk__in=proposal_ids)
    applied = 0
    for pk in due.order_by("start_year", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            proposal = (
                # Only the proposal's row is locked: the department is an outer join, which
                # PostgreSQL cannot lock (FOR UPDATE on the nullable side).
                RestructuringProposal.objects.select_for_update(of=("self",))
                .select_related("department")
                .get(pk=pk)
            )
            if proposal.applied_at is not None:
                continue
            _apply(proposal)
            proposal.applied_at = timezone.now()
            proposal.save(update_fields=["applied_at", "updated_at"])
            record_audit(
                actor=None, action="proposal.apply", obj=proposal, after=snapshot(proposal)
            )
            applied += 1
    return applied
