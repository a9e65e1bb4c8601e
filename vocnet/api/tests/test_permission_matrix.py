"""The permission matrix: persona × endpoint × own / other organisation × method.

The rows live beside each app (``<app>/tests/permission_rows.py``) and are collected here from
every installed vocnet app. Every endpoint of the API must have at least one row
(``test_every_endpoint_has_a_row``): a new endpoint without a row fails the suite. For each row
and persona the request either succeeds (the persona is in ``allowed``) and, for a write,
changes something, or is refused (401 / 403 / 404) and writes nothing. List endpoints
additionally return exactly the rows the persona may see.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Model

from vocnet.api.api import api
from vocnet.core.models import AuditEvent
from vocnet.testing import PERSONAS, World
from vocnet.testing.matrix import Row, client_for, collect, send

APP_ROWS = collect()
ROWS: list[Row] = [row for app in APP_ROWS for row in app.rows]
COUNTED: tuple[type[Model], ...] = (
    AuditEvent,
    *(model for app in APP_ROWS for model in app.counted),
)


def _row_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in COUNTED)


def _target_values(row: Row, world: World) -> dict[str, Any] | None:
    target = world.objects.get(row.target or "")
    if not isinstance(target, Model):
        return None
    return type(target).objects.filter(pk=target.pk).values().first()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission_matrix(world: World, persona: str, row: Row) -> None:
    # Given a persona and an endpoint on their own or another organisation's object
    if row.prepare is not None:
        row.prepare(world)
    client = client_for(world, persona)
    counts_before, target_before = _row_counts(), _target_values(row, world)

    # When the persona calls it
    response = send(client, row, world)

    # Then only the allowed personas succeed, an allowed write changes something,
    # and a refusal writes nothing
    if persona in row.allowed:
        assert response.status_code in (200, 201), (response.status_code, response.content)
        if row.method != "GET" and not row.read_only:
            changed = _row_counts() != counts_before or _target_values(row, world) != target_before
            assert changed, "an allowed write changed no counted row and not its target"
    else:
        expected = {401} if persona == "anonymous" else {403, 404}
        assert response.status_code in expected, (response.status_code, response.content)
        assert _row_counts() == counts_before
        assert _target_values(row, world) == target_before
        body = response.json()
        assert body["message_ko"]
        assert body["message_en"]

    if row.visible and persona in row.visible:
        returned = {item["id"] for item in response.json()["items"]}
        expected_ids = {world.objects[key].pk for key in row.visible[persona]}
        assert returned == expected_ids


@pytest.mark.django_db
@pytest.mark.parametrize("row", [r for r in ROWS if r.method == "PATCH"], ids=lambda r: r.id)
def test_refused_change_leaves_object_untouched(world: World, row: Row) -> None:
    # Given a persona outside the allowed set (the local-government officer edits no registry row)
    assert "local_government_officer" not in row.allowed
    if row.prepare is not None:
        row.prepare(world)
    target = world.objects[row.target or ""]
    model = type(target)
    before = model.objects.filter(pk=target.pk).values().get()

    # When they try to change it
    response = send(client_for(world, "local_government_officer"), row, world)

    # Then it is refused and the row is exactly as before
    assert response.status_code in (403, 404)
    assert model.objects.filter(pk=target.pk).values().get() == before


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    # Evidence files written by the agreement rows go to a temporary directory.
    settings.MEDIA_ROOT = tmp_path / "media"


def test_rows_come_from_every_app_with_an_api() -> None:
    # Given the apps whose rows were collected
    apps_with_rows = {app.app for app in APP_ROWS}
    # Then the registry, agreements and demand rows are among them, none of them empty
    assert {"vocnet.registry", "vocnet.agreements", "vocnet.demand"} <= apps_with_rows
    assert all(app.rows for app in APP_ROWS)


def test_every_endpoint_has_a_row() -> None:
    # Given every operation the API publishes
    schema = api.get_openapi_schema(path_prefix="/api")
    published = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    # Then each has at least one row in the matrix, and no row names a missing endpoint
    covered = {(row.method, row.route) for row in ROWS}
    assert published - covered == set(), "endpoints without a permission-matrix row"
    assert covered - published == set(), "matrix rows for endpoints that do not exist"
