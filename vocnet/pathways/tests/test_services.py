"""Recording where graduates went: a school records its own graduates (the province any),
every bad field is named in Korean and English, nothing is written on bad input, and each
write leaves an audit entry."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.pathways.models import DestinationKind, GraduateDestination
from vocnet.pathways.services import (
    DestinationInput,
    destination_create,
    destination_delete,
    destination_update,
)
from vocnet.pathways.tests.factories import DestinationFactory, EmployedInFieldFactory
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


def _employed(world: World, **changes: object) -> DestinationInput:
    data = DestinationInput(
        department_id=world.objects["department_a"].pk,
        graduation_year=2025,
        graduate_key="2025-031",
        kind=DestinationKind.EMPLOYED,
        business_number=world.company_a.business_number,
        ncs_code="1501",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_school_staff_record_a_graduate_employed_in_the_field_with_an_audit_entry(
    world: World,
) -> None:
    # When school A's staff record a graduate of 미래자동차과 (1501) working at company A in 1501
    destination = destination_create(
        actor=world.user("school_staff_a"), data=_employed(world), today=TODAY
    )

    # Then it is stored as given, counts as employment in the field, and is audited
    stored = GraduateDestination.objects.get()
    assert (stored.graduation_year, stored.graduate_key, stored.kind) == (
        2025,
        "2025-031",
        "employed",
    )
    assert stored.company == world.company_a
    assert stored.ncs_middle.code == "1501"
    assert stored.is_in_field
    assert stored.recorded_by == world.user("school_staff_a")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("destination.record", str(destination.pk))


@pytest.mark.parametrize(
    "persona", ["school_staff_b", "support_office_officer", "company_staff", "student"]
)
def test_only_the_school_and_the_province_record_its_graduates(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        destination_create(actor=world.user(persona), data=_employed(world), today=TODAY)

    assert not GraduateDestination.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_province_records_for_any_school(world: World) -> None:
    destination_create(actor=world.user("province_officer"), data=_employed(world), today=TODAY)

    assert GraduateDestination.objects.count() == 1


def test_every_bad_field_is_named_in_both_languages_and_nothing_is_written(world: World) -> None:
    # Given a graduate going to university but with an employer, a made-up field, a class
    # that has not graduated yet and a key that is a name
    data = _employed(
        world,
        kind=DestinationKind.UNIVERSITY,
        business_number="123-45-67890",
        ncs_code="9999",
        graduation_year=2027,
        graduate_key="김민준",
    )

    with pytest.raises(ValidationFailed) as raised:
        destination_create(actor=world.user("school_staff_a"), data=data, today=TODAY)

    problems = {(p.field, p.code): p for p in raised.value.problems}
    assert set(problems) == {
        ("business_number", "unknown_company"),
        ("business_number", "only_when_employed"),
        ("ncs_code", "unknown_ncs"),
        ("ncs_code", "only_when_employed"),
        ("graduation_year", "graduation_year_out_of_range"),
        ("graduate_key", "graduate_key_invalid"),
    }
    year = problems[("graduation_year", "graduation_year_out_of_range")]
    assert year.message_ko.startswith("졸업 연도는 2000~2026년이어야 합니다(입력: 2027).")
    assert year.message_en.startswith("The graduation year must be from 2000 to 2026 (got 2027)")
    assert problems[("ncs_code", "only_when_employed")].message_en == (
        "A job field is given only when the destination is 'employed'."
    )
    assert not GraduateDestination.objects.exists()
    assert not AuditEvent.objects.exists()


def test_before_march_the_february_class_is_not_yet_recordable(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        destination_create(
            actor=world.user("school_staff_a"),
            data=_employed(world, graduation_year=2026),
            today=date(2026, 2, 10),
        )

    assert [p.code for p in raised.value.problems] == ["graduation_year_out_of_range"]


def test_the_same_graduate_twice_is_a_conflict(world: World) -> None:
    school = world.user("school_staff_a")
    destination_create(actor=school, data=_employed(world), today=TODAY)

    with pytest.raises(Conflict) as raised:
        destination_create(actor=school, data=_employed(world), today=TODAY)

    assert raised.value.problems[0].field == "graduate_key"
    assert GraduateDestination.objects.count() == 1


def test_a_student_of_another_department_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        destination_create(
            actor=world.user("province_officer"),
            data=_employed(world, student_id=world.student_b.pk),
            today=TODAY,
        )

    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("student_id", "student_not_in_department")
    ]
    assert not GraduateDestination.objects.exists()


def test_a_graduate_no_longer_employed_loses_employer_and_field(world: World) -> None:
    # Given a graduate recorded as employed in the field at company A
    destination = EmployedInFieldFactory(
        department=world.objects["department_a"], company=world.company_a
    )

    # When the school corrects it to university
    destination_update(
        actor=world.user("school_staff_a"),
        destination=destination,
        changes={"kind": DestinationKind.UNIVERSITY},
    )

    # Then the employer and field are gone and the change is audited
    destination.refresh_from_db()
    assert (destination.kind, destination.company_id, destination.ncs_middle_id) == (
        "university",
        None,
        None,
    )
    event = AuditEvent.objects.get(action="destination.update")
    assert event.before["kind"] == "employed"
    assert event.after["kind"] == "university"


def test_another_school_may_neither_correct_nor_delete(world: World) -> None:
    destination = DestinationFactory(department=world.objects["department_a"])

    with pytest.raises(PermissionDenied):
        destination_update(
            actor=world.user("school_staff_b"), destination=destination, changes={"note": "x"}
        )
    with pytest.raises(PermissionDenied):
        destination_delete(actor=world.user("support_office_officer"), destination=destination)

    destination.refresh_from_db()
    assert destination.note == ""
    assert not AuditEvent.objects.exists()


def test_the_school_deletes_its_record(world: World) -> None:
    destination = DestinationFactory(department=world.objects["department_a"])

    destination_delete(actor=world.user("school_staff_a"), destination=destination)

    assert not GraduateDestination.objects.exists()
    assert AuditEvent.objects.get().action == "destination.delete"
