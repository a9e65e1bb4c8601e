"""During the placement: the hours diary, monitoring visits, incident reports, evaluations.

* :func:`hours_log` keeps the day as it happened and checks it against the labour rules
  (``rules.check_day_log``: holiday, night, daily and weekly limits, breaks). A breach is not
  refused — the diary must say what happened — but the entry is marked and an incident report
  of kind ``hours_breach`` goes to the school at once, with a response deadline.
* :func:`incident_file` — a report by the student, a guardian or the school; the host company
  never sees reports. The school answers within :data:`SCHOOL_RESPONSE_DAYS`; an unanswered
  report is escalated to the province (:func:`incidents_escalate_overdue`, run by the
  ``escalate_incidents`` command) with :data:`PROVINCE_RESPONSE_DAYS` more. A report the
  school's own staff file goes to the school's support office instead (the school cannot
  answer its own report), with :data:`OFFICE_RESPONSE_DAYS`, and on to the province when
  overdue.
* :func:`visit_record` — 순회지도 by a teacher (직업교육훈련 촉진법 제9조의3) with its checklist.
* :func:`evaluation_submit` — student, mentor and teacher each evaluate once, at the end.

The deadlines are policy, not law (docs/adr/0009-placements.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.placements.errors import conflict, problem, transition_refused
from vocnet.placements.models import (
    Evaluation,
    HoursEntry,
    IncidentKind,
    IncidentLevel,
    IncidentReport,
    IncidentStatus,
    LeaveKind,
    MonitoringVisit,
    Placement,
    PlacementStatus,
    SafetyEducation,
)
from vocnet.placements.policies import evaluator_roles
from vocnet.placements.rules import check_day_log
from vocnet.placements.rules.hours import training_minutes
from vocnet.placements.services.notices import tell_escalation, tell_incident
from vocnet.placements.services.terms import agreed_terms

SCHOOL_RESPONSE_DAYS = 3
OFFICE_RESPONSE_DAYS = 3
PROVINCE_RESPONSE_DAYS = 5
RESPONSE_DAYS = {
    IncidentLevel.SCHOOL: SCHOOL_RESPONSE_DAYS,
    IncidentLevel.OFFICE: OFFICE_RESPONSE_DAYS,
    IncidentLevel.PROVINCE: PROVINCE_RESPONSE_DAYS,
}
ENDED_STATUSES = (PlacementStatus.COMPLETED, PlacementStatus.TERMINATED)


def _placement(placement: Placement) -> Placement:
    return Placement.objects.select_related(
        "offer__company__organisation", "student__school__organisation__region"
    ).get(pk=placement.pk)


@transaction.atomic
def hours_log(
    *,
    actor: UserLike,
    placement: Placement,
    day: date,
    start: time,
    end: time,
    break_minutes: int = 0,
    activities: str = "",
) -> HoursEntry:
    """Log one day of a placement in progress (the student, or their school's staff with
    them). A day breaking a legal limit is kept with its violations (``is_breach``) and
    raises an ``hours_breach`` incident to the school. Raises PermissionDenied, Conflict
    ``transition_not_allowed`` unless in progress, ``day_logged`` when the day has an entry,
    ValidationFailed for a day outside the period or in the future."""
    placement = _placement(placement)
    authorize_create(
        actor, HoursEntry, student_id=placement.student_id, school_id=placement.student.school_id
    )
    if placement.status != PlacementStatus.IN_PROGRESS:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "log_hours"
        )
    problems: list[FieldProblem] = []
    # The signed contract's terms, not the offer's: an amendment may have moved the dates,
    # changed the schedule or the extension agreement (직업교육훈련 촉진법 제9조 ①·④).
    agreed = agreed_terms(placement)
    first, last = agreed.start_date, agreed.end_date
    if not first <= day <= min(last, timezone.localdate()):
        problems.append(
            problem(
                "day",
                "outside_period",
                f"실습 기간({first:%Y-%m-%d}~{last:%Y-%m-%d}) 안의 오늘까지의 "
                "날만 기록할 수 있습니다.",
                f"Only days of the training period ({first:%Y-%m-%d} to "
                f"{last:%Y-%m-%d}) up to today can be logged.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    monday = day - timedelta(days=day.weekday())
    week_before = (
        HoursEntry.objects.filter(placement=placement, day__gte=monday, day__lt=day).aggregate(
            total=Sum("minutes")
        )["total"]
        or 0
    )
    violations = check_day_log(
        day,
        start,
        end,
        break_minutes,
        has_extension_agreement=agreed.has_extension_agreement,
        week_minutes_before=week_before,
        agreed_schedule=agreed.schedule_minutes,
    )
    entry = HoursEntry(
        placement=placement,
        day=day,
        start=start,
        end=end,
        break_minutes=break_minutes,
        minutes=training_minutes(start, end, break_minutes),
        activities=activities.strip(),
        violations=[
            {
                "rule": v.code,
                "field": v.field,
                "article_ko": v.rule.article_ko,
                "message_ko": v.message_ko,
                "message_en": v.message_en,
            }
            for v in violations
        ],
        is_breach=bool(violations),
        logged_by=user_row(actor),
    )
    clean_or_raise(entry, exclude=["placement", "logged_by", "confirmed_by"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise conflict(
            "day_logged",
            "이 날의 기록이 이미 있습니다.",
            "This day has already been logged.",
            field="day",
        ) from None
    record_audit(actor=actor, action="placements.hours_log", obj=entry, after=snapshot(entry))
    if violations:
        _raise_incident(
            actor=None,
            placement=placement,
            kind=IncidentKind.HOURS_BREACH,
            description="\n".join(v.message_ko for v in violations),
            occurred_on=day,
            hours_entry=entry,
        )
    return entry


@transaction.atomic
def hours_log_leave(
    *, actor: UserLike, placement: Placement, day: date, kind: str, note: str = ""
) -> HoursEntry:
    """Log a day of the signed schedule the student did not train: 생리휴가 (근로기준법 제73조:
    a female worker's request for one day a month must be granted; applied to trainees by
    직업교육훈련 촉진법 제24조) or an absence the school accepted (vocnet policy). A leave day
    has no times and no minutes, is never a breach and raises no report. Raises
    PermissionDenied, Conflict ``transition_not_allowed`` unless in progress, ``day_logged``;
    ValidationFailed (``kind`` unknown; ``day`` outside the signed period, in the future, or
    not a training day of the signed contract)."""
    placement = _placement(placement)
    authorize_create(
        actor, HoursEntry, student_id=placement.student_id, school_id=placement.student.school_id
    )
    if placement.status != PlacementStatus.IN_PROGRESS:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "log_hours"
        )
    agreed = agreed_terms(placement)
    problems: list[FieldProblem] = []
    if kind not in LeaveKind.values:
        problems.append(
            problem(
                "kind",
                "invalid_leave_kind",
                "휴가 종류는 생리휴가(menstrual) 또는 학교가 인정한 결석(absence)입니다.",
                "The kind of leave is menstrual leave (menstrual) or an absence the school "
                "accepted (absence).",
            )
        )
    first, last = agreed.start_date, agreed.end_date
    if not first <= day <= min(last, timezone.localdate()):
        problems.append(
            problem(
                "day",
                "outside_period",
                f"실습 기간({first:%Y-%m-%d}~{last:%Y-%m-%d}) 안의 오늘까지의 날만 기록할 수 "
                "있습니다.",
                f"Only days of the training period ({first:%Y-%m-%d} to {last:%Y-%m-%d}) up to "
                "today can be logged.",
            )
        )
    elif day.weekday() not in agreed.schedule_minutes:
        problems.append(
            problem(
                "day",
                "not_a_training_day",
                "휴가는 서명한 협약서의 실습 요일에만 기록합니다(근로기준법 제73조, 직업교육훈련 "
                "촉진법 제24조).",
                "Leave is logged only on a training day of the signed contract (Labor Standards "
                "Act, Art. 73, applied by the VET Promotion Act, Art. 24).",
            )
        )
    if len(note.strip()) > 2000:
        problems.append(
            problem("note", "too_long", "2000자 이내로 적으세요.", "At most 2,000 characters.")
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    entry = HoursEntry(
        placement=placement,
        day=day,
        leave=kind,
        minutes=0,
        activities=note.strip(),
        logged_by=user_row(actor),
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise conflict(
            "day_logged",
            "이 날의 기록이 이미 있습니다.",
            "This day has already been logged.",
            field="day",
        ) from None
    record_audit(
        actor=actor,
        action="placements.hours_log_leave",
        obj=entry,
        after={"day": str(day), "leave": kind},
    )
    return entry


@transaction.atomic
def hours_confirm(*, actor: UserLike, entry: HoursEntry) -> HoursEntry:
    """The mentor (the host company's staff) confirms a day. Raises PermissionDenied,
    Conflict ``already_confirmed``."""
    authorize_change(actor, entry)
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.confirmed_at is not None:
        raise conflict("already_confirmed", "이미 확인한 기록입니다.", "Already confirmed.")
    entry.confirmed_by = user_row(actor)
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_by", "confirmed_at"])
    record_audit(
        actor=actor, action="placements.hours_confirm", obj=entry, after={"day": str(entry.day)}
    )
    return entry


def _raise_incident(
    *,
    actor: UserLike | None,
    placement: Placement,
    kind: str,
    description: str,
    occurred_on: date | None,
    hours_entry: HoursEntry | None = None,
    level: str = IncidentLevel.SCHOOL,
) -> IncidentReport:
    now = timezone.now()
    incident = IncidentReport.objects.create(
        placement=placement,
        filed_at=now,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
        hours_entry=hours_entry,
        filed_by=user_row(actor),
        level=level,
        response_due=now + timedelta(days=RESPONSE_DAYS[IncidentLevel(level)]),
    )
    record_audit(
        actor=actor,
        action="placements.incident_file",
        obj=incident,
        after={"kind": kind, "placement": placement.pk, "level": incident.level},
    )
    tell_incident(incident)
    return incident


@transaction.atomic
def incident_file(
    *,
    actor: UserLike,
    placement: Placement,
    kind: str,
    description: str,
    occurred_on: date | None = None,
) -> IncidentReport:
    """File an incident or grievance report about a placement (the student, a guardian, the
    school, the province). It goes to the school with a deadline of
    :data:`SCHOOL_RESPONSE_DAYS` days — or, when the school's own staff file it, to the
    school's support office with :data:`OFFICE_RESPONSE_DAYS` days (a school does not answer
    its own report; vocnet policy, see :func:`filing_level`). The host company never sees it.
    Raises
    PermissionDenied, ValidationFailed (``kind``, ``description``, ``occurred_on``)."""
    placement = _placement(placement)
    authorize_create(
        actor,
        IncidentReport,
        student_id=placement.student_id,
        school_id=placement.student.school_id,
    )
    problems: list[FieldProblem] = []
    if kind not in IncidentKind.values or kind == IncidentKind.HOURS_BREACH:
        problems.append(
            problem("kind", "invalid_kind", "신고 유형을 고르세요.", "Choose the kind of report.")
        )
    if not description.strip():
        problems.append(
            problem("description", "required", "내용을 적어야 합니다.", "Describe what happened.")
        )
    if occurred_on is not None and occurred_on > timezone.localdate():
        problems.append(
            problem(
                "occurred_on",
                "in_future",
                "발생일은 오늘이나 그 이전이어야 합니다.",
                "The date must be today or earlier.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    return _raise_incident(
        actor=actor,
        placement=placement,
        kind=kind,
        description=description.strip(),
        occurred_on=occurred_on,
        level=filing_level(actor, placement),
    )


def filing_level(actor: UserLike, placement: Placement) -> str:
    """Who answers a report ``actor`` files about ``placement``: the support office of the
    student's school when the filer is that school's staff (and not the student or a guardian
    of theirs) and the school's region has an office; else the school."""
    who = actor_for(actor)
    own = who.student_id == placement.student_id or placement.student_id in (
        who.guardian_student_ids
    )
    school = placement.student.school.organisation
    files_for_school = placement.student.school_id in who.organisations("school_staff")
    has_office = school.region is not None and school.region.support_office_id is not None
    if files_for_school and not own and has_office:
        return IncidentLevel.OFFICE
    return IncidentLevel.SCHOOL


