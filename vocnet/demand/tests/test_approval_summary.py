"""The one-page summary for approval (결재용): a PDF of one page with the figures, the limits
and the approval boxes, and an Excel file listing every changed department."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from vocnet.demand.services import ScenarioInput, scenario_create
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
from vocnet.spreadsheets.testing import read_xlsx
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(world: World) -> object:
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )
    return scenario_create(
        actor=world.user("province_officer"), data=ScenarioInput("결재안", is_synthetic=True)
    )


def test_the_pdf_is_one_page_with_the_figures_limits_and_approval_boxes(
    world: World, scenario: object
) -> None:
    from django.test import Client

    client = Client()
    sign_in(client, world.user("province_officer"))

    response = client.get(f"/demand/scenarios/{scenario.pk}/approval.pdf")  # type: ignore[attr-defined]

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for words in ("결재용 요약", "담당", "검토", "결재", "학과별 연간 변경 한도", "합성(데모)"):
        assert words in text


def test_the_excel_lists_every_changed_department_and_says_it_is_synthetic(
    world: World, scenario: object
) -> None:
    from django.test import Client

    client = Client()
    sign_in(client, world.user("support_office_officer"))

    response = client.get(f"/demand/scenarios/{scenario.pk}/approval.xlsx")  # type: ignore[attr-defined]

    rows = read_xlsx(response.content)
    assert "합성(데모)" in rows[0][0]
    changed = [r for r in scenario.result["recommendations"] if r["action"] != "keep"]  # type: ignore[attr-defined]
    assert len(rows) - 2 == len(changed)
