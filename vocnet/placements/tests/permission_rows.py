"""Permission-matrix rows of the field-training API (vocnet.placements).

The world's company A and school A are in region A (시흥, the support office's region); company
B and school B in region B (수원). Student A (the student persona, whose guardian is the
guardian persona) is placed on company A's offer, student B on company B's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from vocnet.placements.consent import ITEM_CODES as CONSENT_ITEMS
from vocnet.placements.models import (
    ContractSignature,
    ContractVersion,
    Evaluation,
    FieldTrainingOffer,
    HostInspection,
    HostVetting,
    HoursEntry,
    IncidentReport,
    MonitoringVisit,
    Placement,
    PlacementContract,
    PlacementStatus,
    SeriousAccident,
)
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

VETTERS_A = frozenset({"province_officer", "support_office_officer"})
COMPANY_A = frozenset({"province_officer", "company_staff"})
SCHOOL_A = frozenset({"province_officer", "school_staff_a"})
ACTS_ON_A = frozenset({"province_officer", "school_staff_a", "company_staff"})
SEES_PLACEMENT_A = frozenset(
    {"province_officer", "support_office_officer", "school_staff_a", "company_staff", "student",
     "guardian"}
)  # fmt: skip
SIGNS_A = frozenset({"school_staff_a", "company_staff", "student", "guardian"})
NOBODY: dict[str, set[str]] = {"local_government_officer": set(), "university_staff": set()}

VETTINGS_VISIBLE = {
    "province_officer": {"vetting_a", "vetting_b"},
    "support_office_officer": {"vetting_a"},
    "school_staff_a": {"vetting_a", "vetting_b"},
    "school_staff_b": {"vetting_a", "vetting_b"},
    "company_staff": {"vetting_a"},
    "student": set(),
    "guardian": set(),
    **NOBODY,
}
OFFERS_VISIBLE = {
    "province_officer": {"offer_a", "offer_b", "draft_a", "draft_b"},
    "support_office_officer": {"offer_a", "draft_a"},
    "school_staff_a": {"offer_a", "offer_b"},
    "school_staff_b": {"offer_a", "offer_b"},
    "company_staff": {"offer_a", "draft_a"},
    "student": {"offer_a", "offer_b"},
    "guardian": {"offer_a", "offer_b"},
    **NOBODY,
}
PLACEMENTS_VISIBLE = {
    "province_officer": {"placement_a", "placement_b"},
    "support_office_officer": {"placement_a"},
    "school_staff_a": {"placement_a"},
    "school_staff_b": {"placement_b"},
    "company_staff": {"placement_a"},
    "student": {"placement_a"},
    "guardian": {"placement_a"},
    **NOBODY,
}

INCIDENTS_VISIBLE = {
    "province_officer": {"incident_a", "incident_b"},
    "support_office_officer": {"incident_a"},
    "school_staff_a": {"incident_a"},
    "school_staff_b": {"incident_b"},
    "company_staff": set(),
    "student": {"incident_a"},
    "guardian": {"incident_a"},
    **NOBODY,
}

VETTING = "/api/placements/vettings/{vetting_id}"
OFFER = "/api/placements/offers/{offer_id}"
PLACEMENT = "/api/placements/placements/{placement_id}"
CONTRACT = "/api/placements/contracts/{contract_id}"


def _base(world: World) -> None:
    """Row hook: both companies vetted, each with a published offer and a draft; student A
    placed on offer A and student B on offer B, each with a drafted contract; and one more
    unplaced student per school in the offers' field."""
    if "offer_a" in world.objects:
        return
    from vocnet.placements.tests import factories as pf
    from vocnet.registry.tests import factories as rf

    vetting_a = pf.ApprovedVettingFactory(company=world.company_a)
    vetting_b = pf.ApprovedVettingFactory(company=world.company_b)
    offer_a = pf.PublishedOfferFactory(company=world.company_a)
    offer_b = pf.PublishedOfferFactory(company=world.company_b)
    placement_a = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    placement_b = pf.PlacementFactory(offer=offer_b, student=world.student_b)
    world.objects.update(
        {
            "vetting_a": vetting_a,
            "vetting_b": vetting_b,
            "offer_a": offer_a,
            "offer_b": offer_b,
            "draft_a": pf.DraftOfferFactory(company=world.company_a),
            "draft_b": pf.DraftOfferFactory(company=world.company_b),
            "placement_a": placement_a,
            "placement_b": placement_b,
            "contract_a": pf.drafted_contract(placement_a, world.user("school_staff_a")),
            "contract_b": pf.drafted_contract(placement_b, world.user("school_staff_b")),
            "student_a2": rf.StudentFactory(department=world.objects["department_a"], grade=3),
            "student_b2": rf.StudentFactory(department=world.objects["department_b"], grade=3),
        }
    )


