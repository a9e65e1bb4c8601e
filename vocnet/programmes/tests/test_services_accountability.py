"""Accountability: KPIs computed from vocnet's data (enrolment, graduate destinations,
agreements; field training through the placements hook) or entered with evidence, the public
yearly report with small-cell suppression (page and PDF, no login), and the interim and final
evaluations ending in a recorded decision."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.pathways.tests.factories import graduates
from vocnet.programmes.models import Designation, Evaluation, KpiResult, PerformanceReport
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services.accountability import (
    evaluation_record,
    kpi_enter,
    kpis_compute,
    report_publish,
)
from vocnet.programmes.tests.factories_grants import designation_of, receipt, selected_decision
from vocnet.registry.models import Organisation
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def designation(world: World, orgs: dict[str, Organisation]) -> Designation:
    officer = world.user("province_officer")
    decision = selected_decision(
        officer, orgs["education_office"], world.user("school_staff_a"), orgs["school_a"], []
    )
    return designation_of(officer, decision)


def values(results: list[KpiResult]) -> dict[str, Any]:
    return {r.definition.code: (r.numerator, r.denominator, r.value) for r in results}


def test_kpis_are_computed_from_enrolment_and_graduate_destinations(
    world: World, designation: Designation
) -> None:
    # Given department A: 48 places, 48 first-years; 2025 graduates: 6 employed, 2 to university
    graduates(world.objects["department_a"], 2025, employed=6, university=2)
    # And one third-year student, not placed (field training is read through placements' hook)
    world.student_a.grade = 3
    world.student_a.save(update_fields=["grade"])
    # When the school computes its 2025 KPIs
    results = values(
        kpis_compute(actor=world.user("school_staff_a"), designation=designation, year=2025)
    )
    # Then each comes with its counts; KPIs without data stay empty, never 0
    assert results["enrolment_fill"] == (48, 48, Decimal("100.0"))
    assert results["employment"] == (6, 8, Decimal("75.0"))
    assert results["higher_education"] == (2, 8, Decimal("25.0"))
    assert results["field_training"] == (0, 1, Decimal("0.0"))
    assert results["commitment_fulfilment"] == (None, None, None)
    assert "regional_settlement" not in results


def test_an_entered_kpi_needs_its_evidence_and_a_number(
    world: World, designation: Designation
) -> None:
    staff = world.user("school_staff_a")
    with pytest.raises(ValidationFailed) as error:
        kpi_enter(
            actor=staff,
            designation=designation,
            code="employment",
            year=2025,
            value="x",
            evidence=None,
        )
    assert {p.code for p in error.value.problems} == {"computed_kpi", "not_a_number", "required"}
    assert KpiResult.objects.count() == 0
    result = kpi_enter(
        actor=staff,
        designation=designation,
        code="regional_settlement",
        year=2025,
        value="62.5",
        numerator=5,
        denominator=8,
        evidence=receipt("survey.pdf"),
    )
    assert (result.value, result.evidence_name, result.is_computed) == (
        Decimal("62.5"),
        "survey.pdf",
        False,
    )
    with pytest.raises(PermissionDenied):
        kpi_enter(
            actor=world.user("school_staff_b"),
            designation=designation,
            code="regional_settlement",
            year=2025,
            value="1",
            evidence=receipt(),
        )


def test_the_published_report_is_public_with_small_cells_suppressed(
    world: World, designation: Designation
) -> None:
    graduates(world.objects["department_a"], 2025, employed=3, university=1)
    report_publish(
        actor=world.user("school_staff_a"),
        designation=designation,
        year=2025,
        summary="미래차 교육과정 첫해 운영",
    )
    anonymous = Client()
    page = anonymous.get(reverse("programmes:report", args=[designation.pk, 2025]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "&lt;5" in text
    assert "비공개(5 미만)" in text
    assert "75.0%" not in text
    pdf = anonymous.get(reverse("programmes:report_pdf", args=[designation.pk, 2025]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    # Unpublished years do not exist for the public
    assert (
        anonymous.get(reverse("programmes:report", args=[designation.pk, 2026])).status_code == 404
    )
    with pytest.raises(ValidationFailed) as error:
        report_publish(
            actor=world.user("school_staff_a"), designation=designation, year=2025, summary="다시"
        )
    assert [p.code for p in error.value.problems] == ["already_published"]
    assert PerformanceReport.objects.count() == 1


def test_interim_evaluation_in_year_three_records_the_decision(
    world: World, designation: Designation
) -> None:
    officer = world.user("province_officer")
    year_three = datetime(2027, 11, 20, 10, 0, tzinfo=SEOUL)
    # Too early, and conditions missing for a conditional continuation
    with pytest.raises(ValidationFailed) as error:
        evaluation_record(
            actor=officer,
            designation=designation,
            kind="interim",
            panel_totals=["80", "90"],
            outcome="conditions",
            reasons="거버넌스 보완 필요",
            now=datetime(2026, 11, 20, 10, 0, tzinfo=SEOUL),
        )
    assert {p.code for p in error.value.problems} == {"not_due", "required", "too_few_reviewers"}
    assert Evaluation.objects.count() == 0
    evaluation = evaluation_record(
        actor=officer,
        designation=designation,
        kind="interim",
        panel_totals=["80", "90", "70", "85"],
        outcome="conditions",
        reasons="거버넌스 보완 필요",
        conditions="운영위원회 분기 개최",
        now=year_three,
    )
    # The trimmed mean drops 90 and 70: (80 + 85) / 2
    assert (evaluation.score, evaluation.programme_year, evaluation.outcome) == (
        Decimal("82.50"),
        3,
        "conditions",
    )
    with pytest.raises(PermissionDenied):
        evaluation_record(
            actor=world.user("school_staff_a"),
            designation=designation,
            kind="final",
            panel_totals=["80", "90", "70"],
            outcome="end",
            reasons="-",
            now=year_three,
        )
