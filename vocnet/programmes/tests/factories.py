"""Calls and applications in their meaningful states, built through the services (so the
rubric, stages, documents and the draft agreement are the ones a real call gets)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from vocnet.programmes.models import Application, Call
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import (
    ApplicationContent,
    ApplicationInput,
    BudgetInput,
    CallInput,
    ConsortiumPartyInput,
    KpiInput,
    application_attach_document,
    application_create_draft,
    application_save,
    call_create,
    call_publish,
)
from vocnet.registry.models import Organisation

# The Ministry's 2nd call of 2025: 2025-02-06 – 2025-04-24 (seoul.co.kr). The closing minute
# is vocnet's assumption (18:00 KST) for the tests.
OPENS = datetime(2025, 2, 6, 9, 0, tzinfo=SEOUL)
CLOSES = datetime(2025, 4, 24, 18, 0, tzinfo=SEOUL)
DURING = datetime(2025, 3, 10, 10, 0, tzinfo=SEOUL)


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of ``pages`` blank A4 pages (its pages are counted on upload)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf(name: str = "plan.pdf", content: bytes | None = None, pages: int = 1) -> SimpleUploadedFile:
    data = pdf_bytes(pages) if content is None else content
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def call_input(issuer: Organisation, **overrides: Any) -> CallInput:
    values: dict[str, Any] = {
        "kind_code": "moe_agreement_school",
        "year": 2025,
        "round_number": 2,
        "title": "2025년 협약형 특성화고 2차 공모",
        "issuing_organisation_id": issuer.pk,
        "opens_at": OPENS,
        "closes_at": CLOSES,
        "quota": 10,
    }
    values.update(overrides)
    return CallInput(**values)


def draft_call(officer: Any, issuer: Organisation, **overrides: Any) -> Call:
    return call_create(actor=officer, data=call_input(issuer, **overrides))


def published_call(officer: Any, issuer: Organisation, **overrides: Any) -> Call:
    return call_publish(actor=officer, call=draft_call(officer, issuer, **overrides))


def draft_application(
    staff: Any,
    call: Call,
    lead: Organisation,
    partners: list[Organisation],
    now: datetime = DURING,
) -> Application:
    return application_create_draft(
        actor=staff,
        data=ApplicationInput(
            call_id=call.pk,
            lead_organisation_id=lead.pk,
            title=f"{lead.name_ko} 협약형 특성화고 육성계획",
            partners=[ConsortiumPartyInput(p.pk) for p in partners],
        ),
        now=now,
    )


def complete_content(years: int = 5) -> ApplicationContent:
    return ApplicationContent(
        vision="지역 미래차 산업을 이끄는 인재를 기른다.",
        governance_rhythm="분기 1회",
        infrastructure_plan="미래차 실습동 구축",
        path_employment="지역 기업 채용 연계",
        path_growth="재직자 특별전형 연계",
        path_settlement="시흥시 정주 지원",
        pillar_plans={"industry_linkage": "기업 연계 교육과정"},
        budget=[
            BudgetInput(year, "ministry", "operations", 700_000_000) for year in range(1, years + 1)
        ],
        kpis=[KpiInput("지역 취업률", "%", [40, 45, 50, 55, 60][:years])],
    )


def ready_application(
    staff: Any,
    call: Call,
    lead: Organisation,
    partners: list[Organisation],
    now: datetime = DURING,
) -> Application:
    """A draft with every section and every required document: ready to submit (``now``:
    a moment within the call's window)."""
    application = draft_application(staff, call, lead, partners, now)
    application_save(
        actor=staff,
        application=application,
        content=complete_content(call.duration_years),
        now=now,
    )
    application_attach_document(
        actor=staff,
        application=application,
        requirement_code="agreement",
        upload=pdf("a.pdf"),
        now=now,
    )
    application_attach_document(
        actor=staff,
        application=application,
        requirement_code="development_plan",
        upload=pdf(pages=30),
        now=now,
    )
    application.refresh_from_db()
    return application
