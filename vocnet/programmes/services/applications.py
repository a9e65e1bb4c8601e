"""A consortium's application: drafting (with the draft consortium agreement, created through
``vocnet.agreements``), saving the plan, attaching documents, submitting before the deadline
(the content frozen in a version) and withdrawing.

Every broken rule is a bilingual problem naming the field and the rule; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from vocnet.agreements.evidence import SNIFF_BYTES, evidence_problems
from vocnet.agreements.models import PartyRole, Pillar
from vocnet.agreements.pillars import pillars_led_by
from vocnet.agreements.policies import PARTY_KINDS
from vocnet.agreements.services import AgreementInput, PartyInput, agreement_create_draft
from vocnet.core.errors import FieldProblem
from vocnet.core.korean import particle
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.programmes.documents import UnreadablePdf, is_pdf, pdf_page_count
from vocnet.programmes.models import (
    Application,
    ApplicationDocument,
    ApplicationParty,
    ApplicationStatus,
    ApplicationVersion,
    BudgetCategory,
    BudgetLine,
    Call,
    CallStatus,
    ConsortiumRole,
    FundingSource,
    GovernanceMember,
    Kpi,
    PillarPlan,
    PreviousDesignationRule,
)
from vocnet.programmes.rules import problem, raise_if, text_problems, window_text
from vocnet.registry.models import Organisation, School, SchoolDesignation

# The registry's designation kind that counts as "previously designated" for a programme.
DESIGNATION_OF_PROGRAMME = {
    "moe_agreement_school": "moe_agreement",
    "gg_regional_winwin": "gg_agreement",
    "gg_hightech": "gg_hightech",
    "pilot_district": "pilot_district",
}


@dataclass
class ConsortiumPartyInput:
    organisation_id: int
    role: str = ConsortiumRole.MEMBER


@dataclass
class ApplicationInput:
    call_id: int
    lead_organisation_id: int
    title: str
    partners: list[ConsortiumPartyInput] = field(default_factory=list)
    is_synthetic: bool = False
    source_note: str = ""


@dataclass
class BudgetInput:
    year_index: int
    source: str
    category: str
    amount_krw: int


@dataclass
class KpiInput:
    name: str
    unit: str
    targets: list[float]


@dataclass
class GovernanceMemberInput:
    organisation_id: int
    role_title: str


@dataclass
class ApplicationContent:
    """The plan's sections; a field left None keeps what the draft has."""

    vision: str | None = None
    governance_rhythm: str | None = None
    infrastructure_plan: str | None = None
    path_employment: str | None = None
    path_growth: str | None = None
    path_settlement: str | None = None
    pillar_plans: dict[str, str] | None = None
    governance_members: list[GovernanceMemberInput] | None = None
    budget: list[BudgetInput] | None = None
    kpis: list[KpiInput] | None = None


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _window_problems(call: Call, moment: datetime, field_name: str) -> list[FieldProblem]:
    """The call's window, enforced to the minute (cited in Asia/Seoul)."""
    window = window_text(call.opens_at, call.closes_at)
    if call.status == CallStatus.DRAFT:
        return [
            problem(
                field_name,
                "call_not_published",
                "아직 공고되지 않은 공모입니다.",
                "The call has not been published.",
            )
        ]
    if moment.replace(second=0, microsecond=0) >= call.closes_at:
        return [
            problem(
                field_name,
                "after_deadline",
                f"접수 기간이 지났습니다. 접수 기간: {window}",
                f"The window has closed. Window: {window}",
            )
        ]
    return []


