"""Permission-matrix rows of the programmes API."""

from __future__ import annotations

from datetime import datetime

from vocnet.programmes.models import Application, ApplicationVersion
from vocnet.programmes.rules import SEOUL
from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN, Row

# School A's application to the province's call, with the city and company A; the province
# officer manages the call. No other school, the university and the support office see it.
A_APPLICATION = frozenset(
    {"province_officer", "school_staff_a", "company_staff", "local_government_officer"}
)
A_LEAD = frozenset({"school_staff_a"})


def _application(world: World) -> None:
    """Row hook: a published province call open now, and school A's complete draft."""
    if "application_a" in world.objects:
        return
    from vocnet.programmes.tests.factories import published_call, ready_application

    def organisation(persona: str) -> object:
        return world.user(persona).memberships.get().organisation

    officer = world.user("province_officer")
    call = published_call(
        officer,
        organisation("province_officer"),  # type: ignore[arg-type]
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )
    world.objects["application_a"] = ready_application(
        world.user("school_staff_a"),
        call,
        world.school_a.organisation,
        [organisation("local_government_officer"), world.company_a.organisation],  # type: ignore[list-item]
    )


ROWS: list[Row] = [
    Row("GET", "/api/programmes/calls", None, SIGNED_IN, prepare=_application),
    Row(
        "GET",
        "/api/programmes/applications/{application_id}",
        "application_a",
        A_APPLICATION,
        prepare=_application,
    ),
    Row(
        "GET",
        "/api/programmes/applications",
        None,
        SIGNED_IN,
        prepare=_application,
        visible={
            persona: ({"application_a"} if persona in A_APPLICATION else set())
            for persona in SIGNED_IN
        },
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/withdraw",
        "application_a",
        A_LEAD,
        payload=lambda world: {"reason": "컨소시엄 재구성"},
        prepare=_application,
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/submit",
        "application_a",
        A_LEAD,
        prepare=_application,
    ),
]

COUNTED = (Application, ApplicationVersion)
