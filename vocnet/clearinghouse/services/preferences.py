"""Writes of what a round matches on: a student's ranked list of offers, a company's ranking
of its applicants, a school's recommended order of its students.

Each service replaces the whole list at once (the forms and the API send the list as the user
sees it), checks permission through the one permission layer, refuses input after the round's
deadline or outside its state with an error naming the field and the rule in Korean and
English, and writes nothing when it refuses. One audit entry per list, on the round.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from vocnet.clearinghouse.models import (
    MAX_RANK,
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundStatus,
    RunStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.services.eligibility import (
    FIELD_TRAINING_GRADE,
    round_chain,
    scope_students,
)
from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.korean import particle, with_particle
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.placements.models import FieldTrainingOffer, HostVetting, OfferStatus, Placement
from vocnet.registry.models import School, Student


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def deadline_passed(field: str, deadline: datetime, what_ko: str, what_en: str) -> Conflict:
    """The bilingual refusal of input after a round's deadline, naming the deadline field."""
    when = _local(deadline)
    problem = FieldProblem(
        field,
        "deadline_passed",
        f"{what_ko} 마감({when})이 지났습니다. 마감 시각까지만 입력·수정할 수 있습니다.",
        f"The {what_en} deadline ({when}) has passed; input is accepted only until then.",
    )
    return Conflict(
        code="deadline_passed",
        message_ko=f"{field}: {problem.message_ko}",
        message_en=f"{field}: {problem.message_en}",
        problems=[problem],
    )


def _not_accepting(placement_round: PlacementRound, what_ko: str, what_en: str) -> Conflict:
    status = RoundStatus(placement_round.status)
    return Conflict(
        code="round_not_accepting",
        message_ko=(
            f"'{status.label}' 상태의 차수는 {with_particle(what_ko, '을/를')} 받지 않습니다."
        ),
        message_en=f"A round in state '{status.value}' does not take {what_en}.",
        problems=[
            FieldProblem(
                "status",
                "round_not_accepting",
                f"현재 상태: {status.label}",
                f"Current state: {status.value}",
            )
        ],
    )


def ensure_accepting_preferences(placement_round: PlacementRound, now: datetime) -> None:
    """Students' lists are taken while the round is open and its preference deadline has
    not passed (both: an officer may close early; the deadline closes by itself)."""
    if placement_round.status != RoundStatus.OPEN:
        raise _not_accepting(placement_round, "학생 지망", "students' preferences")
    if now > placement_round.preference_deadline:
        raise deadline_passed(
            "preference_deadline", placement_round.preference_deadline, "학생 지망", "preference"
        )


def ensure_accepting_rankings(placement_round: PlacementRound, now: datetime) -> None:
    """Companies' rankings and schools' orders are taken while the round is open or closed
    (not once it runs) and its ranking deadline has not passed."""
    if placement_round.status not in (RoundStatus.OPEN, RoundStatus.CLOSED):
        raise _not_accepting(placement_round, "순위·추천", "rankings or recommendations")
    if now > placement_round.ranking_deadline:
        raise deadline_passed(
            "ranking_deadline",
            placement_round.ranking_deadline,
            "기업 순위·학교 추천",
            "ranking and recommendation",
        )


def student_problems(
    placement_round: PlacementRound, student: Student, field: str = "student_id"
) -> list[FieldProblem]:
    """Why ``student`` cannot take part in the round (empty: they can)."""

    def problem(code: str, ko: str, en: str) -> list[FieldProblem]:
        return [FieldProblem(field, code, ko, en)]

    if not student.is_enrolled or student.grade != FIELD_TRAINING_GRADE:
        return problem(
            "not_third_year",
            "현장실습 매칭에는 재학 중인 3학년 학생만 참여합니다.",
            "Only enrolled third-year students take part in field-training matching.",
        )
    office_id = placement_round.support_office_id
    if (
        office_id is not None
        and not School.objects.filter(
            pk=student.school_id, organisation__region__support_office_id=office_id
        ).exists()
    ):
        return problem(
            "out_of_scope",
            "학생의 학교가 이 차수의 범위(교육지원청 관할) 밖에 있습니다.",
            "The student's school is outside this round's support office.",
        )
    if Placement.objects.active().filter(student_id=student.pk).exists():
        return problem(
            "already_placed",
            "이미 현장실습 배치가 있는 학생입니다.",
            "The student already has an active placement.",
        )
    if (
        placement_round.parent_id is not None
        and not RoundOutcome.objects.filter(
            round_id=placement_round.parent_id,
            run__status=RunStatus.SUCCEEDED,
            offer__isnull=True,
            student_id=student.pk,
        ).exists()
    ):
        return problem(
            "not_unmatched_in_parent",
            "추가 모집에는 이전 차수에서 배정되지 않은 학생만 참여합니다.",
            "Only students the previous round left unmatched take part in a follow-up round.",
        )
    return []


