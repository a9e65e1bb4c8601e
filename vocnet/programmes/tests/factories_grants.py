"""Designations and grants in their meaningful states, built through the services: a
selected decision designated (school A, base school, 2nd cohort), a year's grant with its plan
and a disbursement."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from vocnet.programmes.models import Application, Decision, Designation, Grant
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import application_submit
from vocnet.programmes.services.grants import (
    PlanLineInput,
    designation_create,
    disbursement_record,
    grant_open,
)
from vocnet.programmes.services.review import DecisionInput, decisions_record
from vocnet.programmes.tests.factories import DURING, published_call, ready_application
from vocnet.registry.models import Organisation

PDF = b"%PDF-1.7\n%synthetic receipt\n"
PLAN = [
    PlanLineInput("ministry", "personnel", 300_000_000),
    PlanLineInput("ministry", "equipment", 500_000_000),
    PlanLineInput("local_government", "operations", 200_000_000),
]


def receipt(name: str = "receipt.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def selected_decision(
    officer: Any, issuer: Organisation, staff: Any, lead: Organisation, partners: list[Organisation]
) -> Decision:
    """A submitted application of ``lead`` to a province call, decided ``selected``."""
    call = published_call(officer, issuer)
    application: Application = ready_application(staff, call, lead, partners)
    application_submit(actor=staff, application=application, now=DURING)
    [decision] = decisions_record(
        actor=officer,
        call=call,
        decisions=[DecisionInput(application.pk, "selected", "교육플랜·거버넌스 우수")],
        now=datetime(2025, 6, 30, 10, 0, tzinfo=SEOUL),
    )
    return decision


def designation_of(officer: Any, decision: Decision) -> Designation:
    return designation_create(actor=officer, decision=decision, role="base", cohort=2)


def grant_of(officer: Any, designation: Designation, disbursed: int = 400_000_000) -> Grant:
    """The 2025 grant with ``PLAN`` and one ministry disbursement of ``disbursed`` KRW."""
    grant = grant_open(actor=officer, designation=designation, fiscal_year=2025, plan=PLAN)
    if disbursed:
        disbursement_record(
            actor=officer,
            grant=grant,
            source="ministry",
            disbursed_on=date(2025, 8, 1),
            amount_krw=disbursed,
        )
    return grant
