"""Small builders for the Excel import/export tests: users with memberships, schools,
departments, companies and students made with the ORM; the .xlsx/.csv files come from
``vocnet.spreadsheets.testing``. Reference rows (regions, NCS, KSIC) come from the data
migration."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from vocnet.core.models import AuditEvent
from vocnet.registry.models import (
    Company,
    Department,
    KsicDivision,
    Membership,
    NcsMiddle,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    School,
    Student,
)
from vocnet.registry.validators import business_number_check_digit
from vocnet.spreadsheets.testing import (  # noqa: F401 (the file builders, re-exported)
    csv_bytes,
    open_xlsx,
    read_xlsx,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)

SIHEUNG = "41390"
SUWON = "41110"

SCHOOL_HEADER = [
    "학교코드(NEIS) / neis_code",
    "학교명 / name_ko",
    "시군구 코드 / region_code",
    "학교 유형 / school_type",
    "설립 구분 / establishment",
]
DEPARTMENT_HEADER = [
    "학교코드(NEIS) / school_neis_code",
    "학과명 / name_ko",
    "NCS 중분류 코드 / ncs_code",
    "입학 정원 / intake_capacity",
]
COMPANY_HEADER = [
    "사업자등록번호 / business_number",
    "기업명 / name_ko",
    "시군구 코드 / region_code",
    "업종 코드(KSIC 중분류) / ksic_code",
    "기업 규모 / size_class",
    "상시 근로자 수 / employees",
]
STUDENT_HEADER = [
    "학교코드(NEIS) / school_neis_code",
    "학번 / student_number",
    "이름 / name",
    "학과명 / department_name",
    "학년 / grade",
]


def valid_business_number(seed: int) -> str:
    first_nine = f"{220_810_000 + seed:09d}"
    return first_nine + str(business_number_check_digit(first_nine))


def invalid_business_number(seed: int) -> str:
    valid = valid_business_number(seed)
    return valid[:9] + str((int(valid[9]) + 1) % 10)


def make_user(username: str, *, superuser: bool = False) -> Any:
    user_model = get_user_model()
    if superuser:
        return user_model.objects.create_superuser(username, f"{username}@example.kr", "x" * 12)
    return user_model.objects.create_user(username, f"{username}@example.kr", "x" * 12)


def member(user: Any, organisation: Organisation, role: str) -> Any:
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def province_officer(username: str = "province") -> Any:
    office = Organisation.objects.create(
        kind=OrganisationKind.EDUCATION_OFFICE,
        name_ko="경기도교육청",
        region=Region.objects.get(sigungu_code=SUWON),
    )
    return member(make_user(username), office, Role.PROVINCE_OFFICER)


def support_office_officer(region_code: str = SIHEUNG, username: str = "office") -> Any:
    office = Region.objects.get(sigungu_code=region_code).support_office
    assert office.organisation is not None
    return member(make_user(username), office.organisation, Role.SUPPORT_OFFICE_OFFICER)


def school_staff(school: School, username: str) -> Any:
    return member(make_user(username), school.organisation, Role.SCHOOL_STAFF)


def company_staff(company: Company, username: str = "company") -> Any:
    return member(make_user(username), company.organisation, Role.COMPANY_STAFF)


def make_school(
    neis_code: str,
    name: str,
    region_code: str = SIHEUNG,
    *,
    school_type: str = "specialized",
    data_origin: str = "entered",
) -> School:
    organisation = Organisation.objects.create(
        kind=OrganisationKind.SCHOOL,
        name_ko=name,
        region=Region.objects.get(sigungu_code=region_code),
        data_origin=data_origin,
    )
    return School.objects.create(
        organisation=organisation,
        neis_code=neis_code,
        school_type=school_type,
        establishment="public",
    )


def make_department(
    school: School, name: str, ncs_code: str = "1501", intake_capacity: int = 48
) -> Department:
    return Department.objects.create(
        school=school,
        name_ko=name,
        ncs_middle=NcsMiddle.objects.get(code=ncs_code),
        intake_capacity=intake_capacity,
    )


def make_company(
    business_number: str, name: str, region_code: str = SIHEUNG, ksic_code: str = "30"
) -> Company:
    organisation = Organisation.objects.create(
        kind=OrganisationKind.COMPANY,
        name_ko=name,
        region=Region.objects.get(sigungu_code=region_code),
    )
    return Company.objects.create(
        organisation=organisation,
        business_number=business_number,
        ksic_division=KsicDivision.objects.get(code=ksic_code),
        size_class="sme",
        employees=50,
    )


def make_student(department: Department, student_number: str, name: str, grade: int = 1) -> Student:
    return Student.objects.create(
        school=department.school,
        department=department,
        student_number=student_number,
        name=name,
        grade=grade,
    )


def counts() -> dict[str, int]:
    """Row counts of every table an import may write, to assert nothing was written."""
    return {
        "organisations": Organisation.objects.count(),
        "schools": School.objects.count(),
        "companies": Company.objects.count(),
        "departments": Department.objects.count(),
        "students": Student.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
