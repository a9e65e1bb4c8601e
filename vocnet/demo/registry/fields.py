"""Fields of the demo: school profiles (departments and their NCS middle codes) and industries
(KSIC divisions, name words, where in Gyeonggi they cluster).

The NCS codes are the 4-digit middle codes of ``data/ncs_middle.csv``; the KSIC codes the
divisions of ``data/ksic_divisions.csv``. A test checks that every code used here exists.
The regional weights are a demo's rough picture of Gyeonggi (semiconductors around
Yongin–Icheon–Hwaseong–Pyeongtaek, cars in Hwaseong–Pyeongtaek–Siheung–Ansan, bio in
Seongnam–Suwon–Siheung, IT in Pangyo), not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# sigungu codes used below, named for readability.
SUWON, SEONGNAM, UIJEONGBU, ANYANG, BUCHEON = "41110", "41130", "41150", "41170", "41190"
GWANGMYEONG, PYEONGTAEK, DONGDUCHEON, ANSAN, GOYANG = "41210", "41220", "41250", "41270", "41280"
GWACHEON, GURI, NAMYANGJU, OSAN, SIHEUNG = "41290", "41310", "41360", "41370", "41390"
GUNPO, UIWANG, HANAM, YONGIN, PAJU = "41410", "41430", "41450", "41460", "41480"
ICHEON, ANSEONG, GIMPO, HWASEONG, GWANGJU = "41500", "41550", "41570", "41590", "41610"
YANGJU, POCHEON, YEOJU, YEONCHEON, GAPYEONG, YANGPYEONG = (
    "41630",
    "41650",
    "41670",
    "41800",
    "41820",
    "41830",
)

# Vocational high schools wanted per 시·군 at full scale, real-named ones included: roughly by
# population and industry; the small counties get one each. Sums to 111, plus the real
# schools whose location is unverified.
SCHOOLS_PER_REGION: Final[dict[str, int]] = {
    SUWON: 9, SEONGNAM: 7, GOYANG: 7, YONGIN: 6, BUCHEON: 7, ANSAN: 7, HWASEONG: 6,
    NAMYANGJU: 4, ANYANG: 5, PYEONGTAEK: 6, SIHEUNG: 5, PAJU: 4, UIJEONGBU: 4, GIMPO: 3,
    GWANGJU: 3, GWANGMYEONG: 2, GUNPO: 2, HANAM: 2, OSAN: 2, ICHEON: 3, YANGJU: 2,
    ANSEONG: 2, GURI: 2, POCHEON: 2, UIWANG: 1, YEOJU: 2, YANGPYEONG: 2, DONGDUCHEON: 1,
    GWACHEON: 1, GAPYEONG: 1, YEONCHEON: 1,
}  # fmt: skip

# Regions where schools are less than full (rural decline in cohorts).
RURAL_REGIONS: Final[frozenset[str]] = frozenset(
    {YEONCHEON, GAPYEONG, YANGPYEONG, YEOJU, POCHEON, DONGDUCHEON, ANSEONG}
)


@dataclass(frozen=True)
class SchoolProfile:
    """A school's field: the words its name is built from and the departments it may run."""

    key: str
    name_words: tuple[str, ...]
    # (department name, NCS middle code); the first is the school's flagship department.
    departments: tuple[tuple[str, str], ...]
    secondary: str
    male_share: float


