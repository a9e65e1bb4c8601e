"""Field-training offers: create, edit, publish, close, withdraw.

Every write checks the offer against the labour rules (``vocnet.placements.rules``) through
:func:`offer_terms`, the adapter from ORM rows to the rules' dataclasses: terms that break a
rule are refused with ``LabourRulesBroken`` (422) naming the field (``schedule[2].end``), the
rule and the article, and nothing is written. Publishing also needs a vetted host
(``vetting.ensure_vetted_host``) and the items the contract will need (mentor, tasks, safety
measures).

draft → published → closed; draft or published → withdrawn (not while placements are active).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.korean import with_particle
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.placements.errors import LabourRulesBroken, conflict, problem, transition_refused
from vocnet.placements.models import (
    FieldTrainingOffer,
    OfferSchedule,
    OfferStatus,
    Placement,
    TrainingType,
)
from vocnet.placements.rules import DaySchedule, OfferTerms, check_offer
from vocnet.placements.services.vetting import ensure_vetted_host
from vocnet.registry.models import Company
from vocnet.registry.services import resolve_ncs, resolve_region

FIELD_NAMES = {"region": "region_code", "ncs_middle": "ncs_code", "company": "company_id"}
EDITABLE_STATUSES = (OfferStatus.DRAFT, OfferStatus.PUBLISHED)


@dataclass
class ScheduleInput:
    weekday: int
    start: time
    end: time
    break_minutes: int = 0


@dataclass
class OfferInput:
    title: str
    region_code: str
    ncs_code: str
    seats: int
    start_date: date
    end_date: date
    allowance_krw: int
    schedule: list[ScheduleInput]
    site_address: str = ""
    mentor_name: str = ""
    mentor_title: str = ""
    mentor_phone: str = ""
    tasks: str = ""
    hazard_categories: list[str] = field(default_factory=list)
    safety_measures: str = ""
    has_extension_agreement: bool = False
    extension_agreement_note: str = ""
    training_type: str = TrainingType.LEARNING_CENTRED
    acknowledge_low_allowance: bool = False


def max_months_setting() -> tuple[tuple[str, int], ...]:
    """``VOCNET_FIELD_TRAINING_MAX_MONTHS`` (type code → months) over the data file's limits."""
    configured = getattr(settings, "VOCNET_FIELD_TRAINING_MAX_MONTHS", {}) or {}
    return tuple((str(code), int(months)) for code, months in configured.items())


def allowance_floor() -> int:
    """``VOCNET_FIELD_TRAINING_ALLOWANCE_FLOOR_KRW`` — below it (and at 0 원) the company must
    acknowledge a warning. The law sets no minimum allowance (직업교육훈련 촉진법 제27조 ① 2
    라 only fines a host that does not pay what the 표준협약서 says), so the default is 0."""
    return max(int(getattr(settings, "VOCNET_FIELD_TRAINING_ALLOWANCE_FLOOR_KRW", 0)), 0)


def allowance_is_low(amount: int) -> bool:
    return amount <= 0 or amount < allowance_floor()


def terms_of(
    schedule: list[ScheduleInput] | list[OfferSchedule],
    *,
    start_date: date,
    end_date: date,
    has_extension_agreement: bool,
    hazard_categories: list[str],
    training_type: str = TrainingType.LEARNING_CENTRED,
) -> OfferTerms:
    """The rules' view of an offer (or of amended contract terms)."""
    return OfferTerms(
        schedule=tuple(DaySchedule(d.weekday, d.start, d.end, d.break_minutes) for d in schedule),
        start_date=start_date,
        end_date=end_date,
        has_extension_agreement=has_extension_agreement,
        hazard_categories=tuple(hazard_categories),
        training_type=str(training_type),
        max_months=max_months_setting(),
    )


def offer_terms(offer: FieldTrainingOffer) -> OfferTerms:
    """The adapter from an offer's rows to :class:`OfferTerms` (uses prefetched schedule)."""
    return terms_of(
        list(offer.schedule.all()),
        start_date=offer.start_date,
        end_date=offer.end_date,
        has_extension_agreement=offer.has_extension_agreement,
        hazard_categories=list(offer.hazard_categories),
        training_type=offer.training_type,
    )


