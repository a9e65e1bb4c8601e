"""Home to-dos of field training lead to exactly their items, with the action on each row."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from vocnet.placements.models import Placement, PlacementStatus
from vocnet.placements.selectors.home import home_items
from vocnet.placements.tests import factories as pf
from vocnet.registry.tests import factories as rf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db

SIGNATURE_TODO = "서명을 기다리는 표준협약서"


@pytest.fixture(autouse=True)
def _korean() -> Any:
    with translation.override("ko"):
        yield


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def test_the_signature_todo_opens_exactly_the_contracts_awaiting_signature(
    world: World, offer_a: Any
) -> None:
    # given school A with one placement whose contract is being signed, one signed, one
    # without a contract
    signing = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.drafted_contract(signing, world.user("school_staff_a"))
    signed = pf.PlacementFactory(
        offer=offer_a, student=rf.StudentFactory(department=world.objects["department_a"])
    )
    pf.signed_contract(signed, world.user("school_staff_a"))
    bare = pf.PlacementFactory(
        offer=offer_a, student=rf.StudentFactory(department=world.objects["department_a"])
    )
    # when school staff follow the home to-do
    (item,) = [
        i for i in home_items(user=world.user("school_staff_a")) if i.label == SIGNATURE_TODO
    ]
    assert item.value == "1건"
    page = _client(world, "school_staff_a").get(item.url)
    # then the list holds exactly the contract being signed, with a 서명 button on its row
    assert [p.pk for p in page.context["page"].object_list] == [signing.pk]
    html = page.content.decode()
    assert f'/placements/placements/{signing.pk}/#contract-signing"' in html
    assert f"/placements/placements/{signed.pk}/" not in html
    assert f"/placements/placements/{bare.pk}/" not in html


@pytest.mark.parametrize("persona", ["school_staff_a", "province_officer", "company_staff"])
def test_the_signature_count_leaves_out_placements_no_longer_active(
    world: World, offer_a: Any, persona: str
) -> None:
    # given two contracts out for signature, one of a placement since completed
    active = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.drafted_contract(active, world.user("school_staff_a"))
    ended = pf.PlacementFactory(
        offer=offer_a, student=rf.StudentFactory(department=world.objects["department_a"])
    )
    pf.drafted_contract(ended, world.user("school_staff_a"))
    Placement.objects.filter(pk=ended.pk).update(status=PlacementStatus.COMPLETED)

    # then the to-do counts the active placement's only
    (item,) = [i for i in home_items(user=world.user(persona)) if i.label == SIGNATURE_TODO]
    assert item.value == "1건"


def test_a_todo_with_nothing_to_do_is_not_shown(world: World, offer_a: Any) -> None:
    # given school A with a placement whose contract is fully signed
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.signed_contract(placement, world.user("school_staff_a"))
    # when its home items are read, then no signature to-do shows (it would count 0)
    labels = [i.label for i in home_items(user=world.user("school_staff_a"))]
    assert SIGNATURE_TODO not in labels


def test_a_vetting_todo_with_no_application_is_not_shown(world: World) -> None:
    # given no vetting application, when the support office's home items are read
    labels = [i.label for i in home_items(user=world.user("support_office_officer"))]
    # then the vetting to-do is absent
    assert "심사 대기 중인 참여기업 신청" not in labels


def test_the_vetting_todo_opens_exactly_the_undecided_applications(world: World) -> None:
    # given one application applied, one inspected, and one approved
    applied = pf.InspectionFactory(vetting__company=world.company_a).vetting
    applied.status = "applied"
    applied.save(update_fields=["status"])
    inspected = pf.InspectionFactory(vetting__company=world.company_b).vetting
    # when the province follows the home to-do
    (item,) = [
        i
        for i in home_items(user=world.user("province_officer"))
        if i.label == "심사 대기 중인 참여기업 신청"
    ]
    page = _client(world, "province_officer").get(item.url)
    # then the list holds exactly the two undecided applications
    assert item.value == "2건"
    assert {v.pk for v in page.context["page"].object_list} == {applied.pk, inspected.pk}
