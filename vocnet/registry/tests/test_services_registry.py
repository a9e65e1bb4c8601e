"""Registry services: permission, validation and the audit entry of each write."""

from __future__ import annotations

import pytest
from django.apps import apps

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.registry import services
from vocnet.registry.models import School, Student
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _school_input(region_code: str, neis_code: str) -> services.SchoolInput:
    return services.SchoolInput(
        contact=services.OrganisationContact(name_ko="새솔공업고등학교", phone="031-555-0101"),
        region_code=region_code,
        neis_code=neis_code,
        school_type="specialized",
        establishment="public",
    )


def test_support_office_registers_a_school_in_its_region_and_it_is_audited(world: World) -> None:
    # Given the Siheung support-office officer
    officer = world.user("support_office_officer")

    # When they register a school in Siheung
    school = services.school_create(actor=officer, data=_school_input("41390", "7999001"))

    # Then the school exists and one audit entry names the officer and the new values
    event = AuditEvent.objects.get(action="school.create")
    assert school.organisation.region.sigungu_code == "41390"
    assert event.actor == officer
    assert event.object_id == str(school.pk)
    assert event.before is None
    assert event.after["neis_code"] == "7999001"
    assert event.after["phone"] == "031-555-0101"


def test_support_office_cannot_register_a_school_elsewhere(world: World) -> None:
    before = School.objects.count()

    with pytest.raises(PermissionDenied):
        services.school_create(
            actor=world.user("support_office_officer"), data=_school_input("41110", "7999002")
        )

    assert School.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_update_records_before_and_after(world: World) -> None:
    staff = world.user("school_staff_a")

    services.student_update(actor=staff, student=world.student_a, changes={"grade": 3})

    event = AuditEvent.objects.get(action="student.update")
    assert event.before["grade"] == 2
    assert event.after["grade"] == 3


def test_student_with_a_department_of_another_school_is_refused(world: World) -> None:
    before = Student.objects.count()

    with pytest.raises(ValidationFailed) as raised:
        services.student_create(
            actor=world.user("school_staff_a"),
            school=world.school_a,
            data=services.StudentInput(
                department_id=world.objects["department_b"].pk,
                student_number="30101",
                name="김새솔",
                grade=1,
            ),
        )

    assert raised.value.problems[0].field == "department_id"
    assert raised.value.problems[0].code == "unknown_department"
    assert Student.objects.count() == before


def test_no_model_has_a_field_for_a_resident_registration_number() -> None:
    # 주민등록번호 is never stored: no field may be named like one.
    suspicious = ("resident", "rrn", "jumin", "주민", "ssn", "national_id")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            name = f"{field.name} {getattr(field, 'verbose_name', '')}".lower()
            assert not any(word in name for word in suspicious), (model, field.name)