def _schedule_problems(schedule: list[ScheduleInput]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not schedule:
        problems.append(
            problem(
                "schedule",
                "required",
                "실습 요일과 시간을 하루 이상 적어야 합니다.",
                "Give the training time of at least one weekday.",
            )
        )
    seen: set[int] = set()
    for index, day in enumerate(schedule):
        if not 0 <= day.weekday <= 6:
            problems.append(
                problem(
                    f"schedule[{index}].weekday",
                    "invalid_weekday",
                    "요일은 0(월요일)부터 6(일요일)까지입니다.",
                    "The weekday is 0 (Monday) to 6 (Sunday).",
                )
            )
        elif day.weekday in seen:
            problems.append(
                problem(
                    f"schedule[{index}].weekday",
                    "duplicate_weekday",
                    "같은 요일을 두 번 적었습니다. 요일마다 한 줄만 적으세요.",
                    "The same weekday is given twice; give one row per weekday.",
                )
            )
        seen.add(day.weekday)
        if not 0 <= day.break_minutes <= 600:
            problems.append(
                problem(
                    f"schedule[{index}].break_minutes",
                    "invalid_break",
                    "휴게 시간은 0~600분입니다.",
                    "The break is 0 to 600 minutes.",
                )
            )
    return problems


def _allowance_problems(offer: FieldTrainingOffer, data: OfferInput) -> list[FieldProblem]:
    """A low allowance (0 원, or below the configured floor) needs the company's recorded
    acknowledgement; the figure goes into the contract terms the school sees either way."""
    if not allowance_is_low(data.allowance_krw):
        offer.allowance_warning_acknowledged_at = None
        return []
    if not data.acknowledge_low_allowance:
        floor = allowance_floor()
        return [
            problem(
                "acknowledge_low_allowance",
                "low_allowance_not_acknowledged",
                f"현장실습 수당이 월 {data.allowance_krw:,}원입니다(경고 기준 월 {floor:,}원). "
                "수당은 표준협약서의 필수 항목이며 학교에 보고됩니다(직업교육훈련 촉진법 제9조 ④, "
                "제27조 ① 2 라). 확인란에 표시해야 저장됩니다.",
                f"The allowance of KRW {data.allowance_krw:,} a month is at or below the floor "
                f"(KRW {floor:,}); it is an item of the standard contract and is reported to the "
                "school (VET Promotion Act, Art. 9(4), Art. 27(1)2(d)). Tick the acknowledgement "
                "to save.",
            )
        ]
    if offer.allowance_warning_acknowledged_at is None:
        offer.allowance_warning_acknowledged_at = timezone.now()
    return []


def _build(offer: FieldTrainingOffer, data: OfferInput) -> list[FieldProblem]:
    """Fill ``offer`` from ``data``; the problems of the fields, the schedule and the rules.
    Raises LabourRulesBroken when the terms break a labour rule."""
    problems: list[FieldProblem] = []
    region = resolve_region(data.region_code, problems)
    if region is not None:
        offer.region = region
    elif not data.region_code:
        problems.append(
            problem("region_code", "required", "실습 지역(시·군)을 고르세요.", "Choose the region.")
        )
    ncs = resolve_ncs(data.ncs_code, problems)
    if ncs is not None:
        offer.ncs_middle = ncs
    offer.title = data.title.strip()
    offer.site_address = data.site_address.strip()
    offer.seats = data.seats
    offer.start_date, offer.end_date = data.start_date, data.end_date
    offer.allowance_krw = data.allowance_krw
    offer.training_type = data.training_type
    offer.mentor_name = data.mentor_name.strip()
    offer.mentor_title = data.mentor_title.strip()
    offer.mentor_phone = data.mentor_phone.strip()
    offer.tasks = data.tasks.strip()
    offer.hazard_categories = list(dict.fromkeys(data.hazard_categories))
    offer.safety_measures = data.safety_measures.strip()
    offer.has_extension_agreement = data.has_extension_agreement
    offer.extension_agreement_note = data.extension_agreement_note.strip()
    if data.end_date < data.start_date:
        problems.append(
            problem(
                "end_date",
                "ends_before_start",
                "종료일은 시작일과 같거나 그 뒤여야 합니다.",
                "The end date must be on or after the start date.",
            )
        )
    if data.has_extension_agreement and not offer.extension_agreement_note:
        problems.append(
            problem(
                "extension_agreement_note",
                "required",
                "실습 시간 연장 합의가 있으면 그 내용(합의 당사자·일자)을 기록해야 합니다 — "
                "직업교육훈련 촉진법 제9조의2 ① 단서.",
                "An extension agreement must be recorded (parties and date) — Vocational "
                "Education and Training Promotion Act, Art. 9-2(1), proviso.",
            )
        )
    problems += _allowance_problems(offer, data)
    schedule_problems = _schedule_problems(data.schedule)
    problems += schedule_problems
    exclude = ["created_by", "company"] + (["region"] if offer.region_id is None else [])
    exclude += ["ncs_middle"] if offer.ncs_middle_id is None else []
    try:
        clean_or_raise(offer, exclude=exclude, field_names=FIELD_NAMES)
    except ValidationFailed as error:
        problems += error.problems
    if not schedule_problems and data.end_date >= data.start_date:
        violations = check_offer(
            terms_of(
                data.schedule,
                start_date=data.start_date,
                end_date=data.end_date,
                has_extension_agreement=data.has_extension_agreement,
                hazard_categories=offer.hazard_categories,
                training_type=data.training_type,
            )
        )
        if violations:
            broken = LabourRulesBroken.from_violations(violations)
            broken.problems += problems
            raise broken
    return problems


def _write_schedule(offer: FieldTrainingOffer, schedule: list[ScheduleInput]) -> None:
    offer.schedule.all().delete()
    OfferSchedule.objects.bulk_create(
        OfferSchedule(
            offer=offer,
            weekday=day.weekday,
            start=day.start,
            end=day.end,
            break_minutes=day.break_minutes,
        )
        for day in sorted(schedule, key=lambda d: d.weekday)
    )


def _schedule_snapshot(offer: FieldTrainingOffer) -> list[dict[str, Any]]:
    return [
        {"weekday": d.weekday, "start": f"{d.start:%H:%M}", "end": f"{d.end:%H:%M}",
         "break_minutes": d.break_minutes}
        for d in offer.schedule.all()
    ]  # fmt: skip


@transaction.atomic
def offer_create(*, actor: UserLike, company: Company, data: OfferInput) -> FieldTrainingOffer:
    """A draft offer of ``company``. Raises PermissionDenied unless the actor works for the
    company (or is the province), LabourRulesBroken when the terms break a labour rule,
    ValidationFailed naming each bad field. Nothing is written on a refusal."""
    authorize_create(actor, FieldTrainingOffer, company_id=company.pk)
    offer = FieldTrainingOffer(
        company=company,
        status=OfferStatus.DRAFT,
        created_by=user_row(actor),
    )
    problems = _build(offer, data)
    if problems:
        raise ValidationFailed.from_problems(problems)
    offer.save()
    _write_schedule(offer, data.schedule)
    record_audit(
        actor=actor,
        action="placements.offer_create",
        obj=offer,
        after={**snapshot(offer), "schedule": _schedule_snapshot(offer)},
    )
    return offer


def _lock(offer: FieldTrainingOffer) -> FieldTrainingOffer:
    return FieldTrainingOffer.objects.select_for_update().get(pk=offer.pk)


def _refuse_with_active_placements(offer: FieldTrainingOffer) -> None:
    if Placement.objects.active().filter(offer=offer).exists():
        raise conflict(
            "offer_has_placements",
            "배정된 학생이 있는 제안은 고치거나 철회할 수 없습니다. 조건 변경은 학생별 "
            "표준협약서 변경으로 하세요.",
            "An offer with placed students cannot be edited or withdrawn; change the terms "
            "through each student's contract instead.",
        )


@transaction.atomic
def offer_update(
    *, actor: UserLike, offer: FieldTrainingOffer, data: OfferInput
) -> FieldTrainingOffer:
    """Replace the terms of a draft or published offer without active placements. Raises
    PermissionDenied, Conflict (``transition_not_allowed``, ``offer_has_placements``),
    LabourRulesBroken, ValidationFailed."""
    authorize_change(actor, offer)
    offer = _lock(offer)
    if offer.status not in EDITABLE_STATUSES:
        raise transition_refused("offer", offer.get_status_display(), offer.status, "edit")
    _refuse_with_active_placements(offer)
    before = {**snapshot(offer), "schedule": _schedule_snapshot(offer)}
    problems = _build(offer, data)
    if problems:
        raise ValidationFailed.from_problems(problems)
    offer.save()
    _write_schedule(offer, data.schedule)
    record_audit(
        actor=actor,
        action="placements.offer_update",
        obj=offer,
        before=before,
        after={**snapshot(offer), "schedule": _schedule_snapshot(offer)},
    )
    return offer


def publish_problems(offer: FieldTrainingOffer, today: date) -> list[FieldProblem]:
    """What an offer lacks to be published: the contract's required items and a future start."""
    problems: list[FieldProblem] = []
    required = (
        ("mentor_name", "기업현장교사(담당자)", "the company mentor (person in charge)"),
        ("tasks", "실습 직무·내용", "the tasks"),
        ("safety_measures", "안전·보건 조치", "the safety and health measures"),
    )
    for name, label_ko, label_en in required:
        if not getattr(offer, name):
            problems.append(
                problem(
                    name,
                    "required_to_publish",
                    f"게시하려면 {with_particle(label_ko, '을/를')} 적어야 합니다"
                    "(표준협약서 필수 항목 — "
                    "직업교육훈련 촉진법 제9조 ④, 제27조 ①).",
                    f"Give {label_en} before publishing (a required item of the standard "
                    "contract — VET Promotion Act, Art. 9(4) and 27(1)).",
                )
            )
    if offer.start_date <= today:
        problems.append(
            problem(
                "start_date",
                "start_in_past",
                "실습 시작일이 지났거나 오늘입니다. 시작일을 고친 뒤 게시하세요.",
                "The training starts today or has started; change the start date first.",
            )
        )
    return problems


@transaction.atomic
def offer_publish(*, actor: UserLike, offer: FieldTrainingOffer) -> FieldTrainingOffer:
    """Publish a draft. Raises PermissionDenied, Conflict ``transition_not_allowed`` unless a
    draft, Conflict ``host_not_vetted`` unless the company has an approved vetting valid
    today, LabourRulesBroken if the terms break a rule (e.g. the holiday data changed),
    ValidationFailed when a required item of the contract is missing."""
    authorize_change(actor, offer)
    offer = _lock(offer)
    if offer.status != OfferStatus.DRAFT:
        raise transition_refused("offer", offer.get_status_display(), offer.status, "publish")
    today = timezone.localdate()
    ensure_vetted_host(offer.company, today)
    violations = check_offer(offer_terms(offer))
    if violations:
        raise LabourRulesBroken.from_violations(violations)
    problems = publish_problems(offer, today)
    if problems:
        raise ValidationFailed.from_problems(problems)
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = timezone.now()
    offer.save(update_fields=["status", "published_at", "updated_at"])
    record_audit(
        actor=actor,
        action="placements.offer_publish",
        obj=offer,
        before={"status": OfferStatus.DRAFT},
        after={"status": offer.status},
    )
    return offer


@transaction.atomic
def offer_close(
    *, actor: UserLike, offer: FieldTrainingOffer, reason: str = ""
) -> FieldTrainingOffer:
    """Stop taking students on a published offer (placements made stay). Raises
    PermissionDenied, Conflict ``transition_not_allowed`` unless published."""
    authorize_change(actor, offer)
    offer = _lock(offer)
    if offer.status != OfferStatus.PUBLISHED:
        raise transition_refused("offer", offer.get_status_display(), offer.status, "close")
    offer.status = OfferStatus.CLOSED
    offer.closed_at = timezone.now()
    offer.closing_reason = reason.strip()[:300]
    offer.save(update_fields=["status", "closed_at", "closing_reason", "updated_at"])
    record_audit(
        actor=actor,
        action="placements.offer_close",
        obj=offer,
        before={"status": OfferStatus.PUBLISHED},
        after={"status": offer.status, "reason": offer.closing_reason},
    )
    return offer


@transaction.atomic
def offer_withdraw(
    *, actor: UserLike, offer: FieldTrainingOffer, reason: str = ""
) -> FieldTrainingOffer:
    """Withdraw a draft or published offer that has no active placement. Raises
    PermissionDenied, Conflict (``transition_not_allowed``, ``offer_has_placements``)."""
    authorize_change(actor, offer)
    offer = _lock(offer)
    if offer.status not in EDITABLE_STATUSES:
        raise transition_refused("offer", offer.get_status_display(), offer.status, "withdraw")
    _refuse_with_active_placements(offer)
    before = {"status": offer.status}
    offer.status = OfferStatus.WITHDRAWN
    offer.closed_at = timezone.now()
    offer.closing_reason = reason.strip()[:300]
    offer.save(update_fields=["status", "closed_at", "closing_reason", "updated_at"])
    record_audit(
        actor=actor,
        action="placements.offer_withdraw",
        obj=offer,
        before=before,
        after={"status": offer.status, "reason": offer.closing_reason},
    )
    return offer
