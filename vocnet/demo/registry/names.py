"""Name pools of the Gyeonggi demo: people, companies, schools, universities, industry bodies.

Every name composed from these pools is synthetic. Surname weights follow the rough shares
of the 2015 census (김 ≈ 21 %, 이 ≈ 15 %, 박 ≈ 8 %, …), so a class list looks Korean, not
uniform; given names mix popular names of the 2008–2010 birth years with free syllable
compositions, so names repeat about as often as in a real school.
"""

from __future__ import annotations

import random
from typing import Final

# (surname, weight in ‰ of the population, roughly).
# fmt: off
SURNAMES: Final[tuple[tuple[str, int], ...]] = (
    ("김", 215), ("이", 147), ("박", 84), ("최", 47), ("정", 43), ("강", 24), ("조", 21),
    ("윤", 21), ("장", 20), ("임", 17), ("한", 15), ("오", 15), ("서", 15), ("신", 15),
    ("권", 14), ("황", 14), ("안", 13), ("송", 13), ("전", 11), ("홍", 11), ("유", 11),
    ("고", 9), ("문", 9), ("양", 9), ("손", 9), ("배", 8), ("백", 8), ("허", 7),
    ("남", 6), ("심", 6), ("노", 6), ("하", 5), ("곽", 4), ("성", 4), ("차", 4),
    ("주", 4), ("우", 4), ("구", 4), ("민", 3), ("류", 3), ("나", 3), ("진", 3),
    ("지", 3), ("엄", 3), ("채", 3), ("원", 3), ("천", 2), ("방", 2), ("공", 2),
    ("현", 2), ("함", 2), ("변", 2), ("염", 1), ("여", 1), ("추", 1), ("도", 1),
    ("석", 1), ("선", 1), ("설", 1), ("마", 1), ("길", 1), ("연", 1), ("위", 1),
    ("표", 1), ("명", 1), ("기", 1), ("반", 1), ("왕", 1), ("금", 1), ("옥", 1),
    ("육", 1), ("인", 1), ("맹", 1), ("제", 1), ("모", 1), ("탁", 1), ("국", 1),
    ("어", 1), ("은", 1),
)
# fmt: on

POPULAR_MALE: Final[tuple[str, ...]] = (
    "민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준서",
    "준우", "현우", "도현", "지훈", "건우", "우진", "선우", "서진", "민재", "현준",
    "연우", "유준", "정우", "승우", "승현", "시윤", "준혁", "은우", "지환", "승민",
    "유찬", "윤우", "민성", "준영", "시후", "진우", "수호", "재윤", "시현", "동현",
    "태윤", "민우", "재원", "한결", "민규", "재민", "은찬", "윤호", "성민", "태민",
)  # fmt: skip
POPULAR_FEMALE: Final[tuple[str, ...]] = (
    "서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민",
    "채원", "지윤", "은서", "수아", "다은", "예은", "지아", "수빈", "소율", "예린",
    "예원", "지원", "소윤", "지안", "하린", "시은", "유진", "채은", "가은", "윤아",
    "민지", "서영", "수민", "예서", "다인", "나연", "혜원", "수연", "유나", "연서",
)  # fmt: skip
MALE_FIRST: Final[str] = "민서도예시하주지준현건우선연유정승은태동재수진한성영상윤경"
MALE_SECOND: Final[str] = "준우윤호후서원현훈진혁민성재빈찬규환석율결영수"
FEMALE_FIRST: Final[str] = "서지민하윤채수다예소은가유나시아혜연세주희보해"
FEMALE_SECOND: Final[str] = "연윤은현서아원린유빈민영율진희나경인지우"


def person_name(rng: random.Random, *, male: bool) -> str:
    """A synthetic Korean name: weighted surname + a popular or composed given name."""
    surname = rng.choices(_SURNAME_VALUES, weights=_SURNAME_WEIGHTS)[0]
    if rng.random() < 0.6:
        given = rng.choice(POPULAR_MALE if male else POPULAR_FEMALE)
    else:
        first, second = (MALE_FIRST, MALE_SECOND) if male else (FEMALE_FIRST, FEMALE_SECOND)
        given = rng.choice(first) + rng.choice(second)
        while given[0] == given[1]:
            given = rng.choice(first) + rng.choice(second)
    return surname + given


_SURNAME_VALUES: Final[list[str]] = [name for name, _ in SURNAMES]
_SURNAME_WEIGHTS: Final[list[int]] = [weight for _, weight in SURNAMES]

# Brand-like first parts of company names; none is meant to point at a real firm.
COMPANY_PREFIXES: Final[tuple[str, ...]] = (
    "한빛", "대한", "새한", "동양", "세진", "영진", "대성", "삼영", "우진", "성우",
    "태광", "동진", "금강", "한울", "새솔", "가람", "누리", "다온", "미래", "나래",
    "으뜸", "한결", "해솔", "서해", "중앙", "제일", "신성", "유진", "대원", "태성",
    "진흥", "명성", "하나", "정우", "선진", "보람", "늘푸른", "새별", "은하", "청솔",
    "푸른", "아름", "온누리", "한마음", "빛나", "샛별", "큰길", "참빛", "비전", "에이스",
    "스마트", "글로벌", "케이", "제이에스", "에스엠", "티엔", "와이즈", "유니", "넥스", "하이",
    "코어", "에이원", "그린", "블루", "알파", "솔빛", "한솔", "동화", "삼우", "대륙",
)  # fmt: skip

