"""Writes to the registry. Each service checks permission through the one permission layer,
validates every field (naming the field and the rule in Korean and English), writes inside
a transaction and records an audit entry. Bad input raises ValidationFailed and writes
nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike
from vocnet.core.validation import clean_or_raise
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access_by
from vocnet.registry.models import (
    Company,
    DataOrigin,
    Department,
    KsicDivision,
    NcsMiddle,
    Organisation,
    OrganisationKind,
    Region,
    School,
    Student,
)
from vocnet.registry.validators import normalise_business_number

ORGANISATION_CONTACT_FIELDS = (
    "name_ko",
    "name_en",
    "address",
    "postal_code",
    "phone",
    "email",
    "website",
)


def _problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def resolve_region(code: str | None, problems: list[FieldProblem]) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(sigungu_code=code).first()
    if region is None:
        problems.append(
            _problem(
                "region_code",
                "unknown_region",
                f"경기도의 시군구 코드가 아닙니다: {code}",
                f"Not a Gyeonggi sigungu code: {code}",
            )
        )
    return region


def resolve_ncs(code: str, problems: list[FieldProblem]) -> NcsMiddle | None:
    ncs = NcsMiddle.objects.filter(code=code).first()
    if ncs is None:
        problems.append(
            _problem(
                "ncs_code",
                "unknown_ncs",
                f"NCS 중분류 코드가 아닙니다: {code}",
                f"Not an NCS middle-category code: {code}",
            )
        )
    return ncs


def resolve_ksic(code: str, problems: list[FieldProblem]) -> KsicDivision | None:
    division = KsicDivision.objects.filter(code=code).first()
    if division is None:
        problems.append(
            _problem(
                "ksic_code",
                "unknown_ksic",
                f"KSIC 중분류(2자리) 코드가 아닙니다: {code}",
                f"Not a KSIC division (2-digit) code: {code}",
            )
        )
    return division


def _raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed.from_problems(problems)


def _duplicate(field_name: str, value: str) -> Conflict:
    return Conflict(
        code="duplicate",
        message_ko=f"이미 등록된 값입니다: {field_name}={value}",
        message_en=f"Already registered: {field_name}={value}",
        problems=[
            _problem(
                field_name,
                "unique",
                f"이미 등록된 값입니다: {value}",
                f"Already registered: {value}",
            )
        ],
    )


# Model field → input field, so errors name what the client sent.
_FIELD_NAMES = {"region": "region_code", "ncs_middle": "ncs_code", "ksic_division": "ksic_code"}


@dataclass
class OrganisationContact:
    name_ko: str
    name_en: str = ""
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass
class SchoolInput:
    contact: OrganisationContact
    region_code: str
    neis_code: str
    school_type: str
    establishment: str
    data_origin: str = DataOrigin.ENTERED


@dataclass
class CompanyInput:
    contact: OrganisationContact
    region_code: str
    business_number: str
    ksic_code: str
    size_class: str
    employees: int
    data_origin: str = DataOrigin.ENTERED


@dataclass
class DepartmentInput:
    name_ko: str
    ncs_code: str
    intake_capacity: int
    enrolled_grade_1: int = 0
    enrolled_grade_2: int = 0
    enrolled_grade_3: int = 0


@dataclass
class StudentInput:
    department_id: int
    student_number: str
    name: str
    grade: int
    birth_date: date | None = None
    is_synthetic: bool = field(default=False)


def _save_organisation(actor: UserLike, org: Organisation, problems: list[FieldProblem]) -> None:
    try:
        clean_or_raise(org, field_names=_FIELD_NAMES)
    except ValidationFailed as exc:
        problems.extend(exc.problems)


@transaction.atomic
def school_create(*, actor: UserLike, data: SchoolInput) -> School:
    """Register a school (기관 + 학교). Raises PermissionDenied, ValidationFailed, Conflict."""
    problems: list[FieldProblem] = []
    region = resolve_region(data.region_code, problems)
    authorize_create(
        actor, School, region_id=region.pk if region else None, kind=OrganisationKind.SCHOOL
    )
    org = Organisation(
        kind=OrganisationKind.SCHOOL,
        region=region,
        data_origin=data.data_origin,
        **asdict(data.contact),
    )
    _save_organisation(actor, org, problems)
    school = School(
        neis_code=data.neis_code, school_type=data.school_type, establishment=data.establishment
    )
    try:
        clean_or_raise(school, exclude=["organisation"])
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    try:
        with transaction.atomic():
            org.save()
            school.organisation = org
            school.save(force_insert=True)
    except IntegrityError:
        raise _duplicate("neis_code", data.neis_code) from None
    record_audit(
        actor=actor, action="school.create", obj=school, after=snapshot(org) | snapshot(school)
    )
    return school


def _apply_contact_changes(
    org: Organisation, changes: Mapping[str, Any], problems: list[FieldProblem]
) -> None:
    for name in ORGANISATION_CONTACT_FIELDS:
        if name in changes:
            setattr(org, name, changes[name])
    if "region_code" in changes:
        org.region = resolve_region(changes["region_code"], problems)


@transaction.atomic
def school_update(*, actor: UserLike, school: School, changes: Mapping[str, Any]) -> School:
    """Change a school's contact details, type or region. Raises PermissionDenied,
    ValidationFailed. The NEIS code is the official key and is not changed here."""
    authorize_change(actor, school)
    org = school.organisation
    before = snapshot(org) | snapshot(school)
    problems: list[FieldProblem] = []
    _apply_contact_changes(org, changes, problems)
    for name in ("school_type", "establishment"):
        if name in changes:
            setattr(school, name, changes[name])
    _save_organisation(actor, org, problems)
    try:
        clean_or_raise(school)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    org.save()
    school.save()
    record_audit(
        actor=actor,
        action="school.update",
        obj=school,
        before=before,
        after=snapshot(org) | snapshot(school),
    )
    return school


@transaction.atomic
def organisation_update(
    *, actor: UserLike, organisation: Organisation, changes: Mapping[str, Any]
) -> Organisation:
    """Change an organisation's name and contact details."""
    authorize_change(actor, organisation)
    before = snapshot(organisation)
    problems: list[FieldProblem] = []
    _apply_contact_changes(organisation, changes, problems)
    _save_organisation(actor, organisation, problems)
    _raise_if(problems)
    organisation.save()
    record_audit(
        actor=actor,
        action="organisation.update",
        obj=organisation,
        before=before,
        after=snapshot(organisation),
    )
    return organisation


