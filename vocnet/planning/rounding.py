"""From the LP relaxation's fractional intakes to whole places that keep every intake rule.

The relaxation's intakes are nearly right but fractional (a region's demand divided by the
graduates per place is rarely whole), and the binary "convert to one field" choices may be
split. ``round_plan`` picks each department's strongest conversion, rounds, and repairs
school by school — department bounds, teacher capacities, the school total — moving the
places whose rounding was most arbitrary first. The result is a starting plan (HiGHS's
incumbent), not a claim of optimality: the solver measures its gap against the bound.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from vocnet.planning.formulation import Conversion, Model
from vocnet.planning.model import Department, PlanningProblem
from vocnet.planning.validation import school_bounds


@dataclass
class _Place:
    """One department's rounded plan and its room to move."""

    index: int
    department: Department
    keep: int
    keep_lp: float
    conversion: Conversion | None = None
    converted: int = 0
    converted_lp: float = 0.0
    options: list[Conversion] = field(default_factory=list)
    keep_low: int = 0
    keep_high: int = 0
    frozen: bool = False  # held at today's intake by the limit on departments changed

    @property
    def total(self) -> int:
        return self.keep + self.converted

    @property
    def change_lp(self) -> float:
        """How far the relaxation moved this department (own field and converted)."""
        return abs(self.keep_lp - self.department.intake) + self.converted_lp

    @property
    def changes(self) -> bool:
        return self.keep != self.department.intake or self.converted > 0

    def freeze(self) -> None:
        self.keep, self.conversion, self.converted, self.frozen = (
            self.department.intake,
            None,
            0,
            True,
        )

    def can_lose(self) -> bool:
        return not self.frozen and self.keep > self.keep_low

    def can_gain(self) -> bool:
        return not self.frozen and self.keep < self.keep_high


def _teacher_load(places: list[_Place]) -> dict[str, int]:
    load: dict[str, int] = defaultdict(int)
    for place in places:
        load[place.department.field] += place.keep
        if place.conversion is not None:
            load[place.conversion.option.field] += place.converted
    return load


def _teacher_candidates(
    places: list[_Place], field_code: str, least: int
) -> list[tuple[float, _Place, bool]]:
    """Places that can give back one place of ``field_code`` without breaking a department's
    floor or leaving a conversion under ``least``: (rounded up by, place, is a conversion)."""
    candidates: list[tuple[float, _Place, bool]] = []
    for p in places:
        if p.total <= p.department.min_intake or p.frozen:
            continue
        if p.department.field == field_code and p.can_lose():
            candidates.append((p.keep - p.keep_lp, p, False))
        if (
            p.conversion is not None
            and p.conversion.option.field == field_code
            and (p.converted - 1 >= least or p.converted == 1)
        ):
            candidates.append((p.converted - p.converted_lp, p, True))
    return candidates


def _limit_changed(places: list[_Place], limit: int | None) -> None:
    """Hold all but the ``limit`` departments the relaxation moved most at today's intake."""
    if limit is None:
        return
    moving = sorted(
        (p for p in places if p.changes),
        key=lambda p: (-p.change_lp, p.index),
    )
    for place in moving[limit:]:
        place.freeze()
    if len(moving) >= limit:
        # The repair below must not start changing a department the limit has no room for.
        for place in places:
            if not place.changes:
                place.freeze()


def _repair_school(
    places: list[_Place], capacity: dict[str, int], low: float, high: float, least: int
) -> bool:
    # Department bounds: move the own-field intake first (within one year's change).
    for place in places:
        department = place.department
        if place.total > department.max_intake:
            place.keep = max(place.keep_low, place.keep - (place.total - department.max_intake))
            place.converted = min(place.converted, department.max_intake - place.keep)
        if place.total < department.min_intake:
            place.keep = min(place.keep_high, place.keep + department.min_intake - place.total)
    # Teacher capacity per field: take back the places rounded up the most, own-field or
    # converted.
    load = _teacher_load(places)
    for field_code, limit in capacity.items():
        excess = load.get(field_code, 0) - limit
        while excess > 0:
            candidates = _teacher_candidates(places, field_code, least)
            if not candidates:
                return False
            _, chosen, converted = max(candidates, key=lambda item: item[0])
            if converted:
                chosen.converted -= 1
            else:
                chosen.keep -= 1
            excess -= 1
    # School total: add where rounding lost most, remove where it gained most.
    total = sum(p.total for p in places)
    load = _teacher_load(places)
    while total > high:
        movable = [p for p in places if p.can_lose() and p.total > p.department.min_intake]
        if not movable:
            return False
        chosen = max(movable, key=lambda p: p.keep - p.keep_lp)
        chosen.keep -= 1
        load[chosen.department.field] -= 1
        total -= 1
    while total < low:
        growable = [
            p
            for p in places
            if p.can_gain()
            and p.total < p.department.max_intake
            and load.get(p.department.field, 0) < capacity.get(p.department.field, math.inf)
        ]
        if not growable:
            return False
        chosen = max(growable, key=lambda p: p.keep_lp - p.keep)
        chosen.keep += 1
        load[chosen.department.field] += 1
        total += 1
    for place in places:
        if place.conversion is not None and 0 < place.converted < least:
            return False
    return True


