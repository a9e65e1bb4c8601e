"""The courses demo (issue 17): one term of shared courses across Gyeonggi's 31 regions.

Everything here is synthetic and labelled so ("(합성)" in every title, ``is_synthetic`` on
every row): about 400 approved courses hosted by the demo's schools, companies (취업맞춤반
with a hiring commitment, industry-instructor classes), universities (대학연계) and the support
offices (online shared courses); about 12,000 confirmed applications of the demo's students,
three to five choices each, mostly near home; and the term's allocation, run through the task's
code path and confirmed, so the enrolments carry a real run's snapshot, hash, seed and proofs;
and, since the term (March–July 2026) is over, its attendance (every other week) and the
completions with their certificate codes.
Written through the ORM with ``bulk_create`` like the other demos (a seeding tool; no actor),
deterministic for a seed and idempotent.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from vocnet.courses.models import (
    AllocationRun,
    Attendance,
    Course,
    CourseApplication,
    CourseChoice,
    CourseSession,
    CourseSlot,
    CourseType,
    Enrolment,
    Instructor,
    RunStatus,
    Term,
)
from vocnet.courses.services.runs import allocation_execute, enrolments_write
from vocnet.registry.models import NcsMiddle, Organisation, OrganisationKind, Region, Student

DEFAULT_SEED = 2026
SEOUL = ZoneInfo("Asia/Seoul")
TERM_NAME = "2026학년도 1학기 공동교육과정 (합성)"
COURSES_PER_REGION = 13
APPLICATIONS = 12_000
TITLES = {
    "15": ("스마트팩토리 설비 기초", "CNC 가공 실습", "3D 모델링과 프린팅"),
    "19": ("전기차 배터리 정비", "PLC 제어 실무", "신재생에너지 설비"),
    "20": ("파이썬 데이터 분석", "클라우드 서비스 입문", "정보보안 기초", "AI 모델 만들기"),
    "02": ("세무회계 실무", "전자상거래 창업"),
    "13": ("제과제빵 심화", "바리스타 실무"),
    "08": ("영상 콘텐츠 제작", "UI·UX 디자인"),
}
SLOTS = (
    [(0, time(16), time(18))],
    [(1, time(16), time(18))],
    [(2, time(16), time(18))],
    [(3, time(16), time(18))],
    [(1, time(17), time(19))],
    [(3, time(18), time(20))],
    [(5, time(9), time(12))],
    [(5, time(13), time(16))],
    [(1, time(16), time(18)), (3, time(16), time(18))],
)


def courses_demo_counts() -> dict[str, int]:
    term = Term.objects.filter(name=TERM_NAME).first()
    if term is None:
        return {"courses": 0, "applications": 0, "enrolments": 0, "certificates": 0}
    enrolments = Enrolment.objects.filter(course__term=term)
    return {
        "courses": Course.objects.filter(term=term).count(),
        "applications": CourseApplication.objects.filter(term=term).count(),
        "enrolments": enrolments.count(),
        "certificates": enrolments.filter(completed_at__isnull=False).count(),
    }


def reset_courses_demo() -> int:
    """Delete the demo term with everything under it; returns how many terms went."""
    with transaction.atomic():
        terms = list(Term.objects.filter(name=TERM_NAME))
        Attendance.objects.filter(session__course__term__in=terms).delete()
        CourseSession.objects.filter(course__term__in=terms).delete()
        Enrolment.objects.filter(course__term__in=terms).delete()
        AllocationRun.objects.filter(term__in=terms).delete()
        CourseChoice.objects.filter(application__term__in=terms).delete()
        CourseApplication.objects.filter(term__in=terms).delete()
        CourseSlot.objects.filter(course__term__in=terms).delete()
        Course.objects.filter(term__in=terms).delete()
        Instructor.objects.filter(is_synthetic=True, courses__isnull=True).delete()
        return Term.objects.filter(pk__in=[t.pk for t in terms]).delete()[0]


def load_courses_demo(*, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Load the demo once (idempotent) and return its counts; without the registry demo's
    schools and students there is nothing to offer or allocate, and it loads nothing."""
    if Term.objects.filter(name=TERM_NAME).exists():
        return courses_demo_counts()
    rng = random.Random(f"vocnet-courses-demo:{seed}")
    hosts_by_region: dict[int, list[Organisation]] = {}
    for organisation in Organisation.objects.filter(
        kind__in=(OrganisationKind.SCHOOL, OrganisationKind.COMPANY, OrganisationKind.UNIVERSITY),
        region__isnull=False,
    ).order_by("pk"):
        if organisation.region_id is not None:
            hosts_by_region.setdefault(organisation.region_id, []).append(organisation)
    if not hosts_by_region:
        return courses_demo_counts()
    universities = list(Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY))
    fields_by_major: dict[str, list[NcsMiddle]] = {}
    for middle in NcsMiddle.objects.select_related("major").filter(major__code__in=TITLES):
        fields_by_major.setdefault(middle.major.code, []).append(middle)
    with transaction.atomic():
        term = Term.objects.create(
            name=TERM_NAME,
            year=2026,
            semester=1,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 7, 17),
            applications_open_at=datetime(2026, 2, 2, 9, 0, tzinfo=SEOUL),
            applications_close_at=datetime(2026, 2, 20, 18, 0, tzinfo=SEOUL),
            max_choices=5,
            max_courses=2,
            is_synthetic=True,
        )
        courses, fields, instructors = _courses(
            term, hosts_by_region, universities, fields_by_major, rng
        )
        applications = _applications(term, courses, rng)
        run = AllocationRun.objects.create(term=term, seed=seed)
    # The task's body claims the run and stores it in its own transactions (as a worker would).
    allocation_execute(run_id=run.pk)
    run.refresh_from_db()
    if run.status == RunStatus.SUCCEEDED:
        with transaction.atomic():
            enrolments_write(run)
            AllocationRun.objects.filter(pk=run.pk).update(
                status=RunStatus.CONFIRMED, confirmed_at=timezone.now()
            )
        _run_the_term(term, run, random.Random(f"vocnet-courses-attendance:{seed}"))
    counts = courses_demo_counts()
    counts["cross_track"] = sum(1 for f in fields.values() if len({m.major_id for m in f}) > 1)
    counts["instructors"] = instructors
    counts["confirmed_applications"] = applications
    return counts


