"""Page-matrix rows of the graduate-destination pages (objects of
``permission_rows._destinations``): schools keep their own graduates' destinations, the
province all; the support office reads its region's."""

from __future__ import annotations

from vocnet.pathways.tests.permission_rows import (
    DESTINATIONS_VISIBLE,
    KEEPS_A,
    KEEPS_B,
    SEES_A,
    SEES_ANY,
    SEES_B,
    SURVEY_TOKEN,
    _destinations,
)
from vocnet.testing import PERSONAS
from vocnet.testing.matrix import PROVINCE
from vocnet.testing.pages import PageRow

RECORDERS = PROVINCE | {"school_staff_a", "school_staff_b"}


def _row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_destinations, **kwargs)  # type: ignore[arg-type]


ROWS: list[PageRow] = [
    _row("pathways:destinations", SEES_ANY, visible=DESTINATIONS_VISIBLE),
    _row("pathways:destination_create", RECORDERS, post=RECORDERS),
    _row("pathways:destination_import", RECORDERS, post=RECORDERS),
    # Gap: the office is shown the edit form of its region's destinations, which it may not
    # change (the service refuses a valid form).
    _row(
        "pathways:destination_edit",
        SEES_A,
        {"destination_id": "destination_a"},
        post=KEEPS_A,
        unchecked_post=SEES_A - KEEPS_A,
    ),
    _row("pathways:destination_edit", SEES_B, {"destination_id": "destination_b"}, post=KEEPS_B),
    _row(
        "pathways:destination_delete",
        frozenset(),
        {"destination_id": "destination_a"},
        get=False,
        post=KEEPS_A,
    ),
    _row(
        "pathways:destination_delete",
        frozenset(),
        {"destination_id": "destination_b"},
        get=False,
        post=KEEPS_B,
    ),
]

EVERYONE = frozenset(PERSONAS)
ROWS += [
    _row("pathways:pathway", SEES_A, {"destination_id": "destination_a"}, post=KEEPS_A),
    _row("pathways:pathway", SEES_B, {"destination_id": "destination_b"}, post=KEEPS_B),
    _row("pathways:event_delete", frozenset(), {"event_id": "event_a"}, get=False, post=KEEPS_A),
    _row(
        "pathways:survey_create",
        frozenset(),
        {"destination_id": "destination_a"},
        get=False,
        post=KEEPS_A,
    ),
    # The graduate answers through the link alone: no sign-in, nothing of the graduate shown.
    _row("pathways:survey_answer", EVERYONE, params={"token": SURVEY_TOKEN}, post=EVERYONE),
    _row("pathways:events_import", RECORDERS, post=RECORDERS),
    _row("pathways:indicators", SEES_ANY),
    _row("pathways:indicators_export", SEES_ANY),
]

# Eligibility (issue 18 §3): staff through the graduate's person scope; every signed-in user
# may open "my eligibility" (a login without a graduate record is told so).
ROWS += [
    _row("pathways:eligibility", SEES_ANY),
    _row("pathways:eligibility_mine", EVERYONE - {"anonymous"}),
]
