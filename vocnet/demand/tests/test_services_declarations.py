"""Declaring workforce demand: who may, what is checked (naming the field in Korean and
English), and that bad input writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.services import (
    DeclarationInput,
    declaration_create,
    declaration_delete,
    declaration_update,
)
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _input(world: World, **changes: Any) -> DeclarationInput:
    values: dict[str, Any] = {
        "organisation_id": world.company_a.organisation.pk,
        "ncs_code": "1506",
        "occupation": "자동차 부품 생산원",
        "year": declared_year(1),
        "headcount": 12,
        "certificates": ["자동차정비기능사", " 자동차정비기능사", "전기기능사", ""],
    }
    return DeclarationInput(**{**values, **changes})


def test_a_company_declares_its_own_demand_in_its_region_by_default(world: World) -> None:
    # Given company A's staff
    user = world.user("company_staff")

    # When they declare 12 people of 1506 without naming a region
    declaration = declaration_create(actor=user, data=_input(world, organisation_id=None))

    # Then the row is theirs, in their region, certificates cleaned, and audited
    assert declaration.organisation_id == world.company_a.organisation.pk
    assert declaration.region.sigungu_code == "41390"
    assert (declaration.headcount, declaration.certificates) == (
        12,
        ["자동차정비기능사", "전기기능사"],
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("demand.declare", str(declaration.pk))


def test_a_company_may_not_declare_for_another_company(world: World) -> None:
    # When company A's staff declare for company B
    with pytest.raises(PermissionDenied):
        declaration_create(
            actor=world.user("company_staff"),
            data=_input(world, organisation_id=world.company_b.organisation.pk),
        )

    # Then nothing is written
    assert DemandDeclaration.objects.count() == AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "ko", "en"),
    [
        ({"ncs_code": "9999"}, "ncs_code", "NCS 중분류 코드가 아닙니다: 9999",
         "Not an NCS middle-category code: 9999"),
        ({"region_code": "11110"}, "region_code", "경기도의 시군구 코드가 아닙니다: 11110",
         "Not a Gyeonggi sigungu code: 11110"),
        ({"headcount": 0}, "headcount", "", ""),
        ({"occupation": "  "}, "occupation", "이 필드는 빈 칸으로 둘 수 없습니다.",
         "This field cannot be blank."),
        ({"certificates": [f"자격{n}" for n in range(11)]}, "certificates",
         "자격증은 10개까지 적을 수 있습니다.", "At most 10 certificates."),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_in_korean_and_english_and_writes_nothing(
    world: World, changes: dict[str, Any], field: str, ko: str, en: str
) -> None:
    # When the province declares with one bad field
    with pytest.raises(ValidationFailed) as raised:
        declaration_create(actor=world.user("province_officer"), data=_input(world, **changes))

    # Then the error names that field (and its rule in both languages)
    problem = next(p for p in raised.value.problems if p.field == field)
    if ko:
        assert (problem.message_ko, problem.message_en) == (ko, en)
    assert problem.message_ko
    assert problem.message_en
    assert DemandDeclaration.objects.count() == AuditEvent.objects.count() == 0


def test_a_year_outside_the_next_five_is_refused(world: World) -> None:
    # When a year already past is declared
    with pytest.raises(ValidationFailed) as raised:
        declaration_create(
            actor=world.user("province_officer"), data=_input(world, year=declared_year(0))
        )

    # Then the rule states the allowed years
    (problem,) = raised.value.problems
    first, last = declared_year(1), declared_year(5)
    assert problem.field == "year"
    assert problem.message_ko == (
        f"채용 연도는 {first}~{last}년 사이여야 합니다(입력: {declared_year(0)})."
    )
    assert problem.message_en == (
        f"The hiring year must be from {first} to {last} (got {declared_year(0)})."
    )


def test_a_school_is_not_a_declarant(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        declaration_create(
            actor=world.user("province_officer"),
            data=_input(world, organisation_id=world.school_a.organisation.pk),
        )

    assert raised.value.problems[0].field == "organisation_id"


def test_declaring_the_same_field_occupation_region_and_year_twice_is_a_conflict(
    world: World,
) -> None:
    user = world.user("company_staff")
    declaration_create(actor=user, data=_input(world))

    with pytest.raises(Conflict):
        declaration_create(actor=user, data=_input(world, headcount=3))

    assert DemandDeclaration.objects.count() == 1


def test_the_company_changes_and_withdraws_its_declaration_but_school_staff_may_not(
    world: World,
) -> None:
    # Given company A's declaration
    declaration = CompanyDeclarationFactory(organisation=world.company_a.organisation)

    # When school staff of the same region try to change it
    with pytest.raises(PermissionDenied):
        declaration_update(
            actor=world.user("school_staff_a"), declaration=declaration, changes={"headcount": 1}
        )

    # Then the company can, and can withdraw it
    declaration_update(
        actor=world.user("company_staff"),
        declaration=declaration,
        changes={"headcount": 20, "certificates": ["전기기능사"]},
    )
    declaration.refresh_from_db()
    assert (declaration.headcount, declaration.certificates) == (20, ["전기기능사"])
    declaration_delete(actor=world.user("company_staff"), declaration=declaration)
    assert not DemandDeclaration.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "demand.update",
        "demand.delete",
    ]
