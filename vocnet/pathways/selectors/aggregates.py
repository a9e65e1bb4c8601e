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
from vocnet.pathways.selectors.indicators import SCHOOL_REGION_CODE, build_table
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
