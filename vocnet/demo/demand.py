"""The demand demo: synthetic, labelled workforce demand on the registry demo's organisations,
and three saved restructuring scenarios to compare.

Run after the registry demo (``manage.py load_demo``). Deterministic for a seed and a school
year. It follows the industry profile the registry demo gave its companies (semiconductors
around Yongin–Icheon–Pyeongtaek, cars in Hwaseong–Siheung–Ansan, bio and software in
Seongnam, logistics in Icheon–Gimpo, …):

* a share of the demo companies declares, by size (most large firms, few micro firms), the
  vocational-school hires of their industry's typical NCS fields and occupations with the
  national technical certificates those jobs ask for, for the next three years, growing
  faster in semiconductors and bio than in trade;
* the seven demo industry bodies declare their member SMEs' demand in their clusters;
* each of the 31 cities and counties declares the demand of small firms not in the registry
  (a local survey) in its two largest industries;
* three saved scenarios: two of the province for every school, and one of the demo's
  support office (시흥) for the schools of its own office.

Every declaration is ``data_origin = synthetic`` and says so in its note: no real company
or government declared any of it. Like the registry demo this is a seeding tool: it
bulk-writes through the ORM, not the services; the scenarios go through the services as the
demo's province officer (and are audited).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import ValidationFailed
from vocnet.core.permissions import actor_for
from vocnet.demand.models import (
    DemandDeclaration,
    RestructuringProposal,
    Scenario,
    ScenarioRecommendation,
    ScenarioStatus,
)
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.services.proposals import (
    ProposalInput,
    proposal_create,
    proposal_decide,
    proposal_forward,
    yearly_limit,
)
from vocnet.demand.services.scenarios import ScenarioInput, scenario_create
from vocnet.demand.supply import current_school_year
from vocnet.registry.models import (
    Company,
    DataOrigin,
    Membership,
    NcsMiddle,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    School,
)

DEFAULT_SEED = 2025
SYNTHETIC_NOTE = "합성(데모) 수요 — 실제 기관의 채용 계획이 아닙니다 (synthetic demo demand)"
FULL_COMPANY_COUNT = 3200
HORIZON = 3


class DemandDemoError(Exception):
    """The registry demo is not there; the message says what to run first."""


@dataclass(frozen=True)
class Hire:
    ncs: str
    weight: float
    occupation: str
    certificates: tuple[str, ...] = ()


# KSIC division → the vocational-school jobs of that industry (weights within the industry).
PROFILE: dict[str, tuple[Hire, ...]] = {
    "26": (
        Hire("1903", 4, "반도체 장비 유지보수원", ("전자기기기능사",)),
        Hire("1902", 3, "반도체 공정 오퍼레이터", ("전자기기기능사",)),
        Hire("1901", 2, "설비 전기 유지보수원", ("전기기능사",)),
        Hire("1701", 1, "공정 화학물질 관리원", ("화학분석기능사",)),
        Hire("1511", 1, "자동화 설비 운영원", ("생산자동화기능사",)),
    ),
    "30": (
        Hire("1506", 4, "자동차 부품 생산·검사원", ("자동차정비기능사",)),
        Hire("1502", 2, "CNC 가공원", ("컴퓨터응용선반기능사",)),
        Hire("1511", 2, "스마트공장 설비 운영원", ("생산자동화기능사",)),
        Hire("1901", 1, "전장 조립원", ("전기기능사",)),
    ),
    "21": (
        Hire("1705", 3, "바이오 의약품 생산원", ("화학분석기능사",)),
        Hire("1701", 2, "품질관리(QC) 분석원", ("화학분석기능사",)),
        Hire("1703", 1, "정밀화학 제조원", ("화학분석기능사",)),
    ),
    "62": (
        Hire("2001", 4, "응용 소프트웨어 개발자", ("정보처리기능사",)),
        Hire("2002", 1, "네트워크 관리원", ("네트워크관리사 2급",)),
    ),
    "63": (
        Hire("2001", 3, "웹 서비스 운영원", ("정보처리기능사",)),
        Hire("0803", 1, "디지털 콘텐츠 제작원", ("웹디자인개발기능사",)),
    ),
    "58": (
        Hire("2001", 2, "게임 클라이언트 개발자", ("정보처리기능사",)),
        Hire("0803", 2, "게임 그래픽 디자이너", ("컴퓨터그래픽기능사",)),
        Hire("0802", 1, "편집 디자이너", ("컴퓨터그래픽기능사",)),
    ),
    "52": (
        Hire("0204", 3, "물류센터 관리원", ("지게차운전기능사",)),
        Hire("1407", 2, "지게차 운전원", ("지게차운전기능사",)),
        Hire("1003", 1, "재고·유통 관리원", ("유통관리사 2급",)),
    ),
    "49": (
        Hire("0901", 2, "운송 관리원"),
        Hire("1506", 2, "차량 정비원", ("자동차정비기능사",)),
        Hire("0204", 1, "배차·물류 사무원"),
    ),
    "10": (
        Hire("2101", 4, "식품 가공원", ("식품가공기능사",)),
        Hire("0204", 1, "위생·품질 관리원", ("식품가공기능사",)),
        Hire("2102", 1, "제과·제빵 생산원", ("제과기능사", "제빵기능사")),
    ),
    "29": (
        Hire("1502", 3, "CNC 가공원", ("컴퓨터응용선반기능사", "컴퓨터응용밀링기능사")),
        Hire("1503", 2, "기계 조립·정비원", ("공유압기능사",)),
        Hire("1501", 2, "CAD 설계 보조원", ("전산응용기계제도기능사",)),
        Hire("1511", 1, "자동화 설비 운영원", ("생산자동화기능사",)),
    ),
    "28": (
        Hire("1901", 3, "전기 설비 조립·시험원", ("전기기능사",)),
        Hire("1902", 2, "전자 부품 조립원", ("전자기기기능사",)),
        Hire("1504", 1, "품질 검사원"),
    ),
    "20": (
        Hire("1701", 3, "화학 공정 운전원", ("화학분석기능사",)),
        Hire("1703", 2, "정밀화학 제조원", ("화학분석기능사",)),
        Hire("2306", 1, "공정 안전 관리원", ("위험물기능사",)),
    ),
    "25": (
        Hire("1502", 3, "용접·가공원", ("용접기능사", "컴퓨터응용선반기능사")),
        Hire("1510", 2, "금형 제작원", ("금형기능사",)),
        Hire("1601", 1, "금속 열처리원", ("금속재료시험기능사",)),
    ),
    "22": (
        Hire("1704", 3, "사출 성형원"),
        Hire("1510", 2, "금형 관리원", ("금형기능사",)),
    ),
    "27": (
        Hire("1903", 2, "의료기기 조립·검사원", ("전자기기기능사",)),
        Hire("1504", 2, "정밀 측정·품질원"),
        Hire("1501", 1, "설계 보조원", ("전산응용기계제도기능사",)),
    ),
    "41": (
        Hire("1403", 3, "건축 시공 보조원", ("건축목공기능사",)),
        Hire("1401", 1, "공무·현장 관리 보조원"),
        Hire("1402", 1, "측량 보조원", ("측량기능사",)),
    ),
    "42": (
        Hire("1901", 3, "전기 공사원", ("전기기능사",)),
        Hire("1403", 1, "실내건축 시공원", ("실내건축기능사",)),
        Hire("1405", 1, "조경 시공원", ("조경기능사",)),
    ),
    "46": (
        Hire("1003", 2, "유통·영업 관리원", ("유통관리사 2급",)),
        Hire("0201", 2, "영업 사무원", ("워드프로세서",)),
        Hire("0203", 1, "회계 사무원", ("전산회계운용사 3급",)),
    ),
    "47": (Hire("1003", 3, "매장 관리원", ("유통관리사 2급",)),),
    "55": (
        Hire("1203", 3, "호텔 프런트 직원"),
        Hire("1301", 2, "조리원", ("한식조리기능사",)),
    ),
    "56": (
        Hire("1301", 4, "조리원", ("한식조리기능사", "양식조리기능사")),
        Hire("2102", 1, "제과·제빵원", ("제과기능사",)),
    ),
}
# Every larger firm also hires some office staff.
OFFICE = (
    Hire("0203", 1, "회계 사무원", ("전산회계운용사 3급",)),
    Hire("0201", 1, "사무원", ("워드프로세서",)),
)
# (chance of declaring, fewest and most vocational-school hires a year)
SIZE_HIRES = {
    "large": (0.9, 15, 45),
    "midsize": (0.8, 4, 16),
    "sme": (0.45, 1, 6),
    "micro": (0.12, 1, 2),
}
# Yearly growth of demand by KSIC division (the rest: flat).
GROWTH = {"26": 1.08, "21": 1.06, "62": 1.05, "63": 1.05, "30": 1.04, "28": 1.04, "52": 1.03}

# The demo's industry bodies: name → (NCS, occupation, hires a year, regions).
INDUSTRY_BODY_DEMAND: dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]] = {
    "경기반도체산업협의회(가상)": (
        ("1903", "반도체 장비 유지보수원(회원사)", 60, ("41460", "41500", "41220")),
        ("1902", "반도체 공정 오퍼레이터(회원사)", 45, ("41460", "41500", "41220")),
    ),
    "경기자동차부품기업협의회(가상)": (
        ("1506", "자동차 부품 생산원(회원사)", 40, ("41390", "41590", "41270")),
        ("1502", "CNC 가공원(회원사)", 20, ("41390", "41590")),
    ),
    "경기바이오헬스산업협회(가상)": (
        ("1705", "바이오 공정 오퍼레이터(회원사)", 35, ("41130", "41110", "41390")),
    ),
    "판교IT기업협의회(가상)": (("2001", "주니어 개발자(회원사)", 70, ("41130",)),),
    "경기물류산업협회(가상)": (
        ("0204", "물류센터 관리원(회원사)", 30, ("41500", "41570", "41220")),
        ("1407", "지게차 운전원(회원사)", 20, ("41500", "41610")),
    ),
    "경기식품산업협의회(가상)": (("2101", "식품 생산원(회원사)", 25, ("41220", "41550", "41670")),),
    "시화반월산업단지기업협의회(가상)": (
        ("1502", "용접·가공원(회원사)", 40, ("41270", "41390")),
        ("1901", "설비 전기원(회원사)", 25, ("41270", "41390")),
        ("1511", "스마트공장 운영원(회원사)", 25, ("41270", "41390")),
    ),
}


@dataclass
class _Line:
    organisation_id: int
    ncs: str
    occupation: str
    region_id: int
    first: float
    growth: float
    certificates: tuple[str, ...]


def demand_demo_present() -> bool:
    return DemandDeclaration.objects.filter(data_origin=DataOrigin.SYNTHETIC).exists()


def reset_demand_demo() -> None:
    """Delete the demo's declarations and scenarios (the rest stays)."""
    with transaction.atomic():
        DemandDeclaration.objects.filter(data_origin=DataOrigin.SYNTHETIC).delete()
        RestructuringProposal.objects.filter(is_synthetic=True).delete()
        Scenario.objects.filter(is_synthetic=True).delete()


