"""What the home page shows of graduate destinations, per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.permissions import restrict
from vocnet.pathways.models import DestinationKind, GraduateDestination, latest_graduation_year
from vocnet.pathways.selectors import home_items
from vocnet.pathways.selectors.destinations import (
    HomeItem,
    _home_items,
    recent_graduation_years,
)
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


def _home_items_as_before(user: Any) -> list[HomeItem]:
    """``_home_items`` as it was before the department narrowing and the filtered counts:
    every visible graduate of the recent classes grouped by kind."""
    years = recent_graduation_years(user=user, upto=latest_graduation_year(timezone.localdate()))
    if not years:
        return []
    by_kind = dict(
        restrict(user, GraduateDestination.objects.filter(graduation_year__in=years))
        .values_list("kind")
        .annotate(graduates=Count("pk"))
        .order_by()
    )
    total = sum(by_kind.values())
    employed = by_kind.get(DestinationKind.EMPLOYED, 0)
    university = by_kind.get(DestinationKind.UNIVERSITY, 0)
    label = (
        _("졸업생 진로(%(year)s년 졸업)") % {"year": years[0]}
        if len(years) == 1
        else _("졸업생 진로(%(first)s–%(last)s년 졸업)") % {"first": years[0], "last": years[-1]}
    )
    return [
        HomeItem(
            label,
            _("%(total)s명 중 취업 %(employed)s명, 진학 %(university)s명")
            % {
                "total": f"{total:,}",
                "employed": f"{employed:,}",
                "university": f"{university:,}",
            },
            reverse("pathways:destinations"),
        )
    ]


@pytest.mark.parametrize(
    "persona",
    [
        "province_officer",
        "support_office_officer",
        "school_staff_a",
        "school_staff_b",
        "local_government_officer",
    ],
)
def test_the_home_counts_equal_the_grouped_count_of_every_visible_graduate(
    world: World, persona: str
) -> None:
    graduates(world.objects["department_a"], 2023, employed=2, other=1)
    graduates(world.objects["department_a"], 2024, employed=2, university=3, unknown=1)
    graduates(world.objects["department_b"], 2025, employed=1, military=1, university=2)
    graduates(world.objects["department_b"], 2019, employed=4)
    user = world.user(persona)

    before = _home_items_as_before(user)
    assert _home_items(user) == before
    assert before or persona == "local_government_officer"
