"""Opening and editing a call (공모): window, eligibility, documents, quota, stages, duration
and the rubric copied from the default rubric (editable while the call is a draft)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike
from vocnet.programmes.models import (
    AggregationMethod,
    Call,
    CallStage,
    CallStatus,
    PreviousDesignationRule,
    ProgrammeKind,
    RequiredDocument,
    RubricItem,
    RubricOrigin,
    StageKind,
    TieRule,
)
from vocnet.programmes.rules import default_rubric, problem, raise_if, text_problems
from vocnet.registry.models import Organisation, SchoolType


@dataclass
class StageInput:
    kind: str
    shortlist_size: int | None = None


@dataclass
class DocumentInput:
    code: str
    name_ko: str
    name_en: str = ""
    is_required: bool = True
    max_pages: int | None = None


def default_documents(plan_page_limit: int) -> list[DocumentInput]:
    """The Ministry's documents: the consortium's agreement and a development plan of at most
    ``plan_page_limit`` pages (edaily: ≤ 30), and optional attachments."""
    return [
        DocumentInput("agreement", "협약서(안)", "Consortium agreement (draft)"),
        DocumentInput(
            "development_plan", "육성계획서", "Development plan", max_pages=plan_page_limit
        ),
        DocumentInput("attachments", "첨부 자료", "Attachments", is_required=False),
    ]


@dataclass
class CallInput:
    kind_code: str
    year: int
    title: str
    issuing_organisation_id: int
    opens_at: datetime
    closes_at: datetime
    quota: int
    round_number: int = 1
    duration_years: int | None = None
    plan_page_limit: int = 30
    eligible_school_types: list[str] = field(default_factory=list)
    eligible_region_ids: list[int] = field(default_factory=list)
    previous_designation_rule: str = PreviousDesignationRule.ANY
    stages: list[StageInput] | None = None
    documents: list[DocumentInput] | None = None
    is_blind: bool = False
    aggregation: str = AggregationMethod.MEAN
    tie_rule: str = TieRule.RUBRIC_ORDER
    objection_days: int = 7
    nominates_to_id: int | None = None
    results_expected: str = ""
    funding_note: str = ""
    source_note: str = ""
    is_synthetic: bool = False


def _choice_problem(name: str, value: str, choices: list[str], what_ko: str) -> list[FieldProblem]:
    if value in choices:
        return []
    return [
        problem(
            name,
            "unknown_choice",
            f"{what_ko} 코드가 아닙니다: {value} (허용: {', '.join(choices)})",
            f"Not a valid code: {value} (allowed: {', '.join(choices)})",
        )
    ]


def _call_problems(data: CallInput, kind: ProgrammeKind | None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if kind is None:
        problems.append(
            problem(
                "kind_code",
                "unknown_kind",
                f"지정 사업 유형 코드가 아닙니다: {data.kind_code}",
                f"Not a programme kind code: {data.kind_code}",
            )
        )
    problems += text_problems("title", data.title, 200, required=True)
    for name in ("opens_at", "closes_at"):
        if timezone.is_naive(getattr(data, name)):
            problems.append(
                problem(
                    name,
                    "naive_datetime",
                    "시간대가 있는 일시를 입력하세요(Asia/Seoul 기준으로 안내됩니다).",
                    "Give a time-zone-aware date and time (stated in Asia/Seoul).",
                )
            )
    if not problems and data.closes_at <= data.opens_at:
        problems.append(
            problem(
                "closes_at",
                "window_order",
                "접수 마감은 접수 시작보다 뒤여야 합니다.",
                "The window must close after it opens.",
            )
        )
    if data.quota < 1:
        problems.append(
            problem(
                "quota", "min_value", "선정 규모는 1 이상이어야 합니다.", "The quota is at least 1."
            )
        )
    if data.duration_years is not None and not 1 <= data.duration_years <= 10:
        problems.append(
            problem(
                "duration_years",
                "range",
                "운영 기간은 1년에서 10년 사이여야 합니다.",
                "The duration is between 1 and 10 years.",
            )
        )
    if not 1 <= data.plan_page_limit <= 200:
        problems.append(
            problem(
                "plan_page_limit",
                "range",
                "육성계획서 쪽수 제한은 1~200쪽이어야 합니다.",
                "The plan's page limit is between 1 and 200.",
            )
        )
    for index, school_type in enumerate(data.eligible_school_types):
        problems += _choice_problem(
            f"eligible_school_types[{index}]", school_type, list(SchoolType.values), "학교 유형"
        )
    problems += _choice_problem(
        "previous_designation_rule",
        data.previous_designation_rule,
        list(PreviousDesignationRule.values),
        "기존 지정 조건",
    )
    problems += _choice_problem(
        "aggregation", data.aggregation, list(AggregationMethod.values), "집계 방식"
    )
    problems += _choice_problem("tie_rule", data.tie_rule, list(TieRule.values), "동점 처리")
    stages = data.stages or []
    for index, stage in enumerate(stages):
        problems += _choice_problem(
            f"stages[{index}].kind", stage.kind, list(StageKind.values), "평가 방식"
        )
        if stage.shortlist_size is not None and stage.shortlist_size < 1:
            problems.append(
                problem(
                    f"stages[{index}].shortlist_size",
                    "min_value",
                    "통과 규모는 1 이상이어야 합니다.",
                    "A shortlist holds at least 1 application.",
                )
            )
    codes = [document.code for document in data.documents or []]
    if len(set(codes)) != len(codes):
        problems.append(
            problem(
                "documents",
                "duplicate",
                "같은 서류 코드가 두 번 있습니다.",
                "A document code is repeated.",
            )
        )
    return problems


def copy_default_rubric(call: Call) -> list[RubricItem]:
    """Give ``call`` the default rubric (``data/default_rubric.csv``): the Ministry's areas,
    vocnet's proposed sub-items, each row saying which is which."""
    return RubricItem.objects.bulk_create(
        [
            RubricItem(
                call=call,
                area=row.area,
                area_name_ko=row.area_name_ko,
                code=row.code,
                name_ko=row.name_ko,
                name_en=row.name_en,
                max_points=row.max_points,
                is_bonus=row.is_bonus,
                position=index,
                origin=row.origin,
                source_note="배점 영역: 교육부 공고(edaily); 세부 항목: vocnet 제안",
            )
            for index, row in enumerate(default_rubric())
        ]
    )


