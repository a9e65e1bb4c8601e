"""The eligibility pre-filter: pairs a rule forbids are removed before anyone is matched."""

from __future__ import annotations

from collections.abc import Callable

from vocnet.matching.model import Instance, Placement, RankingEntry
from vocnet.matching.validation import validate_instance


def apply_eligibility(instance: Instance, is_eligible: Callable[[str, str], bool]) -> Instance:
    """The instance without the student–placement pairs for which ``is_eligible`` is false.

    ``is_eligible(student_id, placement_id)`` is asked once for every placement on every
    student's list (the only pairs that can ever be matched), typically to enforce a rule the
    preferences do not know about, such as a placement open only to one department or to
    students of age. An ineligible pair leaves the student's list and the placement's ranking
    (a tie loses that member; an emptied tie disappears); nothing else changes.

    Raises :class:`MatchingInputError` for a malformed instance, before asking the predicate.
    """
    validate_instance(instance)
    ineligible: dict[str, set[str]] = {placement_id: set() for placement_id in instance.placements}
    students: dict[str, list[str]] = {}
    for student_id, choices in instance.students.items():
        kept = []
        for placement_id in choices:
            if is_eligible(student_id, placement_id):
                kept.append(placement_id)
            else:
                ineligible[placement_id].add(student_id)
        students[student_id] = kept
    placements: dict[str, Placement] = {}
    for placement_id, placement in instance.placements.items():
        removed = ineligible[placement_id]
        if not removed:
            placements[placement_id] = placement
            continue
        ranking: list[RankingEntry] = []
        for entry in placement.ranking:
            if isinstance(entry, str):
                if entry not in removed:
                    ranking.append(entry)
            else:
                group = [student for student in entry if student not in removed]
                if group:
                    ranking.append(group)
        placements[placement_id] = Placement(capacity=placement.capacity, ranking=ranking)
    return Instance(students=students, placements=placements)
