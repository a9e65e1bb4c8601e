"""Field training alive in the demo (issue 15 §4): placements at every stage on the demo's date.

Run last, after the clearinghouse demo (``vocnet/demo/domains.py``). The round's placements
start after the demo's date; this demo adds an earlier cohort of direct placements whose
training period contains the demo's date or ended before it, so a new user sees every stage:

* about 2,000 placements **in progress** (at full scale), each on a closed offer of a vetted
  host, with the company's accepted application, a contract signed by every party, the
  school's safety education (제9조의5), and an hours diary from the start to yesterday —
  some days breaking the legal limits (kept, marked, each raising its ``hours_breach``
  report, as ``services.hours_log`` does), some leave days (제73조 via 제24조, or an absence
  the school accepted);
* monitoring visits (순회지도, 제9조의3) recorded for most of them, due for the others
  (the policy of ``placements.selectors.visits_due``);
* incident and grievance reports at each stage: new (the school's deadline ahead), answered,
  closed, escalated to the province after the deadline, and filed by a school so its support
  office answers;
* early terminations with the company's advance notice to the school recorded (제9조의4 ③);
* completed placements with the evaluations of the student, the mentor and the teacher;
* contracts of the round's placements at each signature stage (drafted; the company signed;
  the company and the school; all but the guardian; all — then 협약 체결).

The demo school's students among them train at the demo company login's company, so the
school, company, student-facing pages all show a live placement; one of them has a breach.
Every row is synthetic: placements, offers, applications carry ``is_synthetic`` (the pages
show a 합성 badge) and every text written here says 합성. Bulk-written through the ORM (a
seeding tool, like the other demos); deterministic for a seed and a day.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from vocnet.demo.placements import (
    FULL_COMPANY_COUNT,
    SYNTHETIC_NOTE,
    Schedule,
    _demo_companies,
    _lawful,
    _offer,
)
from vocnet.demo.registry.names import person_name
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.placements.models import (
    ApplicationStatus,
    ContractParty,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    Evaluation,
    EvaluatorRole,
    FieldTrainingOffer,
    HostVetting,
    HoursEntry,
    IncidentKind,
    IncidentLevel,
    IncidentReport,
    IncidentStatus,
    LeaveKind,
    MonitoringVisit,
    OfferSchedule,
    OfferStatus,
    Placement,
    PlacementApplication,
    PlacementContract,
    PlacementOrigin,
    PlacementStatus,
    SafetyEducation,
)
from vocnet.placements.rules import check_day_log
from vocnet.placements.rules.age import needs_guardian
from vocnet.placements.rules.holidays import training_dates
from vocnet.placements.rules.hours import training_minutes
from vocnet.placements.selectors.visits_due import FIRST_VISIT_DAYS, VISIT_INTERVAL_DAYS
from vocnet.placements.services.progress import PROVINCE_RESPONSE_DAYS, RESPONSE_DAYS
from vocnet.placements.services.terms import generate_terms
from vocnet.registry.models import Membership, Role, Student

DEFAULT_SEED = 2025
# Placements at full scale (3,200 demo companies); scaled down with the demo, never below
# MINIMUM so the small demo of the tests still has every stage.
TARGETS = {"in_progress": 2000, "completed": 400, "terminated": 60}
SIGNING_TARGET = 120  # round placements per signature stage
MINIMUM = 4
BREACH_SHARE = 0.12
LEAVE_SHARE = 0.15
VISITED_SHARE = 0.6
INCIDENT_SHARE = 0.08
CLOSING_REASON = "모집 완료 — 실습 진행·종료(합성 데모)"
SIGNING_STAGES: tuple[tuple[str, ...], ...] = (
    (),
    ("company",),
    ("company", "school"),
    ("company", "school", "student"),
    ("company", "school", "student", "guardian"),
)
INCIDENTS = (
    (IncidentKind.SAFETY, "보호구 없이 절단기 작업을 하라는 지시를 받았습니다 (합성)"),
    (IncidentKind.GRIEVANCE, "점심시간에도 전화 응대를 계속 시킵니다 (합성)"),
    (IncidentKind.GRIEVANCE, "기업현장교사가 자주 자리를 비워 지도를 받지 못합니다 (합성)"),
    (IncidentKind.OTHER, "출퇴근 교통편이 끊겨 귀가가 늦어집니다 (합성)"),
)
TERMINATIONS = (
    ("기업 경영 사정(주문 감소)으로 실습을 중도 종료함 (합성)", True),
    ("학생 건강 사유로 학교와 협의하여 중도 종료함 (합성)", False),
    ("직무가 협약 내용과 달라 학교 요청으로 중도 종료함 (합성)", False),
)
ACTIVITIES = (
    "장비 점검 보조 (합성)",
    "공정 실습 — 기업현장교사 지도 (합성)",
    "품질 검사 기록 작성 (합성)",
    "안전 교육 및 현장 견학 (합성)",
)


@dataclass
class _Group:
    """Students who train together on one offer, and the stage they are at."""

    stage: str
    ncs_id: int
    region_id: int | None
    students: list[Any] = field(default_factory=list)
    company: Any = None


def life_demo_present() -> bool:
    return HoursEntry.objects.filter(placement__is_synthetic=True).exists()


def reset_placement_life_demo() -> None:
    """Delete what this demo wrote on top of the placements demo: the synthetic applications
    (they protect offers and students). The placements, offers and contracts go with the
    placements demo's reset; their diaries, visits, reports and evaluations with them."""
    PlacementApplication.objects.filter(is_synthetic=True).delete()