@transaction.atomic
def call_create(*, actor: UserLike, data: CallInput) -> Call:
    """Open a call as a draft, with its stages (default: 서면평가 → 발표·현장평가), its
    required documents (default: the agreement and a development plan of at most
    ``plan_page_limit`` pages) and the default rubric copied into editable items.

    Raises PermissionDenied (only the issuing organisation's province or Ministry officers),
    ValidationFailed naming every broken rule (nothing written)."""
    authorize_create(actor, Call, issuing_organisation_id=data.issuing_organisation_id)
    kind = ProgrammeKind.objects.filter(code=data.kind_code, is_active=True).first()
    problems = _call_problems(data, kind)
    issuer = Organisation.objects.filter(pk=data.issuing_organisation_id).first()
    if issuer is None:
        problems.append(
            problem(
                "issuing_organisation_id",
                "unknown_organisation",
                "등록된 기관이 아닙니다.",
                "No such organisation.",
            )
        )
    if (
        kind is not None
        and issuer is not None
        and Call.objects.filter(
            kind=kind, issuing_organisation=issuer, year=data.year, round_number=data.round_number
        ).exists()
    ):
        problems.append(
            problem(
                "round_number",
                "duplicate_round",
                f"{data.year}년 {data.round_number}차 공모가 이미 있습니다.",
                f"Round {data.round_number} of {data.year} already exists.",
            )
        )
    raise_if(problems)
    assert kind is not None
    assert issuer is not None
    call = Call.objects.create(
        kind=kind,
        year=data.year,
        round_number=data.round_number,
        title=data.title.strip(),
        issuing_organisation=issuer,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        quota=data.quota,
        plan_page_limit=data.plan_page_limit,
        duration_years=data.duration_years or kind.default_duration_years,
        eligible_school_types=list(data.eligible_school_types),
        previous_designation_rule=data.previous_designation_rule,
        is_blind=data.is_blind,
        aggregation=data.aggregation,
        tie_rule=data.tie_rule,
        objection_days=data.objection_days,
        nominates_to_id=data.nominates_to_id,
        results_expected=data.results_expected,
        funding_note=data.funding_note,
        source_note=data.source_note,
        is_synthetic=data.is_synthetic,
    )
    if data.eligible_region_ids:
        call.eligible_regions.set(data.eligible_region_ids)
    stages = data.stages or [StageInput(StageKind.DOCUMENT), StageInput(StageKind.PRESENTATION)]
    CallStage.objects.bulk_create(
        [
            CallStage(call=call, number=index, kind=stage.kind, shortlist_size=stage.shortlist_size)
            for index, stage in enumerate(stages, start=1)
        ]
    )
    documents = data.documents or default_documents(data.plan_page_limit)
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(
                call=call,
                code=document.code,
                name_ko=document.name_ko,
                name_en=document.name_en,
                is_required=document.is_required,
                max_pages=document.max_pages,
                position=index,
            )
            for index, document in enumerate(documents)
        ]
    )
    copy_default_rubric(call)
    record_audit(actor=actor, action="programmes.call.create", obj=call, after=snapshot(call))
    return call


