"""The permission matrix's vocabulary: one :class:`Row` per persona-independent API call.

Each app lists its rows in ``<app>/tests/permission_rows.py`` (``ROWS``) together with the models
whose row counts prove that a refused call wrote nothing (``COUNTED``);
``vocnet/api/tests/test_permission_matrix.py`` collects them from every installed vocnet app and
runs each row for every persona. See ADR 0001.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client

from vocnet.testing import PERSONAS, World, sign_in

SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
PROVINCE = frozenset({"province_officer"})


@dataclass(frozen=True)
class Row:
    method: str
    route: str  # the OpenAPI path template, e.g. /api/schools/{school_id}
    target: str | None  # a key of World.objects, or a region marker for creates
    allowed: frozenset[str]
    payload: Callable[[World], dict[str, Any]] | None = None
    # For list endpoints: persona → keys of World.objects that must be exactly the result.
    visible: dict[str, set[str]] = field(default_factory=dict)
    list_model: str | None = None
    # For multipart uploads (the Excel import): world → (file name, content).
    upload: Callable[[World], tuple[str, bytes]] | None = None
    # Route parameters that are not object ids, e.g. {"entity": "students"}.
    params: dict[str, str] = field(default_factory=dict)
    # Builds the row's targets into World.objects before the call (e.g. agreements).
    prepare: Callable[[World], None] | None = None
    # Sends the request itself (e.g. a multipart form with extra fields).
    send: Callable[[Client, World], Any] | None = None
    # A POST that only reads (a search sent in the body): succeeding need not change a row.
    read_only: bool = False

    def path(self, world: World) -> str:
        path = self.route
        for name, value in self.params.items():
            path = path.replace("{" + name + "}", value)
        if self.target and "{" in path:
            obj = world.objects[self.target]
            start, end = path.index("{"), path.index("}")
            path = path[:start] + str(obj.pk) + path[end + 1 :]
        return path

    @property
    def id(self) -> str:
        entity = ",".join(self.params.values())
        return f"{self.method} {self.route} [{self.target or '-'}{':' + entity if entity else ''}]"


@dataclass(frozen=True)
class AppRows:
    """The rows and counted models of one app."""

    app: str
    rows: list[Row]
    counted: tuple[type[Model], ...]


def collect() -> list[AppRows]:
    """Every installed vocnet app's ``tests.permission_rows`` module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("vocnet."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.permission_rows")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.permission_rows"):
                raise
            continue
        found.append(AppRows(config.name, list(module.ROWS), tuple(module.COUNTED)))
    return found


def client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def send(client: Client, row: Row, world: World) -> Any:
    if row.send is not None:
        return row.send(client, world)
    path = row.path(world)
    if row.method == "GET":
        return client.get(path)
    if row.upload is not None:
        name, content = row.upload(world)
        return client.post(path, {"file": SimpleUploadedFile(name, content), "dry_run": "false"})
    body = json.dumps(row.payload(world) if row.payload else {})
    return client.generic(row.method, path, body, content_type="application/json")
