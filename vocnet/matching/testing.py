"""Support for the tests and the benchmark: seeded instances and the reference solver's input.

Nothing in the engine imports this module. ``reference_assignment`` imports the PyPI package
``matching`` (a development dependency) only when it is called.
"""

from __future__ import annotations

import bisect
import itertools
import random
import sys
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

from vocnet.matching.engine import tie_broken_rankings
from vocnet.matching.model import Instance, Placement, RankingEntry


def generate_instance(
    *,
    students: int,
    seed: int,
    choices: int = 10,
    seats_per_student: float = 0.9,
    mean_capacity: float = 10.0,
    regions: int = 31,
    zipf_exponent: float = 1.0,
    unacceptable_share: float = 0.0,
    unapplied_ranked_share: float = 0.0,
    tie_share: float = 0.0,
    variable_list_length: bool = False,
) -> Instance:
    """A seeded instance shaped like a province-wide clearinghouse.

    Placements sit in ``regions`` regions (Gyeonggi has 31 시군) and have Zipf-like
    popularity; students apply mostly to placements in their own region (60 %) or a
    neighbouring one (30 %), the rest anywhere. Capacities sum to about
    ``seats_per_student × students``. Each placement ranks its applicants by a common student
    score plus its own noise, drops ``unacceptable_share`` of them (unacceptable), slips in
    ``unapplied_ranked_share`` as many random students (mostly ones who did not apply, whom
    the engine ignores; a repeat keeps its first place), and groups ``tie_share`` of its
    entries into ties of two or three. The same arguments always give the same instance.
    """
    rng = random.Random(seed)
    student_ids = [f"s{i}" for i in range(students)]
    placement_count = max(1, round(students * seats_per_student / mean_capacity))
    placement_ids = [f"p{j}" for j in range(placement_count)]
    region_count = max(1, min(regions, placement_count))

    popularity_order = list(range(placement_count))
    rng.shuffle(popularity_order)
    weight = [0.0] * placement_count
    for position, index in enumerate(popularity_order):
        weight[index] = 1.0 / (position + 1) ** zipf_exponent
    region_of = [rng.randrange(region_count) for _ in range(placement_count)]

    pools: list[tuple[list[int], list[float]]] = []
    for region in range(region_count):
        members = [j for j in range(placement_count) if region_of[j] == region]
        pools.append((members, list(itertools.accumulate(weight[j] for j in members))))
    everywhere = (list(range(placement_count)), list(itertools.accumulate(weight)))

    def draw(pool: tuple[list[int], list[float]]) -> int:
        members, cumulative = pool
        if not members:
            members, cumulative = everywhere
        point = rng.random() * cumulative[-1]
        return members[min(bisect.bisect_right(cumulative, point), len(members) - 1)]

    preferences: dict[str, list[str]] = {}
    applicants: list[list[int]] = [[] for _ in range(placement_count)]
    for i, student in enumerate(student_ids):
        home = rng.randrange(region_count)
        wanted = rng.randint(0, choices) if variable_list_length else choices
        wanted = min(wanted, placement_count)
        chosen: list[int] = []
        seen: set[int] = set()
        for _ in range(wanted * 8):
            if len(chosen) == wanted:
                break
            roll = rng.random()
            if roll < 0.6:
                j = draw(pools[home])
            elif roll < 0.9:
                j = draw(pools[(home + rng.choice((-1, 1))) % region_count])
            else:
                j = draw(everywhere)
            if j not in seen:
                seen.add(j)
                chosen.append(j)
        preferences[student] = [placement_ids[j] for j in chosen]
        for j in chosen:
            applicants[j].append(i)

    raw_capacity = [rng.randint(1, max(1, round(2 * mean_capacity) - 1)) for _ in placement_ids]
    scale = seats_per_student * students / sum(raw_capacity)
    score = [rng.random() for _ in student_ids]

    placements: dict[str, Placement] = {}
    for j, placement in enumerate(placement_ids):
        keyed = [(score[i] + rng.gauss(0.0, 0.15), i) for i in applicants[j]]
        keyed.sort(reverse=True)
        ranked = [student_ids[i] for _, i in keyed if not rng.random() < unacceptable_share]
        extra = round(len(applicants[j]) * unapplied_ranked_share)
        for _ in range(extra):
            ranked.insert(rng.randint(0, len(ranked)), rng.choice(student_ids))
        ranking: list[RankingEntry] = []
        position = 0
        while position < len(ranked):
            size = rng.choice((2, 3)) if rng.random() < tie_share else 1
            group = list(dict.fromkeys(ranked[position : position + size]))
            ranking.append(group[0] if len(group) == 1 else group)
            position += size
        ranking = _without_repeats(ranking)
        capacity = max(1, round(raw_capacity[j] * scale))
        placements[placement] = Placement(capacity=capacity, ranking=ranking)
    return Instance(students=preferences, placements=placements)


