"""Which NCS fields are related, for conversions and field matching (issue 17 §4).

Two NCS middle fields (중분류, four digits) are related when they share their major field
(대분류, the first two digits) — the grouping of the NCS classification itself (국가직무능력표준
분류체계, ncs.go.kr) — or when their major fields form a pair of ``data/ncs_related_majors.csv``.
Those pairs are **vocnet policy, not an official table**: no official relatedness table between
NCS major fields was found, so each row says so in its ``basis`` and every page that uses a
cross-major pair must say it rests on vocnet's policy.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ncs_related_majors.csv"


@dataclass(frozen=True)
class Relatedness:
    """Why two fields are related: ``official`` for the same NCS major, else vocnet policy."""

    official: bool
    basis_ko: str
    basis_en: str


SAME_MAJOR = Relatedness(
    official=True,
    basis_ko="같은 NCS 대분류(국가직무능력표준 분류체계)",
    basis_en="same NCS major field (the NCS classification)",
)


@cache
def related_major_pairs() -> dict[frozenset[str], str]:
    """Pairs of related major fields (vocnet policy) → their stated basis."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            frozenset((row["major_a"], row["major_b"])): row["basis"]
            for row in csv.DictReader(handle)
        }


def relatedness(field_a: str, field_b: str) -> Relatedness | None:
    """How two NCS middle fields are related, or None when they are not."""
    if field_a == field_b or field_a[:2] == field_b[:2]:
        return SAME_MAJOR
    basis = related_major_pairs().get(frozenset((field_a[:2], field_b[:2])))
    if basis is None:
        return None
    return Relatedness(
        official=False,
        basis_ko=f"vocnet 정책(공식 표 아님): {basis}",
        basis_en=f"vocnet policy (not an official table): {basis}",
    )


def are_related(field_a: str, field_b: str) -> bool:
    return relatedness(field_a, field_b) is not None