# Name words avoid the bare "공업", "상업" and "농업": "<city>공업고등학교" and the like are real
# schools in many Korean cities (광주공업고 in Gwangju, …), and a synthetic twin would read as one.
_PROFILE_LIST: Final[tuple[SchoolProfile, ...]] = (
    SchoolProfile(
        "industrial",
        ("기계공업", "전자공업", "과학기술", "산업과학", "테크노", "스마트공업"),
        (
            ("기계과", "1502"),
            ("전기과", "1901"),
            ("전자과", "1902"),
            ("기계설계과", "1501"),
            ("자동화시스템과", "1511"),
            ("건축과", "1403"),
            ("토목과", "1402"),
            ("화학공업과", "1701"),
            ("금형디자인과", "1510"),
        ),
        "electronics",
        0.85,
    ),
    SchoolProfile(
        "mechatronics",
        ("하이테크", "정밀기계"),
        (
            ("메카트로닉스과", "1511"),
            ("정밀기계과", "1502"),
            ("전기제어과", "1901"),
            ("기계설계과", "1501"),
            ("자동화설비과", "1503"),
        ),
        "industrial",
        0.9,
    ),
    SchoolProfile(
        "electronics",
        ("전자", "전자과학", "전기전자"),
        (
            ("전자과", "1902"),
            ("전자통신과", "2002"),
            ("전자제어과", "1903"),
            ("전기과", "1901"),
            ("스마트전자과", "1902"),
        ),
        "industrial",
        0.8,
    ),
    SchoolProfile(
        "it",
        ("정보", "정보산업", "인터넷", "디지털", "정보과학", "소프트웨어"),
        (
            ("소프트웨어과", "2001"),
            ("정보통신과", "2002"),
            ("인공지능소프트웨어과", "2001"),
            ("네트워크보안과", "2001"),
            ("게임콘텐츠과", "0803"),
            ("방송영상과", "2003"),
        ),
        "design",
        0.7,
    ),
    SchoolProfile(
        "design",
        ("디자인", "디자인문화", "예술", "콘텐츠"),
        (
            ("시각디자인과", "0802"),
            ("실내디자인과", "0802"),
            ("웹툰애니메이션과", "0803"),
            ("영상콘텐츠과", "0803"),
            ("패션디자인과", "1802"),
            ("제품디자인과", "0802"),
        ),
        "it",
        0.3,
    ),
    SchoolProfile(
        "business",
        ("비즈니스", "경영", "정보비즈니스", "국제통상", "금융", "글로벌비즈니스"),
        (
            ("회계금융과", "0203"),
            ("경영사무과", "0201"),
            ("유통마케팅과", "1003"),
            ("세무회계과", "0203"),
            ("금융정보과", "0301"),
            ("인사총무과", "0202"),
        ),
        "it",
        0.35,
    ),
    SchoolProfile(
        "semiconductor",
        ("반도체", "반도체과학", "스마트전자"),
        (
            ("반도체장비과", "1903"),
            ("반도체공정과", "1902"),
            ("전자회로과", "1903"),
            ("스마트전자과", "1902"),
            ("반도체소재과", "1701"),
        ),
        "electronics",
        0.7,
    ),
    SchoolProfile(
        "bio",
        ("바이오", "바이오과학", "생명과학"),
        (
            ("바이오제약과", "1705"),
            ("바이오화학과", "1701"),
            ("식품바이오과", "2101"),
            ("정밀화학과", "1703"),
            ("바이오분석과", "1705"),
        ),
        "business",
        0.5,
    ),
    SchoolProfile(
        "automotive",
        ("자동차", "모빌리티", "자동차과학"),
        (
            ("자동차과", "1506"),
            ("미래자동차과", "1506"),
            ("전기자동차과", "1506"),
            ("자동차정비과", "1506"),
            ("자동차튜닝과", "1506"),
        ),
        "industrial",
        0.9,
    ),
    SchoolProfile(
        "culinary",
        ("조리과학", "외식산업", "관광", "호텔관광"),
        (
            ("조리과", "1301"),
            ("제과제빵과", "2102"),
            ("외식경영과", "1301"),
            ("관광과", "1203"),
            ("호텔서비스과", "1203"),
            ("바리스타과", "1301"),
        ),
        "business",
        0.5,
    ),
    SchoolProfile(
        "agri",
        ("농생명", "생명산업", "자연과학", "스마트농업"),
        (
            ("식물자원과", "2401"),
            ("동물자원과", "2402"),
            ("조경과", "1405"),
            ("식품가공과", "2101"),
            ("산림자원과", "2403"),
            ("스마트팜과", "2401"),
        ),
        "bio",
        0.6,
    ),
    SchoolProfile(
        "health",
        ("보건", "보건간호", "뷰티"),
        (
            ("보건간호과", "0601"),
            ("사회복지과", "0701"),
            ("뷰티미용과", "1201"),
            ("아동보육과", "0703"),
        ),
        "business",
        0.15,
    ),
    SchoolProfile(
        "logistics",
        ("물류", "유통", "스마트물류"),
        (
            # 물류관리 is taken as part of 생산·품질관리 (0204) — a demo's mapping.
            ("스마트물류과", "0204"),
            ("유통관리과", "1003"),
            ("국제물류과", "0204"),
            ("무역사무과", "0201"),
        ),
        "business",
        0.6,
    ),
    SchoolProfile(
        "aviation",
        ("항공",),
        (
            ("항공기계과", "1509"),
            ("항공전자과", "1903"),
            ("항공서비스과", "0904"),
            ("드론과", "1509"),
        ),
        "electronics",
        0.7,
    ),
    SchoolProfile(
        "game",
        ("게임",),
        (("게임기획과", "0803"), ("게임프로그래밍과", "2001"), ("게임그래픽과", "0802")),
        "it",
        0.75,
    ),
    SchoolProfile(
        "media",
        ("문화영상", "방송"),
        (
            ("방송영상과", "2003"),
            ("영상연출과", "0803"),
            ("공연예술과", "0801"),
            ("디지털콘텐츠과", "0803"),
            ("시각디자인과", "0802"),
        ),
        "design",
        0.45,
    ),
    SchoolProfile(
        "general",
        ("제일", "중앙", "한솔", "새빛"),
        (("경영사무과", "0201"), ("조리과", "1301"), ("소프트웨어과", "2001")),
        "business",
        0.5,
    ),
)
PROFILES: Final[dict[str, SchoolProfile]] = {p.key: p for p in _PROFILE_LIST}