def _counts(created: int) -> dict[str, int]:
    synthetic = Placement.objects.filter(is_synthetic=True)
    return {
        "created": created,
        "in_progress": synthetic.filter(status=PlacementStatus.IN_PROGRESS).count(),
        "completed": synthetic.filter(status=PlacementStatus.COMPLETED).count(),
        "terminated": synthetic.filter(status=PlacementStatus.TERMINATED).count(),
        "diary_days": HoursEntry.objects.filter(placement__is_synthetic=True).count(),
        "visits": MonitoringVisit.objects.filter(placement__is_synthetic=True).count(),
        "reports": IncidentReport.objects.filter(placement__is_synthetic=True).count(),
    }


def _aware(day: date, at: time) -> datetime:
    # The demo's zone (Asia/Seoul) has no daylight saving: combining is make_aware, cheaper.
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _students(rng: random.Random, total: int) -> tuple[list[Any], list[Any]]:
    """Enrolled third-years of the demo without an active placement (the demo student login
    excepted): the demo school's first, then a sample of the others."""
    active = Placement.objects.active().filter(student_id=OuterRef("pk"))
    login = Membership.objects.filter(user__username="student").values("user__student_record")
    free = (
        Student.objects.filter(is_synthetic=True, is_enrolled=True, grade=3)
        .exclude(Exists(active))
        .exclude(pk__in=login)
        .select_related("department", "school__organisation")
        .order_by("pk")
    )
    base = list(free.filter(school__organisation__name_ko=BASE_SCHOOL_NAME))
    # Those of one field (the first student's), so they can share one offer.
    base = [s for s in base if s.department.ncs_middle_id == base[0].department.ncs_middle_id][:4]
    others = list(free.exclude(school__organisation__name_ko=BASE_SCHOOL_NAME))
    return base, rng.sample(others, min(total, len(others)))


def _free_a_base_student() -> list[Any]:
    """On a small demo every third-year of the demo school may be placed already: the
    placements demo's placement still without a contract makes way (deleted), so the school's
    teacher still has a training in progress to follow."""
    placement = (
        Placement.objects.filter(
            is_synthetic=True, origin=PlacementOrigin.DIRECT, status=PlacementStatus.MATCHED,
            contract__isnull=True, student__school__organisation__name_ko=BASE_SCHOOL_NAME,
        ).select_related("student__department", "student__school__organisation").first()
    )  # fmt: skip
    if placement is None:
        return []
    student = placement.student
    placement.delete()
    return [student]


