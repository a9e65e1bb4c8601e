"""Programme endpoints: thin — parse input, call one selector or service, return.

Applications the caller may not see answer 404; bad input 422 with the field and the rule in
Korean and English (a late submission cites the call's window in Asia/Seoul).
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.programmes import selectors, services
from vocnet.programmes.models import Application, Call, CallStage, ReviewerAssignment, RubricItem
from vocnet.programmes.services import CallInput, StageInput, review

router = Router(tags=["programmes"])


class ProgrammeCallOut(Schema):
    id: int
    kind: str
    year: int
    round_number: int
    title: str
    issuing_organisation: str
    status: str
    opens_at: datetime
    closes_at: datetime
    quota: int
    duration_years: int
    is_blind: bool


class ProgrammeApplicationOut(Schema):
    id: int
    call_id: int
    blind_code: str
    title: str
    lead_organisation: str
    status: str
    submitted_at: datetime | None
    parties: list[str]
    versions: int


def _call_out(call: Call) -> ProgrammeCallOut:
    return ProgrammeCallOut(
        id=call.pk,
        kind=call.kind.code,
        year=call.year,
        round_number=call.round_number,
        title=call.title,
        issuing_organisation=call.issuing_organisation.name_ko,
        status=call.status,
        opens_at=call.opens_at,
        closes_at=call.closes_at,
        quota=call.quota,
        duration_years=call.duration_years,
        is_blind=call.is_blind,
    )


def _application_out(application: Application) -> ProgrammeApplicationOut:
    return ProgrammeApplicationOut(
        id=application.pk,
        call_id=application.call_id,
        blind_code=application.blind_code,
        title=application.title,
        lead_organisation=application.lead_organisation.name_ko,
        status=application.status,
        submitted_at=application.submitted_at,
        parties=[
            p.organisation.name_ko for p in application.parties.select_related("organisation")
        ],
        versions=application.versions.count(),
    )


@router.get("/programmes/calls", response=list[ProgrammeCallOut])
def list_calls(request: HttpRequest) -> Any:
    """Published calls, and the drafts of the calls the caller manages."""
    return [_call_out(call) for call in selectors.calls_visible(request.user)]


@router.get("/programmes/applications/{application_id}", response=ProgrammeApplicationOut)
def get_application(request: HttpRequest, application_id: int) -> Any:
    """An application, for the call's officers and the staff of its parties (else 404)."""
    return _application_out(selectors.application_detail(request.user, application_id))


@router.post("/programmes/applications/{application_id}/submit", response=ProgrammeApplicationOut)
def submit_application(request: HttpRequest, application_id: int) -> Any:
    """Submit before the deadline (the lead school's staff): the content is frozen in a
    version. 422 names what is missing or late."""
    application = selectors.application_detail(request.user, application_id)
    services.application_submit(actor=request.user, application=application)
    return _application_out(selectors.application_detail(request.user, application_id))


@router.get("/programmes/applications", response=list[ProgrammeApplicationOut])
@paginate(BoundedPagination)
def list_applications(request: HttpRequest) -> Any:
    """Applications the caller may see: to the calls they manage, or as a party."""
    return [_application_out(a) for a in selectors.applications_visible(request.user)]


class ProgrammeWithdrawIn(Schema):
    reason: str = Field(..., max_length=300)


@router.post("/programmes/applications/{application_id}/withdraw", response=ProgrammeApplicationOut)
def withdraw_application(
    request: HttpRequest, application_id: int, payload: ProgrammeWithdrawIn
) -> Any:
    """Withdraw (the lead school's staff); who, when and why are recorded."""
    application = selectors.application_detail(request.user, application_id)
    services.application_withdraw(
        actor=request.user, application=application, reason=payload.reason
    )
    return _application_out(selectors.application_detail(request.user, application_id))


class ProgrammeStageIn(Schema):
    kind: str = Field(..., max_length=20)
    shortlist_size: int | None = Field(None, ge=0, le=1000)


