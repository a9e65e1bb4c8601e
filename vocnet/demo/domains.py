"""The domain demos that build on the registry demo, in the order they load.

Loaders run after the registry demo (each is idempotent: an already loaded demo gains only
what it lacks); resetters run in reverse order before the registry demo's reset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vocnet.demo import (
    accounts,
    agreements,
    clearinghouse,
    courses,
    demand,
    pathways,
    placement_life,
    placements,
    programme_grants,
    programmes,
    universities,
)


@dataclass(frozen=True)
class DomainDemo:
    name: str
    load: Callable[..., dict[str, int]]
    reset: Callable[[], object]


DOMAIN_DEMOS: tuple[DomainDemo, ...] = (
    DomainDemo("agreements", agreements.load_agreements_demo, agreements.reset_agreements_demo),
    # After the agreements: the selected consortium's application points at its agreement.
    DomainDemo("programmes", programmes.load_programmes_demo, programmes.reset_programmes_demo),
    # After the decisions: designations, a grant with a year of spending, the 2025 ceremony.
    DomainDemo(
        "programme_grants",
        programme_grants.load_programme_grants_demo,
        programme_grants.reset_programme_grants_demo,
    ),
    DomainDemo("demand", demand.load_demand_demo, demand.reset_demand_demo),
    # Shared courses: ~400 synthetic courses in the 31 regions, ~12,000 applications, allocated.
    DomainDemo("courses", courses.load_courses_demo, courses.reset_courses_demo),
    DomainDemo("pathways", pathways.load_pathways_demo, pathways.reset_pathways_demo),
    # Universities' programmes, consents, applications and cohort (after the pathways).
    DomainDemo(
        "universities", universities.load_universities_demo, universities.reset_universities_demo
    ),
    # The demo staff logins' authenticator with the public demo secret (demo only).
    DomainDemo("accounts", accounts.load_accounts_demo, accounts.reset_accounts_demo),
    # Field training: vetted hosts and offers (~15,000 seats), before the clearinghouse round.
    DomainDemo("placements", placements.load_placements_demo, placements.reset_placements_demo),
    # Last, after the placements demo: one published province round on its offers.
    DomainDemo(
        "clearinghouse",
        clearinghouse.load_clearinghouse_demo,
        clearinghouse.reset_clearinghouse_demo,
    ),
    # After the round: an earlier cohort in training, finished or ended early (issue 15 §4).
    DomainDemo(
        "placement_life",
        placement_life.load_placement_life_demo,
        placement_life.reset_placement_life_demo,
    ),
)
