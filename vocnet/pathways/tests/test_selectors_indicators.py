"""Indicators counted in one query from the graduates the user may see: the national 취업률,
regional retention, work-then-study, suppression outside the school's own pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from vocnet.pathways.indicators import SUPPRESSED
from vocnet.pathways.selectors import IndicatorFilters, indicator_table
from vocnet.pathways.services import EventInput, event_record
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.registry.models import SchoolDesignation
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


def _class(world: World) -> None:
    """School A, class of 2025: 6 hired (4 in 시흥, 1 in 수원, 1 in Seoul), 3 at university,
    1 enlisted; one of the employed on an early-employment contract department."""
    department = world.objects["department_a"]
    staff = world.user("school_staff_a")
    for index, where in enumerate(["41390"] * 4 + ["41110", "11110"]):
        graduate = DestinationFactory(department=department, kind="employed")
        event_record(
            actor=staff,
            graduate=graduate,
            data=EventInput(
                kind="hired",
                occurred_on=date(2025, 3, 1 + index),
                employer_name="기업",
                workplace_sigungu_code=where,
            ),
            today=TODAY,
        )
        if index == 0:
            event_record(
                actor=staff,
                graduate=graduate,
                data=EventInput(
                    kind="enrolled",
                    occurred_on=date(2025, 3, 2),
                    route="early_employment_contract",
                ),
                today=TODAY,
            )
    for _ in range(3):
        DestinationFactory(department=department, kind="university")
    DestinationFactory(department=department, kind="military")


def test_the_school_sees_its_own_figures_unsuppressed(
    world: World, django_assert_max_num_queries: Any
) -> None:
    _class(world)
    with django_assert_max_num_queries(6):
        table = indicator_table(user=world.user("school_staff_a"), dimension="school")
    assert not table.suppressed
    shown = table.total.shown
    assert shown.graduates == 10
    assert shown.employed == 6
    # 6 ÷ (10 − 3 − 1) = 100 %
    assert shown.employment_rate == 100.0
    assert shown.higher_education_rate == 30.0
    # 4 of 6 in 시흥, 5 of 6 in 경기
    assert shown.same_city == round(4 * 100 / 6, 1)
    assert shown.same_province == round(5 * 100 / 6, 1)
    assert shown.work_study == 1
    assert shown.days_to_first_job == 30.5  # 1 Feb → 1..6 March: 28..33 days


def test_the_province_sees_small_cells_suppressed_and_the_other_school_nothing(
    world: World,
) -> None:
    _class(world)
    table = indicator_table(user=world.user("province_officer"), dimension="region")
    assert table.suppressed
    line = table.lines[0]
    assert line.name_ko == "시흥시"
    assert line.shown.graduates == 10
    assert line.shown.enlisted == SUPPRESSED
    assert line.shown.work_study == SUPPRESSED
    assert line.shown.employment_rate == 100.0
    other = indicator_table(user=world.user("school_staff_b"), dimension="total")
    assert other.total.counts.graduates == 0


def test_by_programme_and_year(world: World) -> None:
    _class(world)
    SchoolDesignation.objects.create(school=world.school_a, kind="moe_agreement", year=2024)
    DestinationFactory(department=world.objects["department_b"], kind="university")
    table = indicator_table(user=world.user("province_officer"), dimension="programme")
    assert {line.key: line.counts.graduates for line in table.lines} == {True: 10, False: 1}
    only = indicator_table(
        user=world.user("province_officer"),
        dimension="year",
        filters=IndicatorFilters(programme="designated"),
    )
    assert [(line.key, line.counts.graduates) for line in only.lines] == [(2025, 10)]
