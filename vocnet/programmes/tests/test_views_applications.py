"""The lead school's application wizard in the browser: start with the consortium (the draft
agreement is made), fill the plan, governance, budget and KPIs, upload the documents (a PDF's
pages are counted: the plan ≤ 30 pages), submit — frozen in a version —, withdraw with a
reason. Partners read it; no other school does. Refusals write nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from vocnet.agreements.models import Agreement
from vocnet.core.models import AuditEvent
from vocnet.programmes.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    ApplicationVersion,
    BudgetLine,
    Kpi,
)
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.tests.factories import pdf, published_call, ready_application
from vocnet.registry.models import Organisation
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def open_call(world: World, orgs: dict[str, Organisation]) -> Any:
    """The province's 3-year call, open until 2099."""
    return published_call(
        world.user("province_officer"),
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )


def test_the_lead_school_drafts_fills_uploads_and_submits(
    world: World, orgs: dict[str, Organisation], open_call: Any
) -> None:
    client = _client(world.user("school_staff_a"))
    # given the call page offers school A to apply
    assert "신청서 작성하기" in client.get(f"/programmes/calls/{open_call.pk}/").content.decode()
    # when its staff start an application with the city and company A
    response = client.post(
        f"/programmes/calls/{open_call.pk}/apply/",
        {
            "lead_organisation": orgs["school_a"].pk,
            "title": "A고 경기협약형 육성계획",
            "partners": [orgs["city"].pk, orgs["company_a"].pk],
        },
    )
    application = Application.objects.get()
    assert response["Location"] == f"/programmes/applications/{application.pk}/edit/plan/"
    assert Agreement.objects.filter(pk=application.agreement_id).exists()
    base = f"/programmes/applications/{application.pk}"
    # and fill each step
    client.post(
        f"{base}/edit/plan/",
        {
            "vision": "미래차 인재",
            "path_employment": "지역 기업 채용",
            "pillar_industry_linkage": "기업 연계 교육과정",
        },
    )
    client.post(
        f"{base}/edit/governance/",
        {
            "governance_rhythm": "분기 1회",
            "member_0_organisation": orgs["city"].pk,
            "member_0_role": "위원장",
        },
    )
    client.post(
        f"{base}/edit/budget/",
        {"budget_1_ministry_operations": 700_000_000, "budget_3_local_government_equipment": 5},
    )
    client.post(
        f"{base}/edit/kpis/",
        {
            "kpi_0_name": "지역 취업률",
            "kpi_0_unit": "%",
            "kpi_0_y1": 40,
            "kpi_0_y2": 45,
            "kpi_0_y3": 50,
        },
    )
    for code, pages in (("agreement", 4), ("development_plan", 30)):
        client.post(
            f"{base}/edit/documents/",
            {"requirement": code, "file": pdf(f"{code}.pdf", pages=pages)},
        )
    assert BudgetLine.objects.filter(application=application).count() == 2
    assert Kpi.objects.get(application=application).targets == [40, 45, 50]
    assert ApplicationDocument.objects.get(requirement__code="development_plan").page_count == 30
    # and submit
    client.post(f"{base}/submit/")
    # then it is submitted, frozen in version 1, and the steps send back to the page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert ApplicationVersion.objects.get(application=application).number == 1
    assert client.get(f"{base}/edit/plan/").status_code == 302
    # the city (a party) reads it but may not edit; school B does not see it
    city = _client(world.user("local_government_officer"))
    assert city.get(f"{base}/").status_code == 200
    assert city.get(f"{base}/edit/plan/").status_code == 403
    assert _client(world.user("school_staff_b")).get(f"{base}/").status_code == 404


def test_a_31_page_pdf_plan_is_refused_whatever_page_count_is_declared(
    world: World, orgs: dict[str, Organisation], open_call: Any
) -> None:
    staff = world.user("school_staff_a")
    client = _client(staff)
    client.post(
        f"/programmes/calls/{open_call.pk}/apply/",
        {"lead_organisation": orgs["school_a"].pk, "title": "A고 신청"},
    )
    application = Application.objects.get()
    audits = AuditEvent.objects.count()
    # when a 31-page PDF is uploaded as the plan, declared as 10 pages
    response = client.post(
        f"/programmes/applications/{application.pk}/edit/documents/",
        {"requirement": "development_plan", "file": pdf(pages=31), "page_count": 10},
    )
    # then the page-count field names the 30-page rule and nothing is written
    assert response.status_code == 200
    assert response.context["form"].errors["page_count"] == [
        "'육성계획서'는 최대 30쪽입니다(입력 31쪽)."
    ]
    assert ApplicationDocument.objects.count() == 0
    assert AuditEvent.objects.count() == audits


def test_a_late_submission_is_refused_citing_the_window_and_writes_nothing(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given a complete draft to the Ministry's 2025 call, which closed 2025-04-24 18:00 KST
    staff = world.user("school_staff_a")
    officer = world.user("province_officer")
    call = published_call(officer, orgs["education_office"])
    application = ready_application(staff, call, orgs["school_a"], [orgs["city"]])
    client = _client(staff)
    # when its staff submit it now
    response = client.post(f"/programmes/applications/{application.pk}/submit/", follow=True)
    # then the page says it closed, in Asia/Seoul, and no version is written
    page = response.content.decode()
    assert "2025-04-24 18:00" in page
    assert ApplicationVersion.objects.count() == 0
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_withdrawal_records_the_reason(
    world: World, orgs: dict[str, Organisation], open_call: Any
) -> None:
    staff = world.user("school_staff_a")
    client = _client(staff)
    client.post(
        f"/programmes/calls/{open_call.pk}/apply/",
        {"lead_organisation": orgs["school_a"].pk, "title": "A고 신청"},
    )
    application = Application.objects.get()
    # an empty reason is refused on the field
    response = client.post(f"/programmes/applications/{application.pk}/withdraw/", {"reason": ""})
    assert response.context["form"].errors["reason"]
    client.post(
        f"/programmes/applications/{application.pk}/withdraw/", {"reason": "컨소시엄 재구성"}
    )
    application.refresh_from_db()
    assert (application.status, application.withdrawal_reason) == (
        ApplicationStatus.WITHDRAWN,
        "컨소시엄 재구성",
    )
