"""Permission-matrix rows of the programmes API."""

from __future__ import annotations

from datetime import datetime

from vocnet.programmes.models import (
    Application,
    ApplicationVersion,
    Call,
    ConflictDeclaration,
    Decision,
    Designation,
    Disbursement,
    Evaluation,
    Event,
    EventRegistration,
    Grant,
    KpiResult,
    Objection,
    PerformanceReport,
    ReviewerAssignment,
    RubricItem,
    Score,
    Settlement,
    Spending,
    StageResult,
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


def _call(world: World) -> None:
    """Row hook: the published province call of ``_application``, as ``call_a``."""
    _application(world)
    world.objects["call_a"] = world.objects["application_a"].call


def _draft_call(world: World) -> None:
    """Row hook: a draft call of the province (its officer manages it), and its first rubric
    item."""
    if "draft_call" in world.objects:
        return
    from vocnet.programmes.tests.factories import draft_call

    officer = world.user("province_officer")
    call = draft_call(
        officer,
        officer.memberships.get().organisation,
        kind_code="gg_regional_winwin",
        title="2026 경기협약형 특성화고 공모(작성 중)",
        year=2026,
    )
    world.objects["draft_call"] = call
    world.objects["rubric_item"] = call.rubric_items.first()
    world.objects["required_document"] = call.documents.last()


def _call_payload(world: World) -> dict[str, object]:
    officer = world.user("province_officer")
    return {
        "kind_code": "gg_regional_winwin",
        "year": 2027,
        "title": "2027 경기협약형 특성화고 공모",
        "issuing_organisation_id": officer.memberships.get().organisation_id,
        "opens_at": "2027-03-02T09:00:00+09:00",
        "closes_at": "2027-04-30T18:00:00+09:00",
        "quota": 3,
        "is_blind": True,
        "aggregation": "trimmed_mean",
    }


def _plan_upload(world: World) -> tuple[str, bytes]:
    from vocnet.programmes.tests.factories import pdf_bytes

    return ("plan.pdf", pdf_bytes(3))


REVIEWER = frozenset({"university_staff"})


def _review(world: World) -> None:
    """Row hook: school A's application submitted; the university's staff member reviews
    stage 1 (their organisation is no party) and scored it at 70 %."""
    if "assignment_1" in world.objects:
        return
    _application(world)
    from decimal import Decimal

    from vocnet.programmes.services import application_submit
    from vocnet.programmes.services.review import ItemScoreInput, reviewer_assign, scores_submit

    application = world.objects["application_a"]
    application_submit(actor=world.user("school_staff_a"), application=application)
    application.refresh_from_db()
    stage = application.call.stages.get(number=1)
    reviewer = world.user("university_staff")
    assignment = reviewer_assign(
        actor=world.user("province_officer"),
        stage=stage,
        user=reviewer,
        organisation_id=reviewer.memberships.get().organisation_id,
        is_external=False,
    )
    scores_submit(
        actor=reviewer,
        assignment=assignment,
        application=application,
        scores=[
            ItemScoreInput(item.code, item.max_points * Decimal("0.7"), "근거 의견")
            for item in application.call.rubric_items.all()
        ],
    )
    world.objects.update({"stage_1": stage, "assignment_1": assignment})


def _decided(world: World) -> None:
    """Row hook: stage 1 closed and school A's application nominated."""
    if "decision_a" in world.objects:
        return
    _review(world)
    from vocnet.programmes.services.review import DecisionInput, decisions_record, stage_close

    officer = world.user("province_officer")
    stage_close(actor=officer, stage=world.objects["stage_1"])
    application = world.objects["application_a"]
    world.objects["decision_a"] = decisions_record(
        actor=officer,
        call=application.call,
        decisions=[DecisionInput(application.pk, "nominated", "서면평가 1위")],
    )[0]


def _review_call(world: World) -> None:
    """Row hook: ``_review`` with the call as ``call_a``."""
    _review(world)
    _call(world)


def _ministry_not_selected(world: World) -> None:
    """Row hook: ``_decided`` (school A nominated by the province) and the Ministry's call,
    to which the province call nominates, where school A was not selected."""
    if "ministry_call" in world.objects:
        return
    _decided(world)
    from vocnet.programmes.models import Call as CallModel
    from vocnet.programmes.services import application_submit
    from vocnet.programmes.services.review import DecisionInput, decisions_record
    from vocnet.programmes.tests.factories import DURING, published_call, ready_application
    from vocnet.registry.models import OrganisationKind, Role
    from vocnet.registry.tests import factories as f

    ministry = f.OrganisationFactory(kind=OrganisationKind.MINISTRY, name_ko="교육부")
    officer = f.UserFactory(username="ministry_officer")
    f.MembershipFactory(user=officer, organisation=ministry, role=Role.MINISTRY_OFFICER)
    call = published_call(officer, ministry)
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, world.school_a.organisation, [])
    application_submit(actor=staff, application=application, now=DURING)
    decisions_record(
        actor=officer,
        call=call,
        decisions=[DecisionInput(application.pk, "not_selected", "정원 초과")],
        now=DURING,
    )
    CallModel.objects.filter(pk=world.objects["application_a"].call_id).update(nominates_to=call)
    world.objects["ministry_call"] = call