def _applications(world: World) -> None:
    """Row hook: the unplaced student of each school applied to its school's offer
    (student A2 to company A's, student B2 to company B's)."""
    _base(world)
    if "application_a" in world.objects:
        return
    from vocnet.placements.models import PlacementApplication

    for key in ("a", "b"):
        world.objects[f"application_{key}"] = PlacementApplication.objects.create(
            offer=world.objects[f"offer_{key}"], student=world.objects[f"student_{key}2"]
        )


def _open_vettings(world: World) -> None:
    """Row hook: an inspected application of each company (every checklist item met)."""
    _base(world)
    if "open_a" in world.objects:
        return
    from vocnet.placements.tests import factories as pf

    world.objects["open_a"] = pf.InspectionFactory(vetting__company=world.company_a).vetting
    world.objects["open_b"] = pf.InspectionFactory(vetting__company=world.company_b).vetting


def _lifecycle(world: World) -> None:
    """Row hook: placements of school A's students at company A in each state an action needs:
    matched without a contract, contracted on an offer starting today, in progress on an
    offer that ended yesterday."""
    _base(world)
    if "uncontracted_a" in world.objects:
        return
    from vocnet.placements.tests import factories as pf
    from vocnet.registry.tests import factories as rf

    today = timezone.localdate()
    department = world.objects["department_a"]

    def student() -> Any:
        return rf.StudentFactory(department=department)

    starting = pf.PublishedOfferFactory(
        company=world.company_a, start_date=today, end_date=today + timedelta(days=30)
    )
    ended = pf.PublishedOfferFactory(
        company=world.company_a,
        start_date=today - timedelta(days=30),
        end_date=today - timedelta(days=1),
    )
    contracted = pf.PlacementFactory(offer=starting, student=student())
    pf.signed_contract(contracted, world.user("school_staff_a"))
    pf.safety_educated(contracted)
    world.objects.update(
        {
            "uncontracted_a": pf.PlacementFactory(
                offer=world.objects["offer_a"], student=student()
            ),
            "contracted_a": contracted,
            "in_progress_a": pf.PlacementFactory(
                offer=ended, student=student(), status=PlacementStatus.IN_PROGRESS
            ),
        }
    )


def _running(world: World) -> None:
    """Row hook: students A and B in training at companies A and B since a Monday three weeks
    ago, with a diary day and a report each; and an earlier, completed placement of student A."""
    if "running_a" in world.objects:
        return
    from vocnet.placements.models import IncidentKind, IncidentLevel
    from vocnet.placements.tests import factories as pf

    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 21)
    objects: dict[str, Any] = {}
    for key, company, student in (
        ("a", world.company_a, world.student_a),
        ("b", world.company_b, world.student_b),
    ):
        offer = pf.PublishedOfferFactory(
            company=company, start_date=monday, end_date=monday + timedelta(days=60)
        )
        running = pf.PlacementFactory(
            offer=offer, student=student, status=PlacementStatus.IN_PROGRESS
        )
        entry = HoursEntry.objects.create(
            placement=running,
            day=monday + timedelta(days=1),
            start=time(9),
            end=time(17),
            break_minutes=60,
            minutes=420,
        )
        objects[f"running_{key}"] = running
        objects[f"entry_{key}"] = entry
        objects[f"incident_{key}"] = IncidentReport.objects.create(
            placement=running,
            kind=IncidentKind.GRIEVANCE,
            description="고충",
            level=IncidentLevel.SCHOOL,
            response_due=timezone.now() + timedelta(days=3),
        )
    ended = pf.PublishedOfferFactory(
        company=world.company_a,
        start_date=monday - timedelta(days=70),
        end_date=monday - timedelta(days=10),
    )
    objects["completed_a"] = pf.PlacementFactory(
        offer=ended, student=world.student_a, status=PlacementStatus.COMPLETED
    )
    world.objects.update(objects)


def _diary_day(world: World) -> dict[str, Any]:
    day = world.objects["running_a"].offer.start_date + timedelta(days=8)
    return {"day": day.isoformat(), "start": "09:00", "end": "17:00", "break_minutes": 60}


def _leave_day(world: World) -> dict[str, Any]:
    day = world.objects["running_a"].offer.start_date + timedelta(days=9)
    return {"day": day.isoformat(), "kind": "menstrual", "note": ""}


