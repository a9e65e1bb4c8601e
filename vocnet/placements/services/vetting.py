"""Host vetting (참여기업·선도기업 심사): apply, inspect, decide; and serious accidents.

applied → inspected (teacher, 노무사 and safety agency with the checklist) → approved with a
validity period, or rejected with a reason. A serious accident (중대재해) recorded for a company
excludes every open or approved vetting of it at once and closes its published offers, in one
transaction, each change audited (2021.12.23 추가 개선방안: firms with serious accidents are
excluded). Only a company with an approved decision valid today may publish offers
(:func:`ensure_vetted_host`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.placements.errors import conflict, problem, transition_refused
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostInspection,
    HostKind,
    HostVetting,
    OfferStatus,
    Placement,
    SeriousAccident,
    VettingStatus,
)
from vocnet.registry.models import Company

# A decision is valid for at most this long; vetting is repeated after it (policy, not law:
# docs/adr/0009-placements.md).
MAX_VALIDITY = timedelta(days=3 * 365 + 1)
# A serious accident this recent bars approval (policy, not law; the 2021 plan excludes firms
# with serious accidents without saying for how long).
ACCIDENT_LOOKBACK = timedelta(days=3 * 365 + 1)
OPEN_STATUSES = (VettingStatus.APPLIED, VettingStatus.INSPECTED)

CHECKLIST_LABELS: dict[str, tuple[str, str]] = {
    "job_field_fit": ("직무·전공 적합성", "job–field fit"),
    "training_conditions": ("실습 여건", "training conditions"),
    "safety_and_health": ("안전·보건 관리", "safety and health"),
    "person_in_charge": ("담당자 지정", "person in charge"),
    "insurance": ("산재보험 가입", "insurance"),
}


@dataclass
class VettingApplication:
    host_kind: str
    person_in_charge_name: str
    person_in_charge_phone: str = ""
    application_note: str = ""


@dataclass
class InspectionInput:
    inspected_on: date
    teacher_name: str
    labour_attorney_name: str
    safety_agency_name: str
    job_field_fit: bool
    training_conditions: bool
    safety_and_health: bool
    person_in_charge: bool
    insurance: bool
    notes: str = ""


@dataclass
class DecisionInput:
    approve: bool
    note: str = ""
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class ExclusionResult:
    accident: SeriousAccident
    excluded_vettings: int
    closed_offers: int
    active_placements: int


def _region_id(company: Company) -> int | None:
    return company.organisation.region_id


def ensure_vetted_host(company: Company, day: date | None = None) -> HostVetting:
    """The company's approved vetting valid on ``day`` (today by default). Raises Conflict
    ``host_not_vetted`` when there is none (never vetted, expired, rejected or excluded)."""
    day = day or timezone.localdate()
    vetting = (
        HostVetting.objects.valid_on(day).filter(company=company).order_by("-valid_until").first()
    )
    if vetting is None:
        raise conflict(
            "host_not_vetted",
            "심사를 통과하고 유효기간이 남은 참여기업만 현장실습 제안을 게시할 수 있습니다.",
            "Only a host with an approved, unexpired vetting decision may publish offers.",
            field="company_id",
        )
    return vetting


@transaction.atomic
def vetting_apply(*, actor: UserLike, company: Company, data: VettingApplication) -> HostVetting:
    """A company's application to host field training (status ``applied``). Raises
    PermissionDenied unless the actor works for the company (or vets it), ValidationFailed
    naming each bad field, Conflict ``vetting_pending`` while an application is open."""
    authorize_create(actor, HostVetting, company_id=company.pk, region_id=_region_id(company))
    if HostVetting.objects.filter(company=company, status__in=OPEN_STATUSES).exists():
        raise conflict(
            "vetting_pending",
            "심사 중인 신청이 이미 있습니다. 그 결정을 기다리세요.",
            "An application of this company is already under review; wait for its decision.",
        )
    vetting = HostVetting(
        company=company,
        host_kind=data.host_kind,
        person_in_charge_name=data.person_in_charge_name.strip(),
        person_in_charge_phone=data.person_in_charge_phone.strip(),
        application_note=data.application_note.strip(),
        applied_by=user_row(actor),
    )
    clean_or_raise(vetting, exclude=["applied_by", "decided_by", "excluding_accident"])
    vetting.save()
    record_audit(
        actor=actor, action="placements.vetting_apply", obj=vetting, after=snapshot(vetting)
    )
    return vetting


@transaction.atomic
def vetting_record_inspection(
    *, actor: UserLike, vetting: HostVetting, data: InspectionInput
) -> HostInspection:
    """Record the on-site inspection (teacher, 노무사, safety agency, the five-item checklist).
    The vetting becomes ``inspected``. Raises PermissionDenied unless the actor vets the
    company, Conflict unless the vetting is open, ValidationFailed naming each bad field."""
    vetting = (
        HostVetting.objects.select_for_update()
        .select_related("company__organisation")
        .get(pk=vetting.pk)
    )
    authorize_change(actor, vetting)
    if vetting.status not in OPEN_STATUSES:
        raise transition_refused("vetting", vetting.get_status_display(), vetting.status, "inspect")
    problems: list[FieldProblem] = []
    if data.inspected_on > timezone.localdate():
        problems.append(
            problem(
                "inspected_on",
                "in_future",
                "점검일은 오늘이나 그 이전이어야 합니다.",
                "The inspection date must be today or earlier.",
            )
        )
    inspection = HostInspection(
        vetting=vetting,
        inspected_on=data.inspected_on,
        teacher_name=data.teacher_name.strip(),
        labour_attorney_name=data.labour_attorney_name.strip(),
        safety_agency_name=data.safety_agency_name.strip(),
        job_field_fit=data.job_field_fit,
        training_conditions=data.training_conditions,
        safety_and_health=data.safety_and_health,
        person_in_charge=data.person_in_charge,
        insurance=data.insurance,
        notes=data.notes.strip(),
        recorded_by=user_row(actor),
    )
    try:
        clean_or_raise(inspection, exclude=["vetting", "recorded_by"])
    except ValidationFailed as error:
        problems += error.problems
    if problems:
        raise ValidationFailed.from_problems(problems)
    inspection.save()
    before = {"status": vetting.status}
    vetting.status = VettingStatus.INSPECTED
    vetting.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        action="placements.vetting_inspect",
        obj=vetting,
        before=before,
        after={"status": vetting.status, "inspection": snapshot(inspection)},
    )
    return inspection


def _decision_problems(
    vetting: HostVetting, data: DecisionInput, today: date
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not data.approve:
        if not data.note.strip():
            problems.append(
                problem(
                    "note",
                    "required",
                    "불승인 사유를 적어야 합니다.",
                    "A rejection needs a reason.",
                )
            )
        return problems
    inspection = vetting.inspections.order_by("-inspected_on", "-id").first()
    if inspection is None:
        problems.append(
            problem(
                "inspection",
                "inspection_required",
                "현장 점검(교사·노무사·안전 전문기관)을 기록한 뒤에 승인할 수 있습니다.",
                "Approval needs a recorded on-site inspection (teacher, labour attorney and "
                "safety agency).",
            )
        )
    elif not inspection.all_items_met:
        unmet = inspection.unmet_items
        problems.append(
            problem(
                "inspection",
                "checklist_not_met",
                "점검표의 모든 항목을 충족해야 승인할 수 있습니다. 미충족: "
                + ", ".join(CHECKLIST_LABELS[name][0] for name in unmet),
                "Every checklist item must be met for approval. Not met: "
                + ", ".join(CHECKLIST_LABELS[name][1] for name in unmet),
            )
        )
    if data.valid_from is None or data.valid_until is None:
        problems.append(
            problem(
                "valid_until",
                "required",
                "승인에는 유효 시작일과 종료일이 필요합니다.",
                "An approval needs the start and end of its validity.",
            )
        )
    elif data.valid_until < data.valid_from or data.valid_until < today:
        problems.append(
            problem(
                "valid_until",
                "invalid_period",
                "유효 종료일은 시작일과 오늘 이후여야 합니다.",
                "The validity must end after it starts and not before today.",
            )
        )
    elif data.valid_until - data.valid_from > MAX_VALIDITY:
        problems.append(
            problem(
                "valid_until",
                "validity_too_long",
                "승인의 유효기간은 3년을 넘을 수 없습니다.",
                "An approval is valid for at most 3 years.",
            )
        )
    recent = SeriousAccident.objects.filter(
        company_id=vetting.company_id, occurred_on__gte=today - ACCIDENT_LOOKBACK
    ).first()
    if recent is not None:
        problems.append(
            problem(
                "company_id",
                "serious_accident",
                f"최근 3년 안에 중대재해({recent.occurred_on:%Y-%m-%d})가 기록된 기업은 승인할 "
                "수 없습니다.",
                f"A company with a serious accident in the last 3 years "
                f"({recent.occurred_on:%Y-%m-%d}) cannot be approved.",
            )
        )
    return problems


@transaction.atomic
def vetting_decide(*, actor: UserLike, vetting: HostVetting, data: DecisionInput) -> HostVetting:
    """Approve (with a validity period of at most 3 years, after an inspection meeting every
    checklist item, and no serious accident in 3 years; a 선도기업 only by the province —
    guideline as reported, unverified) or reject (with a reason). Raises
    PermissionDenied, Conflict unless the vetting is open, ValidationFailed naming the field."""
    vetting = HostVetting.objects.select_for_update().get(pk=vetting.pk)
    authorize_change(actor, vetting)
    if vetting.status not in OPEN_STATUSES:
        raise transition_refused("vetting", vetting.get_status_display(), vetting.status, "decide")
    today = timezone.localdate()
    problems = _decision_problems(vetting, data, today)
    if data.approve and vetting.host_kind == HostKind.LEADING and not actor_for(actor).is_province:
        # 선도기업 are approved by the Ministry or the 시·도교육청; 참여기업 are chosen by the
        # school's 현장실습운영위원회 (press reports of the 2018 guideline, fieldtraining_rules.md
        # §5 [N]; the guideline itself was not read). vocnet lets the support office decide
        # 참여기업 on the committee's behalf, but a 선도기업 only the province.
        problems.append(
            problem(
                "approve",
                "leading_host_needs_province",
                "선도기업은 시·도교육청(교육부)이 승인합니다. 교육지원청은 참여기업만 승인할 수 "
                "있습니다(현장실습 운영 지침, 보도 기준 — 조문 미확인).",
                "A leading host (선도기업) is approved by the provincial office of education (or "
                "the Ministry); a support office approves participating hosts only (operating "
                "guidelines as reported in the press — not verified against the text).",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = snapshot(vetting, ["status", "valid_from", "valid_until"])
    vetting.status = VettingStatus.APPROVED if data.approve else VettingStatus.REJECTED
    vetting.decided_by = user_row(actor)
    vetting.decided_at = timezone.now()
    vetting.decision_note = data.note.strip()
    if data.approve:
        vetting.valid_from, vetting.valid_until = data.valid_from, data.valid_until
    vetting.save()
    record_audit(
        actor=actor,
        action="placements.vetting_decide",
        obj=vetting,
        before=before,
        after=snapshot(vetting, ["status", "valid_from", "valid_until", "decision_note"]),
    )
    return vetting


@transaction.atomic
def serious_accident_record(
    *,
    actor: UserLike,
    company: Company,
    occurred_on: date,
    description: str,
    source_note: str = "",
) -> ExclusionResult:
    """Record a serious accident (중대재해) at a company and exclude it at once: every open or
    approved vetting becomes ``excluded`` and every published offer is closed, each audited.
    Active placements at the company are counted in the result (the school decides on each:
    the service does not end a student's training by itself). Raises PermissionDenied unless
    the actor vets the company, ValidationFailed naming the field."""
    authorize_create(actor, SeriousAccident, region_id=_region_id(company))
    problems: list[FieldProblem] = []
    if occurred_on > timezone.localdate():
        problems.append(
            problem(
                "occurred_on",
                "in_future",
                "발생일은 오늘이나 그 이전이어야 합니다.",
                "The date of the accident must be today or earlier.",
            )
        )
    accident = SeriousAccident(
        company=company,
        occurred_on=occurred_on,
        description=description.strip(),
        source_note=source_note.strip(),
        recorded_by=user_row(actor),
    )
    try:
        clean_or_raise(accident, exclude=["recorded_by"])
    except ValidationFailed as error:
        problems += error.problems
    if problems:
        raise ValidationFailed.from_problems(problems)
    accident.save()
    record_audit(
        actor=actor, action="placements.accident_record", obj=accident, after=snapshot(accident)
    )
    now = timezone.now()
    vettings = list(
        HostVetting.objects.select_for_update().filter(
            company=company, status__in=(*OPEN_STATUSES, VettingStatus.APPROVED)
        )
    )
    for vetting in vettings:
        before = {"status": vetting.status}
        vetting.status = VettingStatus.EXCLUDED
        vetting.excluded_at = now
        vetting.excluding_accident = accident
        vetting.save(update_fields=["status", "excluded_at", "excluding_accident", "updated_at"])
        record_audit(
            actor=actor,
            action="placements.vetting_exclude",
            obj=vetting,
            before=before,
            after={"status": vetting.status, "accident": accident.pk},
        )
    offers = list(
        FieldTrainingOffer.objects.select_for_update().filter(
            company=company, status=OfferStatus.PUBLISHED
        )
    )
    for offer in offers:
        offer.status = OfferStatus.CLOSED
        offer.closed_at = now
        offer.closing_reason = (
            "중대재해 기록으로 참여기업에서 배제됨 (excluded after a serious accident)"
        )
        offer.save(update_fields=["status", "closed_at", "closing_reason", "updated_at"])
        record_audit(
            actor=actor,
            action="placements.offer_close",
            obj=offer,
            before={"status": OfferStatus.PUBLISHED},
            after={"status": offer.status, "reason": "serious_accident", "accident": accident.pk},
        )
    active = Placement.objects.active().filter(offer__company=company).count()
    return ExclusionResult(accident, len(vettings), len(offers), active)