def _groups(rng: random.Random, students: list[Any], stages: list[str]) -> list[_Group]:
    """Students of the same field and region in groups of one to four, each at one stage
    (terminations alone)."""
    buckets: dict[tuple[int, int | None], list[Any]] = defaultdict(list)
    for student, stage in zip(students, stages, strict=True):
        key = (student.department.ncs_middle_id, student.school.organisation.region_id)
        buckets[key].append((student, stage))
    groups: list[_Group] = []
    for (ncs_id, region_id), rows in sorted(buckets.items(), key=lambda kv: str(kv[0])):
        by_stage: dict[str, list[Any]] = defaultdict(list)
        for student, stage in rows:
            by_stage[stage].append(student)
        for stage, members in sorted(by_stage.items()):
            size = 1 if stage == "terminated" else rng.choice((1, 2, 2, 3, 4))
            for start in range(0, len(members), size):
                groups.append(_Group(stage, ncs_id, region_id, members[start : start + size]))
    return groups


def _dates(rng: random.Random, stage: str, today: date) -> tuple[date, date]:
    """The training period of a group: running through ``today``, or over before it; the
    demo school's (stage ``showcase``) three weeks in, ten weeks long."""
    if stage == "showcase":
        start = _monday(today) - timedelta(days=21)
        return start, start + timedelta(days=7 * 10 - 3)
    weeks = rng.choice((6, 8, 8, 10, 12))
    if stage == "completed":
        start = _monday(today) - timedelta(days=7 * (weeks + rng.randint(1, 6)))
    else:
        start = _monday(today) - timedelta(days=7 * rng.randint(1, min(weeks - 1, 9)))
    return start, start + timedelta(days=7 * weeks - 3)


def _offers(
    rng: random.Random, groups: list[_Group], today: date, showcase: Any
) -> list[tuple[FieldTrainingOffer, Schedule]]:
    from vocnet.registry.models import NcsMiddle, Region

    hosts = list(
        _demo_companies()
        .filter(Exists(HostVetting.objects.valid_on(today).filter(company_id=OuterRef("pk"))))
        .select_related("organisation__region", "ksic_division")
        .order_by("pk")
    )
    by_region: dict[int | None, list[Any]] = defaultdict(list)
    for host in hosts:
        by_region[host.organisation.region_id].append(host)
    middles = {m.pk: m for m in NcsMiddle.objects.all()}
    regions = list(Region.objects.order_by("sigungu_code"))
    offers = []
    for group in groups:
        base = group.students[0].school.organisation.name_ko == BASE_SCHOOL_NAME
        company = showcase if base and showcase is not None else None
        company = company or rng.choice(by_region.get(group.region_id) or hosts)
        group.company = company
        for _attempt in range(10):
            offer, schedule = _offer(rng, company, middles[group.ncs_id], today, regions)
            offer.start_date, offer.end_date = _dates(rng, group.stage, today)
            offer.seats = len(group.students)
            offer.status = OfferStatus.CLOSED
            offer.closed_at = _aware(offer.start_date - timedelta(days=14), time(18))
            offer.published_at = offer.closed_at - timedelta(days=30)
            offer.closing_reason = CLOSING_REASON
            if base:
                offer.hazard_categories = []
            if _lawful(offer, schedule):
                break
        offers.append((offer, schedule))
    return offers


def _placements(
    rng: random.Random, groups: list[_Group], offers: list[FieldTrainingOffer], today: date
) -> list[Placement]:
    rows = []
    terminated = 0
    for group, offer in zip(groups, offers, strict=True):
        for student in group.students:
            placement = Placement(
                student=student,
                offer=offer,
                origin=PlacementOrigin.DIRECT,
                status=PlacementStatus.IN_PROGRESS,
                started_at=_aware(offer.start_date, time(9)),
                is_synthetic=True,
            )
            if group.stage == "completed":
                placement.status = PlacementStatus.COMPLETED
                placement.ended_at = _aware(offer.end_date, time(18))
            elif group.stage == "terminated":
                ended = max(
                    offer.start_date + timedelta(days=4), today - timedelta(rng.randint(1, 10))
                )
                # In turn, so the company's advance notice shows even on the small demo.
                reason, by_company = TERMINATIONS[terminated % len(TERMINATIONS)]
                terminated += 1
                placement.status = PlacementStatus.TERMINATED
                placement.ended_at = _aware(min(ended, today - timedelta(days=1)), time(18))
                placement.ended_reason = reason
                if by_company:
                    # 제9조의4 ③: the company tells the school in advance.
                    notice = ended - timedelta(days=rng.randint(7, 14))
                    placement.termination_notice_on = max(offer.start_date, notice)
                    placement.termination_notice = (
                        "주문 감소로 실습을 계속하기 어려워 학교에 미리 알립니다 (합성)"
                    )
            rows.append(placement)
    return Placement.objects.bulk_create(rows, batch_size=2000)