def _eligibility_problems(call: Call, lead: Organisation) -> list[FieldProblem]:
    school = School.objects.filter(organisation=lead).first()
    if school is None:
        return [
            problem(
                "lead_organisation_id",
                "not_a_school",
                "주관 기관은 직업계고여야 합니다.",
                "The lead organisation must be a vocational high school.",
            )
        ]
    problems: list[FieldProblem] = []
    if call.eligible_school_types and school.school_type not in call.eligible_school_types:
        problems.append(
            problem(
                "lead_organisation_id",
                "school_type_not_eligible",
                "이 공모에 신청할 수 있는 학교 유형이 아닙니다"
                f"({school.get_school_type_display()}).",
                f"This type of school cannot apply to the call ({school.school_type}).",
            )
        )
    region_ids = set(call.eligible_regions.values_list("pk", flat=True))
    if region_ids and lead.region_id not in region_ids:
        problems.append(
            problem(
                "lead_organisation_id",
                "region_not_eligible",
                "이 공모의 신청 가능 지역에 있는 학교가 아닙니다.",
                "The school is not in a region eligible for the call.",
            )
        )
    designation = DESIGNATION_OF_PROGRAMME.get(call.kind.code)
    if designation and call.previous_designation_rule != PreviousDesignationRule.ANY:
        designated = SchoolDesignation.objects.filter(school=school, kind=designation).exists()
        wants = call.previous_designation_rule == PreviousDesignationRule.DESIGNATED
        if designated != wants:
            problems.append(
                problem(
                    "lead_organisation_id",
                    "previous_designation",
                    "기존 지정 조건에 맞지 않습니다: "
                    f"{call.get_previous_designation_rule_display()}",
                    "The school does not meet the call's previous-designation rule "
                    f"({call.previous_designation_rule}).",
                )
            )
    return problems


def _next_blind_code(call: Call) -> str:
    return f"A-{call.applications.count() + 1:02d}"


def _party_pillars(kind: str) -> list[str]:
    return pillars_led_by(kind) or [Pillar.REGIONAL_COOPERATION]


@transaction.atomic
def application_create_draft(
    *, actor: UserLike, data: ApplicationInput, now: datetime | None = None
) -> Application:
    """Start an application for a lead school with its consortium, and the consortium's
    agreement as a draft (``vocnet.agreements``, kind from the programme).

    Raises PermissionDenied (only the lead school's staff), ValidationFailed (call not open
    or closed — citing its window; school not eligible; a partner that cannot be a party;
    the school already applied), nothing written."""
    authorize_create(actor, Application, lead_organisation_id=data.lead_organisation_id)
    problems: list[FieldProblem] = []
    call = Call.objects.select_related("kind").filter(pk=data.call_id).first()
    lead = Organisation.objects.filter(pk=data.lead_organisation_id, is_active=True).first()
    if call is None:
        problems.append(
            problem("call_id", "unknown_call", "공모를 찾을 수 없습니다.", "No such call.")
        )
    if lead is None:
        problems.append(
            problem(
                "lead_organisation_id",
                "unknown_organisation",
                "등록된 기관이 아닙니다.",
                "No such organisation.",
            )
        )
    problems += text_problems("title", data.title, 200, required=True)
    if call is not None:
        problems += _window_problems(call, _now(now), "call_id")
    if call is not None and lead is not None:
        problems += _eligibility_problems(call, lead)
        if Application.objects.filter(call=call, lead_organisation=lead).exists():
            problems.append(
                problem(
                    "lead_organisation_id",
                    "already_applied",
                    "이 학교는 이 공모에 이미 신청서를 만들었습니다.",
                    "This school already has an application to this call.",
                )
            )
    partners: list[Organisation] = []
    seen = {data.lead_organisation_id}
    for index, partner in enumerate(data.partners):
        name = f"partners[{index}].organisation_id"
        organisation = Organisation.objects.filter(
            pk=partner.organisation_id, is_active=True
        ).first()
        if organisation is None:
            problems.append(
                problem(
                    name, "unknown_organisation", "등록된 기관이 아닙니다.", "No such organisation."
                )
            )
            continue
        if organisation.kind not in PARTY_KINDS:
            problems.append(
                problem(
                    name,
                    "cannot_sign",
                    f"'{organisation.name_ko}'{particle(organisation.name_ko, '은/는')} "
                    "협약 당사자가 될 수 없는 기관 유형입니다.",
                    f"'{organisation.name_ko}' is a kind of organisation that cannot be a party.",
                )
            )
        if organisation.pk in seen:
            problems.append(
                problem(
                    name,
                    "duplicate_party",
                    "같은 기관이 두 번 있습니다.",
                    "The same organisation is listed twice.",
                )
            )
        seen.add(organisation.pk)
        partners.append(organisation)
    raise_if(problems)
    assert call is not None
    assert lead is not None
    # Numbering the blind code under a lock on the call: two first drafts at once wait.
    Call.objects.select_for_update().filter(pk=call.pk).first()
    application = Application.objects.create(
        call=call,
        lead_organisation=lead,
        blind_code=_next_blind_code(call),
        title=data.title.strip(),
        is_synthetic=data.is_synthetic,
        source_note=data.source_note,
        created_by=user_row(actor),
    )
    ApplicationParty.objects.bulk_create(
        [ApplicationParty(application=application, organisation=lead, role=ConsortiumRole.LEAD)]
        + [
            ApplicationParty(
                application=application,
                organisation=organisation,
                role=ConsortiumRole.MEMBER,
                position=index,
            )
            for index, organisation in enumerate(partners, start=1)
        ]
    )
    if call.kind.agreement_kind_code:
        # The consortium's agreement runs from the school year after the call (1 March), for
        # the programme's duration; the parties may change the dates while it is a draft.
        start = date(call.year + 1, 3, 1)
        end = date(start.year + call.duration_years, 3, 1) - timedelta(days=1)
        agreement = agreement_create_draft(
            actor=actor,
            data=AgreementInput(
                kind_code=call.kind.agreement_kind_code,
                title=f"{application.title} 협약(안)",
                lead_organisation_id=lead.pk,
                start_date=start,
                end_date=end,
                is_synthetic=data.is_synthetic,
                parties=[
                    PartyInput(
                        organisation_id=organisation.pk,
                        role=PartyRole.LEAD if organisation == lead else PartyRole.MEMBER,
                        pillars=_party_pillars(organisation.kind),
                        commitments=[],
                    )
                    for organisation in [lead, *partners]
                ],
            ),
        )
        application.agreement = agreement
        application.save(update_fields=["agreement"])
    record_audit(
        actor=actor,
        action="programmes.application.create",
        obj=application,
        after={"call": call.pk, "lead": lead.pk, "partners": [o.pk for o in partners]},
    )
    return application