class ProgrammeCallIn(Schema):
    """A call's rules. ``opens_at``/``closes_at`` carry their time zone (the window is
    enforced to the minute and cited in Asia/Seoul)."""

    kind_code: str = Field(..., max_length=40)
    year: int = Field(..., ge=2000, le=2100)
    round_number: int = Field(1, ge=1, le=20)
    title: str = Field(..., max_length=300)
    issuing_organisation_id: int
    opens_at: datetime
    closes_at: datetime
    quota: int = Field(..., ge=0, le=1000)
    duration_years: int | None = Field(None, ge=0, le=100)
    plan_page_limit: int = Field(30, ge=0, le=1000)
    eligible_school_types: list[str] = Field(default_factory=list, max_length=10)
    previous_designation_rule: str = Field("any", max_length=20)
    stages: list[ProgrammeStageIn] | None = Field(None, max_length=5)
    is_blind: bool = False
    aggregation: str = Field("mean", max_length=20)
    tie_rule: str = Field("rubric_order", max_length=30)
    objection_days: int = Field(7, ge=0, le=90)
    nominates_to_id: int | None = None
    results_expected: str = Field("", max_length=100)
    funding_note: str = Field("", max_length=200)
    source_note: str = Field("", max_length=500)

    def to_input(self) -> CallInput:
        values = self.dict(exclude={"stages"})
        stages = (
            [StageInput(stage.kind, stage.shortlist_size) for stage in self.stages]
            if self.stages is not None
            else None
        )
        return CallInput(**values, stages=stages)


class ProgrammeRubricItemOut(Schema):
    id: int
    area: str
    area_name_ko: str
    code: str
    name_ko: str
    max_points: Decimal
    is_bonus: bool
    origin: str


class ProgrammeRubricItemIn(Schema):
    name_ko: str | None = Field(None, max_length=150)
    max_points: Decimal | None = Field(None, ge=-1000, le=1000)


@router.post("/programmes/calls", response={201: ProgrammeCallOut})
def create_call(request: HttpRequest, payload: ProgrammeCallIn) -> Any:
    """Open a call as a draft (the issuing organisation's province or Ministry officers), with
    the default stages, documents and the Ministry's rubric. 422 names every broken rule."""
    call = services.call_create(actor=request.user, data=payload.to_input())
    return Status(201, _call_out(selectors.call_detail(request.user, call.pk)))


@router.get("/programmes/calls/{call_id}", response=ProgrammeCallOut)
def get_call(request: HttpRequest, call_id: int) -> Any:
    """A published call, or a draft the caller manages (else 404)."""
    return _call_out(selectors.call_detail(request.user, call_id))


@router.put("/programmes/calls/{call_id}", response=ProgrammeCallOut)
def update_call(request: HttpRequest, call_id: int, payload: ProgrammeCallIn) -> Any:
    """Change a draft call (its kind and issuing organisation stay). 422 once published."""
    call = selectors.call_for_change(request.user, call_id)
    services.call_update(actor=request.user, call=call, data=payload.to_input())
    return _call_out(selectors.call_detail(request.user, call_id))


@router.post("/programmes/calls/{call_id}/publish", response=ProgrammeCallOut)
def publish_call(request: HttpRequest, call_id: int) -> Any:
    """Publish a draft call: schools may draft applications until it closes."""
    call = selectors.call_for_change(request.user, call_id)
    services.call_publish(actor=request.user, call=call)
    return _call_out(selectors.call_detail(request.user, call_id))


@router.get("/programmes/calls/{call_id}/rubric", response=list[ProgrammeRubricItemOut])
def list_rubric(request: HttpRequest, call_id: int) -> Any:
    """The call's rubric items in order, each saying whether it is published or proposed."""
    call = selectors.call_detail(request.user, call_id)
    return [_rubric_out(item) for item in call.rubric_items.all()]


@router.patch("/programmes/rubric-items/{item_id}", response=ProgrammeRubricItemOut)
def update_rubric_item(request: HttpRequest, item_id: int, payload: ProgrammeRubricItemIn) -> Any:
    """Edit one rubric item of a draft call (its name or points, within 0 – 100)."""
    item = selectors.rubric_item_for_change(request.user, item_id)
    item = services.rubric_item_update(
        actor=request.user, item=item, name_ko=payload.name_ko, max_points=payload.max_points
    )
    return _rubric_out(item)


def _rubric_out(item: RubricItem) -> ProgrammeRubricItemOut:
    return ProgrammeRubricItemOut(
        id=item.pk,
        area=item.area,
        area_name_ko=item.area_name_ko,
        code=item.code,
        name_ko=item.name_ko,
        max_points=item.max_points,
        is_bonus=item.is_bonus,
        origin=item.origin,
    )