def _company_lines(rng: random.Random, regions: dict[int, str]) -> list[_Line]:
    lines: list[_Line] = []
    logins = set(
        Membership.objects.filter(role=Role.COMPANY_STAFF).values_list("organisation_id", flat=True)
    )
    companies = (
        Company.objects.filter(organisation__data_origin=DataOrigin.SYNTHETIC)
        .select_related("ksic_division", "organisation")
        .order_by("pk")
    )
    for company in companies:
        region_id = company.organisation.region_id
        profile = PROFILE.get(company.ksic_division.code)
        chance, low, high = SIZE_HIRES.get(company.size_class, SIZE_HIRES["micro"])
        draw = rng.random()
        hires = rng.randint(low, high)
        if region_id is None or profile is None or (draw > chance and company.pk not in logins):
            continue
        hires_by_field: dict[Hire, int] = Counter()
        menu = list(profile) + (list(OFFICE) if company.size_class in ("large", "midsize") else [])
        for _ in range(hires):
            hires_by_field[rng.choices(menu, weights=[h.weight for h in menu])[0]] += 1
        growth = GROWTH.get(company.ksic_division.code, 1.0)
        for hire, count in hires_by_field.items():
            lines.append(
                _Line(company.pk, hire.ncs, hire.occupation, region_id, count, growth,
                      hire.certificates)
            )  # fmt: skip
    return lines