def offer_problem(
    field: str,
    offer: Any,
    placement_round: PlacementRound,
    student: Student | None,
) -> FieldProblem | None:
    """Why ``offer`` (annotated ``seats_taken`` and ``is_vetted``) cannot be ranked by
    ``student`` in the round, or None. The rules in the order they are checked: published,
    vetted host, region in scope, the department's NCS field, a seat left."""
    if offer is None:
        return FieldProblem(field, "unknown_offer", "없는 제안입니다.", "No such offer.")
    if offer.status != OfferStatus.PUBLISHED:
        return FieldProblem(
            field,
            "offer_not_published",
            f"게시된 제안만 지망할 수 있습니다('{offer.title}': {offer.get_status_display()}).",
            f"Only published offers can be ranked ('{offer.title}' is {offer.status}).",
        )
    if not offer.is_vetted:
        return FieldProblem(
            field,
            "host_not_vetted",
            f"'{offer.title}'의 기업은 유효한 참여기업 심사 승인이 없습니다.",
            f"The company of '{offer.title}' holds no valid host-vetting approval.",
        )
    office_id = placement_round.support_office_id
    if office_id is not None and offer.region.support_office_id != office_id:
        return FieldProblem(
            field,
            "offer_out_of_scope",
            f"'{offer.title}'의 실습 지역({offer.region.name_ko})은 이 차수의 범위 밖입니다.",
            f"The region of '{offer.title}' ({offer.region.name_en}) is outside this round.",
        )
    if student is not None and offer.ncs_middle_id != student.department.ncs_middle_id:
        department_field = student.department.ncs_middle
        return FieldProblem(
            field,
            "field_mismatch",
            f"'{offer.title}'의 NCS 분야({offer.ncs_middle.code} {offer.ncs_middle.name_ko})가 "
            f"학과의 분야({department_field.code} {department_field.name_ko})와 다릅니다. "
            "학과의 NCS 분야와 같은 제안만 지망할 수 있습니다.",
            f"The NCS field of '{offer.title}' ({offer.ncs_middle.code}) is not the field of "
            f"the student's department ({department_field.code}); only offers in the "
            "department's field can be ranked.",
        )
    if offer.seats - offer.seats_taken <= 0:
        return FieldProblem(
            field,
            "offer_full",
            f"'{offer.title}'{particle(offer.title, '은/는')} 남은 자리가 없습니다.",
            f"'{offer.title}' has no seat left.",
        )
    return None


def annotated_offers(offer_ids: Sequence[int], on: date) -> dict[int, Any]:
    vetted = HostVetting.objects.valid_on(on).filter(company_id=OuterRef("company_id"))
    return {
        offer.pk: offer
        for offer in FieldTrainingOffer.objects.filter(pk__in=offer_ids)
        .with_seats_taken()
        .annotate(is_vetted=Exists(vetted))
        .select_related("region", "ncs_middle")
    }


