"""The tile map of Gyeonggi: a grid cartogram of the 31 cities and counties drawn by vocnet.

Each region is one equal tile, placed on a 7 × 8 grid so that neighbours stay roughly where
they are on a map (north up, west left), after the regions' approximate centre points in
``registry/data/gyeonggi_regions.csv``. No map tiles are fetched from anywhere: the page
draws the grid with CSS. It lives with the regions it lays out, so the demand app's gap map
and the reports' overview share it without demand importing reports.
"""

from __future__ import annotations

# sigungu_code → (column, row); row 0 is the north.
TILE_GRID: dict[str, tuple[int, int]] = {
    "41800": (3, 0),  # 연천군
    "41480": (1, 1),  # 파주시
    "41250": (3, 1),  # 동두천시
    "41650": (4, 1),  # 포천시
    "41820": (5, 1),  # 가평군
    "41570": (0, 2),  # 김포시
    "41280": (1, 2),  # 고양시
    "41630": (2, 2),  # 양주시
    "41150": (3, 2),  # 의정부시
    "41360": (4, 2),  # 남양주시
    "41190": (1, 3),  # 부천시
    "41210": (2, 3),  # 광명시
    "41310": (4, 3),  # 구리시
    "41450": (5, 3),  # 하남시
    "41830": (6, 3),  # 양평군
    "41390": (1, 4),  # 시흥시
    "41170": (2, 4),  # 안양시
    "41290": (3, 4),  # 과천시
    "41130": (4, 4),  # 성남시
    "41610": (5, 4),  # 광주시
    "41270": (1, 5),  # 안산시
    "41410": (2, 5),  # 군포시
    "41430": (3, 5),  # 의왕시
    "41500": (5, 5),  # 이천시
    "41670": (6, 5),  # 여주시
    "41590": (2, 6),  # 화성시
    "41110": (3, 6),  # 수원시
    "41460": (4, 6),  # 용인시
    "41220": (2, 7),  # 평택시
    "41370": (3, 7),  # 오산시
    "41550": (4, 7),  # 안성시
}
GRID_COLUMNS = 7
GRID_ROWS = 8


def shade(value: int, maximum: int, steps: int = 5) -> int:
    """The colour class (0 … steps) of ``value`` on a linear scale up to ``maximum``."""
    if maximum <= 0 or value <= 0:
        return 0
    return max(1, min(steps, -(-value * steps // maximum)))