def _body_lines(scale: float, regions_by_code: dict[str, int]) -> list[_Line]:
    lines = []
    bodies = dict(
        Organisation.objects.filter(kind=OrganisationKind.INDUSTRY_BODY).values_list(
            "name_ko", "pk"
        )
    )
    for name, demands in INDUSTRY_BODY_DEMAND.items():
        if name not in bodies:
            continue
        for ncs, occupation, per_year, codes in demands:
            for code in codes:
                lines.append(
                    _Line(bodies[name], ncs, occupation, regions_by_code[code],
                          max(1.0, per_year * scale / len(codes)), 1.05, ())
                )  # fmt: skip
    return lines


def _city_lines(rng: random.Random, scale: float) -> list[_Line]:
    lines = []
    cities = {
        region_id: pk
        for pk, region_id in Organisation.objects.filter(
            kind=OrganisationKind.CITY_COUNTY, region__isnull=False
        ).values_list("pk", "region_id")
    }
    industries: dict[int, Counter[str]] = defaultdict(Counter)
    for region_id, division in Company.objects.values_list(
        "organisation__region_id", "ksic_division__code"
    ):
        if region_id is not None and division in PROFILE:
            industries[region_id][division] += 1
    for region_id, city in sorted(cities.items()):
        for division, count in industries[region_id].most_common(2):
            hire = PROFILE[division][0]
            headcount = max(2.0, (count * 0.15 + rng.randint(3, 12)) * max(scale, 0.05))
            lines.append(
                _Line(city, hire.ncs, f"{hire.occupation}(지역 중소기업 조사)", region_id,
                      headcount, GROWTH.get(division, 1.0), hire.certificates)
            )  # fmt: skip
    return lines


