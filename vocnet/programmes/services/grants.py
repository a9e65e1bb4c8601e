"""Designation and grants: a decision designates the school (the registry's designation badge
plus the programme's record) and sends the consortium agreement on to signature; the grant's
yearly plan, disbursements (교부), spending with evidence (집행) and the settlement (정산).

Every refusal is a ``ValidationFailed`` with bilingual problems naming the field and the
rule; nothing is written. Money is whole KRW.

The rules on spending and settlement follow ordinary grant practice (보조금 관리에 관한 법률
제22조 용도 외 사용 금지, 제31조 잔액 반환); their exact application to 특별교부금 was not
checked against statute text — **unverified**, stated as vocnet's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from vocnet.agreements.evidence import SNIFF_BYTES, evidence_problems
from vocnet.agreements.models import AgreementStatus
from vocnet.agreements.services import agreement_circulate
from vocnet.core.errors import DomainError, FieldProblem
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.programmes.models import (
    BudgetCategory,
    Decision,
    Designation,
    Disbursement,
    FundingSource,
    Grant,
    GrantPlanLine,
    Outcome,
    ProgrammeKind,
    Settlement,
    Spending,
)
from vocnet.programmes.rules import problem, raise_if, text_problems
from vocnet.programmes.services.applications import DESIGNATION_OF_PROGRAMME
from vocnet.registry.models import DesignationRole, School, SchoolDesignation

# A non-selected Ministry nominee runs one year as Gyeonggi's 경기협약형 (naeil 550342).
PILOT_PROGRAMME = "gg_regional_winwin"
PILOT_YEARS = 1


def won(amount: int) -> str:
    return f"{amount:,}"


@transaction.atomic
def designation_create(
    *,
    actor: UserLike,
    decision: Decision,
    role: str,
    cohort: int,
    now: datetime | None = None,
) -> Designation:
    """Designate the school of a ``selected`` (the call's programme and duration) or ``pilot``
    (경기협약형, one year) decision: the registry's ``SchoolDesignation`` (programme kind, the
    call's year, base or member role) and the programme's ``Designation`` (cohort, duration,
    the consortium agreement). A draft agreement is circulated for signature when the actor
    may and the draft is complete; it becomes active when every party has signed.

    Raises PermissionDenied (the call's officers), ValidationFailed (outcome not designating;
    already designated; unknown role; cohort outside 1–99; the lead is not a school; the
    school already holds that designation for the year), nothing written."""
    authorize_change(actor, decision.call)
    decision = (
        Decision.objects.select_for_update()
        .select_related("call__kind", "application__lead_organisation")
        .get(pk=decision.pk)
    )
    call, application = decision.call, decision.application
    problems: list[FieldProblem] = []
    if decision.outcome not in (Outcome.SELECTED, Outcome.PILOT):
        problems.append(
            problem(
                "decision",
                "not_designating",
                "선정 또는 시범 운영 결정만 지정할 수 있습니다"
                f"(결정: {decision.get_outcome_display()}).",
                f"Only a selected or pilot decision designates (this one: {decision.outcome}).",
            )
        )
    if Designation.objects.filter(decision=decision).exists():
        problems.append(
            problem("decision", "already_designated", "이미 지정했습니다.", "Already designated.")
        )
    if role not in DesignationRole.values:
        problems.append(
            problem(
                "role",
                "unknown_role",
                "역할은 거점학교(base) 또는 참여학교(member)입니다.",
                "The role is base or member.",
            )
        )
    if not 1 <= cohort <= 99:
        problems.append(
            problem("cohort", "out_of_range", "기수는 1–99입니다.", "The cohort is 1–99.")
        )
    school = School.objects.filter(organisation_id=application.lead_organisation_id).first()
    if school is None:
        problems.append(
            problem(
                "decision",
                "lead_not_a_school",
                "주관 기관이 학교가 아닙니다.",
                "The lead organisation is not a school.",
            )
        )
    pilot = decision.outcome == Outcome.PILOT
    programme = ProgrammeKind.objects.get(code=PILOT_PROGRAMME) if pilot else call.kind
    kind = DESIGNATION_OF_PROGRAMME.get(programme.code, "")
    if (
        school is not None
        and SchoolDesignation.objects.filter(school=school, kind=kind, year=call.year).exists()
    ):
        problems.append(
            problem(
                "decision",
                "designation_exists",
                f"이 학교는 {call.year}년에 이미 같은 사업에 지정되어 있습니다.",
                f"The school already holds this designation for {call.year}.",
            )
        )
    raise_if(problems)
    assert school is not None
    moment = now if now is not None else timezone.now()
    badge = SchoolDesignation.objects.create(
        school=school,
        kind=kind,
        year=call.year,
        role=role,
        source_note=f"{call.title} — {decision.get_outcome_display()}"[:200],
    )
    designation = Designation.objects.create(
        school_designation=badge,
        programme=programme,
        decision=decision,
        agreement=application.agreement,
        cohort=cohort,
        duration_years=PILOT_YEARS if pilot else call.duration_years,
        designated_at=moment,
        designated_by=user_row(actor),
        is_synthetic=application.is_synthetic,
    )
    circulated = False
    agreement = application.agreement
    if agreement is not None and agreement.status == AgreementStatus.DRAFT:
        try:
            with transaction.atomic():
                agreement_circulate(actor=actor, agreement=agreement)
            circulated = True
        except DomainError:
            # Incomplete, or not the actor's to circulate: the lead school circulates it.
            circulated = False
    record_audit(
        actor=actor,
        action="programmes.designation.create",
        obj=designation,
        after={
            "school": school.pk,
            "programme": programme.code,
            "year": call.year,
            "role": role,
            "cohort": cohort,
            "agreement_circulated": circulated,
        },
    )
    return designation


@dataclass
class PlanLineInput:
    source: str
    category: str
    amount_krw: int


def _source_problems(field: str, source: str) -> list[FieldProblem]:
    if source in FundingSource.values:
        return []
    return [
        problem(
            field,
            "unknown_source",
            f"재원 코드가 아닙니다: {source} (허용: {', '.join(FundingSource.values)})",
            f"Not a funding source: {source} (allowed: {', '.join(FundingSource.values)})",
        )
    ]


def _category_problems(field: str, category: str) -> list[FieldProblem]:
    if category in BudgetCategory.values:
        return []
    return [
        problem(
            field,
            "unknown_category",
            f"비목 코드가 아닙니다: {category} (허용: {', '.join(BudgetCategory.values)})",
            f"Not a category: {category} (allowed: {', '.join(BudgetCategory.values)})",
        )
    ]


def _amount_problems(field: str, amount: int, *, allow_zero: bool = False) -> list[FieldProblem]:
    low = 0 if allow_zero else 1
    if isinstance(amount, int) and low <= amount <= 10**13:
        return []
    return [
        problem(
            field,
            "out_of_range",
            f"금액은 {low}원 이상 10조 원 이하의 정수입니다.",
            f"The amount is a whole number of KRW from {low} to 10 trillion.",
        )
    ]


@transaction.atomic
def grant_open(
    *,
    actor: UserLike,
    designation: Designation,
    fiscal_year: int,
    plan: list[PlanLineInput],
) -> Grant:
    """Open a fiscal year's grant with its funding plan (source × category, KRW). The
    programme year (연차) counts from the designation's year and must lie within its duration.

    Raises PermissionDenied (the province, the issuing officers), ValidationFailed (outside the
    duration; the year already open; an unknown source or category; a line twice; no line;
    an amount out of range), nothing written."""
    authorize_change(actor, designation)
    designation = (
        Designation.objects.select_for_update()
        .select_related("school_designation")
        .get(pk=designation.pk)
    )
    programme_year = fiscal_year - designation.school_designation.year + 1
    problems: list[FieldProblem] = []
    if not 1 <= programme_year <= designation.duration_years:
        problems.append(
            problem(
                "fiscal_year",
                "outside_duration",
                f"지정 기간({designation.school_designation.year}년부터 "
                f"{designation.duration_years}년) 밖의 연도입니다: {fiscal_year}",
                f"{fiscal_year} lies outside the designation's {designation.duration_years} "
                f"years from {designation.school_designation.year}.",
            )
        )
    if Grant.objects.filter(designation=designation, fiscal_year=fiscal_year).exists():
        problems.append(
            problem(
                "fiscal_year",
                "already_open",
                f"{fiscal_year}년 사업비가 이미 있습니다.",
                f"The {fiscal_year} grant exists already.",
            )
        )
    if not plan:
        problems.append(
            problem("plan", "required", "계획을 한 줄 이상 입력하세요.", "Give at least one line.")
        )
    seen: set[tuple[str, str]] = set()
    for index, line in enumerate(plan):
        name = f"plan[{index}]"
        problems += _source_problems(f"{name}.source", line.source)
        problems += _category_problems(f"{name}.category", line.category)
        problems += _amount_problems(f"{name}.amount_krw", line.amount_krw, allow_zero=True)
        if (line.source, line.category) in seen:
            problems.append(
                problem(
                    name,
                    "duplicate_line",
                    "같은 재원·비목이 두 번 있습니다.",
                    "The same source and category appear twice.",
                )
            )
        seen.add((line.source, line.category))
    raise_if(problems)
    grant = Grant.objects.create(
        designation=designation,
        fiscal_year=fiscal_year,
        programme_year=programme_year,
        is_synthetic=designation.is_synthetic,
    )
    GrantPlanLine.objects.bulk_create(
        [
            GrantPlanLine(
                grant=grant, source=line.source, category=line.category, amount_krw=line.amount_krw
            )
            for line in plan
        ]
    )
    record_audit(
        actor=actor,
        action="programmes.grant.open",
        obj=grant,
        after={"fiscal_year": fiscal_year, "plan_krw": sum(line.amount_krw for line in plan)},
    )
    return grant


def _total(queryset: object, **filters: object) -> int:
    value = queryset.filter(**filters).aggregate(total=Sum("amount_krw"))["total"]  # type: ignore[attr-defined]
    return int(value or 0)


def _date_problems(field: str, value: date | None) -> list[FieldProblem]:
    if value is not None:
        return []
    return [
        problem(field, "required", "날짜(YYYY-MM-DD)를 입력하세요.", "Give the date (YYYY-MM-DD).")
    ]


def _settled_problems(grant: Grant, source: str, field: str) -> list[FieldProblem]:
    if not Settlement.objects.filter(grant=grant, source=source).exists():
        return []
    return [
        problem(
            field,
            "already_settled",
            "정산을 마친 재원입니다. 더 기록할 수 없습니다.",
            "This source is settled; nothing more can be recorded.",
        )
    ]


@transaction.atomic
def disbursement_record(
    *,
    actor: UserLike,
    grant: Grant,
    source: str,
    disbursed_on: date | None,
    amount_krw: int,
    note: str = "",
) -> Disbursement:
    """Record money paid to the school from one source. The disbursed total of a source stays
    within its plan for the year.

    Raises PermissionDenied (the province, the issuing officers), ValidationFailed (unknown
    source; amount out of range; over the plan; the source settled), nothing written."""
    authorize_change(actor, grant)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    problems = _source_problems("source", source)
    problems += _amount_problems("amount_krw", amount_krw)
    problems += text_problems("note", note, 300, required=False)
    problems += _date_problems("disbursed_on", disbursed_on)
    if not problems:
        problems += _settled_problems(grant, source, "source")
        planned = _total(grant.plan_lines, source=source)
        disbursed = _total(grant.disbursements, source=source, is_carry_over=False)
        if disbursed + amount_krw > planned:
            problems.append(
                problem(
                    "amount_krw",
                    "over_plan",
                    f"교부액이 계획을 넘습니다: 계획 {won(planned)}원, 교부 {won(disbursed)}원, "
                    f"이번 {won(amount_krw)}원.",
                    f"Disbursements exceed the plan: planned {won(planned)}, disbursed "
                    f"{won(disbursed)}, this {won(amount_krw)} KRW.",
                )
            )
    raise_if(problems)
    assert disbursed_on is not None
    row = Disbursement.objects.create(
        grant=grant,
        source=source,
        disbursed_on=disbursed_on,
        amount_krw=amount_krw,
        note=note.strip(),
        recorded_by=user_row(actor),
    )
    record_audit(
        actor=actor,
        action="programmes.disbursement.record",
        obj=grant,
        after={"source": source, "amount_krw": amount_krw, "on": disbursed_on.isoformat()},
    )
    return row


@dataclass
class SpendingInput:
    source: str
    category: str
    spent_on: date | None
    amount_krw: int
    description: str


@transaction.atomic
def spending_record(
    *,
    actor: UserLike,
    grant: Grant,
    data: SpendingInput,
    evidence: UploadedFile | None,
) -> Spending:
    """Record a spending of the designated school, charged to a source and a category, with
    its evidence file (pdf, hwp, hwpx, docx, xlsx, png, jpg; checked by extension and first
    bytes; at most 10 MB). The spent total of a source never exceeds what was disbursed from
    it (보조금 관리에 관한 법률 제22조 reading, unverified): the grant row is locked, so two
    simultaneous records cannot both pass.

    Raises PermissionDenied (the school's staff), ValidationFailed (unknown source or
    category; amount out of range; no description; no or a bad evidence file; over the
    disbursed amount; the source settled), nothing written."""
    grant = Grant.objects.select_related("designation__school_designation").get(pk=grant.pk)
    authorize_create(actor, Spending, school_id=grant.designation.school_designation.school_id)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    problems = _source_problems("source", data.source)
    problems += _category_problems("category", data.category)
    problems += _amount_problems("amount_krw", data.amount_krw)
    problems += text_problems("description", data.description, 200, required=True)
    problems += _date_problems("spent_on", data.spent_on)
    if evidence is None:
        problems.append(
            problem(
                "evidence",
                "required",
                "증빙 파일을 올리세요(영수증·계약서 등).",
                "Attach the evidence file (receipt, contract …).",
            )
        )
    else:
        head = evidence.read(SNIFF_BYTES)
        evidence.seek(0)
        problems += evidence_problems(evidence.name or "", evidence.size or 0, head)
    if not problems:
        problems += _settled_problems(grant, data.source, "source")
        disbursed = _total(grant.disbursements, source=data.source)
        spent = _total(grant.spendings, source=data.source)
        if spent + data.amount_krw > disbursed:
            label = FundingSource(data.source).label
            problems.append(
                problem(
                    "amount_krw",
                    "over_disbursed",
                    f"집행액이 교부액을 넘습니다({label}): 교부 {won(disbursed)}원, 집행 "
                    f"{won(spent)}원, 이번 {won(data.amount_krw)}원 — 잔액 "
                    f"{won(disbursed - spent)}원까지 집행할 수 있습니다.",
                    f"Spending exceeds the disbursed amount ({data.source}): disbursed "
                    f"{won(disbursed)}, spent {won(spent)}, this {won(data.amount_krw)} KRW — "
                    f"at most {won(disbursed - spent)} KRW remain.",
                )
            )
    raise_if(problems)
    assert evidence is not None
    assert data.spent_on is not None
    row = Spending(
        grant=grant,
        source=data.source,
        category=data.category,
        spent_on=data.spent_on,
        amount_krw=data.amount_krw,
        description=data.description.strip(),
        evidence_name=(evidence.name or "")[:200],
        evidence_bytes=evidence.size or 0,
        recorded_by=user_row(actor),
    )
    row.evidence.save(evidence.name or "evidence", evidence, save=False)
    row.save()
    record_audit(
        actor=actor,
        action="programmes.spending.record",
        obj=grant,
        after={
            "source": data.source,
            "category": data.category,
            "amount_krw": data.amount_krw,
            "evidence": row.evidence_name,
        },
    )
    return row


@transaction.atomic
def settlement_record(
    *,
    actor: UserLike,
    grant: Grant,
    source: str,
    returned_krw: int,
    carried_over_krw: int,
    settled_on: date | None,
    note: str = "",
) -> Settlement:
    """Settle one source of a year's grant: the unspent balance (disbursed − spent) is split
    into returned and carried over, exactly. A carry-over becomes a disbursement of the next
    fiscal year's grant (opened with an empty plan if needed), and is refused in the
    programme's last year (the balance is returned).

    Raises PermissionDenied (the province, the issuing officers), ValidationFailed (unknown
    source; nothing disbursed; already settled; the split not equal to the balance; a
    carry-over in the last year), nothing written."""
    authorize_change(actor, grant)
    grant = Grant.objects.select_for_update().select_related("designation").get(pk=grant.pk)
    problems = _source_problems("source", source)
    problems += _amount_problems("returned_krw", returned_krw, allow_zero=True)
    problems += _amount_problems("carried_over_krw", carried_over_krw, allow_zero=True)
    problems += text_problems("note", note, 300, required=False)
    problems += _date_problems("settled_on", settled_on)
    raise_if(problems)
    assert settled_on is not None
    problems += _settled_problems(grant, source, "source")
    disbursed = _total(grant.disbursements, source=source)
    spent = _total(grant.spendings, source=source)
    balance = disbursed - spent
    if disbursed == 0:
        problems.append(
            problem(
                "source",
                "nothing_disbursed",
                "이 재원으로 교부된 금액이 없습니다.",
                "Nothing was disbursed from this source.",
            )
        )
    if returned_krw + carried_over_krw != balance:
        problems.append(
            problem(
                "returned_krw",
                "balance_mismatch",
                f"반납액과 이월액의 합은 집행 잔액 {won(balance)}원이어야 합니다"
                f"(입력 {won(returned_krw + carried_over_krw)}원).",
                f"Returned plus carried over must equal the unspent balance {won(balance)} "
                f"KRW (got {won(returned_krw + carried_over_krw)}).",
            )
        )
    last_year = grant.programme_year >= grant.designation.duration_years
    if carried_over_krw and last_year:
        problems.append(
            problem(
                "carried_over_krw",
                "last_year",
                "운영 마지막 연도에는 이월할 수 없습니다. 잔액을 반납하세요.",
                "No carry-over in the programme's last year; return the balance.",
            )
        )
    raise_if(problems)
    settlement = Settlement.objects.create(
        grant=grant,
        source=source,
        disbursed_krw=disbursed,
        spent_krw=spent,
        returned_krw=returned_krw,
        carried_over_krw=carried_over_krw,
        settled_on=settled_on,
        note=note.strip(),
        settled_by=user_row(actor),
    )
    if carried_over_krw:
        following, _created = Grant.objects.get_or_create(
            designation=grant.designation,
            fiscal_year=grant.fiscal_year + 1,
            defaults={
                "programme_year": grant.programme_year + 1,
                "is_synthetic": grant.is_synthetic,
            },
        )
        Disbursement.objects.create(
            grant=following,
            source=source,
            disbursed_on=date(grant.fiscal_year + 1, 1, 1),
            amount_krw=carried_over_krw,
            is_carry_over=True,
            note=f"{grant.fiscal_year}년 정산 이월",
            recorded_by=user_row(actor),
        )
    record_audit(
        actor=actor,
        action="programmes.settlement.record",
        obj=grant,
        after={
            "source": source,
            "disbursed_krw": disbursed,
            "spent_krw": spent,
            "returned_krw": returned_krw,
            "carried_over_krw": carried_over_krw,
        },
    )
    return settlement