class ProgrammeApplicationIn(Schema):
    lead_organisation_id: int
    title: str = Field(..., max_length=300)
    partner_organisation_ids: list[int] = Field(default_factory=list, max_length=50)


@router.post("/programmes/calls/{call_id}/applications", response={201: ProgrammeApplicationOut})
def create_application(request: HttpRequest, call_id: int, payload: ProgrammeApplicationIn) -> Any:
    """Start an application (the lead school's staff) with its consortium; the consortium's
    agreement is created as a draft. 422 when the call is not open, the school not eligible,
    a partner cannot be a party, or the school already applied."""
    call = selectors.call_detail(request.user, call_id)
    application = services.application_create_draft(
        actor=request.user,
        data=services.ApplicationInput(
            call_id=call.pk,
            lead_organisation_id=payload.lead_organisation_id,
            title=payload.title,
            partners=[services.ConsortiumPartyInput(pk) for pk in payload.partner_organisation_ids],
        ),
    )
    return Status(201, _application_out(selectors.application_detail(request.user, application.pk)))


class ProgrammeBudgetLineIn(Schema):
    year_index: int = Field(..., ge=-100, le=100)
    source: str = Field(..., max_length=30)
    category: str = Field(..., max_length=30)
    amount_krw: int = Field(..., ge=-(10**15), le=10**15)


class ProgrammeKpiIn(Schema):
    name: str = Field(..., max_length=300)
    unit: str = Field(..., max_length=40)
    targets: list[float] = Field(..., max_length=20)


class ProgrammeGovernanceMemberIn(Schema):
    organisation_id: int
    role_title: str = Field(..., max_length=200)


class ProgrammeContentIn(Schema):
    """The plan's sections; a section left out keeps what the draft has, a list given
    replaces the draft's."""

    vision: str | None = Field(None, max_length=10000)
    governance_rhythm: str | None = Field(None, max_length=400)
    infrastructure_plan: str | None = Field(None, max_length=10000)
    path_employment: str | None = Field(None, max_length=6000)
    path_growth: str | None = Field(None, max_length=6000)
    path_settlement: str | None = Field(None, max_length=6000)
    pillar_plans: dict[str, str] | None = None
    governance_members: list[ProgrammeGovernanceMemberIn] | None = Field(None, max_length=50)
    budget: list[ProgrammeBudgetLineIn] | None = Field(None, max_length=500)
    kpis: list[ProgrammeKpiIn] | None = Field(None, max_length=50)


@router.put("/programmes/applications/{application_id}/content", response=ProgrammeApplicationOut)
def save_application(request: HttpRequest, application_id: int, payload: ProgrammeContentIn) -> Any:
    """Save the draft's sections (the lead school's staff, before the deadline). 422 names
    the section and the rule; a submitted or withdrawn application is frozen."""
    application = selectors.application_for_change(request.user, application_id)
    services.application_save(
        actor=request.user,
        application=application,
        content=services.ApplicationContent(
            vision=payload.vision,
            governance_rhythm=payload.governance_rhythm,
            infrastructure_plan=payload.infrastructure_plan,
            path_employment=payload.path_employment,
            path_growth=payload.path_growth,
            path_settlement=payload.path_settlement,
            pillar_plans=payload.pillar_plans,
            governance_members=None
            if payload.governance_members is None
            else [
                services.GovernanceMemberInput(m.organisation_id, m.role_title)
                for m in payload.governance_members
            ],
            budget=None
            if payload.budget is None
            else [
                services.BudgetInput(b.year_index, b.source, b.category, b.amount_krw)
                for b in payload.budget
            ],
            kpis=None
            if payload.kpis is None
            else [services.KpiInput(k.name, k.unit, k.targets) for k in payload.kpis],
        ),
    )
    return _application_out(selectors.application_detail(request.user, application_id))


class ProgrammeDocumentOut(Schema):
    id: int
    requirement_code: str
    original_name: str
    size_bytes: int
    page_count: int | None


