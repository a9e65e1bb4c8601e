"""Page-matrix rows of the course pages: the catalogue lists approved courses to everyone
signed in; the review queue lists submitted courses to their reviewers only; a draft is read
by its host and its reviewers; a review (approve or return) is posted by the reviewers."""

from __future__ import annotations

from vocnet.courses.tests.permission_rows import (
    CATALOGUE,
    DRAFT_READERS,
    PROVINCE,
    REVIEWERS,
    SEES_A,
    SEES_B,
    _courses,
    _visible,
)
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import EVERYONE, PageRow

ROWS: list[PageRow] = [
    PageRow(
        "courses:catalogue",
        SIGNED_IN,
        prepare=_courses,
        visible={persona: CATALOGUE for persona in SIGNED_IN},
    ),
    PageRow(
        "courses:review_queue",
        SIGNED_IN,
        prepare=_courses,
        visible={
            persona: ({"course_submitted"} if persona in REVIEWERS else set())
            for persona in SIGNED_IN
        },
    ),
    PageRow("courses:course", SIGNED_IN, {"course_id": "course_a"}, prepare=_courses),
    PageRow("courses:course", DRAFT_READERS, {"course_id": "course_draft"}, prepare=_courses),
    PageRow(
        "courses:review",
        frozenset(),
        {"course_id": "course_submitted"},
        get=False,
        post=REVIEWERS,
        prepare=_courses,
    ),
]

STUDENT = frozenset({"student"})

ROWS += [
    PageRow(
        "courses:applications",
        SIGNED_IN,
        prepare=_courses,
        visible=_visible(
            {"application_a", "application_closed"}, {"application_b"}, SEES_A, SEES_B
        ),
    ),
    PageRow(
        "courses:confirm",
        frozenset(),
        {"application_id": "application_a"},
        get=False,
        post=frozenset({"school_staff_a"}),
        prepare=_courses,
    ),
    PageRow("courses:apply", STUDENT, {"term_id": "term"}, post=STUDENT, prepare=_courses),
    PageRow("courses:allocation", PROVINCE, {"term_id": "term_closed"}, prepare=_courses),
    PageRow(
        "courses:allocation_start",
        frozenset(),
        {"term_id": "term_closed"},
        get=False,
        post=PROVINCE,
        prepare=_courses,
    ),
    PageRow("courses:run_status", PROVINCE, {"run_id": "run_done"}, prepare=_courses),
    PageRow(
        "courses:run_confirm",
        frozenset(),
        {"run_id": "run_done"},
        get=False,
        post=PROVINCE,
        prepare=_courses,
    ),
]

SEES_ENROLMENT_A = SEES_A | {"school_staff_a", "province_officer"}
COMPANY = frozenset({"company_staff"})

ROWS += [
    PageRow("courses:verify", EVERYONE, prepare=_courses),
    PageRow(
        "courses:enrolment", SEES_ENROLMENT_A, {"enrolment_id": "enrolment_a"}, prepare=_courses
    ),
    PageRow(
        "courses:certificate", SEES_ENROLMENT_A, {"enrolment_id": "enrolment_a"}, prepare=_courses
    ),
    PageRow(
        "courses:attendance",
        COMPANY,
        {"course_id": "course_company"},
        post=COMPANY,
        prepare=_courses,
    ),
    PageRow(
        "courses:completion",
        frozenset(),
        {"course_id": "course_company"},
        get=False,
        post=COMPANY,
        prepare=_courses,
    ),
]

# Credits, learning records and hires (tests/rows_credits.py).
from vocnet.courses.tests.rows_credits import PAGE_ROWS  # noqa: E402

ROWS += PAGE_ROWS

# Offering pages (과목 개설): every organisation that hosts courses (school, company,
# university, support office, province) offers and registers instructors; only the host edits
# and submits its own draft; a host's list shows exactly its organisation's courses.
HOSTS = frozenset(
    {
        "province_officer",
        "support_office_officer",
        "school_staff_a",
        "school_staff_b",
        "company_staff",
        "university_staff",
    }
)
_OWN = {
    "school_staff_a": {"course_a", "course_submitted", "course_closed"},
    "company_staff": {"course_draft", "course_company"},
}

ROWS += [
    PageRow(
        "courses:offerings",
        HOSTS,
        prepare=_courses,
        visible={persona: _OWN.get(persona, set()) for persona in HOSTS},
    ),
    PageRow("courses:offering_new", HOSTS, post=HOSTS, prepare=_courses),
    PageRow(
        "courses:offering_edit",
        COMPANY,
        {"course_id": "course_draft"},
        post=COMPANY,
        prepare=_courses,
    ),
    PageRow(
        "courses:offering_submit",
        frozenset(),
        {"course_id": "course_draft"},
        get=False,
        post=COMPANY,
        prepare=_courses,
    ),
    PageRow("courses:instructor_new", HOSTS, post=HOSTS, prepare=_courses),
]
