"""Adding and removing a call's rubric items and required documents (issue 14 §2: the rubric
"as data … editable per call").

Only while the call is a draft — the notice is fixed once published, as every other field of
the call — and never a part that something already uses: a rubric item with a score, a
document an application attached (a draft call normally has neither; the guard keeps the
rows the review and the applications point to). A call keeps at least one scorable rubric
item. Every refusal is a bilingual problem naming the field and the rule; nothing written.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max

from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike
from vocnet.programmes.models import (
    ApplicationDocument,
    Call,
    CallStatus,
    RequiredDocument,
    RubricItem,
    RubricOrigin,
    Score,
)
from vocnet.programmes.rules import default_rubric, problem, raise_if, text_problems

MAX_DOCUMENT_PAGES = 200


def _draft_problems(call: Call, name: str) -> list[FieldProblem]:
    if call.status == CallStatus.DRAFT:
        return []
    return [
        problem(
            name,
            "call_published",
            "공고된 공모의 평가 항목과 제출 서류는 더하거나 뺄 수 없습니다(작성 중인 공모만).",
            "A published call's rubric items and documents cannot be added or removed "
            "(draft calls only).",
        )
    ]


def rubric_areas(call: Call) -> list[tuple[str, str]]:
    """The areas an item can be added to: the call's own (in rubric order), then the default
    rubric's the call no longer has."""
    areas: dict[str, str] = {}
    for area, name in call.rubric_items.order_by("position", "id").values_list(
        "area", "area_name_ko"
    ):
        areas.setdefault(area, name)
    for row in default_rubric():
        areas.setdefault(row.area, row.area_name_ko)
    return list(areas.items())


def _points_problems(max_points: Decimal | None) -> list[FieldProblem]:
    if max_points is None or not Decimal(0) < max_points <= Decimal(100):
        return [
            problem(
                "max_points",
                "range",
                "배점은 0보다 크고 100 이하여야 합니다.",
                "The points must be above 0 and at most 100.",
            )
        ]
    return []