def round_plan(
    problem: PlanningProblem, model: Model, relaxed: NDArray[np.float64]
) -> NDArray[np.float64] | None:
    """A vector whose integer columns hold a whole-place plan keeping every intake rule
    (other columns are left as in ``relaxed``), or None when the repair fails.

    A department's conversion split by the relaxation between fields is first pooled into
    the field that got the most; if that plan cannot be repaired, only that field's share
    is kept."""
    for pool in (True, False):
        assignment = _round(problem, model, relaxed, pool=pool)
        if assignment is not None:
            return assignment
    return None


def _round(
    problem: PlanningProblem, model: Model, relaxed: NDArray[np.float64], *, pool: bool
) -> NDArray[np.float64] | None:
    parameters = problem.parameters
    options: dict[int, list[Conversion]] = defaultdict(list)
    for conversion in model.conversions:
        options[conversion.department].append(conversion)
    by_school: dict[str, list[_Place]] = defaultdict(list)
    for index, department in enumerate(problem.departments):
        keep_lp = float(relaxed[model.keep[index]])
        column = model.keep[index]
        place = _Place(
            index,
            department,
            round(keep_lp),
            keep_lp,
            options=options[index],
            keep_low=int(model.lower[column]),
            keep_high=int(model.upper[column]),
        )
        if place.options:
            # The relaxation may split a department's conversion between fields; the whole
            # of it goes to the field that got the most.
            best = max(place.options, key=lambda c: float(relaxed[c.places]))
            value = (
                sum(float(relaxed[c.places]) for c in place.options)
                if pool
                else float(relaxed[best.places])
            )
            if value >= max(0.5, parameters.min_conversion / 2):
                place.conversion = best
                place.converted_lp = value
                place.converted = max(round(value), parameters.min_conversion)
                place.converted = min(place.converted, int(model.upper[best.places]))
        by_school[department.school].append(place)

    capacity: dict[str, dict[str, int]] = defaultdict(dict)
    for teacher in problem.teachers:
        capacity[teacher.school][teacher.field] = teacher.max_intake
    assignment = relaxed.copy()
    for school, places in by_school.items():
        low, high = school_bounds(sum(p.department.intake for p in places), parameters.total_change)
        _limit_changed(places, parameters.max_changed_departments)
        if not _repair_school(places, capacity[school], low, high, parameters.min_conversion):
            return None
        for place in places:
            assignment[model.keep[place.index]] = place.keep
            assignment[model.added[place.index]] = max(place.keep - place.department.intake, 0)
            assignment[model.removed[place.index]] = max(place.department.intake - place.keep, 0)
            for conversion in place.options:
                chosen = conversion is place.conversion and place.converted > 0
                assignment[conversion.places] = place.converted if chosen else 0
                if conversion.chosen >= 0:
                    assignment[conversion.chosen] = 1 if chosen else 0
            flag = model.changed.get(place.index)
            if flag is not None:
                assignment[flag] = 1 if place.changes else 0
    if not _keeps_intake_rows(model, assignment):
        return None
    return assignment


def _keeps_intake_rows(model: Model, x: NDArray[np.float64]) -> bool:
    """Whether ``x`` keeps the intake rows and the bounds of the integer columns."""
    integer = np.flatnonzero(model.integrality)
    if np.any(x[integer] < model.lower[integer] - 1e-9) or np.any(
        x[integer] > model.upper[integer] + 1e-9
    ):
        return False
    mask = model.rows < model.intake_rows
    activity = np.zeros(model.intake_rows)
    np.add.at(activity, model.rows[mask], model.values[mask] * x[model.cols[mask]])
    return bool(
        np.all(activity >= model.row_lower[: model.intake_rows] - 1e-6)
        and np.all(activity <= model.row_upper[: model.intake_rows] + 1e-6)
    )