@transaction.atomic
def company_create(*, actor: UserLike, data: CompanyInput) -> Company:
    """Register a company. The business number is checked with its check digit."""
    problems: list[FieldProblem] = []
    region = resolve_region(data.region_code, problems)
    division = resolve_ksic(data.ksic_code, problems)
    authorize_create(actor, Company, region_id=region.pk if region else None)
    org = Organisation(
        kind=OrganisationKind.COMPANY,
        region=region,
        data_origin=data.data_origin,
        **asdict(data.contact),
    )
    _save_organisation(actor, org, problems)
    number = normalise_business_number(data.business_number)
    company = Company(
        business_number=number,
        ksic_division=division,
        size_class=data.size_class,
        employees=data.employees,
    )
    try:
        clean_or_raise(
            company,
            exclude=["organisation"] + (["ksic_division"] if division is None else []),
            field_names=_FIELD_NAMES,
        )
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    try:
        with transaction.atomic():
            org.save()
            company.organisation = org
            company.save(force_insert=True)
    except IntegrityError:
        raise _duplicate("business_number", number) from None
    record_audit(
        actor=actor, action="company.create", obj=company, after=snapshot(org) | snapshot(company)
    )
    return company


@transaction.atomic
def company_update(*, actor: UserLike, company: Company, changes: Mapping[str, Any]) -> Company:
    """Change a company's details. The business number is its key and is not changed here."""
    authorize_change(actor, company)
    org = company.organisation
    before = snapshot(org) | snapshot(company)
    problems: list[FieldProblem] = []
    _apply_contact_changes(org, changes, problems)
    if "ksic_code" in changes:
        division = resolve_ksic(changes["ksic_code"], problems)
        if division is not None:
            company.ksic_division = division
    for name in ("size_class", "employees"):
        if name in changes:
            setattr(company, name, changes[name])
    _save_organisation(actor, org, problems)
    try:
        clean_or_raise(company, field_names=_FIELD_NAMES)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    org.save()
    company.save()
    record_audit(
        actor=actor,
        action="company.update",
        obj=company,
        before=before,
        after=snapshot(org) | snapshot(company),
    )
    return company