SESSIONS = 10  # every other week of the term: enough to decide completion, quick to load


def _run_the_term(term: Term, run: AllocationRun, rng: random.Random) -> None:
    """The term lies in the past: every course met ``SESSIONS`` times (every other week on
    its first weekday), each student attended with a personal rate of 60–100 %, and whoever
    reached the course's threshold completed it with a certificate code."""
    from datetime import timedelta

    from django.db import connection

    from vocnet.courses.services.running import certificate_code

    courses = {c.pk: c for c in Course.objects.filter(term=term).prefetch_related("slots")}
    sessions = []
    for course in courses.values():
        weekday = min(s.weekday for s in course.slots.all())
        first = term.starts_on + timedelta(days=(weekday - term.starts_on.weekday()) % 7)
        sessions += [
            CourseSession(course=course, number=n + 1, held_on=first + timedelta(weeks=2 * n))
            for n in range(SESSIONS)
        ]
    CourseSession.objects.bulk_create(sessions, batch_size=2000)
    by_course: dict[int, list[int]] = {}
    for session_id, course_id in CourseSession.objects.filter(course__term=term).values_list(
        "pk", "course_id"
    ):
        by_course.setdefault(course_id, []).append(session_id)
    marks = []
    completions = []
    now = timezone.now()
    for enrolment_id, course_id in Enrolment.objects.filter(run=run).values_list("pk", "course_id"):
        rate = rng.uniform(0.6, 1.0)
        present = [rng.random() < rate for _ in by_course[course_id]]
        marks += [
            (session_id, enrolment_id, flag, now)
            for session_id, flag in zip(by_course[course_id], present, strict=True)
        ]
        if sum(present) * 100 >= courses[course_id].completion_threshold_percent * SESSIONS:
            completions.append((now, certificate_code(), enrolment_id))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Attendance._meta.db_table)} "
            f"({quote('session_id')}, {quote('enrolment_id')}, {quote('is_present')}, "
            f"{quote('recorded_at')}) VALUES (%s, %s, %s, %s)",
            marks,
        )
        cursor.executemany(
            f"UPDATE {quote(Enrolment._meta.db_table)} SET {quote('completed_at')} = %s, "
            f"{quote('certificate_code')} = %s WHERE {quote('id')} = %s",
            completions,
        )