def _without_repeats(ranking: list[RankingEntry]) -> list[RankingEntry]:
    # Added non-applicants may repeat an id already ranked; a repeat is an input error, so the
    # generator keeps only the first mention.
    seen: set[str] = set()
    kept: list[RankingEntry] = []
    for entry in ranking:
        group = [s for s in ([entry] if isinstance(entry, str) else entry) if s not in seen]
        seen.update(group)
        if len(group) == 1:
            kept.append(group[0])
        elif group:
            kept.append(group)
    return kept


def reference_preferences(
    instance: Instance, lottery: Sequence[str] | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
    """The instance as ``matching.games.HospitalResident.create_from_dictionaries`` needs it.

    ``matching`` 1.4.3 expects every hospital to rank exactly the residents that rank it, and
    misbehaves on one-sided or empty lists, so both sides are pruned to mutually acceptable
    pairs, ties are broken with ``lottery`` (required when the instance has ties), and students
    and placements left with nothing are dropped (they are unmatched / unfilled either way).
    Returns ``(resident_prefs, hospital_prefs, capacities)``.
    """
    strict = tie_broken_rankings(instance, lottery)
    rank = {p: {s: r for r, s in enumerate(ranking)} for p, ranking in strict.items()}
    resident_prefs: dict[str, list[str]] = {}
    for student, choices in instance.students.items():
        acceptable = [p for p in choices if student in rank[p]]
        if acceptable:
            resident_prefs[student] = acceptable
    hospital_prefs: dict[str, list[str]] = {}
    for placement, ranking in strict.items():
        applied = [s for s in ranking if s in resident_prefs and placement in resident_prefs[s]]
        if applied:
            hospital_prefs[placement] = applied
    capacities = {p: instance.placements[p].capacity for p in hospital_prefs}
    return resident_prefs, hospital_prefs, capacities


@dataclass(frozen=True, slots=True)
class ReferenceRun:
    """What ``matching`` 1.4.3 computed, and how long it took to build the game and solve it."""

    assignment: dict[str, str | None]
    build_seconds: float
    solve_seconds: float


def reference_assignment(
    instance: Instance, lottery: Sequence[str] | None = None
) -> dict[str, str | None]:
    """The student-optimal matching as ``matching`` 1.4.3 computes it, one key per student."""
    return run_reference(instance, lottery).assignment


def run_reference(instance: Instance, lottery: Sequence[str] | None = None) -> ReferenceRun:
    """Solve ``instance`` with ``matching`` 1.4.3 (``HospitalResident``, resident-optimal).

    The input comes from :func:`reference_preferences` (not timed). ``matching`` deep-copies
    its web of players recursively, one Python frame per link, so a market of a few thousand
    students needs far more than the default recursion limit; the solver runs in a thread
    with a large stack and a raised limit.
    """
    from matching.games import HospitalResident  # type: ignore[import-untyped, unused-ignore]

    resident_prefs, hospital_prefs, capacities = reference_preferences(instance, lottery)
    outcome: list[ReferenceRun] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with warnings.catch_warnings():
                # The pruned input breaks none of the package's rules; silence it anyway so a
                # large benchmark does not print thousands of lines if that ever changes.
                warnings.simplefilter("ignore")
                started = time.perf_counter()
                game = HospitalResident.create_from_dictionaries(
                    resident_prefs, hospital_prefs, capacities
                )
                built = time.perf_counter()
                matching = game.solve(optimal="resident")
                solved = time.perf_counter()
            assignment: dict[str, str | None] = dict.fromkeys(instance.students)
            for hospital, residents in matching.items():
                for resident in residents:
                    assignment[resident.name] = hospital.name
            outcome.append(ReferenceRun(assignment, built - started, solved - built))
        except BaseException as error:  # handed to the calling thread below
            failure.append(error)

    previous_limit = sys.getrecursionlimit()
    previous_stack = threading.stack_size()
    sys.setrecursionlimit(max(previous_limit, 1_000_000))
    threading.stack_size(1 << 30)
    try:
        worker = threading.Thread(target=run, name="matching-reference")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return outcome[0]
