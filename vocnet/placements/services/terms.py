"""The items of the standard contract (표준협약서), generated from the offer, the student and
the school: 직업교육훈련 촉진법 제9조 ④ and 시행령 제6조 — the parties' rights and duties; the
content, method, period and hours of the training; how results are evaluated; the allowance;
the safety and health measures; 산재보험 benefits (산업재해보상보험법 제123조). 제27조 ① 2 fines
a host that does not honour the period, method, person in charge, allowance, safety and
health measures or the change procedure — so each is an item here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vocnet.placements.consent import PERSONAL_DATA_KO
from vocnet.placements.models import ContractVersion, ContractVersionStatus, Placement
from vocnet.placements.rules.hazards import hazard_categories
from vocnet.placements.rules.holidays import holidays_between, training_dates
from vocnet.placements.rules.hours import training_minutes
from vocnet.placements.rules.period import training_types

INSURANCE_KO = (
    "현장실습생은 「산업재해보상보험법」 제123조에 따라 산업재해보상보험의 적용을 받으며, "
    "현장실습과 관련하여 입은 재해는 업무상 재해로 봅니다. 보험급여는 현장실습 수당 등 "
    "실습생이 받는 모든 금품을 기준으로 합니다."
)
INSURANCE_EN = (
    "The trainee is covered by industrial-accident compensation insurance under the "
    "Industrial Accident Compensation Insurance Act, Art. 123; an accident connected with the "
    "training is an occupational accident, and benefits are based on all money received, "
    "such as the allowance."
)
EVALUATION_KO = "실습 종료 시 학생·기업현장교사·지도교사가 각각 평가하고, 학교가 결과를 기록합니다."
RIGHTS_KO = (
    "기업은 협약을 지키고 실습생의 인권과 생명·신체를 보호하며 교사의 순회지도에 협력합니다"
    "(직업교육훈련 촉진법 제9조 ③, 제9조의4). 학교는 실습 전·중 안전교육과 순회지도를 합니다"
    "(제9조의3, 제9조의5). 실습생은 실습 규칙과 안전 수칙을 지킵니다."
)
CHANGE_PROCEDURE_KO = (
    "협약 내용을 바꾸려면 변경 협약서를 작성하여 기업·학교·학생·보호자가 모두 다시 서명해야 "
    "하며, 다시 서명하기 전까지는 종전 협약이 적용됩니다."
)


def schedule_rows(schedule: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "weekday": d.weekday,
            "start": f"{d.start:%H:%M}",
            "end": f"{d.end:%H:%M}",
            "break_minutes": d.break_minutes,
            "minutes": training_minutes(d.start, d.end, d.break_minutes),
        }
        for d in sorted(schedule, key=lambda d: d.weekday)
    ]


def calendar_of(start: date, end: date, schedule: list[Any]) -> dict[str, Any]:
    weekdays = {d.weekday for d in schedule}
    return {
        "training_days": len(training_dates(start, end, weekdays)),
        "holidays_excluded": [
            {"date": h.day.isoformat(), "name_ko": h.name_ko, "name_en": h.name_en}
            for h in holidays_between(start, end)
            if h.day.weekday() in weekdays
        ],
    }


def hours_of(schedule: list[Any]) -> dict[str, int]:
    minutes = [training_minutes(d.start, d.end, d.break_minutes) for d in schedule]
    return {"daily_max_minutes": max(minutes, default=0), "weekly_minutes": sum(minutes)}


def hazards_of(codes: list[str]) -> list[dict[str, str]]:
    known = hazard_categories()
    return [
        {"code": c, "name_ko": known[c].name_ko, "name_en": known[c].name_en}
        for c in codes
        if c in known
    ]


def training_type_of(code: str) -> dict[str, Any]:
    """The training type as the contract states it: code, names, longest period, and the
    support schemes that pay for it (each with how sure it is)."""
    kind = training_types().get(code)
    if kind is None:
        return {"code": code, "name_ko": code, "name_en": code}
    return {
        "code": kind.code,
        "name_ko": kind.name_ko,
        "name_en": kind.name_en,
        "max_months": kind.max_months,
        "max_months_verification": kind.max_months_verification,
        "support_schemes": list(kind.support_schemes),
        "support_verification": kind.support_verification,
    }


def generate_terms(placement: Placement) -> dict[str, Any]:
    """Every item the law requires, from the offer, the student and the school (JSON-safe)."""
    offer = placement.offer
    student = placement.student
    company = offer.company
    school = student.school
    schedule = list(offer.schedule.all())
    return {
        "company": {
            "name": company.organisation.name_ko,
            "business_number": company.business_number_display,
            "address": company.organisation.address,
        },
        "school": {"name": school.organisation.name_ko, "neis_code": school.neis_code},
        "student": {
            "name": student.name,
            "student_number": student.student_number,
            "department": student.department.name_ko,
            "grade": student.grade,
        },
        "offer": {"id": offer.pk, "title": offer.title, "ncs": offer.ncs_middle.name_ko},
        "training_type": training_type_of(offer.training_type),
        "site": {"region": offer.region.name_ko, "address": offer.site_address},
        "period": {
            "start_date": offer.start_date.isoformat(),
            "end_date": offer.end_date.isoformat(),
            **calendar_of(offer.start_date, offer.end_date, schedule),
        },
        "schedule": schedule_rows(schedule),
        **hours_of(schedule),
        "has_extension_agreement": offer.has_extension_agreement,
        "extension_agreement_note": offer.extension_agreement_note,
        "tasks": offer.tasks,
        "hazard_categories": hazards_of(list(offer.hazard_categories)),
        "allowance_krw": offer.allowance_krw,
        "allowance_warning_acknowledged_at": (
            offer.allowance_warning_acknowledged_at.isoformat()
            if offer.allowance_warning_acknowledged_at
            else None
        ),
        "person_in_charge": {
            "name": offer.mentor_name,
            "title": offer.mentor_title,
            "phone": offer.mentor_phone,
        },
        "safety_measures": offer.safety_measures,
        "insurance_ko": INSURANCE_KO,
        "insurance_en": INSURANCE_EN,
        "evaluation_ko": EVALUATION_KO,
        "rights_and_duties_ko": RIGHTS_KO,
        "change_procedure_ko": CHANGE_PROCEDURE_KO,
        "personal_data_ko": PERSONAL_DATA_KO,
    }


@dataclass(frozen=True)
class AgreedTerms:
    """The terms a placement runs on: those of its latest signed contract version (an
    amendment may have moved the dates, changed the schedule or the extension agreement),
    or the offer's while no version is signed (``version`` is then None).

    직업교육훈련 촉진법 제9조 ①·④: the training runs on the signed 표준협약서, whose items include
    its period and hours; a change takes effect only once all parties signed it again."""

    start_date: date
    end_date: date
    has_extension_agreement: bool
    schedule_minutes: dict[int, int]
    version: int | None


def agreed_terms(placement: Placement) -> AgreedTerms:
    """The :class:`AgreedTerms` of ``placement`` (one query for the version; the offer's
    schedule is read only when no version is signed)."""
    signed = (
        ContractVersion.objects.filter(
            contract__placement=placement, status=ContractVersionStatus.SIGNED
        )
        .order_by("-number")
        .only("number", "terms")
        .first()
    )
    if signed is None:
        offer = placement.offer
        return AgreedTerms(
            start_date=offer.start_date,
            end_date=offer.end_date,
            has_extension_agreement=offer.has_extension_agreement,
            schedule_minutes={
                d.weekday: training_minutes(d.start, d.end, d.break_minutes)
                for d in offer.schedule.all()
            },
            version=None,
        )
    terms = signed.terms
    return AgreedTerms(
        start_date=date.fromisoformat(terms["period"]["start_date"]),
        end_date=date.fromisoformat(terms["period"]["end_date"]),
        has_extension_agreement=bool(terms["has_extension_agreement"]),
        schedule_minutes={int(r["weekday"]): int(r["minutes"]) for r in terms["schedule"]},
        version=signed.number,
    )
