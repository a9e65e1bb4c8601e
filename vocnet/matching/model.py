"""The data the matching package takes in and gives out: plain frozen dataclasses.

Ids are plain strings chosen by the caller (a NEIS student code, an offer's primary key, ...).
The containers are not copied: an ``Instance`` built from a parsed JSON file keeps the parsed
lists, which is what makes a 200,000-student run fit its time budget. Treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ENGINE_VERSION = "1.0.0"

RankingEntry = str | Sequence[str]
"""One step of a placement's ranking: a student id, or a group of ids the placement ties."""


@dataclass(frozen=True, slots=True)
class Placement:
    """A placement (현장실습 자리) with ``capacity`` seats and the students it accepts.

    ``ranking`` lists, best first, the students the placement finds acceptable. An entry that
    is a list or tuple of ids is a tie: the placement likes those students equally, and the
    clearinghouse's lottery orders them. A student who applied but is not in the ranking is
    unacceptable to the placement; ids of students who did not apply are ignored.
    """

    capacity: int
    ranking: Sequence[RankingEntry] = ()


@dataclass(frozen=True, slots=True)
class Instance:
    """A many-to-one matching problem (학생–현장실습 배치).

    ``students`` maps each student id to the placements that student applied to, most wanted
    first; a student never goes anywhere not on the list. ``placements`` maps each placement id
    to its capacity and ranking. :func:`vocnet.matching.validate_instance` states the rules a
    well-formed instance keeps; ``solve`` applies the same rules.
    """

    students: Mapping[str, Sequence[str]]
    placements: Mapping[str, Placement]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of a clearinghouse run.

    ``assignment`` has one key for every student: the placement id, or ``None`` when the
    student stays unmatched. ``seed`` and ``lottery`` record how ties were broken: ``lottery``
    is the single random order of all students (earlier wins a tie), ``None`` when the
    instance had no ties and no lottery was drawn. ``engine_version`` is
    :data:`ENGINE_VERSION` of the engine that produced it, so a stored run can be replayed.
    """

    assignment: dict[str, str | None]
    seed: int | None = None
    lottery: tuple[str, ...] | None = None
    engine_version: str = ENGINE_VERSION