@transaction.atomic
def incident_respond(
    *, actor: UserLike, incident: IncidentReport, response: str, close: bool = False
) -> IncidentReport:
    """Answer a report (the school, its support office, the province); ``close`` ends it.
    Raises PermissionDenied, Conflict unless open or answered, ValidationFailed
    (``response``)."""
    authorize_change(actor, incident)
    incident = IncidentReport.objects.select_for_update().get(pk=incident.pk)
    if incident.status == IncidentStatus.CLOSED:
        raise conflict(
            "incident_closed", "종결된 신고입니다.", "This report is closed.", field="response"
        )
    if not response.strip():
        raise ValidationFailed.from_problems(
            [problem("response", "required", "답변을 적어야 합니다.", "Write the response.")]
        )
    before = {"status": incident.status}
    incident.response = response.strip()
    incident.responded_by = user_row(actor)
    incident.responded_at = timezone.now()
    incident.status = IncidentStatus.CLOSED if close else IncidentStatus.RESPONDED
    incident.save(update_fields=["response", "responded_by", "responded_at", "status"])
    record_audit(
        actor=actor,
        action="placements.incident_respond",
        obj=incident,
        before=before,
        after={"status": incident.status},
    )
    return incident


@transaction.atomic
def incidents_escalate_overdue(*, now: datetime | None = None) -> int:
    """Escalate every open report whose school's or support office's deadline has passed to
    the province, with a deadline of :data:`PROVINCE_RESPONSE_DAYS` days. Returns how many
    were escalated."""
    now = now or timezone.now()
    overdue = list(
        IncidentReport.objects.select_for_update().filter(
            level__in=(IncidentLevel.SCHOOL, IncidentLevel.OFFICE),
            status=IncidentStatus.OPEN,
            response_due__lt=now,
        )
    )
    for incident in overdue:
        before = {"level": incident.level}
        incident.level = IncidentLevel.PROVINCE
        incident.escalated_at = now
        incident.response_due = now + timedelta(days=PROVINCE_RESPONSE_DAYS)
        incident.save(update_fields=["level", "escalated_at", "response_due"])
        record_audit(
            actor=None,
            action="placements.incident_escalate",
            obj=incident,
            before=before,
            after={"level": IncidentLevel.PROVINCE, "response_due": str(incident.response_due)},
        )
        tell_escalation(incident)
    return len(overdue)