def _applications(placements: list[Placement]) -> None:
    PlacementApplication.objects.bulk_create(
        (
            PlacementApplication(
                offer_id=p.offer_id,
                student_id=p.student_id,
                status=ApplicationStatus.ACCEPTED,
                note=SYNTHETIC_NOTE,
                interview_at=_aware(p.offer.start_date - timedelta(days=21), time(10)),
                interview_place="본사 회의실 (합성)",
                interview_outcome="직무 이해도 양호 (합성)",
                decided_at=_aware(p.offer.start_date - timedelta(days=18), time(15)),
                placement_id=p.pk,
                is_synthetic=True,
            )
            for p in placements
        ),
        batch_size=2000,
    )


def _contracts(
    rng: random.Random, placements: list[Placement], stages: dict[int, tuple[str, ...]]
) -> None:
    """A contract for each placement, its first version signed by the parties of its stage
    (``stages``: placement id → parties; all parties when absent)."""
    loaded = {
        p.pk: p
        for p in Placement.objects.filter(pk__in=[p.pk for p in placements])
        .with_list_relations()
        .select_related("student__school__organisation")
        .prefetch_related("offer__schedule")
    }
    contracts = PlacementContract.objects.bulk_create(
        (PlacementContract(placement_id=p.pk) for p in placements), batch_size=2000
    )
    versions = []
    for contract, placement in zip(contracts, placements, strict=True):
        parties = stages.get(placement.pk, tuple(ContractParty.values))
        full = loaded[placement.pk]
        required = {"company", "school", "student"}
        if needs_guardian(full.student.birth_date, full.offer.start_date):
            required.add("guardian")
        signed = required <= set(parties)
        when = _aware(full.offer.start_date - timedelta(days=10), time(11))
        versions.append(
            ContractVersion(
                contract=contract,
                number=1,
                terms=generate_terms(full),
                status=ContractVersionStatus.SIGNED if signed else ContractVersionStatus.SIGNING,
                signed_at=when if signed else None,
            )
        )
    written = ContractVersion.objects.bulk_create(versions, batch_size=1000)
    for contract, version in zip(contracts, written, strict=True):
        contract.current_version = version
    PlacementContract.objects.bulk_update(contracts, ["current_version"], batch_size=2000)
    signatures = []
    for version, placement in zip(written, placements, strict=True):
        full = loaded[placement.pk]
        for party in stages.get(placement.pk, tuple(ContractParty.values)):
            if party == "guardian" and not needs_guardian(
                full.student.birth_date, full.offer.start_date
            ):
                continue
            name = full.student.name if party == "student" else person_name(rng, male=True)
            signatures.append(
                ContractSignature(
                    version=version,
                    party=party,
                    signer_name=name,
                    signed_at=_aware(full.offer.start_date - timedelta(days=12), time(10)),
                )
            )
    ContractSignature.objects.bulk_create(signatures, batch_size=5000)


def _last_day(placement: Placement, today: date) -> date:
    if placement.ended_at is not None:
        return timezone.localtime(placement.ended_at).date()
    return min(placement.offer.end_date, today - timedelta(days=1))


