"""The field-training demo: vetted hosts among the registry demo's companies, and their offers —
about 15,000 seats at full scale — plus a few direct placements with contracts to show.

Run after the registry demo (``manage.py load_demo``), before the clearinghouse demo (which
ranks these offers). Deterministic for a seed and a day. Every row is synthetic and says so
(``is_synthetic``; the pages show a 합성 badge): no real company applied, was inspected or
offered anything.

* About 55 % of the demo companies are vetted hosts (a quarter of them 선도기업), each with an
  inspection meeting every checklist item and a two-year decision valid today; a few
  applications are still open or were rejected; one host was excluded after a recorded
  serious accident (its offers are closed), to show the exclusion.
* Offers follow the students: their NCS field is drawn from the departments of the host's
  region (weighted by third-graders), else of the province. Schedules are lawful — most are
  Monday–Friday 09:00–17:00 with an hour's break (7 h a day, 35 h a week), some start earlier
  or later, some run four days, a few use a recorded extension to 8 h a day (40 h a week).
  Every generated offer is checked with ``vocnet.placements.rules`` before it is written.
* The demo company login's company gets an offer in each field of the demo school, with three
  of that school's students placed directly: one contracted (all four signed), one whose
  contract awaits the school, the student and the guardian, one without a contract yet.

It bulk-writes through the ORM (a seeding tool, like the registry demo), not the services.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vocnet.demo.registry.names import person_name
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.demo.registry.summary import DEMO_ORIGINS
from vocnet.placements.models import (
    ContractParty,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    FieldTrainingOffer,
    HostInspection,
    HostKind,
    HostVetting,
    OfferSchedule,
    OfferStatus,
    Placement,
    PlacementContract,
    PlacementOrigin,
    PlacementStatus,
    SeriousAccident,
    VettingStatus,
)
from vocnet.placements.rules import DaySchedule, OfferTerms, check_offer
from vocnet.placements.services.contracts import generate_terms
from vocnet.registry.models import Company, Department, Membership, Role, Student

DEFAULT_SEED = 2025
FULL_COMPANY_COUNT = 3200
SEAT_TARGET = 15_000
VETTED_SHARE = 0.55
LEADING_SHARE = 0.25
SYNTHETIC_NOTE = "합성(데모) 데이터 — 실제 기업의 신청·점검·제안이 아닙니다 (synthetic demo data)"

# (start, end, break minutes, weekdays, extension agreed) and their weights.
Schedule = tuple[time, time, int, tuple[int, ...], bool]
SCHEDULES: tuple[tuple[Schedule, int], ...] = (
    ((time(9), time(17), 60, (0, 1, 2, 3, 4), False), 70),
    ((time(8, 30), time(16, 30), 60, (0, 1, 2, 3, 4), False), 12),
    ((time(10), time(18), 60, (0, 1, 2, 3, 4), False), 8),
    ((time(9), time(17), 60, (0, 1, 2, 3), False), 6),
    ((time(8), time(17), 60, (0, 1, 2, 3, 4), True), 4),
)
TITLES = ("사원", "대리", "과장", "차장", "팀장", "기술주임", "생산반장")
TEAMS = ("생산팀", "품질팀", "기술팀", "설비팀", "개발팀", "운영팀", "경영지원팀")
SAFETY = "실습 전 안전보건교육 4시간, 보호구 지급, 위험 설비 단독 조작 금지, 기업현장교사 상시 동행"
MANUFACTURING = {f"{n:02d}" for n in range(10, 34)}
HAZARDS_BY_KSIC = {
    "20": ["chemicals"],
    "21": ["chemicals"],
    "41": ["construction"],
    "42": ["construction"],
    "35": ["electrical"],
}


class PlacementsDemoError(Exception):
    """The registry demo is not there; the message says what to run first."""


def _demo_companies() -> Any:
    return Company.objects.filter(organisation__data_origin__in=DEMO_ORIGINS)


def placements_demo_present() -> bool:
    return FieldTrainingOffer.objects.filter(is_synthetic=True).exists()


def reset_placements_demo() -> None:
    """Delete every field-training row of the demo's companies and students (also rows users
    added to them), so the registry demo can be reset after it."""
    companies = _demo_companies()
    students = Student.objects.filter(school__organisation__data_origin__in=DEMO_ORIGINS)
    with transaction.atomic():
        placements = Placement.objects.filter(
            Q(offer__company__in=companies) | Q(student__in=students) | Q(is_synthetic=True)
        )
        PlacementContract.objects.filter(placement__in=placements).update(current_version=None)
        PlacementContract.objects.filter(placement__in=placements).delete()
        placements.delete()
        FieldTrainingOffer.objects.filter(Q(company__in=companies) | Q(is_synthetic=True)).delete()
        HostVetting.objects.filter(Q(company__in=companies) | Q(is_synthetic=True)).delete()
        SeriousAccident.objects.filter(company__in=companies).delete()


def _counts(created: int) -> dict[str, int]:
    offers = FieldTrainingOffer.objects.filter(is_synthetic=True)
    return {
        "created": created,
        "vetted_hosts": HostVetting.objects.filter(
            is_synthetic=True, status=VettingStatus.APPROVED
        ).count(),
        "offers": offers.count(),
        "seats": sum(offers.values_list("seats", flat=True)),
        "placements": Placement.objects.filter(is_synthetic=True).count(),
    }


def _field_weights() -> tuple[dict[int, Counter[int]], Counter[int]]:
    """NCS middle id → third-graders, by region id and for the province."""
    by_region: dict[int, Counter[int]] = defaultdict(Counter)
    province: Counter[int] = Counter()
    rows = Department.objects.filter(is_active=True).values_list(
        "school__organisation__region_id", "ncs_middle_id", "enrolled_grade_3"
    )
    for region_id, ncs_id, count in rows:
        weight = max(int(count), 1)
        province[ncs_id] += weight
        if region_id is not None:
            by_region[region_id][ncs_id] += weight
    return by_region, province


def _pick(rng: random.Random, weights: Counter[int]) -> int:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _monday_after(day: date, days: int) -> date:
    start = day + timedelta(days=days)
    return start + timedelta(days=(7 - start.weekday()) % 7)


def _vettings(
    rng: random.Random, companies: list[Company], today: date
) -> tuple[list[Company], list[HostVetting]]:
    """Approved vettings (returned hosts), plus open and rejected applications of others."""
    vettings: list[HostVetting] = []
    hosts: list[Company] = []
    for company in companies:
        draw = rng.random()
        name = person_name(rng, male=rng.random() < 0.5)
        common: dict[str, Any] = {
            "company": company,
            "host_kind": HostKind.LEADING
            if rng.random() < LEADING_SHARE
            else HostKind.PARTICIPATING,
            "person_in_charge_name": name,
            "person_in_charge_phone": f"031-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
            "application_note": SYNTHETIC_NOTE,
            "is_synthetic": True,
        }
        if draw < VETTED_SHARE:
            valid_from = today - timedelta(days=rng.randint(30, 400))
            vettings.append(
                HostVetting(
                    status=VettingStatus.APPROVED,
                    decided_at=timezone.now(),
                    decision_note="현장 점검 전 항목 충족 (synthetic)",
                    valid_from=valid_from,
                    valid_until=valid_from + timedelta(days=730),
                    **common,
                )
            )
            hosts.append(company)
        elif draw < VETTED_SHARE + 0.05:
            vettings.append(HostVetting(status=VettingStatus.APPLIED, **common))
        elif draw < VETTED_SHARE + 0.07:
            vettings.append(
                HostVetting(
                    status=VettingStatus.REJECTED,
                    decided_at=timezone.now(),
                    decision_note="안전·보건 관리 미충족 (synthetic)",
                    **common,
                )
            )
    return hosts, vettings


def _inspections(rng: random.Random, vettings: list[HostVetting]) -> list[HostInspection]:
    rows = []
    for vetting in vettings:
        if vetting.status == VettingStatus.APPLIED:
            continue
        met = vetting.status == VettingStatus.APPROVED
        rows.append(
            HostInspection(
                vetting=vetting,
                inspected_on=(vetting.valid_from or timezone.localdate()) - timedelta(days=10),
                teacher_name=person_name(rng, male=rng.random() < 0.5),
                labour_attorney_name=person_name(rng, male=rng.random() < 0.5),
                safety_agency_name="안전보건공단 경기지역본부(합성)",
                job_field_fit=True,
                training_conditions=True,
                safety_and_health=met,
                person_in_charge=True,
                insurance=True,
                notes=SYNTHETIC_NOTE,
            )
        )
    return rows


def _offer(
    rng: random.Random,
    company: Company,
    ncs: Any,
    today: date,
    regions: list[Any],
) -> tuple[FieldTrainingOffer, Schedule]:
    keys = [s for s, _w in SCHEDULES]
    start, end, rest, weekdays, agreed = rng.choices(keys, weights=[w for _s, w in SCHEDULES])[0]
    start_date = _monday_after(today, 21 + 7 * rng.randint(0, 6))
    weeks = rng.choice((4, 6, 8, 8, 10, 12))
    division = company.ksic_division.code
    hazards = list(HAZARDS_BY_KSIC.get(division, []))
    if division in MANUFACTURING and rng.random() < 0.5:
        hazards.append("machinery")
    region = company.organisation.region or rng.choice(regions)
    short = company.organisation.name_ko.replace("(주)", "").replace("주식회사", "").strip()
    offer = FieldTrainingOffer(
        company=company,
        title=f"{ncs.name_ko} 현장실습 · {short}",
        region=region,
        site_address=company.organisation.address,
        ncs_middle=ncs,
        seats=rng.choices((1, 2, 3, 4, 5, 6, 8, 10), weights=(6, 18, 20, 18, 14, 10, 8, 6))[0],
        start_date=start_date,
        end_date=start_date + timedelta(days=7 * weeks - 3),
        allowance_krw=rng.randrange(900_000, 2_100_001, 50_000),
        mentor_name=person_name(rng, male=rng.random() < 0.6),
        mentor_title=f"{rng.choice(TEAMS)} {rng.choice(TITLES)}",
        mentor_phone=f"031-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        tasks=f"{ncs.name_ko} 분야 실무 보조, 공정·장비 이해, 기업현장교사 지도 아래 실습 (합성)",
        hazard_categories=hazards,
        safety_measures=SAFETY,
        has_extension_agreement=agreed,
        extension_agreement_note=("기업·학교·학생·보호자 연장 합의서(합성)" if agreed else ""),
        status=OfferStatus.PUBLISHED,
        published_at=timezone.now(),
        is_synthetic=True,
    )
    return offer, (start, end, rest, weekdays, agreed)


def _lawful(offer: FieldTrainingOffer, schedule: Schedule) -> bool:
    start, end, rest, weekdays, agreed = schedule
    terms = OfferTerms(
        schedule=tuple(DaySchedule(w, start, end, rest) for w in weekdays),
        start_date=offer.start_date,
        end_date=offer.end_date,
        has_extension_agreement=agreed,
        hazard_categories=tuple(offer.hazard_categories),
    )
    return not check_offer(terms)


def _offers(
    rng: random.Random, hosts: list[Company], target: int, today: date
) -> list[tuple[FieldTrainingOffer, Schedule]]:
    from vocnet.registry.models import NcsMiddle, Region

    by_region, province = _field_weights()
    middles = {m.pk: m for m in NcsMiddle.objects.all()}
    regions = list(Region.objects.order_by("sigungu_code"))
    offers = []
    seats = 0
    index = 0
    while seats < target and hosts:
        company = hosts[index % len(hosts)]
        index += 1
        local = by_region.get(company.organisation.region_id or 0)
        weights = local if local and rng.random() < 0.7 else province
        if not weights:
            break
        offer, schedule = _offer(rng, company, middles[_pick(rng, weights)], today, regions)
        if not _lawful(offer, schedule):
            continue
        offers.append((offer, schedule))
        seats += offer.seats
    return offers


def _write_offers(
    offers: list[tuple[FieldTrainingOffer, Schedule]],
) -> list[FieldTrainingOffer]:
    written = FieldTrainingOffer.objects.bulk_create([o for o, _s in offers], batch_size=2000)
    OfferSchedule.objects.bulk_create(
        (
            OfferSchedule(offer=offer, weekday=w, start=start, end=end, break_minutes=rest)
            for offer, (start, end, rest, weekdays, _agreed) in zip(
                written, [s for _o, s in offers], strict=True
            )
            for w in weekdays
        ),
        batch_size=5000,
    )
    return written


def _excluded_host(rng: random.Random, hosts: list[Company], today: date) -> None:
    """One vetted host excluded after a serious accident; its published offers closed."""
    if len(hosts) < 10:
        return
    company = hosts[len(hosts) // 2]
    accident = SeriousAccident.objects.create(
        company=company,
        occurred_on=today - timedelta(days=12),
        description="프레스 작업 중 끼임 사고(합성 데모 기록 — 실제 사고가 아닙니다)",
        source_note=SYNTHETIC_NOTE,
    )
    HostVetting.objects.filter(company=company, status=VettingStatus.APPROVED).update(
        status=VettingStatus.EXCLUDED, excluded_at=timezone.now(), excluding_accident=accident
    )
    FieldTrainingOffer.objects.filter(company=company, status=OfferStatus.PUBLISHED).update(
        status=OfferStatus.CLOSED,
        closed_at=timezone.now(),
        closing_reason="중대재해 기록으로 참여기업에서 배제됨 (excluded after a serious accident)",
    )


def _showcase(rng: random.Random, today: date) -> int:
    """Offers of the demo company login's company in the demo school's fields, and three of
    that school's students placed on them in three states of the contract."""
    membership = (
        Membership.objects.filter(user__username="company", role=Role.COMPANY_STAFF)
        .select_related("organisation__company")
        .first()
    )
    school_students = Student.objects.filter(
        school__organisation__name_ko=BASE_SCHOOL_NAME, grade=3, is_enrolled=True
    ).select_related("department__ncs_middle")
    if membership is None or not school_students.exists():
        return 0
    company = membership.organisation.company
    if not HostVetting.objects.valid_on(today).filter(company=company).exists():
        valid_from = today - timedelta(days=60)
        HostVetting.objects.create(
            company=company,
            host_kind=HostKind.LEADING,
            status=VettingStatus.APPROVED,
            person_in_charge_name=person_name(rng, male=True),
            application_note=SYNTHETIC_NOTE,
            decided_at=timezone.now(),
            valid_from=valid_from,
            valid_until=valid_from + timedelta(days=730),
            is_synthetic=True,
        )
    login_student = Membership.objects.filter(user__username="student").values_list(
        "user__student_record", flat=True
    )
    fields = sorted({s.department.ncs_middle_id for s in school_students})
    regions = [company.organisation.region] if company.organisation.region else []
    created: list[tuple[FieldTrainingOffer, Schedule]] = []
    for ncs_id in fields:
        ncs = next(
            s.department.ncs_middle for s in school_students if s.department.ncs_middle_id == ncs_id
        )
        offer, _schedule = _offer(rng, company, ncs, today, regions)
        offer.seats = 6
        offer.hazard_categories = []
        offer.has_extension_agreement = False
        offer.extension_agreement_note = ""
        created.append((offer, (time(9), time(17), 60, (0, 1, 2, 3, 4), False)))
    offers = _write_offers(created)
    students = [
        s
        for s in school_students.exclude(pk__in=login_student).order_by("student_number")
        if s.department.ncs_middle_id == offers[0].ncs_middle_id
    ][:3]
    placements = Placement.objects.bulk_create(
        Placement(
            student=student,
            offer=offers[0],
            origin=PlacementOrigin.DIRECT,
            status=PlacementStatus.CONTRACTED if index == 0 else PlacementStatus.MATCHED,
            is_synthetic=True,
        )
        for index, student in enumerate(students)
    )
    now = timezone.now()
    for index, placement in enumerate(placements[:2]):
        placement = Placement.objects.select_related(
            "offer__company__organisation", "offer__region", "offer__ncs_middle",
            "student__school__organisation", "student__department",
        ).get(pk=placement.pk)  # fmt: skip
        contract = PlacementContract.objects.create(placement=placement)
        version = ContractVersion.objects.create(
            contract=contract,
            number=1,
            terms=generate_terms(placement),
            status=ContractVersionStatus.SIGNED if index == 0 else ContractVersionStatus.SIGNING,
            signed_at=now if index == 0 else None,
        )
        contract.current_version = version
        contract.save(update_fields=["current_version"])
        parties = ContractParty.values if index == 0 else [ContractParty.COMPANY]
        ContractSignature.objects.bulk_create(
            ContractSignature(
                version=version,
                party=party,
                signer_name=placement.student.name
                if party == "student"
                else person_name(rng, male=True),
                signed_at=now,
            )
            for party in parties
        )
    return len(placements)


