"""The input snapshot of a clearinghouse run, its hash, and the pure run pipeline.

Pure: standard library and :mod:`vocnet.matching` only, never Django (a test checks it), so
a stored run can be replayed from its snapshot anywhere (``python -c`` on a laptop, the
benchmark, a test without a database).

A snapshot (format 1) is plain JSON whose order is part of the data::

    {"format": 1, "seed": 7, "lottery": null,
     "students": [["101", ["7", "3"]], ["102", ["3"]]],
     "placements": [["3", {"capacity": 2, "ranking": [["101", "102"]]}],
                    ["7", {"capacity": 1, "ranking": ["101"]}]]}

Students and placements are lists of ``[id, ...]`` pairs rather than objects because the
engine's lottery is drawn by shuffling the students *in instance order*, and PostgreSQL's
``jsonb`` does not keep the order of object keys; lists it keeps. Ids are ordered by
:func:`id_order` (numeric order for the decimal ids vocnet uses), members of a tie likewise,
so the same data gives the same bytes whatever order the database returned rows in. A
student's choices and a placement's ranking keep their own (meaningful) order.

The hash is the SHA-256 of the canonical form (:func:`canonical_bytes`): UTF-8 JSON with
sorted keys and no insignificant whitespace. Same snapshot → same hash → same result:
:func:`run_snapshot` is deterministic for a snapshot, because the seed (and, for a follow-up
round, the inherited lottery) is part of it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from vocnet.matching import (
    ENGINE_VERSION,
    Instance,
    MatchResult,
    MatchStatistics,
    Placement,
    RankingEntry,
    VerificationReport,
    compute_statistics,
    solve,
    verify,
)

SNAPSHOT_FORMAT = 1


class SnapshotError(ValueError):
    """A stored snapshot is not a format-1 snapshot; ``message_ko``/``message_en`` say why."""

    def __init__(self, message_ko: str, message_en: str) -> None:
        super().__init__(f"{message_ko} / {message_en}")
        self.code = "invalid_snapshot"
        self.message_ko = message_ko
        self.message_en = message_en


def id_order(identifier: str) -> tuple[int, str]:
    """Sort key of ids: shorter first, then by characters — numeric order for decimal ids."""
    return (len(identifier), identifier)


def build_snapshot(
    *,
    students: Mapping[str, Sequence[str]],
    placements: Mapping[str, tuple[int, Sequence[Sequence[str]]]],
    seed: int,
    lottery: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A format-1 snapshot in canonical order.

    ``students`` maps a student id to the placement ids it ranks, most wanted first.
    ``placements`` maps a placement id to ``(capacity, groups)``: ``groups`` is the ranking
    as a list of groups of equally ranked students, best group first (a group of one is a
    plain entry, a larger group a tie broken by the lottery). ``lottery`` is an inherited
    order of exactly the snapshot's students (a follow-up round), else None.
    """
    ranking_of: dict[str, list[RankingEntry]] = {}
    for placement_id, (_capacity, groups) in placements.items():
        entries: list[RankingEntry] = []
        for group in groups:
            members = sorted(group, key=id_order)
            if len(members) == 1:
                entries.append(members[0])
            elif members:
                entries.append(members)
        ranking_of[placement_id] = entries
    return {
        "format": SNAPSHOT_FORMAT,
        "seed": seed,
        "lottery": list(lottery) if lottery is not None else None,
        "students": [
            [student_id, list(students[student_id])]
            for student_id in sorted(students, key=id_order)
        ],
        "placements": [
            [
                placement_id,
                {"capacity": placements[placement_id][0], "ranking": ranking_of[placement_id]},
            ]
            for placement_id in sorted(placements, key=id_order)
        ],
    }


def canonical_bytes(snapshot: Mapping[str, Any]) -> bytes:
    """The canonical form: UTF-8 JSON, keys sorted, no whitespace, no NaN."""
    return json.dumps(
        snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of :func:`canonical_bytes`."""
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()


def instance_from_snapshot(snapshot: Mapping[str, Any]) -> Instance:
    """The engine's :class:`~vocnet.matching.Instance` of a snapshot, in its order.

    Raises :class:`SnapshotError` when the snapshot is not format 1 or its parts are not
    the lists described in the module docstring (the engine checks the rest: ids, capacities,
    repeats).
    """
    if not isinstance(snapshot, Mapping) or snapshot.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(
            "입력 스냅숏의 형식(format)이 1이 아닙니다.", "The snapshot's format is not 1."
        )
    try:
        students = {str(sid): list(choices) for sid, choices in snapshot["students"]}
        placements = {
            str(pid): Placement(capacity=data["capacity"], ranking=list(data["ranking"]))
            for pid, data in snapshot["placements"]
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise SnapshotError(
            "입력 스냅숏의 students·placements는 [id, 값] 쌍의 목록이어야 합니다.",
            "A snapshot's students and placements must be lists of [id, value] pairs.",
        ) from exc
    return Instance(students=students, placements=placements)


def result_json(result: MatchResult) -> dict[str, Any]:
    """A :class:`~vocnet.matching.MatchResult` as stored: assignment, seed, lottery, engine."""
    return {
        "assignment": dict(result.assignment),
        "seed": result.seed,
        "lottery": list(result.lottery) if result.lottery is not None else None,
        "engine_version": result.engine_version,
    }


def verification_json(report: VerificationReport) -> dict[str, Any]:
    """The stability proof as stored: ``verify``'s verdict and the first violation, if any."""
    violation = report.violation
    return {
        "checker": "vocnet.matching.verify",
        "is_stable": report.is_stable,
        "student_count": report.student_count,
        "matched_count": report.matched_count,
        "violation": None
        if violation is None
        else {
            "code": violation.code,
            "placement": violation.placement,
            "student": violation.student,
            "message_ko": violation.message_ko,
            "message_en": violation.message_en,
        },
    }


@dataclass
class RunOutcome:
    """What :func:`run_snapshot` computes: the result, its proof and figures, and timings."""

    instance: Instance
    result: MatchResult
    report: VerificationReport
    statistics: MatchStatistics
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def engine_version(self) -> str:
        return self.result.engine_version


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall time of the block, in seconds, to ``timings[stage]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - started, 6)


def run_snapshot(
    snapshot: Mapping[str, Any], timings: dict[str, float] | None = None
) -> RunOutcome:
    """Build the instance, solve it, verify the matching and compute its statistics.

    Deterministic: the seed and the inherited lottery come from the snapshot. ``timings``
    (if given) receives the seconds of the stages ``build``, ``solve``, ``verify``, ``stats``.
    Raises :class:`SnapshotError` or :class:`vocnet.matching.MatchingInputError`.
    """
    timings = {} if timings is None else timings
    with timed(timings, "build"):
        instance = instance_from_snapshot(snapshot)
    lottery = snapshot.get("lottery")
    with timed(timings, "solve"):
        result = solve(instance, seed=snapshot.get("seed"), lottery=lottery)
    with timed(timings, "verify"):
        report = verify(instance, result.assignment)
    with timed(timings, "stats"):
        statistics = compute_statistics(instance, result.assignment)
    return RunOutcome(instance, result, report, statistics, timings)


__all__ = [
    "ENGINE_VERSION",
    "SNAPSHOT_FORMAT",
    "RunOutcome",
    "SnapshotError",
    "build_snapshot",
    "canonical_bytes",
    "id_order",
    "instance_from_snapshot",
    "result_json",
    "run_snapshot",
    "snapshot_hash",
    "timed",
    "verification_json",
]