@transaction.atomic
def preference_set(
    *, actor: UserLike, placement_round: PlacementRound, student: Student, offer_ids: Sequence[int]
) -> list[StudentPreference]:
    """Replace ``student``'s ranked list in the round by ``offer_ids`` (most wanted first;
    empty withdraws the list). The student themself, their school's staff or the province
    enter it.

    Refused, writing nothing: PermissionDenied; Conflict ``round_not_accepting`` unless the
    round is open, Conflict ``deadline_passed`` (field ``preference_deadline``) after the
    deadline; ValidationFailed when the student cannot take part (``student_id``), the list
    is longer than the round's ``max_choices`` or repeats an offer (``offer_ids``), or an
    offer breaks a rule of :func:`offer_problem` (``offer_ids[i]``, 0-based).
    """
    authorize_create(actor, StudentPreference, student_id=student.pk, school_id=student.school_id)
    now = timezone.now()
    ensure_accepting_preferences(placement_round, now)
    problems = student_problems(placement_round, student)
    if problems:
        raise ValidationFailed.from_problems(problems)
    ids = [int(offer_id) for offer_id in offer_ids]
    if len(ids) > placement_round.max_choices:
        problems.append(
            FieldProblem(
                "offer_ids",
                "too_many_choices",
                f"이 차수에서는 {placement_round.max_choices}지망까지 낼 수 있습니다"
                f"(입력: {len(ids)}개).",
                f"This round takes at most {placement_round.max_choices} choices (got {len(ids)}).",
            )
        )
    offers = annotated_offers(ids, timezone.localdate())
    seen: set[int] = set()
    for index, offer_id in enumerate(ids):
        field = f"offer_ids[{index}]"
        if offer_id in seen:
            problems.append(
                FieldProblem(
                    field,
                    "duplicate_choice",
                    "같은 제안을 두 번 지망할 수 없습니다.",
                    "The same offer cannot be ranked twice.",
                )
            )
            continue
        seen.add(offer_id)
        problem = offer_problem(field, offers.get(offer_id), placement_round, student)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise ValidationFailed.from_problems(problems)
    existing = StudentPreference.objects.filter(round=placement_round, student=student)
    before = list(existing.order_by("rank").values_list("offer_id", flat=True))
    existing.delete()
    entered_by = user_row(actor)
    created = StudentPreference.objects.bulk_create(
        [
            StudentPreference(
                round=placement_round,
                student=student,
                offer_id=offer_id,
                rank=rank,
                entered_by=entered_by,
            )
            for rank, offer_id in enumerate(ids, start=1)
        ]
    )
    record_audit(
        actor=actor,
        action="preference.set",
        obj=placement_round,
        before={"student_id": student.pk, "offer_ids": before},
        after={"student_id": student.pk, "offer_ids": ids},
    )
    return created


def applicant_ids(placement_round: PlacementRound, offer_id: int) -> set[int]:
    """Students who take part in the round and whose list includes the offer: their own list
    in this round, or (follow-up rounds) the list of the nearest earlier round they have."""
    eligible = scope_students(placement_round).values("pk")
    applicants: set[int] = set()
    decided: set[int] = set()
    chain = round_chain(placement_round)
    for index, member in enumerate(chain):
        rows = StudentPreference.objects.filter(
            round=member, offer_id=offer_id, student_id__in=eligible
        ).values_list("student_id", flat=True)
        applicants |= set(rows) - decided
        if index + 1 < len(chain):
            decided |= set(
                StudentPreference.objects.filter(round=member).values_list("student_id", flat=True)
            )
    return applicants


def applicant_counts(placement_round: PlacementRound, offer_ids: Sequence[int]) -> dict[int, int]:
    """offer → number of applicants in the round (one query for a first round)."""
    if placement_round.parent_id is not None:
        return {offer_id: len(applicant_ids(placement_round, offer_id)) for offer_id in offer_ids}
    eligible = scope_students(placement_round).values("pk")
    return dict(
        StudentPreference.objects.filter(
            round=placement_round, offer_id__in=offer_ids, student_id__in=eligible
        )
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values_list("offer_id", "n")
    )


