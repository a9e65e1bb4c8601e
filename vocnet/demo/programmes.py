"""The programmes demo: the Ministry's 2nd call of 2025 and Gyeonggi's blind pre-screen.

Facts (/work/shared/data/programmes_2025.md): the Ministry's 2nd call ran 2025-02-06 –
2025-04-24 (results end of June, ≈ 10 schools, up to KRW 4.5 bn over 5 years; seoul.co.kr,
edaily); Gyeonggi pre-screened 9 consortia in a blind review by external experts and nominated
3 — 경기자동차과학고, 삼일공업고, 세경고 — of which the Ministry selected 경기자동차과학고 (kpinews;
kyeongin 1741958; kmnews 371446), whose consortium names 시흥시, 경기도교육청,
경기도자동차검사정비사업조합, 차세대융합기술연구원 and 한국공학대학교 (kyeongin; 1stepnews).

Synthetic and labelled: the six other applicant schools' applications (the sources do not name
them), the contents of every application, the five reviewers and every score. The closing
minute (18:00 KST) is an assumption. Written through the ORM like the other demos (a seeding
tool; no actor), deterministic for a seed, idempotent, in well under a second.
"""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from vocnet.agreements.models import Agreement
from vocnet.programmes.models import (
    Application,
    ApplicationParty,
    ApplicationStatus,
    Call,
    CallStage,
    CallStatus,
    Decision,
    Objection,
    ProgrammeKind,
    RequiredDocument,
    ReviewerAssignment,
    Score,
    StageResult,
)
from vocnet.programmes.services.calls import copy_default_rubric
from vocnet.registry.models import DataOrigin, Organisation, OrganisationKind, School

DEFAULT_SEED = 2025
SEOUL = ZoneInfo("Asia/Seoul")
MINISTRY_TITLE = "2025년 협약형 특성화고 2차 공모(교육부)"
GYEONGGI_TITLE = "2025년 협약형 특성화고 경기도 사전 심사(블라인드)"
NOMINEES = ("경기자동차과학고등학교", "삼일공업고등학교", "세경고등학교")
SELECTED = "경기자동차과학고등학교"
PARTNERS = (
    ("시흥시", OrganisationKind.CITY_COUNTY),
    ("경기도교육청", OrganisationKind.EDUCATION_OFFICE),
    ("경기도자동차검사정비사업조합", OrganisationKind.INDUSTRY_BODY),
    ("차세대융합기술연구원", OrganisationKind.RESEARCH_INSTITUTE),
    ("한국공학대학교", OrganisationKind.UNIVERSITY),
)
PARTNER_SOURCE = "경기자동차과학고 컨소시엄 구성 기관 (kyeongin 1741958; 1stepnews)"
REVIEWERS = 5
SYNTHETIC = "(가상 신청·합성 데이터)"


class ProgrammesDemoError(Exception):
    """The registry demo is not there; the message says what to run first."""


def _organisation(name: str, kind: str, note: str) -> Organisation:
    found = Organisation.objects.filter(name_ko=name).first()
    if found is not None:
        return found
    return Organisation.objects.create(
        kind=kind, name_ko=name, data_origin=DataOrigin.REAL_NAME_SYNTHETIC, source_note=note
    )


def _call(kind: ProgrammeKind, issuer: Organisation, title: str, **values: object) -> Call:
    call = Call.objects.create(
        kind=kind, year=2025, title=title, issuing_organisation=issuer, **values
    )
    CallStage.objects.bulk_create(
        [
            CallStage(call=call, number=1, kind="document", shortlist_size=values.get("quota")),  # type: ignore[misc]
            CallStage(call=call, number=2, kind="presentation"),
        ]
    )
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(
                call=call,
                code="agreement",
                name_ko="협약서(안)",
                name_en="Consortium agreement (draft)",
                position=0,
            ),
            RequiredDocument(
                call=call,
                code="development_plan",
                name_ko="육성계획서",
                name_en="Development plan",
                max_pages=30,
                position=1,
            ),
        ]
    )
    copy_default_rubric(call)
    return call


