"""The 개인정보 처리방침 page's content, built from the personal-data inventory.

The page lists what :mod:`vocnet.privacy.inventory` lists — the same source that
docs/personal-data.md is generated from and that ``test_inventory.py`` checks against the
models — so the published policy cannot drift from the tables (``test_policy.py``).
개인정보 보호법 제30조 asks the policy to state the purposes, the items, how long they are kept,
the legal basis and how they are destroyed; those come from the inventory, table by table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from vocnet.privacy.inventory import PERSONAL


@dataclass(frozen=True)
class PolicyItem:
    name: str  # the field as the interface names it (its verbose name)
    code: str  # the field's name in the inventory
    purpose: str


@dataclass(frozen=True)
class PolicyFile:
    """One personal-data file (개인정보파일): a table about people."""

    label: str
    title: str
    subject: str
    retention: str
    basis: str
    items: list[PolicyItem]


def _field_name(model: type, code: str) -> str:
    try:
        field = model._meta.get_field(code)  # type: ignore[attr-defined]
    except FieldDoesNotExist:
        return code
    return str(getattr(field, "verbose_name", code))


def policy_files() -> list[PolicyFile]:
    """Every table of personal data in the inventory, in the inventory's order, with each
    personal field's interface name and purpose."""
    files = []
    for label, entry in PERSONAL.items():
        model = apps.get_model(label)
        files.append(
            PolicyFile(
                label=label,
                title=str(model._meta.verbose_name),
                subject=entry.subject,
                retention=entry.retention,
                basis=entry.basis,
                items=[
                    PolicyItem(_field_name(model, code), code, purpose)
                    for code, purpose in entry.personal.items()
                ],
            )
        )
    return files
