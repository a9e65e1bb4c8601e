"""What the home page shows of graduate destinations, per role."""

from __future__ import annotations

import pytest

from vocnet.pathways.selectors import home_items
from vocnet.pathways.tests.factories import graduates
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def test_those_who_see_graduates_get_the_last_classes_in_one_line(world: World) -> None:
    graduates(world.objects["department_a"], 2024, employed=2, university=3)
    graduates(world.objects["department_b"], 2025, employed=1, military=1)

    (province,) = home_items(user=world.user("province_officer"))
    (school,) = home_items(user=world.user("school_staff_a"))

    assert (province.label, province.value, province.url) == (
        "졸업생 진로(2024–2025년 졸업)",
        "7명 중 취업 3명, 진학 3명",
        "/pathways/",
    )
    assert (school.label, school.value) == (
        "졸업생 진로(2024년 졸업)",
        "5명 중 취업 2명, 진학 3명",
    )


@pytest.mark.parametrize("persona", ["company_staff", "student", "guardian"])
def test_roles_that_see_no_graduate_get_nothing(world: World, persona: str) -> None:
    graduates(world.objects["department_a"], 2025, employed=1)

    assert home_items(user=world.user(persona)) == []
