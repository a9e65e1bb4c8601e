"""The errors of the planning package: a stable code plus a Korean and English message.

The package stays free of Django, so these mirror the shape of ``vocnet.core.errors.DomainError``
(code, ``message_ko``, ``message_en``, per-item problems) without importing it; the calling app
(``vocnet.demand``) maps them to its own domain errors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule of one item of the input (``subject`` names the department, school,
    region or parameter), or one reason a plan is impossible."""

    subject: str
    code: str
    message_ko: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "subject": self.subject,
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }


class PlanningError(Exception):
    """Base of the package's errors: ``code`` is stable and meant for programs."""

    code = "planning_error"

    def __init__(self, message_ko: str, message_en: str, problems: list[Problem] | None = None):
        super().__init__(message_ko, message_en)
        self.message_ko = message_ko
        self.message_en = message_en
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return f"[{self.code}] {self.message_ko} / {self.message_en}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "problems": [problem.as_dict() for problem in self.problems],
        }


class InvalidProblem(PlanningError):
    """The input breaks a rule of the model (negative intake, min above max, an asymmetric
    neighbour map, …); ``problems`` lists every one found."""

    code = "invalid_planning_problem"


class Infeasible(PlanningError):
    """No intake plan keeps every constraint; ``problems`` names the schools whose own
    constraints conflict and says how (the constraints of one school never involve another's,
    so each conflict is local to a school)."""

    code = "planning_infeasible"


class SolverFailed(PlanningError):
    """HiGHS stopped without a usable plan (time limit before a first feasible plan, or a
    numerical failure)."""

    code = "planning_solver_failed"
