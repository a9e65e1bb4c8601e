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

# Universities (issue 18 §4): the university's pages (its own programmes, consenting graduates,
# applications, cohort) and the graduate's consent page; every consent, withdrawal or
# application POST by anyone but the graduate is refused (an empty form names no graduate).
from vocnet.pathways.tests.permission_rows import (  # noqa: E402
    UNIVERSITY_KEEPS,
    _universities,
)
from vocnet.testing.matrix import SIGNED_IN  # noqa: E402


def _u(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_universities, **kwargs)  # type: ignore[arg-type]


ROWS += [
    _u("pathways:universities", UNIVERSITY_KEEPS),
    _u("pathways:university_programme_create", UNIVERSITY_KEEPS, post=UNIVERSITY_KEEPS),
    _u(
        "pathways:university_programme_edit",
        UNIVERSITY_KEEPS,
        {"programme_id": "programme_u"},
        post=UNIVERSITY_KEEPS,
    ),
    _u("pathways:university_graduates", UNIVERSITY_KEEPS),
    _u("pathways:university_applications", UNIVERSITY_KEEPS),
    _u(
        "pathways:university_application_decide",
        frozenset(),
        {"application_id": "application_u"},
        get=False,
        post=UNIVERSITY_KEEPS,
    ),
    _u("pathways:university_cohort", UNIVERSITY_KEEPS),
    _u("pathways:university_consent", SIGNED_IN),
    _u("pathways:university_consent_give", frozenset(), get=False, post=frozenset()),
    _u("pathways:university_consent_withdraw", frozenset(), get=False, post=frozenset()),
    _u(
        "pathways:university_apply",
        frozenset(),
        {"programme_id": "programme_u"},
        get=False,
        post=frozenset(),
    ),
]
