"""The 개인정보 처리방침 page is built from the personal-data inventory, which
test_inventory.py holds to the models: every table and every personal field of the inventory
is on the page, and nothing else is (issue 16 §6)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils.html import escape

from vocnet.privacy.inventory import PERSONAL

pytestmark = pytest.mark.django_db


def test_the_policy_lists_every_personal_field_of_the_inventory_and_nothing_else() -> None:
    # Given anyone, signed in or not
    # When they open the 개인정보 처리방침 from the footer
    response = Client().get("/privacy/policy/")

    # Then every table of personal data is there with exactly its inventoried fields
    assert response.status_code == 200
    html = response.content.decode()
    tables = re.findall(r'data-policy-file="([^"]+)"(.*?)</table>', html, re.S)
    listed = {label: re.findall(r'data-field="([^"]+)"', body) for label, body in tables}
    assert listed == {label: list(entry.personal) for label, entry in PERSONAL.items()}
    # under the names the interface gives them, with their retention and basis
    for label, entry in PERSONAL.items():
        assert str(apps.get_model(label)._meta.verbose_name) in html
        assert escape(entry.basis) in html
    assert "학번" in html  # registry.student.student_number's verbose name


def test_a_field_added_to_the_inventory_appears_on_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given the inventory gains a field (as it must when a model does: test_inventory.py)
    from dataclasses import replace

    from vocnet.privacy import policy

    student = PERSONAL["registry.student"]
    grown = {
        **PERSONAL,
        "registry.student": replace(student, personal={**student.personal, "nickname": "why"}),
    }
    monkeypatch.setattr(policy, "PERSONAL", grown)

    # When the policy is shown
    html = Client().get("/privacy/policy/").content.decode()

    # Then the new field is listed without anyone editing the page
    assert 'data-field="nickname"' in html
