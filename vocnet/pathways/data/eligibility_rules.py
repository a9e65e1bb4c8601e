"""The support a graduate may claim (issue 18 §3), as data: each rule with its thresholds,
its source and the date the source was checked. Read by the pure engine
``vocnet.pathways.eligibility``; no Django import (pure-engines contract).

Sources: /work/shared/data/programmes_2025.md ("Work first, study later" and "Support
schemes (한국장학재단, 2025)"), itself compiled from news reports (confidence medium). No
statute text, scheme notice or admission guide could be read here, so every rule is
``verified=False`` and the pages mark it "출처 원문 미확인"; the readings vocnet had to make
(calendar months, a job change restarting the tenure, periods summed for 재직자 특별전형)
are said in the rule's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vocnet.pathways.rules import Rule

CHECKED_ON = date(2026, 12, 7)
SHARED_SOURCE = "vocnet 참고 자료 programmes_2025.md"


@dataclass(frozen=True)
class EligibilityRule:
    """One kind of support: its rule (names, text, source, checked date, verified) and the
    thresholds the engine applies."""

    rule: Rule
    months_employed: int = 0  # tenure at one employer, in calendar months
    years_in_work: int = 0  # time in work summed over jobs, in years
    min_weekly_hours: int = 0
    firm_sizes: frozenset[str] = frozenset()  # registry CompanySize values; empty: any
    soon_days: int = 90  # "reaching soon": reached within this many days from today


# Registry ``CompanySize`` values of small, medium and mid-sized firms (중소·중견기업).
SMALL_OR_MIDSIZE = frozenset({"micro", "sme", "midsize"})

INCENTIVE_3 = EligibilityRule(
    Rule(
        "incentive_3",
        "고졸 취업연계 장려금 (1차, 3개월)",
        "Employment incentive for high-school graduates (1st, 3 months)",
        "중소·중견기업에 주 15시간 이상으로 취업해 3개월 재직하면 신청할 수 있습니다(고용보험으로 "
        "확인). 입사일로부터 3개월 뒤 같은 날짜(그 날짜가 없는 달은 말일)에 채운 것으로 보고, "
        "이직하면 새 직장의 입사일부터 다시 셉니다(vocnet의 해석).",
        "Claimable after 3 months at a small, medium or mid-sized firm working 15 or more hours "
        "a week (checked from employment insurance). Reached on the same day 3 calendar months "
        "after the hire (the month's last day when that day does not exist); a job change "
        "restarts the count at the new job (vocnet's reading).",
        "한국장학재단 고졸 취업연계 장려금 2025 (보도: kbsm 486855·488208, daehannews 2025-09), "
        f"{SHARED_SOURCE} — 사업 공고 원문 미확인",
        CHECKED_ON,
        verified=False,
    ),
    months_employed=3,
    min_weekly_hours=15,
    firm_sizes=SMALL_OR_MIDSIZE,
    soon_days=30,
)
INCENTIVE_12 = EligibilityRule(
    Rule(
        "incentive_12",
        "고졸 취업연계 장려금 (2차, 12개월)",
        "Employment incentive for high-school graduates (2nd, 12 months)",
        "같은 조건으로 12개월 재직하면 두 번째로 신청할 수 있습니다. 날짜 계산과 이직은 1차와 "
        "같습니다(vocnet의 해석).",
        "Claimable a second time after 12 months on the same conditions; dates and job changes "
        "count as for the first (vocnet's reading).",
        "한국장학재단 고졸 취업연계 장려금 2025 (보도: kbsm 486855·488208, daehannews 2025-09), "
        f"{SHARED_SOURCE} — 사업 공고 원문 미확인",
        CHECKED_ON,
        verified=False,
    ),
    months_employed=12,
    min_weekly_hours=15,
    firm_sizes=SMALL_OR_MIDSIZE,
    soon_days=60,
)
INCUMBENT_SPECIAL = EligibilityRule(
    Rule(
        "incumbent_special",
        "재직자 특별전형 지원 자격",
        "Special admission for employees",
        "특성화고·마이스터고 졸업 후 산업체에서 3년 이상 일하고 지원할 때 재직 중이면 지원할 수 "
        "있습니다(정원 외). 여러 직장의 재직 기간을 더하고(퇴직과 재입사 사이는 빼고), 현역 입대 "
        "기간은 넣지 않습니다 — 합산 방식은 대학 모집요강마다 다를 수 있습니다(vocnet의 해석).",
        "Graduates of vocational or meister high schools with 3 or more years in work who are "
        "employed when applying (outside the admission quota). Periods at several employers are "
        "summed (gaps and active military service left out); universities' guides may count "
        "differently (vocnet's reading).",
        "고등교육법 시행령 제29조제2항제14호 (보도·위키 사본, KTV), "
        f"{SHARED_SOURCE} — 조문 원문 미확인",
        CHECKED_ON,
        verified=False,
    ),
    years_in_work=3,
    soon_days=180,
)
EARLY_EMPLOYMENT_CONTRACT = EligibilityRule(
    Rule(
        "early_employment_contract",
        "조기취업형 계약학과 지원 자격",
        "Early-employment contract department",
        "3학년 2학기(졸업 전해 9월 1일부터 졸업 연도 2월 말일까지)에 취업하고 그 기업에 계속 "
        "다니면 지원할 수 있습니다. 그 기업이 대학의 계약학과 참여 기업이어야 하므로 대학에 "
        "확인해야 합니다.",
        "Open to graduates hired in the 3rd year's second semester (1 September of the year "
        "before graduation to the end of February) who still work for that company; the company "
        "must be a partner of the university's contract department (ask the university).",
        "교육부 조기취업형 계약학과 사업 (보도: silisoft 요약, theguru 2023), "
        f"{SHARED_SOURCE} — 사업 안내 원문 미확인",
        CHECKED_ON,
        verified=False,
    ),
    soon_days=0,
)

ELIGIBILITY_RULES: tuple[EligibilityRule, ...] = (
    INCENTIVE_3,
    INCENTIVE_12,
    INCUMBENT_SPECIAL,
    EARLY_EMPLOYMENT_CONTRACT,
)
RULES_BY_CODE = {item.rule.code: item for item in ELIGIBILITY_RULES}
