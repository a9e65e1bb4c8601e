"""Writes of graduate destinations (the one-row record of ADR 0011): record, correct, delete.

Each service checks permission through ``vocnet.core.permissions`` (a school records its own
graduates, the province any), validates every field naming it in Korean and English, writes
in a transaction and records an audit entry. Bad input raises ValidationFailed and writes
nothing. The Excel import (``importing.py``) applies the same rules row by row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.korean import with_particle
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.pathways.indicators import FROM_DESTINATION
from vocnet.pathways.models import (
    FIRST_GRADUATION_YEAR,
    DestinationKind,
    GraduateDestination,
    latest_graduation_year,
)
from vocnet.registry.models import Company, DataOrigin, Department, NcsMiddle, Student
from vocnet.registry.validators import normalise_business_number

# Model field → input field, so errors name what the client sent.
FIELD_NAMES = {
    "department": "department_id",
    "company": "business_number",
    "ncs_middle": "ncs_code",
    "student": "student_id",
}
UPDATABLE = ("kind", "business_number", "ncs_code", "note")


@dataclass
class DestinationInput:
    department_id: int
    graduation_year: int
    graduate_key: str
    kind: str
    business_number: str | None = None  # the employer, where known (employed only)
    ncs_code: str | None = None  # the NCS middle field of the job, where known (employed only)
    student_id: int | None = None  # the student record, while the school keeps it
    note: str = ""
    data_origin: str = DataOrigin.ENTERED


def year_problems(year: int, today: date | None = None) -> list[FieldProblem]:
    """A graduation year from 2000 to the last February graduation that has happened."""
    last = latest_graduation_year(today or timezone.localdate())
    if FIRST_GRADUATION_YEAR <= year <= last:
        return []
    return [
        FieldProblem(
            "graduation_year",
            "graduation_year_out_of_range",
            f"졸업 연도는 {FIRST_GRADUATION_YEAR}~{last}년이어야 합니다(입력: {year}). "
            "아직 졸업하지 않은 학년의 진로는 적을 수 없습니다.",
            f"The graduation year must be from {FIRST_GRADUATION_YEAR} to {last} (got {year}); "
            "destinations are recorded after graduation.",
        )
    ]


def employment_problems(kind: str, has_company: bool, has_field: bool) -> list[FieldProblem]:
    """An employer and a job field belong to an employed graduate only."""
    if kind == DestinationKind.EMPLOYED:
        return []
    problems = []
    for present, name, what_ko, what_en in (
        (has_company, "business_number", "취업 기업", "An employer"),
        (has_field, "ncs_code", "취업 분야", "A job field"),
    ):
        if present:
            problems.append(
                FieldProblem(
                    name,
                    "only_when_employed",
                    f"{with_particle(what_ko, '은/는')} 진로가 '취업'일 때만 적습니다.",
                    f"{what_en} is given only when the destination is 'employed'.",
                )
            )
    return problems


def resolve_company(value: str | None, problems: list[FieldProblem]) -> Company | None:
    number = normalise_business_number(value or "")
    if not number:
        return None
    company = Company.objects.filter(business_number=number).first()
    if company is None:
        problems.append(
            FieldProblem(
                "business_number",
                "unknown_company",
                f"등록되지 않은 사업자등록번호입니다: {value} (기관 찾기에서 기업을 먼저 "
                "등록하거나 비고에 적으세요)",
                f"No company is registered with this business number: {value} (register the "
                "company first or write it in the note)",
            )
        )
    return company


def resolve_field(code: str | None, problems: list[FieldProblem]) -> NcsMiddle | None:
    if not code:
        return None
    field = NcsMiddle.objects.filter(code=code).first()
    if field is None:
        problems.append(
            FieldProblem(
                "ncs_code",
                "unknown_ncs",
                f"NCS 중분류 코드가 아닙니다: {code}",
                f"Not an NCS middle-category code: {code}",
            )
        )
    return field


def _department(department_id: int) -> Department:
    department = (
        Department.objects.select_related("school__organisation").filter(pk=department_id).first()
    )
    if department is None:
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "department_id",
                    "unknown_department",
                    f"없는 학과입니다: {department_id}",
                    f"No such department: {department_id}",
                )
            ]
        )
    return department


def _student_problems(student_id: int | None, department: Department) -> list[FieldProblem]:
    if student_id is None:
        return []
    if Student.objects.filter(pk=student_id, department_id=department.pk).exists():
        return []
    return [
        FieldProblem(
            "student_id",
            "student_not_in_department",
            "이 학과의 학생 기록이 아닙니다.",
            "This student record is not of this department.",
        )
    ]


def _duplicate() -> Conflict:
    return Conflict(
        code="duplicate",
        message_ko="같은 학과·졸업 연도·졸업생 번호의 진로가 이미 있습니다. 그 기록을 고치세요.",
        message_en="A destination of this department, graduation year and graduate key "
        "exists; correct that record instead.",
        problems=[
            FieldProblem(
                "graduate_key",
                "unique",
                "같은 학과·졸업 연도에 이 졸업생 번호가 이미 있습니다.",
                "This graduate key already exists for the department and year.",
            )
        ],
    )


def _validate(destination: GraduateDestination, problems: list[FieldProblem]) -> None:
    try:
        clean_or_raise(
            destination,
            # References are resolved and the year checked above (with clearer messages);
            # the unique key is checked before saving (Conflict, not a field error).
            exclude=[
                "department",
                "recorded_by",
                "student",
                "company",
                "ncs_middle",
                "graduation_year",
            ],
            field_names=FIELD_NAMES,
        )
    except ValidationFailed as exc:
        problems.extend(exc.problems)


def _save(destination: GraduateDestination) -> None:
    try:
        with transaction.atomic():
            destination.save()
    except IntegrityError:
        raise _duplicate() from None


@transaction.atomic
def destination_create(
    *, actor: UserLike, data: DestinationInput, today: date | None = None
) -> GraduateDestination:
    """Record where a graduate went (졸업생 진로). Raises PermissionDenied unless the actor
    keeps the department's school (its staff, or the province), ValidationFailed naming each
    bad field (unknown department, company or NCS field; a year not yet graduated; an
    employer or job field for a graduate not employed; a student of another department), and
    Conflict when the department, graduation year and graduate key are already recorded."""
    department = _department(data.department_id)
    authorize_create(actor, GraduateDestination, school_id=department.school_id)
    problems: list[FieldProblem] = []
    company = resolve_company(data.business_number, problems)
    field = resolve_field(data.ncs_code, problems)
    problems += year_problems(data.graduation_year, today)
    problems += employment_problems(data.kind, bool(data.business_number), bool(data.ncs_code))
    problems += _student_problems(data.student_id, department)
    destination = GraduateDestination(
        department=department,
        graduation_year=data.graduation_year,
        graduate_key=data.graduate_key.strip(),
        student_id=data.student_id,
        kind=data.kind,
        company=company,
        ncs_middle=field,
        note=data.note.strip(),
        data_origin=data.data_origin,
        recorded_by=user_row(actor),
        # No events yet: the summary follows the recorded destination.
        pathway_status=FROM_DESTINATION.get(data.kind, "unknown"),
    )
    _validate(destination, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    if GraduateDestination.objects.filter(
        department=department,
        graduation_year=destination.graduation_year,
        graduate_key=destination.graduate_key,
    ).exists() or (
        data.student_id is not None
        and GraduateDestination.objects.filter(student_id=data.student_id).exists()
    ):
        raise _duplicate()
    _save(destination)
    record_audit(
        actor=actor, action="destination.record", obj=destination, after=snapshot(destination)
    )
    return destination


@transaction.atomic
def destination_update(
    *, actor: UserLike, destination: GraduateDestination, changes: Mapping[str, Any]
) -> GraduateDestination:
    """Correct a destination's kind, employer (``business_number``), job field (``ncs_code``)
    or note; the department, year and graduate key stay (delete and record again to change
    them). A graduate who is no longer recorded as employed loses the employer and the job
    field unless the same call gives them, which is an error. Raises PermissionDenied,
    ValidationFailed."""
    authorize_change(actor, destination)
    before = snapshot(destination)
    problems: list[FieldProblem] = []
    if "kind" in changes:
        destination.kind = changes["kind"]
    if "business_number" in changes:
        destination.company = resolve_company(changes["business_number"], problems)
    if "ncs_code" in changes:
        destination.ncs_middle = resolve_field(changes["ncs_code"], problems)
    if "note" in changes:
        destination.note = str(changes["note"] or "").strip()
    problems += employment_problems(
        destination.kind,
        bool(changes.get("business_number")),
        bool(changes.get("ncs_code")),
    )
    if destination.kind != DestinationKind.EMPLOYED:
        destination.company, destination.ncs_middle = None, None
    if not destination.events.exists():
        destination.pathway_status = FROM_DESTINATION.get(destination.kind, "unknown")
    _validate(destination, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    _save(destination)
    record_audit(
        actor=actor,
        action="destination.update",
        obj=destination,
        before=before,
        after=snapshot(destination),
    )
    return destination


@transaction.atomic
def destination_delete(*, actor: UserLike, destination: GraduateDestination) -> None:
    """Delete a destination. Raises PermissionDenied unless the actor may change it."""
    authorize_change(actor, destination)
    record_audit(
        actor=actor, action="destination.delete", obj=destination, before=snapshot(destination)
    )
    destination.delete()
