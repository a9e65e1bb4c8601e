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
    _review_call,
)
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow

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
]
