"""The rules a well-formed instance keeps, checked one by one in plain Python.

The engine checks the same rules in bulk with numpy and, when it sees any problem, calls
:func:`validate_instance` to name it; so both paths report the same first problem.
"""

from __future__ import annotations

from collections.abc import Sequence

from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import Instance, RankingEntry


def validate_instance(instance: Instance) -> None:
    """Raise :class:`MatchingInputError` for the first rule the instance breaks; else return.

    Checked in this order, each over placements or students in the instance's own order:

    0. every student and placement id is a string (``invalid_id``);
    1. every capacity is an integer of at least 1 (``invalid_capacity``);
    2. every ranking entry is a student id (a string) or a non-empty list of them
       (``invalid_ranking_entry``), and no id appears twice in one ranking
       (``duplicate_ranked_student``);
    3. every entry of a student's list is a string (``invalid_choice``) naming a known placement
       (``unknown_placement``), listed once (``duplicate_choice``).

    Ids a placement ranks that are not students at all are not an error: they are ignored
    exactly like students who did not apply, so a placement may reuse one ranking for
    several intakes.
    """
    for kind_ko, kind_en, ids in (
        ("배치", "placement", instance.placements),
        ("학생", "student", instance.students),
    ):
        for some_id in ids:
            if not isinstance(some_id, str):
                raise MatchingInputError(
                    code="invalid_id",
                    message_ko=f"{kind_ko} id는 문자열이어야 합니다(받은 값: {some_id!r}).",
                    message_en=f"The {kind_en} id {some_id!r} must be a string.",
                )
    for placement_id, placement in instance.placements.items():
        capacity = placement.capacity
        if type(capacity) is not int or capacity < 1:
            raise MatchingInputError(
                code="invalid_capacity",
                message_ko=(
                    f"배치 {placement_id}의 정원은 1 이상의 정수여야 합니다 "
                    f"(받은 값: {capacity!r})."
                ),
                message_en=(
                    f"Placement {placement_id} must have a capacity of at least 1 "
                    f"(got {capacity!r})."
                ),
                placement=placement_id,
            )
    for placement_id, placement in instance.placements.items():
        check_ranking(placement_id, placement.ranking)
    placements = instance.placements
    for student_id, choices in instance.students.items():
        if isinstance(choices, str) or not isinstance(choices, Sequence):
            raise MatchingInputError(
                code="invalid_choice",
                message_ko=f"학생 {student_id}의 지망 목록은 배치 id의 목록이어야 합니다.",
                message_en=f"Student {student_id}'s choices must be a list of placement ids.",
                student=student_id,
            )
        seen: set[str] = set()
        for choice in choices:
            if not isinstance(choice, str):
                raise MatchingInputError(
                    code="invalid_choice",
                    message_ko=(
                        f"학생 {student_id}의 지망 목록에 배치 id(문자열)가 아닌 값 "
                        f"{choice!r} 항목이 있습니다."
                    ),
                    message_en=(
                        f"Student {student_id} lists {choice!r}, which is not a placement id "
                        "(a string)."
                    ),
                    student=student_id,
                )
            if choice not in placements:
                raise MatchingInputError(
                    code="unknown_placement",
                    message_ko=(
                        f"학생 {student_id}의 지망 목록에 모르는 배치가 있습니다: {choice}."
                    ),
                    message_en=f"Student {student_id} lists unknown placement {choice}.",
                    student=student_id,
                    placement=choice,
                )
            if choice in seen:
                raise MatchingInputError(
                    code="duplicate_choice",
                    message_ko=(f"학생 {student_id}의 지망 목록에 두 번 이상 있는 배치: {choice}."),
                    message_en=f"Student {student_id} lists placement {choice} more than once.",
                    student=student_id,
                    placement=choice,
                )
            seen.add(choice)


def check_ranking(placement_id: str, ranking: Sequence[RankingEntry]) -> None:
    """Raise :class:`MatchingInputError` for the first malformed or repeated entry of a ranking."""
    if isinstance(ranking, str) or not isinstance(ranking, Sequence):
        raise MatchingInputError(
            code="invalid_ranking_entry",
            message_ko=f"배치 {placement_id}의 순위는 학생 id의 목록이어야 합니다.",
            message_en=f"Placement {placement_id}'s ranking must be a list of student ids.",
            placement=placement_id,
        )
    seen: set[str] = set()
    for entry in ranking:
        group: Sequence[str]
        if isinstance(entry, str):
            group = (entry,)
        elif isinstance(entry, list | tuple) and entry and all(isinstance(s, str) for s in entry):
            group = entry
        else:
            raise MatchingInputError(
                code="invalid_ranking_entry",
                message_ko=(
                    f"배치 {placement_id}의 순위 목록 항목은 학생 id(문자열)나 동순위 "
                    f"학생 id 목록이어야 합니다(받은 값: {entry!r})."
                ),
                message_en=(
                    f"Placement {placement_id} ranks {entry!r}; an entry must be a student id "
                    "(a string) or a non-empty list of tied student ids."
                ),
                placement=placement_id,
            )
        for student in group:
            if student in seen:
                raise MatchingInputError(
                    code="duplicate_ranked_student",
                    message_ko=(
                        f"배치 {placement_id}의 순위 목록에 두 번 이상 있는 학생: {student}."
                    ),
                    message_en=f"Placement {placement_id} ranks student {student} more than once.",
                    student=student,
                    placement=placement_id,
                )
            seen.add(student)


def weak_ranks(instance: Instance) -> dict[str, dict[str, int]]:
    """For each placement, the rank (0 = best) of every id it ranks; tied ids share a rank.

    Assumes a valid instance (see :func:`validate_instance`).
    """
    ranks: dict[str, dict[str, int]] = {}
    for placement_id, placement in instance.placements.items():
        rank: dict[str, int] = {}
        for position, entry in enumerate(placement.ranking):
            if isinstance(entry, str):
                rank[entry] = position
            else:
                for student in entry:
                    rank[student] = position
        ranks[placement_id] = rank
    return ranks
