"""The role figures of the homes read in fewer queries give the numbers of the separate
counts they replaced (the schools and those without a location, the departments and the
underfilled ones, a school's totals)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count, Q, Sum
from django.utils import translation

from vocnet.core.permissions import restrict
from vocnet.registry.models import SYNTHETIC_ORIGINS, DataOrigin, Department, Student
from vocnet.registry.selectors import RegistryFilters, school_list
from vocnet.registry.tests import factories as rf
from vocnet.reports.selectors import _is_underfilled, home_for, underfilled_departments
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean() -> Any:
    with translation.override("ko"):
        yield


@pytest.fixture
def more(world: World) -> None:
    # an invented school without a location, an underfilled and an inactive department
    unplaced = rf.SchoolFactory(
        organisation__region=None, organisation__data_origin=DataOrigin.SYNTHETIC
    )
    rf.DepartmentFactory(school=unplaced, intake_capacity=40, enrolled_grade_1=10)
    rf.DepartmentFactory(school=world.school_a, intake_capacity=30, enrolled_grade_1=20)
    rf.DepartmentFactory(school=world.school_a, intake_capacity=30, enrolled_grade_1=21)
    rf.DepartmentFactory(
        school=world.school_a, intake_capacity=30, enrolled_grade_1=1, is_active=False
    )


def _figures(home: Any) -> list[tuple[str, int, int]]:
    return [(str(f.label), f.value, f.synthetic) for f in home.figures]


def test_the_province_figures_equal_the_separate_counts(world: World, more: None) -> None:
    user = world.user("province_officer")
    synthetic = Q(organisation__data_origin__in=SYNTHETIC_ORIGINS)
    schools = school_list(user=user, filters=RegistryFilters())
    departments = restrict(user, Department.objects.filter(is_active=True))

    home = home_for(user)

    assert _figures(home)[:2] == [
        ("직업계고", schools.count(), schools.filter(synthetic).count()),
        (
            "학과",
            departments.count(),
            departments.filter(school__organisation__data_origin__in=SYNTHETIC_ORIGINS).count(),
        ),
    ]
    unplaced = schools.filter(organisation__region__isnull=True).count()
    underfilled = underfilled_departments(restrict(user, Department.objects.all())).count()
    assert (unplaced, underfilled) == (1, 2)
    assert [t.text for t in home.todos[:2]] == [
        f"소재지가 확인되지 않은 학교 {unplaced}곳: 주소를 확인해 등록하세요.",
        f"1학년 재학생이 입학 정원의 70% 미만인 학과 {underfilled}곳: 모집 계획을 점검하세요.",
    ]


def test_a_school_home_totals_equal_the_sums_in_sql(world: World, more: None) -> None:
    user = world.user("school_staff_a")
    totals = restrict(user, Department.objects.filter(school=world.school_a)).aggregate(
        capacity=Sum("intake_capacity"),
        g1=Sum("enrolled_grade_1"),
        g2=Sum("enrolled_grade_2"),
        g3=Sum("enrolled_grade_3"),
        n=Count("pk"),
    )

    home = home_for(user)

    assert _figures(home) == [
        ("학과", totals["n"], 0),
        ("입학 정원", totals["capacity"], 0),
        ("재학생", totals["g1"] + totals["g2"] + totals["g3"], 0),
    ]


def test_a_support_office_without_schools_is_told_so(world: World) -> None:
    from vocnet.registry.models import Organisation

    Organisation.objects.filter(kind="school").update(region=None)

    home = home_for(world.user("support_office_officer"))

    assert home.figures[0].value == 0
    assert home.empty_hint == "관할 지역에 등록된 학교가 없습니다. 기관 찾기에서 학교를 등록하세요."


def test_the_province_students_figure_equals_the_counts_it_replaced(world: World) -> None:
    # Given enrolled students real and synthetic, and students no longer enrolled of both kinds
    department = world.objects["department_a"]
    rf.StudentFactory.create_batch(3, department=department, is_synthetic=True)
    rf.StudentFactory.create_batch(2, department=department, is_enrolled=False)
    rf.StudentFactory(department=department, is_enrolled=False, is_synthetic=True)
    user = world.user("province_officer")
    # The reference: the figure's former query (a COUNT of every enrolled row and of the
    # synthetic ones among them)
    reference = restrict(user, Student.objects.filter(is_enrolled=True)).aggregate(
        n=Count("pk"), s=Count("pk", filter=Q(is_synthetic=True))
    )

    home = home_for(user)

    assert _figures(home)[2] == ("재학생", reference["n"], reference["s"])
    assert (reference["n"], reference["s"]) == (
        Student.objects.filter(is_enrolled=True).count(),
        3,
    )


def test_the_province_students_figure_without_a_synthetic_or_any_student(world: World) -> None:
    user = world.user("province_officer")
    Student.objects.update(is_synthetic=False)
    assert _figures(home_for(user))[2] == ("재학생", Student.objects.count(), 0)

    Student.objects.update(is_enrolled=False)
    assert _figures(home_for(user))[2] == ("재학생", 0, 0)


def test_a_school_counts_the_underfilled_departments_as_the_database_does(world: World) -> None:
    # Given departments of school A on either side of 70% of every kind of intake capacity
    # (multiples of ten, whose 70% is whole; others, whose 70% is not; 1 and the maximum)
    capacities = [1, 3, 7, 9, 10, 13, 20, 30, 90, 170, 180, 330, 333, 499, 500]
    for capacity in capacities:
        share = capacity * 7 // 10
        for enrolled in {max(share - 1, 0), share, share + 1}:
            rf.DepartmentFactory(
                school=world.school_a, intake_capacity=capacity, enrolled_grade_1=enrolled
            )
    rf.DepartmentFactory(
        school=world.school_a, intake_capacity=30, enrolled_grade_1=1, is_active=False
    )
    user = world.user("school_staff_a")
    # The reference: the count the home made in SQL before
    expected = underfilled_departments(
        restrict(user, Department.objects.filter(school=world.school_a))
    ).count()

    home = home_for(user)

    underfilled = [t.text for t in home.todos if "70%" in t.text]
    assert underfilled == [
        f"1학년 재학생이 입학 정원의 70% 미만인 학과 {expected}곳: 모집 계획을 점검하세요."
    ]
    # (and the Python comparison agrees with SQL row by row, not only in the sum)
    departments = Department.objects.filter(school=world.school_a)
    assert {d.pk for d in departments if _is_underfilled(d)} == set(
        underfilled_departments(departments).values_list("pk", flat=True)
    )