@dataclass
class VisitInput:
    visited_on: date
    hours_kept: bool
    tasks_match: bool
    safety_ok: bool
    mentor_present: bool
    student_wellbeing: bool
    notes: str
    follow_up: str = ""


@dataclass
class SafetyEducationInput:
    given_on: date
    given_by: str
    content: str


@transaction.atomic
def safety_education_record(
    *, actor: UserLike, placement: Placement, data: SafetyEducationInput
) -> SafetyEducation:
    """Record the safety and labour-rights education given before the start (직업교육훈련
    촉진법 제9조의5): who gave it, when and what. Raises PermissionDenied unless the actor is
    staff of the student's school (or the province), Conflict unless the placement is matched
    or contracted, ValidationFailed (a date after the start date or in the future)."""
    placement = _placement(placement)
    authorize_create(actor, SafetyEducation, school_id=placement.student.school_id)
    if placement.status not in (PlacementStatus.MATCHED, PlacementStatus.CONTRACTED):
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "record_education"
        )
    problems: list[FieldProblem] = []
    starts = agreed_terms(placement).start_date
    latest = min(timezone.localdate(), starts)
    if data.given_on > latest:
        problems.append(
            problem(
                "given_on",
                "not_before_start",
                f"안전교육일은 실습 시작일({starts:%Y-%m-%d}) 이전이고 오늘 "
                "이전이어야 합니다 — 직업교육훈련 촉진법 제9조의5.",
                "The safety education must be given by the start date "
                f"({starts:%Y-%m-%d}) and not in the future — VET "
                "Promotion Act, Art. 9-5.",
            )
        )
    education = SafetyEducation(
        placement=placement,
        given_on=data.given_on,
        given_by=data.given_by.strip(),
        content=data.content.strip(),
        recorded_by=user_row(actor),
    )
    try:
        clean_or_raise(education, exclude=["placement", "recorded_by"])
    except ValidationFailed as error:
        problems += error.problems
    if problems:
        raise ValidationFailed.from_problems(problems)
    education.save()
    record_audit(
        actor=actor,
        action="placements.safety_education_record",
        obj=education,
        after=snapshot(education),
    )
    return education


