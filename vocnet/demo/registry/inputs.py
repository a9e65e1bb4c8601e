"""The real facts the demo is built on, read from the reference data files (data/SOURCES.md).

The same files feed the reference tables through the data migration, so the codes read here
are the codes the loader finds in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vocnet.registry.reference import read_csv


@dataclass(frozen=True)
class RegionInfo:
    sigungu_code: str
    name_ko: str
    full_name_ko: str
    name_en: str
    office_name: str

    @property
    def stem(self) -> str:
        """수원시 → 수원, 연천군 → 연천: the form used in school names."""
        return self.name_ko[:-1]


@dataclass(frozen=True)
class RealSchoolRow:
    """One Gyeonggi school known by name from the sources, and what we know about it."""

    name_ko: str
    sigungu_code: str | None
    location_verified: bool
    is_meister: bool
    is_private: bool
    status: str
    fields: str
    sources: str
    confidence: str
    # The region was inferred (from the school's name, a neighbourhood), not stated.
    location_inferred: bool = False


@dataclass(frozen=True)
class Inputs:
    regions: dict[str, RegionInfo]
    pilot_office_names: frozenset[str]
    real_schools: list[RealSchoolRow]
    # (model_type, school name, source) of the 2025 Gyeonggi model schools.
    model_schools: list[tuple[str, str, str]]
    # (selection year, school name, field, source) of the Gyeonggi MoE agreement schools.
    moe_schools: list[tuple[int, str, str, str]]
    # The core (school_name_core) of every school name in the data files, current or not,
    # Gyeonggi or not: synthetic names must avoid all of them.
    known_school_cores: frozenset[str]
    ncs_codes: frozenset[str]
    ksic_codes: frozenset[str]


def normalise_school_name(name: str) -> str:
    """Drop "(가칭)" and blanks so a synthetic name is compared with the real one's core."""
    return re.sub(r"\(가칭\)|\s", "", name)


def school_name_core(name: str) -> str:
    """The distinctive part of a school name: 용인반도체과학고등학교 → 용인반도체.

    Synthetic names are kept apart from real ones by this core, so the demo never shows a
    near-twin of a real school (e.g. of the planned 용인반도체고).
    """
    return re.sub(r"고등학교$|과학|산업", "", normalise_school_name(name))


def _location_verified(city_basis: str, sigungu_code: str) -> bool:
    basis = city_basis.strip().lower()
    return bool(sigungu_code) and "guess" not in basis and basis != "unknown"


def _location_inferred(city_basis: str) -> bool:
    return city_basis.strip().lower().startswith("infer")


def _is_skipped(status: str) -> bool:
    # Historical rows (2008–2011 articles) may name schools that were renamed or closed, and
    # planned ones do not exist yet: neither is placed in the demo as a running school.
    return status.startswith("historical") or status.startswith("planned")


@cache
def load_inputs() -> Inputs:
    regions = {
        row["sigungu_code"]: RegionInfo(
            sigungu_code=row["sigungu_code"],
            name_ko=row["name_ko"],
            full_name_ko=row["full_name_ko"],
            name_en=row["name_en"],
            office_name=row["edu_office_ko"],
        )
        for row in read_csv("gyeonggi_regions.csv")
    }
    pilot_offices = frozenset(
        row["office_name_ko"]
        for row in read_csv("gyeonggi_edu_offices.csv")
        if row["leading_district_2025"] == "Y"
    )
    known: set[str] = set()
    real: list[RealSchoolRow] = []
    for row in read_csv("gyeonggi_vocational_schools.csv"):
        known.add(school_name_core(row["school_name_ko"]))
        if _is_skipped(row["status"]):
            continue
        verified = _location_verified(row["city_basis"], row["sigungu_code"])
        real.append(
            RealSchoolRow(
                name_ko=row["school_name_ko"],
                sigungu_code=row["sigungu_code"] if verified else None,
                location_verified=verified,
                location_inferred=verified
                and row["city_basis"].strip().lower().startswith("infer"),
                is_meister=row["school_type"].startswith("마이스터고"),
                is_private="사립" in row["fields_or_departments"],
                status=row["status"],
                fields=row["fields_or_departments"],
                sources=row["sources"],
                confidence=row["confidence"],
            )
        )
    model_schools = []
    for row in read_csv("gyeonggi_model_schools_2025.csv"):
        known.add(school_name_core(row["school_name_ko"]))
        model_schools.append((row["model_type"], row["school_name_ko"], row["source"]))
    moe_schools = []
    for row in read_csv("moe_agreement_schools.csv"):
        known.add(school_name_core(row["school_name_ko"]))
        if row["sido"] == "경기":
            moe_schools.append(
                (int(row["selection_year"]), row["school_name_ko"], row["field"], row["source"])
            )
    return Inputs(
        regions=regions,
        pilot_office_names=pilot_offices,
        real_schools=real,
        model_schools=model_schools,
        moe_schools=moe_schools,
        known_school_cores=frozenset(known),
        ncs_codes=frozenset(row["ncs_middle_code"] for row in read_csv("ncs_middle.csv")),
        ksic_codes=frozenset(row["division"] for row in read_csv("ksic_divisions.csv")),
    )
