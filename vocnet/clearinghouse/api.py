"""Clearinghouse endpoints: thin — parse input, call one selector or service, return.

Rounds and their life (open, close, run, publish, follow-up), runs with their proof and
payload, students' preferences, companies' rankings of applicants, schools' recommended
orders, and results (JSON and Excel). Reads and writes of students' records are written to
the personal-data access log.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Form, Query, Router, Status
from ninja.pagination import paginate

from vocnet.api.pagination import BoundedPagination
from vocnet.clearinghouse import exporting, selectors, services
from vocnet.clearinghouse.schemas import (
    ApplicantsOut,
    FollowUpIn,
    OutcomeOut,
    PreferenceOut,
    PreferencesIn,
    RankingIn,
    RecommendationsIn,
    ResultQuery,
    RoundIn,
    RoundOut,
    RoundPatch,
    RoundQuery,
    RunOut,
    RunPayloadOut,
    SchoolRecommendationOut,
)
from vocnet.privacy.schemas import ExportReasonIn
from vocnet.privacy.services import (
    record_personal_data_access,
    require_export_reason,
    subjects_of,
)
from vocnet.registry.api_excel import XLSX_OPENAPI
from vocnet.registry.models import Student
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition

router = Router(tags=["clearinghouse"])

ROUND = "/clearinghouse/rounds/{round_id}"


def _round(request: HttpRequest, round_id: int) -> Any:
    # A run whose worker is gone is failed here, so the round answers with its true state.
    services.runs_expire_stale(round_id=round_id)
    return selectors.round_get(user=request.user, round_id=round_id)


def _log(request: HttpRequest, students: Any, action: str) -> None:
    record_personal_data_access(request=request, subjects=students, action=action)


def _page_students(request: HttpRequest, rows: Any) -> list[tuple[str, int]]:
    """The students of the page the paginator will serve (``limit``/``offset`` as it reads
    them), so the access log records who was shown, not the whole list."""
    try:
        offset = max(int(request.GET.get("offset", 0)), 0)
        limit = int(request.GET.get("limit", settings.NINJA_PAGINATION_PER_PAGE))
    except ValueError:
        return []
    limit = min(max(limit, 0), settings.NINJA_PAGINATION_MAX_LIMIT)
    ids = dict.fromkeys(rows.values_list("student_id", flat=True)[offset : offset + limit])
    return [("registry.student", student_id) for student_id in ids]


# Rounds ---------------------------------------------------------------------------------------


@router.get("/clearinghouse/rounds", response=list[RoundOut])
@paginate(BoundedPagination)
def list_rounds(request: HttpRequest, filters: Query[RoundQuery]) -> Any:
    return selectors.round_list(
        user=request.user,
        filters=selectors.RoundFilters(
            status=filters.status, support_office=filters.support_office, q=filters.q
        ),
    )


@router.post("/clearinghouse/rounds", response={201: RoundOut})
def create_round(request: HttpRequest, payload: RoundIn) -> Any:
    placement_round = services.round_create(
        actor=request.user, data=services.RoundInput(**payload.dict())
    )
    return Status(201, _round(request, placement_round.pk))


@router.get(ROUND, response=RoundOut)
def get_round(request: HttpRequest, round_id: int) -> Any:
    return _round(request, round_id)


@router.patch(ROUND, response=RoundOut)
def update_round(request: HttpRequest, round_id: int, payload: RoundPatch) -> Any:
    services.round_update(
        actor=request.user,
        placement_round=_round(request, round_id),
        changes=payload.dict(exclude_unset=True),
    )
    return _round(request, round_id)


@router.post(ROUND + "/open", response=RoundOut)
def open_round(request: HttpRequest, round_id: int) -> Any:
    services.round_open(actor=request.user, placement_round=_round(request, round_id))
    return _round(request, round_id)


@router.post(ROUND + "/close", response=RoundOut)
def close_round(request: HttpRequest, round_id: int, reason: str = "") -> Any:
    """Close the round to students' preferences; before the published preference deadline
    ``reason`` is required (422 naming ``reason`` otherwise) and recorded."""
    services.round_close_preferences(
        actor=request.user, placement_round=_round(request, round_id), reason=reason
    )
    return _round(request, round_id)


@router.post(ROUND + "/run", response={201: RunOut})
def start_run(request: HttpRequest, round_id: int, override_reason: str = "") -> Any:
    """Queue the matching as a background task (one run per round; 409 if there is one).
    Before the ranking deadline ``override_reason`` is required (422 otherwise) and recorded."""
    run = services.round_start_run(
        actor=request.user,
        placement_round=_round(request, round_id),
        override_reason=override_reason,
    )
    return Status(201, selectors.run_get(user=request.user, run_id=run.pk))


@router.post(ROUND + "/publish", response=RoundOut)
def publish_round(request: HttpRequest, round_id: int) -> Any:
    """Create the placements of the matched round (409 if seats were taken meanwhile)."""
    services.round_publish(actor=request.user, placement_round=_round(request, round_id))
    return _round(request, round_id)


@router.post(ROUND + "/follow-up", response={201: RoundOut})
def create_follow_up(request: HttpRequest, round_id: int, payload: FollowUpIn) -> Any:
    follow_up = services.round_create_follow_up(
        actor=request.user,
        placement_round=_round(request, round_id),
        data=services.FollowUpInput(**payload.dict()),
    )
    return Status(201, _round(request, follow_up.pk))


@router.get(ROUND + "/runs", response=list[RunOut])
def list_runs(request: HttpRequest, round_id: int) -> Any:
    return list(selectors.run_list(user=request.user, placement_round=_round(request, round_id)))


@router.get("/clearinghouse/runs/{run_id}", response=RunOut)
def get_run(request: HttpRequest, run_id: int) -> Any:
    services.runs_expire_stale()
    return selectors.run_get(user=request.user, run_id=run_id)


@router.get("/clearinghouse/runs/{run_id}/payload", response=RunPayloadOut)
def get_run_payload(request: HttpRequest, run_id: int) -> Any:
    """The snapshot and result of a run, for replaying it (the province only; ids only, no
    names). Each student in the snapshot is logged as viewed in the personal-data access log."""
    run = selectors.run_payload_get(user=request.user, run_id=run_id)
    _log(request, selectors.run_payload_students(run), "view")
    return run


# Preferences, rankings, recommendations -------------------------------------------------------


@router.get(ROUND + "/preferences", response=list[PreferenceOut])
@paginate(BoundedPagination)
def list_preferences(request: HttpRequest, round_id: int, student_id: int | None = None) -> Any:
    """Students' lists in the round the caller may see (a student's own; their school's…)."""
    rows = selectors.visible_preferences(
        user=request.user, placement_round=_round(request, round_id), student_id=student_id
    ).select_related("offer__company__organisation", "offer__region", "offer__ncs_middle")
    _log(request, _page_students(request, rows), "view")
    return rows