def _draft_problems(
    application: Application, moment: datetime, field_name: str
) -> list[FieldProblem]:
    if application.status != ApplicationStatus.DRAFT:
        return [
            problem(
                field_name,
                "frozen",
                "제출되었거나 철회된 신청서는 바꿀 수 없습니다"
                f"(상태: {application.get_status_display()}).",
                "A submitted or withdrawn application cannot be changed "
                f"(status: {application.status}).",
            )
        ]
    return _window_problems(application.call, moment, field_name)


def _content_problems(  # noqa: C901 — one flat check per section of the application
    application: Application, content: ApplicationContent, party_ids: set[int]
) -> list[FieldProblem]:
    years = application.call.duration_years
    problems: list[FieldProblem] = []
    for name, limit in (
        ("vision", 5000),
        ("governance_rhythm", 200),
        ("infrastructure_plan", 5000),
        ("path_employment", 3000),
        ("path_growth", 3000),
        ("path_settlement", 3000),
    ):
        value = getattr(content, name)
        if value is not None:
            problems += text_problems(name, value, limit, required=False)
    for pillar, text in (content.pillar_plans or {}).items():
        if pillar not in Pillar.values:
            problems.append(
                problem(
                    f"pillar_plans.{pillar}",
                    "unknown_pillar",
                    f"5대 요소 코드가 아닙니다: {pillar}",
                    f"Not a pillar code: {pillar}",
                )
            )
        problems += text_problems(f"pillar_plans.{pillar}", text, 5000, required=True)
    for index, member in enumerate(content.governance_members or []):
        if member.organisation_id not in party_ids:
            problems.append(
                problem(
                    f"governance_members[{index}].organisation_id",
                    "not_a_party",
                    "운영위원은 컨소시엄 구성 기관 소속이어야 합니다.",
                    "A committee member must belong to a party of the consortium.",
                )
            )
        problems += text_problems(
            f"governance_members[{index}].role_title", member.role_title, 100, required=True
        )
    keys: set[tuple[int, str, str]] = set()
    for index, line in enumerate(content.budget or []):
        name = f"budget[{index}]"
        if not 1 <= line.year_index <= years:
            problems.append(
                problem(
                    f"{name}.year_index",
                    "year_out_of_range",
                    f"연차는 1~{years} 사이여야 합니다(운영 기간 {years}년).",
                    f"The year is between 1 and {years} (a {years}-year programme).",
                )
            )
        if line.source not in FundingSource.values:
            problems.append(
                problem(
                    f"{name}.source",
                    "unknown_source",
                    f"재원 코드가 아닙니다: {line.source}",
                    f"Not a funding source: {line.source}",
                )
            )
        if line.category not in BudgetCategory.values:
            problems.append(
                problem(
                    f"{name}.category",
                    "unknown_category",
                    f"비목 코드가 아닙니다: {line.category}",
                    f"Not a budget category: {line.category}",
                )
            )
        if line.amount_krw < 0:
            problems.append(
                problem(
                    f"{name}.amount_krw",
                    "negative",
                    "금액은 0 이상이어야 합니다.",
                    "The amount cannot be negative.",
                )
            )
        key = (line.year_index, line.source, line.category)
        if key in keys:
            problems.append(
                problem(
                    name,
                    "duplicate",
                    "같은 연차·재원·비목이 두 번 있습니다.",
                    "The same year, source and category appear twice.",
                )
            )
        keys.add(key)
    for index, kpi in enumerate(content.kpis or []):
        name = f"kpis[{index}]"
        problems += text_problems(f"{name}.name", kpi.name, 150, required=True)
        problems += text_problems(f"{name}.unit", kpi.unit, 20, required=True)
        if len(kpi.targets) != years:
            problems.append(
                problem(
                    f"{name}.targets",
                    "wrong_year_count",
                    f"운영 연차마다 하나씩, 목표 {years}개를 입력하세요"
                    f"(입력 {len(kpi.targets)}개).",
                    f"Give one target per programme year: {years} (got {len(kpi.targets)}).",
                )
            )
        if any(target < 0 for target in kpi.targets):
            problems.append(
                problem(
                    f"{name}.targets",
                    "negative",
                    "목표는 0 이상이어야 합니다.",
                    "A target cannot be negative.",
                )
            )
    return problems


