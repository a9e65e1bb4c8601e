"""Applications: drafting with the consortium's draft agreement, saving, documents, submitting
before the deadline (to the minute, Asia/Seoul), freezing, withdrawing — and bad input."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from vocnet.agreements.models import Agreement, AgreementParty
from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.programmes.models import (
    Application,
    ApplicationDocument,
    ApplicationParty,
    ApplicationVersion,
    BudgetLine,
    Kpi,
)
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import (
    ApplicationContent,
    BudgetInput,
    KpiInput,
    application_attach_document,
    application_save,
    application_submit,
    application_withdraw,
)
from vocnet.programmes.tests.factories import (
    CLOSES,
    DURING,
    draft_application,
    pdf,
    published_call,
    ready_application,
)
from vocnet.registry.models import Organisation
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(ministry: Any) -> Any:
    organisation, officer = ministry
    return published_call(officer, organisation)


def _rows() -> tuple[int, ...]:
    return (
        Application.objects.count(),
        ApplicationParty.objects.count(),
        Agreement.objects.count(),
        ApplicationVersion.objects.count(),
        ApplicationDocument.objects.count(),
        BudgetLine.objects.count(),
        Kpi.objects.count(),
    )


def test_lead_school_drafts_an_application_with_its_consortium_and_a_draft_agreement(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    # given school A's staff and a published Ministry call
    staff = world.user("school_staff_a")
    # when they draft an application with the city, the company and the education office
    application = draft_application(
        staff, call, orgs["school_a"], [orgs["city"], orgs["company_a"], orgs["education_office"]]
    )
    # then the consortium is recorded and the agreement exists as a draft with the same parties
    assert application.status == "draft"
    assert application.blind_code == "A-01"
    assert list(application.parties.values_list("organisation__name_ko", "role")) == [
        ("시흥미래공업고등학교", "lead"),
        ("시흥시", "member"),
        (orgs["company_a"].name_ko, "member"),
        ("경기도교육청", "member"),
    ]
    agreement = application.agreement
    assert agreement is not None
    assert agreement.status == "draft"
    assert agreement.kind.code == "moe_agreement_consortium"
    assert (agreement.start_date.isoformat(), agreement.end_date.isoformat()) == (
        "2026-03-01",
        "2031-02-28",
    )
    assert set(
        AgreementParty.objects.filter(version__agreement=agreement).values_list(
            "organisation_id", flat=True
        )
    ) == set(application.parties.values_list("organisation_id", flat=True))


def test_other_schools_staff_cannot_draft_for_school_a(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    with pytest.raises(PermissionDenied):
        draft_application(world.user("school_staff_b"), call, orgs["school_a"], [])
    assert _rows() == (0, 0, 0, 0, 0, 0, 0)


def test_drafting_after_the_window_closed_is_refused_citing_the_window(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    from vocnet.programmes.services import ApplicationInput, application_create_draft

    # when school A starts an application one minute after the deadline
    with pytest.raises(ValidationFailed) as caught:
        application_create_draft(
            actor=world.user("school_staff_a"),
            data=ApplicationInput(call.pk, orgs["school_a"].pk, "늦은 신청"),
            now=CLOSES + timedelta(minutes=1),
        )
    # then the error cites the call's window in Seoul time; nothing written
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("call_id", "after_deadline")
    assert "2025-02-06 09:00 – 2025-04-24 18:00 (Asia/Seoul)" in problem.message_ko
    assert "Window: 2025-02-06 09:00 – 2025-04-24 18:00" in problem.message_en
    assert _rows() == (0, 0, 0, 0, 0, 0, 0)


def test_submitting_with_a_missing_required_document_is_refused_and_nothing_is_written(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    # given a draft with its sections but no development plan
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, orgs["school_a"], [orgs["city"]])
    application_attach_document(
        actor=staff,
        application=application,
        requirement_code="agreement",
        upload=pdf("a.pdf"),
        now=DURING,
    )
    before = _rows()
    audits = AuditEvent.objects.count()
    # when it is submitted
    with pytest.raises(ValidationFailed) as caught:
        application_submit(actor=staff, application=application, now=DURING)
    # then the missing document is named (and the empty sections); nothing written
    fields = [(p.field, p.code) for p in caught.value.problems]
    assert ("documents.development_plan", "missing_document") in fields
    assert ("vision", "required") in fields
    assert "육성계획서" in caught.value.problems[0].message_ko
    assert _rows() == before
    assert AuditEvent.objects.count() == audits
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_complete_application_submitted_before_the_deadline_is_frozen_in_version_1(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, orgs["school_a"], [orgs["city"]])
    # when submitted in the last second before 18:00 KST
    last_second = datetime(2025, 4, 24, 17, 59, 59, tzinfo=SEOUL)
    version = application_submit(actor=staff, application=application, now=last_second)
    # then version 1 holds the content, and the application is frozen
    application.refresh_from_db()
    assert (application.status, version.number) == ("submitted", 1)
    assert version.snapshot["vision"] == "지역 미래차 산업을 이끄는 인재를 기른다."
    assert [d["code"] for d in version.snapshot["documents"]] == ["agreement", "development_plan"]
    assert sum(b["amount_krw"] for b in version.snapshot["budget"]) == 3_500_000_000
    with pytest.raises(ValidationFailed) as caught:
        application_save(
            actor=staff, application=application, content=ApplicationContent(vision="x"), now=DURING
        )
    assert caught.value.problems[0].code == "frozen"
    application.refresh_from_db()
    assert application.vision == "지역 미래차 산업을 이끄는 인재를 기른다."


def test_submitting_at_the_closing_minute_is_late_and_nothing_is_written(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, orgs["school_a"], [orgs["city"]])
    before = _rows()
    with pytest.raises(ValidationFailed) as caught:
        application_submit(actor=staff, application=application, now=CLOSES + timedelta(seconds=30))
    assert (caught.value.problems[0].field, caught.value.problems[0].code) == (
        "submitted_at",
        "after_deadline",
    )
    assert _rows() == before
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_plan_over_30_pages_is_refused_naming_the_rule(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, orgs["school_a"], [])
    with pytest.raises(ValidationFailed) as caught:
        application_attach_document(
            actor=staff,
            application=application,
            requirement_code="development_plan",
            upload=pdf(pages=31),
            now=DURING,
        )
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("page_count", "too_many_pages")
    assert "최대 30쪽" in problem.message_ko
    assert "at most 30 pages" in problem.message_en
    assert ApplicationDocument.objects.count() == 0


def test_a_renamed_executable_is_refused_as_a_document(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, orgs["school_a"], [])
    with pytest.raises(ValidationFailed) as caught:
        application_attach_document(
            actor=staff,
            application=application,
            requirement_code="agreement",
            upload=pdf("agreement.pdf", b"MZ\x90\x00 not a pdf"),
            now=DURING,
        )
    assert caught.value.problems[0].field == "file"
    assert ApplicationDocument.objects.count() == 0


def test_budget_and_kpis_out_of_the_programme_years_are_refused(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, orgs["school_a"], [])
    with pytest.raises(ValidationFailed) as caught:
        application_save(
            actor=staff,
            application=application,
            content=ApplicationContent(
                budget=[BudgetInput(6, "ministry", "operations", 1)],
                kpis=[KpiInput("취업률", "%", [1, 2, 3])],
            ),
            now=DURING,
        )
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("budget[0].year_index", "year_out_of_range"),
        ("kpis[0].targets", "wrong_year_count"),
    ]
    assert (BudgetLine.objects.count(), Kpi.objects.count()) == (0, 0)


def test_withdrawal_is_recorded_and_the_versions_kept(
    world: World, orgs: dict[str, Organisation], call: Any
) -> None:
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, orgs["school_a"], [])
    application_submit(actor=staff, application=application, now=DURING)
    application_withdraw(actor=staff, application=application, reason="컨소시엄 재구성", now=DURING)
    application.refresh_from_db()
    assert (application.status, application.withdrawal_reason) == ("withdrawn", "컨소시엄 재구성")
    assert application.versions.count() == 1
    assert AuditEvent.objects.filter(action="programmes.application.withdraw").count() == 1
