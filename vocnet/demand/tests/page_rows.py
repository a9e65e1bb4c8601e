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
    _proposals,
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
            _row("demand:scenario_approval_pdf", PLANNERS, {"scenario_id": key}),
            _row("demand:scenario_approval_xlsx", PLANNERS, {"scenario_id": key}),
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


# 학과 개편 신청 ------------------------------------------------------------------------------
PROPOSAL_READERS = PROVINCE | {"support_office_officer", "school_staff_a", "school_staff_b"}
SCHOOL_A_READERS = PROVINCE | {"support_office_officer", "school_staff_a"}


def _proposal_row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_proposals, **kwargs)  # type: ignore[arg-type]


ROWS += [
    _proposal_row(
        "demand:proposals",
        PROPOSAL_READERS,
        visible={
            "province_officer": {"proposal_a", "proposal_a_forwarded", "proposal_b"},
            "support_office_officer": {"proposal_a", "proposal_a_forwarded"},
            "school_staff_a": {"proposal_a", "proposal_a_forwarded"},
            "school_staff_b": {"proposal_b"},
        },
    ),
    _proposal_row(
        "demand:proposal_create",
        frozenset({"school_staff_a", "school_staff_b"}),
        post=frozenset({"school_staff_a", "school_staff_b"}),
    ),
    _proposal_row("demand:proposal", SCHOOL_A_READERS, {"proposal_id": "proposal_a"}),
    _proposal_row(
        "demand:proposal",
        PROVINCE | {"school_staff_b"},
        {"proposal_id": "proposal_b"},
    ),
    *(
        _proposal_row(
            "demand:proposal_step",
            frozenset(),
            {"proposal_id": key},
            {"step": step},
            get=False,
            post=takers,
        )
        for key, step, takers in (
            ("proposal_a", "forward", frozenset({"support_office_officer"})),
            ("proposal_a", "return", frozenset({"support_office_officer"})),
            ("proposal_a", "approve", frozenset()),
            ("proposal_a", "withdraw", frozenset({"school_staff_a"})),
            ("proposal_a_forwarded", "approve", PROVINCE),
            ("proposal_a_forwarded", "reject", PROVINCE),
            ("proposal_a_forwarded", "forward", frozenset()),
            ("proposal_b", "forward", frozenset()),
        )
    ),
]