def _declarations(
    rng: random.Random, lines: list[_Line], base_year: int
) -> list[DemandDeclaration]:
    ncs = dict(NcsMiddle.objects.values_list("code", "pk"))
    merged: dict[tuple[int, str, str, int], _Line] = {}
    for line in lines:
        key = (line.organisation_id, line.ncs, line.occupation, line.region_id)
        if key in merged:
            merged[key].first += line.first
        else:
            merged[key] = line
    rows = []
    for (organisation_id, code, occupation, region_id), line in merged.items():
        for step in range(HORIZON):
            noise = rng.uniform(0.9, 1.1)
            headcount = max(1, round(line.first * line.growth**step * noise))
            rows.append(
                DemandDeclaration(
                    organisation_id=organisation_id,
                    ncs_middle_id=ncs[code],
                    occupation=occupation,
                    region_id=region_id,
                    year=base_year + 1 + step,
                    headcount=headcount,
                    certificates=list(line.certificates),
                    note=SYNTHETIC_NOTE,
                    data_origin=DataOrigin.SYNTHETIC,
                )
            )
    return rows


def _scenarios(today: date) -> int:
    users = get_user_model().objects
    province = users.filter(username="province").first()
    if province is None:
        return 0
    default = ScenarioParameters()
    priority = ScenarioParameters(
        total_change_percent=15.0,
        priority_fields={"1903": 1.5, "1902": 1.5, "1506": 1.3, "1705": 1.3},
    )
    for name, description, parameters in (
        ("기본안(가상): 학교별 정원 ±10%", "합성 데모 시나리오 — 기본 조건", default),
        (
            "첨단산업 우선안(가상): ±15%, 반도체·자동차·바이오 가중",
            "합성 데모 시나리오 — 반도체(1902·1903) 1.5배, 자동차(1506)·바이오(1705) 1.3배",
            priority,
        ),
    ):
        scenario_create(
            actor=province,
            data=ScenarioInput(name, description, parameters, is_synthetic=True),
            today=today,
        )
    # The demo's support-office officer plans for the schools of its own office only.
    office = users.filter(username="office").first()
    if office is None:
        return 2
    scenario_create(
        actor=office,
        data=ScenarioInput(
            "관할 학교안(가상): 학교별 정원 ±10%",
            "합성 데모 시나리오 — 교육지원청 관할 시·군의 학교와 수요만으로 계획",
            default,
            is_synthetic=True,
        ),
        today=today,
    )
    return 3


