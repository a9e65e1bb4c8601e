"""Aggregated, always-suppressed graduate figures of a region, for those who may not see a
graduate's row: a local government's region page (issue 18 §5). Counts only, never a row or
a key; every count from 1 to 4 is "<5" (``rules.SUPPRESSION``). This is a second read path
beside the person-scoped one, taken deliberately: see docs/adr/0027-longitudinal-pathways.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike
from vocnet.pathways import indicators
from vocnet.pathways.models import GraduateDestination, PathwayStatus
from vocnet.pathways.selectors.indicators import SCHOOL_REGION_CODE, IndicatorTable, build_table
from vocnet.registry.local_government import local_government_region_ids
from vocnet.registry.models import Region, Role


def aggregate_region_scope(user: UserLike) -> frozenset[int] | None:
    """The regions whose aggregated graduate figures ``user`` may see: None for all (the
    province, the provincial government), a support office's regions, a city's or county's
    own. Raises PermissionDenied for everyone else."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        raise permission_denied()
    if actor.is_province:
        return None
    local = local_government_region_ids(actor)
    if local is None:
        return None
    regions = local | actor.region_ids
    if Role.SUPPORT_OFFICE_OFFICER not in actor.roles and not local:
        raise permission_denied()
    return regions


@dataclass(frozen=True)
class Flow:
    name_ko: str
    name_en: str
    count: int | str


@dataclass
class RegionFlows:
    """Where the graduates of the region's schools work, and who is hired in the region."""

    region: Region
    graduates: indicators.ShownRow
    workplaces: list[Flow]
    hired_here: Flow
    hired_here_local: Flow
    hired_here_from_elsewhere: Flow


def region_flows(*, user: UserLike, region: Region, year: int | None = None) -> RegionFlows:
    """The region's graduate flows (all recorded classes, or ``year``'s), suppressed.
    Raises PermissionDenied outside ``aggregate_region_scope``. Three queries."""
    scope = aggregate_region_scope(user)
    if scope is not None and region.pk not in scope:
        raise permission_denied()
    graduates = GraduateDestination.objects.all()
    if year:
        graduates = graduates.filter(graduation_year=year)
    schools_here = graduates.filter(department__school__organisation__region=region)
    table = build_table(schools_here, "total", suppress=True)
    code = region.sigungu_code
    employed = Q(pathway_status=PathwayStatus.EMPLOYED)
    out = schools_here.aggregate(
        same_city=Count("pk", filter=employed & Q(workplace_sigungu_code=code)),
        same_province=Count(
            "pk",
            filter=employed
            & Q(workplace_sigungu_code__startswith=code[:2])
            & ~Q(workplace_sigungu_code=code),
        ),
        elsewhere=Count(
            "pk",
            filter=employed
            & ~Q(workplace_sigungu_code="")
            & ~Q(workplace_sigungu_code__startswith=code[:2]),
        ),
        unknown=Count("pk", filter=employed & Q(workplace_sigungu_code="")),
    )
    here = graduates.filter(employed, workplace_sigungu_code=code).aggregate(
        total=Count("pk"),
        local=Count("pk", filter=Q(**{SCHOOL_REGION_CODE: code})),
    )

    def flow(name_ko: str, name_en: str, count: int) -> Flow:
        return Flow(name_ko, name_en, indicators.shown_count(count, suppress=True))

    return RegionFlows(
        region=region,
        graduates=table.total.shown,
        workplaces=[
            flow("같은 시·군", "The same city or county", out["same_city"]),
            flow("도 안의 다른 시·군", "Elsewhere in the province", out["same_province"]),
            flow("다른 시·도", "Another province", out["elsewhere"]),
            flow("근무지 모름", "Workplace unknown", out["unknown"]),
        ],
        hired_here=flow("이 지역에서 일하는 졸업생", "Graduates working here", here["total"]),
        hired_here_local=flow(
            "그중 이 지역 학교 졸업생", "of whom from schools here", here["local"]
        ),
        hired_here_from_elsewhere=flow(
            "그중 다른 지역 학교 졸업생",
            "of whom from schools elsewhere",
            here["total"] - here["local"],
        ),
    )


# --- Open data (issue 18 §6) ----------------------------------------------------------------

OPEN_DIMENSIONS = ("year", "region", "field", "programme")
LICENCE_KO = (
    "공공누리 제1유형(출처표시): 출처를 밝히면 상업적 이용과 변경을 포함해 자유롭게 "
    "이용할 수 있습니다."
)
LICENCE_EN = (
    "Korea Open Government License (KOGL) Type 1 — attribution: free to use, including "
    "commercially and with changes, when the source is credited."
)
LICENCE_URL = "https://www.kogl.or.kr/info/licenseType1.do"
# Column → (Korean, English, the definition it follows: a ``rules`` code or "count").
DATA_DICTIONARY: tuple[tuple[str, str, str, str], ...] = (
    ("name_ko", "구분", "Group", "count"),
    ("graduates", "졸업자 수", "Graduates", "count"),
    ("employed", "기준일 취업자 수", "Employed on the reference day", "employment_rate"),
    ("higher_education", "진학자 수", "In higher education", "higher_education_rate"),
    ("enlisted", "입대자 수", "Enlisted", "employment_rate"),
    ("exempted", "제외인정자 수", "Exempted", "employment_rate"),
    ("employment_rate", "취업률(%)", "Employment rate (%)", "employment_rate"),
    ("higher_education_rate", "진학률(%)", "Higher-education rate (%)", "higher_education_rate"),
    ("retention_6", "유지취업률 6개월(%)", "Retention at 6 months (%)", "retention_rate"),
    ("retention_12", "유지취업률 12개월(%)", "Retention at 12 months (%)", "retention_rate"),
    (
        "same_city",
        "같은 시군 근무(%)",
        "Working in the school's city or county (%)",
        "regional_retention",
    ),
    (
        "same_province",
        "같은 시도 근무(%)",
        "Working in the school's province (%)",
        "regional_retention",
    ),
    ("work_study", "선취업 후학습 수", "On a work-then-study route", "work_study_share"),
    ("work_study_rate", "선취업 후학습(%)", "On a work-then-study route (%)", "work_study_share"),
    (
        "days_to_first_job",
        "첫 취업까지 평균 일수",
        "Mean days to the first job",
        "time_to_first_job",
    ),
    ("synthetic", "합성(데모) 자료 포함", "Includes synthetic (demo) records", "count"),
)


def open_indicator_table(*, dimension: str, year: int | None = None) -> IndicatorTable:
    """The open table of ``dimension`` (one of ``OPEN_DIMENSIONS``): every recorded graduate
    (or ``year``'s), small cells always suppressed — the figures the province's signed-in page
    shows, by the same function (``build_table``). No login; no row or key leaves. Raises
    LookupError for another dimension."""
    if dimension not in OPEN_DIMENSIONS:
        raise LookupError(dimension)
    graduates = GraduateDestination.objects.all()
    if year:
        graduates = graduates.filter(graduation_year=year)
    return build_table(graduates, dimension, suppress=True)
