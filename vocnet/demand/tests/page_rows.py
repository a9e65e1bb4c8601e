"""Page-matrix rows of the demand pages (objects of ``permission_rows._demand``).

Gap figures are for the province, the support offices and schools; a company, a city or
county and the province declare demand; the province and the support offices plan.
"""

from __future__ import annotations

from typing import Any

from vocnet.demand.tests.permission_rows import (
    DECLARATIONS_VISIBLE,
    DEMAND_FIGURES,
    GAP_FIGURES,
    PLANNERS,
    RECOMMENDATIONS_VISIBLE,
    SCENARIOS_VISIBLE,
    _demand,
)
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN
from vocnet.testing.pages import PageRow, listed_in

DECLARERS = PROVINCE | {"company_staff", "local_government_officer"}


def _row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_demand, **kwargs)  # type: ignore[arg-type]


def _both_scenarios(world: World) -> dict[str, Any]:
    return {"ids": [world.objects["scenario_province"].pk, world.objects["scenario_office"].pk]}


ROWS: list[PageRow] = [
    _row("demand:gap", GAP_FIGURES),
    _row("demand:drilldown", GAP_FIGURES),
    _row("demand:declarations", SIGNED_IN, visible=DECLARATIONS_VISIBLE),
    _row("demand:declaration_create", DECLARERS, post=DECLARERS),
    _row("demand:declaration_import", DECLARERS, post=DECLARERS),
    _row(
        "demand:declaration_edit",
        PROVINCE | {"company_staff"},
        {"declaration_id": "declaration_a"},
        post=PROVINCE | {"company_staff"},
    ),
    _row("demand:declaration_edit", PROVINCE, {"declaration_id": "declaration_b"}, post=PROVINCE),
    _row(
        "demand:declaration_delete",
        frozenset(),
        {"declaration_id": "declaration_a"},
        get=False,
        post=PROVINCE | {"company_staff"},
    ),
    _row(
        "demand:declaration_delete",
        frozenset(),
        {"declaration_id": "declaration_b"},
        get=False,
        post=PROVINCE,
    ),
    _row("demand:scenarios", SIGNED_IN, visible=SCENARIOS_VISIBLE, listed=listed_in("scenarios")),
    _row("demand:scenario_create", PLANNERS, post=PLANNERS),
    _row("demand:scenario_compare", PLANNERS, query=_both_scenarios),
    _row(
        "demand:recommendations",
        DEMAND_FIGURES,
        visible={p: RECOMMENDATIONS_VISIBLE[p] for p in DEMAND_FIGURES},
    ),
    # The office reads the province's scenario but runs and deletes only its own.
    *(
        row
        for key, keepers in (("scenario_province", PROVINCE), ("scenario_office", PLANNERS))
        for row in (
            _row("demand:scenario", PLANNERS, {"scenario_id": key}),
            _row("demand:scenario_run", frozenset(), {"scenario_id": key}, get=False, post=keepers),
            _row(
                "demand:scenario_delete",
                frozenset(),
                {"scenario_id": key},
                get=False,
                post=keepers,
            ),
        )
    ),
]
