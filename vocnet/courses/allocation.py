"""The allocation of a term (수강 배정): from a snapshot of courses and confirmed applications
to enrolments, on the clearinghouse's engine (:mod:`vocnet.matching`), with its proofs.

Pure: standard library, numpy and :mod:`vocnet.matching` only, never Django (the import
contract and the architecture test check it), so a stored run is replayed from its snapshot
anywhere.

**Rounds, one course per student per round; no two overlapping courses.** A term lets a
student take up to ``max_courses`` courses. The allocation runs that many rounds of
student-proposing deferred acceptance (:func:`vocnet.matching.solve`), in order. In each
round a student who still may take a course proposes down their list of choices *that are
still possible*: not already theirs, not overlapping (:func:`timetable.courses_overlap`) any
course they already hold, with a seat left. Deferred acceptance gives every student at most
one course per round, and a course that overlaps one the student holds is never on their
list, so no student ever holds two overlapping courses. Each round's result is stable and
student-optimal for the students and seats it involves (its matching is verified by
:func:`vocnet.matching.verify`, written independently of the engine); earlier rounds are final,
as in the engine's follow-up round. :func:`timetable.overlapping_pairs` then checks the whole
timetable pairwise, and the run fails rather than return a clash.

**Priorities** are data: a course ranks its applicants by its list of criteria
(``host_school``: the host school's own students first; ``grade``: higher grade first;
``field_match``: a department in one of the course's NCS fields first); applicants equal on
all of them are ordered by one lottery of all students drawn from the seed (single
tie-breaking, the clearinghouse's rule: one number per student, used by every course in every
round).

**Eligibility** (grades, schools, departments, fields): an ineligible choice is left out;
:func:`prechecks` reports students left without an eligible choice and courses whose eligible
applicants cannot reach their minimum enrolment.

A snapshot (format 1) is JSON whose order is part of the data, hashed in canonical form::

    {"format": 1, "seed": 7, "max_courses": 2,
     "courses": [[12, {"capacity": 20, "minimum": 5, "host_school": 3,
                       "fields": ["1501"], "priorities": ["host_school", "grade"],
                       "grades": [], "schools": [], "departments": [],
                       "eligible_fields": [], "slots": [[1, "16:00", "18:00"]]}], ...],
     "students": [[101, 3, 9, "1501", 2, [12, 15]], ...]}

a student being ``[id, school, department, NCS field of the department, grade, choices]``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import time as clock
from itertools import chain
from typing import Any

import numpy as np

from vocnet.courses.timetable import Slot, courses_overlap, overlapping_pairs
from vocnet.matching import ENGINE_VERSION, Instance, Placement, solve, verify

SNAPSHOT_FORMAT = 1
DEFAULT_PRIORITIES = ("host_school", "grade", "field_match")


def canonical_bytes(snapshot: Mapping[str, Any]) -> bytes:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical form: same snapshot, same hash, same result."""
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()


def _slot(raw: Sequence[Any]) -> Slot:
    return (int(raw[0]), clock.fromisoformat(raw[1]), clock.fromisoformat(raw[2]))


def course_slots(snapshot: Mapping[str, Any]) -> dict[int, list[Slot]]:
    return {cid: [_slot(s) for s in data["slots"]] for cid, data in snapshot["courses"]}


def is_eligible(
    school: int, department: int, field_code: str, grade: int, course: Mapping[str, Any]
) -> bool:
    """Whether a student meets every eligibility list of the course (an empty list: all)."""
    return (
        (not course["grades"] or grade in course["grades"])
        and (not course["schools"] or school in course["schools"])
        and (not course["departments"] or department in course["departments"])
        and (not course["eligible_fields"] or field_code in course["eligible_fields"])
    )


def student_lottery(student_ids: Sequence[int], seed: int) -> dict[int, int]:
    """Each student's lottery number (0 = first), one random order drawn from ``seed``."""
    order = sorted(student_ids)
    random.Random(seed).shuffle(order)
    return {student: place for place, student in enumerate(order)}


@dataclass
class Outcome:
    """What a run produced: the enrolments ``(student, course, rank of the choice, round)``,
    the stability and overlap proofs, statistics, the engine's version and stage timings."""

    enrolments: list[tuple[int, int, int, int]]
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
    """Add the wall time of the block to ``timings[stage]`` and this process's CPU time to
    ``timings[stage + "_cpu"]`` (on a shared machine the two differ by the waiting)."""
    started = time.perf_counter()
    cpu = time.process_time()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - started, 6)
        cpu_key = f"{stage}_cpu"
        timings[cpu_key] = round(timings.get(cpu_key, 0.0) + time.process_time() - cpu, 6)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that makes millions of small objects
    (snapshot rows, rankings) and no reference cycles: otherwise the collector walks them all
    again and again and finds nothing — measured at 60,000 applications, a fifth of the run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _Market:
    lists: dict[int, list[int]]  # student → eligible choices, in order
    choices: dict[int, list[int]]  # student → every choice as ranked (for the rank given)
    rankings: dict[int, list[str]]  # course → its applicants, best first (str ids)
    capacity: dict[int, int]
    slots: dict[int, list[Slot]]
    names: dict[int, str]  # student → the engine's id of the student


