"""Planning the demo's schools: the real-named ones from the data files, synthetic ones up to
the real scale, their departments, designations and students.

Real-named schools keep what the sources say (name, city where verified, meister or not, the
departments a source names, every designation) and get synthetic details for the rest.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

from vocnet.demo.registry.fields import (
    ANSAN,
    PROFILE_BOOSTS,
    PROFILE_WEIGHTS,
    PROFILES,
    RURAL_REGIONS,
    SCHOOLS_PER_REGION,
    SIHEUNG,
    SchoolProfile,
)
from vocnet.demo.registry.inputs import Inputs, RealSchoolRow, RegionInfo, school_name_core
from vocnet.demo.registry.names import SCHOOL_STEMS, person_name
from vocnet.demo.registry.plan import (
    DEMO_EMAIL_DOMAIN,
    INFERRED_LOCATION_NOTE,
    SYNTHETIC_NOTE,
    UNVERIFIED_LOCATION_NOTE,
    PlannedDepartment,
    PlannedDesignation,
    PlannedOrganisation,
    PlannedSchool,
    PlannedStudent,
)
from vocnet.registry.reference import PILOT_DISTRICT_SOURCE

BASE_SCHOOL_NAME = "경기자동차과학고등학교"
# The one real NEIS code in the sources (a stored preset list, single source).
KNOWN_NEIS_CODES = {"수원하이텍고등학교": "7530900"}
# Synthetic NEIS codes: 99xxxxx, outside the ranges seen for real schools (Gyeonggi's are 75…).
SYNTHETIC_NEIS_PREFIX = "99"
PILOT_YEAR = 2025
CONSORTIUM_FIELD = "미래자동차"

# Intake capacities per department: multiples of 4 between 24 and 56 mostly, a few outliers.
CAPACITIES = (24, 28, 32, 36, 40, 44, 48, 52, 56)
CAPACITY_WEIGHTS = (6, 10, 14, 14, 16, 12, 12, 8, 8)
OUTLIER_CAPACITIES = (20, 60, 64, 72, 80, 96, 100)
DEPARTMENT_COUNTS = (3, 4, 5, 6)
DEPARTMENT_COUNT_WEIGHTS = (25, 35, 25, 15)
CLASS_SIZE = 28


@dataclass(frozen=True)
class RealSchoolHint:
    """What the sources suggest about a real school's field and departments."""

    profile: str
    departments: tuple[tuple[str, str], ...] = ()
    department_count: int | None = None
    capacity_cap: int | None = None


# Profiles read from each school's name and the `fields_or_departments` column; departments
# listed here are named in that column.
REAL_SCHOOL_HINTS: dict[str, RealSchoolHint] = {
    "경기자동차과학고등학교": RealSchoolHint("automotive", (("미래자동차과", "1506"),)),
    "수원하이텍고등학교": RealSchoolHint(
        "mechatronics", (("메카트로닉스과", "1511"), ("정밀기계과", "1502"))
    ),
    "평택마이스터고등학교": RealSchoolHint(
        "automotive", (("자동차과", "1506"), ("기계과", "1502"))
    ),
    "경기게임마이스터고등학교": RealSchoolHint("game", department_count=3),
    "한국외식과학고등학교": RealSchoolHint("culinary", (("조리과", "1301"), ("관광과", "1203"))),
    "세경고등학교": RealSchoolHint("automotive", (("디지털자동차과", "1506"),), 5),
    "여주자영농업고등학교": RealSchoolHint("agri"),
    "경민IT고등학교": RealSchoolHint("it"),
    "한국문화영상고등학교": RealSchoolHint("media"),
    "하남경영고등학교": RealSchoolHint("business"),
    "경기항공고등학교": RealSchoolHint("aviation"),
    "매향여자정보고등학교": RealSchoolHint(
        "business", (("세무회계과", "0203"), ("모바일콘텐츠과", "2001"))
    ),
    "수원농생명과학고등학교": RealSchoolHint("agri"),
    "경기모바일과학고등학교": RealSchoolHint("it", (("모바일컨텐츠과", "2001"),)),
    "부천정보산업고등학교": RealSchoolHint("it"),
    "양평전자과학고등학교": RealSchoolHint("electronics"),
    "경기글로벌통상고등학교": RealSchoolHint("business"),
    # A small boarding school (185 students in 2023, per its source): small departments.
    "한국관광고등학교": RealSchoolHint("culinary", (("관광과", "1203"),), 3, 24),
}


