"""The allocation of a term (수강 배정): from a snapshot of courses and confirmed applications
to enrolments, on the clearinghouse's engine (:mod:`vocnet.matching`), with its proofs.

Pure: standard library and :mod:`vocnet.matching` only, never Django (the import contract and
the architecture test check it), so a stored run is replayed from its snapshot anywhere.

**No two overlapping courses.** Courses are grouped into time-slot blocks
(:func:`vocnet.courses.timetable.slot_blocks`): courses that overlap, directly or through a
chain, share a block, and courses of different blocks never overlap. Each student takes part
once per block, as the agent ``"<student>@<block>"`` whose list is the student's choices in
that block, in the student's order. Deferred acceptance gives every agent at most one course,
so a student gets at most one course per block, hence never two that overlap. Because blocks
share no course, the one run of the engine over all agents is the same as one run per block
(in block order), and each block's result is stable and student-optimal on its own.
:func:`overlapping_pairs` checks the final timetable pairwise anyway, and the run fails if it
ever finds a clash.

**Priorities** are data: a course ranks the agents who chose it by its list of criteria
(``host_school``: the host school's own students first; ``grade``: higher grade first;
``field_match``: a department in one of the course's NCS fields first), and agents equal on
all of them form a tie, broken by a single lottery of students drawn from the seed (one
number per student, shared by all of the student's agents).

**Eligibility** (grades, schools, departments, fields): an ineligible choice is left out of
the instance; :func:`prechecks` reports students left without an eligible choice and
courses whose eligible applicants cannot reach their minimum enrolment.

A snapshot (format 1) is JSON whose order is part of the data, hashed in canonical form::

    {"format": 1, "seed": 7,
     "courses": [["12", {"capacity": 20, "minimum": 5, "host_school": 3,
                         "fields": ["1501"], "priorities": ["host_school", "grade"],
                         "grades": [], "schools": [], "departments": [],
                         "eligible_fields": [], "slots": [[1, "16:00", "18:00"]]}], ...],
     "students": [["101", {"school": 3, "department": 9, "field": "1501", "grade": 2,
                           "choices": ["12", "15"]}], ...]}
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import time as clock
from typing import Any

from vocnet.courses.timetable import Slot, overlapping_pairs, slot_blocks
from vocnet.matching import (
    ENGINE_VERSION,
    Instance,
    Placement,
    RankingEntry,
    compute_statistics,
    solve,
    verify,
)

SNAPSHOT_FORMAT = 1
DEFAULT_PRIORITIES = ("host_school", "grade", "field_match")


def id_order(identifier: str) -> tuple[int, str]:
    """Numeric order for decimal ids."""
    return (len(identifier), identifier)


def canonical_bytes(snapshot: Mapping[str, Any]) -> bytes:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical form: same snapshot, same hash, same result."""
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()


def _slot(raw: Sequence[Any]) -> Slot:
    return (int(raw[0]), clock.fromisoformat(raw[1]), clock.fromisoformat(raw[2]))


def course_slots(snapshot: Mapping[str, Any]) -> dict[str, list[Slot]]:
    return {cid: [_slot(s) for s in data["slots"]] for cid, data in snapshot["courses"]}


def is_eligible(student: Mapping[str, Any], course: Mapping[str, Any]) -> bool:
    """Whether the student meets every eligibility list of the course (an empty list: all)."""
    return (
        (not course["grades"] or student["grade"] in course["grades"])
        and (not course["schools"] or student["school"] in course["schools"])
        and (not course["departments"] or student["department"] in course["departments"])
        and (not course["eligible_fields"] or student["field"] in course["eligible_fields"])
    )


def priority_key(student: Mapping[str, Any], course: Mapping[str, Any]) -> tuple[int, ...]:
    """The student's place in the course's priorities (smaller first), before the lottery."""
    key = []
    for code in course["priorities"] or DEFAULT_PRIORITIES:
        if code == "host_school":
            key.append(0 if student["school"] == course["host_school"] else 1)
        elif code == "grade":
            key.append(-int(student["grade"]))
        elif code == "field_match":
            key.append(0 if student["field"] in course["fields"] else 1)
    return tuple(key)


def student_lottery(student_ids: Sequence[str], seed: int) -> list[str]:
    """One random order of the students, drawn from ``seed`` (earlier wins a tie)."""
    order = sorted(student_ids, key=id_order)
    random.Random(seed).shuffle(order)
    return order


@dataclass(frozen=True)
class Prepared:
    instance: Instance
    lottery: list[str]
    blocks: dict[str, int]
    slots: dict[str, list[Slot]]


def agent(student: str, block: int) -> str:
    return f"{student}@{block}"


