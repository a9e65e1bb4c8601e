"""The courses demo on a small registry demo: courses in every region, applications, a
confirmed allocation without overlaps; idempotent and resettable."""

from __future__ import annotations

import time
from typing import Any

import pytest

from vocnet.courses import selectors
from vocnet.courses.models import AllocationRun, Attendance, Course, Enrolment, RunStatus
from vocnet.courses.timetable import courses_overlap
from vocnet.demo.courses import TERM_NAME, load_courses_demo, reset_courses_demo
from vocnet.demo.registry import load_demo
from vocnet.registry.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def test_the_demo_offers_courses_everywhere_and_allocates_them(registry_demo: None) -> None:
    started = time.perf_counter()
    counts = load_courses_demo()
    print(f"courses demo: {time.perf_counter() - started:.2f} s, {counts}")
    courses = Course.objects.filter(term__name=TERM_NAME)
    assert courses.values("region").distinct().count() == Region.objects.count() == 31
    assert all(c.is_synthetic and "(합성)" in c.title for c in courses)
    assert counts["courses"] == courses.count() > 300
    assert counts["applications"] > 0
    assert counts["cross_track"] > 0
    run = AllocationRun.objects.get(term__name=TERM_NAME)
    assert run.status == RunStatus.CONFIRMED
    assert run.stability is not None
    assert run.stability["is_stable"] is True
    assert counts["enrolments"] == Enrolment.objects.filter(run=run).count() > 0
    held: dict[int, list[Any]] = {}
    for enrolment in Enrolment.objects.filter(run=run).prefetch_related("course__slots"):
        held.setdefault(enrolment.student_id, []).append(
            [s.as_tuple for s in enrolment.course.slots.all()]
        )
    for slots in held.values():
        for i, first in enumerate(slots):
            for second in slots[i + 1 :]:
                assert not courses_overlap(first, second)
    # The past term: attendance recorded, certificates issued and verifiable
    assert 0 < counts["certificates"] <= counts["enrolments"]
    done = Enrolment.objects.filter(run=run, completed_at__isnull=False).first()
    assert done is not None
    assert selectors.certificate_check(done.certificate_code) is not None
    assert Attendance.objects.filter(enrolment=done).count() == 10
    # Idempotent, and resettable
    assert load_courses_demo()["courses"] == counts["courses"]
    assert reset_courses_demo() == 1
    assert not Course.objects.filter(term__name=TERM_NAME).exists()