def _hint_for(name: str) -> RealSchoolHint:
    if name in REAL_SCHOOL_HINTS:
        return REAL_SCHOOL_HINTS[name]
    # Schools not listed above: read the field from the name, as the data file does.
    for word, profile in (("공업", "industrial"), ("과학기술", "industrial"), ("정보", "it")):
        if word in name:
            return RealSchoolHint(profile)
    return RealSchoolHint("industrial")


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _NeisCodes:
    """Synthetic NEIS codes in plan order, never reusing a real one."""

    def __init__(self) -> None:
        self._next = 1

    def take(self, name: str) -> str:
        if name in KNOWN_NEIS_CODES:
            return KNOWN_NEIS_CODES[name]
        code = f"{SYNTHETIC_NEIS_PREFIX}{self._next:05d}"
        self._next += 1
        return code


class _Contact(TypedDict):
    address: str
    phone: str
    email: str


def _contact(region: RegionInfo | None, neis_code: str) -> _Contact:
    return {
        "address": region.full_name_ko if region else "",
        # 000 is no Korean exchange prefix: the number looks like one and reaches nobody.
        "phone": f"031-000-{int(neis_code) % 10000:04d}",
        "email": f"school-{neis_code}@{DEMO_EMAIL_DOMAIN}",
    }


def _real_school(
    row: RealSchoolRow, inputs: Inputs, rng: random.Random, codes: _NeisCodes
) -> PlannedSchool:
    region = inputs.regions.get(row.sigungu_code) if row.sigungu_code else None
    neis = codes.take(row.name_ko)
    notes = [f"실명 출처(gyeonggi_vocational_schools.csv sources): {row.sources}"]
    if row.name_ko in KNOWN_NEIS_CODES:
        notes.append(f"학교코드 {neis}: 단일 출처 (single source); 학과·재학생·연락처는 합성")
    else:
        notes.append("학교코드·학과·재학생·연락처는 합성 (synthetic details)")
    if not row.location_verified:
        notes.append(UNVERIFIED_LOCATION_NOTE)
    elif row.location_inferred:
        notes.append(INFERRED_LOCATION_NOTE)
    if row.status.startswith("verify"):
        notes.append("운영 현황 확인 필요 (verify current status)")
    organisation = PlannedOrganisation(
        kind="school",
        name_ko=row.name_ko,
        data_origin="real_name_synthetic",
        source_note=_clip(" · ".join(notes)),
        region_code=region.sigungu_code if region else None,
        location_is_inferred=row.location_inferred,
        **_contact(region, neis),
    )
    # 70 % public, 30 % private where the sources say nothing.
    private = row.is_private or rng.random() < 0.3
    return PlannedSchool(
        organisation=organisation,
        neis_code=neis,
        school_type="meister" if row.is_meister else "specialized",
        establishment="private" if private else "public",
        profile=_hint_for(row.name_ko).profile,
    )


def _listed_only_rows(inputs: Inputs) -> Iterator[RealSchoolRow]:
    """Model or MoE schools missing from the school list: named, location unverified."""
    listed = {row.name_ko for row in inputs.real_schools}
    named = [name for _, name, _ in inputs.model_schools] + [n for _, n, _, _ in inputs.moe_schools]
    for name in dict.fromkeys(named):
        if name not in listed:
            yield RealSchoolRow(
                name, None, False, False, False, "current", "", "model/MoE school lists", ""
            )


def _real_designations(schools: dict[str, PlannedSchool], inputs: Inputs) -> None:
    for year, name, field_note, source in inputs.moe_schools:
        schools[name].designations.append(
            PlannedDesignation(
                kind="moe_agreement",
                year=year,
                role="base",
                field_note=field_note,
                source_note=_clip(f"moe_agreement_schools.csv: {source}", 200),
            )
        )
    for model_type, name, source in inputs.model_schools:
        kind = "gg_hightech" if "하이테크" in model_type else "gg_agreement"
        schools[name].designations.append(
            PlannedDesignation(
                kind=kind,
                year=PILOT_YEAR,
                field_note=model_type,
                source_note=_clip(f"gyeonggi_model_schools_2025.csv: {source}", 200),
            )
        )


def allocate(full: dict[str, int], scale: float) -> dict[str, int]:
    """Largest-remainder allocation of ``round(sum(full) * scale)`` over the same keys."""
    total_full = sum(full.values())
    target = round(total_full * scale)
    if total_full == 0:
        return dict.fromkeys(full, 0)
    quotas = {key: value * target / total_full for key, value in full.items()}
    counts = {key: math.floor(q) for key, q in quotas.items()}
    leftovers = sorted(full, key=lambda key: (counts[key] - quotas[key], key))
    for key in leftovers[: target - sum(counts.values())]:
        counts[key] += 1
    return counts


