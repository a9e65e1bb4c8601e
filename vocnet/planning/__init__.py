"""The department-restructuring planner (issue 7): a pure mixed-integer model solved with HiGHS.

Plain frozen dataclasses in (:class:`PlanningProblem`) and out (:class:`PlanResult`); its own
errors (:class:`InvalidProblem`, :class:`Infeasible`, :class:`SolverFailed`); numpy and highspy
only — nothing under this package imports Django (an import contract in ``.importlinter``). The
calling app (``vocnet.demand``) turns ORM rows into a problem. See
docs/adr/0007-demand-and-planner.md.
"""

from vocnet.planning.errors import (
    Infeasible,
    InvalidProblem,
    PlanningError,
    Problem,
    SolverFailed,
)
from vocnet.planning.model import (
    Action,
    ConversionOption,
    Demand,
    Department,
    Effect,
    Labels,
    ModelSize,
    ObjectiveBreakdown,
    Parameters,
    PlanningProblem,
    PlanResult,
    PlanStatus,
    Recommendation,
    RegionFieldOutcome,
    TeacherCapacity,
)
from vocnet.planning.solver import plan

__all__ = [
    "Action",
    "ConversionOption",
    "Demand",
    "Department",
    "Effect",
    "Infeasible",
    "InvalidProblem",
    "Labels",
    "ModelSize",
    "ObjectiveBreakdown",
    "Parameters",
    "PlanResult",
    "PlanStatus",
    "PlanningError",
    "PlanningProblem",
    "Problem",
    "Recommendation",
    "RegionFieldOutcome",
    "SolverFailed",
    "TeacherCapacity",
    "plan",
]