@router.put(ROUND + "/preferences", response=list[PreferenceOut])
def set_preferences(request: HttpRequest, round_id: int, payload: PreferencesIn) -> Any:
    """Replace one student's ranked list (the student, their school's staff, the province)."""
    placement_round = _round(request, round_id)
    student = selectors.student_get(user=request.user, student_id=payload.student_id)
    services.preference_set(
        actor=request.user,
        placement_round=placement_round,
        student=student,
        offer_ids=payload.offer_ids,
    )
    _log(request, [student], "change")
    return selectors.preferences_of(
        user=request.user, placement_round=placement_round, student=student
    )


@router.get(ROUND + "/applicants", response=ApplicantsOut)
def list_applicants(request: HttpRequest, round_id: int, offer_id: int) -> Any:
    """The applicants to one of the caller's company's offers, with the company's ranks."""
    placement_round = _round(request, round_id)
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    rows = selectors.applicants(user=request.user, placement_round=placement_round, offer=offer)
    _log(request, [row.student for row in rows], "view")
    return {
        "offer": offer,
        "uses_school_order": all(row.rank is None for row in rows),
        "applicants": [
            {
                "student_id": row.student.pk,
                "name": row.student.name,
                "student_number": row.student.student_number,
                "school_name_ko": row.student.school.organisation.name_ko,
                "department_name_ko": row.student.department.name_ko,
                "rank": row.rank,
            }
            for row in rows
        ],
    }


