"""Permission-matrix rows of the programmes API."""

from __future__ import annotations

from datetime import datetime

from vocnet.programmes.models import (
    Application,
    ApplicationVersion,
    Designation,
    Disbursement,
    Evaluation,
    Event,
    EventRegistration,
    Grant,
    KpiResult,
    PerformanceReport,
    Settlement,
    Spending,
)
from vocnet.programmes.rules import SEOUL
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

# School A's application to the province's call, with the city and company A; the province
# officer manages the call. No other school, the university and the support office see it.
A_APPLICATION = frozenset(
    {"province_officer", "school_staff_a", "company_staff", "local_government_officer"}
)
A_LEAD = frozenset({"school_staff_a"})


def _application(world: World) -> None:
    """Row hook: a published province call open now, and school A's complete draft."""
    if "application_a" in world.objects:
        return
    from vocnet.programmes.tests.factories import published_call, ready_application

    def organisation(persona: str) -> object:
        return world.user(persona).memberships.get().organisation

    officer = world.user("province_officer")
    call = published_call(
        officer,
        organisation("province_officer"),  # type: ignore[arg-type]
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )
    world.objects["application_a"] = ready_application(
        world.user("school_staff_a"),
        call,
        world.school_a.organisation,
        [organisation("local_government_officer"), world.company_a.organisation],  # type: ignore[list-item]
    )


ROWS: list[Row] = [
    Row("GET", "/api/programmes/calls", None, SIGNED_IN, prepare=_application),
    Row(
        "GET",
        "/api/programmes/applications/{application_id}",
        "application_a",
        A_APPLICATION,
        prepare=_application,
    ),
    Row(
        "GET",
        "/api/programmes/applications",
        None,
        SIGNED_IN,
        prepare=_application,
        visible={
            persona: ({"application_a"} if persona in A_APPLICATION else set())
            for persona in SIGNED_IN
        },
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/withdraw",
        "application_a",
        A_LEAD,
        payload=lambda world: {"reason": "컨소시엄 재구성"},
        prepare=_application,
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/submit",
        "application_a",
        A_LEAD,
        prepare=_application,
    ),
]


def _grant(world: World) -> None:
    """Row hook: school A's application submitted, selected, designated (base school), its
    2025 grant with 400,000,000 KRW disbursed from the ministry and one spending record."""
    if "grant_a" in world.objects:
        return
    from datetime import date

    from vocnet.programmes.services import application_submit
    from vocnet.programmes.services.accountability import report_publish
    from vocnet.programmes.services.events import EventInput, event_create, registration_create
    from vocnet.programmes.services.grants import SpendingInput, spending_record
    from vocnet.programmes.services.review import DecisionInput, decisions_record
    from vocnet.programmes.tests.factories_grants import designation_of, grant_of, receipt

    _application(world)
    application = world.objects["application_a"]
    officer, staff = world.user("province_officer"), world.user("school_staff_a")
    application_submit(actor=staff, application=application)
    [decision] = decisions_record(
        actor=officer,
        call=application.call,
        decisions=[DecisionInput(application.pk, "selected", "우수")],
    )
    designation = designation_of(officer, decision)
    grant = grant_of(officer, designation)
    world.objects["decision_a"] = decision
    world.objects["designation_a"] = designation
    world.objects["grant_a"] = grant
    world.objects["spending_a"] = spending_record(
        actor=staff,
        grant=grant,
        data=SpendingInput("ministry", "equipment", date(2025, 9, 1), 1_000_000, "장비"),
        evidence=receipt(),
    )
    world.objects["report_a"] = report_publish(
        actor=staff, designation=designation, year=2025, summary="첫해 운영"
    )
    organiser = officer.memberships.get().organisation
    # A launch ceremony inviting the consortium, and a briefing open to everyone.
    world.objects["event_a"] = event_create(
        actor=officer,
        data=EventInput(
            kind="launch",
            title="발대식",
            starts_at=datetime(2099, 7, 22, 14, 0, tzinfo=SEOUL),
            ends_at=datetime(2099, 7, 22, 16, 0, tzinfo=SEOUL),
            place="시흥미래공업고",
            organiser_id=organiser.pk,
            designation_ids=[designation.pk],
            invited_ids=[application.lead_organisation_id],
        ),
    )
    world.objects["event_open"] = event_create(
        actor=officer,
        data=EventInput(
            kind="briefing",
            title="공모 설명회",
            starts_at=datetime(2099, 2, 1, 14, 0, tzinfo=SEOUL),
            ends_at=datetime(2099, 2, 1, 16, 0, tzinfo=SEOUL),
            place="경기도교육청",
            organiser_id=organiser.pk,
        ),
    )
    registration_create(
        actor=staff,
        event=world.objects["event_a"],
        name="교사",
        organisation_id=application.lead_organisation_id,
    )


ROWS += [
    Row(
        "GET",
        "/api/programmes/designations",
        None,
        SIGNED_IN,
        prepare=_grant,
        visible={
            persona: ({"designation_a"} if persona in A_APPLICATION else set())
            for persona in SIGNED_IN
        },
    ),
    Row("GET", "/api/programmes/execution", None, SIGNED_IN, prepare=_grant),
    Row(
        "POST",
        "/api/programmes/grants/{grant_id}/disbursements",
        "grant_a",
        PROVINCE,
        payload=lambda world: {
            "source": "ministry",
            "disbursed_on": "2025-09-01",
            "amount_krw": 1000,
        },
        prepare=_grant,
    ),
]

ROWS += [
    Row(
        "GET",
        "/api/programmes/events",
        None,
        SIGNED_IN,
        prepare=_grant,
        visible={persona: {"event_a", "event_open"} for persona in SIGNED_IN},
    ),
    Row(
        "POST",
        "/api/programmes/events/{event_id}/registrations",
        "event_open",
        SIGNED_IN,
        payload=lambda world: {"name": "참가자"},
        prepare=_grant,
    ),
]

COUNTED = (
    Application,
    ApplicationVersion,
    Designation,
    Grant,
    Disbursement,
    Spending,
    Settlement,
    KpiResult,
    PerformanceReport,
    Evaluation,
    Event,
    EventRegistration,
)
