"""Reference data of the demand app, read from ``data/`` (sources in ``data/SOURCES.md``):
the neighbour map of Gyeonggi's 31 시·군 (the English names of the NCS middle fields are the
registry's: ``vocnet.registry.reference.ncs_middle_english``).

It is small, static and read-only, so it is read from its CSV file once per process rather
than kept in a table."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from vocnet.registry.reference import ncs_middle_english

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


def ncs_name(code: str, name_ko: str, *, english: bool) -> str:
    """The field's name in the page's language: the English name where vocnet has one."""
    if english:
        return ncs_middle_english().get(code) or name_ko
    return name_ko
