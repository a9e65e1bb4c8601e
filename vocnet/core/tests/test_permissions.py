"""The permission layer's own contract, beside the endpoint matrix."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from vocnet.core.errors import PermissionDenied
from vocnet.core.models import AuditEvent
from vocnet.core.permissions import Action, actor_for, authorize_create, policy_for, restrict
from vocnet.registry.models import Region, School, Student
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def test_support_office_actor_covers_exactly_its_regions(world: World) -> None:
    actor = actor_for(world.user("support_office_officer"))

    codes = set(
        Region.objects.filter(pk__in=actor.region_ids).values_list("sigungu_code", flat=True)
    )

    assert codes == {"41390"}
    assert not actor.is_province


def test_actor_is_computed_once_per_user_object(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    user = world.user("school_staff_a")
    actor_for(user)

    with django_assert_num_queries(0):
        actor_for(user)


def test_anonymous_sees_no_protected_rows(world: World) -> None:
    assert restrict(AnonymousUser(), Student.objects.all()).count() == 0
    assert restrict(None, School.objects.all()).count() == 0


def test_student_sees_only_themself_and_guardian_only_their_child(world: World) -> None:
    own = list(restrict(world.user("student"), Student.objects.all()))
    child = list(restrict(world.user("guardian"), Student.objects.all()))

    assert own == [world.student_a]
    assert child == [world.student_a]


def test_nobody_but_school_staff_and_province_changes_students(world: World) -> None:
    for persona in ("support_office_officer", "student", "guardian", "company_staff"):
        assert restrict(world.user(persona), Student.objects.all(), Action.CHANGE).count() == 0


def test_a_model_without_a_policy_is_refused_not_exposed() -> None:
    with pytest.raises(LookupError):
        policy_for(AuditEvent)


def test_create_outside_scope_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        authorize_create(world.user("school_staff_b"), Student, school_id=world.school_a.pk)
