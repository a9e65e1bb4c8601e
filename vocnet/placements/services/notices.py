"""Who field training tells, and what (issue 15 §5): the notification centre's messages for a
placement's events. Each function is called by the service that records the event, inside its
transaction; e-mail follows from a background task after commit."""

from __future__ import annotations

from vocnet.notifications.models import NotificationKind
from vocnet.notifications.recipients import members, province_officers
from vocnet.notifications.services import Message, notify
from vocnet.placements.models import IncidentKind, IncidentLevel, IncidentReport, Placement
from vocnet.registry.models import GuardianLink, Role


def _student_and_guardians(placement: Placement) -> list[int]:
    people = [placement.student.user_id] if placement.student.user_id else []
    people += list(
        GuardianLink.objects.filter(student_id=placement.student_id).values_list(
            "guardian__user_id", flat=True
        )
    )
    return [pk for pk in people if pk is not None]


def _office(placement: Placement) -> list[int]:
    school = placement.student.school.organisation
    office = school.region.support_office if school.region else None
    return members([office.organisation_id if office else None], Role.SUPPORT_OFFICE_OFFICER)


def _school_and_office(placement: Placement) -> list[int]:
    school = placement.student.school.organisation
    return members([school.pk], Role.SCHOOL_STAFF) + _office(placement)


def tell_incident(incident: IncidentReport) -> None:
    """A breach in the hours diary goes to the school (and its office) and the guardians; any
    other report to the school and the support office, with its deadline."""
    placement = incident.placement
    student = placement.student.name
    due = incident.response_due.strftime("%Y-%m-%d")
    url = f"/placements/{placement.pk}/"
    if incident.kind == IncidentKind.HOURS_BREACH:
        recipients = _school_and_office(placement) + _student_and_guardians(placement)
        message = Message(
            kind=NotificationKind.DIARY_BREACH,
            title_ko=f"실습 시간 위반: {student}",
            title_en=f"Hours breach: {student}",
            body_ko=f"학교 답변 기한 {due}",
            body_en=f"The school answers by {due}",
            url=url,
        )
    elif incident.level == IncidentLevel.OFFICE:
        # The school filed it: its support office answers (not the school itself).
        recipients = _office(placement)
        message = Message(
            kind=NotificationKind.INCIDENT,
            title_ko=f"학교가 신고한 사고·고충: {student} ({incident.get_kind_display()})",
            title_en=f"Incident reported by the school: {student} ({incident.kind})",
            body_ko=f"교육지원청 답변 기한 {due}",
            body_en=f"The support office answers by {due}",
            url=url,
        )
    else:
        recipients = _school_and_office(placement)
        message = Message(
            kind=NotificationKind.INCIDENT,
            title_ko=f"사고·고충 신고: {student} ({incident.get_kind_display()})",
            title_en=f"Incident or grievance reported: {student} ({incident.kind})",
            body_ko=f"학교 답변 기한 {due}",
            body_en=f"The school answers by {due}",
            url=url,
        )
    notify(recipient_ids=recipients, message=message, key=f"incident:{incident.pk}:filed")


def tell_escalation(incident: IncidentReport) -> None:
    placement = incident.placement
    due = incident.response_due.strftime("%Y-%m-%d")
    notify(
        recipient_ids=province_officers() + _school_and_office(placement),
        message=Message(
            kind=NotificationKind.INCIDENT,
            title_ko=f"기한을 넘긴 신고가 도교육청으로 이관되었습니다: {placement.student.name}",
            title_en=f"An overdue report went to the province: {placement.student.name}",
            body_ko=f"도교육청 답변 기한 {due}",
            body_en=f"The province answers by {due}",
            url=f"/placements/{placement.pk}/",
        ),
        key=f"incident:{incident.pk}:escalated",
    )


def tell_signature_request(placement: Placement, version_number: int) -> None:
    """A new contract version waits for the parties' signatures."""
    company = placement.offer.company.organisation_id
    recipients = (
        members([company], Role.COMPANY_STAFF)
        + members([placement.student.school.organisation_id], Role.SCHOOL_STAFF)
        + _student_and_guardians(placement)
    )
    notify(
        recipient_ids=recipients,
        message=Message(
            kind=NotificationKind.SIGNATURE_REQUEST,
            title_ko=f"표준협약서 서명 요청: {placement.student.name} (제{version_number}판)",
            title_en=f"Contract to sign: {placement.student.name} (version {version_number})",
            url=f"/placements/{placement.pk}/",
        ),
        key=f"contract:{placement.pk}:v{version_number}",
    )