def _diaries(
    rng: random.Random,
    placements: list[Placement],
    schedules: dict[int, Schedule],
    today: date,
    forced_breach: set[int],
) -> list[HoursEntry]:
    """The hours diary of each placement from its start to its last day (or yesterday)."""
    entries = []
    for placement in placements:
        offer = placement.offer
        start, end, rest, weekdays, agreed = schedules[offer.pk]
        days = training_dates(offer.start_date, _last_day(placement, today), set(weekdays))
        if not days:
            continue
        minutes = training_minutes(start, end, rest)
        agreed_minutes = dict.fromkeys(weekdays, minutes)
        breach_days = set()
        if placement.pk in forced_breach or (
            placement.status == PlacementStatus.IN_PROGRESS and rng.random() < BREACH_SHARE
        ):
            breach_days = set(rng.sample(days, min(len(days), rng.choice((1, 1, 2)))))
        leave_days = set()
        if rng.random() < LEAVE_SHARE:
            leave_days = {rng.choice(days)} - breach_days
        week_minutes: dict[date, int] = defaultdict(int)
        for day in days:
            monday = _monday(day)
            confirmed = _aware(day + timedelta(days=1), time(9)) if day < today - timedelta(
                days=3
            ) else None  # fmt: skip
            if day in leave_days:
                kind = LeaveKind.MENSTRUAL if rng.random() < 0.5 else LeaveKind.ABSENCE
                entries.append(
                    HoursEntry(placement_id=placement.pk, day=day, leave=kind,
                               activities="휴가·결석 (합성)", confirmed_at=confirmed)
                )  # fmt: skip
                continue
            finish = end
            if day in breach_days:
                finish = (datetime.combine(day, end) + timedelta(minutes=120)).time()
            violations = []
            if day in breach_days:
                violations = [
                    {
                        "rule": v.code,
                        "field": v.field,
                        "article_ko": v.rule.article_ko,
                        "message_ko": v.message_ko,
                        "message_en": v.message_en,
                    }
                    for v in check_day_log(
                        day, start, finish, rest, has_extension_agreement=agreed,
                        week_minutes_before=week_minutes[monday],
                        agreed_schedule=agreed_minutes,
                    )
                ]  # fmt: skip
            worked = training_minutes(start, finish, rest)
            week_minutes[monday] += worked
            entries.append(
                HoursEntry(
                    placement_id=placement.pk,
                    day=day,
                    start=start,
                    end=finish,
                    break_minutes=rest,
                    minutes=worked,
                    activities=rng.choice(ACTIVITIES),
                    violations=violations,
                    is_breach=bool(violations),
                    confirmed_at=confirmed,
                )
            )
    # Breach days through the ORM (their reports point at them); the ~60,000 others as plain
    # rows: bulk_create prepares each value of each model object, several times slower.
    _insert_diary([e for e in entries if not e.is_breach])
    return HoursEntry.objects.bulk_create([e for e in entries if e.is_breach], batch_size=2000)


def _insert_diary(entries: list[HoursEntry]) -> None:
    ops = connection.ops
    columns = ("placement_id", "day", "start", "end", "leave", "break_minutes", "minutes",
               "activities", "is_breach", "confirmed_at", "logged_at")  # fmt: skip
    names = ", ".join(ops.quote_name(c) for c in (*columns, "violations"))
    marks = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {ops.quote_name(HoursEntry._meta.db_table)} ({names}) VALUES ({marks}, '[]')"
    )
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            e.placement_id, ops.adapt_datefield_value(e.day), ops.adapt_timefield_value(e.start),
            ops.adapt_timefield_value(e.end), e.leave, e.break_minutes, e.minutes, e.activities,
            False, ops.adapt_datetimefield_value(e.confirmed_at), now,
        )
        for e in entries
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _incident(
    placement_id: int,
    kind: str,
    description: str,
    filed: datetime,
    stage: str,
    *,
    entry: HoursEntry | None = None,
    occurred_on: date | None = None,
) -> IncidentReport:
    """One report at ``stage``: open, office (the school filed it), responded, closed or
    escalated (to the province after the school's deadline)."""
    level = IncidentLevel.OFFICE if stage == "office" else IncidentLevel.SCHOOL
    report = IncidentReport(
        placement_id=placement_id,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
        hours_entry=entry,
        filed_at=filed,
        level=level,
        response_due=filed + timedelta(days=RESPONSE_DAYS[level]),
    )
    if stage in ("responded", "closed"):
        report.status = IncidentStatus.RESPONDED if stage == "responded" else IncidentStatus.CLOSED
        report.response = "학생 면담 후 기업에 시정을 요청함 (합성)"
        report.responded_at = filed + timedelta(days=1)
    elif stage == "escalated":
        report.level = IncidentLevel.PROVINCE
        report.escalated_at = report.response_due + timedelta(hours=1)
        report.response_due = report.escalated_at + timedelta(days=PROVINCE_RESPONSE_DAYS)
    return report


