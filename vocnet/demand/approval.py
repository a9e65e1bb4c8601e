"""The one-page summary of a scenario for approval (결재용 요약), as PDF and Excel (issue 17 §4).

One page an official can sign: what the scenario plans for, under which limits, the effect on
unmet demand and surplus graduates a year, how many departments change and how, the largest
changes with their sentences, and the approval boxes (담당 · 검토 · 결재). The Excel file lists
every changed department. Synthetic (demo) scenarios say so in the title of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from vocnet.core.pdf import render_pdf
from vocnet.demand.models import Scenario
from vocnet.demand.parameters import ScenarioParameters
from vocnet.spreadsheets.exporting import ExportColumn, export_xlsx

ACTION_KO = {"grow": "증원", "shrink": "감원", "convert": "전환", "keep": "유지"}
LARGEST = 12


@dataclass(frozen=True)
class ApprovalSummary:
    scenario: Scenario
    scope: str
    parameters: ScenarioParameters
    figures: dict[str, Any]
    changed: list[dict[str, Any]]
    largest: list[dict[str, Any]]
    prepared_on: str

    @property
    def title(self) -> str:
        synthetic = " · 합성(데모) 데이터" if self.scenario.is_synthetic else ""
        return f"학과 개편 시나리오 결재용 요약 · {self.scenario.name}{synthetic}"


def _moved(item: dict[str, Any]) -> int:
    return abs(int(item["new"]) - int(item["current"])) + int(item.get("converted") or 0)


def approval_summary(scenario: Scenario) -> ApprovalSummary:
    """The summary of a solved scenario (``scenario`` read through the permission layer)."""
    result = scenario.result or {}
    summary = scenario.summary or {}
    years = max(len(summary.get("years", [])), 1)
    changed = [r for r in result.get("recommendations", []) if r["action"] != "keep"]
    changed.sort(key=lambda r: (r["school"], r["department"]))
    figures = {
        "unmet_before": summary.get("unmet_before", 0) / years,
        "unmet": summary.get("unmet", 0) / years,
        "surplus_before": summary.get("surplus_before", 0) / years,
        "surplus": summary.get("surplus", 0) / years,
        "cost_million": summary.get("conversion_cost", 0),
        "counts": summary.get("counts", {}),
        "first_year": summary.get("first_year"),
        "years": summary.get("years", []),
        "departments": len(result.get("recommendations", [])),
        "schools_changed": len({r["school"] for r in changed}),
    }
    office = scenario.support_office
    scope = (
        office.organisation.name_ko if office is not None and office.organisation else "경기도 전체"
    )
    return ApprovalSummary(
        scenario=scenario,
        scope=scope,
        parameters=ScenarioParameters.from_json(scenario.parameters or {}),
        figures=figures,
        changed=changed,
        largest=sorted(changed, key=lambda r: (-_moved(r), r["school"]))[:LARGEST],
        prepared_on=timezone.localdate().isoformat(),
    )


def _converted(item: dict[str, Any]) -> str:
    return str(item.get("converted_field") or "")


SUMMARY_COLUMNS: list[ExportColumn[dict[str, Any]]] = [
    ExportColumn("학교 / school", lambda r: r["school"], 26),
    ExportColumn("학과 / department", lambda r: r["department"], 20),
    ExportColumn("분야 / field", lambda r: r["field"]),
    ExportColumn("권고 / action", lambda r: ACTION_KO.get(r["action"], r["action"])),
    ExportColumn("현재 정원 / current_intake", lambda r: r["current"]),
    ExportColumn("계획 정원(자기 분야) / new_intake", lambda r: r["new"]),
    ExportColumn("전환 분야 / converted_field", _converted),
    ExportColumn("전환 정원 / converted_intake", lambda r: r.get("converted") or 0),
    ExportColumn("설명 / explanation", lambda r: r["explanation_ko"], 80),
]


def approval_xlsx(summary: ApprovalSummary) -> bytes:
    figures = summary.figures
    title = (
        f"{summary.title} · {summary.scope} · {summary.prepared_on} · 채워지지 않는 수요 연 "
        f"{figures['unmet_before']:,.0f}→{figures['unmet']:,.0f}명 · 남는 졸업생 연 "
        f"{figures['surplus_before']:,.0f}→{figures['surplus']:,.0f}명 · 바뀌는 학과 "
        f"{len(summary.changed)}개"
    )
    return export_xlsx(SUMMARY_COLUMNS, summary.changed, sheet_title="결재용 요약", title=title)


def approval_pdf(summary: ApprovalSummary) -> bytes:
    return render_pdf("demand/approval_pdf.html", {"summary": summary, "s": summary})
