"""What the planner takes in and gives out: plain frozen dataclasses.

Ids (departments, schools), region codes and field codes are strings chosen by the caller
(``vocnet.demand`` uses primary keys, 시군구 codes and NCS middle codes). The supply model,
stated once here and in ``docs/adr/0007-demand-and-planner.md``:

    graduates available for work in a year = intake × retention × labour_market_share

where ``retention`` is the share of an entering cohort that graduates three years later and
``labour_market_share`` the share of graduates who look for work rather than go on to study.
An intake decided now graduates three years later, so the planner compares the yearly output
of the *new* intake with the demand of ``demand`` as if that demand persisted (steady state);
the caller says which years of demand it passes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class ConversionOption:
    """A field a department may convert part or all of its intake to (학과 개편·전환).

    ``cost_per_place`` is the one-off cost of converting one intake place and ``fixed_cost``
    the one-off cost of starting the conversion at all (equipment, curriculum, retraining), in
    the caller's cost unit (``Labels.cost_unit``)."""

    field: str
    cost_per_place: float = 0.0
    fixed_cost: float = 0.0


@dataclass(frozen=True)
class Department:
    """A department (학과) of a school: its field and yearly intake (입학 정원).

    After the plan the department's total intake (own field plus any converted part) lies in
    ``[min_intake, max_intake]``. A department converts to at most one of ``conversions``.
    ``max_change`` (places, or None for no limit) bounds one year's change: the own-field
    intake moves by at most that many places and at most that many are converted."""

    id: str
    school: str
    region: str
    field: str
    intake: int
    min_intake: int
    max_intake: int
    conversions: tuple[ConversionOption, ...] = ()
    name: str = ""
    school_name: str = ""
    max_change: int | None = None


@dataclass(frozen=True)
class TeacherCapacity:
    """The largest yearly intake of ``field`` the teachers of ``school`` can teach (own
    departments of the field plus places converted to it). A (school, field) pair without a
    capacity is not limited."""

    school: str
    field: str
    max_intake: int


@dataclass(frozen=True)
class Demand:
    """Workforce demand: people of ``field`` wanted in ``region`` in ``year``. Several entries
    for the same (region, field, year) add up."""

    region: str
    field: str
    year: int
    headcount: float


@dataclass(frozen=True)
class Parameters:
    """Weights and limits of the model.

    * ``total_change``: each school's total intake stays within ±this share of today's
      (0.1 = ±10 %); ``None`` leaves school totals free.
    * ``unmet_weight`` / ``surplus_weight``: cost of one person of unmet demand / of surplus
      graduates in one year; ``field_weights`` multiplies the unmet weight of a field
      (priority industries), default 1.
    * ``conversion_cost_weight``: objective units per cost unit of conversion.
    * ``change_weight``: cost per intake place changed (keeps plans from churning).
    * ``neighbour_weight``: cost per graduate who works in a neighbouring region rather than
      their school's own (prefers local jobs; breaks ties).
    * ``retention``, ``labour_market_share``: the supply model above.
    * ``min_conversion``: a conversion moves at least this many places (or all the
      department may move, if fewer).
    * ``max_changed_departments``: at most this many departments of one school change
      (grow, shrink or convert) in the plan; ``None`` leaves the number free.
    * ``time_limit`` (seconds) and ``mip_gap`` bound the search: a plan is accepted once it
      is provably within ``mip_gap`` (relative, 1 % by default — declared demand is far less
      certain than that) of the best possible objective; ``mip_gap=0`` asks for the proven
      optimum.
    * ``limited_gap``: the gap accepted instead of ``mip_gap`` when ``max_changed_departments``
      binds (the bound of such a limit is weak; see ``search``); the plan's proven gap is
      reported either way.
    """

    total_change: float | None = 0.1
    unmet_weight: float = 1.0
    surplus_weight: float = 0.5
    conversion_cost_weight: float = 0.01
    change_weight: float = 0.01
    neighbour_weight: float = 0.01
    retention: float = 0.91
    labour_market_share: float = 0.5
    min_conversion: int = 0
    max_changed_departments: int | None = None
    field_weights: Mapping[str, float] = field(default_factory=dict)
    time_limit: float = 30.0
    mip_gap: float = 0.01
    limited_gap: float = 0.1

    @property
    def graduates_per_place(self) -> float:
        """Graduates available for work per intake place: retention × labour-market share."""
        return self.retention * self.labour_market_share