def load_placements_demo(*, seed: int = DEFAULT_SEED, today: date | None = None) -> dict[str, int]:
    """Load the field-training demo once: returns counts (``vetted_hosts``, ``offers``,
    ``seats``, ``placements``; ``created`` is 0 when it was already there). Raises
    PlacementsDemoError when the registry demo has not been loaded."""
    today = today or timezone.localdate()
    if placements_demo_present():
        return _counts(0)
    companies = list(
        _demo_companies().select_related("organisation__region", "ksic_division").order_by("pk")
    )
    if not companies:
        raise PlacementsDemoError(
            "등록부 데모가 없습니다. 먼저 `manage.py load_demo`를 실행하세요. / "
            "The registry demo is missing: run `manage.py load_demo` first."
        )
    rng = random.Random(f"vocnet-placements-demo:{seed}")
    scale = min(1.0, len(companies) / FULL_COMPANY_COUNT)
    with transaction.atomic():
        hosts, vettings = _vettings(rng, companies, today)
        HostVetting.objects.bulk_create(vettings, batch_size=2000)
        HostInspection.objects.bulk_create(_inspections(rng, vettings), batch_size=2000)
        _write_offers(_offers(rng, hosts, round(SEAT_TARGET * scale), today))
        _excluded_host(rng, hosts, today)
        _showcase(rng, today)
    counts = _counts(0)
    counts["created"] = counts["offers"]
    return counts
