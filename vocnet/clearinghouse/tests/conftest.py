"""Fixtures of the clearinghouse tests: the personas' world with a small market.

School A (시흥, 시흥교육지원청) and school B (수원, 수원교육지원청) each have a third-year
student in a 1501 (기계설계) department: student A and student B. Company A (시흥) publishes
offer A1 (1501, 1 seat); company B (수원) publishes offer B1 (1501, 1 seat). Both companies
are vetted. ``open_round`` is a province-wide round open for preferences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from vocnet.clearinghouse.models import PlacementRound
from vocnet.clearinghouse.tests import factories as cf
from vocnet.testing import World


@dataclass
class Market:
    world: World
    round: PlacementRound
    offer_a: Any
    offer_b: Any

    @property
    def student_a(self) -> Any:
        return self.world.student_a

    @property
    def student_b(self) -> Any:
        return self.world.student_b

    def user(self, persona: str) -> Any:
        return self.world.user(persona)


@pytest.fixture
def market(world: World) -> Market:
    cf.third_year(world.student_a)
    cf.third_year(world.student_b)
    offer_a = cf.OfferFactory(company=world.company_a, title="시흥 스마트공장 실습", seats=1)
    offer_b = cf.OfferFactory(company=world.company_b, title="수원 설계 실습", seats=1)
    placement_round = cf.RoundFactory(name="2026 도 1차")
    world.objects.update({"round": placement_round, "offer_a": offer_a, "offer_b": offer_b})
    return Market(world, placement_round, offer_a, offer_b)


# The test markets run before their (future) ranking deadline, as an officer overriding it would.
EARLY = "시험 시장: 순위 마감 전 실행 / test market runs before the ranking deadline"
