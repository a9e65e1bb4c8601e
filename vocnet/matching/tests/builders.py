"""Small instances written the way a person reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vocnet.matching import Instance, Placement, RankingEntry


def make_instance(
    students: Mapping[str, Sequence[str]],
    placements: Mapping[str, tuple[int, Sequence[RankingEntry]]],
) -> Instance:
    """``placements`` maps an id to ``(capacity, ranking)``."""
    return Instance(
        students={student: list(choices) for student, choices in students.items()},
        placements={
            placement: Placement(capacity=capacity, ranking=list(ranking))
            for placement, (capacity, ranking) in placements.items()
        },
    )
