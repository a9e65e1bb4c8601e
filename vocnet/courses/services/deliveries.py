"""Agreement deliveries a course produces (협약 이행 실적 자동 반영).

Two course events count, through the agreements service
(:func:`vocnet.agreements.services.deliveries.delivery_record_derived`), with the course as
evidence:

- **a session taught with an industry instructor** (산업체 강사 수업): the session's hours
  count against an *instructor hours* commitment (산업체 강사 시간) of the instructor's
  company;
- **a company-tailored class that completed** (취업맞춤반 이수): one module counts against a
  *curriculum modules* commitment (공동 개발 교육과정) of the host company.

Only where a matching commitment exists: an agreement in force on the event's date, whose
version in force has the company as the committing party *and* the school as another party
— the host school, or for a course hosted elsewhere the home schools of its students.

Idempotent: each (commitment lineage, source event) is recorded once
(:class:`~vocnet.courses.models.CourseDelivery`, unique), so recording again — a sync after
an agreement was signed, a task delivered twice — never counts twice, even after an
amendment of the agreement. An event the agreement refuses (a date outside its period, in the
future) is skipped and reported, not forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef

from vocnet.agreements.models import (
    IN_FORCE_STATUSES,
    AgreementParty,
    Commitment,
    CommitmentKind,
)
from vocnet.agreements.services.deliveries import delivery_record_derived
from vocnet.core.errors import DomainError
from vocnet.core.users import UserLike
from vocnet.courses.models import (
    Course,
    CourseDelivery,
    CourseSession,
    CourseType,
    Enrolment,
)
from vocnet.registry.models import OrganisationKind


@dataclass
class DeliveryReport:
    """What one recording did: the new links, how many were there already, and the events
    an agreement refused (with its reason)."""

    recorded: list[CourseDelivery] = field(default_factory=list)
    already: int = 0
    skipped: list[str] = field(default_factory=list)


def session_hours(course: Course, held_on: date) -> Decimal:
    """The hours of a session held on ``held_on``: the course's weekly slots on that weekday
    (a session moved to another day counts its course's longest slot)."""

    def hours(slot: object) -> Decimal:
        start = datetime.combine(held_on, slot.starts_at)  # type: ignore[attr-defined]
        end = datetime.combine(held_on, slot.ends_at)  # type: ignore[attr-defined]
        return Decimal(int((end - start).total_seconds()) // 60) / 60

    slots = list(course.slots.all())
    same_day = [hours(s) for s in slots if s.weekday == held_on.weekday()]
    total = sum(same_day) if same_day else max((hours(s) for s in slots), default=Decimal(0))
    return Decimal(total).quantize(Decimal("0.01"))


def partner_schools(course: Course) -> set[int]:
    """The schools a course's deliveries are owed to: its host when a school hosts it,
    otherwise the home schools of its students."""
    if course.host.kind == OrganisationKind.SCHOOL:
        return {course.host_id}
    return set(Enrolment.objects.filter(course=course).values_list("student__school_id", flat=True))


def matching_commitments(
    *, kind: str, companies: set[int], schools: set[int], on: date
) -> list[Commitment]:
    """Commitments of ``kind`` by one of ``companies`` in the version in force of an
    agreement in force on ``on`` that also binds one of ``schools``."""
    if not companies or not schools:
        return []
    partner = AgreementParty.objects.filter(
        version=OuterRef("party__version"), organisation_id__in=schools
    )
    return list(
        Commitment.objects.filter(
            kind=kind,
            party__organisation_id__in=companies,
            party__version__agreement__status__in=IN_FORCE_STATUSES,
            party__version__agreement__in_force_version=F("party__version"),
            party__version__agreement__start_date__lte=on,
            party__version__agreement__end_date__gte=on,
        )
        .filter(Exists(partner))
        .select_related("party__version__agreement")
        .order_by("pk")
    )


def _record(
    *,
    actor: UserLike | None,
    course: Course,
    session: CourseSession | None,
    source: str,
    commitments: list[Commitment],
    delivered_on: date,
    quantity: Decimal,
    note: str,
    report: DeliveryReport,
) -> None:
    for commitment in commitments:
        if CourseDelivery.objects.filter(
            commitment_lineage=commitment.lineage, source=source
        ).exists():
            report.already += 1
            continue
        try:
            with transaction.atomic():
                delivery = delivery_record_derived(
                    actor=actor,
                    agreement=commitment.party.version.agreement,
                    commitment=commitment,
                    delivered_on=delivered_on,
                    quantity=quantity,
                    note=note,
                )
                report.recorded.append(
                    CourseDelivery.objects.create(
                        course=course,
                        session=session,
                        source=source,
                        commitment_lineage=commitment.lineage,
                        delivery=delivery,
                    )
                )
        except IntegrityError:
            # Recorded by a concurrent call between the check and the insert.
            report.already += 1
        except DomainError as error:
            report.skipped.append(f"{commitment.party.version.agreement}: {error.localized}")


@transaction.atomic
def session_deliveries_record(*, actor: UserLike | None, session: CourseSession) -> DeliveryReport:
    """Count a held session of a course with an industry instructor as instructor hours of
    each instructor's company, where an agreement in force binds that company and the
    course's school (see the module). Returns what was recorded, already there or skipped."""
    report = DeliveryReport()
    course = Course.objects.select_related("host").get(pk=session.course_id)
    companies = set(
        course.instructors.filter(
            is_industry=True, organisation__kind=OrganisationKind.COMPANY
        ).values_list("organisation_id", flat=True)
    )
    if not companies:
        return report
    hours = session_hours(course, session.held_on)
    if hours <= 0:
        return report
    _record(
        actor=actor,
        course=course,
        session=session,
        source=f"course-session:{session.pk}",
        commitments=matching_commitments(
            kind=CommitmentKind.INSTRUCTOR_HOURS,
            companies=companies,
            schools=partner_schools(course),
            on=session.held_on,
        ),
        delivered_on=session.held_on,
        quantity=hours,
        note=f"과목 '{course.title}' {session.number}회차 산업체 강사 수업 "
        f"(course {course.pk}, session {session.number})",
        report=report,
    )
    return report


@transaction.atomic
def tailored_class_deliveries_record(*, actor: UserLike | None, course: Course) -> DeliveryReport:
    """Count a company-tailored class with completed students as one curriculum module of its
    host company, dated on its last session, where an agreement in force binds the company
    and a school of the class (see the module). Nothing for another course type or a class
    nobody completed yet."""
    report = DeliveryReport()
    course = Course.objects.select_related("host").get(pk=course.pk)
    if course.course_type != CourseType.COMPANY_TAILORED:
        return report
    if course.host.kind != OrganisationKind.COMPANY:
        return report
    if not Enrolment.objects.filter(course=course, completed_at__isnull=False).exists():
        return report
    last = CourseSession.objects.filter(course=course).order_by("-held_on").first()
    if last is None:
        return report
    _record(
        actor=actor,
        course=course,
        session=None,
        source=f"course-completion:{course.pk}",
        commitments=matching_commitments(
            kind=CommitmentKind.CURRICULUM_MODULES,
            companies={course.host_id},
            schools=partner_schools(course),
            on=last.held_on,
        ),
        delivered_on=last.held_on,
        quantity=Decimal(1),
        note=f"취업맞춤반 '{course.title}' 운영·이수 (course {course.pk})",
        report=report,
    )
    return report


def course_deliveries_sync(*, actor: UserLike | None, course: Course) -> DeliveryReport:
    """Record every delivery the course's held sessions and its completion are due (for an
    agreement signed after the sessions were held); idempotent."""
    total = DeliveryReport()
    for session in CourseSession.objects.filter(course=course).order_by("number"):
        part = session_deliveries_record(actor=actor, session=session)
        total.recorded += part.recorded
        total.already += part.already
        total.skipped += part.skipped
    part = tailored_class_deliveries_record(actor=actor, course=course)
    total.recorded += part.recorded
    total.already += part.already
    total.skipped += part.skipped
    return total