@transaction.atomic
def visit_record(*, actor: UserLike, placement: Placement, data: VisitInput) -> MonitoringVisit:
    """Record a teacher's monitoring visit (순회지도, 직업교육훈련 촉진법 제9조의3) with its
    checklist. An item not met with no follow-up written is refused. Raises PermissionDenied
    unless the actor is staff of the student's school (or the province), Conflict unless in
    progress, ValidationFailed."""
    placement = _placement(placement)
    authorize_create(actor, MonitoringVisit, school_id=placement.student.school_id)
    if placement.status != PlacementStatus.IN_PROGRESS:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "log_hours"
        )
    problems: list[FieldProblem] = []
    starts = agreed_terms(placement).start_date
    if data.visited_on > timezone.localdate() or data.visited_on < starts:
        problems.append(
            problem(
                "visited_on",
                "outside_period",
                "방문일은 실습 시작일부터 오늘까지입니다.",
                "The visit must be between the start of training and today.",
            )
        )
    unmet = not all(
        (data.hours_kept, data.tasks_match, data.safety_ok, data.mentor_present,
         data.student_wellbeing)
    )  # fmt: skip
    if unmet and not data.follow_up.strip():
        problems.append(
            problem(
                "follow_up",
                "required",
                "충족하지 않은 항목이 있으면 후속 조치를 적어야 합니다.",
                "A checklist item not met needs a follow-up.",
            )
        )
    visit = MonitoringVisit(
        placement=placement,
        visited_on=data.visited_on,
        teacher=user_row(actor),
        teacher_name=(getattr(actor, "name", "") or actor.get_username())[:100],
        hours_kept=data.hours_kept,
        tasks_match=data.tasks_match,
        safety_ok=data.safety_ok,
        mentor_present=data.mentor_present,
        student_wellbeing=data.student_wellbeing,
        notes=data.notes.strip(),
        follow_up=data.follow_up.strip(),
    )
    try:
        clean_or_raise(visit, exclude=["placement", "teacher"])
    except ValidationFailed as error:
        problems += error.problems
    if problems:
        raise ValidationFailed.from_problems(problems)
    visit.save()
    record_audit(actor=actor, action="placements.visit_record", obj=visit, after=snapshot(visit))
    return visit