def _profile_for_region(rng: random.Random, region_code: str) -> str:
    keys = list(PROFILE_WEIGHTS)
    weights = [PROFILE_WEIGHTS[k] * PROFILE_BOOSTS.get(k, {}).get(region_code, 1.0) for k in keys]
    return rng.choices(keys, weights=weights)[0]


def _synthetic_name(
    rng: random.Random, region: RegionInfo, profile: SchoolProfile, girls: bool, taken: set[str]
) -> str:
    stems = SCHOOL_STEMS.get(region.sigungu_code, (region.stem,))
    words = profile.name_words
    for _ in range(500):
        name = f"{rng.choice(stems)}{'여자' if girls else ''}{rng.choice(words)}고등학교"
        if school_name_core(name) not in taken:
            taken.add(school_name_core(name))
            return name
    raise RuntimeError(f"No free school name left for {region.name_ko} / {profile.key}.")


def _synthetic_schools(
    inputs: Inputs,
    real: list[PlannedSchool],
    scale: float,
    rng: random.Random,
    codes: _NeisCodes,
) -> list[PlannedSchool]:
    real_per_region: dict[str, int] = {}
    for school in real:
        if school.organisation.region_code:
            code = school.organisation.region_code
            real_per_region[code] = real_per_region.get(code, 0) + 1
    full = {
        code: max(0, wanted - real_per_region.get(code, 0))
        for code, wanted in SCHOOLS_PER_REGION.items()
    }
    counts = allocate(full, scale)
    # The consortium of the Siheung base school needs its members at every scale.
    counts[SIHEUNG] = max(counts[SIHEUNG], 2)
    counts[ANSAN] = max(counts[ANSAN], 1)
    anchors = {(SIHEUNG, 0): "industrial", (SIHEUNG, 1): "electronics", (ANSAN, 0): "automotive"}

    slots: list[tuple[str, int, str, bool]] = []  # (region, index in region, profile, anchor)
    for code in inputs.regions:
        for index in range(counts.get(code, 0)):
            anchor_profile = anchors.get((code, index))
            chosen = anchor_profile or _profile_for_region(rng, code)
            slots.append((code, index, chosen, anchor_profile is not None))
    # About 3 % of all vocational schools are general high schools with vocational classes.
    general_count = round(0.03 * (len(real) + len(slots)))
    candidates = [i for i, slot in enumerate(slots) if not slot[3]]
    general = set(rng.sample(candidates, min(general_count, len(candidates))))

    taken = set(inputs.known_school_cores)
    schools = []
    for position, (code, _index, profile_key, is_anchor) in enumerate(slots):
        region = inputs.regions[code]
        if position in general:
            profile_key = "general"
        profile = PROFILES[profile_key]
        girls = profile_key in ("business", "design", "health", "it") and rng.random() < 0.12
        name = _synthetic_name(rng, region, profile, girls, taken)
        neis = codes.take(name)
        school = PlannedSchool(
            organisation=PlannedOrganisation(
                kind="school",
                name_ko=name,
                data_origin="synthetic",
                source_note=SYNTHETIC_NOTE,
                region_code=code,
                **_contact(region, neis),
            ),
            neis_code=neis,
            school_type="general_vocational" if position in general else "specialized",
            establishment="private" if rng.random() < 0.3 else "public",
            profile=profile_key,
        )
        if is_anchor:
            school.designations.append(
                PlannedDesignation(
                    kind="moe_agreement",
                    year=PILOT_YEAR,
                    role="member",
                    field_note=CONSORTIUM_FIELD,
                    source_note=f"{SYNTHETIC_NOTE}: {BASE_SCHOOL_NAME} 컨소시엄 참여학교(가상)",
                )
            )
        schools.append(school)
    return schools


def _pilot_designations(schools: list[PlannedSchool], inputs: Inputs) -> None:
    for school in schools:
        code = school.organisation.region_code
        office = inputs.regions[code].office_name if code else ""
        if office in inputs.pilot_office_names:
            school.designations.append(
                PlannedDesignation(
                    kind="pilot_district",
                    year=PILOT_YEAR,
                    pilot_office_name=office,
                    source_note=_clip(f"{PILOT_DISTRICT_SOURCE}; 소재 시·군 기준", 200),
                )
            )