def load_programmes_demo(*, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Load the demo once (idempotent) and return its counts. Raises ProgrammesDemoError when
    the registry demo has not been loaded."""
    if Call.objects.filter(title=GYEONGGI_TITLE).exists():
        return programmes_demo_counts()
    office = Organisation.objects.filter(name_ko="경기도교육청").first()
    schools = {s.organisation.name_ko: s for s in School.objects.select_related("organisation")}
    if office is None or any(name not in schools for name in NOMINEES):
        raise ProgrammesDemoError("Load the registry demo first: manage.py load_demo")
    rng = random.Random(f"vocnet-programmes-demo:{seed}")
    kind = ProgrammeKind.objects.get(code="moe_agreement_school")
    with transaction.atomic():
        ministry = _organisation("교육부", OrganisationKind.MINISTRY, "정부 부처")
        partners = [_organisation(name, kind_, PARTNER_SOURCE) for name, kind_ in PARTNERS]
        moe = _call(
            kind,
            ministry,
            MINISTRY_TITLE,
            round_number=2,
            status=CallStatus.DECIDED,
            opens_at=datetime(2025, 2, 6, 9, 0, tzinfo=SEOUL),
            closes_at=datetime(2025, 4, 24, 18, 0, tzinfo=SEOUL),
            results_expected="2025년 6월 말",
            quota=10,
            duration_years=5,
            funding_note="학교당 최대 45억 원(5년)",
            source_note="seoul.co.kr(정책브리핑) 2차 공모; edaily; 마감 시각 18:00은 가정",
        )
        gyeonggi = _call(
            kind,
            office,
            GYEONGGI_TITLE,
            round_number=2,
            status=CallStatus.DECIDED,
            opens_at=datetime(2025, 2, 6, 9, 0, tzinfo=SEOUL),
            closes_at=datetime(2025, 3, 31, 18, 0, tzinfo=SEOUL),
            quota=3,
            duration_years=5,
            is_blind=True,
            aggregation="trimmed_mean",
            nominates_to=moe,
            source_note="kpinews; kmnews 371446 — 블라인드 서면·발표 평가(외부 전문가), 9 → 3; "
            "접수 기간은 가정",
        )
        others = sorted(
            n for n, s in schools.items() if n not in NOMINEES and s.organisation.region_id
        )
        leads = list(NOMINEES) + rng.sample(others, 6)
        submitted = datetime(2025, 3, 28, 15, 0, tzinfo=SEOUL)
        applications: list[Application] = []
        for index, name in enumerate(leads, start=1):
            real = name in NOMINEES
            applications.append(
                Application(
                    call=gyeonggi,
                    lead_organisation=schools[name].organisation,
                    blind_code=f"A-{index:02d}",
                    status=ApplicationStatus.SUBMITTED,
                    title=f"{name} 협약형 특성화고 육성계획 {SYNTHETIC}",
                    vision=f"{SYNTHETIC} 지역 산업과 함께 성장하는 직업교육",
                    path_employment=f"{SYNTHETIC} 지역 기업 취업",
                    submitted_at=submitted,
                    is_synthetic=True,
                    source_note="신청 학교명: kpinews·kyeongin(추천 3교)"
                    if real
                    else "가상 신청 학교",
                )
            )
        Application.objects.bulk_create(applications)
        base = schools[SELECTED].organisation
        ApplicationParty.objects.bulk_create(
            [
                ApplicationParty(application=a, organisation=a.lead_organisation, role="lead")
                for a in applications
            ]
            + [
                ApplicationParty(
                    application=applications[0], organisation=p, role="member", position=i
                )
                for i, p in enumerate(partners, start=1)
            ]
        )
        agreement = Agreement.objects.filter(
            lead_organisation=base, kind__code="moe_agreement_consortium"
        ).first()
        if agreement is not None:
            Application.objects.filter(pk=applications[0].pk).update(agreement=agreement)
        _review(gyeonggi, applications, rng)
        decided = datetime(2025, 4, 10, 10, 0, tzinfo=SEOUL)
        Decision.objects.bulk_create(
            [
                Decision(
                    call=gyeonggi,
                    application=a,
                    outcome="nominated"
                    if a.lead_organisation.name_ko in NOMINEES
                    else "not_selected",
                    reasons=(
                        "경기도 사전 심사 추천(kpinews; kyeongin 1741958)"
                        if a.lead_organisation.name_ko in NOMINEES
                        else f"{SYNTHETIC} 발표 평가 미통과"
                    ),
                    decided_at=decided,
                    objection_deadline=datetime(2025, 4, 17, 10, 0, tzinfo=SEOUL),
                )
                for a in applications
            ]
        )
        nominated = [
            Application(
                call=moe,
                lead_organisation=a.lead_organisation,
                blind_code=f"A-{i:02d}",
                status=ApplicationStatus.SUBMITTED,
                title=a.title,
                vision=a.vision,
                path_employment=a.path_employment,
                submitted_at=datetime(2025, 4, 23, 15, 0, tzinfo=SEOUL),
                is_synthetic=True,
                source_note="경기도 추천(kpinews)",
            )
            for i, a in enumerate(applications[:3], start=1)
        ]
        Application.objects.bulk_create(nominated)
        ApplicationParty.objects.bulk_create(
            [
                ApplicationParty(application=a, organisation=a.lead_organisation, role="lead")
                for a in nominated
            ]
            + [
                ApplicationParty(
                    application=nominated[0], organisation=p, role="member", position=i
                )
                for i, p in enumerate(partners, start=1)
            ]
        )
        Decision.objects.bulk_create(
            [
                Decision(
                    call=moe,
                    application=a,
                    outcome="selected"
                    if a.lead_organisation.name_ko == SELECTED
                    else "not_selected",
                    reasons=(
                        "교육부 2차 지정(kyeongin 1741958; naeil 550342)"
                        if a.lead_organisation.name_ko == SELECTED
                        else "교육부 미선정 — 경기협약형 1년 시범 운영 후 재도전 가능(naeil 550342)"
                    ),
                    decided_at=datetime(2025, 6, 30, 10, 0, tzinfo=SEOUL),
                    objection_deadline=datetime(2025, 7, 7, 10, 0, tzinfo=SEOUL),
                )
                for a in nominated
            ]
        )
    return programmes_demo_counts()


def _review(call: Call, applications: list[Application], rng: random.Random) -> None:
    """Five synthetic external experts score every application in stage 1 (nominees higher);
    the nominees are shortlisted (the stage 2 scores are not invented)."""
    users = get_user_model()
    reviewers = []
    stage = call.stages.get(number=1)
    for number in range(1, REVIEWERS + 1):
        user, _ = users.objects.get_or_create(
            username=f"demo_reviewer_{number}",
        )
        reviewers.append(
            ReviewerAssignment(stage=stage, user=user, is_external=True, code=f"R-{number:02d}")
        )
    ReviewerAssignment.objects.bulk_create(reviewers)
    items = list(call.rubric_items.all())
    scores = []
    totals: dict[int, list[Decimal]] = {}
    for application in applications:
        level = 0.85 if application.lead_organisation.name_ko in NOMINEES else 0.65
        for reviewer in reviewers:
            total = Decimal(0)
            for item in items:
                share = min(1.0, max(0.3, rng.gauss(level, 0.07)))
                points = (item.max_points * Decimal(str(round(share, 2)))).quantize(Decimal("0.5"))
                total += points
                scores.append(
                    Score(
                        assignment=reviewer,
                        application=application,
                        item=item,
                        points=points,
                        comment=f"{SYNTHETIC} {item.name_ko} 검토 의견",
                    )
                )
            totals.setdefault(application.pk, []).append(total)
    Score.objects.bulk_create(scores)
    trimmed = {
        pk: sum(sorted(values)[1:-1], Decimal(0)) / (len(values) - 2)
        for pk, values in totals.items()
    }
    order = sorted(applications, key=lambda a: (-trimmed[a.pk], a.blind_code))
    StageResult.objects.bulk_create(
        [
            StageResult(
                stage=stage,
                application=a,
                total=trimmed[a.pk].quantize(Decimal("0.01")),
                rank=rank,
                is_shortlisted=a.lead_organisation.name_ko in NOMINEES,
            )
            for rank, a in enumerate(order, start=1)
        ]
    )
    CallStage.objects.filter(pk=stage.pk).update(is_closed=True)


def programmes_demo_counts() -> dict[str, int]:
    calls = Call.objects.filter(title__in=(MINISTRY_TITLE, GYEONGGI_TITLE))
    return {
        "calls": calls.count(),
        "applications": Application.objects.filter(call__in=calls).count(),
        "scores": Score.objects.filter(application__call__in=calls).count(),
        "decisions": Decision.objects.filter(call__in=calls).count(),
    }


def reset_programmes_demo() -> int:
    """Delete the demo's calls with everything under them; returns how many calls went."""
    with transaction.atomic():
        calls = list(
            Call.objects.filter(title__in=(MINISTRY_TITLE, GYEONGGI_TITLE)).order_by("-pk")
        )
        Objection.objects.filter(decision__call__in=calls).delete()
        Decision.objects.filter(call__in=calls).delete()
        Score.objects.filter(application__call__in=calls).delete()
        Application.objects.filter(call__in=calls).delete()
        for call in calls:
            call.delete()
        get_user_model().objects.filter(username__startswith="demo_reviewer_").delete()
    return len(calls)