def _stage_of(filed: datetime, now: datetime, rng: random.Random) -> str:
    """Recent reports are still open; older ones answered, closed or escalated."""
    if now - filed < timedelta(days=3):
        return "open"
    return rng.choices(("responded", "closed", "escalated"), weights=(3, 5, 2))[0]


def _reports(
    rng: random.Random, placements: list[Placement], entries: list[HoursEntry], today: date
) -> None:
    now = timezone.now()
    reports = []
    for entry in entries:
        if entry.is_breach:
            filed = _aware(entry.day, time(20))
            reports.append(
                _incident(
                    entry.placement_id, IncidentKind.HOURS_BREACH,
                    "\n".join(v["message_ko"] for v in entry.violations), filed,
                    _stage_of(filed, now, rng), entry=entry, occurred_on=entry.day,
                )
            )  # fmt: skip
    running = [p for p in placements if p.status != PlacementStatus.COMPLETED]
    wanted = max(MINIMUM + 1, round(len(running) * INCIDENT_SHARE))
    chosen = rng.sample(running, min(len(running), wanted))
    for index, placement in enumerate(chosen):
        kind, text = INCIDENTS[index % len(INCIDENTS)]
        first = placement.offer.start_date
        last = _last_day(placement, today)
        day = first + timedelta(days=rng.randint(0, max((last - first).days, 0)))
        filed = _aware(day, time(17))
        # Every stage shows: the first few in a fixed order, the rest by their age.
        fixed = ("open", "office", "responded", "closed", "escalated")
        stage = fixed[index] if index < len(fixed) else _stage_of(filed, now, rng)
        if stage in ("open", "office"):
            filed = now - timedelta(hours=rng.randint(2, 40))
            day = filed.date()
        reports.append(
            _incident(placement.pk, kind, text, filed, stage, occurred_on=min(day, today))
        )
    IncidentReport.objects.bulk_create(reports, batch_size=2000)


def _visits_and_education(
    rng: random.Random, placements: list[Placement], today: date, unvisited: set[int]
) -> None:
    educations = []
    visits = []
    for placement in placements:
        start = placement.offer.start_date
        educations.append(
            SafetyEducation(
                placement_id=placement.pk,
                given_on=start - timedelta(days=3),
                given_by="담당 교사·노무사 (합성)",
                content="산업안전보건 기초, 노동인권, 위험 상황 신고 방법 4시간 (합성)",
            )
        )
        running = placement.status == PlacementStatus.IN_PROGRESS
        if (rng.random() >= VISITED_SHARE and running) or placement.pk in unvisited:
            continue  # due for a visit (placements.selectors.visits_due)
        day = start + timedelta(days=FIRST_VISIT_DAYS - rng.randint(0, 4))
        last = _last_day(placement, today)
        while day <= last:
            visits.append(
                MonitoringVisit(
                    placement_id=placement.pk,
                    visited_on=day,
                    teacher_name=person_name(rng, male=rng.random() < 0.5),
                    hours_kept=True,
                    tasks_match=rng.random() < 0.95,
                    safety_ok=rng.random() < 0.95,
                    mentor_present=True,
                    student_wellbeing=True,
                    notes="실습 현장 점검, 학생 면담, 기업현장교사 면담 (합성)",
                )
            )
            day += timedelta(days=VISIT_INTERVAL_DAYS - rng.randint(0, 7))
    SafetyEducation.objects.bulk_create(educations, batch_size=2000)
    MonitoringVisit.objects.bulk_create(visits, batch_size=5000)


