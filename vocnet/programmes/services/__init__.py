"""Writes of the programmes app: calls and applications (review follows in ``review``).

Each service takes the acting user, checks permission through ``vocnet.core.permissions``,
validates every field (bilingual problems naming the field and the rule), writes in one
transaction and records an audit entry.
"""

from vocnet.programmes.services.applications import (
    ApplicationContent,
    ApplicationInput,
    BudgetInput,
    ConsortiumPartyInput,
    GovernanceMemberInput,
    KpiInput,
    application_attach_document,
    application_create_draft,
    application_save,
    application_submit,
    application_withdraw,
)
from vocnet.programmes.services.calls import (
    CallInput,
    DocumentInput,
    StageInput,
    call_create,
    call_input_of,
    call_publish,
    call_update,
    rubric_item_update,
)

__all__ = [
    "ApplicationContent",
    "ApplicationInput",
    "BudgetInput",
    "CallInput",
    "ConsortiumPartyInput",
    "DocumentInput",
    "GovernanceMemberInput",
    "KpiInput",
    "StageInput",
    "application_attach_document",
    "application_create_draft",
    "application_save",
    "application_submit",
    "application_withdraw",
    "call_create",
    "call_input_of",
    "call_publish",
    "call_update",
    "rubric_item_update",
]
