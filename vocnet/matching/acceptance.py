"""Student-proposing deferred acceptance (Gale–Shapley, many-to-one) over integer arrays.

Deferred acceptance runs here in rounds: every free student proposes to the next placement on
the list, every placement keeps the best proposals up to its capacity among those it already
holds and the new ones, and the rest are free again. A round is a handful of numpy
operations, so the bulk of a large market clears in a few dozen vectorised rounds; the last
proposals of a long rejection chain are played one by one with a heap per placement, where a
whole-array round would cost more than the proposals it settles.

Whatever the order in which proposals are made, deferred acceptance ends in the same matching,
the student-optimal stable one (Gale & Shapley 1962; Roth 1984 for many-to-one), so rounds
and the sequential tail can be mixed freely.
"""

from __future__ import annotations

import heapq

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

SEQUENTIAL_TAIL_BELOW = 512
"""Free students below which the remaining proposals are played one at a time."""


def deferred_acceptance(
    choice_placement: IntArray,
    choice_rank: IntArray,
    start: IntArray,
    end: IntArray,
    capacity: IntArray,
    *,
    sequential_below: int = SEQUENTIAL_TAIL_BELOW,
) -> IntArray:
    """Student-proposing deferred acceptance on integer arrays: the core of ``solve``.

    Student ``s`` finds acceptable, best first, the placements
    ``choice_placement[start[s]:end[s]]``, each of which gives the student the rank
    ``choice_rank`` at the same index (lower is better; ranks are distinct within a
    placement). Returns, per student, the index of the placement the student ends at, or -1.
    ``sequential_below`` is the number of free students under which proposals are played one
    by one instead of in whole rounds (0 = always rounds); the result does not depend on it.
    """
    student_count = len(start)
    placement_count = len(capacity)
    current = start.copy()
    held = np.zeros(student_count, dtype=bool)
    free = np.flatnonzero(start < end)
    rank_span = int(choice_rank.max()) + 1 if len(choice_rank) else 1
    # The rank a proposal must beat: that of the worst student a full placement holds, or
    # rank_span (beaten by everyone) while it has a free seat. Most proposals late in the
    # process go to full placements that rank the student too low; they are turned down
    # here without being sorted with everyone else.
    to_beat = np.full(placement_count, rank_span, dtype=np.int64)
    while len(free) >= max(sequential_below, 1):
        at = current[free]
        hopeless = choice_rank[at] > to_beat[choice_placement[at]]
        turned_down = free[hopeless]
        free = free[~hopeless]
        touched = np.zeros(placement_count, dtype=bool)
        touched[choice_placement[current[free]]] = True
        holding = np.flatnonzero(held)
        holding = holding[touched[choice_placement[current[holding]]]]
        candidates = np.concatenate((holding, free))
        at = current[candidates]
        placement = choice_placement[at]
        rank = choice_rank[at]
        order = np.argsort(placement * rank_span + rank)
        candidates = candidates[order]
        placement = placement[order]
        rank = rank[order]
        first_of_group = np.ones(len(candidates), dtype=bool)
        first_of_group[1:] = placement[1:] != placement[:-1]
        group_start = np.flatnonzero(first_of_group)
        group_size = np.diff(group_start, append=len(candidates))
        seats = capacity[placement[group_start]]
        place_in_group = np.arange(len(candidates)) - np.repeat(group_start, group_size)
        accepted = place_in_group < np.repeat(seats, group_size)
        last_seat = group_start + np.minimum(group_size, seats) - 1
        to_beat[placement[group_start]] = np.where(group_size >= seats, rank[last_seat], rank_span)
        held[candidates[accepted]] = True
        rejected = np.concatenate((candidates[~accepted], turned_down))
        held[rejected] = False
        current[rejected] += 1
        free = rejected[current[rejected] < end[rejected]]
    if len(free):
        _sequential_tail(choice_placement, choice_rank, end, capacity, current, held, free)
    if not len(choice_placement):
        return np.full(student_count, -1, np.int64)
    return np.where(held, choice_placement[np.minimum(current, len(choice_placement) - 1)], -1)


def _sequential_tail(
    choice_placement: IntArray,
    choice_rank: IntArray,
    end: IntArray,
    capacity: IntArray,
    current: IntArray,
    held: npt.NDArray[np.bool_],
    free: IntArray,
) -> None:
    """Finish deferred acceptance one proposal at a time, updating ``current`` and ``held``."""
    holding = np.flatnonzero(held)
    holding_placement = choice_placement[current[holding]]
    order = np.argsort(holding_placement, kind="stable")
    holding = holding[order]
    holding_placement = holding_placement[order]
    bounds = np.searchsorted(holding_placement, np.arange(len(capacity) + 1))
    heaps: dict[int, list[tuple[int, int]]] = {}

    def heap_of(placement: int) -> list[tuple[int, int]]:
        # A heap of (-rank, student): its top is the worst student the placement holds.
        heap = heaps.get(placement)
        if heap is None:
            members = holding[bounds[placement] : bounds[placement + 1]].tolist()
            heap = [(-int(choice_rank[current[s]]), s) for s in members]
            heapq.heapify(heap)
            heaps[placement] = heap
        return heap

    stack = free.tolist()
    while stack:
        student = stack.pop()
        k = int(current[student])
        last = int(end[student])
        while k < last:
            placement = int(choice_placement[k])
            rank = int(choice_rank[k])
            heap = heap_of(placement)
            if len(heap) < capacity[placement]:
                heapq.heappush(heap, (-rank, student))
                held[student] = True
                break
            if -heap[0][0] > rank:
                _, displaced = heapq.heapreplace(heap, (-rank, student))
                held[student] = True
                held[displaced] = False
                current[displaced] += 1
                if current[displaced] < end[displaced]:
                    stack.append(displaced)
                break
            k += 1
        current[student] = k
