"""Page-matrix rows of the course pages: the catalogue lists approved courses to everyone
signed in; the review queue lists submitted courses to their reviewers only; a draft is read
by its host and its reviewers; a review (approve or return) is posted by the reviewers."""

from __future__ import annotations

from vocnet.courses.tests.permission_rows import DRAFT_READERS, REVIEWERS, _courses
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow

ROWS: list[PageRow] = [
    PageRow(
        "courses:catalogue",
        SIGNED_IN,
        prepare=_courses,
        visible={persona: {"course_a"} for persona in SIGNED_IN},
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
