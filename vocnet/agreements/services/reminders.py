"""Reminders 90 and 30 days before an agreement expires and before a yearly target falls
due, mailed to the staff of the parties (``manage.py send_agreement_reminders``).

A system job, not a user's write: no actor and no audit entry. Idempotent: a reminder is
created once per (agreement, kind) or (target, kind) — unique constraints guarantee it —
and mailed until ``sent_at`` is set.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from vocnet.agreements.models import (
    IN_FORCE_STATUSES,
    Agreement,
    AgreementParty,
    CommitmentTarget,
    Reminder,
    ReminderKind,
)
from vocnet.agreements.policies import SIGNING_ROLES
from vocnet.registry.models import Membership

# (kind with the longer lead time, its days, kind with the shorter one, its days)
_WINDOWS = (
    (ReminderKind.EXPIRY_90, 90, ReminderKind.EXPIRY_30, 30),
    (ReminderKind.TARGET_DUE_90, 90, ReminderKind.TARGET_DUE_30, 30),
)


@dataclass(frozen=True)
class ReminderRun:
    created: int
    sent: int
    failed: int


def _kind_due(due: date, today: date, long_kind: str, short_kind: str) -> str | None:
    """The reminder due on ``today`` for ``due``: the 30-day one inside 30 days, the 90-day
    one between 90 and 31 days, none otherwise (a run missed for weeks sends one, not two)."""
    days_left = (due - today).days
    if 0 <= days_left <= 30:
        return short_kind
    if 30 < days_left <= 90:
        return long_kind
    return None


@transaction.atomic
def reminders_create_due(*, today: date) -> list[Reminder]:
    """Create every reminder due on ``today`` that does not exist yet; returns them."""
    expiry_long, _, expiry_short, _ = _WINDOWS[0]
    target_long, _, target_short, _ = _WINDOWS[1]
    agreements = list(
        Agreement.objects.filter(
            status__in=IN_FORCE_STATUSES,
            end_date__gte=today,
            end_date__lte=today + timedelta(days=90),
        )
    )
    new: list[Reminder] = []
    existing_expiry = set(
        Reminder.objects.filter(target__isnull=True, agreement__in=agreements).values_list(
            "agreement_id", "kind"
        )
    )
    for agreement in agreements:
        kind = _kind_due(agreement.end_date, today, expiry_long, expiry_short)
        if kind and (agreement.pk, kind) not in existing_expiry:
            new.append(Reminder(agreement=agreement, kind=kind, due_date=agreement.end_date))
    targets = list(
        CommitmentTarget.objects.filter(
            commitment__party__version__agreement__status__in=IN_FORCE_STATUSES,
            commitment__party__version__agreement__in_force_version=F("commitment__party__version"),
            due_date__gte=today,
            due_date__lte=today + timedelta(days=90),
            quantity__gt=0,
        ).select_related("commitment__party__version")
    )
    existing_target = set(
        Reminder.objects.filter(target__in=targets).values_list("target_id", "kind")
    )
    for target in targets:
        kind = _kind_due(target.due_date, today, target_long, target_short)
        if kind and (target.pk, kind) not in existing_target:
            new.append(
                Reminder(
                    agreement_id=target.commitment.party.version.agreement_id,
                    target=target,
                    kind=kind,
                    due_date=target.due_date,
                )
            )
    # ignore_conflicts: a second run at the same moment cannot create a twin.
    Reminder.objects.bulk_create(new, ignore_conflicts=True)
    return new


def _recipients(parties: Iterable[AgreementParty]) -> list[str]:
    """E-mail addresses of the active staff who act for these parties."""
    pairs = [(p.organisation_id, SIGNING_ROLES.get(p.organisation.kind)) for p in parties]
    addresses: set[str] = set()
    memberships = Membership.objects.filter(
        organisation_id__in=[org for org, _ in pairs], is_active=True, user__is_active=True
    ).select_related("user")
    wanted = set(pairs)
    for membership in memberships:
        if (membership.organisation_id, membership.role) in wanted and membership.user.email:
            addresses.add(membership.user.email)
    return sorted(addresses)


def _message(reminder: Reminder) -> tuple[str, str]:
    agreement = reminder.agreement
    if reminder.target is None:
        subject = f"[vocnet] 협약 만료 알림 / Agreement expiry: {agreement.title}"
        body = (
            f"'{agreement.title}' 협약이 {reminder.due_date}에 만료됩니다. 종료 또는 변경 "
            "협약을 준비하세요.\n\n"
            f"The agreement '{agreement.title}' expires on {reminder.due_date}. Prepare its "
            "completion or an amendment."
        )
    else:
        commitment = reminder.target.commitment
        subject = f"[vocnet] 연차 목표 기한 알림 / Yearly target due: {agreement.title}"
        body = (
            f"'{agreement.title}' 협약의 약속 '{commitment.description}'의 "
            f"{reminder.target.year_index}차년도 목표({reminder.target.quantity} "
            f"{commitment.get_unit_display()})가 {reminder.due_date}에 기한입니다.\n\n"
            f"The year-{reminder.target.year_index} target of the commitment "
            f"'{commitment.description}' in '{agreement.title}' "
            f"({reminder.target.quantity} {commitment.unit}) falls due on {reminder.due_date}."
        )
    return subject, body


def reminders_send_pending() -> tuple[int, int]:
    """Mail every reminder not sent yet; returns (sent, failed). A failed send stays
    pending for the next run."""
    sent = failed = 0
    pending = Reminder.objects.filter(sent_at__isnull=True).select_related(
        "agreement__in_force_version", "target__commitment__party__organisation"
    )
    for reminder in pending:
        version = reminder.agreement.in_force_version
        if version is None:
            continue
        parties = list(version.parties.select_related("organisation"))
        if reminder.target is not None:
            responsible = reminder.target.commitment.party.organisation_id
            lead = reminder.agreement.lead_organisation_id
            parties = [p for p in parties if p.organisation_id in (responsible, lead)]
        recipients = _recipients(parties)
        subject, body = _message(reminder)
        try:
            if recipients:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except (OSError, smtplib.SMTPException):
            failed += 1
            continue
        reminder.recipients = recipients
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["recipients", "sent_at"])
        sent += 1
    return sent, failed


def reminders_run(*, today: date) -> ReminderRun:
    """Create the reminders due on ``today`` and mail every pending one."""
    created = reminders_create_due(today=today)
    sent, failed = reminders_send_pending()
    return ReminderRun(created=len(created), sent=sent, failed=failed)
