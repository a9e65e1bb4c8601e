"""The personal-data inventory matches the models (issue 8, item 7): a new field about a
person without an entry fails here."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.db.models import Model

from vocnet.privacy.inventory import (
    NAMED_PEOPLE_MODELS,
    NOT_PERSONAL,
    PERSONAL,
    PERSONAL_DATA_APPS,
    SUBJECT_MODELS,
    entry_fields,
)
from vocnet.privacy.rendering import render_inventory

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "personal-data.md"


def _fields(model: type[Model]) -> set[str]:
    meta = model._meta
    return {f.name for f in meta.concrete_fields} | {f.name for f in meta.many_to_many}


def _refers_to_a_person(model: type[Model]) -> bool:
    return any(
        f.is_relation and f.related_model is not None
        and f.related_model._meta.label_lower in SUBJECT_MODELS
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
    )  # fmt: skip


def _checked_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PERSONAL_DATA_APPS
        or model._meta.label_lower in NAMED_PEOPLE_MODELS
        or _refers_to_a_person(model)
    ]


def test_every_field_about_a_person_is_in_the_inventory() -> None:
    # Given every model of the personal-data apps and every model that refers to a student
    # or a guardian
    problems = []
    for model in _checked_models():
        label = model._meta.label_lower
        listed = entry_fields(label)
        # Then each is listed, field by field, and the inventory names no field it lacks
        if listed is None:
            problems.append(f"{label}: not in vocnet/privacy/inventory.py")
            continue
        if missing := sorted(_fields(model) - listed):
            problems.append(f"{label}: fields not in the inventory: {', '.join(missing)}")
        if stale := sorted(listed - _fields(model)):
            problems.append(f"{label}: inventory lists fields the model lacks: {', '.join(stale)}")
    assert not problems, (
        "Add each field to vocnet/privacy/inventory.py (why it is needed, or why it is not "
        "personal), then run `manage.py personal_data_inventory --write`:\n" + "\n".join(problems)
    )


def test_the_inventory_lists_no_model_that_does_not_exist() -> None:
    existing = {model._meta.label_lower for model in apps.get_models()}

    assert set(PERSONAL) - existing == set()
    assert set(NOT_PERSONAL) - existing == set()
    assert set(PERSONAL) & set(NOT_PERSONAL) == set()


def test_every_personal_model_says_whose_data_why_and_how_long() -> None:
    for label, entry in PERSONAL.items():
        assert entry.subject, label
        assert entry.retention, label
        assert entry.basis, label
        assert all(why.strip() for why in entry.personal.values()), label


def test_the_people_of_the_registry_are_in_it() -> None:
    assert {
        "accounts.user",
        "registry.student",
        "registry.guardian",
        "registry.guardianlink",
        "registry.membership",
    } <= set(PERSONAL)
    assert "birth_date" in PERSONAL["registry.student"].personal


def test_docs_personal_data_md_is_the_rendered_inventory() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == render_inventory(), (
        "docs/personal-data.md is out of date: run `manage.py personal_data_inventory --write`"
    )
