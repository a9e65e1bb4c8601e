"""Weekly slots: when two overlap, and the time-slot blocks of the allocation.

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


def slot_blocks(course_slots: Mapping[str, Sequence[Slot]]) -> dict[str, int]:
    """The time-slot block (시간 블록) of every course.

    Courses whose slots overlap, directly or through a chain of overlapping courses, share a
    block; so two courses of different blocks never overlap. Blocks are numbered from 0 in
    the order of their earliest slot (weekday, start), then of the smallest course id, so the
    numbering is the same on every run. The allocation gives a student at most one course per
    block, which is how it guarantees that no student gets two overlapping courses
    (docs/adr/0026-courses.md)."""
    parent = {course: course for course in course_slots}

    def find(course: str) -> str:
        while parent[course] != course:
            parent[course] = parent[parent[course]]
            course = parent[course]
        return course

    # Per weekday, slots sorted by start: a slot that starts before the running group's
    # latest end overlaps some slot of the group's chain, so it joins the group.
    by_day: dict[int, list[tuple[time, time, str]]] = {}
    for course, slots in course_slots.items():
        for weekday, start, end in slots:
            by_day.setdefault(weekday, []).append((start, end, course))
    for entries in by_day.values():
        entries.sort()
        group_end: time | None = None
        group_course = ""
        for start, end, course in entries:
            if group_end is not None and start < group_end:
                parent[find(course)] = find(group_course)
                group_end = max(group_end, end)
            else:
                group_end, group_course = end, course
    first_of: dict[str, tuple[tuple[int, time], tuple[int, str]]] = {}
    for course, slots in course_slots.items():
        root = find(course)
        first = min(((s[0], s[1]) for s in slots), default=(7, time(0)))
        key = (first, (len(course), course))
        if root not in first_of or key < first_of[root]:
            first_of[root] = key
    number = {root: index for index, root in enumerate(sorted(first_of, key=first_of.__getitem__))}
    return {course: number[find(course)] for course in course_slots}


def overlapping_pairs(
    assigned: Mapping[str, Sequence[str]], course_slots: Mapping[str, Sequence[Slot]]
) -> list[tuple[str, str, str]]:
    """Every (student, course, course) where the student holds two overlapping courses;
    empty for a timetable without clashes. Checked pairwise, independently of the blocks."""
    clashes = []
    for student, courses in assigned.items():
        for i, first in enumerate(courses):
            for second in courses[i + 1 :]:
                if courses_overlap(course_slots[first], course_slots[second]):
                    clashes.append((student, first, second))
    return clashes
