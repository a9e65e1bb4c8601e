"""The tile map of the gap analysis: one tile per region of the user's regions, shaded by
its shortage or surplus (the grid is the registry's, ``vocnet.registry.geo``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vocnet.registry.geo import TILE_GRID, shade
from vocnet.registry.models import Region

if TYPE_CHECKING:
    from vocnet.demand.selectors.gap import Figures

TILE_METRICS = ("shortage", "surplus")


@dataclass
class Tile:
    region: Region
    column: int
    row: int
    in_scope: bool
    shortage: float = 0.0
    surplus: float = 0.0
    shade: int = 0

    def metric(self, name: str) -> float:
        return float(getattr(self, name))


def region_tiles(
    regions: Iterable[Region],
    cells: Mapping[tuple[int, str], Figures],
    selected: frozenset[int],
    metric: str,
) -> list[Tile]:
    """One tile per region, in 시군구 code order: the shortage and surplus of its cells, and a
    shade of ``metric`` relative to the largest tile (0 outside the selected regions)."""
    # One pass over the cells (31 regions × ~70 fields), not one per region.
    shortages: dict[int, float] = {}
    surpluses: dict[int, float] = {}
    for (region_id, _code), figures in cells.items():
        shortages[region_id] = shortages.get(region_id, 0.0) + figures.shortage
        surpluses[region_id] = surpluses.get(region_id, 0.0) + figures.surplus
    tiles: list[Tile] = []
    for region in regions:
        column, row = TILE_GRID.get(region.sigungu_code, (0, 0))
        tile = Tile(region, column, row, region.pk in selected)
        tile.shortage += shortages.get(region.pk, 0.0)
        tile.surplus += surpluses.get(region.pk, 0.0)
        tiles.append(tile)
    maximum = max((round(t.metric(metric)) for t in tiles), default=0)
    for tile in tiles:
        tile.shade = shade(round(tile.metric(metric)), maximum) if tile.in_scope else 0
    tiles.sort(key=lambda t: t.region.sigungu_code)
    return tiles
