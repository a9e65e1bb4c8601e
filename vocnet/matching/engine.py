"""The clearinghouse engine: from an :class:`Instance` to the student-optimal stable matching.

``solve`` checks the instance, breaks ties with the lottery, turns the string ids into
integer indices once (see ``_lookup``), keeps for every student only the placements that
also accept that student, with the student's rank there, and hands those arrays to
:func:`vocnet.matching.acceptance.deferred_acceptance`.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Sequence
from itertools import chain
from typing import NoReturn

import numpy as np
import numpy.typing as npt

from vocnet.matching._lookup import positions
from vocnet.matching._runtime import gc_paused, small_pages
from vocnet.matching.acceptance import deferred_acceptance
from vocnet.matching.eligibility import apply_eligibility
from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import ENGINE_VERSION, Instance, MatchResult, RankingEntry
from vocnet.matching.validation import check_ranking, validate_instance

IntArray = npt.NDArray[np.int64]

_SCRATCH_ENTRIES = 1 << 23
"""Size of the (placement, student) scratch table: 32 MB of int32 whatever the market."""


def solve(
    instance: Instance,
    *,
    seed: int | None = None,
    lottery: Sequence[str] | None = None,
    is_eligible: Callable[[str, str], bool] | None = None,
) -> MatchResult:
    """The student-optimal stable matching of ``instance`` (student-proposing deferred acceptance).

    A student is matched only to a placement on the student's list that also ranks the
    student; no placement gets more students than its capacity; no student and placement
    would both rather have each other than what they got (no blocking pair); and among all
    matchings with those properties every student gets a placement at least as good as in any
    other. With ties in a placement's ranking, the statement holds for the rankings after the
    ties are broken by the lottery, and the matching is stable for the rankings as given.

    Ties are broken by single tie-breaking: one random order of all students, ``lottery``
    (earlier wins), used for every tie in every ranking. Without ``lottery`` one is drawn
    from ``seed`` (a seed is drawn and recorded when ``seed`` is None), but only if the
    instance has a tie; the result records both. ``is_eligible(student, placement)`` removes
    the pairs for which it is false from both sides before matching (see
    :func:`vocnet.matching.apply_eligibility`).

    Raises :class:`MatchingInputError` for a malformed instance (see
    :func:`vocnet.matching.validate_instance`) or a lottery that is not an order of exactly
    the instance's students (``invalid_lottery``).
    """
    if is_eligible is not None:
        instance = apply_eligibility(instance, is_eligible)
    with gc_paused(), small_pages():
        return _solve(instance, seed, lottery)


def tie_broken_rankings(instance: Instance, lottery: Sequence[str] | None) -> dict[str, list[str]]:
    """Every placement's ranking as a strict order: each tie ordered by its place in ``lottery``.

    Ids absent from the lottery (not students) go after the tie's students, in their given
    order. Raises :class:`MatchingInputError` (``lottery_required``) when the instance has a
    tie and ``lottery`` is None. Assumes a valid instance.
    """
    position: dict[str, int] | None = None
    strict: dict[str, list[str]] = {}
    for placement_id, placement in instance.placements.items():
        ranking = placement.ranking
        try:
            "".join(ranking)  # type: ignore[arg-type]
        except TypeError:
            pass  # a tie, broken below
        else:
            strict[placement_id] = list(ranking)  # type: ignore[arg-type]
            continue
        if lottery is None:
            raise MatchingInputError(
                code="lottery_required",
                message_ko=f"배치 {placement_id}의 순위에 동순위가 있어 추첨 순서가 필요합니다.",
                message_en=f"Placement {placement_id} has a tie, so a lottery is needed.",
                placement=placement_id,
            )
        if position is None:
            position = {student: place for place, student in enumerate(lottery)}
        strict[placement_id] = _strict(ranking, position)
    return strict


def _solve(instance: Instance, seed: int | None, lottery: Sequence[str] | None) -> MatchResult:
    students = instance.students
    placements = instance.placements
    student_ids = list(students)
    placement_ids = list(placements)
    choice_lists = list(students.values())
    rankings = [placement.ranking for placement in placements.values()]
    capacities = [placement.capacity for placement in placements.values()]
    if (
        set(map(type, student_ids)) - {str}
        or set(map(type, placement_ids)) - {str}
        or set(map(type, capacities)) - {int}
        or (capacities and min(capacities) < 1)
        or str in set(map(type, choice_lists))
        or str in set(map(type, rankings))
    ):
        _report_first_problem(instance)

    flat_choices: list[str] = list(chain.from_iterable(choice_lists))
    try:
        choice_placement = positions(flat_choices, placement_ids)
    except TypeError:
        _report_first_problem(instance)
    if len(choice_placement) and int(choice_placement.min()) < 0:
        _report_first_problem(instance)

    flat_ranked: list[str] = list(chain.from_iterable(rankings))  # type: ignore[arg-type]
    try:
        ranked_student = positions(flat_ranked, student_ids)
    except TypeError:
        # Some entry is not a string: a tie (a list of ids) or a mistake.
        strict, lottery, seed = _break_ties(instance, lottery, seed)
        flat_ranked = list(chain.from_iterable(strict))
        ranked_student = positions(flat_ranked, student_ids)
        ranking_lengths = np.fromiter(map(len, strict), np.int64, count=len(strict))
    else:
        ranking_lengths = np.fromiter(map(len, rankings), np.int64, count=len(rankings))
        if lottery is not None:
            _check_lottery(lottery, student_ids)

    choice_counts = np.fromiter(map(len, choice_lists), np.int64, count=len(choice_lists))
    rank = _rank_of_choices(
        instance, choice_placement, choice_counts, ranked_student, ranking_lengths, flat_ranked
    )
    acceptable = rank >= 0
    student_of_choice = np.repeat(np.arange(len(student_ids), dtype=np.int64), choice_counts)
    kept = np.bincount(student_of_choice[acceptable], minlength=len(student_ids))
    end = np.cumsum(kept)
    held_at = deferred_acceptance(
        choice_placement[acceptable],
        rank[acceptable],
        end - kept,
        end,
        np.asarray(capacities, dtype=np.int64),
    )
    with_unmatched = [*placement_ids, None]
    assignment = dict(
        zip(student_ids, map(with_unmatched.__getitem__, held_at.tolist()), strict=True)
    )
    return MatchResult(
        assignment=assignment,
        seed=seed,
        lottery=tuple(lottery) if lottery is not None else None,
        engine_version=ENGINE_VERSION,
    )


def _break_ties(
    instance: Instance, lottery: Sequence[str] | None, seed: int | None
) -> tuple[list[list[str]], Sequence[str], int | None]:
    """Every ranking made strict by the lottery (drawn from ``seed`` if not given).

    Returns the strict rankings, the lottery used and the seed it was drawn from.
    """
    for placement_id, placement in instance.placements.items():
        try:
            "".join(placement.ranking)  # type: ignore[arg-type]
        except TypeError:
            try:
                check_ranking(placement_id, placement.ranking)
            except MatchingInputError:
                _report_first_problem(instance)
    if lottery is None:
        if seed is None:
            seed = secrets.randbits(63)
        shuffled = list(instance.students)
        random.Random(seed).shuffle(shuffled)
        lottery = shuffled
    _check_lottery(lottery, list(instance.students))
    return list(tie_broken_rankings(instance, lottery).values()), lottery, seed


def _rank_of_choices(
    instance: Instance,
    choice_placement: IntArray,
    choice_counts: IntArray,
    ranked_student: IntArray,
    ranking_lengths: IntArray,
    flat_ranked: list[str],
) -> IntArray:
    """For every (student, listed placement) pair, the student's rank there, or -1.

    Placements are taken in batches: their rankings are written into a scratch table indexed
    by (placement in the batch, student), and the batch's applicants read their ranks back.
    A ranking that names a student twice shows up as an entry overwritten by its twin; a
    student who lists a placement twice as two equal neighbours once the choices are sorted
    by placement. Either is then named by :func:`validate_instance`.
    """
    student_count = len(choice_counts)
    placement_count = len(ranking_lengths)
    if len(ranked_student) and int(ranked_student.min()) < 0:
        # Ids that are not students are ignored, but a ranking must still not repeat one.
        unknown = np.flatnonzero(ranked_student < 0)
        placement_of = np.repeat(np.arange(placement_count), ranking_lengths)[unknown]
        pairs = list(zip(placement_of.tolist(), [flat_ranked[i] for i in unknown], strict=True))
        if len(set(pairs)) != len(pairs):
            _report_first_problem(instance)

    # Students are already in order, so a stable sort by placement orders the choices by
    # (placement, student); with fewer than 65,536 placements numpy does it as a radix sort.
    narrow = np.uint16 if placement_count <= 1 << 16 else np.int64
    choice_order = np.argsort(choice_placement.astype(narrow), kind="stable")
    per_placement = np.bincount(choice_placement, minlength=placement_count)
    choice_bound = np.concatenate(([0], np.cumsum(per_placement)))
    placement_sorted = np.repeat(np.arange(placement_count, dtype=np.int64), per_placement)
    student_sorted = np.repeat(np.arange(student_count, dtype=np.int64), choice_counts)
    student_sorted = student_sorted[choice_order]
    if bool(
        (
            (student_sorted[1:] == student_sorted[:-1])
            & (placement_sorted[1:] == placement_sorted[:-1])
        ).any()
    ):
        _report_first_problem(instance)

    ranking_start = np.cumsum(ranking_lengths) - ranking_lengths
    rank_sorted = np.empty(len(choice_placement), np.int64)
    batch = max(1, min(placement_count, _SCRATCH_ENTRIES // max(student_count, 1)))
    scratch = np.full(batch * student_count, -1, np.int32)
    for first in range(0, placement_count, batch):
        last = min(placement_count, first + batch)
        low, high = ranking_start[first], ranking_start[last - 1] + ranking_lengths[last - 1]
        lengths = ranking_lengths[first:last]
        rank = np.arange(low, high) - np.repeat(ranking_start[first:last], lengths)
        cell = np.repeat(np.arange(last - first, dtype=np.int64) * student_count, lengths)
        cell += ranked_student[low:high]
        is_student = ranked_student[low:high] >= 0
        cell = cell[is_student]
        rank = rank[is_student]
        scratch[cell] = rank
        if bool((scratch[cell] != rank).any()):
            _report_first_problem(instance)
        begin, end = choice_bound[first], choice_bound[last]
        applicant_cell = (placement_sorted[begin:end] - first) * student_count
        applicant_cell += student_sorted[begin:end]
        rank_sorted[begin:end] = scratch[applicant_cell]
        scratch[cell] = -1
    ranks = np.empty_like(rank_sorted)
    ranks[choice_order] = rank_sorted
    return ranks


def _strict(ranking: Sequence[RankingEntry], position: dict[str, int]) -> list[str]:
    after_everyone = len(position)
    strict: list[str] = []
    for entry in ranking:
        if isinstance(entry, str):
            strict.append(entry)
        else:
            strict.extend(sorted(entry, key=lambda s: position.get(s, after_everyone)))
    return strict


def _report_first_problem(instance: Instance) -> NoReturn:
    # The bulk checks only say that something is wrong; the one-by-one check says what, in
    # the same order whichever path found it.
    validate_instance(instance)
    raise AssertionError("a bulk check failed but validate_instance found no problem")


def _check_lottery(lottery: Sequence[str], student_ids: list[str]) -> None:
    if len(lottery) != len(student_ids) or set(lottery) != set(student_ids):
        raise MatchingInputError(
            code="invalid_lottery",
            message_ko="추첨 순서에는 모든 학생이 정확히 한 번씩 있어야 합니다.",
            message_en="The lottery must list every student exactly once.",
        )
