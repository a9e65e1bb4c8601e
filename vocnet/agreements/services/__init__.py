"""Writes of the agreements app: drafting, the lifecycle, deliveries and reminders.

Each service takes the acting user, checks permission through ``vocnet.core.permissions``,
validates every field (bilingual problems), writes in one transaction and records an audit
entry on the agreement (``AuditEvent`` with ``object_type="agreements.agreement"``).
"""

from vocnet.agreements.services.deliveries import DeliveryInput, delivery_record
from vocnet.agreements.services.drafting import agreement_create_draft, agreement_update_draft
from vocnet.agreements.services.drafting_validation import (
    AgreementInput,
    CommitmentInput,
    DraftChanges,
    PartyInput,
)
from vocnet.agreements.services.lifecycle import (
    agreement_amend,
    agreement_circulate,
    agreement_complete,
    agreement_sign,
    agreement_terminate,
    agreement_withdraw_amendment,
)
from vocnet.agreements.services.reminders import ReminderRun, reminders_run

__all__ = [
    "AgreementInput",
    "CommitmentInput",
    "DeliveryInput",
    "DraftChanges",
    "PartyInput",
    "ReminderRun",
    "agreement_amend",
    "agreement_circulate",
    "agreement_complete",
    "agreement_create_draft",
    "agreement_sign",
    "agreement_terminate",
    "agreement_update_draft",
    "agreement_withdraw_amendment",
    "delivery_record",
    "reminders_run",
]
