"""Page-matrix rows of the programme pages: a published call is read by every signed-in user
(the call list and the call page); its applications are not shown on these pages."""

from __future__ import annotations

from vocnet.programmes.tests.permission_rows import PROVINCE, _application, _draft_call
from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow


def _call(world: World) -> None:
    """Row hook: the published province call of ``_application``, as ``call_a``."""
    _application(world)
    world.objects["call_a"] = world.objects["application_a"].call


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
        "programmes:rubric_item",
        PROVINCE,
        {"item_id": "rubric_item"},
        post=PROVINCE,
        prepare=_draft_call,
    ),
]
