"""The programmes demo after the decisions: designations, a grant with a year of spending,
and the 22 July 2025 joint launch ceremony.

Facts (/work/shared/data/programmes_2025.md):
- 경기자동차과학고 was selected by the Ministry in 2025 as a base school (미래자동차) of the
  2nd cohort of agreement-based specialized high schools (kyeongin 1741958; naeil 550342;
  newspim 2025-06-04); the Ministry funds ≈ KRW 2 bn in the first year, up to 4.5 bn over
  5 years (edaily; nocutnews 6314730).
- Gyeonggi's ten 2025 model schools (8 경기협약형 + 2 하이테크) and the seven 선도지구 offices
  received plaques at the joint 발대식 on 2025-07-22 at 경기자동차과학고, with more than 150
  participants; vision talks by 경기자동차과학고 (5-year), 경민IT고 and 의정부공고 (3-year)
  (seed; mediabaro 411150; kgnews 856143; newspic 2025-07-22).

Synthetic and labelled: every amount of the grant (the plan takes the ≈ 2 bn as its ministry
line; the split by category, the other sources, every disbursement date and every spending
record are invented), the ceremony's time of day, and the registration and attendance list
(the sources give only "more than 150"). The designations reuse the registry demo's
``SchoolDesignation`` rows (the badges), never duplicate them.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from vocnet.programmes.models import (
    Decision,
    Designation,
    Disbursement,
    Evaluation,
    Event,
    EventInvitation,
    EventRegistration,
    Grant,
    GrantPlanLine,
    ProgrammeKind,
    Settlement,
    Spending,
)
from vocnet.registry.models import Organisation, PilotDistrict, SchoolDesignation

SEOUL = ZoneInfo("Asia/Seoul")
BASE_SCHOOL = "경기자동차과학고등학교"
CEREMONY_TITLE = "2025 경기 미래형 직업교육 모델학교·선도지구 합동 발대식"
CEREMONY_SOURCE = "seed; mediabaro 411150; kgnews 856143; newspic 2025-07-22 — 150명 이상 참석"
SYNTHETIC = "(합성 데이터)"
PROGRAMME_OF_KIND = {
    "moe_agreement": "moe_agreement_school",
    "gg_agreement": "gg_regional_winwin",
    "gg_hightech": "gg_hightech",
}
# The 2025 grant's plan (KRW): the ministry line is the sources' ≈ 2 bn for the first year;
# its split and the other lines are synthetic.
PLAN = [
    ("ministry", "personnel", 300_000_000),
    ("ministry", "operations", 500_000_000),
    ("ministry", "equipment", 900_000_000),
    ("ministry", "facilities", 300_000_000),
    ("education_office", "operations", 200_000_000),
    ("local_government", "operations", 150_000_000),
    ("company", "equipment", 50_000_000),
]
DISBURSEMENTS = [
    ("ministry", date(2025, 8, 1), 1_000_000_000),
    ("ministry", date(2025, 10, 1), 800_000_000),
    ("education_office", date(2025, 8, 14), 200_000_000),
    ("local_government", date(2025, 9, 1), 150_000_000),
    ("company", date(2025, 9, 15), 50_000_000),
]
SPENDING = [
    ("personnel", "산업체 우수 강사 인건비"),
    ("operations", "미래차 교육과정 개발·운영"),
    ("equipment", "전기차 진단 실습 장비"),
    ("facilities", "미래차 실습실 리모델링"),
]


def _designations() -> list[Designation]:
    """A programme designation for each 2025 registry badge of the three programmes, with
    the Ministry's decision for the base school when the programmes demo recorded it."""
    badges = SchoolDesignation.objects.filter(
        year=2025, kind__in=list(PROGRAMME_OF_KIND)
    ).select_related("school__organisation")
    kinds = {k.code: k for k in ProgrammeKind.objects.all()}
    created = []
    for badge in badges:
        if Designation.objects.filter(school_designation=badge).exists():
            continue
        name = badge.school.organisation.name_ko
        programme = kinds[PROGRAMME_OF_KIND[badge.kind]]
        decision = (
            Decision.objects.filter(
                application__lead_organisation__name_ko=name,
                outcome="selected",
                call__issuing_organisation__kind="ministry",
            ).first()
            if badge.kind == "moe_agreement"
            else None
        )
        created.append(
            Designation.objects.create(
                school_designation=badge,
                programme=programme,
                decision=decision,
                agreement=decision.application.agreement if decision else None,
                cohort=2 if badge.kind == "moe_agreement" else 1,
                duration_years=programme.default_duration_years,
                designated_at=datetime(2025, 6, 30, 10, 0, tzinfo=SEOUL),
                is_synthetic=False,
                source_note=badge.source_note[:300],
            )
        )
    return created


