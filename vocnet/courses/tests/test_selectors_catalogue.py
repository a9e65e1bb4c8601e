"""The catalogue: approved courses only, each filter, and a bounded number of queries."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.urls import reverse

from vocnet.courses import selectors
from vocnet.courses.selectors import CatalogueFilter
from vocnet.courses.tests.factories import ApprovedCourseFactory, CourseFactory, TermFactory
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(world: World) -> dict[str, Any]:
    term = TermFactory()
    school = world.school_a.organisation
    return {
        "tuesday": ApprovedCourseFactory(term=term, host=school, field_codes=["1501"]),
        "saturday": ApprovedCourseFactory(
            term=term,
            host=world.school_b.organisation,
            field_codes=["2001", "1901"],
            is_cross_track=True,
            course_type="university_linked",
            slots=[(5, time(9), time(12))],
        ),
        "draft": CourseFactory(term=term, host=school),
    }


def _ids(user: Any, **filters: Any) -> set[int]:
    return {c.pk for c in selectors.catalogue(user, CatalogueFilter(**filters))}


def test_catalogue_lists_approved_courses_only(world: World, courses: dict[str, Any]) -> None:
    assert _ids(world.user("student")) == {courses["tuesday"].pk, courses["saturday"].pk}


def test_catalogue_filters(world: World, courses: dict[str, Any]) -> None:
    user = world.user("guardian")
    tuesday, saturday = courses["tuesday"].pk, courses["saturday"].pk
    assert _ids(user, region_id=f.region("41390").pk) == {tuesday}
    assert _ids(user, field="20") == {saturday}
    assert _ids(user, field="1501") == {tuesday}
    assert _ids(user, course_type="university_linked") == {saturday}
    assert _ids(user, weekday=1) == {tuesday}
    assert _ids(user, time_from=time(15)) == {tuesday}
    assert _ids(user, time_to=time(12)) == {saturday}
    assert _ids(user, cross_track=True) == {saturday}


def test_catalogue_page_queries_do_not_grow_with_courses(
    client: Any, world: World, courses: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    term = courses["tuesday"].term
    for _ in range(30):
        ApprovedCourseFactory(term=term, host=world.school_a.organisation)
    sign_in(client, world.user("student"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("courses:catalogue"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 32
