"""The five pillars as data (``data/pillars.csv``): names, the party kinds that lead each
pillar, and the source. Read once at import; a pillar the file and :class:`Pillar` disagree on
fails loudly, so the labels shown everywhere cannot drift from the data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import translation

DATA_FILE = Path(__file__).resolve().parent / "data" / "pillars.csv"


@dataclass(frozen=True)
class PillarInfo:
    code: str
    name_ko: str
    name_en: str
    lead_ko: str
    lead_en: str
    lead_kinds: tuple[str, ...]
    source_note: str

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko

    @property
    def lead(self) -> str:
        return self.lead_en if translation.get_language() == "en" else self.lead_ko


@cache
def pillars() -> tuple[PillarInfo, ...]:
    """Every pillar in the file's order (the order of :class:`Pillar`)."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))
    return tuple(
        PillarInfo(
            code=row["code"],
            name_ko=row["name_ko"],
            name_en=row["name_en"],
            lead_ko=row["lead_ko"],
            lead_en=row["lead_en"],
            lead_kinds=tuple(kind for kind in row["lead_kinds"].split(";") if kind),
            source_note=row["source_note"],
        )
        for row in rows
    )


PILLAR_CODES: tuple[str, ...] = tuple(info.code for info in pillars())


def pillar_info(code: str) -> PillarInfo:
    """The pillar with this code; KeyError for an unknown code."""
    for info in pillars():
        if info.code == code:
            return info
    raise KeyError(code)


def pillars_led_by(organisation_kind: str) -> list[str]:
    """Codes of the pillars an organisation of this kind leads (a new party's default)."""
    return [info.code for info in pillars() if organisation_kind in info.lead_kinds]