@router.post(
    "/programmes/applications/{application_id}/documents", response={201: ProgrammeDocumentOut}
)
def attach_document(
    request: HttpRequest,
    application_id: int,
    file: File[UploadedFile],
    requirement_code: Form[str] = "development_plan",
    page_count: Form[int | None] = None,
) -> Any:
    """Attach (or replace) one required document (multipart; pdf, hwp, hwpx, docx, xlsx, png,
    jpg up to 10 MB). A PDF's pages are counted; ``page_count`` is declared for other
    formats. 422 over the page limit (the plan: ≤ 30 pages)."""
    application = selectors.application_for_change(request.user, application_id)
    document = services.application_attach_document(
        actor=request.user,
        application=application,
        requirement_code=requirement_code,
        upload=file,
        page_count=page_count,
    )
    return Status(
        201,
        ProgrammeDocumentOut(
            id=document.pk,
            requirement_code=document.requirement.code,
            original_name=document.original_name,
            size_bytes=document.size_bytes,
            page_count=document.page_count,
        ),
    )


# Review ------------------------------------------------------------------------------------


class ProgrammeReviewerIn(Schema):
    user_id: int
    organisation_id: int | None = None
    is_external: bool = False


class ProgrammeAssignmentOut(Schema):
    id: int
    call_id: int
    stage_number: int
    stage_kind: str
    stage_is_closed: bool
    code: str


def _assignment_out(assignment: ReviewerAssignment) -> ProgrammeAssignmentOut:
    return ProgrammeAssignmentOut(
        id=assignment.pk,
        call_id=assignment.stage.call_id,
        stage_number=assignment.stage.number,
        stage_kind=assignment.stage.kind,
        stage_is_closed=assignment.stage.is_closed,
        code=assignment.code,
    )


@router.post("/programmes/stages/{stage_id}/reviewers", response={201: ProgrammeAssignmentOut})
def assign_reviewer(request: HttpRequest, stage_id: int, payload: ProgrammeReviewerIn) -> Any:
    """Add a user to a stage's reviewer pool with the organisation they work for (the call's
    officers). Conflicts are checked against that organisation."""
    stage = selectors.stage_for_change(request.user, stage_id)
    user = get_user_model().objects.filter(pk=payload.user_id, is_active=True).first()
    if user is None:
        raise ValidationFailed.from_problems(
            [FieldProblem("user_id", "unknown_user", "사용자가 없습니다.", "No such user.")]
        )
    assignment = review.reviewer_assign(
        actor=request.user,
        stage=stage,
        user=user,
        organisation_id=payload.organisation_id,
        is_external=payload.is_external,
    )
    return Status(201, _assignment_out(assignment))


@router.get("/programmes/assignments", response=list[ProgrammeAssignmentOut])
def list_assignments(request: HttpRequest) -> Any:
    """The caller's own reviewer assignments (never another reviewer's)."""
    return [_assignment_out(a) for a in selectors.own_assignments(request.user)]


class ProgrammeQueueEntryOut(Schema):
    application_id: int
    code: str
    title: str
    is_scored: bool
    refusal: str


@router.get(
    "/programmes/assignments/{assignment_id}/applications", response=list[ProgrammeQueueEntryOut]
)
def assignment_queue(request: HttpRequest, assignment_id: int) -> Any:
    """The reviewer's applications: code (title hidden in a blind stage 1), scored or not,
    and why they may not score one (a conflict names the organisation)."""
    assignment = selectors.own_assignment(request.user, assignment_id)
    return [ProgrammeQueueEntryOut(**vars(entry)) for entry in selectors.review_queue(assignment)]


class ProgrammeConflictIn(Schema):
    application_id: int
    has_conflict: bool
    reason: str = Field("", max_length=600)


@router.post("/programmes/assignments/{assignment_id}/conflicts", response={201: dict[str, Any]})
def declare_conflict(request: HttpRequest, assignment_id: int, payload: ProgrammeConflictIn) -> Any:
    """The reviewer's conflict-of-interest declaration on one application (once; a conflict
    needs a reason)."""
    assignment = selectors.own_assignment(request.user, assignment_id)
    application = selectors.submitted_application_of(assignment, payload.application_id)
    declaration = review.conflict_declare(
        actor=request.user,
        assignment=assignment,
        application=application,
        has_conflict=payload.has_conflict,
        reason=payload.reason,
    )
    return Status(201, {"id": declaration.pk, "has_conflict": declaration.has_conflict})