REASON = "합성 데모 신청: 최근 개편 시나리오의 권고와 지역 수급 근거에 따라 {kind}을 신청합니다."
KIND_WORDS = {"grow": "증원", "shrink": "감원", "convert": "전환"}


def _school_of(user: Any) -> School | None:
    ids = actor_for(user).organisations(Role.SCHOOL_STAFF)
    return School.objects.filter(pk__in=ids).first()


def _proposal_input(
    recommendation: ScenarioRecommendation, school: School, first_year: int
) -> ProposalInput:
    """A proposal that asks for what the scenario recommended, within the yearly limits."""
    department = recommendation.department
    current = department.intake_capacity
    limit = yearly_limit(current)
    kind = recommendation.action
    wanted = recommendation.new_intake
    target = None
    name = ""
    if kind == "grow":
        wanted = min(wanted, current + limit)
    elif kind == "shrink":
        wanted = max(wanted, current - limit, 1)
    else:
        target = recommendation.converted_field.code if recommendation.converted_field else None
        wanted = min(recommendation.converted_intake, limit)
        field_name = (
            recommendation.converted_field.name_ko if recommendation.converted_field else ""
        )
        name = f"{field_name}과(가상)" if wanted < current else ""
    return ProposalInput(
        school_id=school.pk,
        kind=kind,
        department_id=department.pk,
        target_field=target,
        proposed_intake=wanted,
        new_name_ko=name,
        start_year=first_year,
        reason=REASON.format(kind=KIND_WORDS[kind]),
        is_synthetic=True,
    )


def _propose(school_user: Any, first_year: int, today: date) -> RestructuringProposal | None:
    """The school's proposal for the change the province's latest scenario recommends for one
    of its departments (the one that moves most), or None when it recommends none."""
    school = _school_of(school_user)
    if school is None:
        return None
    # The latest solved scenario that plans for the school: the one whose recommendation the
    # proposal's evidence shows (``proposal_evidence``).
    latest = (
        ScenarioRecommendation.objects.filter(
            department__school=school, scenario__status=ScenarioStatus.SOLVED
        )
        .order_by("-scenario__solved_at", "-scenario_id")
        .values_list("scenario_id", flat=True)
        .first()
    )
    if latest is None:
        return None
    recommendations = ScenarioRecommendation.objects.filter(
        department__school=school,
        scenario_id=latest,
        action__in=("grow", "shrink", "convert"),
    ).select_related("department", "converted_field")
    ranked = sorted(
        recommendations,
        key=lambda r: (-abs(r.new_intake - r.current_intake) - r.converted_intake, r.pk),
    )
    for recommendation in ranked:
        try:
            return proposal_create(
                actor=school_user,
                data=_proposal_input(recommendation, school, first_year),
                today=today,
            )
        except ValidationFailed:
            continue  # e.g. a new department's name already taken: try the next change
    return None


OFFICE_REVIEWER_USERNAME = "demo-office-reviewer"