@transaction.atomic
def application_save(
    *,
    actor: UserLike,
    application: Application,
    content: ApplicationContent,
    now: datetime | None = None,
) -> Application:
    """Save the draft's sections; lists given replace what the draft had.

    Raises PermissionDenied (the lead school's staff only), ValidationFailed (submitted,
    withdrawn, or the window closed; a section's rule), nothing written."""
    authorize_change(actor, application)
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    party_ids = set(application.parties.values_list("organisation_id", flat=True))
    problems = _draft_problems(application, _now(now), "status")
    problems += _content_problems(application, content, party_ids)
    raise_if(problems)
    for name in (
        "vision",
        "governance_rhythm",
        "infrastructure_plan",
        "path_employment",
        "path_growth",
        "path_settlement",
    ):
        value = getattr(content, name)
        if value is not None:
            setattr(application, name, value.strip())
    application.save()
    if content.pillar_plans is not None:
        application.pillar_plans.all().delete()
        PillarPlan.objects.bulk_create(
            [
                PillarPlan(application=application, pillar=p, plan=t.strip())
                for p, t in content.pillar_plans.items()
            ]
        )
    if content.governance_members is not None:
        application.governance_members.all().delete()
        GovernanceMember.objects.bulk_create(
            [
                GovernanceMember(
                    application=application,
                    organisation_id=member.organisation_id,
                    role_title=member.role_title.strip(),
                    position=index,
                )
                for index, member in enumerate(content.governance_members)
            ]
        )
    if content.budget is not None:
        application.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(
                    application=application,
                    year_index=line.year_index,
                    source=line.source,
                    category=line.category,
                    amount_krw=line.amount_krw,
                )
                for line in content.budget
            ]
        )
    if content.kpis is not None:
        application.kpis.all().delete()
        Kpi.objects.bulk_create(
            [
                Kpi(
                    application=application,
                    name=kpi.name.strip(),
                    unit=kpi.unit.strip(),
                    targets=[float(t) for t in kpi.targets],
                    position=index,
                )
                for index, kpi in enumerate(content.kpis)
            ]
        )
    record_audit(
        actor=actor,
        action="programmes.application.save",
        obj=application,
        after=content_of(application),
    )
    return application


MAX_DOCUMENT_BYTES = 30 * 1024 * 1024


