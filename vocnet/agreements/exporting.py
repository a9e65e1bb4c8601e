"""Excel (.xlsx) export of commitments (with yearly targets and what was delivered) and of
deliveries, through the registry's ``export_xlsx`` (same look, same streaming).

Rows come from the selectors, so the permission layer has decided them. The headers of the
deliveries sheet match the import's columns, so an exported sheet can be corrected and
imported again (rows already recorded are recognised and left alone).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from vocnet.agreements.models import Commitment, CommitmentTarget, Delivery
from vocnet.spreadsheets.exporting import CHUNK_SIZE, ExportColumn, export_xlsx

SYNTHETIC_LABEL = "합성(데모) 데이터"
ENTERED_LABEL = "사용자 입력"


def _origin(is_synthetic: bool) -> str:
    return SYNTHETIC_LABEL if is_synthetic else ENTERED_LABEL


def _number(value: Decimal | None) -> Decimal | int | None:
    """Whole quantities as integers, so Excel shows 100000000, not 100000000.00."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def export_commitments(
    queryset: QuerySet[Commitment], *, title: str | None = None, as_of: date | None = None
) -> bytes:
    """From ``selectors.commitments_for_export``: one row per commitment with one column per
    agreement year's target, the total, and what was delivered up to ``as_of``."""
    as_of = as_of or timezone.localdate()
    years = (
        CommitmentTarget.objects.filter(commitment__in=queryset.values("pk")).aggregate(
            most=Max("year_index")
        )["most"]
        or 1
    )
    delivered: dict[tuple[int, str], Decimal] = {
        (agreement_id, str(lineage)): total
        for agreement_id, lineage, total in Delivery.objects.filter(
            commitment__lineage__in=queryset.values("lineage"), delivered_on__lte=as_of
        )
        .values_list("agreement_id", "commitment__lineage")
        .annotate(total=Sum("quantity"))
    }

    def target(year: int) -> Any:
        def value(c: Commitment) -> Any:
            for t in c.targets.all():
                if t.year_index == year:
                    return _number(t.quantity)
            return None

        return value

    def agreement(c: Commitment) -> Any:
        return c.party.version.agreement

    columns: list[ExportColumn[Commitment]] = [
        ExportColumn("약속 번호 / commitment_id", lambda c: c.pk),
        ExportColumn("협약 번호 / agreement_id", lambda c: agreement(c).pk),
        ExportColumn("협약명 / agreement_title", lambda c: agreement(c).title, 36),
        ExportColumn("협약 유형 / kind", lambda c: agreement(c).kind.name_ko, 30),
        ExportColumn("협약 상태 / status", lambda c: agreement(c).get_status_display(), 14),
        ExportColumn("판 / version", lambda c: c.party.version.number),
        ExportColumn("당사자 / party", lambda c: c.party.organisation.name_ko, 26),
        ExportColumn("역할 / role", lambda c: c.party.get_role_display()),
        ExportColumn("요소 / pillar", lambda c: c.get_pillar_display(), 18),
        ExportColumn("약속 유형 / commitment_kind", lambda c: c.get_kind_display(), 20),
        ExportColumn("내용 / description", lambda c: c.description, 36),
        ExportColumn("단위 / unit", lambda c: c.get_unit_display()),
        *[
            ExportColumn(f"{year}차년도 목표 / target_y{year}", target(year), 16)
            for year in range(1, years + 1)
        ],
        ExportColumn(
            "목표 합계 / target_total",
            lambda c: _number(sum((t.quantity for t in c.targets.all()), Decimal(0))),
            16,
        ),
        ExportColumn(
            f"이행 누계({as_of}) / delivered",
            lambda c: _number(delivered.get((agreement(c).pk, str(c.lineage)), Decimal(0))),
            18,
        ),
        ExportColumn("자료 구분 / data origin", lambda c: _origin(agreement(c).is_synthetic), 18),
    ]
    return export_xlsx(columns, _stream(queryset), sheet_title="약속 (commitments)", title=title)


DELIVERY_COLUMNS: list[ExportColumn[Delivery]] = [
    ExportColumn("실적 번호 / delivery_id", lambda d: d.pk),
    ExportColumn("약속 번호 / commitment_id", lambda d: d.commitment_id),
    ExportColumn("협약명 / agreement_title", lambda d: d.agreement.title, 36),
    ExportColumn("당사자 / party", lambda d: d.commitment.party.organisation.name_ko, 26),
    ExportColumn("약속 내용 / description", lambda d: d.commitment.description, 30),
    ExportColumn("이행일 / delivered_on", lambda d: d.delivered_on, 14),
    ExportColumn("이행량 / quantity", lambda d: _number(d.quantity), 16),
    ExportColumn("단위 / unit", lambda d: d.commitment.get_unit_display()),
    ExportColumn("비고 / note", lambda d: d.note, 30),
    ExportColumn("증빙 파일 / evidence", lambda d: d.evidence_name, 24),
    ExportColumn("기록자 / recorded_by", lambda d: str(d.recorded_by or ""), 14),
    ExportColumn(
        "기록 일시 / recorded_at",
        lambda d: timezone.localtime(d.recorded_at).strftime("%Y-%m-%d %H:%M"),
        18,
    ),
    ExportColumn("자료 구분 / data origin", lambda d: _origin(d.agreement.is_synthetic), 18),
]


def export_deliveries(queryset: QuerySet[Delivery], *, title: str | None = None) -> bytes:
    """From ``selectors.delivery_list`` (agreement, commitment, party joined)."""
    return export_xlsx(
        DELIVERY_COLUMNS, _stream(queryset), sheet_title="이행 실적 (deliveries)", title=title
    )


def _stream(queryset: QuerySet[Any]) -> Iterable[Any]:
    # Prefetches (targets) are applied per chunk when a chunk size is given.
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def export_title(label_ko: str, label_en: str, filters: dict[str, Any]) -> str:
    day = timezone.localdate().isoformat()
    used = ", ".join(f"{key}={value}" for key, value in filters.items() if value not in (None, ""))
    return f"vocnet {label_ko} ({label_en}) · {day} · 조건(filters): {used or '없음(none)'}"


def export_filenames(label_ko: str, label_en: str) -> tuple[str, str]:
    day = timezone.localdate().strftime("%Y%m%d")
    return f"vocnet-{label_en}-{day}.xlsx", f"{label_ko}_{day}.xlsx"
