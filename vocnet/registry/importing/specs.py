"""The columns of each import file: schools, departments, companies and students.

Headers are Korean first with the English key (``학교코드(NEIS) / neis_code``); a file may use
either half. The rules mirror the models' (``registry.models``) and the API schemas'.
"""

from __future__ import annotations

from vocnet.registry.importing.codes import BusinessNumber
from vocnet.registry.models import CompanySize, DataOrigin, Establishment, SchoolType
from vocnet.spreadsheets import EntitySpec
from vocnet.spreadsheets.columns import (
    KEEP,
    Boolean,
    Choice,
    Column,
    DateValue,
    Digits,
    Email,
    Integer,
    Pattern,
    Text,
    Url,
)


def _region_code() -> Column:
    return Column(
        "region_code",
        "시군구 코드",
        Pattern(
            r"41\d{3}",
            "invalid_sigungu_code",
            "41로 시작하는 5자리 시군구 코드",
            "a 5-digit sigungu code starting with 41",
            max_length=5,
        ),
        required=True,
        note_ko="(경기도 시·군, '코드표' 시트 참고)",
        note_en="(a Gyeonggi city or county; see the 'Codes' sheet)",
        example="41390",
    )


def _contact_columns() -> tuple[Column, ...]:
    return (
        Column("address", "주소", Text(200), example="경기도 시흥시 정왕대로 1"),
        Column("postal_code", "우편번호", Digits(5, pad=True), example="15073"),
        Column(
            "phone",
            "대표 전화",
            Pattern(
                r"0\d{1,2}-\d{3,4}-\d{4}",
                "invalid_phone",
                "031-123-4567 형식의 전화번호",
                "a phone number like 031-123-4567",
                max_length=15,
            ),
            example="031-123-4567",
        ),
        Column("email", "대표 이메일", Email(), example="office@example.kr"),
        Column("website", "홈페이지", Url(), example="https://example.kr"),
        Column(
            "data_origin",
            "자료 구분",
            Choice(DataOrigin, empty=KEEP),
            note_ko="비워 두면 새 행은 entered(사용자 입력), 기존 행은 그대로입니다.",
            note_en="Empty: entered for a new row, unchanged for an existing one.",
            example="entered",
        ),
    )


SCHOOLS = EntitySpec(
    entity="schools",
    label_ko="학교",
    label_en="schools",
    columns=(
        Column("neis_code", "학교코드(NEIS)", Digits(7), required=True, example="7530900"),
        Column("name_ko", "학교명", Text(100), required=True, example="경기미래공업고등학교"),
        Column("name_en", "영문 학교명", Text(150), example="Gyeonggi Mirae Technical HS"),
        _region_code(),
        Column(
            "school_type", "학교 유형", Choice(SchoolType), required=True, example="specialized"
        ),
        Column(
            "establishment", "설립 구분", Choice(Establishment), required=True, example="public"
        ),
        *_contact_columns(),
    ),
    key_ko="학교코드(NEIS)가 같은 학교는 수정하고, 없으면 새로 등록합니다.",
    key_en="A school with the same NEIS code is updated; otherwise it is created.",
)

COMPANIES = EntitySpec(
    entity="companies",
    label_ko="기업",
    label_en="companies",
    columns=(
        Column(
            "business_number",
            "사업자등록번호",
            BusinessNumber(),
            required=True,
            example="220-81-62517",
        ),
        Column("name_ko", "기업명", Text(100), required=True, example="(주)경기모빌리티"),
        Column("name_en", "영문 기업명", Text(150), example="Gyeonggi Mobility Co., Ltd."),
        _region_code(),
        Column(
            "ksic_code",
            "업종 코드(KSIC 중분류)",
            Digits(2, pad=True),
            required=True,
            note_ko="('코드표' 시트 참고)",
            note_en="(see the 'Codes' sheet)",
            example="30",
        ),
        Column("size_class", "기업 규모", Choice(CompanySize), required=True, example="sme"),
        Column("employees", "상시 근로자 수", Integer(0, 1_000_000), required=True, example="120"),
        *_contact_columns(),
    ),
    key_ko="사업자등록번호가 같은 기업은 수정하고, 없으면 새로 등록합니다.",
    key_en="A company with the same business number is updated; otherwise it is created.",
)

DEPARTMENTS = EntitySpec(
    entity="departments",
    label_ko="학과",
    label_en="departments",
    columns=(
        Column(
            "school_neis_code",
            "학교코드(NEIS)",
            Digits(7),
            required=True,
            note_ko="(이미 등록된 학교)",
            note_en="(a school already registered)",
            example="7530900",
        ),
        Column("name_ko", "학과명", Text(50), required=True, example="미래자동차과"),
        Column(
            "ncs_code",
            "NCS 중분류 코드",
            Digits(4, pad=True),
            required=True,
            note_ko="('코드표' 시트 참고)",
            note_en="(see the 'Codes' sheet)",
            example="1501",
        ),
        Column("intake_capacity", "입학 정원", Integer(1, 500), required=True, example="48"),
        Column("enrolled_grade_1", "1학년 재학생 수", Integer(0, 1000, empty=0), example="48"),
        Column("enrolled_grade_2", "2학년 재학생 수", Integer(0, 1000, empty=0), example="46"),
        Column("enrolled_grade_3", "3학년 재학생 수", Integer(0, 1000, empty=0), example="44"),
        Column(
            "is_active",
            "운영 여부",
            Boolean(),
            note_ko="비워 두면 새 학과는 Y, 기존 학과는 그대로입니다.",
            note_en="Empty: Y for a new department, unchanged for an existing one.",
            example="Y",
        ),
    ),
    key_ko="학교코드와 학과명이 같은 학과는 수정하고, 없으면 새로 등록합니다.",
    key_en="A department with the same school code and name is updated; otherwise created.",
)

STUDENTS = EntitySpec(
    entity="students",
    label_ko="학생",
    label_en="students",
    columns=(
        Column(
            "school_neis_code",
            "학교코드(NEIS)",
            Digits(7),
            required=True,
            note_ko="(이미 등록된 학교)",
            note_en="(a school already registered)",
            example="7530900",
        ),
        Column("student_number", "학번", Digits(4, 10), required=True, example="20250101"),
        Column("name", "이름", Text(50), required=True, example="김민준"),
        Column(
            "department_name",
            "학과명",
            Text(50),
            required=True,
            note_ko="(그 학교에 등록된 학과)",
            note_en="(a department registered for that school)",
            example="미래자동차과",
        ),
        Column("grade", "학년", Integer(1, 3), required=True, example="1"),
        Column("birth_date", "생년월일", DateValue(), example="2009-03-15"),
        Column(
            "is_enrolled",
            "재학 여부",
            Boolean(),
            note_ko="비워 두면 새 학생은 Y, 기존 학생은 그대로입니다.",
            note_en="Empty: Y for a new student, unchanged for an existing one.",
            example="Y",
        ),
        Column(
            "is_synthetic",
            "합성 데이터 여부",
            Boolean(),
            note_ko="데모용 합성 자료이면 Y. 비워 두면 새 학생은 N, 기존 학생은 그대로입니다.",
            note_en="Y for synthetic demo data. Empty: N for a new student, unchanged otherwise.",
            example="N",
        ),
    ),
    key_ko="학교코드와 학번이 같은 학생은 수정하고, 없으면 새로 등록합니다.",
    key_en="A student with the same school code and student number is updated; otherwise created.",
)

SPECS: dict[str, EntitySpec] = {
    spec.entity: spec for spec in (SCHOOLS, DEPARTMENTS, COMPANIES, STUDENTS)
}
