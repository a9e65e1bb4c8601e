"""Opening a call: the default rubric copied per call, stages, documents, and bad input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.programmes.models import Call, CallStage, RequiredDocument, RubricItem
from vocnet.programmes.rules import default_rubric
from vocnet.programmes.services import call_publish, rubric_item_update
from vocnet.programmes.tests.factories import CLOSES, OPENS, call_input, draft_call
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Call.objects.count(),
        CallStage.objects.count(),
        RequiredDocument.objects.count(),
        RubricItem.objects.count(),
    )


def test_default_rubric_areas_add_up_to_the_ministrys_published_points() -> None:
    # given the default rubric data file
    rows = default_rubric()
    # when the sub-items are summed per area
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.area] = totals.get(row.area, Decimal(0)) + row.max_points
    # then each area has the Ministry's points, and every sub-item is marked vocnet's proposal
    assert {row.area: row.area_points for row in rows if not row.is_bonus} == {
        "education_plan": Decimal(40),
        "governance": Decimal(40),
        "infrastructure": Decimal(10),
        "basics": Decimal(10),
    }
    assert totals == {
        "education_plan": Decimal(40),
        "governance": Decimal(40),
        "infrastructure": Decimal(10),
        "basics": Decimal(10),
        "bonus": Decimal(3),
    }
    assert {row.origin for row in rows} == {"vocnet_proposal"}


def test_ministry_officer_opens_a_call_with_the_default_rubric_stages_and_documents(
    ministry: Any,
) -> None:
    # given the Ministry and its officer
    organisation, officer = ministry
    # when the officer opens the 2nd call of 2025
    call = draft_call(officer, organisation)
    # then the call has the programme's 5 years, two stages, the documents and the rubric
    assert call.duration_years == 5
    assert call.status == "draft"
    assert [(s.number, s.kind) for s in call.stages.all()] == [
        (1, "document"),
        (2, "presentation"),
    ]
    assert [(d.code, d.is_required, d.max_pages) for d in call.documents.all()] == [
        ("agreement", True, None),
        ("development_plan", True, 30),
        ("attachments", False, None),
    ]
    assert call.rubric_items.count() == 11
    assert sum(i.max_points for i in call.rubric_items.filter(is_bonus=False)) == Decimal(100)


def test_school_staff_cannot_open_a_call_and_nothing_is_written(
    world: World, ministry: Any
) -> None:
    # given a school's staff member
    organisation, _ = ministry
    # when they try to open a Ministry call
    with pytest.raises(PermissionDenied):
        draft_call(world.user("school_staff_a"), organisation)
    # then nothing was written
    assert _counts() == (0, 0, 0, 0)


def test_province_officer_cannot_open_a_call_for_the_ministry(world: World, ministry: Any) -> None:
    organisation, _ = ministry
    with pytest.raises(PermissionDenied):
        draft_call(world.user("province_officer"), organisation)
    assert _counts() == (0, 0, 0, 0)


def test_window_closing_before_it_opens_is_refused_naming_the_field(ministry: Any) -> None:
    # given a window that closes before it opens
    organisation, officer = ministry
    from vocnet.programmes.services import call_create

    # when the officer opens the call
    with pytest.raises(ValidationFailed) as caught:
        call_create(actor=officer, data=call_input(organisation, opens_at=CLOSES, closes_at=OPENS))
    # then the error names closes_at and the rule, in Korean and English; nothing written
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("closes_at", "window_order")
    assert "접수 마감" in problem.message_ko
    assert "close after it opens" in problem.message_en
    assert _counts() == (0, 0, 0, 0)


def test_a_rubric_item_is_editable_while_the_call_is_a_draft(ministry: Any) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    item = call.rubric_items.get(code="education_plan.vision")
    # when the officer changes its points
    rubric_item_update(actor=officer, item=item, max_points=Decimal(12))
    # then it is the officer's item now
    item.refresh_from_db()
    assert (item.max_points, item.origin) == (Decimal(12), "officer")


def test_a_rubric_item_of_a_published_call_is_frozen(ministry: Any) -> None:
    organisation, officer = ministry
    call = call_publish(actor=officer, call=draft_call(officer, organisation))
    item = call.rubric_items.get(code="education_plan.vision")
    with pytest.raises(ValidationFailed) as caught:
        rubric_item_update(actor=officer, item=item, max_points=Decimal(12))
    assert caught.value.problems[0].code == "call_published"
    item.refresh_from_db()
    assert item.max_points == Decimal(10)