# Base weight of each profile among synthetic specialised schools.
PROFILE_WEIGHTS: Final[dict[str, float]] = {
    "industrial": 22, "it": 16, "business": 14, "design": 8, "culinary": 6, "health": 5,
    "semiconductor": 4, "bio": 4, "automotive": 5, "agri": 3, "logistics": 3,
    "electronics": 5, "media": 2,
}  # fmt: skip

# Regional boosts of profile weights (multipliers).
PROFILE_BOOSTS: Final[dict[str, dict[str, float]]] = {
    "semiconductor": {YONGIN: 5, ICHEON: 6, HWASEONG: 4, PYEONGTAEK: 4, ANSEONG: 2},
    "bio": {SEONGNAM: 4, SUWON: 3, SIHEUNG: 3, HWASEONG: 2},
    "automotive": {HWASEONG: 4, PYEONGTAEK: 3, SIHEUNG: 3, ANSAN: 3},
    "it": {SEONGNAM: 3, SUWON: 2, GOYANG: 2, ANYANG: 2},
    "logistics": {ICHEON: 3, GIMPO: 3, PYEONGTAEK: 2, YONGIN: 2, GWANGJU: 3},
    "agri": {YEOJU: 5, ICHEON: 3, YANGPYEONG: 5, ANSEONG: 4, POCHEON: 4, YEONCHEON: 5,
             GAPYEONG: 5},
    "industrial": {ANSAN: 2, SIHEUNG: 2, BUCHEON: 2, YEONCHEON: 0.3, GAPYEONG: 0.3,
                   YANGPYEONG: 0.3, GWACHEON: 0.2},
    "design": {GOYANG: 2, PAJU: 2, SEONGNAM: 1.5},
    "culinary": {GAPYEONG: 3, YANGPYEONG: 2},
}  # fmt: skip


@dataclass(frozen=True)
class Industry:
    """A demo industry: KSIC division, share of companies, and where it clusters."""

    key: str
    ksic_division: str
    share: float
    boosts: dict[str, float]
    # Chance of a large or mid-size firm, against the default mix of mostly SMEs.
    large_bias: float = 1.0