def _scores_payload(world: World) -> dict[str, object]:
    application = world.objects["application_a"]
    return {
        "application_id": application.pk,
        "scores": [
            {"item_code": item.code, "points": str(item.max_points), "comment": "우수"}
            for item in application.call.rubric_items.all()
        ],
    }


ROWS: list[Row] = [
    Row(
        "POST",
        "/api/programmes/stages/{stage_id}/reviewers",
        "stage_1",
        PROVINCE,
        payload=lambda world: {
            "user_id": world.user("support_office_officer").pk,
            "is_external": False,
        },
        prepare=_review,
    ),
    Row("GET", "/api/programmes/assignments", None, SIGNED_IN, prepare=_review),
    Row(
        "GET",
        "/api/programmes/assignments/{assignment_id}/applications",
        "assignment_1",
        REVIEWER,
        prepare=_review,
    ),
    Row(
        "POST",
        "/api/programmes/assignments/{assignment_id}/conflicts",
        "assignment_1",
        REVIEWER,
        payload=lambda world: {
            "application_id": world.objects["application_a"].pk,
            "has_conflict": False,
        },
        prepare=_review,
    ),
    Row(
        "PUT",
        "/api/programmes/assignments/{assignment_id}/scores",
        "assignment_1",
        REVIEWER,
        payload=_scores_payload,
        prepare=_review,
    ),
    Row("POST", "/api/programmes/stages/{stage_id}/close", "stage_1", PROVINCE, prepare=_review),
    Row("GET", "/api/programmes/stages/{stage_id}/results", "stage_1", PROVINCE, prepare=_review),
    Row(
        "POST",
        "/api/programmes/calls/{call_id}/decisions",
        "call_a",
        PROVINCE,
        payload=lambda world: {
            "decisions": [
                {
                    "application_id": world.objects["application_a"].pk,
                    "outcome": "nominated",
                    "reasons": "서면평가 1위",
                }
            ]
        },
        prepare=_review_call,
    ),
    Row(
        "POST",
        "/api/programmes/decisions/{decision_id}/pilot",
        "decision_a",
        PROVINCE,
        payload=lambda world: {"reasons": "교육부 미선정: 경기협약형 1년 시범 운영"},
        prepare=_ministry_not_selected,
    ),
    Row(
        "GET",
        "/api/programmes/applications/{application_id}/feedback",
        "application_a",
        A_APPLICATION,
        prepare=_decided,
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/objections",
        "application_a",
        A_LEAD,
        payload=lambda world: {"text": "거버넌스 점수 재검토 요청"},
        prepare=_decided,
    ),
    Row(
        "POST",
        "/api/programmes/calls/{call_id}/applications",
        "call_a",
        frozenset({"school_staff_b"}),
        payload=lambda world: {
            "lead_organisation_id": world.school_b.organisation.pk,
            "title": "B고 경기협약형 신청",
            "partner_organisation_ids": [world.company_a.organisation.pk],
        },
        prepare=_call,
    ),
    Row(
        "PUT",
        "/api/programmes/applications/{application_id}/content",
        "application_a",
        A_LEAD,
        payload=lambda world: {"vision": "지역과 함께 크는 미래차 인재", "kpis": []},
        prepare=_application,
    ),
    Row(
        "POST",
        "/api/programmes/applications/{application_id}/documents",
        "application_a",
        A_LEAD,
        upload=_plan_upload,
        prepare=_application,
    ),
    Row(
        "POST",
        "/api/programmes/calls",
        None,
        PROVINCE,
        payload=_call_payload,
        prepare=_draft_call,
    ),
    Row("GET", "/api/programmes/calls/{call_id}", "draft_call", PROVINCE, prepare=_draft_call),
    Row(
        "PUT",
        "/api/programmes/calls/{call_id}",
        "draft_call",
        PROVINCE,
        payload=_call_payload,
        prepare=_draft_call,
    ),
    Row(
        "POST",
        "/api/programmes/calls/{call_id}/publish",
        "draft_call",
        PROVINCE,
        prepare=_draft_call,
    ),
    Row(
        "GET",
        "/api/programmes/calls/{call_id}/rubric",
        "draft_call",
        PROVINCE,
        prepare=_draft_call,
    ),
    Row(
        "PATCH",
        "/api/programmes/rubric-items/{item_id}",
        "rubric_item",
        PROVINCE,
        payload=lambda world: {"name_ko": "비전과 지역 산업 연계", "max_points": "12"},
        prepare=_draft_call,
    ),
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

COUNTED = (
    Call,
    RubricItem,
    Application,
    ApplicationVersion,
    ReviewerAssignment,
    ConflictDeclaration,
    Score,
    StageResult,
    Decision,
    Objection,
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
    world.objects["registration_a"] = registration_create(
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