# Industry words of company names, by the demo's industry key (see industries.py).
COMPANY_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "semiconductor": (
        "반도체", "세미콘", "전자", "일렉트로닉스", "디스플레이", "마이크로", "이노텍",
        "회로", "피씨비", "실리콘",
    ),
    "automotive": (
        "모빌리티", "오토텍", "자동차부품", "오토모티브", "모터스", "차체", "정공", "오토",
        "이브이", "카텍",
    ),
    "bio": ("바이오", "제약", "팜", "바이오텍", "메디", "바이오로직스", "헬스케어", "생명과학"),
    "software": (
        "소프트", "시스템즈", "정보기술", "인포텍", "소프트웨어", "클라우드", "에이아이",
        "솔루션즈", "네트웍스",
    ),
    "information": ("데이터", "인포", "정보서비스", "데이터랩", "미디어랩", "플랫폼"),
    "publishing": ("게임즈", "스튜디오", "콘텐츠", "퍼블리싱", "소프트랩"),
    "warehousing": ("물류", "로지스", "로지스틱스", "풀필먼트", "물류센터"),
    "transport": ("운수", "통운", "익스프레스", "화물", "운송"),
    "food": ("식품", "푸드", "에프앤비", "제과", "식품산업", "푸드텍"),
    "machinery": ("기계", "정기", "엔지니어링", "산기", "머시너리", "로보틱스", "기공"),
    "electrical": ("전기", "전기산업", "파워텍", "에너지", "배터리", "전선", "일렉트릭"),
    "chemicals": ("화학", "케미칼", "소재", "코팅", "켐텍"),
    "metal": ("금속", "메탈", "정밀", "공업", "메탈텍"),
    "plastics": ("화학공업", "플라스틱", "폴리머", "고무", "산업"),
    "medical": ("메디텍", "의료기", "광학", "메디칼", "정밀광학"),
    "construction": ("건설", "종합건설", "건축", "토건", "이앤씨"),
    "specialty_construction": ("설비", "전기공사", "인테리어", "기전", "플랜트"),
    "wholesale": ("상사", "무역", "유통", "트레이딩", "인터내셔널"),
    "retail": ("마트", "리테일", "상회", "스토어"),
    "accommodation": ("호텔", "리조트", "스테이"),
    "food_service": ("푸드서비스", "외식", "키친", "다이닝"),
}  # fmt: skip

# Extra neighbourhood stems for school names in the big cities, so several schools of one
# city need not share one stem.
SCHOOL_STEMS: Final[dict[str, tuple[str, ...]]] = {
    "41110": ("수원", "장안", "권선", "팔달", "영통", "광교"),
    "41130": ("성남", "분당", "수정", "중원", "판교"),
    "41280": ("고양", "일산", "덕양", "화정"),
    "41460": ("용인", "기흥", "수지", "처인"),
    "41190": ("부천", "원미", "소사", "오정"),
    "41270": ("안산", "단원", "상록", "반월"),
    "41590": ("화성", "동탄", "향남", "봉담"),
    "41170": ("안양", "만안", "동안"),
    "41220": ("평택", "송탄", "안중"),
    "41390": ("시흥", "정왕", "배곧"),
    "41360": ("남양주", "진접", "와부"),
    "41480": ("파주", "운정", "문산"),
}

# Synthetic universities: all carry "(가상)" so nobody mistakes them for real ones.
# (name_ko, name_en, sigungu_code)
UNIVERSITIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("경기테크노대학교(가상)", "Gyeonggi Techno University (fictional)", "41390"),
    (
        "한빛과학기술대학교(가상)",
        "Hanbit University of Science and Technology (fictional)",
        "41270",
    ),
    ("누리바이오대학교(가상)", "Nuri Bio University (fictional)", "41130"),
    ("다온디지털대학교(가상)", "Daon Digital University (fictional)", "41110"),
    ("가람산업대학교(가상)", "Garam Industrial University (fictional)", "41590"),
    ("미래모빌리티대학(가상)", "Mirae Mobility College (fictional)", "41220"),
    ("새솔보건대학(가상)", "Saesol Health College (fictional)", "41190"),
    ("해솔반도체대학(가상)", "Haesol Semiconductor College (fictional)", "41460"),
    ("으뜸관광대학(가상)", "Eutteum Tourism College (fictional)", "41280"),
    ("나래정보대학(가상)", "Narae Information College (fictional)", "41150"),
    ("청솔농생명대학(가상)", "Cheongsol Agricultural Life College (fictional)", "41670"),
    ("한결디자인대학교(가상)", "Hangyeol Design University (fictional)", "41480"),
)

# Synthetic industry bodies, labelled "(가상)" for the same reason.
INDUSTRY_BODIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("경기반도체산업협의회(가상)", "Gyeonggi Semiconductor Industry Council (fictional)", "41460"),
    ("경기자동차부품기업협의회(가상)", "Gyeonggi Auto Parts Business Council (fictional)", "41390"),
    (
        "경기바이오헬스산업협회(가상)",
        "Gyeonggi Bio-Health Industry Association (fictional)",
        "41130",
    ),
    ("판교IT기업협의회(가상)", "Pangyo IT Business Council (fictional)", "41130"),
    ("경기물류산업협회(가상)", "Gyeonggi Logistics Industry Association (fictional)", "41500"),
    ("경기식품산업협의회(가상)", "Gyeonggi Food Industry Council (fictional)", "41220"),
    (
        "시화반월산업단지기업협의회(가상)",
        "Sihwa-Banwol Industrial Complex Council (fictional)",
        "41270",
    ),
)
