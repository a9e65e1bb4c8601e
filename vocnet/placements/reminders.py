"""Field training's reminders (issue 15 §5), registered with the notification centre in
``PlacementsConfig.ready()``: a monitoring visit due (to the teacher) and a host's vetting
about to expire (to the company and its support office). Sent once a day by
``manage.py send_reminders`` / the ``send_reminders`` task (``vocnet.notifications.reminders``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from vocnet.notifications.models import NotificationKind
from vocnet.notifications.reminders import Reminder, register_reminder_source
from vocnet.notifications.services import Message
from vocnet.placements.models import HostVetting, MonitoringVisit, VettingStatus
from vocnet.placements.selectors.visits_due import placements_due_for_visit
from vocnet.registry.models import Membership, Role

# How long before the end of a vetting's validity its company and office are reminded
# (vocnet policy: time enough for a new inspection).
VETTING_NOTICE_DAYS = 30


def _members_by_organisation(organisation_ids: set[int], role: str) -> dict[int, list[int]]:
    rows = Membership.objects.filter(
        organisation_id__in=organisation_ids, role=role, is_active=True
    ).values_list("organisation_id", "user_id")
    found: dict[int, list[int]] = defaultdict(list)
    for organisation_id, user_id in rows:
        found[organisation_id].append(user_id)
    return found


def visits_due_reminders(day: date) -> Iterator[Reminder]:
    """One reminder per placement due for a monitoring visit on ``day``
    (``placements.selectors.visits_due``), to the teacher of its last visit when they still
    work at the school, else to the school's staff."""
    due = list(placements_due_for_visit(day).select_related("student__school__organisation"))
    if not due:
        return
    staff = _members_by_organisation({p.student.school_id for p in due}, Role.SCHOOL_STAFF)
    last_teacher: dict[int, int] = {}
    for placement_id, teacher_id in (
        MonitoringVisit.objects.filter(placement_id__in=[p.pk for p in due], teacher__isnull=False)
        .order_by("placement_id", "visited_on", "pk")
        .values_list("placement_id", "teacher_id")
    ):
        last_teacher[placement_id] = teacher_id
    for placement in due:
        school_staff = staff.get(placement.student.school_id, [])
        teacher = last_teacher.get(placement.pk)
        recipients = [teacher] if teacher in school_staff else school_staff
        if not recipients:
            continue
        name = placement.student.name
        yield Reminder(
            recipient_ids=tuple(recipients),
            message=Message(
                kind=NotificationKind.VISIT_DUE,
                title_ko=f"순회지도 예정: {name}",
                title_en=f"Monitoring visit due: {name}",
                body_ko="실습 시작 14일 뒤 첫 방문, 이후 28일마다(vocnet 정책, 지침 미확인)",
                body_en="First visit 14 days after the start, then every 28 days (vocnet "
                "policy; guideline not verified)",
                url=f"/placements/placements/{placement.pk}/#visit",
            ),
            item=f"visit_due:{placement.pk}",
        )


def vetting_expiry_reminders(day: date) -> Iterator[Reminder]:
    """One reminder per approved vetting whose validity ends within
    :data:`VETTING_NOTICE_DAYS` days of ``day`` and that no later approval follows, to the
    company's staff and its region's support office."""
    later = HostVetting.objects.filter(
        company_id=OuterRef("company_id"),
        status=VettingStatus.APPROVED,
        valid_until__gt=OuterRef("valid_until"),
    )
    ending = list(
        HostVetting.objects.filter(
            status=VettingStatus.APPROVED,
            valid_until__gte=day,
            valid_until__lte=day + timedelta(days=VETTING_NOTICE_DAYS),
        )
        .exclude(Exists(later))
        .select_related("company__organisation__region__support_office")
        .order_by("valid_until", "pk")
    )
    if not ending:
        return
    companies = _members_by_organisation({v.company_id for v in ending}, Role.COMPANY_STAFF)
    offices: set[int] = set()
    for vetting in ending:
        region = vetting.company.organisation.region
        office = region.support_office if region is not None else None
        if office is not None and office.organisation_id is not None:
            offices.add(office.organisation_id)
    officers = _members_by_organisation(offices, Role.SUPPORT_OFFICE_OFFICER)
    for vetting in ending:
        region = vetting.company.organisation.region
        office = region.support_office if region else None
        office_id = office.organisation_id if office is not None else None
        recipients = companies.get(vetting.company_id, []) + (
            officers.get(office_id, []) if office_id is not None else []
        )
        if not recipients:
            continue
        name = vetting.company.organisation.name_ko
        until = f"{vetting.valid_until:%Y-%m-%d}"
        yield Reminder(
            recipient_ids=tuple(recipients),
            message=Message(
                kind=NotificationKind.VETTING_EXPIRY,
                title_ko=f"참여기업 선정 만료 예정: {name} ({until})",
                title_en=f"Host approval ends soon: {name} ({until})",
                body_ko="만료 뒤에는 새 제안을 게시할 수 없습니다. 재심사를 신청하세요.",
                body_en="After it ends no new offer can be published: apply for a new vetting.",
                url=f"/placements/vettings/{vetting.pk}/",
            ),
            item=f"vetting_expiry:{vetting.pk}",
        )


def install() -> None:
    register_reminder_source("placements.visits_due", visits_due_reminders)
    register_reminder_source("placements.vetting_expiry", vetting_expiry_reminders)
