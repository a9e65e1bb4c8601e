"""The gap page's tables as ready strings: every figure formatted once in Python instead of a
filter per cell (``floatformat``, ``intcomma``, ``localized_name``, ``add``). The strings are
exactly those the filters wrote (``tests/test_gap_display.py`` compares them on every value
kind, in Korean and English, and the page's HTML was compared before and after); the
templates only place them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe

from vocnet.core.i18n import localized_name
from vocnet.demand.selectors.gap import GapRow, Name
from vocnet.demand.selectors.gap_tiles import Tile
from vocnet.pathways.selectors import DestinationCounts

_ONE = Decimal(1)


class Numbers:
    """Formats numbers as the template filters do in the active language: ``people`` is
    ``floatformat:"0g"``, ``count`` is ``intcomma``, ``whole`` is ``floatformat:"0"``."""

    def __init__(self) -> None:
        self.separator = str(get_format("THOUSAND_SEPARATOR"))
        grouping = get_format("NUMBER_GROUPING")
        # Both languages group by three; another grouping would need Django's own formatter.
        self.grouped = grouping == 3

    def _group(self, number: int) -> str:
        if not self.grouped:  # pragma: no cover - no active language groups otherwise
            from django.utils.formats import number_format

            return str(number_format(number, use_l10n=True, force_grouping=True))
        text = f"{number:,}"
        return text if self.separator == "," else text.replace(",", self.separator)

    @staticmethod
    def _rounded(value: float | int) -> int:
        """Half away from zero on the decimal repr, as ``floatformat`` rounds (never "-0")."""
        if isinstance(value, int):
            return value
        if value.is_integer():
            return int(value)
        return int(Decimal(repr(value)).quantize(_ONE, ROUND_HALF_UP))

    def people(self, value: float | int) -> str:
        return self._group(self._rounded(value))

    def count(self, value: int) -> str:
        return self._group(int(value))

    @classmethod
    def whole(cls, value: float | int | None) -> str:
        """``floatformat:"0"`` (no grouping): "" for None, as the filter gives."""
        return "" if value is None else str(cls._rounded(value))


def _name(name: Name | None) -> str:
    return localized_name(name) if name is not None else ""


def _field_label(field: Name | None) -> str:
    """``{{ row.field.code }} {{ row.field|localized_name }}``."""
    return f"{field.code if field is not None else ''} {_name(field)}"


@dataclass(frozen=True)
class TableRow:
    """One row of the gap table (``partials/gap_table.html``)."""

    area: str
    field: str
    demand: str
    graduates: str
    available: str
    gap: str
    gap_class: str
    drill_query: str
    consortium: str


def table_rows(rows: Iterable[GapRow], numbers: Numbers) -> list[TableRow]:
    out = []
    for row in rows:
        figures = row.figures
        gap = figures.gap
        consortium = row.consortium_available
        out.append(
            TableRow(
                area=_name(row.area.name) if row.area is not None else "",
                field=_field_label(row.field),
                demand=numbers.people(figures.demand),
                graduates=numbers.people(figures.graduates),
                available=numbers.people(figures.available),
                gap=numbers.people(gap),
                gap_class="vn-short" if gap < -0.5 else "vn-over" if gap > 0.5 else "",
                drill_query=row.drill_query,
                consortium="" if consortium is None else numbers.people(consortium),
            )
        )
    return out


@dataclass(frozen=True)
class TileCell:
    """One tile of the tile map: its classes, its link (escaped by the template, ``&`` to
    ``&amp;``), its name and figure."""

    css: str
    href: str
    name: str
    value: str


def tile_cells(tiles: Iterable[Tile], year: int, metric: str, numbers: Numbers) -> list[TileCell]:
    return [
        TileCell(
            f"vn-tile vn-shade-{tile.shade} vn-col-{tile.column + 1} vn-row-{tile.row + 1}"
            + ("" if tile.in_scope else " vn-out"),
            f"?year={year}&region={tile.region.sigungu_code}&metric={metric}",
            localized_name(tile.region),
            numbers.people(tile.metric(metric)) if tile.in_scope else "—",
        )
        for tile in tiles
    ]


@dataclass(frozen=True)
class RankingRow:
    """One line of the largest shortages or surpluses (``count`` goes into its sentence)."""

    label: str
    drill_query: str
    count: str


def ranking_rows(rows: Iterable[GapRow], metric: str, numbers: Numbers) -> list[RankingRow]:
    """``metric`` is ``shortage`` or ``surplus``: the figure each line counts."""
    return [
        RankingRow(
            f"{_name(row.area.name) if row.area is not None else ''} · {_field_label(row.field)}",
            row.drill_query,
            numbers.people(getattr(row.figures, metric)),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PastRow:
    """One row of the past destinations table: the NCS field, its expected graduates, and
    the destination cells already written (None: no record, one cell spanning the columns)."""

    field: str
    graduates: str
    cells: SafeString | None


def counts_cells(counts: DestinationCounts, numbers: Numbers) -> SafeString:
    """``pathways/partials/counts_cells.html`` and the share cell after it: numbers only."""
    values: Sequence[int] = (
        counts.total,
        counts.employed_in_field,
        counts.employed_other_field + counts.employed_field_unknown,
        counts.university,
        counts.military,
        counts.other,
        counts.unknown,
    )
    cells = "\n".join(f'<td class="num">{numbers.count(value)}</td>' for value in values)
    # Formatted integers and a rounded percent: nothing to escape.
    return mark_safe(f'{cells}\n<td class="num">{numbers.whole(counts.not_studying_percent)}%</td>')


def past_rows(
    rows: Iterable[tuple[GapRow, DestinationCounts | None]], numbers: Numbers
) -> list[PastRow]:
    return [
        PastRow(
            _field_label(row.field),
            numbers.people(row.figures.graduates),
            counts_cells(counts, numbers) if counts else None,
        )
        for row, counts in rows
    ]
