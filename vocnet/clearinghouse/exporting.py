"""Excel (.xlsx) export of a round's results: the rows the user sees with the page's filters,
built on ``vocnet.spreadsheets.exporting`` (streamed, a fixed number of queries)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vocnet.clearinghouse.models import PlacementRound, RoundOutcome
from vocnet.clearinghouse.selectors.results import ResultFilters
from vocnet.spreadsheets.exporting import ExportColumn, export_xlsx


def _offer(outcome: RoundOutcome, get: Any) -> Any:
    return get(outcome.offer) if outcome.offer is not None else ""


RESULT_COLUMNS: list[ExportColumn[RoundOutcome]] = [
    ExportColumn("학교 / school", lambda o: o.student.school.organisation.name_ko, 26),
    ExportColumn("학과 / department", lambda o: o.student.department.name_ko, 18),
    ExportColumn("NCS 중분류 / ncs_code", lambda o: o.student.department.ncs_middle.code),
    ExportColumn("학번 / student_number", lambda o: o.student.student_number),
    ExportColumn("이름 / name", lambda o: o.student.name),
    ExportColumn("결과 / outcome", lambda o: "배정" if o.offer_id else "미배정"),
    ExportColumn("지망 수 / choices", lambda o: o.choice_count),
    ExportColumn("배정 지망 순위 / choice_rank", lambda o: o.choice_rank),
    ExportColumn("제안 번호 / offer_id", lambda o: o.offer_id),
    ExportColumn("제안 / offer", lambda o: _offer(o, lambda f: f.title), 30),
    ExportColumn(
        "기업 / company", lambda o: _offer(o, lambda f: f.company.organisation.name_ko), 26
    ),
    ExportColumn("실습 지역 / region", lambda o: _offer(o, lambda f: f.region.name_ko)),
    ExportColumn("배치 번호 / placement_id", lambda o: o.placement_id),
    ExportColumn("합성 자료 / synthetic", lambda o: "Y" if o.student.is_synthetic else "N"),
]


def export_results(
    placement_round: PlacementRound,
    outcomes: QuerySet[RoundOutcome],
    filters: ResultFilters,
    *,
    on: date | None = None,
) -> bytes:
    """The outcomes as a workbook whose title names the round, the day and the filters."""
    used = ", ".join(f"{key}={value}" for key, value in filters.query().items()) or "전체"
    day = (on or timezone.localdate()).isoformat()
    title = f"vocnet 현장실습 매칭 결과 (round results) · {placement_round.name} · {day} · {used}"
    rows: Any = outcomes.iterator(chunk_size=2000)
    return export_xlsx(RESULT_COLUMNS, rows, sheet_title="매칭 결과", title=title)


def export_names(placement_round: PlacementRound, on: date | None = None) -> tuple[str, str]:
    """(ASCII file name, Korean file name) of the export."""
    day = (on or timezone.localdate()).strftime("%Y%m%d")
    return (
        f"vocnet-round-{placement_round.pk}-results-{day}.xlsx",
        f"현장실습_매칭_결과_{placement_round.pk}_{day}.xlsx",
    )
