"""Adding and removing a call's rubric items and required documents: draft calls only, never
what a score or an application uses; refusals bilingual, nothing written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.programmes.models import (
    ApplicationDocument,
    Call,
    RequiredDocument,
    ReviewerAssignment,
    RubricItem,
    Score,
)
from vocnet.programmes.services import call_publish
from vocnet.programmes.services.call_parts import (
    required_document_add,
    required_document_remove,
    rubric_item_add,
    rubric_item_remove,
)
from vocnet.programmes.tests.factories import draft_application, draft_call, pdf, published_call
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return RubricItem.objects.count(), RequiredDocument.objects.count()


def test_an_officer_adds_an_item_at_the_end_of_its_area(ministry: Any) -> None:
    # given a draft call with the default rubric (education plan: 3 items first)
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    # when the officer adds an item to the education plan
    item = rubric_item_add(
        actor=officer,
        call=call,
        area="education_plan",
        name_ko="지역 정주 연계",
        max_points=Decimal(5),
    )
    # then it is the 4th item, the officer's, in the area's name; the others moved down
    codes = list(call.rubric_items.values_list("code", flat=True))
    assert codes[3] == "education_plan.officer_1" == item.code
    assert (item.area_name_ko, item.origin, item.max_points) == ("교육플랜", "officer", Decimal(5))
    assert call.rubric_items.count() == 12


def test_an_item_out_of_range_on_an_unknown_area_is_refused_naming_each_field(
    ministry: Any,
) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        rubric_item_add(actor=officer, call=call, area="nowhere", name_ko="", max_points=Decimal(0))
    problems = {(p.field, p.code): p for p in caught.value.problems}
    assert set(problems) == {
        ("area", "unknown_area"),
        ("name_ko", "required"),
        ("max_points", "range"),
    }
    assert "배점은 0보다 크고" in problems[("max_points", "range")].message_ko
    assert "above 0" in problems[("max_points", "range")].message_en
    assert _counts() == before


def test_a_published_calls_rubric_and_documents_cannot_grow_or_shrink(ministry: Any) -> None:
    # given a published call
    organisation, officer = ministry
    call = call_publish(actor=officer, call=draft_call(officer, organisation))
    before = _counts()
    item = call.rubric_items.first()
    document = call.documents.first()
    assert item is not None
    assert document is not None
    # when the officer adds or removes an item or a document, each is refused
    attempts = [
        lambda: rubric_item_add(
            actor=officer, call=call, area="basics", name_ko="추가", max_points=Decimal(1)
        ),
        lambda: rubric_item_remove(actor=officer, item=item),
        lambda: required_document_add(actor=officer, call=call, name_ko="재무제표"),
        lambda: required_document_remove(actor=officer, document=document),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationFailed) as caught:
            attempt()
        [problem] = caught.value.problems
        assert problem.code == "call_published"
        assert "공고된 공모" in problem.message_ko
        assert "published" in problem.message_en
    # then nothing was written
    assert _counts() == before


def test_an_item_with_scores_cannot_be_removed(ministry: Any, world: World) -> None:
    # given a score on an item (a call back to draft only to isolate the rule: scores come
    # after publication)
    organisation, officer = ministry
    call = published_call(officer, organisation)
    item = call.rubric_items.first()
    assert item is not None
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, world.school_a.organisation, [])
    reviewer = world.user("university_staff")
    assignment = ReviewerAssignment.objects.create(
        stage=call.stages.get(number=1), user=reviewer, code="R1"
    )
    Score.objects.create(
        assignment=assignment, application=application, item=item, points=1, comment="-"
    )
    Call.objects.filter(pk=call.pk).update(status="draft")
    before = (_counts(), Score.objects.count())
    with pytest.raises(ValidationFailed) as caught:
        rubric_item_remove(actor=officer, item=item)
    assert caught.value.problems[0].code == "in_use"
    assert (_counts(), Score.objects.count()) == before


def test_the_last_scorable_item_stays(ministry: Any) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    scorable = list(call.rubric_items.filter(is_bonus=False))
    for item in scorable[:-1]:
        rubric_item_remove(actor=officer, item=item)
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        rubric_item_remove(actor=officer, item=scorable[-1])
    assert caught.value.problems[0].code == "last_item"
    assert _counts() == before


def test_documents_are_added_and_removed_on_a_draft_but_not_once_attached(
    ministry: Any, world: World
) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    # when the officer adds a financial statement of at most 10 pages
    document = required_document_add(
        actor=officer, call=call, name_ko="재무 계획서", max_pages=10, is_required=False
    )
    assert (document.code, document.max_pages, document.is_required) == ("document_1", 10, False)
    assert list(call.documents.values_list("code", flat=True))[-1] == "document_1"
    # a name the call already asks for, or 0 pages, is refused naming the field
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        required_document_add(actor=officer, call=call, name_ko="육성계획서", max_pages=0)
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("name_ko", "duplicate"),
        ("max_pages", "range"),
    }
    assert _counts() == before
    # removing the unused one works
    required_document_remove(actor=officer, document=document)
    assert not RequiredDocument.objects.filter(pk=document.pk).exists()
    # one an application attached stays
    call_publish(actor=officer, call=call)
    attached = call.documents.get(code="attachments")
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, world.school_a.organisation, [])
    ApplicationDocument.objects.create(
        application=application,
        requirement=attached,
        file=pdf(),
        original_name="plan.pdf",
        size_bytes=10,
        uploaded_by=staff,
    )
    Call.objects.filter(pk=call.pk).update(status="draft")
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        required_document_remove(actor=officer, document=attached)
    assert caught.value.problems[0].code == "in_use"
    assert _counts() == before


def test_only_the_issuing_officers_add_or_remove(ministry: Any, world: World) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    before = _counts()
    stranger = world.user("province_officer")
    with pytest.raises(PermissionDenied):
        required_document_add(actor=stranger, call=call, name_ko="재무제표")
    with pytest.raises(PermissionDenied):
        rubric_item_remove(actor=stranger, item=call.rubric_items.first())  # type: ignore[arg-type]
    assert _counts() == before


def test_the_pages_add_and_remove_and_keep_typed_values_on_a_refusal(ministry: Any) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    client: Any = Client()
    sign_in(client, officer)
    # the call's page offers both
    page = client.get(f"/programmes/calls/{call.pk}/").content.decode()
    assert f"/programmes/calls/{call.pk}/rubric/new/" in page
    assert f"/programmes/calls/{call.pk}/documents/new/" in page
    # a refused item comes back on its field, with what was typed; nothing written
    before = _counts()
    response = client.post(
        f"/programmes/calls/{call.pk}/rubric/new/",
        {"area": "basics", "name_ko": "안전 교육", "max_points": "120"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "배점은 0보다 크고 100 이하여야 합니다" in body
    assert 'value="안전 교육"' in body
    assert _counts() == before
    # a good one is added, then removed with its button
    response = client.post(
        f"/programmes/calls/{call.pk}/rubric/new/",
        {"area": "basics", "name_ko": "안전 교육", "max_points": "2"},
    )
    assert response.status_code == 302
    item = RubricItem.objects.get(name_ko="안전 교육")
    response = client.post(f"/programmes/rubric/{item.pk}/remove/")
    assert response.status_code == 302
    assert not RubricItem.objects.filter(pk=item.pk).exists()
    response = client.post(
        f"/programmes/calls/{call.pk}/documents/new/",
        {"name_ko": "재무 계획서", "max_pages": "10", "is_required": "on"},
    )
    assert response.status_code == 302
    assert call.documents.filter(name_ko="재무 계획서", max_pages=10, is_required=True).exists()
