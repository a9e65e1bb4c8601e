"""The Gyeonggi demo generator: one seed in, the same demo out.

``generate(seed, scale, school_year)`` returns a :class:`DemoPlan` and touches no database;
``vocnet.demo.registry.loader`` writes it. Each part draws from its own
``random.Random(f"vocnet-demo:{seed}:{part}")`` (string seeds are hashed with SHA-512, so the
stream does not depend on PYTHONHASHSEED), which keeps the schools identical when only the
company count changes.
"""

from __future__ import annotations

import random
from datetime import date

from vocnet.demo.registry.companies import plan_companies
from vocnet.demo.registry.inputs import Inputs, load_inputs
from vocnet.demo.registry.names import INDUSTRY_BODIES, UNIVERSITIES, person_name
from vocnet.demo.registry.plan import (
    DEFAULT_SEED,
    DEMO_EMAIL_DOMAIN,
    SYNTHETIC_NOTE,
    DemoPlan,
    PlannedLogin,
    PlannedOrganisation,
)
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME, plan_schools

PROVINCE_NAME = "경기도"
EDUCATION_OFFICE_NAME = "경기도교육청"
SIHEUNG_OFFICE_NAME = "경기도시흥교육지원청"
SECOND_SCHOOL_NAME = "삼일공업고등학교"
OFFICIAL_NOTE = "실제 기관명 (official name); 연락처 미입력"


def current_school_year(today: date | None = None) -> int:
    """The Korean school year running on ``today``: it starts on 1 March."""
    today = today or date.today()
    return today.year if today.month >= 3 else today.year - 1


def _official_organisations(inputs: Inputs) -> list[PlannedOrganisation]:
    """Real public bodies: official names only, no invented contact details."""
    organisations = [
        PlannedOrganisation(
            kind="province",
            name_ko=PROVINCE_NAME,
            name_en="Gyeonggi Province",
            data_origin="official",
            source_note=OFFICIAL_NOTE,
        ),
        PlannedOrganisation(
            kind="education_office",
            name_ko=EDUCATION_OFFICE_NAME,
            name_en="Gyeonggi Provincial Office of Education",
            data_origin="official",
            source_note=OFFICIAL_NOTE,
        ),
        # A real agency; its seat is not in our sources, so the region stays empty.
        PlannedOrganisation(
            kind="public_agency",
            name_ko="경기도경제과학진흥원",
            name_en="Gyeonggi Business & Science Accelerator",
            data_origin="official",
            source_note=f"{OFFICIAL_NOTE}; 소재지 미입력",
        ),
    ]
    organisations += [
        PlannedOrganisation(
            kind="city_county",
            name_ko=region.name_ko,
            name_en=region.name_en,
            region_code=code,
            data_origin="official",
            source_note=f"{OFFICIAL_NOTE}; gyeonggi_regions.csv",
        )
        for code, region in inputs.regions.items()
    ]
    return organisations


def _synthetic_organisations(inputs: Inputs) -> list[PlannedOrganisation]:
    organisations = []
    for kind, rows in (("university", UNIVERSITIES), ("industry_body", INDUSTRY_BODIES)):
        for index, (name_ko, name_en, code) in enumerate(rows, start=1):
            organisations.append(
                PlannedOrganisation(
                    kind=kind,
                    name_ko=name_ko,
                    name_en=name_en,
                    region_code=code,
                    data_origin="synthetic",
                    source_note=SYNTHETIC_NOTE,
                    address=inputs.regions[code].full_name_ko,
                    phone=f"031-000-9{index:03d}" if kind == "university" else "",
                    email=f"{kind.replace('_', '-')}-{index:02d}@{DEMO_EMAIL_DOMAIN}",
                )
            )
    return organisations


def _logins(rng: random.Random, company_name: str, student_name: str) -> list[PlannedLogin]:
    university = UNIVERSITIES[0][0]
    siheung = "시흥시"
    return [
        PlannedLogin("province", "province_officer", "박지현", "직업교육정책과 장학사",
                     "education_office", EDUCATION_OFFICE_NAME, is_staff=True),
        PlannedLogin("office", "support_office_officer", "이성민", "중등교육지원과 장학사",
                     "support_office", SIHEUNG_OFFICE_NAME),
        PlannedLogin("school", "school_staff", "최윤희", "취업지원부장", "school",
                     BASE_SCHOOL_NAME),
        PlannedLogin("school2", "school_staff", "정하늘", "산학협력부장", "school",
                     SECOND_SCHOOL_NAME),
        PlannedLogin("company", "company_staff", "강민호", "인사팀 과장", "company",
                     company_name),
        PlannedLogin("localgov", "local_government_officer", "윤서영", "일자리정책과 주무관",
                     "city_county", siheung),
        PlannedLogin("university", "university_staff", "한상우", "산학협력단 팀장",
                     "university", university),
        PlannedLogin("student", "student", student_name, "", "school", BASE_SCHOOL_NAME),
        PlannedLogin("guardian", "guardian", person_name(rng, male=False), "", "school",
                     BASE_SCHOOL_NAME),
    ]  # fmt: skip


def generate(
    seed: int = DEFAULT_SEED, scale: float = 1.0, school_year: int | None = None
) -> DemoPlan:
    """The whole demo as data. ``scale`` shrinks the synthetic schools, companies and class
    sizes (tests use 0.02); every real-named school, public body and login stays.
    Raises ValueError for a scale outside (0, 10]."""
    if not 0 < scale <= 10:
        raise ValueError("scale must be in (0, 10].")
    inputs = load_inputs()
    year = school_year if school_year is not None else current_school_year()
    schools = plan_schools(inputs, seed=seed, scale=scale, school_year=year)
    companies = plan_companies(inputs, seed=seed, scale=scale)

    base = next(s for s in schools if s.organisation.name_ko == BASE_SCHOOL_NAME)
    # The student login is a third-grader: the age group of field training (현장실습).
    student = next(st for st in base.departments[0].students if st.grade == 3)
    company = companies[0]
    people_rng = random.Random(f"vocnet-demo:{seed}:people")
    return DemoPlan(
        seed=seed,
        scale=scale,
        school_year=year,
        schools=schools,
        companies=companies,
        organisations=_official_organisations(inputs) + _synthetic_organisations(inputs),
        logins=_logins(people_rng, company.organisation.name_ko, student.name),
        login_student=(BASE_SCHOOL_NAME, student.student_number),
    )