@transaction.atomic
def application_attach_document(
    *,
    actor: UserLike,
    application: Application,
    requirement_code: str,
    upload: UploadedFile,
    page_count: int | None = None,
    now: datetime | None = None,
) -> ApplicationDocument:
    """Attach (or replace) the file for one required document of a draft. The file's type is
    checked by extension and first bytes (pdf, hwp, hwpx, docx, xlsx, png, jpg), at most 10 MB;
    a document with a page limit (the plan: ≤ 30 pages) needs its page count within it — a
    PDF's pages are counted (pypdf), other formats' count is declared by the uploader.

    Raises PermissionDenied, ValidationFailed, nothing written."""
    authorize_change(actor, application)
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    problems = _draft_problems(application, _now(now), "status")
    requirement = application.call.documents.filter(code=requirement_code).first()
    if requirement is None:
        problems.append(
            problem(
                "requirement_code",
                "unknown_document",
                f"이 공모의 제출 서류가 아닙니다: {requirement_code}",
                f"Not a document of this call: {requirement_code}",
            )
        )
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    file_problems = evidence_problems(upload.name or "", upload.size or 0, head, field="file")
    problems += file_problems
    if not file_problems and is_pdf(upload):
        # A PDF's own page count wins over the declared one (the plan's 30-page rule).
        try:
            page_count = pdf_page_count(upload)
        except UnreadablePdf:
            problems.append(
                problem(
                    "file",
                    "unreadable_pdf",
                    "PDF 파일의 쪽을 읽을 수 없습니다. 파일을 다시 저장해 올리세요.",
                    "The PDF's pages cannot be read. Save the file again and upload it.",
                )
            )
            page_count = None
    if (
        requirement is not None
        and requirement.max_pages is not None
        and not (file_problems or any(p.code == "unreadable_pdf" for p in problems))
    ):
        if page_count is None:
            problems.append(
                problem(
                    "page_count",
                    "required",
                    f"'{requirement.name_ko}'의 쪽수를 입력하세요(최대 {requirement.max_pages}쪽).",
                    f"Give the page count of '{requirement.name_en}' "
                    f"(at most {requirement.max_pages}).",
                )
            )
        elif not 1 <= page_count <= requirement.max_pages:
            problems.append(
                problem(
                    "page_count",
                    "too_many_pages",
                    f"'{requirement.name_ko}'{particle(requirement.name_ko, '은/는')} "
                    f"최대 {requirement.max_pages}쪽입니다"
                    f"(입력 {page_count}쪽).",
                    f"'{requirement.name_en}' has at most {requirement.max_pages} pages "
                    f"(got {page_count}).",
                )
            )
    raise_if(problems)
    assert requirement is not None
    existing = ApplicationDocument.objects.filter(
        application=application, requirement=requirement
    ).first()
    if existing is not None:
        existing.file.delete(save=False)
        existing.delete()
    document = ApplicationDocument(
        application=application,
        requirement=requirement,
        original_name=(upload.name or "")[:200],
        size_bytes=upload.size or 0,
        page_count=page_count,
        uploaded_by=user_row(actor),
    )
    document.file.save(upload.name or "document", upload, save=False)
    document.save()
    record_audit(
        actor=actor,
        action="programmes.application.attach",
        obj=application,
        after={
            "document": requirement.code,
            "name": document.original_name,
            "size": document.size_bytes,
        },
    )
    return document


def content_of(application: Application) -> dict[str, Any]:
    """A JSON-safe snapshot of the application's content (what a version freezes)."""
    return {
        "title": application.title,
        "vision": application.vision,
        "governance_rhythm": application.governance_rhythm,
        "infrastructure_plan": application.infrastructure_plan,
        "path": {
            "employment": application.path_employment,
            "growth": application.path_growth,
            "settlement": application.path_settlement,
        },
        "parties": [
            {"organisation_id": p.organisation_id, "name": p.organisation.name_ko, "role": p.role}
            for p in application.parties.select_related("organisation")
        ],
        "pillar_plans": {p.pillar: p.plan for p in application.pillar_plans.order_by("pillar")},
        "governance_members": [
            {"organisation_id": m.organisation_id, "role_title": m.role_title}
            for m in application.governance_members.all()
        ],
        "budget": [
            {
                "year": b.year_index,
                "source": b.source,
                "category": b.category,
                "amount_krw": b.amount_krw,
            }
            for b in application.budget_lines.all()
        ],
        "kpis": [
            {"name": k.name, "unit": k.unit, "targets": k.targets} for k in application.kpis.all()
        ],
        "documents": [
            {
                "code": d.requirement.code,
                "name": d.original_name,
                "size": d.size_bytes,
                "pages": d.page_count,
            }
            for d in application.documents.select_related("requirement").order_by(
                "requirement__position"
            )
        ],
        "agreement_id": application.agreement_id,
    }