def _grant(designation: Designation, rng: random.Random) -> Grant:
    grant = Grant.objects.create(
        designation=designation, fiscal_year=2025, programme_year=1, is_synthetic=True
    )
    GrantPlanLine.objects.bulk_create(
        [GrantPlanLine(grant=grant, source=s, category=c, amount_krw=a) for s, c, a in PLAN]
    )
    Disbursement.objects.bulk_create(
        [
            Disbursement(grant=grant, source=s, disbursed_on=d, amount_krw=a, note=SYNTHETIC)
            for s, d, a in DISBURSEMENTS
        ]
    )
    planned = {(s, c): a for s, c, a in PLAN}
    disbursed: dict[str, int] = {}
    for source, _day, amount in DISBURSEMENTS:
        disbursed[source] = disbursed.get(source, 0) + amount
    rows = []
    spent: dict[str, int] = {}
    for month in range(8, 13):
        for category, text in SPENDING:
            for source in ("ministry", "education_office", "local_government", "company"):
                if (source, category) not in planned:
                    continue
                # About 80 % of the plan over five months, never over what was disbursed.
                share = planned[(source, category)] * rng.uniform(0.12, 0.2)
                amount = int(round(share, -4))
                if spent.get(source, 0) + amount > disbursed.get(source, 0):
                    continue
                spent[source] = spent.get(source, 0) + amount
                rows.append(
                    Spending(
                        grant=grant,
                        source=source,
                        category=category,
                        spent_on=date(2025, month, rng.randint(1, 28)),
                        amount_krw=amount,
                        description=f"{text} {SYNTHETIC}",
                        is_synthetic=True,
                    )
                )
    Spending.objects.bulk_create(rows)
    return grant


def _ceremony(designations: list[Designation], rng: random.Random) -> Event:
    host = Organisation.objects.filter(name_ko="경기도교육청").first()
    assert host is not None
    event = Event.objects.create(
        kind="launch",
        title=CEREMONY_TITLE,
        starts_at=datetime(2025, 7, 22, 14, 0, tzinfo=SEOUL),
        ends_at=datetime(2025, 7, 22, 16, 30, tzinfo=SEOUL),
        place="경기자동차과학고등학교(시흥시)",
        organiser=host,
        reported_participants=150,
        description=(
            "모델학교 10교(경기협약형 8·하이테크 2)와 선도지구 7곳 현판 전달; 비전 발표: "
            "경기자동차과학고(5년), 경민IT고·의정부공고(3년). "
            "시각과 참가 신청·참석 명단은 합성 데이터입니다."
        ),
        source_note=CEREMONY_SOURCE,
    )
    event.designations.set(designations)
    offices = list(
        Organisation.objects.filter(
            support_office_record__pilot_districts__in=PilotDistrict.objects.filter(year=2025)
        ).distinct()
    )
    schools = [d.school_designation.school.organisation for d in designations]
    invited = {o.pk: o for o in [*schools, *offices, host]}
    EventInvitation.objects.bulk_create(
        [EventInvitation(event=event, organisation=o) for o in invited.values()]
    )
    registrations = []
    organisations = list(invited.values())
    for number in range(1, 161):
        organisation = organisations[number % len(organisations)]
        attended = number <= 152
        registrations.append(
            EventRegistration(
                event=event,
                name=f"참가자 {number:03d} {SYNTHETIC}",
                organisation=organisation,
                registered_at=datetime(2025, 7, 10, 9, 0, tzinfo=SEOUL),
                attended=attended,
                checked_in_at=datetime(2025, 7, 22, 13, rng.randint(20, 59), tzinfo=SEOUL)
                if attended
                else None,
                is_synthetic=True,
            )
        )
    EventRegistration.objects.bulk_create(registrations)
    return event


def load_programme_grants_demo(*, seed: int = 2025) -> dict[str, int]:
    """Load once (idempotent) after the programmes demo; returns the counts."""
    if Event.objects.filter(title=CEREMONY_TITLE).exists():
        return programme_grants_demo_counts()
    rng = random.Random(f"vocnet-programme-grants-demo:{seed}")
    with transaction.atomic():
        _designations()
        designations = list(
            Designation.objects.filter(school_designation__year=2025).select_related(
                "school_designation__school__organisation"
            )
        )
        base = [
            d
            for d in designations
            if d.school_designation.school.organisation.name_ko == BASE_SCHOOL
            and d.programme.code == "moe_agreement_school"
        ]
        if base:
            _grant(base[0], rng)
        if Organisation.objects.filter(name_ko="경기도교육청").exists():
            _ceremony(designations, rng)
    return programme_grants_demo_counts()


def programme_grants_demo_counts() -> dict[str, int]:
    return {
        "designations": Designation.objects.count(),
        "grants": Grant.objects.count(),
        "spending": Spending.objects.count(),
        "registrations": EventRegistration.objects.filter(event__title=CEREMONY_TITLE).count(),
    }


def reset_programme_grants_demo() -> int:
    """Delete the ceremony, the grants and the designations (the registry badges stay)."""
    with transaction.atomic():
        Event.objects.filter(title=CEREMONY_TITLE).delete()
        # Everything hanging off the 2025 designations goes with them (the registry's reset
        # deletes their badges next, which the designations protect).
        designations = Designation.objects.filter(school_designation__year=2025)
        grants = Grant.objects.filter(designation__in=designations)
        Spending.objects.filter(grant__in=grants).delete()
        Disbursement.objects.filter(grant__in=grants).delete()
        Settlement.objects.filter(grant__in=grants).delete()
        count = grants.count()
        grants.delete()
        Evaluation.objects.filter(designation__in=designations).delete()
        designations.delete()
    return count