INDUSTRIES: Final[tuple[Industry, ...]] = (
    Industry("semiconductor", "26", 15.0,
             {YONGIN: 5, ICHEON: 6, HWASEONG: 5, PYEONGTAEK: 4, ANSEONG: 2, SUWON: 3, PAJU: 3},
             2.0),
    Industry("automotive", "30", 10.0,
             {HWASEONG: 6, PYEONGTAEK: 3, SIHEUNG: 4, ANSAN: 4, GWANGMYEONG: 2}, 1.5),
    Industry("bio", "21", 5.0, {SEONGNAM: 4, SUWON: 3, SIHEUNG: 3, HWASEONG: 3}, 1.2),
    Industry("software", "62", 9.0, {SEONGNAM: 8, SUWON: 3, GOYANG: 3, ANYANG: 3}),
    Industry("information", "63", 3.0, {SEONGNAM: 8, SUWON: 2, GOYANG: 2, ANYANG: 2}),
    Industry("publishing", "58", 3.0, {SEONGNAM: 8, GOYANG: 2, PAJU: 2}),
    Industry("warehousing", "52", 5.0,
             {ICHEON: 4, GIMPO: 4, PYEONGTAEK: 3, YONGIN: 3, GWANGJU: 3, ANSEONG: 3}),
    Industry("transport", "49", 4.0, {ICHEON: 3, GIMPO: 3, PYEONGTAEK: 2, YONGIN: 2}),
    Industry("food", "10", 7.0, {ICHEON: 2, YEOJU: 3, PYEONGTAEK: 2, ANSEONG: 3, POCHEON: 3}),
    Industry("machinery", "29", 9.0, {ANSAN: 4, SIHEUNG: 4, HWASEONG: 3, GIMPO: 2, BUCHEON: 2}),
    Industry("electrical", "28", 5.0, {ANSAN: 3, SIHEUNG: 3, HWASEONG: 2, PAJU: 2}),
    Industry("chemicals", "20", 4.0, {ANSAN: 4, SIHEUNG: 4, HWASEONG: 2}),
    Industry("metal", "25", 5.0, {ANSAN: 4, SIHEUNG: 4, GIMPO: 2, BUCHEON: 2}),
    Industry("plastics", "22", 3.0, {ANSAN: 3, SIHEUNG: 3, HWASEONG: 2, POCHEON: 2}),
    Industry("medical", "27", 3.0, {SEONGNAM: 2, ANYANG: 2, GUNPO: 2}),
    Industry("construction", "41", 1.5, {}),
    Industry("specialty_construction", "42", 1.5, {}),
    Industry("wholesale", "46", 3.0, {BUCHEON: 2, GOYANG: 2}),
    Industry("retail", "47", 1.0, {}),
    Industry("accommodation", "55", 0.5, {GAPYEONG: 6, YANGPYEONG: 4}),
    Industry("food_service", "56", 1.5, {SUWON: 2, GOYANG: 2}),
)  # fmt: skip
INDUSTRY_BY_KEY: Final[dict[str, Industry]] = {i.key: i for i in INDUSTRIES}

# Base weight of a region for companies: its share of Gyeonggi's business activity, roughly.
COMPANY_REGION_WEIGHTS: Final[dict[str, float]] = {
    SUWON: 8, SEONGNAM: 9, GOYANG: 6, YONGIN: 7, BUCHEON: 6, ANSAN: 9, HWASEONG: 10,
    NAMYANGJU: 3, ANYANG: 4, PYEONGTAEK: 6, SIHEUNG: 8, PAJU: 4, UIJEONGBU: 2, GIMPO: 5,
    GWANGJU: 3, GWANGMYEONG: 2, GUNPO: 2, HANAM: 2, OSAN: 2, ICHEON: 4, YANGJU: 2,
    ANSEONG: 3, GURI: 1, POCHEON: 2, UIWANG: 1, YEOJU: 1, YANGPYEONG: 0.5, DONGDUCHEON: 0.5,
    GWACHEON: 0.5, GAPYEONG: 0.3, YEONCHEON: 0.3,
}  # fmt: skip
