"""The rules of the longitudinal pathway as data (issue 18, §1–§2): the dates a graduate's
events are measured from, the routes of study while working, and the definitions of the
indicators, each with its source, the date it was checked and whether it was verified against
the text of the source. Pure Python: no Django import (``.importlinter``, pure-engines).

A rule whose source could not be read here is ``verified=False`` and the pages say so; none
is presented as fact on vocnet's word alone. See docs/adr/0027-longitudinal-pathways.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CHECKED_ON = date(2026, 12, 6)


@dataclass(frozen=True)
class Rule:
    """One rule or definition: what it says, where it comes from, when that was checked."""

    code: str
    name_ko: str
    name_en: str
    text_ko: str
    text_en: str
    source: str
    checked_on: date
    verified: bool
    official: bool = True  # False: vocnet's own definition, said so on the page


# --- Dates ------------------------------------------------------------------------------

# Vocational high schools graduate in the first half of February; the day is not recorded,
# so vocnet measures from 1 February (vocnet's convention, not an official one).
GRADUATION_DAY = Rule(
    "graduation_day",
    "졸업일(기준)",
    "Graduation day (convention)",
    "졸업일은 기록하지 않으므로 졸업 연도의 2월 1일을 졸업일로 봅니다.",
    "The day of graduation is not recorded; vocnet takes 1 February of the graduation year.",
    "vocnet 기준 (vocnet's convention)",
    CHECKED_ON,
    verified=False,
    official=False,
)
# 조기취업: a student may start work in the second semester of the third year (the premise
# of 조기취업형 계약학과), so a hire may be dated from 1 September of the year before.
EARLY_HIRE = Rule(
    "early_hire",
    "3학년 2학기 조기취업",
    "Early hire in the 3rd year's second semester",
    "취업(입사)은 졸업 전해 9월 1일(3학년 2학기)부터, 다른 사건은 졸업일부터 기록합니다.",
    "A hire may be dated from 1 September of the year before graduation (3rd year, second "
    "semester); every other event from the graduation day.",
    "교육부 조기취업형 계약학과 사업 안내 (3학년 2학기 취업 후 입학) — 원문 미확인",
    CHECKED_ON,
    verified=False,
)
# The national statistic counts graduates on 1 April (key_numbers.md, "reference date 1 April
# each year"); that the day falls in the graduation year is vocnet's reading.
REFERENCE_DAY = Rule(
    "reference_day",
    "취업통계 기준일",
    "Reference day of the statistic",
    "직업계고 졸업자 취업통계의 기준일은 4월 1일입니다(졸업 연도의 4월 1일로 계산).",
    "The national statistic counts graduates on 1 April (vocnet takes 1 April of the "
    "graduation year).",
    "교육부·한국교육개발원 직업계고 졸업자 취업통계(승인통계), /work/shared/data/key_numbers.md",
    CHECKED_ON,
    verified=False,
)


def graduation_date(year: int) -> date:
    """The day vocnet measures a class of ``year`` from (``GRADUATION_DAY``)."""
    return date(year, 2, 1)


def earliest_hire(year: int) -> date:
    """The first day a hire of the class of ``year`` may be dated (``EARLY_HIRE``)."""
    return date(year - 1, 9, 1)


def reference_date(year: int) -> date:
    """The day the employment statistic counts the class of ``year`` (``REFERENCE_DAY``)."""
    return date(year, 4, 1)


# --- Routes of study ------------------------------------------------------------------------

REGULAR = "regular"
ROUTES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "incumbent_special",
            "재직자 특별전형",
            "Special admission for employees",
            "특성화고 등 졸업 후 산업체 3년 이상 재직자의 대학 특별전형.",
            "University admission for graduates of vocational high schools after 3 years in work.",
            "고등교육법 시행령 제29조제2항 (재직자 특별전형) — 조문 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            "early_employment_contract",
            "조기취업형 계약학과",
            "Early-employment contract department",
            "3학년 2학기에 취업한 학생이 재직하며 다니는 계약학과.",
            "A contract department for students hired in the 3rd year's second semester, "
            "studying while employed.",
            "산업교육진흥 및 산학연협력촉진에 관한 법률 제8조 (계약학과); 교육부 조기취업형 "
            "계약학과 사업 — 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            "hiring_contract",
            "채용조건형 계약학과",
            "Hiring-condition contract department",
            "산업체가 채용을 조건으로 학비를 부담하는 계약학과.",
            "A contract department whose students a company undertakes to hire.",
            "산업교육진흥 및 산학연협력촉진에 관한 법률 제8조, 같은 법 시행령 제6조 — 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            "retraining_contract",
            "재교육형 계약학과",
            "Retraining contract department",
            "산업체 재직자의 재교육을 위한 계약학과.",
            "A contract department for the further education of a company's employees.",
            "산업교육진흥 및 산학연협력촉진에 관한 법률 제8조, 같은 법 시행령 제6조 — 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            "corporate_university",
            "사내대학",
            "Corporate university",
            "기업이 설치한 학위 과정(사내대학형태의 평생교육시설).",
            "A degree course set up by an employer (a lifelong-education facility).",
            "평생교육법 제32조 (사내대학형태의 평생교육시설) — 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            "open_cyber",
            "방송통신대·사이버대",
            "Open or cyber university",
            "한국방송통신대학교 또는 사이버대학.",
            "The Korea National Open University or a cyber university.",
            "고등교육법 제2조제5호 (방송대학·통신대학·방송통신대학 및 사이버대학) — 원문 미확인",
            CHECKED_ON,
            verified=False,
        ),
        Rule(
            REGULAR,
            "일반 진학",
            "Regular admission",
            "재직과 관계없는 일반 진학(수시·정시 등).",
            "Admission unrelated to work.",
            "vocnet 구분 (vocnet's category)",
            CHECKED_ON,
            verified=False,
            official=False,
        ),
    )
}
WORK_STUDY_ROUTES = frozenset(code for code in ROUTES if code != REGULAR)

# --- Indicators -----------------------------------------------------------------------------

EMPLOYMENT_RATE = Rule(
    "employment_rate",
    "취업률",
    "Employment rate",
    "취업자 ÷ (졸업자 − 진학자 − 입대자 − 제외인정자) × 100. 기준일에 재직 중이면 진학 중이어도 "
    "취업자로 셉니다(vocnet의 해석).",
    "Employed ÷ (graduates − in higher education − enlisted − exempted) × 100. A graduate "
    "working on the reference day counts as employed even while studying (vocnet's reading).",
    "교육부·한국교육개발원 직업계고 졸업자 취업통계(승인통계)의 정의, key_numbers.md",
    CHECKED_ON,
    verified=True,
)
HIGHER_EDUCATION_RATE = Rule(
    "higher_education_rate",
    "진학률",
    "Higher-education rate",
    "진학자 ÷ 졸업자 × 100 (기준일에 일하지 않고 진학 중인 졸업자).",
    "In higher education (and not working) on the reference day ÷ graduates × 100.",
    "교육부·한국교육개발원 직업계고 졸업자 취업통계(승인통계), key_numbers.md",
    CHECKED_ON,
    verified=True,
)
RETENTION_RATE = Rule(
    "retention_rate",
    "유지취업률(6·12개월)",
    "Job retention at 6 and 12 months",
    "기준일 취업자 중, 첫 입사 후 6(12)개월 고용보험 확인에서 가입 상태인 졸업자의 비율. "
    "확인 기록이 없는 졸업자는 분모에서 뺍니다. 국가 통계는 건강보험 DB로 1·2차 유지를 봅니다.",
    "Of the graduates employed on the reference day, the share insured at the employment-"
    "insurance check 6 (12) months after the first hire; graduates without that check are left "
    "out. The national statistic follows health-insurance records (1st and 2nd retention).",
    "vocnet의 정의 (국가 유지취업률을 본뜸; vocnet's definition, modelled on the national one)",
    CHECKED_ON,
    verified=False,
    official=False,
)
REGIONAL_RETENTION = Rule(
    "regional_retention",
    "지역 정주 비율",
    "Working in the region",
    "기준일 취업자 중 근무지 시군구가 학교와 같은 비율, 그다음 같은 시도인 비율.",
    "Of the graduates employed on the reference day with a known workplace, the share "
    "working in the school's city or county, then in its province.",
    "vocnet의 정의 (vocnet's definition)",
    CHECKED_ON,
    verified=False,
    official=False,
)
WORK_STUDY_SHARE = Rule(
    "work_study_share",
    "선취업 후학습 비율",
    "Share on a work-then-study route",
    "졸업자 중 재직자 특별전형·계약학과·사내대학·방송통신대·사이버대로 진학한 비율(기간 전체).",
    "Graduates who enrolled on a work-then-study route (special admission for employees, a "
    "contract department, a corporate, open or cyber university) at any time ÷ graduates.",
    "vocnet의 정의 (vocnet's definition)",
    CHECKED_ON,
    verified=False,
    official=False,
)
TIME_TO_FIRST_JOB = Rule(
    "time_to_first_job",
    "첫 취업까지 걸린 기간",
    "Time to first job",
    "졸업일(2월 1일)부터 첫 입사일까지의 평균 일수(졸업 전 입사는 0일).",
    "Mean days from the graduation day (1 February) to the first hire (0 for a hire before).",
    "vocnet의 정의 (vocnet's definition)",
    CHECKED_ON,
    verified=False,
    official=False,
)
DEFINITIONS = (
    EMPLOYMENT_RATE,
    HIGHER_EDUCATION_RATE,
    RETENTION_RATE,
    REGIONAL_RETENTION,
    WORK_STUDY_SHARE,
    TIME_TO_FIRST_JOB,
    REFERENCE_DAY,
    GRADUATION_DAY,
)

# Small-cell suppression: counts from 1 to 4 are shown as "<5" outside the school's own pages.
SUPPRESS_BELOW = 5
SUPPRESSION = Rule(
    "suppression",
    "작은 수 가림",
    "Small-cell suppression",
    "학교 자신의 화면이 아니면 1~4명인 칸은 '<5'로 가리고, 그런 칸으로 계산한 비율도 가립니다.",
    "Outside the school's own pages, counts of 1 to 4 are shown as '<5', and so is any rate "
    "computed from such a count.",
    "vocnet의 공개 기준 (vocnet's disclosure rule)",
    CHECKED_ON,
    verified=False,
    official=False,
)
