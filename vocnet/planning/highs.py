"""A thin wrapper of HiGHS (``highspy``): pass the model's matrices once, then solve it as an
LP with changed bounds (warm-started from the previous basis) or as a MIP.

Only this module talks to the solver, so the rest of the package deals in numpy arrays."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

import highspy
import numpy as np
from numpy.typing import NDArray

from vocnet.planning.formulation import Model

INFINITY = highspy.kHighsInf


class Outcome(StrEnum):
    OPTIMAL = "optimal"
    LIMIT = "limit"  # stopped by the time limit (with or without a solution)
    INFEASIBLE = "infeasible"
    FAILED = "failed"


@dataclass(frozen=True)
class Solved:
    outcome: Outcome
    x: NDArray[np.float64] | None
    objective: float
    bound: float
    gap: float


def _column_wise(model: Model) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    order = np.lexsort((model.rows, model.cols))
    counts = np.bincount(model.cols, minlength=model.variable_count)
    start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return start, model.rows[order], model.values[order]


def _finite(values: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.clip(values, -INFINITY, INFINITY)


class Solver:
    """One HiGHS instance holding the model. :meth:`solve_lp` keeps the instance (and its
    basis) between calls, so an LP that differs only in bounds starts where the last ended."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._highs = self._new(integer=False)
        self._row_lower = _finite(model.row_lower)
        self._row_upper = _finite(model.row_upper)

    def _new(self, *, integer: bool) -> highspy.Highs:
        model = self.model
        lp = highspy.HighsLp()
        lp.num_col_ = model.variable_count
        lp.num_row_ = model.row_count
        lp.col_cost_ = model.cost
        lp.col_lower_ = _finite(model.lower)
        lp.col_upper_ = _finite(model.upper)
        lp.row_lower_ = _finite(model.row_lower)
        lp.row_upper_ = _finite(model.row_upper)
        start, index, value = _column_wise(model)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = model.variable_count
        lp.a_matrix_.num_row_ = model.row_count
        lp.a_matrix_.start_ = start
        lp.a_matrix_.index_ = index
        lp.a_matrix_.value_ = value
        if integer and model.integrality.any():
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                for flag in model.integrality
            ]
        highs = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy's stub has no hints
        highs.setOptionValue("output_flag", bool(os.environ.get("VOCNET_HIGHS_LOG")))
        highs.passModel(lp)
        return highs

    def solve_lp(
        self,
        *,
        lower: NDArray[np.float64],
        upper: NDArray[np.float64],
        row_lower: NDArray[np.float64],
        row_upper: NDArray[np.float64],
        time_limit: float,
    ) -> Solved:
        """The LP (integrality relaxed) under these bounds."""
        highs = self._highs
        columns = np.arange(self.model.variable_count, dtype=np.int32)
        highs.changeColsBounds(len(columns), columns, _finite(lower), _finite(upper))
        row_lower, row_upper = _finite(row_lower), _finite(row_upper)
        changed = np.flatnonzero((row_lower != self._row_lower) | (row_upper != self._row_upper))
        for row in changed:
            highs.changeRowBounds(int(row), float(row_lower[row]), float(row_upper[row]))
        self._row_lower, self._row_upper = row_lower, row_upper
        highs.setOptionValue("time_limit", float(time_limit))
        return self._run(highs, integer=False)

    def solve_mip(
        self,
        *,
        time_limit: float,
        mip_gap: float,
        start: NDArray[np.float64] | None = None,
    ) -> Solved:
        """The MIP under the model's own bounds; ``start`` is a feasible solution HiGHS
        begins from (its incumbent)."""
        highs = self._new(integer=True)
        highs.setOptionValue("time_limit", float(time_limit))
        highs.setOptionValue("mip_rel_gap", float(mip_gap))
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            highs.setSolution(solution)
        return self._run(highs, integer=bool(self.model.integrality.any()))

    def _run(self, highs: highspy.Highs, *, integer: bool) -> Solved:
        highs.run()
        status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == highspy.kSolutionStatusFeasible
        x = np.asarray(highs.getSolution().col_value, dtype=np.float64) if has_solution else None
        if status == highspy.HighsModelStatus.kOptimal:
            outcome = Outcome.OPTIMAL
        elif status == highspy.HighsModelStatus.kInfeasible:
            outcome = Outcome.INFEASIBLE
        elif status in (
            highspy.HighsModelStatus.kTimeLimit,
            highspy.HighsModelStatus.kIterationLimit,
            highspy.HighsModelStatus.kInterrupt,
        ):
            outcome = Outcome.LIMIT
        else:
            outcome = Outcome.FAILED
        objective = float(info.objective_function_value) if x is not None else float("inf")
        bound = float(info.mip_dual_bound) if integer else objective
        gap = float(info.mip_gap) if integer else 0.0
        return Solved(outcome, x, objective, bound, gap if np.isfinite(gap) else 1.0)


def solve_feasibility(model: Model, *, time_limit: float) -> Outcome:
    """Whether the model's integer program has a solution at all (for diagnosing
    infeasibility)."""
    return Solver(model).solve_mip(time_limit=time_limit, mip_gap=1.0).outcome