@transaction.atomic
def rubric_item_add(
    *,
    actor: UserLike,
    call: Call,
    area: str,
    name_ko: str,
    max_points: Decimal | None,
    name_en: str = "",
    is_bonus: bool = False,
) -> RubricItem:
    """Add an item to a draft call's rubric, at the end of its area (an area of the call or
    of the default rubric); the item is the officer's (``RubricOrigin.OFFICER``).

    Raises PermissionDenied (the issuing organisation's officers), ValidationFailed (the call
    is published; unknown area; no name; points not in (0, 100]), nothing written."""
    authorize_change(actor, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    problems = _draft_problems(call, "rubric_item")
    areas = dict(rubric_areas(call))
    if area not in areas:
        problems.append(
            problem(
                "area",
                "unknown_area",
                f"평가 영역 코드가 아닙니다: {area} (허용: {', '.join(areas)})",
                f"Not an area of the rubric: {area} (allowed: {', '.join(areas)})",
            )
        )
    problems += text_problems("name_ko", name_ko, 150, required=True)
    problems += text_problems("name_en", name_en, 200, required=False)
    problems += _points_problems(max_points)
    raise_if(problems)
    assert max_points is not None
    items = call.rubric_items.all()
    in_area = items.filter(area=area).aggregate(last=Max("position"))["last"]
    if in_area is None:
        position = (items.aggregate(last=Max("position"))["last"] or 0) + 1
    else:
        position = in_area + 1
        items.filter(position__gte=position).update(position=F("position") + 1)
    number = 1
    taken = set(items.values_list("code", flat=True))
    while f"{area}.officer_{number}" in taken:
        number += 1
    item = RubricItem.objects.create(
        call=call,
        area=area,
        area_name_ko=areas[area],
        code=f"{area}.officer_{number}",
        name_ko=name_ko.strip(),
        name_en=name_en.strip(),
        max_points=max_points,
        is_bonus=is_bonus,
        position=position,
        origin=RubricOrigin.OFFICER,
        source_note="담당자 추가",
    )
    record_audit(actor=actor, action="programmes.rubric.add", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def rubric_item_remove(*, actor: UserLike, item: RubricItem) -> None:
    """Remove an item from a draft call's rubric.

    Raises PermissionDenied, ValidationFailed (published call; the item has scores; it is the
    call's last scorable item), nothing written."""
    authorize_change(actor, item)
    call = Call.objects.select_for_update().get(pk=item.call_id)
    problems = _draft_problems(call, "rubric_item")
    if Score.objects.filter(item=item).exists():
        problems.append(
            problem(
                "rubric_item",
                "in_use",
                "점수가 매겨진 평가 항목은 뺄 수 없습니다.",
                "An item that has scores cannot be removed.",
            )
        )
    if (
        not item.is_bonus
        and not call.rubric_items.filter(is_bonus=False).exclude(pk=item.pk).exists()
    ):
        problems.append(
            problem(
                "rubric_item",
                "last_item",
                "공모에는 가점이 아닌 평가 항목이 하나 이상 있어야 합니다.",
                "A call keeps at least one item that is not a bonus.",
            )
        )
    raise_if(problems)
    before = snapshot(item)
    record_audit(actor=actor, action="programmes.rubric.remove", obj=item, before=before)
    item.delete()


def _pages_problems(max_pages: int | None) -> list[FieldProblem]:
    if max_pages is not None and not 1 <= max_pages <= MAX_DOCUMENT_PAGES:
        return [
            problem(
                "max_pages",
                "range",
                f"최대 쪽수는 1~{MAX_DOCUMENT_PAGES}쪽이어야 합니다.",
                f"The page limit is between 1 and {MAX_DOCUMENT_PAGES}.",
            )
        ]
    return []


@transaction.atomic
def required_document_add(
    *,
    actor: UserLike,
    call: Call,
    name_ko: str,
    name_en: str = "",
    is_required: bool = True,
    max_pages: int | None = None,
) -> RequiredDocument:
    """Add a document an application of a draft call must (or may) attach, last in the list.

    Raises PermissionDenied, ValidationFailed (the call is published; no name; a name the
    call already asks for; a page limit outside 1–200), nothing written."""
    authorize_change(actor, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    problems = _draft_problems(call, "document")
    problems += text_problems("name_ko", name_ko, 100, required=True)
    problems += text_problems("name_en", name_en, 150, required=False)
    problems += _pages_problems(max_pages)
    documents = call.documents.all()
    if name_ko.strip() and documents.filter(name_ko=name_ko.strip()).exists():
        problems.append(
            problem(
                "name_ko",
                "duplicate",
                f"이미 있는 서류입니다: {name_ko.strip()}",
                f"The call already asks for this document: {name_ko.strip()}",
            )
        )
    raise_if(problems)
    number = 1
    taken = set(documents.values_list("code", flat=True))
    while f"document_{number}" in taken:
        number += 1
    document = RequiredDocument.objects.create(
        call=call,
        code=f"document_{number}",
        name_ko=name_ko.strip(),
        name_en=name_en.strip(),
        is_required=is_required,
        max_pages=max_pages,
        position=(documents.aggregate(last=Max("position"))["last"] or 0) + 1,
    )
    record_audit(
        actor=actor, action="programmes.document.add", obj=document, after=snapshot(document)
    )
    return document


@transaction.atomic
def required_document_remove(*, actor: UserLike, document: RequiredDocument) -> None:
    """Remove a document from a draft call's list.

    Raises PermissionDenied, ValidationFailed (published call; an application attached it),
    nothing written."""
    authorize_change(actor, document)
    call = Call.objects.select_for_update().get(pk=document.call_id)
    problems = _draft_problems(call, "document")
    if ApplicationDocument.objects.filter(requirement=document).exists():
        problems.append(
            problem(
                "document",
                "in_use",
                "신청서에 첨부된 서류는 뺄 수 없습니다.",
                "A document an application attached cannot be removed.",
            )
        )
    raise_if(problems)
    record_audit(
        actor=actor, action="programmes.document.remove", obj=document, before=snapshot(document)
    )
    document.delete()
