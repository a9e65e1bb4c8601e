"""Page-matrix rows of the notification centre: every signed-in person has their own."""

from __future__ import annotations

from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow


def _notification(world: World) -> None:
    """Row hook: one notification of the student, as ``notification_student``."""
    from vocnet.notifications.models import Notification

    world.objects["notification_student"] = Notification.objects.create(
        recipient=world.user("student"),
        kind="deadline",
        title_ko="선호 제출 마감",
        title_en="Preference deadline",
        key="deadline:test",
    )


ROWS: list[PageRow] = [
    PageRow("notifications:list", SIGNED_IN),
    PageRow("notifications:preferences", SIGNED_IN, post=SIGNED_IN),
    PageRow("notifications:read_all", frozenset(), get=False, post=SIGNED_IN),
    PageRow(
        "notifications:open",
        frozenset(),
        {"notification_id": "notification_student"},
        get=False,
        post=frozenset({"student"}),
        prepare=_notification,
    ),
]