def _completeness_problems(application: Application) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    attached = set(application.documents.values_list("requirement_id", flat=True))
    for requirement in application.call.documents.filter(is_required=True):
        if requirement.pk not in attached:
            problems.append(
                problem(
                    f"documents.{requirement.code}",
                    "missing_document",
                    f"필수 제출 서류가 없습니다: {requirement.name_ko}",
                    f"A required document is missing: {requirement.name_en or requirement.code}",
                )
            )
    for name, ko, en in (
        ("vision", "비전", "the vision"),
        ("path_employment", "진로: 취업", "the path: employment"),
    ):
        if not getattr(application, name).strip():
            problems.append(
                problem(
                    name,
                    "required",
                    f"제출하려면 '{ko}'{particle(ko, '을/를')} 작성하세요.",
                    f"Write {en} before submitting.",
                )
            )
    if not application.budget_lines.exists():
        problems.append(
            problem(
                "budget",
                "required",
                "제출하려면 예산을 입력하세요.",
                "Enter the budget before submitting.",
            )
        )
    if not application.kpis.exists():
        problems.append(
            problem(
                "kpis",
                "required",
                "제출하려면 성과지표를 하나 이상 입력하세요.",
                "Enter at least one KPI before submitting.",
            )
        )
    return problems


@transaction.atomic
def application_submit(
    *, actor: UserLike, application: Application, now: datetime | None = None
) -> ApplicationVersion:
    """Submit before the deadline (enforced to the minute; the error cites the window in
    Asia/Seoul): every required document attached, the vision, the employment path, a budget
    and a KPI present. The content is frozen in a new version.

    Raises PermissionDenied (the lead school's staff only), ValidationFailed, nothing written."""
    authorize_change(actor, application)
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    moment = _now(now)
    problems = _draft_problems(application, moment, "submitted_at")
    if not problems:
        problems += _completeness_problems(application)
    raise_if(problems)
    number = application.versions.count() + 1
    version = ApplicationVersion.objects.create(
        application=application,
        number=number,
        snapshot=content_of(application),
        submitted_at=moment,
        submitted_by=user_row(actor),
    )
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = moment
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record_audit(
        actor=actor,
        action="programmes.application.submit",
        obj=application,
        after={"version": number, "submitted_at": moment.isoformat()},
    )
    return version


@transaction.atomic
def application_withdraw(
    *, actor: UserLike, application: Application, reason: str, now: datetime | None = None
) -> Application:
    """Withdraw a draft or submitted application; the withdrawal (who, when, why) is recorded
    and the versions are kept.

    Raises PermissionDenied, ValidationFailed (already withdrawn; no reason)."""
    authorize_change(actor, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    problems = text_problems("reason", reason, 300, required=True)
    if application.status == ApplicationStatus.WITHDRAWN:
        problems.append(
            problem(
                "status",
                "already_withdrawn",
                "이미 철회된 신청서입니다.",
                "The application is already withdrawn.",
            )
        )
    raise_if(problems)
    before = {"status": application.status}
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = _now(now)
    application.withdrawal_reason = reason.strip()
    application.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    record_audit(
        actor=actor,
        action="programmes.application.withdraw",
        obj=application,
        before=before,
        after={"status": application.status, "reason": application.withdrawal_reason},
    )
    return application


__all__ = [
    "ApplicationContent",
    "ApplicationInput",
    "BudgetInput",
    "ConsortiumPartyInput",
    "GovernanceMemberInput",
    "KpiInput",
    "application_attach_document",
    "application_create_draft",
    "application_save",
    "application_submit",
    "application_withdraw",
]