@transaction.atomic
def department_create(*, actor: UserLike, school: School, data: DepartmentInput) -> Department:
    """Add a department (학과) to a school."""
    authorize_create(
        actor, Department, school_id=school.pk, region_id=school.organisation.region_id
    )
    problems: list[FieldProblem] = []
    ncs = resolve_ncs(data.ncs_code, problems)
    department = Department(
        school=school,
        ncs_middle=ncs,
        **{k: v for k, v in asdict(data).items() if k != "ncs_code"},
    )
    try:
        clean_or_raise(
            department, exclude=["ncs_middle"] if ncs is None else None, field_names=_FIELD_NAMES
        )
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError:
        raise _duplicate("name_ko", data.name_ko) from None
    record_audit(
        actor=actor, action="department.create", obj=department, after=snapshot(department)
    )
    return department


@transaction.atomic
def department_update(
    *, actor: UserLike, department: Department, changes: Mapping[str, Any]
) -> Department:
    authorize_change(actor, department)
    before = snapshot(department)
    problems: list[FieldProblem] = []
    if "ncs_code" in changes:
        ncs = resolve_ncs(changes["ncs_code"], problems)
        if ncs is not None:
            department.ncs_middle = ncs
    for name in (
        "name_ko",
        "intake_capacity",
        "enrolled_grade_1",
        "enrolled_grade_2",
        "enrolled_grade_3",
        "is_active",
    ):
        if name in changes:
            setattr(department, name, changes[name])
    try:
        clean_or_raise(department, field_names=_FIELD_NAMES)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    department.save()
    record_audit(
        actor=actor,
        action="department.update",
        obj=department,
        before=before,
        after=snapshot(department),
    )
    return department


def _department_of_school(
    school: School, department_id: int, problems: list[FieldProblem]
) -> Department | None:
    department = Department.objects.filter(pk=department_id, school=school).first()
    if department is None:
        problems.append(
            _problem(
                "department_id",
                "unknown_department",
                f"이 학교의 학과가 아닙니다: {department_id}",
                f"Not a department of this school: {department_id}",
            )
        )
    return department


@transaction.atomic
def student_create(*, actor: UserLike, school: School, data: StudentInput) -> Student:
    """Register a student of ``school``. Only the data the platform needs is accepted; there is
    no field for a resident registration number. The creation enters the personal-data
    access log (vocnet.privacy)."""
    authorize_create(actor, Student, school_id=school.pk)
    problems: list[FieldProblem] = []
    department = _department_of_school(school, data.department_id, problems)
    student = Student(
        school=school,
        department=department,
        student_number=data.student_number,
        name=data.name,
        grade=data.grade,
        birth_date=data.birth_date,
        is_synthetic=data.is_synthetic,
    )
    try:
        clean_or_raise(
            student,
            exclude=["department"] if department is None else None,
            field_names={"department": "department_id"},
        )
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    try:
        with transaction.atomic():
            student.save()
    except IntegrityError:
        raise _duplicate("student_number", data.student_number) from None
    record_audit(actor=actor, action="student.create", obj=student, after=snapshot(student))
    record_personal_data_access_by(actor=actor, subjects=[student], action=AccessAction.CREATE)
    return student


@transaction.atomic
def student_update(*, actor: UserLike, student: Student, changes: Mapping[str, Any]) -> Student:
    """Change a student's record; PermissionDenied outside the actor's scope, ValidationFailed
    naming each broken rule. The change enters the personal-data access log."""
    authorize_change(actor, student)
    before = snapshot(student)
    problems: list[FieldProblem] = []
    if "department_id" in changes:
        department = _department_of_school(student.school, changes["department_id"], problems)
        if department is not None:
            student.department = department
    for name in ("name", "grade", "birth_date", "is_enrolled"):
        if name in changes:
            setattr(student, name, changes[name])
    try:
        clean_or_raise(student, field_names={"department": "department_id"})
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    _raise_if(problems)
    student.save()
    record_audit(
        actor=actor, action="student.update", obj=student, before=before, after=snapshot(student)
    )
    record_personal_data_access_by(actor=actor, subjects=[student], action=AccessAction.CHANGE)
    return student
