"""Writes of the universities' part of pathways (issue 18 §4): a university's programmes for
graduates in work, the graduate's consent and its withdrawal, applications and the
university's decisions. Each write checks permission through the one permission layer,
validates, writes in one transaction and records an audit entry; a broken rule is a
``FieldProblem`` in Korean and English and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, PermissionDenied, ValidationFailed, not_found
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create, restrict
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.models_universities import (
    ApplicationStatus,
    ContractType,
    ProgrammeApplication,
    ProgrammeKind,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.services.destinations import resolve_company
from vocnet.registry.models import Company, Organisation, OrganisationKind


@dataclass(frozen=True)
class ProgrammeInput:
    """A programme as entered; partner companies by business number (사업자등록번호)."""

    university_id: int
    kind: str
    name: str
    admission_year: int
    places: int
    admission_conditions: str = ""
    contract_type: str = ""
    contract_title: str = ""
    contract_signed_on: date | None = None
    contract_ends_on: date | None = None
    partner_business_numbers: list[str] = field(default_factory=list)


def _problem(name: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(name, code, ko, en)


def programme_problems(data: ProgrammeInput) -> tuple[list[FieldProblem], list[Company]]:
    """The rules of a programme beyond its fields' own: a 계약학과 states its hiring condition
    (채용조건형·재교육형·조기취업형), its contract and at least one partner company, and its
    contract ends after it is signed; a 재직자 특별전형 states its admission conditions and
    carries no contract. Returns the problems and the partner companies found."""
    found: list[FieldProblem] = []
    companies: list[Company] = []
    for number in data.partner_business_numbers:
        company = resolve_company(number, found)
        if company is not None and company not in companies:
            companies.append(company)
    problems = [
        FieldProblem("partner_business_numbers", p.code, p.message_ko, p.message_en) for p in found
    ]
    if data.kind == ProgrammeKind.CONTRACT_DEPARTMENT:
        if data.contract_type not in ContractType.values:
            problems.append(
                _problem(
                    "contract_type",
                    "required",
                    "계약학과는 유형(채용조건형·재교육형·조기취업형)을 골라야 합니다.",
                    "A contract department needs its type (hiring, retraining or early "
                    "employment).",
                )
            )
        if not data.contract_title.strip():
            problems.append(
                _problem(
                    "contract_title",
                    "required",
                    "계약학과는 기업과 맺은 계약(협약)명을 적어야 합니다.",
                    "A contract department needs the title of its contract with the company.",
                )
            )
        if not data.partner_business_numbers:
            problems.append(
                _problem(
                    "partner_business_numbers",
                    "required",
                    "계약학과는 협약 기업을 한 곳 이상 사업자등록번호로 적어야 합니다.",
                    "A contract department needs at least one partner company (business number).",
                )
            )
        if (
            data.contract_signed_on
            and data.contract_ends_on
            and data.contract_ends_on < data.contract_signed_on
        ):
            problems.append(
                _problem(
                    "contract_ends_on",
                    "before_signed",
                    "계약 종료일은 계약 체결일 이후여야 합니다.",
                    "The contract's end date must be on or after its signing date.",
                )
            )
    elif data.kind == ProgrammeKind.INCUMBENT_SPECIAL:
        if not data.admission_conditions.strip():
            problems.append(
                _problem(
                    "admission_conditions",
                    "required",
                    "재직자 특별전형은 지원 자격·전형 조건을 적어야 합니다(예: 산업체 재직 3년 "
                    "이상).",
                    "A special admission for employees states its admission conditions (e.g. "
                    "3 years in work).",
                )
            )
        if data.contract_type or data.partner_business_numbers:
            problems.append(
                _problem(
                    "contract_type",
                    "not_a_contract",
                    "재직자 특별전형에는 계약학과 유형과 협약 기업을 적지 않습니다.",
                    "A special admission for employees has no contract type or partner companies.",
                )
            )
    return problems, companies


def _university(university_id: int) -> Organisation:
    university = Organisation.objects.filter(
        pk=university_id, kind=OrganisationKind.UNIVERSITY
    ).first()
    if university is None:
        raise ValidationFailed.from_problems(
            [
                _problem(
                    "university_id",
                    "not_a_university",
                    "대학으로 등록된 기관이 아닙니다.",
                    "This organisation is not registered as a university.",
                )
            ]
        )
    return university


def _apply(programme: UniversityProgramme, data: ProgrammeInput) -> list[Company]:
    problems, companies = programme_problems(data)
    programme.kind = data.kind
    programme.name = data.name.strip()
    programme.admission_year = data.admission_year
    programme.places = data.places
    programme.admission_conditions = data.admission_conditions.strip()
    is_contract = data.kind == ProgrammeKind.CONTRACT_DEPARTMENT
    programme.contract_type = data.contract_type if is_contract else ""
    programme.contract_title = data.contract_title.strip() if is_contract else ""
    programme.contract_signed_on = data.contract_signed_on if is_contract else None
    programme.contract_ends_on = data.contract_ends_on if is_contract else None
    try:
        clean_or_raise(programme)
    except ValidationFailed as error:
        problems = [*error.problems, *problems]
    if problems:
        raise ValidationFailed.from_problems(problems)
    return companies


@transaction.atomic
def programme_create(*, actor: UserLike, data: ProgrammeInput) -> UniversityProgramme:
    """A new programme of ``data.university_id``. Raises PermissionDenied unless the actor
    works for that university (or is the province), ValidationFailed naming each broken
    rule (``programme_problems`` and the fields' own); nothing written then."""
    authorize_create(actor, UniversityProgramme, university_id=data.university_id)
    university = _university(data.university_id)
    programme = UniversityProgramme(university=university, created_by=user_row(actor))
    companies = _apply(programme, data)
    programme.save()
    programme.partner_companies.set(companies)
    record_audit(
        actor=actor, action="university_programme.create", obj=programme, after=snapshot(programme)
    )
    return programme


@transaction.atomic
def programme_update(
    *, actor: UserLike, programme: UniversityProgramme, data: ProgrammeInput
) -> UniversityProgramme:
    """Change a programme (not its university). PermissionDenied unless the actor keeps it;
    ValidationFailed as for ``programme_create``."""
    authorize_change(actor, programme)
    before = snapshot(programme)
    companies = _apply(programme, data)
    programme.save()
    programme.partner_companies.set(companies)
    record_audit(
        actor=actor,
        action="university_programme.update",
        obj=programme,
        before=before,
        after=snapshot(programme),
    )
    return programme


# Consent -----------------------------------------------------------------------------------


def not_the_graduate() -> PermissionDenied:
    """The refusal of a consent, withdrawal or application by anyone but the graduate."""
    return PermissionDenied(
        code="not_the_graduate",
        message_ko="대학 열람 동의(graduate)는 졸업생 본인만 하거나 철회할 수 있습니다.",
        message_en="Only the graduate themself may give or withdraw the consent to universities "
        "(graduate).",
        problems=[
            _problem(
                "graduate",
                "not_the_graduate",
                "졸업생 본인만 동의하거나 철회할 수 있습니다.",
                "Only the graduate may give or withdraw this consent.",
            )
        ],
    )


def _own_graduate(actor: UserLike, graduate_id: int) -> GraduateDestination:
    """The graduate row ``graduate_id`` if the signed-in actor is that graduate; otherwise the
    same refusal whether the row exists or not."""
    from vocnet.core.permissions import actor_for

    student_id = actor_for(actor).student_id
    graduate = (
        GraduateDestination.objects.select_for_update()
        .filter(pk=graduate_id, student_id=student_id)
        .first()
        if student_id is not None
        else None
    )
    if graduate is None:
        raise not_the_graduate()
    return graduate


@transaction.atomic
def consent_give(*, actor: UserLike, graduate_id: int) -> UniversityConsent:
    """The graduate's consent, from now, that the universities linked to their school see
    their pathway. Only the graduate (the signed-in student the school linked to the row) may
    give it: anyone else gets PermissionDenied naming the field ``graduate`` in Korean and
    English, and nothing is written. Giving it again while it stands changes nothing and
    returns the standing consent."""
    graduate = _own_graduate(actor, graduate_id)
    authorize_create(actor, UniversityConsent, student_id=graduate.student_id)
    standing = UniversityConsent.objects.active().filter(graduate=graduate).first()
    if standing is not None:
        return standing
    consent = UniversityConsent.objects.create(
        graduate=graduate, given_at=timezone.now(), given_by=user_row(actor)
    )
    record_audit(
        actor=actor, action="university_consent.give", obj=consent, after=snapshot(consent)
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: UserLike, graduate_id: int) -> UniversityConsent | None:
    """Withdraw the graduate's standing consent, stamped now: from then on no university sees
    the graduate (nor their applications). Only the graduate may: PermissionDenied as for
    ``consent_give``. Returns the withdrawn consent, None when none stood."""
    graduate = _own_graduate(actor, graduate_id)
    consent = UniversityConsent.objects.active().filter(graduate=graduate).first()
    if consent is None:
        return None
    authorize_change(actor, consent)
    before = snapshot(consent)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = user_row(actor)
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record_audit(
        actor=actor,
        action="university_consent.withdraw",
        obj=consent,
        before=before,
        after=snapshot(consent),
    )
    return consent


# Applications --------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *, actor: UserLike, graduate_id: int, programme_id: int
) -> ProgrammeApplication:
    """The graduate applies to a place. Only the graduate (PermissionDenied otherwise); the
    programme must be one the graduate may see (a university linked to their school: NotFound
    otherwise); the graduate's consent must stand, since the university could not see the
    application without it (ValidationFailed, field ``consent``); once per programme
    (ValidationFailed, field ``programme_id``)."""
    graduate = _own_graduate(actor, graduate_id)
    authorize_create(actor, ProgrammeApplication, student_id=graduate.student_id)
    programme = restrict(actor, UniversityProgramme.objects.all()).filter(pk=programme_id).first()
    if programme is None:
        raise not_found("후학습 과정", "Programme")
    problems: list[FieldProblem] = []
    if not UniversityConsent.objects.active().filter(graduate=graduate).exists():
        problems.append(
            _problem(
                "consent",
                "consent_required",
                "지원하려면 먼저 대학 열람에 동의해야 합니다. 동의 없이는 대학이 지원 내용을 "
                "볼 수 없습니다.",
                "Give the consent to universities first: without it the university cannot "
                "see the application.",
            )
        )
    if ProgrammeApplication.objects.filter(programme=programme, graduate=graduate).exists():
        problems.append(
            _problem(
                "programme_id",
                "duplicate",
                "이 과정에는 이미 지원했습니다.",
                "You have already applied to this programme.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    application = ProgrammeApplication.objects.create(
        programme=programme, graduate=graduate, applied_at=timezone.now()
    )
    record_audit(
        actor=actor, action="university_application.create", obj=application,
        after=snapshot(application),
    )  # fmt: skip
    return application


# Which status may follow which: the university decides, then records the enrolment.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.APPLIED: (ApplicationStatus.ADMITTED, ApplicationStatus.NOT_ADMITTED),
    ApplicationStatus.ADMITTED: (ApplicationStatus.ENROLLED, ApplicationStatus.NOT_ADMITTED),
    ApplicationStatus.NOT_ADMITTED: (ApplicationStatus.ADMITTED,),
    ApplicationStatus.ENROLLED: (),
}


