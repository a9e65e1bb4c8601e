"""Weekly slots: when two overlap, and the pairwise check of a timetable.

Pure (standard library only), so the allocation, its proof and the services share one
definition of "overlap"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import time

Slot = tuple[int, time, time]
"""A weekly slot: weekday (0 = Monday), start, end (end after start)."""

WEEKDAY_KO = ("월", "화", "수", "목", "금", "토", "일")
WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def slots_overlap(first: Slot, second: Slot) -> bool:
    """Two weekly slots overlap when they are on the same weekday and their times intersect
    (a slot ending at 16:00 and one starting at 16:00 do not overlap)."""
    return first[0] == second[0] and first[1] < second[2] and second[1] < first[2]


def courses_overlap(first: Iterable[Slot], second: Iterable[Slot]) -> bool:
    """Whether any slot of one course overlaps any slot of the other."""
    others = list(second)
    return any(slots_overlap(a, b) for a in first for b in others)


def slot_text(slot: Slot) -> tuple[str, str]:
    """The slot in Korean and in English, e.g. ("화 16:00–18:00", "Tue 16:00–18:00")."""
    times = f"{slot[1]:%H:%M}–{slot[2]:%H:%M}"
    return f"{WEEKDAY_KO[slot[0]]} {times}", f"{WEEKDAY_EN[slot[0]]} {times}"


def overlapping_pairs(
    assigned: Mapping[int, Sequence[int]], course_slots: Mapping[int, Sequence[Slot]]
) -> list[tuple[int, int, int]]:
    """Every (student, course, course) where the student holds two overlapping courses;
    empty for a timetable without clashes. Checked pairwise, independently of the blocks."""
    clashes = []
    for student, courses in assigned.items():
        for i, first in enumerate(courses):
            for second in courses[i + 1 :]:
                if courses_overlap(course_slots[first], course_slots[second]):
                    clashes.append((student, first, second))
    return clashes