def _safety_education(world: World) -> dict[str, Any]:
    return {
        "given_on": timezone.localdate().isoformat(),
        "given_by": "지도교사",
        "content": "산업안전보건, 노동인권",
    }


def _visit(world: World) -> dict[str, Any]:
    return {
        "visited_on": timezone.localdate().isoformat(),
        "hours_kept": True,
        "tasks_match": True,
        "safety_ok": True,
        "mentor_present": True,
        "student_wellbeing": True,
        "notes": "실습 상태 양호",
    }


def _evaluation(role: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"role": role, "rating": 4, "comment": "성실함"}


def _row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=kwargs.pop("prepare", _base), **kwargs)


def _application(company_key: str) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        return {
            "company_id": world.objects[company_key].pk,
            "host_kind": "participating",
            "person_in_charge_name": "김담당",
        }

    return build


def _inspection(world: World) -> dict[str, Any]:
    return {
        "inspected_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "teacher_name": "이지도",
        "labour_attorney_name": "박노무",
        "safety_agency_name": "안전보건공단",
        "job_field_fit": True,
        "training_conditions": True,
        "safety_and_health": True,
        "person_in_charge": True,
        "insurance": True,
    }


def _approval(world: World) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "approve": True,
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=365)).isoformat(),
    }


def _accident(company_key: str) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        return {
            "company_id": world.objects[company_key].pk,
            "occurred_on": timezone.localdate().isoformat(),
            "description": "프레스 끼임 사고",
        }

    return build


def _offer(company_key: str) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        from vocnet.placements.tests.factories import next_monday

        start = next_monday()
        return {
            "company_id": world.objects[company_key].pk,
            "title": "설비 보전 현장실습",
            "region_code": world.objects[company_key].organisation.region.sigungu_code,
            "ncs_code": "1501",
            "seats": 2,
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=53)).isoformat(),
            "allowance_krw": 1_100_000,
            "schedule": [
                {"weekday": w, "start": "09:00", "end": "17:00", "break_minutes": 60}
                for w in range(5)
            ],
            "mentor_name": "최멘토",
            "tasks": "설비 점검 보조",
            "safety_measures": "안전교육",
        }

    return build


def _apply(student_key: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"student_id": world.objects[student_key].pk, "note": "추천"}


def _interview(world: World) -> dict[str, Any]:
    held = timezone.now() - timedelta(hours=1)
    return {"interview_at": held.isoformat(), "place": "본사 회의실", "outcome": "적합"}


APPLICATIONS_VISIBLE = {
    "province_officer": {"application_a", "application_b"},
    "support_office_officer": {"application_a"},
    "school_staff_a": {"application_a"},
    "school_staff_b": {"application_b"},
    "company_staff": {"application_a"},
    "student": set(),
    "guardian": set(),
    **NOBODY,
}
APPLICATION = "/api/placements/applications/{application_id}"


def _export_placements(client: Client, world: World) -> Any:
    return client.post("/api/placements/exports/placements.xlsx", {"reason": "배치 현황 점검"})