def _departments(
    rng: random.Random, school: PlannedSchool, hint: RealSchoolHint | None, scale: float
) -> list[PlannedDepartment]:
    profile = PROFILES[school.profile]
    count = (hint.department_count if hint else None) or rng.choices(
        DEPARTMENT_COUNTS, weights=DEPARTMENT_COUNT_WEIGHTS
    )[0]
    rest = list(profile.departments[1:])
    rng.shuffle(rest)
    secondary = list(PROFILES[profile.secondary].departments)
    rng.shuffle(secondary)
    pool = [*(hint.departments if hint else ()), profile.departments[0], *rest, *secondary]
    unique: dict[str, str] = {}
    for name, ncs in pool:
        unique.setdefault(name, ncs)
    chosen = list(unique.items())[:count]

    region = school.organisation.region_code
    # Rural schools fill fewer places; every school loses students in the higher grades.
    fill = rng.uniform(0.75, 0.93) if region in RURAL_REGIONS else rng.uniform(0.93, 1.0)
    departments = []
    for name, ncs in chosen:
        if rng.random() < 0.06:
            capacity = rng.choice(OUTLIER_CAPACITIES)
        else:
            capacity = rng.choices(CAPACITIES, weights=CAPACITY_WEIGHTS)[0]
        if hint and hint.capacity_cap:
            capacity = min(capacity, hint.capacity_cap)
        enrolled = [
            min(capacity, round(capacity * fill * rng.uniform(0.96, 1.0))),
            round(capacity * fill * rng.uniform(0.86, 0.97)),
            round(capacity * fill * rng.uniform(0.80, 0.94)),
        ]
        if scale < 1:
            # Small demos keep every department but shrink its classes proportionally.
            enrolled = [max(1, round(n * scale)) for n in enrolled]
        e1, e2, e3 = (max(1, n) for n in enrolled)
        departments.append(PlannedDepartment(name, ncs, capacity, (e1, e2, e3)))
    return departments


def _students(rng: random.Random, school: PlannedSchool, school_year: int) -> None:
    """Fill each department with exactly its enrolment per grade.

    학번 = grade (1 digit) + class (2) + number in class (2), e.g. 10315; classes are numbered
    per grade across the school's departments, numbers follow 가나다 order within a class.
    Grade g of school year Y was born in Y − 15 − g (entry by calendar birth year since
    2009); 3 % a year earlier (late entry, a repeated year).
    """
    profile = PROFILES[school.profile]
    male_share = 0.0 if "여자" in school.organisation.name_ko else profile.male_share
    for grade in (1, 2, 3):
        class_number = 0
        for department in school.departments:
            enrolled = department.enrolled[grade - 1]
            classes = max(1, math.ceil(department.intake_capacity / CLASS_SIZE))
            names = [person_name(rng, male=rng.random() < male_share) for _ in range(enrolled)]
            start = 0
            for index in range(classes):
                size = enrolled // classes + (1 if index < enrolled % classes else 0)
                class_number += 1
                for number, name in enumerate(sorted(names[start : start + size]), start=1):
                    year = school_year - 15 - grade - (1 if rng.random() < 0.03 else 0)
                    # A day index drawn the same way every year keeps the draws independent
                    # of the school year: only the birth year moves with it.
                    born = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                    department.students.append(
                        PlannedStudent(f"{grade}{class_number:02d}{number:02d}", name, grade, born)
                    )
                start += size


def plan_schools(
    inputs: Inputs, *, seed: int, scale: float, school_year: int
) -> list[PlannedSchool]:
    """Every school of the demo with departments, designations and students, in a fixed order:
    real-named schools in data-file order, then synthetic ones by region code."""
    rng = random.Random(f"vocnet-demo:{seed}:schools")
    student_rng = random.Random(f"vocnet-demo:{seed}:students")
    codes = _NeisCodes()
    rows = [*inputs.real_schools, *_listed_only_rows(inputs)]
    real = [_real_school(row, inputs, rng, codes) for row in rows]
    _real_designations({s.organisation.name_ko: s for s in real}, inputs)
    schools = real + _synthetic_schools(inputs, real, scale, rng, codes)
    _pilot_designations(schools, inputs)
    for school in schools:
        hint = _hint_for(school.organisation.name_ko) if school.is_real_name else None
        school.departments = _departments(rng, school, hint, scale)
        _students(student_rng, school, school_year)
    return schools