@transaction.atomic
def offer_ranking_set(
    *,
    actor: UserLike,
    placement_round: PlacementRound,
    offer: Any,
    entries: Sequence[tuple[int, int]],
) -> list[OfferRanking]:
    """Replace the company's ranking of the offer's applicants in the round by ``entries``
    (student id, rank; equal ranks are ties, broken by the round's lottery). Applicants left
    out are not acceptable to the offer. An empty list means "take the schools' recommended
    order" (the default).

    Refused, writing nothing: PermissionDenied (not the offer's company); Conflict
    ``round_not_accepting`` once the round runs, Conflict ``deadline_passed`` (field
    ``ranking_deadline``) after the deadline; ValidationFailed for a rank outside 1–1000, a
    student ranked twice, or one who did not apply (``entries[i].student_id``).
    """
    authorize_create(actor, OfferRanking, company_id=offer.company_id)
    ensure_accepting_rankings(placement_round, timezone.now())
    problems: list[FieldProblem] = []
    applicants = applicant_ids(placement_round, offer.pk)
    seen: set[int] = set()
    for index, (student_id, rank) in enumerate(entries):
        if not 1 <= rank <= MAX_RANK:
            problems.append(
                FieldProblem(
                    f"entries[{index}].rank",
                    "rank_out_of_range",
                    f"순위는 1~{MAX_RANK} 사이여야 합니다(입력: {rank}).",
                    f"A rank is from 1 to {MAX_RANK} (got {rank}).",
                )
            )
        if student_id in seen:
            problems.append(
                FieldProblem(
                    f"entries[{index}].student_id",
                    "duplicate_student",
                    "한 학생에게 순위를 두 번 줄 수 없습니다.",
                    "A student cannot be ranked twice.",
                )
            )
        elif student_id not in applicants:
            problems.append(
                FieldProblem(
                    f"entries[{index}].student_id",
                    "not_an_applicant",
                    "이 차수에서 이 제안을 지망한 학생만 순위를 매길 수 있습니다.",
                    "Only students who ranked this offer in this round can be ranked.",
                )
            )
        seen.add(student_id)
    if problems:
        raise ValidationFailed.from_problems(problems)
    existing = OfferRanking.objects.filter(round=placement_round, offer=offer)
    before = list(existing.values_list("student_id", "rank"))
    existing.delete()
    entered_by = user_row(actor)
    created = OfferRanking.objects.bulk_create(
        [
            OfferRanking(
                round=placement_round,
                offer=offer,
                student_id=student_id,
                rank=rank,
                entered_by=entered_by,
            )
            for student_id, rank in entries
        ]
    )
    record_audit(
        actor=actor,
        action="offer_ranking.set" if entries else "offer_ranking.use_school_order",
        obj=placement_round,
        before={"offer_id": offer.pk, "entries": [list(pair) for pair in sorted(before)]},
        after={"offer_id": offer.pk, "entries": [list(pair) for pair in entries]},
    )
    return created


@transaction.atomic
def school_recommendation_set(
    *,
    actor: UserLike,
    placement_round: PlacementRound,
    school: School,
    student_ids: Sequence[int],
) -> list[SchoolRecommendation]:
    """Replace the school's recommended order of its students in the round (best first;
    students left out come after every recommended one, tied).

    Refused, writing nothing: PermissionDenied (not the school's staff); Conflict
    ``round_not_accepting`` / ``deadline_passed`` (field ``ranking_deadline``);
    ValidationFailed for a student named twice, of another school or not taking part in the
    round (``student_ids[i]``).
    """
    authorize_create(actor, SchoolRecommendation, school_id=school.pk)
    ensure_accepting_rankings(placement_round, timezone.now())
    ids = [int(student_id) for student_id in student_ids]
    eligible = set(
        scope_students(placement_round)
        .filter(school_id=school.pk, pk__in=ids)
        .values_list("pk", flat=True)
    )
    problems: list[FieldProblem] = []
    seen: set[int] = set()
    for index, student_id in enumerate(ids):
        field = f"student_ids[{index}]"
        if student_id in seen:
            problems.append(
                FieldProblem(
                    field,
                    "duplicate_student",
                    "한 학생을 두 번 추천할 수 없습니다.",
                    "A student cannot be recommended twice.",
                )
            )
        elif student_id not in eligible:
            problems.append(
                FieldProblem(
                    field,
                    "student_not_eligible",
                    "이 학교의 학생으로 이 차수에 참여하는 학생만 추천할 수 있습니다.",
                    "Only students of this school who take part in this round can be recommended.",
                )
            )
        seen.add(student_id)
    if problems:
        raise ValidationFailed.from_problems(problems)
    existing = SchoolRecommendation.objects.filter(round=placement_round, school=school)
    before = list(existing.order_by("rank").values_list("student_id", flat=True))
    existing.delete()
    entered_by = user_row(actor)
    created = SchoolRecommendation.objects.bulk_create(
        [
            SchoolRecommendation(
                round=placement_round,
                school=school,
                student_id=student_id,
                rank=rank,
                entered_by=entered_by,
            )
            for rank, student_id in enumerate(ids, start=1)
        ]
    )
    record_audit(
        actor=actor,
        action="school_recommendation.set",
        obj=placement_round,
        before={"school_id": school.pk, "student_ids": before},
        after={"school_id": school.pk, "student_ids": ids},
    )
    return created