class ProgrammeItemScoreIn(Schema):
    item_code: str = Field(..., max_length=60)
    points: Decimal = Field(..., ge=-1000, le=1000)
    comment: str = Field(..., max_length=4000)


class ProgrammeScoresIn(Schema):
    application_id: int
    scores: list[ProgrammeItemScoreIn] = Field(..., max_length=100)


@router.put("/programmes/assignments/{assignment_id}/scores", response=dict[str, Any])
def submit_scores(request: HttpRequest, assignment_id: int, payload: ProgrammeScoresIn) -> Any:
    """The reviewer's scores of every rubric item of one application, each within 0 – the
    item's points, with a comment. 422 on a conflict of interest (naming the organisation), an
    item out of range or missing, a closed stage."""
    assignment = selectors.own_assignment(request.user, assignment_id)
    application = selectors.submitted_application_of(assignment, payload.application_id)
    rows = review.scores_submit(
        actor=request.user,
        assignment=assignment,
        application=application,
        scores=[review.ItemScoreInput(s.item_code, s.points, s.comment) for s in payload.scores],
    )
    return {"application_id": application.pk, "total": str(sum(r.points for r in rows))}


class ProgrammeStageResultOut(Schema):
    application_id: int
    blind_code: str
    rank: int
    total: Decimal
    area_scores: dict[str, str]
    is_shortlisted: bool


def _results(stage: CallStage) -> list[ProgrammeStageResultOut]:
    return [
        ProgrammeStageResultOut(
            application_id=r.application_id,
            blind_code=r.application.blind_code,
            rank=r.rank,
            total=r.total,
            area_scores=r.area_scores,
            is_shortlisted=r.is_shortlisted,
        )
        for r in stage.results.select_related("application").order_by("rank")
    ]


@router.post("/programmes/stages/{stage_id}/close", response=list[ProgrammeStageResultOut])
def close_stage(request: HttpRequest, stage_id: int) -> Any:
    """Close a stage (the call's officers): aggregate by the call's method and tie rule, rank
    and shortlist. Reviewers see each other's scores from then on."""
    stage = selectors.stage_for_change(request.user, stage_id)
    review.stage_close(actor=request.user, stage=stage)
    return _results(stage)


@router.get("/programmes/stages/{stage_id}/results", response=list[ProgrammeStageResultOut])
def stage_results(request: HttpRequest, stage_id: int) -> Any:
    """A stage's ranking (the call's officers; empty until it closes)."""
    return _results(selectors.stage_for_change(request.user, stage_id))


class ProgrammeDecisionIn(Schema):
    application_id: int
    outcome: str = Field(..., max_length=20)
    reasons: str = Field(..., max_length=6000)


class ProgrammeDecisionsIn(Schema):
    decisions: list[ProgrammeDecisionIn] = Field(..., max_length=500)


class ProgrammeDecisionOut(Schema):
    application_id: int
    outcome: str
    reasons: str
    objection_deadline: datetime


@router.post("/programmes/calls/{call_id}/decisions", response={201: list[ProgrammeDecisionOut]})
def record_decisions(request: HttpRequest, call_id: int, payload: ProgrammeDecisionsIn) -> Any:
    """The officer's decisions with reasons (selected, nominated, not_selected, pilot), within
    the quota; they open the objection window."""
    call = selectors.call_for_change(request.user, call_id)
    rows = review.decisions_record(
        actor=request.user,
        call=call,
        decisions=[
            review.DecisionInput(d.application_id, d.outcome, d.reasons) for d in payload.decisions
        ],
    )
    return Status(
        201,
        [
            ProgrammeDecisionOut(
                application_id=d.application_id,
                outcome=d.outcome,
                reasons=d.reasons,
                objection_deadline=d.objection_deadline,
            )
            for d in rows
        ],
    )


class ProgrammeItemFeedbackOut(Schema):
    item: str
    max_points: Decimal
    mean_points: Decimal
    comments: list[str]


class ProgrammeFeedbackOut(Schema):
    """What the applicant sees after the decision — never who scored."""

    outcome: str
    reasons: str
    objection_deadline: datetime
    stages: dict[int, list[ProgrammeItemFeedbackOut]]