def _draft_only(call: Call, name: str) -> None:
    if call.status != CallStatus.DRAFT:
        raise_if(
            [
                problem(
                    name,
                    "call_published",
                    "공고된 공모는 바꿀 수 없습니다.",
                    "A published call cannot be changed.",
                )
            ]
        )


@transaction.atomic
def rubric_item_update(
    *,
    actor: UserLike,
    item: RubricItem,
    name_ko: str | None = None,
    max_points: Decimal | None = None,
) -> RubricItem:
    """Edit one rubric item of a draft call; the item is marked as the officer's.

    Raises PermissionDenied, ValidationFailed (published call; points ≤ 0 or above 100)."""
    authorize_change(actor, item)
    _draft_only(item.call, "rubric_item")
    problems: list[FieldProblem] = []
    if name_ko is not None:
        problems += text_problems("name_ko", name_ko, 150, required=True)
    if max_points is not None and not Decimal(0) < max_points <= Decimal(100):
        problems.append(
            problem(
                "max_points",
                "range",
                "배점은 0보다 크고 100 이하여야 합니다.",
                "The points must be above 0 and at most 100.",
            )
        )
    raise_if(problems)
    before = snapshot(item)
    if name_ko is not None:
        item.name_ko = name_ko.strip()
    if max_points is not None:
        item.max_points = max_points
    item.origin = RubricOrigin.OFFICER
    item.save()
    record_audit(
        actor=actor,
        action="programmes.rubric.update",
        obj=item,
        before=before,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def call_publish(*, actor: UserLike, call: Call) -> Call:
    """Publish a draft call (applications can be drafted from then until it closes).

    Raises PermissionDenied, ValidationFailed (already published)."""
    authorize_change(actor, call)
    _draft_only(call, "status")
    call.status = CallStatus.PUBLISHED
    call.save(update_fields=["status"])
    record_audit(
        actor=actor, action="programmes.call.publish", obj=call, after={"status": call.status}
    )
    return call


@transaction.atomic
def call_update(*, actor: UserLike, call: Call, data: CallInput) -> Call:
    """Change a draft call: title, year and round, window, quota, duration, the plan's page
    limit, eligibility, blind flag, aggregation, tie rule, objection window, the nomination
    target and the stages' shortlist sizes. The programme kind and the issuing organisation
    stay as they were opened (``data.kind_code`` and ``data.issuing_organisation_id`` are
    ignored).

    Raises PermissionDenied (the issuing organisation's officers), ValidationFailed (the call
    is published; every broken rule, as in ``call_create``), nothing written."""
    authorize_change(actor, call)
    call = Call.objects.select_for_update().select_related("kind").get(pk=call.pk)
    _draft_only(call, "status")
    data.kind_code = call.kind.code
    problems = _call_problems(data, call.kind)
    if (
        Call.objects.filter(
            kind=call.kind,
            issuing_organisation_id=call.issuing_organisation_id,
            year=data.year,
            round_number=data.round_number,
        )
        .exclude(pk=call.pk)
        .exists()
    ):
        problems.append(
            problem(
                "round_number",
                "duplicate_round",
                f"{data.year}년 {data.round_number}차 공모가 이미 있습니다.",
                f"Round {data.round_number} of {data.year} already exists.",
            )
        )
    if data.nominates_to_id is not None and (
        data.nominates_to_id == call.pk or not Call.objects.filter(pk=data.nominates_to_id).exists()
    ):
        problems.append(
            problem(
                "nominates_to_id",
                "unknown_call",
                "추천할 공모를 찾을 수 없습니다.",
                "No such call to nominate to.",
            )
        )
    stages = list(call.stages.order_by("number"))
    if data.stages is not None and len(data.stages) != len(stages):
        problems.append(
            problem(
                "stages",
                "stage_count",
                f"평가 단계 {len(stages)}개의 통과 규모를 모두 입력하세요.",
                f"Give the shortlist of each of the {len(stages)} stages.",
            )
        )
    raise_if(problems)
    before = snapshot(call)
    for name in (
        "year",
        "round_number",
        "opens_at",
        "closes_at",
        "quota",
        "plan_page_limit",
        "is_blind",
        "aggregation",
        "tie_rule",
        "objection_days",
        "nominates_to_id",
        "results_expected",
        "funding_note",
        "source_note",
        "previous_designation_rule",
    ):
        setattr(call, name, getattr(data, name))
    call.title = data.title.strip()
    call.duration_years = data.duration_years or call.kind.default_duration_years
    call.eligible_school_types = list(data.eligible_school_types)
    call.save()
    call.eligible_regions.set(data.eligible_region_ids)
    for stage, stage_input in zip(stages, data.stages or [], strict=False):
        stage.kind = stage_input.kind
        stage.shortlist_size = stage_input.shortlist_size
        stage.save(update_fields=["kind", "shortlist_size"])
    call.documents.filter(max_pages__isnull=False).update(max_pages=data.plan_page_limit)
    record_audit(
        actor=actor,
        action="programmes.call.update",
        obj=call,
        before=before,
        after=snapshot(call),
    )
    return call


def call_input_of(call: Call) -> CallInput:
    """The call's current values as a ``CallInput`` (the starting point of an edit)."""
    return CallInput(
        kind_code=call.kind.code,
        year=call.year,
        title=call.title,
        issuing_organisation_id=call.issuing_organisation_id,
        opens_at=call.opens_at,
        closes_at=call.closes_at,
        quota=call.quota,
        round_number=call.round_number,
        duration_years=call.duration_years,
        plan_page_limit=call.plan_page_limit,
        eligible_school_types=list(call.eligible_school_types),
        eligible_region_ids=[region.pk for region in call.eligible_regions.all()],
        previous_designation_rule=call.previous_designation_rule,
        stages=[StageInput(s.kind, s.shortlist_size) for s in call.stages.order_by("number")],
        is_blind=call.is_blind,
        aggregation=call.aggregation,
        tie_rule=call.tie_rule,
        objection_days=call.objection_days,
        nominates_to_id=call.nominates_to_id,
        results_expected=call.results_expected,
        funding_note=call.funding_note,
        source_note=call.source_note,
        is_synthetic=call.is_synthetic,
    )