def _courses(
    term: Term,
    hosts_by_region: dict[int, list[Organisation]],
    universities: list[Organisation],
    fields_by_major: dict[str, list[NcsMiddle]],
    rng: random.Random,
) -> tuple[list[Course], dict[int, list[NcsMiddle]], int]:
    regions = list(Region.objects.select_related("support_office__organisation").order_by("pk"))
    planned: list[tuple[Course, list[NcsMiddle], list[tuple[int, time, time]], bool]] = []
    majors = [m for m in TITLES if m in fields_by_major]
    for region in regions:
        hosts = hosts_by_region.get(region.pk) or []
        office = region.support_office.organisation
        for index in range(COURSES_PER_REGION):
            major = rng.choice(majors)
            fields = [rng.choice(fields_by_major[major])]
            if rng.random() < 0.2:  # a cross-track course: a second major field
                other = rng.choice([m for m in majors if m != major])
                fields.append(rng.choice(fields_by_major[other]))
            roll = rng.random()
            if roll < 0.15 and office is not None:
                host, kind, online = office, CourseType.JOINT_ONLINE, True
            elif roll < 0.35 and universities:
                host, kind, online = rng.choice(universities), CourseType.UNIVERSITY_LINKED, False
            elif hosts:
                host = rng.choice(hosts)
                if host.kind == OrganisationKind.COMPANY:
                    kind = rng.choice((CourseType.COMPANY_TAILORED, CourseType.INDUSTRY_INSTRUCTOR))
                elif host.kind == OrganisationKind.UNIVERSITY:
                    kind = CourseType.UNIVERSITY_LINKED
                else:
                    kind = rng.choice((CourseType.JOINT_OFFLINE, CourseType.CREDIT_RECOGNISED))
                online = False
            else:
                continue
            capacity = rng.randint(15, 30)
            course = Course(
                term=term,
                host=host,
                title=f"{rng.choice(TITLES[major])} {index + 1}반 (합성)",
                description="합성(데모) 과목입니다. 실제 개설 과목이 아닙니다.",
                course_type=kind,
                is_cross_track=len({f.major_id for f in fields}) > 1,
                is_online=online,
                venue="" if online else f"{host.name_ko} 교육장 (합성)",
                region=region,
                capacity=capacity,
                minimum_enrolment=min(5, capacity),
                eligible_grades=[2, 3] if kind == CourseType.COMPANY_TAILORED else [],
                credits=rng.choice((1, 2, 2, 3)),
                hiring_commitment=rng.randint(2, 5) if kind == CourseType.COMPANY_TAILORED else 0,
                hiring_note="수료생 중 채용 약정 (합성)"
                if kind == CourseType.COMPANY_TAILORED
                else "",
                status="approved",
                reviewed_at=timezone.now(),
                is_synthetic=True,
            )
            industry = kind in (CourseType.COMPANY_TAILORED, CourseType.INDUSTRY_INSTRUCTOR)
            planned.append((course, fields, rng.choice(SLOTS), industry))
    courses = Course.objects.bulk_create([p[0] for p in planned], batch_size=500)
    through = Course.fields.through
    through.objects.bulk_create(
        through(course_id=course.pk, ncsmiddle_id=field.pk)
        for course, (_c, fields, _s, _i) in zip(courses, planned, strict=True)
        for field in fields
    )
    CourseSlot.objects.bulk_create(
        CourseSlot(course=course, weekday=w, starts_at=start, ends_at=end)
        for course, (_c, _f, slots, _i) in zip(courses, planned, strict=True)
        for w, start, end in slots
    )
    instructor_rows = Instructor.objects.bulk_create(
        Instructor(
            name=f"강사{index + 1} (합성)",
            organisation=course.host,
            qualification="관련 분야 현장 경력 10년 이상 (합성)",
            is_industry=True,
            is_synthetic=True,
        )
        for index, (course, (_c, _f, _s, industry)) in enumerate(zip(courses, planned, strict=True))
        if industry
    )
    industry_courses = [c for c, p in zip(courses, planned, strict=True) if p[3]]
    Course.instructors.through.objects.bulk_create(
        Course.instructors.through(course_id=c.pk, instructor_id=i.pk)
        for c, i in zip(industry_courses, instructor_rows, strict=True)
    )
    fields_of = {c.pk: p[1] for c, p in zip(courses, planned, strict=True)}
    return courses, fields_of, len(instructor_rows)


def _applications(term: Term, courses: list[Course], rng: random.Random) -> int:
    """About 12,000 confirmed applications, three to five choices each, mostly in the
    student's region or online; company-tailored classes only for grades 2 and 3."""
    by_region: dict[int, list[Course]] = {}
    online = [c for c in courses if c.is_online]
    for course in courses:
        if not course.is_online:
            by_region.setdefault(course.region_id, []).append(course)
    students = list(
        Student.objects.filter(is_enrolled=True)
        .order_by("pk")
        .values_list("pk", "grade", "school__organisation__region_id")
    )
    rng.shuffle(students)
    now = timezone.now()
    rows: list[CourseApplication] = []
    ranked: list[list[Course]] = []
    for student_id, grade, region_id in students[:APPLICATIONS]:
        pool = [
            c
            for c in by_region.get(region_id, []) + online
            if grade in c.eligible_grades or not c.eligible_grades
        ]
        if len(pool) < 3:
            pool = [c for c in courses if not c.eligible_grades]
        choices = rng.sample(pool, min(len(pool), rng.randint(3, 5)))
        rows.append(
            CourseApplication(
                term=term,
                student_id=student_id,
                status="confirmed",
                submitted_at=now,
                confirmed_at=now,
                is_synthetic=True,
            )
        )
        ranked.append(choices)
    applications = CourseApplication.objects.bulk_create(rows, batch_size=2000)
    CourseChoice.objects.bulk_create(
        (
            CourseChoice(application=application, course=course, rank=rank)
            for application, choices in zip(applications, ranked, strict=True)
            for rank, course in enumerate(choices, start=1)
        ),
        batch_size=5000,
    )
    return len(applications)