def _weights(codes: Sequence[str]) -> tuple[int, int, int]:
    """The weights of (host school, grade, field match) in a course's key: its priorities as
    digits in base 4, the first the most significant; a criterion not listed weighs 0."""
    weight = {code: 4 ** (len(codes) - 1 - place) for place, code in enumerate(codes)}
    return weight.get("host_school", 0), weight.get("grade", 0), weight.get("field_match", 0)


def _market(snapshot: Mapping[str, Any]) -> _Market:
    """Each student's eligible choices and each course's ranking of its applicants.

    A course ranks its applicants by one integer each: its priorities in base 4, each
    component 0–2 and smaller first (host_school: 0 for the host school's students; grade:
    3 - grade, so higher grades first; field_match: 0 for a department in one of the course's
    fields), times the number of students, plus the lottery number — unique per applicant, so
    one array sort orders every course at once and the number gives the student back. Done
    on arrays: at 300,000 choices a Python loop over them was most of the preparation."""
    courses: dict[int, Mapping[str, Any]] = dict(snapshot["courses"])
    rows = snapshot["students"]
    lottery = student_lottery([row[0] for row in rows], snapshot["seed"])
    spread = len(lottery) + 1
    names = {row[0]: str(row[0]) for row in rows}
    course_ids = sorted(courses)
    field_codes: dict[Any, int] = {}
    for cid in course_ids:
        for code in courses[cid]["fields"]:
            field_codes.setdefault(code, len(field_codes))
    student_field = np.fromiter(
        (field_codes.setdefault(row[3], len(field_codes)) for row in rows), np.int64, len(rows)
    )
    width = len(field_codes) + 1
    pairs = [
        position * width + field_codes[code]
        for position, cid in enumerate(course_ids)
        for code in courses[cid]["fields"]
    ]
    host = np.array([courses[cid]["host_school"] for cid in course_ids], dtype=np.int64)
    weights = np.array(
        [_weights(tuple(courses[cid]["priorities"] or DEFAULT_PRIORITIES)) for cid in course_ids],
        dtype=np.int64,
    ).reshape(-1, 3)
    restricted = np.array(
        [
            bool(c["grades"] or c["schools"] or c["departments"] or c["eligible_fields"])
            for c in (courses[cid] for cid in course_ids)
        ],
        dtype=bool,
    )
    counts = np.fromiter((len(row[5]) for row in rows), np.int64, len(rows))
    flat = np.fromiter(chain.from_iterable(row[5] for row in rows), np.int64, int(counts.sum()))
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    school = np.fromiter((row[1] for row in rows), np.int64, len(rows))
    grade = np.fromiter((row[4] for row in rows), np.int64, len(rows))
    number = np.fromiter((lottery[row[0]] for row in rows), np.int64, len(rows))
    sorted_ids = np.array(course_ids, dtype=np.int64)
    at = np.minimum(np.searchsorted(sorted_ids, flat), max(len(course_ids) - 1, 0))
    keep = sorted_ids[at] == flat if course_ids else np.zeros(len(flat), dtype=bool)
    # Eligibility lists are rare: checked one pair at a time.
    for index in np.flatnonzero(keep & restricted[at]).tolist():
        row = rows[owner[index]]
        if not is_eligible(row[1], row[2], row[3], row[4], courses[int(flat[index])]):
            keep[index] = False
    who, where = owner[keep], at[keep]
    in_field = np.isin(where * width + student_field[who], np.array(pairs, dtype=np.int64))
    key = (
        weights[where, 0] * (school[who] != host[where])
        + weights[where, 1] * (3 - grade[who])
        + weights[where, 2] * ~in_field
    )
    order = np.lexsort((key * spread + number[who], where))
    name_of_number = np.empty(spread, dtype=object)
    name_of_number[number] = [names[row[0]] for row in rows]
    ranked = name_of_number[number[who][order]].tolist()
    bounds = np.searchsorted(where[order], np.arange(len(course_ids) + 1)).tolist()
    rankings = {
        cid: ranked[bounds[position] : bounds[position + 1]]
        for position, cid in enumerate(course_ids)
    }
    lists: dict[int, list[int]] = {}
    choices_of: dict[int, list[int]] = {}
    dropped = set(owner[~keep].tolist())
    starts = np.concatenate(([0], np.cumsum(counts))).tolist()
    for index, row in enumerate(rows):
        kept = row[5]
        if index in dropped:
            part = slice(starts[index], starts[index + 1])
            kept = flat[part][keep[part]].tolist()
        if kept:
            lists[row[0]] = kept
            choices_of[row[0]] = row[5]
    return _Market(
        lists=lists,
        choices=choices_of,
        rankings=rankings,
        capacity={cid: int(c["capacity"]) for cid, c in courses.items()},
        slots=course_slots(snapshot),
        names=names,
    )


