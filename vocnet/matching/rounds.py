"""The follow-up round (추가 모집): students left unmatched try again over the seats still free."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from vocnet.matching.engine import solve
from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import Instance, MatchResult, Placement
from vocnet.matching.validation import validate_instance
from vocnet.matching.verify import check_assignment


def follow_up_round(
    instance: Instance,
    first: MatchResult,
    *,
    preferences: Mapping[str, Sequence[str]] | None = None,
    is_eligible: Callable[[str, str], bool] | None = None,
) -> MatchResult:
    """``first`` plus a second deferred-acceptance round for the students it left unmatched.

    Round 1 is final: nobody it matched is moved, and each placement offers only the seats
    round 1 left free. The unmatched students apply with their lists from ``preferences``
    (which may name only students unmatched in round 1) or else with their round-1 lists;
    places already full are skipped. Placements keep their rankings, so the round is stable
    among the students and seats it involves, and student-optimal for them. Ties are broken
    by round 1's lottery, so one student's lottery number holds across both rounds; when
    round 1 drew none, round 2 draws one from round 1's seed if it needs one, and the
    result records it.

    Returns the combined result (round 1's seed and lottery when it had one). Raises
    :class:`MatchingInputError`: the codes of :func:`vocnet.matching.validate_instance` and
    :func:`vocnet.matching.check_assignment`, ``unknown_student`` or
    ``student_already_matched`` for a key of ``preferences``, and the codes of a student's
    list (``unknown_placement``, ``duplicate_choice``, ...) for the new lists.
    """
    validate_instance(instance)
    check_assignment(instance, first.assignment)
    unmatched = [s for s in instance.students if first.assignment[s] is None]
    new_lists = dict(preferences or {})
    for student in new_lists:
        if student not in instance.students:
            raise MatchingInputError(
                code="unknown_student",
                message_ko=f"추가 모집 지망에 모르는 학생이 있습니다: {student}.",
                message_en=f"The follow-up preferences name unknown student {student}.",
                student=student,
            )
        if first.assignment[student] is not None:
            raise MatchingInputError(
                code="student_already_matched",
                message_ko=(
                    f"학생 {student}: 1차에서 배치 {first.assignment[student]}에 "
                    "배정되어 추가 모집 지망을 낼 수 없습니다."
                ),
                message_en=(
                    f"Student {student} was matched to {first.assignment[student]} in the "
                    "first round and cannot apply in the follow-up round."
                ),
                student=student,
            )
    lists = {s: list(new_lists.get(s, instance.students[s])) for s in unmatched}
    validate_instance(Instance(students=lists, placements=instance.placements))

    taken = dict.fromkeys(instance.placements, 0)
    for placement in first.assignment.values():
        if placement is not None:
            taken[placement] += 1
    open_placements = {
        placement_id: Placement(
            capacity=placement.capacity - taken[placement_id], ranking=placement.ranking
        )
        for placement_id, placement in instance.placements.items()
        if placement.capacity > taken[placement_id]
    }
    second_instance = Instance(
        students={s: [p for p in choices if p in open_placements] for s, choices in lists.items()},
        placements=open_placements,
    )
    lottery = None
    if first.lottery is not None:
        still_free = set(unmatched)
        lottery = [student for student in first.lottery if student in still_free]
    second = solve(second_instance, seed=first.seed, lottery=lottery, is_eligible=is_eligible)
    assignment = dict(first.assignment)
    for student, placement in second.assignment.items():
        if placement is not None:
            assignment[student] = placement
    if first.lottery is not None:
        return MatchResult(assignment, first.seed, first.lottery, first.engine_version)
    return MatchResult(assignment, second.seed, second.lottery, second.engine_version)