def _label(status: str) -> str:
    return str(ApplicationStatus(status).label) if status in ApplicationStatus.values else status


@transaction.atomic
def application_decide(
    *,
    actor: UserLike,
    application_id: int,
    status: str,
    enrolled_on: date | None = None,
) -> ProgrammeApplication:
    """Record the university's decision: admitted or not, then enrolled (on ``enrolled_on``,
    today when not given). NotFound unless the actor sees the application (the programme's
    university while the graduate consents, or the province); PermissionDenied unless they
    may change it; ValidationFailed (field ``status``) for a step that does not follow."""
    application = (
        restrict(actor, ProgrammeApplication.objects.select_for_update(of=("self",)))
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise not_found("후학습 지원", "Application")
    authorize_change(actor, application)
    if status not in TRANSITIONS.get(application.status, ()):
        raise ValidationFailed.from_problems(
            [
                _problem(
                    "status",
                    "transition",
                    f"지금 상태({application.get_status_display()})에서 '{_label(status)}' "
                    "상태로 바꿀 수 없습니다: 지원 → 합격·불합격 → 등록 순서입니다.",
                    f"The application cannot go from '{application.status}' to '{status}': "
                    "applied → admitted or not → enrolled.",
                )
            ]
        )
    before = snapshot(application)
    application.status = status
    application.decided_at = timezone.now()
    if status == ApplicationStatus.ENROLLED:
        application.enrolled_on = enrolled_on or timezone.localdate()
    application.save()
    record_audit(
        actor=actor,
        action="university_application.decide",
        obj=application,
        before=before,
        after=snapshot(application),
    )
    return application


__all__ = [
    "ProgrammeInput",
    "application_create",
    "application_decide",
    "consent_give",
    "consent_withdraw",
    "not_the_graduate",
    "programme_create",
    "programme_problems",
    "programme_update",
]