def run_allocation(snapshot: Mapping[str, Any], timings: dict[str, float] | None = None) -> Outcome:
    """Allocate a snapshot in ``max_courses`` rounds on the engine, verify each round's
    stability (independent checker) and the whole timetable for overlaps.

    Raises :class:`AllocationError` (``unstable`` or ``overlap``) instead of returning a
    result that breaks either, and :class:`vocnet.matching.MatchingInputError` for an input
    the engine refuses."""
    timings = timings if timings is not None else {}
    with timed(timings, "prepare"):
        market = _market(snapshot)
    seats = dict(market.capacity)
    held: dict[int, list[int]] = {}
    enrolments: list[tuple[int, int, int, int]] = []
    rounds: list[dict[str, int]] = []
    clash_cache: dict[tuple[int, int], bool] = {}

    def clashes(first: int, second: int) -> bool:
        pair = (first, second) if first < second else (second, first)
        if pair not in clash_cache:
            clash_cache[pair] = courses_overlap(market.slots[pair[0]], market.slots[pair[1]])
        return clash_cache[pair]

    names = {cid: str(cid) for cid in market.capacity}
    for number in range(1, int(snapshot.get("max_courses", 1)) + 1):
        with timed(timings, "prepare"):
            students: dict[str, list[str]] = {}
            for sid, choices in market.lists.items():
                mine = held.get(sid, ())
                # A student left without a course in an earlier round found every choice full
                # of students ahead of them; seats never come back, so they are done.
                if len(mine) != number - 1:
                    continue
                if mine:
                    possible = [
                        names[cid]
                        for cid in choices
                        if seats[cid] > 0
                        and cid not in mine
                        and not any(clashes(cid, other) for other in mine)
                    ]
                else:
                    possible = [names[cid] for cid in choices if seats[cid] > 0]
                if possible:
                    students[market.names[sid]] = possible
            if not students:
                break
            placements = {
                str(cid): Placement(capacity=left, ranking=market.rankings[cid])
                for cid, left in seats.items()
                if left > 0
            }
            instance = Instance(students=students, placements=placements)
        with timed(timings, "engine"):
            result = solve(instance, seed=snapshot["seed"])
        with timed(timings, "verify"):
            report = verify(instance, result.assignment)
        if not report.is_stable:
            violation = report.violation
            assert violation is not None
            raise AllocationError("unstable", violation.message_ko, violation.message_en)
        placed = 0
        for student, course in result.assignment.items():
            if course is None:
                continue
            sid, cid = int(student), int(course)
            held.setdefault(sid, []).append(cid)
            seats[cid] -= 1
            # The rank the student gave the course (ineligible choices count too).
            enrolments.append((sid, cid, market.choices[sid].index(cid) + 1, number))
            placed += 1
        rounds.append({"round": number, "students": len(students), "placed": placed})
    with timed(timings, "verify"):
        found = overlapping_pairs(held, market.slots)
    if found:
        who, first, second = found[0]
        raise AllocationError(
            "overlap",
            f"학생 {who}에게 시간이 겹치는 두 과목이 배정되었습니다: {first}, {second}.",
            f"Student {who} was given overlapping courses {first} and {second}.",
        )
    enrolments.sort()
    return Outcome(
        enrolments=enrolments,
        stability={
            "is_stable": True,
            "rounds": rounds,
            "overlapping_pairs": 0,
            "method": "one course per student per round, overlapping choices dropped "
            "(docs/adr/0026-courses.md)",
        },
        statistics={
            "students": len(snapshot["students"]),
            "students_with_a_course": len(held),
            "enrolments": len(enrolments),
            "first_choice": sum(1 for row in enrolments if row[2] == 1),
            "seats": sum(market.capacity.values()),
        },
        timings=timings,
    )


@dataclass(frozen=True)
class Prechecks:
    """Before a run: courses whose eligible applicants are fewer than their minimum
    enrolment, and students without one eligible choice."""

    under_minimum: list[tuple[int, int, int]]  # (course, eligible applicants, minimum)
    without_eligible_choice: list[int]

    @property
    def is_clear(self) -> bool:
        return not self.under_minimum and not self.without_eligible_choice


def prechecks(snapshot: Mapping[str, Any]) -> Prechecks:
    courses = dict(snapshot["courses"])
    counts = dict.fromkeys(courses, 0)
    without = []
    for sid, school, department, field_code, grade, choices in snapshot["students"]:
        eligible = [
            c
            for c in choices
            if c in courses and is_eligible(school, department, field_code, grade, courses[c])
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
