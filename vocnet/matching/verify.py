"""Checking a matching: seats, mutual acceptability and stability, one rule at a time.

Written independently of the engine, in plain Python with dicts, so that it can vouch for
the engine's results (and for results produced anywhere else).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import Instance
from vocnet.matching.validation import validate_instance, weak_ranks


@dataclass(frozen=True, slots=True)
class BlockingPair:
    """A student and a placement who would both rather have each other.

    ``student_has`` is the student's placement (None: unmatched); ``placement_drops`` the
    student the placement holds and ranks below ``student`` (None: it has a free seat).
    """

    student: str
    placement: str
    student_has: str | None
    placement_drops: str | None


@dataclass(frozen=True, slots=True)
class Violation:
    """The first rule a matching breaks.

    ``code`` is ``over_capacity``, ``unacceptable_pair`` or ``blocking_pair``; ``blocking``
    is set for the last.
    """

    code: str
    placement: str
    student: str | None
    message_ko: str
    message_en: str
    blocking: BlockingPair | None = None


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """The outcome of :func:`verify`: ``violation`` is None when the matching is stable."""

    student_count: int
    matched_count: int
    violation: Violation | None

    @property
    def is_stable(self) -> bool:
        """No seat over capacity, every pair mutually acceptable, no blocking pair."""
        return self.violation is None


def check_assignment(instance: Instance, assignment: Mapping[str, str | None]) -> None:
    """Raise :class:`MatchingInputError` unless ``assignment`` fits ``instance``.

    It must have exactly one key per student of the instance (``result_missing_student``,
    ``result_unknown_student``) and name only placements of the instance or None
    (``result_unknown_placement``).
    """
    for student in instance.students:
        if student not in assignment:
            raise MatchingInputError(
                code="result_missing_student",
                message_ko=f"결과에 없는 학생: {student}.",
                message_en=f"The result has no entry for student {student}.",
                student=student,
            )
    for student, placement in assignment.items():
        if student not in instance.students:
            raise MatchingInputError(
                code="result_unknown_student",
                message_ko=f"인스턴스에 없는 학생이 결과에 있습니다: {student}.",
                message_en=f"The result names student {student}, who is not in the instance.",
                student=student,
            )
        if placement is not None and placement not in instance.placements:
            raise MatchingInputError(
                code="result_unknown_placement",
                message_ko=f"결과에서 학생 {student}의 배정 배치 {placement}는 없는 배치입니다.",
                message_en=f"The result gives student {student} unknown placement {placement}.",
                student=student,
                placement=placement,
            )


def verify(instance: Instance, assignment: Mapping[str, str | None]) -> VerificationReport:
    """Check that ``assignment`` is a stable matching of ``instance``; report the first problem.

    The rules, checked in this order, placements and students in the instance's order:
    no placement holds more students than its capacity; every matched student listed the
    placement and the placement ranks the student; and no blocking pair exists (see
    :func:`find_blocking_pair`). Raises :class:`MatchingInputError` when the instance is
    malformed or the assignment does not fit it (:func:`check_assignment`).
    """
    validate_instance(instance)
    check_assignment(instance, assignment)
    student_count = len(instance.students)
    matched_count = sum(1 for placement in assignment.values() if placement is not None)
    held: dict[str, list[str]] = {placement: [] for placement in instance.placements}
    for student in instance.students:
        placement = assignment[student]
        if placement is not None:
            held[placement].append(student)
    for placement_id, details in instance.placements.items():
        if len(held[placement_id]) > details.capacity:
            return VerificationReport(
                student_count,
                matched_count,
                Violation(
                    code="over_capacity",
                    placement=placement_id,
                    student=None,
                    message_ko=(
                        f"배치 {placement_id}에 정원 {details.capacity}명보다 많은 "
                        f"{len(held[placement_id])}명이 배정되었습니다."
                    ),
                    message_en=(
                        f"Placement {placement_id} holds {len(held[placement_id])} students, "
                        f"over its capacity of {details.capacity}."
                    ),
                ),
            )
    ranks = weak_ranks(instance)
    for student, choices in instance.students.items():
        placement = assignment[student]
        if placement is not None and (placement not in choices or student not in ranks[placement]):
            return VerificationReport(
                student_count,
                matched_count,
                Violation(
                    code="unacceptable_pair",
                    placement=placement,
                    student=student,
                    message_ko=(
                        f"학생 {student}의 배정 배치는 {placement}이지만 둘 중 한쪽이 "
                        "상대를 받아들이지 않습니다 (지망 목록이나 순위 목록에 없음)."
                    ),
                    message_en=(
                        f"Student {student} is matched to placement {placement}, but the pair "
                        "is not mutually acceptable (missing from the student's list or the "
                        "placement's ranking)."
                    ),
                ),
            )
    pair = _first_blocking_pair(instance, assignment, ranks, held)
    if pair is None:
        return VerificationReport(student_count, matched_count, None)
    has_ko = f"배치 {pair.student_has}보다" if pair.student_has else "미배정보다"
    has_en = f"to {pair.student_has}" if pair.student_has else "to staying unmatched"
    drops_ko = (
        f"현재 배정된 학생 {pair.placement_drops}보다 학생 {pair.student}에게 더 높은 순위를 줍니다"
        if pair.placement_drops
        else "빈 자리가 있습니다"
    )
    drops_en = (
        f"ranks {pair.student} above {pair.placement_drops}, whom it holds"
        if pair.placement_drops
        else "has a free seat"
    )
    return VerificationReport(
        student_count,
        matched_count,
        Violation(
            code="blocking_pair",
            placement=pair.placement,
            student=pair.student,
            message_ko=(
                f"불안정: 학생 {pair.student}의 지망에서 배치 {pair.placement}의 순위가 "
                f"{has_ko} 높고, "
                f"배치 {pair.placement}에서는 {drops_ko}."
            ),
            message_en=(
                f"Unstable: student {pair.student} prefers placement {pair.placement} {has_en}, "
                f"and placement {pair.placement} {drops_en}."
            ),
            blocking=pair,
        ),
    )


def find_blocking_pair(
    instance: Instance, assignment: Mapping[str, str | None]
) -> BlockingPair | None:
    """The first blocking pair of ``assignment``, or None.

    A student s and a placement p block when s lists p and p ranks s, s is unmatched or
    lists p above the placement s got, and p has a free seat or holds a student it ranks
    strictly below s (tied students do not block each other). "First" means the first
    student in the instance's order, and for that student the most wanted such placement.
    Raises :class:`MatchingInputError` like :func:`verify`.
    """
    validate_instance(instance)
    check_assignment(instance, assignment)
    held: dict[str, list[str]] = {placement: [] for placement in instance.placements}
    for student, placement in assignment.items():
        if placement is not None:
            held[placement].append(student)
    return _first_blocking_pair(instance, assignment, weak_ranks(instance), held)


def _first_blocking_pair(
    instance: Instance,
    assignment: Mapping[str, str | None],
    ranks: dict[str, dict[str, int]],
    held: dict[str, list[str]],
) -> BlockingPair | None:
    # The student each placement would drop first: the one it ranks lowest (an unranked
    # holder, possible only in an invalid matching, counts as lowest of all).
    worst: dict[str, tuple[int, str]] = {}
    for placement, students in held.items():
        if students:
            rank_of = ranks[placement]
            worst[placement] = max((rank_of.get(s, len(rank_of)), s) for s in students)
    for student, choices in instance.students.items():
        has = assignment[student]
        for placement in choices:
            if placement == has:
                break
            rank = ranks[placement].get(student)
            if rank is None:
                continue
            if len(held[placement]) < instance.placements[placement].capacity:
                return BlockingPair(student, placement, has, None)
            worst_rank, worst_student = worst[placement]
            if rank < worst_rank:
                return BlockingPair(student, placement, has, worst_student)
    return None
