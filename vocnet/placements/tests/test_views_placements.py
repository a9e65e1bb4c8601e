"""The field-training pages: lists with a bounded number of queries, the offer form putting a
broken labour rule on its field, direct placement, signing, the PDF, vetting decisions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.placements import services
from vocnet.placements.consent import ITEM_CODES
from vocnet.placements.models import (
    ContractSignature,
    FieldTrainingOffer,
    HostVetting,
    OfferSchedule,
    Placement,
    PlacementApplication,
    PlacementContract,
    VettingStatus,
)
from vocnet.placements.tests import factories as pf
from vocnet.privacy.models import PersonalDataAccess
from vocnet.registry.tests import factories as rf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _offer_form(**overrides: Any) -> dict[str, Any]:
    start = pf.next_monday()
    data: dict[str, Any] = {
        "title": "전기 설비 현장실습",
        "region_code": "41390",
        "ncs_code": "1501",
        "seats": "2",
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=53)).isoformat(),
        "allowance_krw": "1200000",
        "mentor_name": "최멘토",
        "tasks": "설비 점검",
        "safety_measures": "안전교육",
    }
    for weekday in range(5):
        data.update(
            {f"day_{weekday}_on": "on", f"day_{weekday}_start": "09:00",
             f"day_{weekday}_end": "17:00", f"day_{weekday}_break": "60"}
        )  # fmt: skip
    data.update(overrides)
    return data


def test_company_staff_create_an_offer_through_the_form(world: World) -> None:
    # given company A's staff on the offer form
    client = _client(world, "company_staff")
    data = _offer_form(company=str(world.company_a.pk))
    # when they save a lawful week
    response = client.post("/placements/offers/new/", data)
    # then a draft with five days is written and the detail page follows
    offer = FieldTrainingOffer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/placements/offers/{offer.pk}/"
    assert offer.schedule.count() == 5


def test_the_form_puts_a_broken_rule_on_the_day_and_writes_nothing(world: World) -> None:
    # given Wednesday ending at 18:00 (8 h of training) without an agreement
    client = _client(world, "company_staff")
    data = _offer_form(company=str(world.company_a.pk), day_2_end="18:00")
    # when saved
    response = client.post("/placements/offers/new/", data)
    # then the page names Wednesday's end, the rule's article, and nothing was written
    form = response.context["form"]
    assert response.status_code == 200
    assert "직업교육훈련 촉진법 제9조의2 ①" in form.errors["day_2_end"][0]
    assert FieldTrainingOffer.objects.count() == 0
    assert OfferSchedule.objects.count() == 0


def test_the_offer_list_needs_a_bounded_number_of_queries(
    world: World, offer_a: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        pf.PublishedOfferFactory(company=world.company_b)
    client = _client(world, "school_staff_a")
    with django_assert_max_num_queries(12):
        response = client.get("/placements/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 31


def test_the_school_applies_and_the_company_accepts_from_the_offer_page(
    world: World, offer_a: Any, django_assert_max_num_queries: Any
) -> None:
    # given the offer page for school A's staff
    school = _client(world, "school_staff_a")
    page = school.get(f"/placements/offers/{offer_a.pk}/")
    assert page.context["apply_form"] is not None
    # when they apply for student A
    response = school.post(
        f"/placements/offers/{offer_a.pk}/apply/", {"student": world.student_a.pk, "note": "추천"}
    )
    # then an application waits for the company, no seat is taken, the access log has it
    assert response["Location"] == f"/placements/offers/{offer_a.pk}/"
    application = PlacementApplication.objects.get()
    assert Placement.objects.count() == 0
    assert (
        PersonalDataAccess.objects.filter(subject_id=world.student_a.pk, action="create").count()
        == 1
    )
    # when the company opens the offer (its applications listed in a bounded number of
    # queries), a bad interview date is refused without a write, then it accepts
    company = _client(world, "company_staff")
    for _ in range(5):
        services.application_submit(
            actor=world.user("school_staff_a"), offer=offer_a,
            student=rf.StudentFactory(department=world.objects["department_a"], grade=3),
        )  # fmt: skip
    with django_assert_max_num_queries(30):
        page = company.get(f"/placements/offers/{offer_a.pk}/")
    assert application.pk in page.context["decidable"]
    assert "수락" in page.content.decode()
    company.post(
        f"/placements/applications/{application.pk}/interview/",
        {"interview_at": "내일", "place": "본사"},
    )
    application.refresh_from_db()
    assert application.interview_at is None
    response = company.post(f"/placements/applications/{application.pk}/accept/")
    placement = Placement.objects.get()
    assert response["Location"] == f"/placements/placements/{placement.pk}/"
    assert placement.student_id == world.student_a.pk


def test_the_placement_list_logs_the_students_shown_and_stays_bounded(
    world: World, offer_a: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        pf.PlacementFactory(
            offer=offer_a, student=rf.StudentFactory(department=world.objects["department_a"])
        )
    client = _client(world, "school_staff_a")
    with django_assert_max_num_queries(14):
        response = client.get("/placements/placements/")
    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(action="view").count() == 3


def test_the_four_parties_sign_on_the_placement_page_and_print_the_pdf(
    world: World, offer_a: Any
) -> None:
    # given a placement with a drafted contract
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    contract = pf.drafted_contract(placement, world.user("school_staff_a"))
    # when each party opens the page and signs
    for persona in ("company_staff", "school_staff_a", "student", "guardian"):
        client = _client(world, persona)
        page = client.get(f"/placements/placements/{placement.pk}/")
        ((party, _label),) = page.context["can_sign"]
        if party in ("student", "guardian"):
            # they sign on the consent page: every item and the password (ADR 0033)
            items = {f"consent_{c}": "on" for c in ITEM_CODES}
            data = {"action": "sign", "password": "correct-horse-battery-9", **items}
            client.post(f"/placements/contracts/{contract.pk}/consent/", data)
        else:
            client.post(f"/placements/contracts/{contract.pk}/sign/", {"party": party})
    # then all four signatures exist and the PDF prints
    assert ContractSignature.objects.count() == 4
    placement.refresh_from_db()
    assert placement.status == "contracted"
    pdf = _client(world, "guardian").get(f"/placements/contracts/{contract.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_another_school_cannot_open_the_placement(world: World, offer_a: Any) -> None:
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    response = _client(world, "school_staff_b").get(f"/placements/placements/{placement.pk}/")
    assert response.status_code == 404


def test_the_support_office_approves_an_inspected_application(world: World) -> None:
    # given an inspected application of company A (region A)
    vetting = pf.InspectionFactory(vetting__company=world.company_a).vetting
    today = timezone.localdate()
    # when the support office records the decision on the vetting page
    response = _client(world, "support_office_officer").post(
        f"/placements/vettings/{vetting.pk}/",
        {
            "form": "decision",
            "approve": "approve",
            "valid_from": today.isoformat(),
            "valid_until": (today + timedelta(days=365)).isoformat(),
        },
    )
    # then the host is approved
    assert response.status_code == 302
    assert HostVetting.objects.get(pk=vetting.pk).status == VettingStatus.APPROVED


def test_company_staff_apply_for_vetting_through_the_form(world: World) -> None:
    response = _client(world, "company_staff").post(
        "/placements/vettings/apply/",
        {
            "company": world.company_a.pk,
            "host_kind": "participating",
            "person_in_charge_name": "김담당",
        },
    )
    vetting = HostVetting.objects.get()
    assert response["Location"] == f"/placements/vettings/{vetting.pk}/"


def test_every_page_renders_for_its_roles(world: World, offer_a: Any) -> None:
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    contract = pf.drafted_contract(placement, world.user("school_staff_a"))
    vetting = HostVetting.objects.get(company=world.company_a)
    pages = {
        "company_staff": ["/placements/", f"/placements/offers/{offer_a.pk}/",
                          f"/placements/offers/{offer_a.pk}/edit/", "/placements/offers/new/",
                          "/placements/vettings/", "/placements/vettings/apply/",
                          f"/placements/vettings/{vetting.pk}/", "/placements/rules/",
                          f"/placements/contracts/{contract.pk}/amend/"],
        "support_office_officer": [f"/placements/vettings/{vetting.pk}/",
                                   f"/placements/companies/{world.company_a.pk}/accident/"],
        "student": [f"/placements/placements/{placement.pk}/", "/placements/placements/"],
        "province_officer": ["/placements/placements/", "/"],
    }  # fmt: skip
    for persona, paths in pages.items():
        client = _client(world, persona)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (persona, path, response.status_code)
    english = _client(world, "company_staff")
    english.cookies["django_language"] = "en"
    assert (
        "Vocational Education and Training Promotion Act"
        in english.get("/placements/rules/").content.decode()
    )
    assert PlacementContract.objects.count() == 1


def test_the_list_exports_by_a_csrf_protected_post_keeping_its_filters(world: World) -> None:
    # Given a browser that enforces CSRF as a real one does, on the filtered placement list
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.user("province_officer"))
    page = client.get("/placements/placements/", {"status": "in_progress", "page": "2"})
    html = page.content.decode()

    # Then the export form is a POST to the API carrying the filters in its address
    import re

    form = re.search(r'<form class="vn-filters vn-export" method="post" action="([^"]+)"', html)
    assert form is not None
    action = form.group(1).replace("&amp;", "&")
    assert action == "/api/placements/exports/placements.xlsx?status=in_progress"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None

    # When the form is posted with its token and a reason, then the file comes
    response = client.post(
        action, {"csrfmiddlewaretoken": token.group(1), "reason": "배치 현황 점검"}
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
