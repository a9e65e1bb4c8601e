"""Reminders (issue 15 §5): what is due soon, told once a day through the notification centre.

The apps that know what is due register a *source* in their ``AppConfig.ready()`` (a lower
layer must not import them): a function of the day that returns the reminders due that day.
:func:`reminders_send` writes each through :func:`vocnet.notifications.services.notify` under a
key naming the item and the day, so running it twice a day — the command, the task, a retry —
sends nothing twice, and the next day reminds again while the item is still due. E-mail
follows from the notification centre's background task and each person's preferences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from vocnet.notifications.services import Message, notify


@dataclass(frozen=True)
class Reminder:
    """One item due: who to tell, what, and the item's key (the day is added when sent)."""

    recipient_ids: tuple[int, ...]
    message: Message
    item: str


ReminderSource = Callable[[date], Iterable[Reminder]]
_sources: dict[str, ReminderSource] = {}


def register_reminder_source(name: str, source: ReminderSource) -> None:
    """Install ``source`` under ``name`` (again: replaced). Called from ``AppConfig.ready()``."""
    _sources[name] = source


def reminder_sources() -> dict[str, ReminderSource]:
    return dict(sorted(_sources.items()))


def reminder_key(item: str, day: date) -> str:
    return f"reminder:{item}:{day.isoformat()}"


def reminders_due(day: date) -> Iterator[Reminder]:
    """Every source's reminders for ``day``, in the sources' name order."""
    for source in reminder_sources().values():
        yield from source(day)


@dataclass(frozen=True)
class ReminderResult:
    items: int
    notifications: int


def reminders_send(
    day: date,
    *,
    reminders: Iterable[Reminder] | None = None,
    progress: Callable[[], None] | None = None,
) -> ReminderResult:
    """Tell everyone what is due on ``day``: one notification per recipient, item and day
    (already sent that day: nothing new). Returns the items walked and notifications written;
    ``progress`` is called after each item (a progress bar)."""
    items = written = 0
    for reminder in reminders if reminders is not None else reminders_due(day):
        with transaction.atomic():
            written += len(
                notify(
                    recipient_ids=reminder.recipient_ids,
                    message=reminder.message,
                    key=reminder_key(reminder.item, day),
                )
            )
        items += 1
        if progress is not None:
            progress()
    return ReminderResult(items=items, notifications=written)
