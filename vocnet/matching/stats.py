"""Statistics of a matching: how many students got a seat, how high on their lists, which
seats stayed empty."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import Instance
from vocnet.matching.validation import validate_instance
from vocnet.matching.verify import check_assignment


@dataclass(frozen=True, slots=True)
class MatchStatistics:
    """Figures of one matching.

    ``rank_distribution`` maps a choice rank (1 = the student's first choice) to the number
    of students matched there, ranks in increasing order, only ranks someone got.
    ``unfilled_seats`` maps every placement, in the instance's order, to its capacity minus
    the students it got (negative only for a matching over capacity).
    """

    student_count: int
    matched_count: int
    seat_count: int
    rank_distribution: dict[int, int]
    unfilled_seats: dict[str, int]

    @property
    def matched_share(self) -> float:
        """Matched students over all students (0.0 when there are none)."""
        return self.matched_count / self.student_count if self.student_count else 0.0

    @property
    def unmatched_count(self) -> int:
        return self.student_count - self.matched_count

    @property
    def unfilled_seat_count(self) -> int:
        return sum(max(0, seats) for seats in self.unfilled_seats.values())

    def as_dict(self) -> dict[str, object]:
        """The statistics as JSON-ready data (rank keys become strings in JSON)."""
        return {
            "student_count": self.student_count,
            "matched_count": self.matched_count,
            "unmatched_count": self.unmatched_count,
            "matched_share": self.matched_share,
            "seat_count": self.seat_count,
            "unfilled_seat_count": self.unfilled_seat_count,
            "rank_distribution": self.rank_distribution,
            "unfilled_seats": self.unfilled_seats,
        }


def compute_statistics(instance: Instance, assignment: Mapping[str, str | None]) -> MatchStatistics:
    """The :class:`MatchStatistics` of ``assignment``.

    Raises :class:`MatchingInputError` when the instance is malformed, the assignment does
    not fit it (see :func:`vocnet.matching.check_assignment`), or a student is matched to a
    placement the student did not list (``result_unlisted_placement``), which has no rank.
    """
    validate_instance(instance)
    check_assignment(instance, assignment)
    by_rank: dict[int, int] = {}
    filled = dict.fromkeys(instance.placements, 0)
    matched = 0
    for student, choices in instance.students.items():
        placement = assignment[student]
        if placement is None:
            continue
        try:
            rank = list(choices).index(placement) + 1
        except ValueError:
            raise MatchingInputError(
                code="result_unlisted_placement",
                message_ko=(
                    f"결과에서 학생 {student}의 배정 배치 {placement}는 그 학생의 지망 "
                    "목록에 없습니다."
                ),
                message_en=(
                    f"The result gives student {student} placement {placement}, which the "
                    "student did not list."
                ),
                student=student,
                placement=placement,
            ) from None
        by_rank[rank] = by_rank.get(rank, 0) + 1
        filled[placement] += 1
        matched += 1
    return MatchStatistics(
        student_count=len(instance.students),
        matched_count=matched,
        seat_count=sum(placement.capacity for placement in instance.placements.values()),
        rank_distribution=dict(sorted(by_rank.items())),
        unfilled_seats={
            placement_id: placement.capacity - filled[placement_id]
            for placement_id, placement in instance.placements.items()
        },
    )