@router.put(ROUND + "/rankings", response=ApplicantsOut)
def set_ranking(request: HttpRequest, round_id: int, payload: RankingIn) -> Any:
    """Replace the company's ranking of an offer's applicants ([] takes the schools' order)."""
    placement_round = _round(request, round_id)
    offer = selectors.offer_get(user=request.user, offer_id=payload.offer_id)
    services.offer_ranking_set(
        actor=request.user,
        placement_round=placement_round,
        offer=offer,
        entries=[(entry.student_id, entry.rank) for entry in payload.entries],
    )
    return list_applicants(request, round_id, payload.offer_id)


@router.get(ROUND + "/recommendations", response=list[SchoolRecommendationOut])
def list_recommendations(request: HttpRequest, round_id: int, school_id: int) -> Any:
    placement_round = _round(request, round_id)
    school = selectors.school_get(user=request.user, school_id=school_id)
    rows = selectors.recommendations_of(
        user=request.user, placement_round=placement_round, school=school
    )
    _log(request, [row.student for row in rows], "view")
    return rows


@router.put(ROUND + "/recommendations", response=list[SchoolRecommendationOut])
def set_recommendations(request: HttpRequest, round_id: int, payload: RecommendationsIn) -> Any:
    """Replace the school's recommended order of its students (best first)."""
    placement_round = _round(request, round_id)
    school = selectors.school_get(user=request.user, school_id=payload.school_id)
    services.school_recommendation_set(
        actor=request.user,
        placement_round=placement_round,
        school=school,
        student_ids=payload.student_ids,
    )
    _log(request, subjects_of(Student.objects.filter(pk__in=payload.student_ids)), "change")
    return selectors.recommendations_of(
        user=request.user, placement_round=placement_round, school=school
    )


# Results --------------------------------------------------------------------------------------


def _filters(query: ResultQuery) -> selectors.ResultFilters:
    return selectors.ResultFilters(**query.dict())


@router.get(ROUND + "/results", response=list[OutcomeOut])
@paginate(BoundedPagination)
def list_results(request: HttpRequest, round_id: int, filters: Query[ResultQuery]) -> Any:
    """Where each student ended up, as far as the caller may see (schools, companies and
    students once published; operators once matched)."""
    rows = selectors.outcome_list(
        user=request.user, placement_round=_round(request, round_id), filters=_filters(filters)
    )
    _log(request, _page_students(request, rows), "view")
    return rows


@router.post(ROUND + "/results.xlsx", openapi_extra=XLSX_OPENAPI)
def export_results(
    request: HttpRequest, round_id: int, filters: Query[ResultQuery], why: Form[ExportReasonIn]
) -> HttpResponse:
    """The results with the same filters, as Excel: a POST whose form field ``reason`` is
    required and logged."""
    reason = require_export_reason(why.reason)
    placement_round = _round(request, round_id)
    result_filters = _filters(filters)
    rows = selectors.outcome_list(
        user=request.user, placement_round=placement_round, filters=result_filters
    )
    record_personal_data_access(
        request=request,
        subjects=subjects_of(Student.objects.filter(pk__in=rows.values("student_id"))),
        action="export",
        reason=reason,
    )
    response = HttpResponse(
        exporting.export_results(placement_round, rows, result_filters),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = content_disposition(*exporting.export_names(placement_round))
    return response
