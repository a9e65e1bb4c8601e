"""The universities' pages: the university's lists in a bounded number of queries however many
rows, a 계약학과 added through the form, a bad form answered on its fields with nothing
written, the graduate's consent page, and every list of graduates in the access log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from vocnet.pathways.models import (
    PathwayEvent,
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.tests.factories import (
    DestinationFactory,
    IncumbentSpecialFactory,
    consent,
    graduate_of,
    link,
)
from vocnet.privacy.models import PersonalDataAccess
from vocnet.registry.models import Organisation, OrganisationKind
from vocnet.registry.tests import factories as rf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _world(world: World, graduates: int) -> Organisation:
    university = Organisation.objects.get(kind=OrganisationKind.UNIVERSITY, name_ko="시험대학교")
    link(world.school_a.organisation, university)
    programme = IncumbentSpecialFactory(university=university)
    for index in range(graduates):
        student = rf.StudentFactory(department=world.objects["department_a"])
        graduate = graduate_of(student, graduation_year=2022)
        PathwayEvent.objects.create(graduate=graduate, kind="hired", occurred_on=date(2022, 3, 2))
        PathwayEvent.objects.create(
            graduate=graduate, kind="enrolled", occurred_on=date(2025, 3, 2), route="regular"
        )
        consent(graduate)
        ProgrammeApplication.objects.create(
            programme=programme,
            graduate=graduate,
            applied_at="2025-01-10T10:00:00+09:00",
            status="enrolled" if index % 2 else "applied",
            enrolled_on=date(2025, 3, 2) if index % 2 else None,
        )
    IncumbentSpecialFactory(university=university)
    return university


@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.parametrize(
    "path",
    [
        "/pathways/universities/",
        "/pathways/universities/graduates/",
        "/pathways/universities/applications/",
        "/pathways/universities/cohort/",
    ],
)
def test_the_university_lists_take_a_bounded_number_of_queries(
    world: World, count: int, path: str, django_assert_max_num_queries: Any
) -> None:
    _world(world, count)
    client = _client(world, "university_staff")
    client.get(path)
    with django_assert_max_num_queries(14):
        response = client.get(path)
    assert response.status_code == 200


def test_the_graduates_page_lists_consenting_graduates_and_logs_each_view(world: World) -> None:
    _world(world, 3)
    unconsenting = graduate_of(rf.StudentFactory(department=world.objects["department_a"]))
    client = _client(world, "university_staff")
    before = PersonalDataAccess.objects.count()
    html = client.get("/pathways/universities/graduates/").content.decode()
    keys = UniversityConsent.objects.values_list("graduate__graduate_key", flat=True)
    assert all(key in html for key in keys)
    assert len(keys) == 3
    assert unconsenting.graduate_key not in html
    assert PersonalDataAccess.objects.count() == before + 3
    logged = set(
        PersonalDataAccess.objects.filter(subject_kind="registry.student").values_list(
            "subject_id", flat=True
        )
    )
    assert unconsenting.student_id not in logged


def test_a_university_officer_adds_a_contract_department_through_the_form(world: World) -> None:
    university = _world(world, 0)
    client = _client(world, "university_staff")
    response = client.post(
        "/pathways/universities/new/",
        {
            "university": university.pk,
            "kind": "contract_department",
            "name": "스마트제조공학과",
            "admission_year": 2027,
            "places": 25,
            "contract_type": "early_employment",
            "contract_title": "조기취업형 계약학과 협약",
            "partner_business_numbers": world.company_a.business_number,
        },
    )
    assert response.status_code == 302
    programme = UniversityProgramme.objects.get(name="스마트제조공학과")
    assert list(programme.partner_companies.all()) == [world.company_a]


def test_a_bad_contract_department_comes_back_on_its_fields_and_nothing_is_written(
    world: World,
) -> None:
    university = _world(world, 0)
    before = UniversityProgramme.objects.count()
    response = _client(world, "university_staff").post(
        "/pathways/universities/new/",
        {
            "university": university.pk,
            "kind": "contract_department",
            "name": "스마트제조공학과",
            "admission_year": 2027,
            "places": 25,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "계약학과는 유형(채용조건형·재교육형·조기취업형)을 골라야 합니다." in html
    assert "협약 기업을 한 곳 이상" in html
    assert UniversityProgramme.objects.count() == before


def test_the_graduate_gives_and_withdraws_consent_on_their_page(world: World) -> None:
    _world(world, 0)
    graduate = graduate_of(world.student_a)
    client = _client(world, "student")
    html = client.get("/pathways/universities/consent/").content.decode()
    assert "시험대학교" in html
    assert "대학 열람에 동의" in html
    client.post("/pathways/universities/consent/give/", {"graduate": graduate.pk})
    assert UniversityConsent.objects.active().filter(graduate=graduate).count() == 1
    html = client.get("/pathways/universities/consent/").content.decode()
    assert "동의 철회" in html
    client.post("/pathways/universities/consent/withdraw/", {"graduate": graduate.pk})
    assert UniversityConsent.objects.active().filter(graduate=graduate).count() == 0
    assert UniversityConsent.objects.filter(graduate=graduate).count() == 1


def test_school_staff_posting_a_consent_get_the_refusal_and_nothing_is_written(
    world: World,
) -> None:
    graduate = DestinationFactory(department=world.objects["department_a"], student=world.student_a)
    response = _client(world, "school_staff_a").post(
        "/pathways/universities/consent/give/", {"graduate": graduate.pk}
    )
    assert response.status_code == 403
    assert UniversityConsent.objects.count() == 0
