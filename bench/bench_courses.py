"""Benchmark of a course allocation (issue 17 §2): 60,000 applications over 1,500 courses,
five ranked choices each, on SQLite.

Builds a synthetic term in a fresh temporary SQLite database (schools, departments and
students written with ``bulk_create``; 1,500 approved courses with one or two weekly slots
each; 60,000 confirmed applications of five choices), then runs the allocation through the
task's code path (``allocation_start`` → ``allocation_execute``) and confirms it
(``allocation_confirm``: the input hash checked again, the enrolments written). Prints the
seconds of each stage — snapshot, prepare (blocks, priorities, lottery), engine, verify
(stability and the overlap proof), store the run, confirm (re-hash and write enrolments) —
and the allocation + storage total, with the machine's load average; asserts no time
(the target is ≤ 3 s).

    .venv/bin/python bench/bench_courses.py [--students 60000] [--courses 1500] [--keep]
        [--workdir DIR]   reuse a kept database (the term is built once, runs are cleared)
        [--profile]       cProfile of the run and the confirmation, top 35 by own time

The machine is shared: every figure is printed as wall time and as this process's CPU time
(``time.process_time``), with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VOCNET_VAR_DIR"] = str(workdir)
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_term(students: int, courses: int, seed: int) -> int:
    """A closed term with ``courses`` approved courses and ``students`` confirmed
    applications of five choices; returns the term's id."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from vocnet.courses.models import (
        Course,
        CourseApplication,
        CourseChoice,
        CourseSlot,
        Term,
    )
    from vocnet.registry.models import (
        Department,
        NcsMiddle,
        Organisation,
        OrganisationKind,
        Region,
        School,
        Student,
    )

    rng = random.Random(seed)
    seoul = ZoneInfo("Asia/Seoul")
    regions = list(Region.objects.all())
    fields = list(NcsMiddle.objects.all()[:40])
    schools = []
    for index in range(120):
        organisation = Organisation.objects.create(
            kind=OrganisationKind.SCHOOL,
            name_ko=f"합성고등학교{index}",
            region=rng.choice(regions),
            data_origin="synthetic",
        )
        schools.append(
            School.objects.create(
                organisation=organisation,
                neis_code=f"{7_500_000 + index}",
                school_type="specialized",
                establishment="public",
            )
        )
    departments = Department.objects.bulk_create(
        Department(
            school=school,
            name_ko=f"학과{number}",
            ncs_middle=rng.choice(fields),
            intake_capacity=100,
        )
        for school in schools
        for number in range(3)
    )
    student_rows = Student.objects.bulk_create(
        (
            Student(
                school_id=department.school_id,
                department=department,
                student_number=f"{10_000 + index:06d}",
                name=f"학생{index}",
                grade=rng.randint(1, 3),
                is_synthetic=True,
            )
            for index, department in enumerate(rng.choice(departments) for _ in range(students))
        ),
        batch_size=5000,
    )
    term = Term.objects.create(
        name="합성 학기",
        year=2026,
        semester=1,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 7, 17),
        applications_open_at=datetime(2025, 1, 1, tzinfo=seoul),
        applications_close_at=datetime(2025, 2, 1, tzinfo=seoul),
        is_synthetic=True,
    )
    course_rows = Course.objects.bulk_create(
        Course(
            term=term,
            host=rng.choice(schools).organisation,
            title=f"합성 과목 {index}",
            course_type="joint_offline",
            venue="합성 장소",
            region=rng.choice(regions),
            capacity=rng.randint(20, 40),
            minimum_enrolment=5,
            status="approved",
            is_synthetic=True,
        )
        for index in range(courses)
    )
    through = Course.fields.through
    through.objects.bulk_create(
        through(course_id=course.pk, ncsmiddle_id=rng.choice(fields).pk) for course in course_rows
    )
    slots = []
    for course in course_rows:
        for weekday in rng.sample(range(6), rng.choice((1, 1, 2))):
            start = rng.choice((9, 13, 16, 18))
            slots.append(
                CourseSlot(
                    course=course,
                    weekday=weekday,
                    starts_at=clock(start),
                    ends_at=clock(start + rng.choice((2, 3))),
                )
            )
    CourseSlot.objects.bulk_create(slots, batch_size=5000)
    now = timezone.now()
    applications = CourseApplication.objects.bulk_create(
        (
            CourseApplication(
                term=term,
                student=student,
                status="confirmed",
                submitted_at=now,
                confirmed_at=now,
                is_synthetic=True,
            )
            for student in student_rows
        ),
        batch_size=5000,
    )
    # Popular courses are chosen more often (a skewed demand, as in a real catalogue).
    weights = [rng.paretovariate(1.2) for _ in course_rows]
    CourseChoice.objects.bulk_create(
        (
            CourseChoice(application=application, course=course, rank=rank)
            for application in applications
            for rank, course in enumerate(_five(rng, course_rows, weights), start=1)
        ),
        batch_size=10000,
    )
    return term.pk


