"""The clearinghouse's home item: the newest open round, else the newest round seen."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vocnet.clearinghouse.models import RoundStatus
from vocnet.clearinghouse.selectors.home import HomeItem, home_items
from vocnet.clearinghouse.selectors.rounds import round_list
from vocnet.clearinghouse.tests import factories as cf
from vocnet.testing import PERSONAS, World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean() -> Any:
    with translation.override("ko"):
        yield


def _home_items_as_before(user: Any) -> list[HomeItem]:
    """``home_items`` as it was before it read plain values in one query."""
    rounds = round_list(user=user)
    current = rounds.filter(status=RoundStatus.OPEN).first() or rounds.first()
    if current is None:
        return []
    if current.status == RoundStatus.OPEN:
        value = _("%(name)s: 지망 마감 %(deadline)s") % {
            "name": current.name,
            "deadline": f"{timezone.localtime(current.preference_deadline):%Y-%m-%d %H:%M}",
        }
    else:
        value = f"{current.name}: {current.get_status_display()}"
    return [HomeItem(_("현장실습 매칭"), value, reverse("clearinghouse:round", args=[current.pk]))]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_open_round_comes_before_newer_closed_ones(world: World, persona: str) -> None:
    cf.ClosedRoundFactory(name="지난 차수")
    cf.RoundFactory(name="접수 중 차수")
    cf.ClosedRoundFactory(name="새 차수")
    user = world.user(persona)

    items = home_items(user=user)

    assert items == _home_items_as_before(user)
    if persona == "province_officer":
        assert items[0].value.startswith("접수 중 차수: 지망 마감 ")


@pytest.mark.parametrize("persona", PERSONAS)
def test_without_an_open_round_the_newest_round_is_shown(world: World, persona: str) -> None:
    cf.ClosedRoundFactory(name="지난 차수")
    cf.DraftRoundFactory(name="준비 차수")
    user = world.user(persona)

    items = home_items(user=user)

    assert items == _home_items_as_before(user)
    if persona == "province_officer":
        assert [i.value for i in items] == ["준비 차수: 준비 중"]
