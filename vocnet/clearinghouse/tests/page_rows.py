"""Page-matrix rows of the clearinghouse pages (objects of ``permission_rows._clearinghouse``).

Rounds of the province are open to everyone who takes part (not cities, counties or
universities); a support office's rounds to its region. Schools enter their students'
preferences and recommendations, companies rank the applicants of their own offers.
"""

from __future__ import annotations

from vocnet.clearinghouse.tests.permission_rows import (
    OPERATORS,
    RESULTS_VISIBLE,
    ROUNDS_VISIBLE,
    SEE_ROUNDS,
    _clearinghouse,
)
from vocnet.testing.matrix import PROVINCE, SIGNED_IN
from vocnet.testing.pages import PageRow, listed_in

SCHOOLS = frozenset({"school_staff_a", "school_staff_b"})
B_SIDE = PROVINCE | {"school_staff_b"}


def _row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_clearinghouse, **kwargs)  # type: ignore[arg-type]


OPEN, PUBLISHED, OPEN_B = (
    {"round_id": "round_open"},
    {"round_id": "round_published"},
    {"round_id": "round_open_b"},
)

ROWS: list[PageRow] = [
    _row("clearinghouse:rounds", SIGNED_IN, visible=ROUNDS_VISIBLE, listed=listed_in("rounds")),
    _row("clearinghouse:round_create", OPERATORS, post=OPERATORS),
    # Each user's own placement (or none): nobody else's is on it.
    _row("clearinghouse:mine", SIGNED_IN),
    _row("clearinghouse:round", SEE_ROUNDS, OPEN),
    _row("clearinghouse:round", SEE_ROUNDS, PUBLISHED),
    _row("clearinghouse:round", B_SIDE, OPEN_B),
    # Each round button is a confirmation page (GET) then a confirmed POST.
    _row("clearinghouse:round_action", PROVINCE, OPEN, {"action": "close"}, post=PROVINCE),
    _row("clearinghouse:round_action", PROVINCE, OPEN_B, {"action": "close"}, post=PROVINCE),
    _row(
        "clearinghouse:round_action",
        OPERATORS,
        {"round_id": "round_closed_a"},
        {"action": "run"},
        post=OPERATORS,
    ),
    # The live run status: operators who see the round.
    _row("clearinghouse:run_status", OPERATORS, OPEN),
    _row("clearinghouse:run_status", PROVINCE, OPEN_B),
    _row("clearinghouse:follow_up", PROVINCE, PUBLISHED, post=PROVINCE),
    _row("clearinghouse:follow_up", PROVINCE, OPEN_B, post=PROVINCE),
    _row("clearinghouse:results", SEE_ROUNDS, PUBLISHED, visible=RESULTS_VISIBLE),
    _row("clearinghouse:results", B_SIDE, OPEN_B),
    _row("clearinghouse:results_export", SEE_ROUNDS, PUBLISHED),
    _row("clearinghouse:results_export", B_SIDE, OPEN_B),
    # Entry by the schools and the companies.
    _row("clearinghouse:school_students", SCHOOLS, OPEN),
    _row("clearinghouse:school_students", frozenset({"school_staff_b"}), OPEN_B),
    _row("clearinghouse:school_recommendations", SCHOOLS, OPEN, post=SCHOOLS),
    _row(
        "clearinghouse:school_recommendations",
        frozenset({"school_staff_b"}),
        OPEN_B,
        post=frozenset({"school_staff_b"}),
    ),
    _row("clearinghouse:company_offers", SEE_ROUNDS, OPEN),
    _row("clearinghouse:company_offers", B_SIDE, OPEN_B),
    _row(
        "clearinghouse:student_preferences",
        PROVINCE | {"support_office_officer", "school_staff_a", "student", "guardian"},
        {"round_id": "round_open", "student_id": "student_a"},
        post=PROVINCE | {"school_staff_a", "student"},
        # Gap: the office and the guardian read the list; their POST shows it again.
        unchecked_post=frozenset({"support_office_officer", "guardian"}),
    ),
    _row(
        "clearinghouse:student_preferences",
        B_SIDE,
        {"round_id": "round_open", "student_id": "student_b"},
        post=B_SIDE,
    ),
    _row(
        "clearinghouse:offer_ranking",
        PROVINCE | {"company_staff"},
        {"round_id": "round_open", "offer_id": "offer_a"},
        post=PROVINCE | {"company_staff"},
    ),
    _row(
        "clearinghouse:offer_ranking",
        PROVINCE,
        {"round_id": "round_open", "offer_id": "offer_b"},
        post=PROVINCE,
    ),
]