def _five(rng: random.Random, courses: list, weights: list[float]) -> list:
    chosen: list = []
    while len(chosen) < 5:
        course = rng.choices(courses, weights)[0]
        if course not in chosen:
            chosen.append(course)
    return chosen


def _existing_term() -> int | None:
    """The term of a reused database, its runs and enrolments cleared."""
    from django.db import connection

    from vocnet.courses.models import AllocationRun, Enrolment, Term

    term = Term.objects.filter(name="합성 학기").first()
    if term is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Enrolment._meta.db_table}")
    AllocationRun.objects.all().delete()
    return term.pk


def run_bench(students: int, courses: int, seed: int, *, profile: bool = False) -> None:
    from django.contrib.auth import get_user_model

    from vocnet.courses.models import CourseChoice, Enrolment, Term
    from vocnet.courses.services import allocation_confirm, allocation_execute, allocation_start

    started = time.perf_counter()
    term_id = _existing_term() or build_term(students, courses, seed)
    print(f"build synthetic term     {time.perf_counter() - started:8.2f} s (not timed below)")
    print(
        f"applications {students:,}, courses {courses:,}, choices {CourseChoice.objects.count():,}"
    )
    officer, _created = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    term = Term.objects.get(pk=term_id)
    load_before = os.getloadavg()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    total = time.perf_counter()
    cpu_total = time.process_time()
    queued = allocation_start(actor=officer, term=term, seed=seed, enqueue=False)
    run = allocation_execute(run_id=queued.pk)
    if run is None or run.status != "succeeded":
        raise SystemExit(f"the run did not succeed: {run and run.error}")
    cpu_run = time.process_time() - cpu_total
    confirm_started = time.perf_counter()
    cpu_confirm_started = time.process_time()
    allocation_confirm(actor=officer, run=run)
    confirm = time.perf_counter() - confirm_started
    cpu_confirm = time.process_time() - cpu_confirm_started
    elapsed = time.perf_counter() - total
    cpu_elapsed = time.process_time() - cpu_total
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(35)
    run.refresh_from_db()
    timings = run.timings
    print(f"{'stage':<28} {'wall':>8}   {'CPU':>8}")
    for stage in ("snapshot", "prepare", "engine", "verify", "store"):
        print(f"{stage:<28} {timings.get(stage, 0):8.3f} s {timings.get(stage + '_cpu', 0):8.3f} s")
    print(
        f"{'write enrolments':<28} {timings.get('confirm_write', 0):8.3f} s "
        f"{timings.get('confirm_write_cpu', 0):8.3f} s"
    )
    allocation = timings.get("total", 0) + timings.get("confirm_write", 0)
    allocation_cpu = timings.get("total_cpu", 0) + timings.get("confirm_write_cpu", 0)
    print(
        f"{'allocation + storage':<28} {allocation:8.3f} s {allocation_cpu:8.3f} s   (target ≤ 3 s)"
    )
    print(
        f"{'confirmation re-hash check':<28} {timings.get('confirm_check', 0):8.3f} s "
        f"{timings.get('confirm_check_cpu', 0):8.3f} s"
    )
    print(
        f"{'all, start to confirmed':<28} {elapsed:8.3f} s {cpu_elapsed:8.3f} s"
        f"   (confirm call {confirm:.3f} s wall, {cpu_confirm:.3f} s CPU; run {cpu_run:.3f} s CPU)"
    )
    print(f"rounds {(run.stability or {}).get('rounds')}")
    stats = run.statistics or {}
    print(
        f"enrolments {Enrolment.objects.count():,}; students with a course "
        f"{stats.get('students_with_a_course', 0):,} of {stats.get('students', 0):,}; "
        f"first choices {stats.get('first_choice', 0):,}"
    )
    print(
        f"load average before {tuple(round(x, 2) for x in load_before)}, after "
        f"{tuple(round(x, 2) for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    parser.add_argument("--courses", type=int, default=1_500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--workdir", type=Path, help="reuse this (kept) directory")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed part")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="vocnet-bench-courses-"))
    try:
        setup_django(workdir)
        run_bench(args.students, args.courses, args.seed, profile=args.profile)
    finally:
        if args.keep or args.workdir:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
