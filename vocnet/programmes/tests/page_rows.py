"""Page-matrix rows of the programme pages: a published call is read by every signed-in user
(the call list and the call page); its applications are not shown on these pages."""

from __future__ import annotations

from vocnet.programmes.tests.permission_rows import (
    A_APPLICATION,
    A_LEAD,
    PROVINCE,
    REVIEWER,
    _application,
    _call,
    _decided,
    _draft_call,
    _grant,
    _review_call,
)
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import EVERYONE, PageRow

ROWS: list[PageRow] = [
    PageRow("programmes:list", SIGNED_IN, prepare=_call),
    PageRow("programmes:call", SIGNED_IN, {"call_id": "call_a"}, prepare=_call),
    PageRow("programmes:call", PROVINCE, {"call_id": "draft_call"}, prepare=_draft_call),
    PageRow("programmes:call_create", PROVINCE, post=PROVINCE, prepare=_draft_call),
    PageRow(
        "programmes:call_edit",
        PROVINCE,
        {"call_id": "draft_call"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:call_publish",
        PROVINCE,
        {"call_id": "draft_call"},
        post=PROVINCE,
        get=False,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:application_create",
        frozenset({"school_staff_b"}),
        {"call_id": "call_a"},
        post=frozenset({"school_staff_b"}),
        prepare=_call,
    ),
    PageRow("programmes:partner_search", SIGNED_IN, prepare=_call),
    PageRow(
        "programmes:application",
        A_APPLICATION,
        {"application_id": "application_a"},
        prepare=_application,
    ),
    *[
        PageRow(
            "programmes:application_step",
            A_LEAD,
            {"application_id": "application_a"},
            {"step": step},
            post=A_LEAD,
            prepare=_application,
        )
        for step in ("plan", "governance", "budget", "kpis", "documents")
    ],
    PageRow(
        "programmes:application_submit",
        A_LEAD,
        {"application_id": "application_a"},
        post=A_LEAD,
        get=False,
        prepare=_application,
    ),
    PageRow(
        "programmes:application_withdraw",
        A_LEAD,
        {"application_id": "application_a"},
        post=A_LEAD,
        prepare=_application,
    ),
    PageRow(
        "programmes:review_manage",
        PROVINCE,
        {"call_id": "call_a"},
        post=PROVINCE,
        prepare=_review_call,
    ),
    PageRow(
        "programmes:decisions",
        PROVINCE,
        {"call_id": "call_a"},
        post=PROVINCE,
        prepare=_review_call,
    ),
    PageRow(
        "programmes:stage_close",
        PROVINCE,
        {"stage_id": "stage_1"},
        post=PROVINCE,
        get=False,
        prepare=_review_call,
    ),
    PageRow("programmes:my_reviews", SIGNED_IN, prepare=_review_call),
    PageRow(
        "programmes:review_application",
        REVIEWER,
        {"assignment_id": "assignment_1", "application_id": "application_a"},
        post=REVIEWER,
        prepare=_review_call,
    ),
    PageRow(
        "programmes:feedback",
        A_APPLICATION,
        {"application_id": "application_a"},
        post=A_LEAD,
        prepare=_decided,
    ),
    PageRow(
        "programmes:nominee_pilot",
        PROVINCE,
        {"decision_id": "decision_a"},
        post=PROVINCE,
        get=False,
        prepare=_decided,
    ),
    PageRow(
        "programmes:rubric_item",
        PROVINCE,
        {"item_id": "rubric_item"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:rubric_item_add",
        PROVINCE,
        {"call_id": "draft_call"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:rubric_item_remove",
        frozenset(),
        {"item_id": "rubric_item"},
        post=PROVINCE,
        get=False,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:required_document_add",
        PROVINCE,
        {"call_id": "draft_call"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
    PageRow(
        "programmes:required_document_remove",
        frozenset(),
        {"document_id": "required_document"},
        post=PROVINCE,
        get=False,
        prepare=_draft_call,
    ),
]

# Designation and grants: the province (and the issuing officers) see and manage every
# designation; the school and its consortium see theirs; only the school records spending.
SCHOOL_A = frozenset({"school_staff_a"})

ROWS += [
    PageRow(
        "programmes:designations",
        SIGNED_IN,
        prepare=_grant,
        visible={
            persona: ({"designation_a"} if persona in A_APPLICATION else set())
            for persona in SIGNED_IN
        },
    ),
    PageRow(
        "programmes:designation",
        A_APPLICATION,
        {"designation_id": "designation_a"},
        prepare=_grant,
    ),
    PageRow(
        "programmes:designate",
        frozenset(),
        {"decision_id": "decision_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:grant_open",
        frozenset(),
        {"designation_id": "designation_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    PageRow("programmes:grant", A_APPLICATION, {"grant_id": "grant_a"}, prepare=_grant),
    PageRow(
        "programmes:grant_disburse",
        frozenset(),
        {"grant_id": "grant_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:grant_settle",
        frozenset(),
        {"grant_id": "grant_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:grant_spend",
        frozenset(),
        {"grant_id": "grant_a"},
        post=SCHOOL_A,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:spending_evidence",
        A_APPLICATION,
        {"spending_id": "spending_a"},
        prepare=_grant,
    ),
    PageRow("programmes:execution", SIGNED_IN, prepare=_grant),
    PageRow("programmes:execution_xlsx", SIGNED_IN, prepare=_grant),
]

# Accountability: the published yearly report is public (no login); the school and the
# province compute and enter KPIs and publish; the province records evaluations.
REPORTING = frozenset({"school_staff_a", "province_officer"})

ROWS += [
    PageRow(
        "programmes:report",
        EVERYONE,
        {"designation_id": "designation_a"},
        params={"year": 2025},
        prepare=_grant,
    ),
    PageRow(
        "programmes:report_pdf",
        EVERYONE,
        {"designation_id": "designation_a"},
        params={"year": 2025},
        prepare=_grant,
    ),
    *(
        PageRow(
            name,
            frozenset(),
            {"designation_id": "designation_a"},
            post=REPORTING,
            get=False,
            prepare=_grant,
        )
        for name in (
            "programmes:kpis_compute",
            "programmes:kpi_enter",
            "programmes:report_publish",
        )
    ),
    PageRow(
        "programmes:evaluation_record",
        frozenset(),
        {"designation_id": "designation_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
]

# Events: announcements every signed-in user sees and registers for; the organiser (the
# province here) ticks attendance; officers (province, support office) create events.
ORGANISERS = frozenset({"province_officer", "support_office_officer"})
# school A's staff member registered for event_a; the province organises it.
REGISTRANT_OR_ORGANISER = frozenset({"school_staff_a", "province_officer"})

ROWS += [
    PageRow(
        "programmes:events",
        SIGNED_IN,
        prepare=_grant,
        visible={persona: {"event_a", "event_open"} for persona in SIGNED_IN},
    ),
    PageRow("programmes:event", SIGNED_IN, {"event_id": "event_a"}, prepare=_grant),
    PageRow("programmes:event_create", ORGANISERS, post=ORGANISERS, prepare=_grant),
    PageRow(
        "programmes:event_register",
        frozenset(),
        {"event_id": "event_a"},
        post=SIGNED_IN,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:event_check_in",
        frozenset(),
        {"event_id": "event_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    PageRow(
        "programmes:event_check_in_code",
        frozenset(),
        {"event_id": "event_a"},
        post=PROVINCE,
        get=False,
        prepare=_grant,
    ),
    # A code that is no registration's: the organiser's page says so; others are refused.
    PageRow(
        "programmes:event_scan",
        PROVINCE,
        {"event_id": "event_a"},
        {"code": "not-a-code"},
        prepare=_grant,
    ),
    PageRow(
        "programmes:registration_code",
        REGISTRANT_OR_ORGANISER,
        {"registration_id": "registration_a"},
        prepare=_grant,
    ),
    PageRow(
        "programmes:registration_code_download",
        REGISTRANT_OR_ORGANISER,
        {"registration_id": "registration_a"},
        {"image_format": "png"},
        prepare=_grant,
    ),
    PageRow(
        "programmes:registration_cancel",
        frozenset(),
        {"registration_id": "registration_a"},
        post=REGISTRANT_OR_ORGANISER,
        get=False,
        prepare=_grant,
    ),
]