def _office_reviewer(school: School) -> Any:
    """A synthetic officer of the school's support office who cannot sign in (unusable
    password): the one who forwards the demo's second proposal through the service."""
    office = school.organisation.region.support_office  # type: ignore[union-attr]
    if office.organisation_id is None:
        return None
    user, created = get_user_model().objects.get_or_create(
        username=OFFICE_REVIEWER_USERNAME,
        defaults={"name": "합성 데모 검토자", "email": "office-reviewer@demo.vocnet.example"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(
            user=user,
            organisation_id=office.organisation_id,
            role=Role.SUPPORT_OFFICE_OFFICER,
            title="합성 데모 검토자(로그인 불가)",
        )
    return user


def _proposals(today: date) -> int:
    """Two synthetic 학과 개편 신청 at different stages, each asking for what the demo's default
    scenario recommends for the school: 경기자동차과학고's, forwarded by the Siheung office and
    waiting for the province; 삼일공업고's, approved by the province and applied when its school
    year begins."""
    users = get_user_model().objects
    logins = ("school", "school2", "office", "province")
    found = {user.username: user for user in users.filter(username__in=logins)}
    if len(found) < len(logins):
        return 0
    first_year = current_school_year(today) + 1
    made = 0
    forwarded = _propose(found["school"], first_year, today)
    if forwarded is not None:
        proposal_forward(
            actor=found["office"], proposal=forwarded, note="합성 데모: 수요 근거를 확인했습니다."
        )
        made += 1
    approved = _propose(found["school2"], first_year, today)
    reviewer = _office_reviewer(approved.school) if approved is not None else None
    if approved is not None and reviewer is not None:
        # The demo has no login for this school's support office: a synthetic officer of that
        # office (no password; it cannot sign in) forwards it through the service, as the
        # Siheung office does above, and the province decides.
        approved = proposal_forward(
            actor=reviewer, proposal=approved, note="합성 데모: 교육지원청 검토(가상)"
        )
        proposal_decide(
            actor=found["province"],
            proposal=approved,
            approve=True,
            reason="합성 데모 결정: 시나리오 권고와 지역 수요 근거에 맞습니다.",
            today=today,
        )
        made += 1
    return made


def load_demand_demo(
    *, seed: int = DEFAULT_SEED, with_scenarios: bool = True, today: date | None = None
) -> dict[str, int]:
    """Load the demand demo once: returns counts (``declarations``, ``organisations``,
    ``scenarios``; ``created`` is 0 when it was already there). Raises DemandDemoError when
    the registry demo has not been loaded."""
    today = today or timezone.localdate()
    if demand_demo_present():
        return {
            "created": 0,
            "declarations": DemandDeclaration.objects.filter(
                data_origin=DataOrigin.SYNTHETIC
            ).count(),
            "organisations": DemandDeclaration.objects.filter(data_origin=DataOrigin.SYNTHETIC)
            .values("organisation_id")
            .distinct()
            .count(),
            "scenarios": Scenario.objects.filter(is_synthetic=True).count(),
            "proposals": RestructuringProposal.objects.filter(is_synthetic=True).count(),
        }
    companies = Company.objects.filter(organisation__data_origin=DataOrigin.SYNTHETIC).count()
    if not companies:
        raise DemandDemoError(
            "등록부 데모가 없습니다. 먼저 `manage.py load_demo`를 실행하세요. / "
            "The registry demo is missing: run `manage.py load_demo` first."
        )
    rng = random.Random(f"vocnet-demand-demo:{seed}")
    scale = min(1.0, companies / FULL_COMPANY_COUNT)
    regions = dict(Region.objects.values_list("pk", "sigungu_code"))
    regions_by_code = {code: pk for pk, code in regions.items()}
    base_year = current_school_year(today)
    with transaction.atomic():
        lines = _company_lines(rng, regions) + _body_lines(scale, regions_by_code)
        lines += _city_lines(rng, scale)
        rows = DemandDeclaration.objects.bulk_create(
            _declarations(rng, lines, base_year), batch_size=2000
        )
        scenarios = _scenarios(today) if with_scenarios else 0
        proposals = _proposals(today) if with_scenarios else 0
    return {
        "created": len(rows),
        "declarations": len(rows),
        "organisations": len({row.organisation_id for row in rows}),
        "scenarios": scenarios,
        "proposals": proposals,
    }


def demo_summary() -> dict[int, int]:
    """Totals per year of the demo's demand (for the command's output)."""
    totals: dict[int, int] = defaultdict(int)
    for year, headcount in DemandDeclaration.objects.filter(
        data_origin=DataOrigin.SYNTHETIC
    ).values_list("year", "headcount"):
        totals[year] += headcount
    return dict(sorted(totals.items()))