def prepare(snapshot: Mapping[str, Any]) -> Prepared:
    """The engine's instance of a snapshot: one agent per student and block, eligible
    choices only, courses ranking their agents by priorities with ties for the lottery."""
    courses = dict(snapshot["courses"])
    slots = course_slots(snapshot)
    blocks = slot_blocks(slots)
    lists: dict[str, list[str]] = {}
    applicants: dict[str, list[tuple[tuple[int, ...], str]]] = {cid: [] for cid in courses}
    agents_of: dict[str, list[str]] = {}
    for sid, student in snapshot["students"]:
        for cid in student["choices"]:
            course = courses.get(cid)
            if course is None or not is_eligible(student, course):
                continue
            name = agent(sid, blocks[cid])
            if name not in lists:
                lists[name] = []
                agents_of.setdefault(sid, []).append(name)
            lists[name].append(cid)
            applicants[cid].append((priority_key(student, course), name))
    placements: dict[str, Placement] = {}
    for cid, course in courses.items():
        ranked = sorted(applicants[cid])
        ranking: list[RankingEntry] = []
        index = 0
        while index < len(ranked):
            end = index
            while end < len(ranked) and ranked[end][0] == ranked[index][0]:
                end += 1
            group = [name for _, name in ranked[index:end]]
            ranking.append(group[0] if len(group) == 1 else group)
            index = end
        placements[cid] = Placement(capacity=int(course["capacity"]), ranking=ranking)
    lottery = [
        name
        for sid in student_lottery([sid for sid, _ in snapshot["students"]], snapshot["seed"])
        for name in agents_of.get(sid, ())
    ]
    return Prepared(Instance(students=lists, placements=placements), lottery, blocks, slots)


@dataclass
class Outcome:
    """What a run produced: per student the courses they got with their rank, the stability
    proof, the overlap proof, statistics and the timings of each stage."""

    enrolments: list[tuple[str, str, int]]  # (student, course, rank of the choice)
    stability: dict[str, Any]
    statistics: dict[str, Any]
    engine_version: str = ENGINE_VERSION
    timings: dict[str, float] = field(default_factory=dict)


class AllocationError(ValueError):
    """The run found a violation (unstable, or two overlapping courses): never confirmed."""

    def __init__(self, code: str, message_ko: str, message_en: str) -> None:
        super().__init__(f"{message_ko} / {message_en}")
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(time.perf_counter() - started, 6)


def run_allocation(snapshot: Mapping[str, Any], timings: dict[str, float] | None = None) -> Outcome:
    """Allocate a snapshot: solve on the engine, verify stability (independent checker),
    check that no student holds two overlapping courses.

    Raises :class:`AllocationError` (``unstable`` or ``overlap``) instead of returning a
    result that breaks either, and :class:`vocnet.matching.MatchingInputError` for an input
    the engine refuses."""
    timings = timings if timings is not None else {}
    with timed(timings, "prepare"):
        prepared = prepare(snapshot)
    with timed(timings, "engine"):
        result = solve(prepared.instance, seed=snapshot["seed"], lottery=prepared.lottery)
    with timed(timings, "verify"):
        report = verify(prepared.instance, result.assignment)
        held: dict[str, list[str]] = {}
        for name, cid in result.assignment.items():
            if cid is not None:
                held.setdefault(name.rsplit("@", 1)[0], []).append(cid)
        clashes = overlapping_pairs(held, prepared.slots)
    if not report.is_stable:
        violation = report.violation
        assert violation is not None
        raise AllocationError("unstable", violation.message_ko, violation.message_en)
    if clashes:
        student, first, second = clashes[0]
        raise AllocationError(
            "overlap",
            f"학생 {student}에게 시간이 겹치는 과목 {first}, {second}이(가) 배정되었습니다.",
            f"Student {student} was given overlapping courses {first} and {second}.",
        )
    choices = {sid: student["choices"] for sid, student in snapshot["students"]}
    enrolments = sorted(
        (
            (student, cid, choices[student].index(cid) + 1)
            for student, cids in held.items()
            for cid in cids
        ),
        key=lambda row: (id_order(row[0]), id_order(row[1])),
    )
    stats = compute_statistics(prepared.instance, result.assignment)
    return Outcome(
        enrolments=enrolments,
        stability={
            "is_stable": True,
            "agents": report.student_count,
            "matched_agents": report.matched_count,
            "overlapping_pairs": 0,
            "blocks": len(set(prepared.blocks.values())),
            "method": "one course per time-slot block (docs/adr/0026-courses.md)",
        },
        statistics={
            "students": len(snapshot["students"]),
            "students_with_a_course": len(held),
            "enrolments": len(enrolments),
            "first_choice": sum(1 for row in enrolments if row[2] == 1),
            "agents_matched": stats.matched_count,
            "agents_unmatched": stats.unmatched_count,
            "seats": stats.seat_count,
            "unfilled_seats": stats.unfilled_seat_count,
        },
        engine_version=result.engine_version,
        timings=timings,
    )


@dataclass(frozen=True)
class Prechecks:
    """Before a run: courses whose eligible applicants are fewer than their minimum
    enrolment, and students without one eligible choice."""

    under_minimum: list[tuple[str, int, int]]  # (course, eligible applicants, minimum)
    without_eligible_choice: list[str]

    @property
    def is_clear(self) -> bool:
        return not self.under_minimum and not self.without_eligible_choice


def prechecks(snapshot: Mapping[str, Any]) -> Prechecks:
    courses = dict(snapshot["courses"])
    counts = dict.fromkeys(courses, 0)
    without = []
    for sid, student in snapshot["students"]:
        eligible = [
            c for c in student["choices"] if c in courses and is_eligible(student, courses[c])
        ]
        for cid in eligible:
            counts[cid] += 1
        if not eligible:
            without.append(sid)
    under = [
        (cid, counts[cid], int(course["minimum"]))
        for cid, course in courses.items()
        if counts[cid] < int(course["minimum"])
    ]
    return Prechecks(under_minimum=under, without_eligible_choice=without)