@dataclass(frozen=True)
class Labels:
    """Names for the explanation sentences: code → (Korean, English). Codes without a name
    are written as they are."""

    regions: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    fields: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    cost_unit: tuple[str, str] = ("", "")

    def region(self, code: str) -> tuple[str, str]:
        return self.regions.get(code, (code, code))

    def field_name(self, code: str) -> tuple[str, str]:
        """``자동차(1506)`` / ``Automobiles (1506)``, or the bare code without a name."""
        if code not in self.fields:
            return code, code
        ko, en = self.fields[code]
        return f"{ko}({code})", f"{en} ({code})"


@dataclass(frozen=True)
class PlanningProblem:
    """One instance: departments, demand, the neighbour map and the parameters.

    ``neighbours`` maps a region to the regions next to it and must be symmetric; a region it
    does not list has no neighbours. A school's graduates serve its own region and the regions
    next to it."""

    departments: tuple[Department, ...]
    demand: tuple[Demand, ...]
    neighbours: Mapping[str, frozenset[str]]
    teachers: tuple[TeacherCapacity, ...] = ()
    parameters: Parameters = field(default_factory=Parameters)
    labels: Labels = field(default_factory=Labels)


# Results ----------------------------------------------------------------------------------


class Action(StrEnum):
    GROW = "grow"
    SHRINK = "shrink"
    CONVERT = "convert"
    KEEP = "keep"


@dataclass(frozen=True)
class Effect:
    """How a department's field fares in its neighbourhood (its region and the regions next
    to it), per year on average over the demand years: before and after the plan."""

    field: str
    regions: tuple[str, ...]
    unmet_before: float
    unmet_after: float
    surplus_before: float
    surplus_after: float


@dataclass(frozen=True)
class Recommendation:
    """What to do with one department, and why in one sentence (Korean and English).

    ``new_intake`` is the intake left in the department's own field; ``converted_intake``
    places move to ``converted_field``. ``graduates_change`` is the change of graduates
    available for work per year in the department's own field."""

    department: str
    school: str
    region: str
    field: str
    action: Action
    current_intake: int
    new_intake: int
    converted_field: str | None
    converted_intake: int
    conversion_cost: float
    graduates_change: float
    effects: tuple[Effect, ...]
    explanation_ko: str
    explanation_en: str

    @property
    def total_intake(self) -> int:
        return self.new_intake + self.converted_intake


@dataclass(frozen=True)
class ObjectiveBreakdown:
    """The objective and its parts: raw quantities summed over the demand years and their
    weighted contributions (``total`` is the sum of the weighted parts)."""

    unmet: float
    surplus: float
    conversion_cost: float
    changed_places: float
    cross_border: float
    weighted_unmet: float
    weighted_surplus: float
    weighted_conversion: float
    weighted_change: float
    weighted_cross_border: float

    @property
    def total(self) -> float:
        return (
            self.weighted_unmet
            + self.weighted_surplus
            + self.weighted_conversion
            + self.weighted_change
            + self.weighted_cross_border
        )


@dataclass(frozen=True)
class RegionFieldOutcome:
    """One (region, field, year): demand there, graduates produced there before and after,
    and the unmet demand there and surplus of its own graduates, before and after (after the
    graduates of each region have been shared with its neighbours as well as possible)."""

    region: str
    field: str
    year: int
    demand: float
    supply_before: float
    supply_after: float
    unmet_before: float
    unmet_after: float
    surplus_before: float
    surplus_after: float


@dataclass(frozen=True)
class ModelSize:
    variables: int
    integer_variables: int
    constraints: int
    nonzeros: int


class PlanStatus(StrEnum):
    OPTIMAL = "optimal"
    # Stopped by the time limit with a feasible plan; ``mip_gap`` says how far from proven.
    TIME_LIMIT = "time_limit"


@dataclass(frozen=True)
class PlanResult:
    status: PlanStatus
    objective: ObjectiveBreakdown
    baseline: ObjectiveBreakdown
    recommendations: tuple[Recommendation, ...]
    outcomes: tuple[RegionFieldOutcome, ...]
    years: tuple[int, ...]
    size: ModelSize
    seconds: float
    mip_gap: float

    def recommendation(self, department: str) -> Recommendation:
        for item in self.recommendations:
            if item.department == department:
                return item
        raise KeyError(department)

    @property
    def changed(self) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.action is not Action.KEEP)
