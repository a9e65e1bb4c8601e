"""Page-matrix rows of the programme pages: a published call is read by every signed-in user
(the call list and the call page); its applications are not shown on these pages."""

from __future__ import annotations

from vocnet.programmes.tests.permission_rows import (
    A_APPLICATION,
    A_LEAD,
    PROVINCE,
    _application,
    _call,
    _draft_call,
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
        "programmes:rubric_item",
        PROVINCE,
        {"item_id": "rubric_item"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
]