@transaction.atomic
def evaluation_submit(
    *, actor: UserLike, placement: Placement, role: str, rating: int, comment: str = ""
) -> Evaluation:
    """The student's, the mentor's or the teacher's evaluation of a completed or terminated
    placement, once per role. Raises PermissionDenied unless the actor evaluates in ``role``,
    Conflict (``transition_not_allowed``, ``already_evaluated``), ValidationFailed."""
    placement = _placement(placement)
    if role not in evaluator_roles(actor_for(actor), placement):
        raise permission_denied()
    if placement.status not in ENDED_STATUSES:
        raise conflict(
            "not_ended",
            "실습이 끝난(수료 또는 중도 종료) 뒤에 평가합니다.",
            "Evaluations are made once the training has ended (completed or terminated).",
        )
    evaluation = Evaluation(
        placement=placement,
        role=role,
        rating=rating,
        comment=comment.strip(),
        submitted_by=user_row(actor),
    )
    clean_or_raise(evaluation, exclude=["placement", "submitted_by"])
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise conflict(
            "already_evaluated",
            "이미 평가했습니다.",
            "This evaluation has already been submitted.",
            field="role",
        ) from None
    record_audit(
        actor=actor,
        action="placements.evaluation_submit",
        obj=evaluation,
        after={"role": role, "rating": rating},
    )
    return evaluation