@router.get("/programmes/applications/{application_id}/feedback", response=ProgrammeFeedbackOut)
def application_feedback(request: HttpRequest, application_id: int) -> Any:
    """The decision, its reasons and per stage and item the mean points and the comments, for
    the application's parties once decided (404 before)."""
    result = selectors.applicant_feedback(request.user, application_id)
    return ProgrammeFeedbackOut(
        outcome=result.outcome,
        reasons=result.reasons,
        objection_deadline=result.objection_deadline,
        stages={
            number: [
                ProgrammeItemFeedbackOut(
                    item=i.item,
                    max_points=i.max_points,
                    mean_points=i.mean_points,
                    comments=list(i.comments),
                )
                for i in items
            ]
            for number, items in result.stages.items()
        },
    )


class ProgrammeObjectionIn(Schema):
    text: str = Field(..., max_length=6000)


@router.post("/programmes/applications/{application_id}/objections", response={201: dict[str, Any]})
def lodge_objection(
    request: HttpRequest, application_id: int, payload: ProgrammeObjectionIn
) -> Any:
    """The lead school's objection within the window (cited in Asia/Seoul when closed)."""
    application = selectors.application_detail(request.user, application_id)
    objection = review.objection_lodge(
        actor=request.user, application=application, text=payload.text
    )
    return Status(201, {"id": objection.pk, "lodged_at": objection.lodged_at.isoformat()})


class ProgrammePilotIn(Schema):
    reasons: str = Field(..., max_length=6000)


@router.post("/programmes/decisions/{decision_id}/pilot", response=ProgrammeDecisionOut)
def designate_pilot(request: HttpRequest, decision_id: int, payload: ProgrammePilotIn) -> Any:
    """Gyeonggi's flow: a nominee the Ministry did not select becomes a one-year 경기협약형
    pilot (the province call's officers). 422 before the Ministry's 'not selected'."""
    decision = selectors.decision_for_change(request.user, decision_id)
    decision = review.nominee_designate_pilot(
        actor=request.user, decision=decision, reasons=payload.reasons
    )
    return ProgrammeDecisionOut(
        application_id=decision.application_id,
        outcome=decision.outcome,
        reasons=decision.reasons,
        objection_deadline=decision.objection_deadline,
    )


# Designation and grants (docs/adr/0024-designation-grants-accountability.md) ----------------

from datetime import date as _date  # noqa: E402
from decimal import Decimal  # noqa: E402

from vocnet.programmes import selectors_grants  # noqa: E402
from vocnet.programmes.models import Designation  # noqa: E402
from vocnet.programmes.selectors_grants import ExecutionRow  # noqa: E402
from vocnet.programmes.services import grants as grant_services  # noqa: E402


class ProgrammeDesignationOut(Schema):
    id: int
    school: str
    programme: str
    year: int
    role: str
    cohort: int
    duration_years: int
    agreement_status: str | None
    is_synthetic: bool


def _designation_out(designation: Designation) -> ProgrammeDesignationOut:
    badge = designation.school_designation
    return ProgrammeDesignationOut(
        id=designation.pk,
        school=badge.school.organisation.name_ko,
        programme=designation.programme.code,
        year=badge.year,
        role=badge.role,
        cohort=designation.cohort,
        duration_years=designation.duration_years,
        agreement_status=designation.agreement.status if designation.agreement else None,
        is_synthetic=designation.is_synthetic,
    )


@router.get("/programmes/designations", response=list[ProgrammeDesignationOut])
@paginate(BoundedPagination)
def list_designations(request: HttpRequest) -> Any:
    """Designations the caller may see: all for the province, their calls' for the issuing
    officers, their own for the school and its consortium."""
    return [_designation_out(d) for d in selectors_grants.designations_visible(request.user)]


class ProgrammeExecutionRowOut(Schema):
    key: str
    label: str
    planned_krw: int
    disbursed_krw: int
    spent_krw: int
    rate_percent: Decimal | None
    rate_base: str
    is_synthetic: bool


class ProgrammeExecutionOut(Schema):
    fiscal_year: int | None
    by_school: list[ProgrammeExecutionRowOut]
    by_programme: list[ProgrammeExecutionRowOut]
    by_source: list[ProgrammeExecutionRowOut]
    by_category: list[ProgrammeExecutionRowOut]
    total: ProgrammeExecutionRowOut


