"""Excel (.xlsx) exports of offers and placements, built on ``vocnet.spreadsheets.exporting``.

The rows come from the selectors (the permission layer decides them) and are streamed; the
headers are Korean first with the English key. A placement export holds students' names, so
the API and the page ask for a reason and log it (``vocnet.privacy``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vocnet.placements.models import FieldTrainingOffer, Placement
from vocnet.spreadsheets.exporting import ExportColumn, export_xlsx

SYNTHETIC_NOTE = "합성(데모) 데이터는 '합성' 열 확인 (synthetic rows marked)"

OFFER_COLUMNS: list[ExportColumn[FieldTrainingOffer]] = [
    ExportColumn("제안 번호 / id", lambda o: o.pk),
    ExportColumn("기업 / company", lambda o: o.company.organisation.name_ko, 26),
    ExportColumn("사업자등록번호 / business_number", lambda o: o.company.business_number),
    ExportColumn("제목 / title", lambda o: o.title, 34),
    ExportColumn("시·군 코드 / region_code", lambda o: o.region.sigungu_code),
    ExportColumn("시·군 / region", lambda o: o.region.name_ko),
    ExportColumn("NCS 중분류 코드 / ncs_code", lambda o: o.ncs_middle.code),
    ExportColumn("NCS 중분류 / ncs_name", lambda o: o.ncs_middle.name_ko, 18),
    ExportColumn("모집 인원 / seats", lambda o: o.seats),
    ExportColumn("배정 인원 / seats_taken", lambda o: getattr(o, "seats_taken", 0)),
    ExportColumn("시작일 / start_date", lambda o: o.start_date),
    ExportColumn("종료일 / end_date", lambda o: o.end_date),
    ExportColumn("현장실습 유형 / training_type", lambda o: o.get_training_type_display(), 16),
    ExportColumn("수당(원/월) / allowance_krw", lambda o: o.allowance_krw),
    ExportColumn("상태 / status", lambda o: o.get_status_display()),
    ExportColumn("합성 / synthetic", lambda o: "Y" if o.is_synthetic else ""),
]

PLACEMENT_COLUMNS: list[ExportColumn[Placement]] = [
    ExportColumn("배치 번호 / id", lambda p: p.pk),
    ExportColumn("학교 / school", lambda p: p.student.school.organisation.name_ko, 24),
    ExportColumn("학과 / department", lambda p: p.student.department.name_ko, 16),
    ExportColumn("학번 / student_number", lambda p: p.student.student_number),
    ExportColumn("학생 / student", lambda p: p.student.name),
    ExportColumn("기업 / company", lambda p: p.offer.company.organisation.name_ko, 26),
    ExportColumn("제안 / offer", lambda p: p.offer.title, 30),
    ExportColumn("시작일 / start_date", lambda p: p.offer.start_date),
    ExportColumn("종료일 / end_date", lambda p: p.offer.end_date),
    ExportColumn("배정 경로 / origin", lambda p: p.get_origin_display()),
    ExportColumn("상태 / status", lambda p: p.get_status_display()),
    ExportColumn("종료 사유 / ended_reason", lambda p: p.ended_reason, 24),
    ExportColumn("합성 / synthetic", lambda p: "Y" if p.is_synthetic else ""),
]


def _title(label: str, filters: dict[str, Any], on: date | None) -> str:
    used = ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, "", False))
    day = (on or timezone.localdate()).isoformat()
    return f"vocnet {label} · {day}" + (f" · {used}" if used else "") + f" · {SYNTHETIC_NOTE}"


def export_offers(
    queryset: QuerySet[FieldTrainingOffer], *, filters: dict[str, Any], on: date | None = None
) -> bytes:
    rows: Any = queryset.iterator(chunk_size=2000)
    title = _title("현장실습 제안 (offers)", filters, on)
    return export_xlsx(OFFER_COLUMNS, rows, sheet_title="현장실습 제안", title=title)


def export_placements(
    queryset: QuerySet[Placement], *, filters: dict[str, Any], on: date | None = None
) -> bytes:
    rows: Any = queryset.iterator(chunk_size=2000)
    title = _title("현장실습 배치 (placements)", filters, on)
    return export_xlsx(PLACEMENT_COLUMNS, rows, sheet_title="현장실습 배치", title=title)


def export_names(entity: str, on: date | None = None) -> tuple[str, str]:
    labels = {"offers": "현장실습_제안", "placements": "현장실습_배치"}
    day = (on or timezone.localdate()).strftime("%Y%m%d")
    return f"vocnet-placements-{entity}-{day}.xlsx", f"{labels[entity]}_{day}.xlsx"
