"""Accountability: computing the KPIs vocnet holds data for, entering the others with
evidence, publishing the yearly performance report, and recording the interim (year 3) and
final (last year) evaluations with their decision.

The Ministry's plan: the consortium publishes yearly results during the operating period,
and the Ministry renews or ends support on interim and final evaluations (edaily; dailydk —
/work/shared/data/programmes_2025.md). The exact years and the panel's method are not in the
sources: interim in programme year 3 (for programmes longer than 3 years) and final in the
last year are vocnet's reading of the issue, **unverified**.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from vocnet.agreements.evidence import SNIFF_BYTES, evidence_problems
from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.programmes import kpi_sources, ranking
from vocnet.programmes.models import (
    AggregationMethod,
    Designation,
    Evaluation,
    EvaluationKind,
    EvaluationOutcome,
    KpiDefinition,
    KpiMethod,
    KpiResult,
    PerformanceReport,
)
from vocnet.programmes.rules import problem, raise_if, text_problems

INTERIM_YEAR = 3


def _school_id(designation: Designation) -> int:
    return int(designation.school_designation.school_id)


def _year_problems(designation: Designation, year: int) -> list[FieldProblem]:
    first = designation.school_designation.year
    last = first + designation.duration_years - 1
    if first <= year <= last:
        return []
    return [
        problem(
            "year",
            "outside_duration",
            f"운영 기간({first}–{last}년) 밖의 연도입니다: {year}",
            f"{year} lies outside the operating years {first}–{last}.",
        )
    ]


def _compute(designation: Designation, year: int) -> list[KpiResult]:
    results = []
    definitions = KpiDefinition.objects.filter(programme=designation.programme).exclude(
        method=KpiMethod.ENTERED
    )
    for definition in definitions:
        source = kpi_sources.kpi_source(definition.method)
        value = source(_school_id(designation), year, designation.agreement_id) if source else None
        result, _created = KpiResult.objects.update_or_create(
            designation=designation,
            definition=definition,
            year=year,
            defaults={
                "numerator": value.numerator if value else None,
                "denominator": value.denominator if value else None,
                "value": value.value if value else None,
                "is_computed": True,
                "is_synthetic": designation.is_synthetic,
            },
        )
        results.append(result)
    return results


@transaction.atomic
def kpis_compute(*, actor: UserLike, designation: Designation, year: int) -> list[KpiResult]:
    """Compute the year's KPIs vocnet holds data for (enrolment fill, field training,
    employment, higher education, commitment fulfilment) and store them with their counts; a
    KPI without data is stored empty (None), never as 0.

    Raises PermissionDenied (the school's staff, the province), ValidationFailed (the year
    outside the operating years)."""
    authorize_create(actor, KpiResult, school_id=_school_id(designation))
    raise_if(_year_problems(designation, year))
    results = _compute(designation, year)
    record_audit(
        actor=actor,
        action="programmes.kpis.compute",
        obj=designation,
        after={"year": year, "computed": len(results)},
    )
    return results


def _count_problems(field: str, value: int | None) -> list[FieldProblem]:
    if value is None or 0 <= value <= 10_000_000:
        return []
    return [problem(field, "out_of_range", "0 이상의 정수입니다.", "A whole number, 0 or more.")]


@transaction.atomic
def kpi_enter(
    *,
    actor: UserLike,
    designation: Designation,
    code: str,
    year: int,
    value: str,
    evidence: UploadedFile | None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str = "",
) -> KpiResult:
    """Enter the year's value of a KPI vocnet cannot compute, with its evidence file (checked
    like every evidence file: type by extension and first bytes, ≤ 10 MB).

    Raises PermissionDenied, ValidationFailed (unknown or computed KPI; the year outside the
    operating years; a value that is not a number; counts out of range or numerator over
    denominator; no evidence), nothing written."""
    authorize_create(actor, KpiResult, school_id=_school_id(designation))
    problems = _year_problems(designation, year)
    definition = KpiDefinition.objects.filter(programme=designation.programme, code=code).first()
    if definition is None:
        problems.append(
            problem(
                "code",
                "unknown_kpi",
                f"이 사업의 성과지표가 아닙니다: {code}",
                f"Not a KPI of this programme: {code}",
            )
        )
    elif definition.method != KpiMethod.ENTERED:
        problems.append(
            problem(
                "code",
                "computed_kpi",
                f"vocnet 자료로 산출하는 지표입니다: '{definition.name_ko}'",
                f"'{definition.name_en}' is computed from vocnet's data.",
            )
        )
    try:
        number = Decimal(value.strip().replace(",", ""))
        if not number.is_finite() or abs(number) >= Decimal("1e11"):
            raise InvalidOperation
    except InvalidOperation:
        number = None
        problems.append(
            problem("value", "not_a_number", "값은 숫자입니다.", "The value is a number.")
        )
    problems += _count_problems("numerator", numerator)
    problems += _count_problems("denominator", denominator)
    if numerator is not None and denominator is not None and numerator > denominator:
        problems.append(
            problem(
                "numerator",
                "over_denominator",
                "해당 수가 전체 수보다 큽니다.",
                "The numerator exceeds the denominator.",
            )
        )
    problems += text_problems("note", note, 300, required=False)
    if evidence is None:
        problems.append(
            problem(
                "evidence",
                "required",
                "입력 지표에는 증빙 파일이 필요합니다.",
                "An entered KPI needs its evidence file.",
            )
        )
    else:
        head = evidence.read(SNIFF_BYTES)
        evidence.seek(0)
        problems += evidence_problems(evidence.name or "", evidence.size or 0, head)
    raise_if(problems)
    assert definition is not None and evidence is not None  # noqa: PT018
    result = KpiResult.objects.filter(
        designation=designation, definition=definition, year=year
    ).first() or KpiResult(designation=designation, definition=definition, year=year)
    if result.evidence:
        result.evidence.delete(save=False)
    result.numerator, result.denominator = numerator, denominator
    result.value = number.quantize(Decimal("0.1")) if number is not None else None
    result.is_computed = False
    result.note = note.strip()
    result.evidence_name = (evidence.name or "")[:200]
    result.recorded_by = user_row(actor)
    result.evidence.save(evidence.name or "evidence", evidence, save=False)
    result.save()
    record_audit(
        actor=actor,
        action="programmes.kpi.enter",
        obj=designation,
        after={"code": code, "year": year, "value": str(result.value)},
    )
    return result


@transaction.atomic
def report_publish(
    *,
    actor: UserLike,
    designation: Designation,
    year: int,
    summary: str,
    now: datetime | None = None,
) -> PerformanceReport:
    """Publish the year's performance report (연간 성과 공개): the computed KPIs are refreshed
    first, then the report is public (a page without login and a PDF, small cells
    suppressed). Once per designation and year.

    Raises PermissionDenied (the school's staff, the province), ValidationFailed (the year
    outside the operating years; already published; no summary), nothing written."""
    authorize_create(actor, PerformanceReport, school_id=_school_id(designation))
    problems = _year_problems(designation, year)
    problems += text_problems("summary", summary, 5000, required=True)
    if PerformanceReport.objects.filter(designation=designation, year=year).exists():
        problems.append(
            problem(
                "year",
                "already_published",
                f"{year}년 성과는 이미 공개했습니다.",
                f"The {year} report is published already.",
            )
        )
    raise_if(problems)
    _compute(designation, year)
    report = PerformanceReport.objects.create(
        designation=designation,
        year=year,
        summary=summary.strip(),
        published_at=now if now is not None else timezone.now(),
        published_by=user_row(actor),
    )
    record_audit(
        actor=actor, action="programmes.report.publish", obj=designation, after={"year": year}
    )
    return report


def _panel(totals: list[str], problems: list[FieldProblem]) -> list[Fraction]:
    values = []
    for index, raw in enumerate(totals):
        try:
            value = Decimal(str(raw).strip())
            if not value.is_finite() or not 0 <= value <= 100:
                raise InvalidOperation
            values.append(Fraction(value))
        except InvalidOperation:
            problems.append(
                problem(
                    f"panel_totals[{index}]",
                    "out_of_range",
                    f"평가위원 총점은 0–100점입니다: {raw}",
                    f"A panel member's total is 0–100: {raw}",
                )
            )
    return values


@transaction.atomic
def evaluation_record(
    *,
    actor: UserLike,
    designation: Designation,
    kind: str,
    panel_totals: list[str],
    outcome: str,
    reasons: str,
    conditions: str = "",
    aggregation: str = AggregationMethod.TRIMMED_MEAN,
    now: datetime | None = None,
) -> Evaluation:
    """Record an interim (programme year 3, for programmes longer than 3 years) or final (the
    last programme year) evaluation: the panel's totals (0–100 each) aggregated with the
    review machinery (``ranking.aggregate``: mean, or trimmed mean without the highest and
    lowest), and the decision — continue, continue with conditions (which are then
    required), or end support — with reasons.

    Raises PermissionDenied (the province, the issuing officers), ValidationFailed (unknown
    kind, outcome or method; not the evaluation's year; already evaluated; a total out of
    range; too few panel members for a trimmed mean; no reasons; conditions missing), nothing
    written."""
    authorize_change(actor, designation)
    designation = (
        Designation.objects.select_for_update()
        .select_related("school_designation")
        .get(pk=designation.pk)
    )
    moment = now if now is not None else timezone.now()
    problems: list[FieldProblem] = []
    if kind not in EvaluationKind.values:
        problems.append(
            problem(
                "kind", "unknown_kind", "중간(interim) 또는 종합(final)입니다.", "interim or final."
            )
        )
    if outcome not in EvaluationOutcome.values:
        problems.append(
            problem(
                "outcome",
                "unknown_outcome",
                "결과는 continue, conditions, end 중 하나입니다.",
                "The outcome is continue, conditions or end.",
            )
        )
    if aggregation not in AggregationMethod.values:
        problems.append(
            problem("aggregation", "unknown_method", "집계 방식이 아닙니다.", "Not a method.")
        )
    programme_year = moment.year - designation.school_designation.year + 1
    due = INTERIM_YEAR if kind == EvaluationKind.INTERIM else designation.duration_years
    if kind == EvaluationKind.INTERIM and designation.duration_years <= INTERIM_YEAR:
        problems.append(
            problem(
                "kind",
                "no_interim",
                f"운영 기간 {designation.duration_years}년 사업에는 중간 평가가 없습니다.",
                f"A {designation.duration_years}-year programme has no interim evaluation.",
            )
        )
    elif kind in EvaluationKind.values and programme_year != due:
        problems.append(
            problem(
                "kind",
                "not_due",
                f"{EvaluationKind(kind).label}는 {due}차년도에 합니다"
                f"(지금 {programme_year}차년도).",
                f"The {kind} evaluation is in programme year {due} (now {programme_year}).",
            )
        )
    if Evaluation.objects.filter(designation=designation, kind=kind).exists():
        problems.append(
            problem("kind", "already_evaluated", "이미 평가했습니다.", "Already evaluated.")
        )
    problems += text_problems("reasons", reasons, 3000, required=True)
    problems += text_problems(
        "conditions", conditions, 3000, required=outcome == EvaluationOutcome.CONDITIONS
    )
    values = _panel(panel_totals, problems)
    score: Fraction | None = None
    if aggregation in AggregationMethod.values and not any(
        p.field.startswith("panel_totals") for p in problems
    ):
        try:
            score = ranking.aggregate(values, aggregation)
        except ranking.RankingError as error:
            problems.append(problem("panel_totals", error.code, error.message_ko, error.message_en))
    raise_if(problems)
    assert score is not None
    evaluation = Evaluation.objects.create(
        designation=designation,
        kind=kind,
        programme_year=programme_year,
        aggregation=aggregation,
        panel_totals=[str(v) for v in panel_totals],
        score=(Decimal(score.numerator) / Decimal(score.denominator)).quantize(Decimal("0.01")),
        outcome=outcome,
        reasons=reasons.strip(),
        conditions=conditions.strip(),
        decided_by=user_row(actor),
        decided_at=moment,
    )
    record_audit(
        actor=actor,
        action="programmes.evaluation.record",
        obj=designation,
        after={"kind": kind, "outcome": outcome, "score": str(evaluation.score)},
    )
    return evaluation