def _execution_row(row: ExecutionRow) -> ProgrammeExecutionRowOut:
    return ProgrammeExecutionRowOut(
        key=row.key,
        label=row.label,
        planned_krw=row.planned,
        disbursed_krw=row.disbursed,
        spent_krw=row.spent,
        rate_percent=row.rate,
        rate_base="planned" if row.by_plan else "disbursed",
        is_synthetic=row.is_synthetic,
    )


@router.get("/programmes/execution", response=ProgrammeExecutionOut)
def get_execution(request: HttpRequest, year: int | None = None) -> Any:
    """Execution rates (spent ÷ disbursed; per category spent ÷ planned) of the grants the
    caller may see, by school, programme, source and category."""
    dashboard = selectors_grants.execution_dashboard(request.user, year)
    return ProgrammeExecutionOut(
        fiscal_year=dashboard.fiscal_year,
        by_school=[_execution_row(r) for r in dashboard.by_school],
        by_programme=[_execution_row(r) for r in dashboard.by_programme],
        by_source=[_execution_row(r) for r in dashboard.by_source],
        by_category=[_execution_row(r) for r in dashboard.by_category],
        total=_execution_row(dashboard.total),
    )


class ProgrammeDisbursementIn(Schema):
    source: str = Field(..., max_length=20)
    disbursed_on: _date
    amount_krw: int
    note: str = Field("", max_length=300)


class ProgrammeDisbursementOut(Schema):
    id: int
    grant_id: int
    source: str
    disbursed_on: _date
    amount_krw: int


@router.post("/programmes/grants/{grant_id}/disbursements", response=ProgrammeDisbursementOut)
def record_disbursement(
    request: HttpRequest, grant_id: int, payload: ProgrammeDisbursementIn
) -> Any:
    """Record a disbursement (the province, the issuing officers); within the year's plan for
    the source. 422 names the field and the rule."""
    grant = selectors_grants.grant_detail(request.user, grant_id)
    row = grant_services.disbursement_record(
        actor=request.user,
        grant=grant,
        source=payload.source,
        disbursed_on=payload.disbursed_on,
        amount_krw=payload.amount_krw,
        note=payload.note,
    )
    return ProgrammeDisbursementOut(
        id=row.pk,
        grant_id=grant.pk,
        source=row.source,
        disbursed_on=row.disbursed_on,
        amount_krw=row.amount_krw,
    )


# Events ----------------------------------------------------------------------------------

from vocnet.programmes import selectors_events  # noqa: E402
from vocnet.programmes.services import events as event_services  # noqa: E402


class ProgrammeEventOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    organiser: str
    registered: int
    attended: int
    reported_participants: int | None
    is_synthetic: bool


@router.get("/programmes/events", response=list[ProgrammeEventOut])
@paginate(BoundedPagination)
def list_events(request: HttpRequest) -> Any:
    """Briefings and launch ceremonies with their registration and attendance counts."""
    return [
        ProgrammeEventOut(
            id=e.pk,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            place=e.place,
            organiser=e.organiser.name_ko,
            registered=e.registered,
            attended=e.attended_count,
            reported_participants=e.reported_participants,
            is_synthetic=e.is_synthetic,
        )
        for e in selectors_events.events_visible(request.user)
    ]


class ProgrammeEventRegistrationIn(Schema):
    name: str = Field(..., max_length=100)
    organisation_id: int | None = None
    role_title: str = Field("", max_length=100)


class ProgrammeEventRegistrationOut(Schema):
    id: int
    event_id: int
    name: str
    organisation_id: int | None


@router.post("/programmes/events/{event_id}/registrations", response=ProgrammeEventRegistrationOut)
def register_for_event(
    request: HttpRequest, event_id: int, payload: ProgrammeEventRegistrationIn
) -> Any:
    """Register for an event (any signed-in user for themselves; the organiser for anyone).
    422 when closed, full, not invited or already registered."""
    event = selectors_events.event_detail(request.user, event_id)
    row = event_services.registration_create(
        actor=request.user,
        event=event,
        name=payload.name,
        organisation_id=payload.organisation_id,
        role_title=payload.role_title,
    )
    return ProgrammeEventRegistrationOut(
        id=row.pk, event_id=event.pk, name=row.name, organisation_id=row.organisation_id
    )
