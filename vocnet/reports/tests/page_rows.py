"""Page-matrix rows of the dashboards: figures by region and office, for every signed-in user
(aggregates only — no person is named on them)."""

from __future__ import annotations

from vocnet.testing import PERSONAS, World
from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow


def _offices(world: World) -> None:
    """Row hook: the support offices of region A (시흥) and region B (수원)."""
    world.objects["office_a"] = world.school_a.organisation.region.support_office
    world.objects["office_b"] = world.school_b.organisation.region.support_office


ROWS: list[PageRow] = [
    PageRow("reports:home", SIGNED_IN),
    PageRow("reports:overview", SIGNED_IN),
    PageRow("reports:overview_export", SIGNED_IN),
    PageRow("reports:region", SIGNED_IN, params={"sigungu_code": "41390"}),
    PageRow("reports:region", SIGNED_IN, params={"sigungu_code": "41110"}),
    PageRow("reports:support_office", SIGNED_IN, {"office_id": "office_a"}, prepare=_offices),
    PageRow("reports:support_office", SIGNED_IN, {"office_id": "office_b"}, prepare=_offices),
]

# A local government's region page (issue 18 §5): counts only; a city's officer its own 시·군,
# the province and the support office theirs; others have no region to see.
LOCAL_REGION = frozenset({"province_officer", "support_office_officer", "local_government_officer"})
ROWS.append(PageRow("reports:local_region", LOCAL_REGION))

# Open data (issue 18 §6): everyone, signed in or not; one stable URL per table.
EVERYONE = frozenset(PERSONAS)
ROWS += [
    PageRow("reports:open_pathways", EVERYONE),
    *(
        PageRow("reports:open_pathways_table", EVERYONE, params={"dimension": dimension})
        for dimension in ("year", "region", "field", "programme")
    ),
]