def _evaluations(rng: random.Random, placements: list[Placement]) -> None:
    rows = []
    for placement in placements:
        if placement.status != PlacementStatus.COMPLETED:
            continue
        roles = list(EvaluatorRole.values)
        if rng.random() < 0.2:
            roles = roles[:2]  # the teacher's evaluation is still to come
        rows += [
            Evaluation(
                placement_id=placement.pk,
                role=role,
                rating=rng.choices((3, 4, 5, 2), weights=(3, 5, 4, 1))[0],
                comment="성실하게 실습함 (합성)",
            )
            for role in roles
        ]
    Evaluation.objects.bulk_create(rows, batch_size=5000)


def _signing_stages(rng: random.Random, per_stage: int) -> list[Placement]:
    """Round placements without a contract, at each signature stage; all signed → 협약 체결."""
    free = list(
        Placement.objects.filter(
            is_synthetic=True, origin=PlacementOrigin.ROUND, status=PlacementStatus.MATCHED,
            contract__isnull=True,
        ).select_related("offer", "student").order_by("pk")[: per_stage * len(SIGNING_STAGES) * 3]
    )  # fmt: skip
    chosen = rng.sample(free, min(len(free), per_stage * len(SIGNING_STAGES)))
    return chosen


def load_placement_life_demo(
    *, seed: int = DEFAULT_SEED, today: date | None = None
) -> dict[str, int]:
    """Load the placements at every stage once; returns counts (``created`` 0 when already
    there, or when the placements demo is missing)."""
    today = today or timezone.localdate()
    if life_demo_present():
        return _counts(0)
    companies = _demo_companies().count()
    if not companies or not FieldTrainingOffer.objects.filter(is_synthetic=True).exists():
        return _counts(0)
    rng = random.Random(f"vocnet-placement-life:{seed}")
    scale = min(1.0, companies / FULL_COMPANY_COUNT)
    targets = {k: max(MINIMUM, round(v * scale)) for k, v in TARGETS.items()}
    showcase = (
        Membership.objects.filter(user__username="company", role=Role.COMPANY_STAFF)
        .select_related("organisation__company")
        .first()
    )
    showcase_company = showcase.organisation.company if showcase else None
    with transaction.atomic():
        base, others = _students(rng, sum(targets.values()))
        if not base:
            base = _free_a_base_student()
        stages = [s for s, n in targets.items() for _ in range(n)][: len(others)]
        rng.shuffle(stages)
        groups = _groups(rng, others, stages)
        if base:
            groups.append(_Group("showcase", base[0].department.ncs_middle_id, None, base))
        drawn = _offers(rng, groups, today, showcase_company)
        written = FieldTrainingOffer.objects.bulk_create([o for o, _s in drawn], batch_size=2000)
        OfferSchedule.objects.bulk_create(
            (
                OfferSchedule(offer=o, weekday=w, start=s[0], end=s[1], break_minutes=s[2])
                for o, s in zip(written, [s for _o, s in drawn], strict=True)
                for w in s[3]
            ),
            batch_size=5000,
        )
        placements = _placements(rng, groups, written, today)
        _applications(placements)
        _contracts(rng, placements, {})
        base_ids = {p.pk for p in placements if p.student_id in {s.pk for s in base}}
        forced = set(sorted(base_ids)[:1])
        schedules = {o.pk: s for o, (_d, s) in zip(written, drawn, strict=True)}
        entries = _diaries(rng, placements, schedules, today, forced)
        _reports(rng, placements, entries, today)
        # The demo school's teacher has visits to make (the school home's to-do).
        _visits_and_education(rng, placements, today, base_ids)
        _evaluations(rng, placements)
        per_stage = max(1, round(SIGNING_TARGET * scale))
        signing = _signing_stages(rng, per_stage)
        stage_of = {
            p.pk: SIGNING_STAGES[index % len(SIGNING_STAGES)] for index, p in enumerate(signing)
        }
        _contracts(rng, signing, stage_of)
        # Signed by every party it needs (a student of 19 or more signs without a guardian).
        Placement.objects.filter(
            pk__in=[p.pk for p in signing],
            contract__current_version__status=ContractVersionStatus.SIGNED,
        ).update(status=PlacementStatus.CONTRACTED)
    counts = _counts(0)
    counts["created"] = len(placements)
    return counts
