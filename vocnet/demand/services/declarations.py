"""Writes of demand declarations: declare, update, delete.

Each service checks permission through ``vocnet.core.permissions``, validates every field
(naming it in Korean and English), writes in a transaction and records an audit entry. Bad
input raises ValidationFailed and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.demand.models import DECLARANT_KINDS, DemandDeclaration
from vocnet.demand.policies import declaring_organisations
from vocnet.demand.supply import DECLARATION_YEARS_AHEAD, current_school_year
from vocnet.registry.models import DataOrigin, Organisation
from vocnet.registry.services import resolve_ncs, resolve_region

# Model field → input field, so errors name what the client sent.
FIELD_NAMES = {
    "ncs_middle": "ncs_code",
    "region": "region_code",
    "organisation": "organisation_id",
}


@dataclass
class DeclarationInput:
    organisation_id: int | None  # None: the actor's own (their one company or government)
    ncs_code: str
    occupation: str
    year: int
    headcount: int
    region_code: str | None = None  # default: the organisation's region
    certificates: list[str] = field(default_factory=list)
    note: str = ""
    data_origin: str = DataOrigin.ENTERED


def declaration_years(today: date | None = None) -> tuple[int, int]:
    """The years demand may be declared for: the next ``DECLARATION_YEARS_AHEAD``."""
    base = current_school_year(today or timezone.localdate())
    return base + 1, base + DECLARATION_YEARS_AHEAD


def year_problems(year: int, today: date | None = None) -> list[FieldProblem]:
    first, last = declaration_years(today)
    if first <= year <= last:
        return []
    return [
        FieldProblem(
            "year",
            "year_out_of_horizon",
            f"채용 연도는 {first}~{last}년 사이여야 합니다(입력: {year}).",
            f"The hiring year must be from {first} to {last} (got {year}).",
        )
    ]


def clean_certificates(values: list[str]) -> list[str]:
    """Trimmed, without blanks and repeats, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        text = value.strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def resolve_declarant(organisation_id: int, problems: list[FieldProblem]) -> Organisation | None:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or organisation.kind not in DECLARANT_KINDS:
        problems.append(
            FieldProblem(
                "organisation_id",
                "not_a_declarant",
                "기업, 산업계 단체, 지자체, 공공기관만 인력 수요를 신고할 수 있습니다.",
                "Only companies, industry bodies, local governments and public agencies "
                "declare workforce demand.",
            )
        )
        return None
    return organisation


def _duplicate() -> Conflict:
    return Conflict(
        code="duplicate",
        message_ko="같은 기관·분야·직무·시·군·연도의 수요가 이미 있습니다. 그 신고를 고치세요.",
        message_en="This organisation already declared demand for the same field, "
        "occupation, region and year; change that declaration instead.",
        problems=[
            FieldProblem(
                "occupation",
                "unique",
                "같은 분야·직무·시·군·연도의 신고가 이미 있습니다.",
                "A declaration for this field, occupation, region and year exists.",
            )
        ],
    )


def _refuse_duplicate(declaration: DemandDeclaration) -> None:
    others = DemandDeclaration.objects.filter(
        organisation_id=declaration.organisation_id,
        ncs_middle_id=declaration.ncs_middle_id,
        occupation=declaration.occupation,
        region_id=declaration.region_id,
        year=declaration.year,
    ).exclude(pk=declaration.pk)
    if others.exists():
        raise _duplicate()


def _validate(declaration: DemandDeclaration, problems: list[FieldProblem]) -> None:
    exclude = [
        name
        for name, attname in (
            ("ncs_middle", "ncs_middle_id"),
            ("region", "region_id"),
            ("organisation", "organisation_id"),
        )
        if getattr(declaration, attname) is None
    ]
    try:
        clean_or_raise(declaration, exclude=[*exclude, "created_by"], field_names=FIELD_NAMES)
    except ValidationFailed as exc:
        problems.extend(exc.problems)


@transaction.atomic
def declaration_create(*, actor: UserLike, data: DeclarationInput) -> DemandDeclaration:
    """Declare demand (인력 수요 신고) for an organisation. Raises PermissionDenied unless the
    actor may declare for that organisation, ValidationFailed naming each bad field, Conflict
    when the same organisation, field, occupation, region and year is already declared."""
    problems: list[FieldProblem] = []
    organisation_id = data.organisation_id
    if organisation_id is None:
        own = sorted(declaring_organisations(actor_for(actor)))
        if len(own) != 1:
            raise ValidationFailed.from_problems(
                [
                    FieldProblem(
                        "organisation_id",
                        "required",
                        "어느 기관의 수요인지 기관을 고르세요.",
                        "Choose the organisation whose demand this is.",
                    )
                ]
            )
        organisation_id = own[0]
    organisation = resolve_declarant(organisation_id, problems)
    authorize_create(actor, DemandDeclaration, organisation_id=organisation_id)
    ncs = resolve_ncs(data.ncs_code, problems)
    region = (
        resolve_region(data.region_code, problems)
        if data.region_code
        else (organisation.region if organisation is not None else None)
    )
    if region is None and not data.region_code:
        problems.append(
            FieldProblem(
                "region_code",
                "required",
                "근무 시·군을 적으세요(기관의 소재지가 없습니다).",
                "Give the region of the jobs (the organisation has no region).",
            )
        )
    problems += year_problems(data.year)
    declaration = DemandDeclaration(
        organisation=organisation,
        ncs_middle=ncs,
        occupation=data.occupation.strip(),
        region=region,
        year=data.year,
        headcount=data.headcount,
        certificates=clean_certificates(data.certificates),
        note=data.note.strip(),
        data_origin=data.data_origin,
        created_by=user_row(actor),
    )
    if not problems:
        _refuse_duplicate(declaration)
    _validate(declaration, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        raise _duplicate() from None
    record_audit(actor=actor, action="demand.declare", obj=declaration, after=snapshot(declaration))
    return declaration


UPDATABLE = ("occupation", "year", "headcount", "certificates", "note")


@transaction.atomic
def declaration_update(
    *, actor: UserLike, declaration: DemandDeclaration, changes: Mapping[str, Any]
) -> DemandDeclaration:
    """Change a declaration's field, occupation, region, year, headcount, certificates or
    note (the declaring organisation stays). Raises PermissionDenied, ValidationFailed,
    Conflict."""
    authorize_change(actor, declaration)
    before = snapshot(declaration)
    problems: list[FieldProblem] = []
    if "ncs_code" in changes:
        ncs = resolve_ncs(changes["ncs_code"], problems)
        if ncs is not None:
            declaration.ncs_middle = ncs
    if "region_code" in changes:
        region = resolve_region(changes["region_code"], problems)
        if region is not None:
            declaration.region = region
    for name in UPDATABLE:
        if name in changes:
            value = changes[name]
            if name == "certificates":
                value = clean_certificates(value)
            elif isinstance(value, str):
                value = value.strip()
            setattr(declaration, name, value)
    if "year" in changes:
        problems += year_problems(declaration.year)
    if not problems:
        _refuse_duplicate(declaration)
    _validate(declaration, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        raise _duplicate() from None
    record_audit(
        actor=actor,
        action="demand.update",
        obj=declaration,
        before=before,
        after=snapshot(declaration),
    )
    return declaration


@transaction.atomic
def declaration_delete(*, actor: UserLike, declaration: DemandDeclaration) -> None:
    """Withdraw a declaration. Raises PermissionDenied unless the actor may change it."""
    authorize_change(actor, declaration)
    record_audit(actor=actor, action="demand.delete", obj=declaration, before=snapshot(declaration))
    declaration.delete()