ROWS: list[Row] = [
    _row("GET", "/api/placements/rules", None, SIGNED_IN),
    # Vetting: the vetting bodies decide; a company applies for itself.
    _row(
        "GET",
        "/api/placements/vettings",
        None,
        SIGNED_IN,
        visible=VETTINGS_VISIBLE,
        list_model="host_vetting",
    ),
    _row(
        "POST",
        "/api/placements/vettings",
        "company_a",
        frozenset({"province_officer", "support_office_officer", "company_staff"}),
        _application("company_a"),
    ),
    _row("POST", "/api/placements/vettings", "company_b", PROVINCE, _application("company_b")),
    _row(
        "GET",
        VETTING,
        "vetting_a",
        frozenset(
            {
                "province_officer",
                "support_office_officer",
                "school_staff_a",
                "school_staff_b",
                "company_staff",
            }
        ),
    ),
    _row(
        "GET",
        VETTING,
        "vetting_b",
        frozenset({"province_officer", "school_staff_a", "school_staff_b"}),
    ),
    _row(
        "POST", VETTING + "/inspections", "open_a", VETTERS_A, _inspection, prepare=_open_vettings
    ),
    _row("POST", VETTING + "/inspections", "open_b", PROVINCE, _inspection, prepare=_open_vettings),
    _row("POST", VETTING + "/decision", "open_a", VETTERS_A, _approval, prepare=_open_vettings),
    _row("POST", VETTING + "/decision", "open_b", PROVINCE, _approval, prepare=_open_vettings),
    _row("POST", "/api/placements/accidents", "company_a", VETTERS_A, _accident("company_a")),
    _row("POST", "/api/placements/accidents", "company_b", PROVINCE, _accident("company_b")),
    # Offers: a company keeps its own; schools, students and guardians read published ones.
    _row(
        "GET",
        "/api/placements/offers",
        None,
        SIGNED_IN,
        visible=OFFERS_VISIBLE,
        list_model="field_training_offer",
    ),
    _row("POST", "/api/placements/offers", "company_a", COMPANY_A, _offer("company_a")),
    _row("POST", "/api/placements/offers", "company_b", PROVINCE, _offer("company_b")),
    _row(
        "GET",
        OFFER,
        "offer_a",
        frozenset(
            {
                "province_officer",
                "support_office_officer",
                "school_staff_a",
                "school_staff_b",
                "company_staff",
                "student",
                "guardian",
            }
        ),
    ),
    _row("GET", OFFER, "draft_a", frozenset(VETTERS_A | {"company_staff"})),
    _row("GET", OFFER, "draft_b", PROVINCE),
    _row("PUT", OFFER, "draft_a", COMPANY_A, _offer("company_a")),
    _row("PUT", OFFER, "draft_b", PROVINCE, _offer("company_b")),
    _row("POST", OFFER + "/publish", "draft_a", COMPANY_A),
    _row("POST", OFFER + "/publish", "draft_b", PROVINCE),
    _row("POST", OFFER + "/close", "offer_a", COMPANY_A, lambda w: {"reason": "모집 완료"}),
    _row("POST", OFFER + "/withdraw", "draft_a", COMPANY_A, lambda w: {"reason": "계획 변경"}),
    # Applications: the school applies, the host company interviews and decides.
    _row("POST", OFFER + "/applications", "offer_a", SCHOOL_A, _apply("student_a2")),
    _row(
        "POST",
        OFFER + "/applications",
        "offer_a",
        frozenset({"province_officer", "school_staff_b"}),
        _apply("student_b2"),
    ),
    _row(
        "GET",
        "/api/placements/applications",
        None,
        SIGNED_IN,
        visible=APPLICATIONS_VISIBLE,
        list_model="placement_application",
        prepare=_applications,
    ),
    _row(
        "POST",
        APPLICATION + "/interview",
        "application_a",
        COMPANY_A,
        _interview,
        prepare=_applications,
    ),
    _row(
        "POST",
        APPLICATION + "/interview",
        "application_b",
        PROVINCE,
        _interview,
        prepare=_applications,
    ),
    _row("POST", APPLICATION + "/accept", "application_a", COMPANY_A, prepare=_applications),
    _row("POST", APPLICATION + "/accept", "application_b", PROVINCE, prepare=_applications),
    _row(
        "POST",
        APPLICATION + "/decline",
        "application_a",
        COMPANY_A,
        lambda w: {"reason": "면접 불참"},
        prepare=_applications,
    ),
    _row("POST", APPLICATION + "/withdraw", "application_a", SCHOOL_A, prepare=_applications),
    _row(
        "POST",
        APPLICATION + "/withdraw",
        "application_b",
        frozenset({"province_officer", "school_staff_b"}),
        prepare=_applications,
    ),
    _row("GET", "/api/placements/exports/offers.xlsx", None, SIGNED_IN),
    # Placements: the school, the host, the student and guardians; the office of the region.
    _row(
        "GET",
        "/api/placements/placements",
        None,
        SIGNED_IN,
        visible=PLACEMENTS_VISIBLE,
        list_model="placement",
    ),
    _row("GET", PLACEMENT, "placement_a", SEES_PLACEMENT_A),
    _row(
        "GET",
        PLACEMENT,
        "placement_b",
        frozenset({"province_officer", "school_staff_b"}),
    ),
    _row("POST", PLACEMENT + "/cancel", "placement_a", ACTS_ON_A, lambda w: {"reason": "전학"}),
    _row(
        "POST",
        PLACEMENT + "/cancel",
        "placement_b",
        frozenset({"province_officer", "school_staff_b"}),
        lambda w: {"reason": "전학"},
    ),
    _row("POST", PLACEMENT + "/start", "contracted_a", ACTS_ON_A, prepare=_lifecycle),
    _row("POST", PLACEMENT + "/complete", "in_progress_a", ACTS_ON_A, prepare=_lifecycle),
    _row(
        "POST",
        PLACEMENT + "/terminate",
        "in_progress_a",
        ACTS_ON_A,
        lambda w: {"reason": "안전 수칙 위반", "notice_on": timezone.localdate().isoformat()},
        prepare=_lifecycle,
    ),
    _row("POST", PLACEMENT + "/contract", "uncontracted_a", ACTS_ON_A, prepare=_lifecycle),
    _row(
        "POST",
        "/api/placements/exports/placements.xlsx",
        None,
        SIGNED_IN,
        send=_export_placements,
        read_only=True,
    ),
    # Contracts: read with the placement; signed by the four parties; amended by school/company.
    _row("GET", CONTRACT, "contract_a", SEES_PLACEMENT_A),
    _row("GET", CONTRACT, "contract_b", frozenset({"province_officer", "school_staff_b"})),
    # A student or guardian consents to every key item and confirms the password (ADR 0033).
    _row(
        "POST",
        CONTRACT + "/sign",
        "contract_a",
        SIGNS_A,
        lambda w: {"consents": list(CONSENT_ITEMS), "password": "correct-horse-battery-9"},
    ),
    _row(
        "POST",
        CONTRACT + "/amend",
        "contract_a",
        ACTS_ON_A,
        lambda w: {"note": "수당 인상", "allowance_krw": 1_500_000},
    ),
    _row("GET", CONTRACT + "/pdf", "contract_a", SEES_PLACEMENT_A),
    # During the placement: the diary, visits, reports (never the company's), evaluations.
    _row("GET", PLACEMENT + "/hours", "running_a", SEES_PLACEMENT_A, prepare=_running),
    _row(
        "POST",
        PLACEMENT + "/hours",
        "running_a",
        frozenset({"province_officer", "school_staff_a", "student"}),
        _diary_day,
        prepare=_running,
    ),
    _row(
        "POST",
        PLACEMENT + "/leave",
        "running_a",
        frozenset({"province_officer", "school_staff_a", "student"}),
        _leave_day,
        prepare=_running,
    ),
    _row(
        "POST", "/api/placements/hours/{entry_id}/confirm", "entry_a", COMPANY_A, prepare=_running
    ),
    _row("POST", "/api/placements/hours/{entry_id}/confirm", "entry_b", PROVINCE, prepare=_running),
    _row("GET", PLACEMENT + "/visits", "running_a", SEES_PLACEMENT_A, prepare=_running),
    _row("POST", PLACEMENT + "/visits", "running_a", SCHOOL_A, _visit, prepare=_running),
    _row("GET", PLACEMENT + "/safety-education", "running_a", SEES_PLACEMENT_A, prepare=_running),
    _row(
        "POST",
        PLACEMENT + "/safety-education",
        "uncontracted_a",
        SCHOOL_A,
        _safety_education,
        prepare=_lifecycle,
    ),
    _row(
        "GET",
        "/api/placements/incidents",
        None,
        SIGNED_IN,
        visible=INCIDENTS_VISIBLE,
        list_model="incident_report",
        prepare=_running,
    ),
    _row(
        "POST",
        PLACEMENT + "/incidents",
        "running_a",
        frozenset({"province_officer", "school_staff_a", "student", "guardian"}),
        lambda w: {"kind": "safety", "description": "보호구가 지급되지 않음"},
        prepare=_running,
    ),
    _row(
        "POST",
        "/api/placements/incidents/{incident_id}/respond",
        "incident_a",
        frozenset({"province_officer", "support_office_officer", "school_staff_a"}),
        lambda w: {"response": "기업에 시정 요청"},
        prepare=_running,
    ),
    _row("GET", PLACEMENT + "/evaluations", "completed_a", SEES_PLACEMENT_A, prepare=_running),
    _row(
        "POST",
        PLACEMENT + "/evaluations",
        "completed_a",
        frozenset({"student"}),
        _evaluation("student"),
        prepare=_running,
    ),
    _row(
        "POST",
        PLACEMENT + "/evaluations",
        "completed_a",
        frozenset({"company_staff"}),
        _evaluation("mentor"),
        prepare=_running,
    ),
    _row(
        "POST",
        PLACEMENT + "/evaluations",
        "completed_a",
        frozenset({"school_staff_a"}),
        _evaluation("teacher"),
        prepare=_running,
    ),
]

COUNTED = (
    HoursEntry,
    MonitoringVisit,
    IncidentReport,
    Evaluation,
    HostVetting,
    HostInspection,
    SeriousAccident,
    FieldTrainingOffer,
    Placement,
    PlacementContract,
    ContractVersion,
    ContractSignature,
)
