"""The home's count of contracts awaiting signatures is read from the versions being signed for
the province and from the user's own placements for anyone else: the same count either way
as the query it replaced."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from vocnet.core.permissions import restrict
from vocnet.placements.models import (
    ContractVersionStatus,
    Placement,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.selectors.home import home_items
from vocnet.placements.tests import factories as pf
from vocnet.registry.tests import factories as rf
from vocnet.testing import World

pytestmark = pytest.mark.django_db

SIGNATURE_TODO = "서명을 기다리는 표준협약서"


def _reference(user: Any) -> int:
    """The count as the home made it before (one query for every role)."""
    return (
        restrict(
            user,
            PlacementContract.objects.filter(
                current_version__status=ContractVersionStatus.SIGNING,
                placement__status__in=(
                    PlacementStatus.MATCHED,
                    PlacementStatus.CONTRACTED,
                    PlacementStatus.IN_PROGRESS,
                ),
            ),
        )
        .distinct()
        .count()
    )


@pytest.mark.parametrize(
    "persona", ["province_officer", "support_office_officer", "school_staff_a", "company_staff"]
)
def test_the_signature_count_equals_the_former_query(
    world: World, offer_a: Any, persona: str
) -> None:
    # Given contracts being signed (three active, one of a placement since completed), one
    # signed, and a placement without a contract
    department = world.objects["department_a"]
    for _ in range(3):
        placement = pf.PlacementFactory(
            offer=offer_a, student=rf.StudentFactory(department=department)
        )
        pf.drafted_contract(placement, world.user("school_staff_a"))
    ended = pf.PlacementFactory(offer=offer_a, student=rf.StudentFactory(department=department))
    pf.drafted_contract(ended, world.user("school_staff_a"))
    Placement.objects.filter(pk=ended.pk).update(status=PlacementStatus.COMPLETED)
    signed = pf.PlacementFactory(offer=offer_a, student=rf.StudentFactory(department=department))
    pf.signed_contract(signed, world.user("school_staff_a"))
    pf.PlacementFactory(offer=offer_a, student=world.student_a)
    user = world.user(persona)

    with translation.override("ko"):
        values = [i.value for i in home_items(user=user) if i.label == SIGNATURE_TODO]

    expected = _reference(user)
    if persona in ("province_officer", "school_staff_a"):
        assert expected == 3
    assert values == ([f"{expected:,}건"] if expected else [])
