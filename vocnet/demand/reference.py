"""Reference data of the demand app, read from ``data/`` (sources in ``data/SOURCES.md``):
the neighbour map of Gyeonggi's 31 시·군 and the English names of the NCS middle fields.

Both are small, static and read-only, so they are read from their CSV files once per process
rather than kept in tables."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def region_neighbours() -> dict[str, frozenset[str]]:
    """시군구 code → the codes of the regions sharing a boundary with it (symmetric)."""
    neighbours: dict[str, set[str]] = {}
    with (DATA / "gyeonggi_region_adjacency.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            a, b = row["sigungu_code_a"], row["sigungu_code_b"]
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
    return {code: frozenset(others) for code, others in neighbours.items()}


@cache
def ncs_middle_english() -> dict[str, str]:
    """NCS middle code → vocnet's (unofficial) English name."""
    with (DATA / "ncs_middle_en.csv").open(encoding="utf-8") as handle:
        return {row["ncs_middle_code"]: row["name_en"] for row in csv.DictReader(handle)}


def ncs_name(code: str, name_ko: str, *, english: bool) -> str:
    """The field's name in the page's language: the English name where vocnet has one."""
    if english:
        return ncs_middle_english().get(code) or name_ko
    return name_ko
