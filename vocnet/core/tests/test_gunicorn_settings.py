"""The deployed gunicorn settings (config/gunicorn_settings.py, ADR 0038): sync workers, two
per core, the health port bound first and made known to the workers, empty variables read as
their defaults. ``.ci/production-smoke`` runs gunicorn with them; this checks their logic."""

from __future__ import annotations

import multiprocessing
import os
import runpy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

SETTINGS = Path(__file__).resolve().parents[3] / "config" / "gunicorn_settings.py"
VARIABLES = (
    "GUNICORN_BIND",
    "GUNICORN_HEALTH_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_WORKER_CLASS",
    "GUNICORN_THREADS",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_SWITCH_INTERVAL_MS",
)


def _load(monkeypatch: pytest.MonkeyPatch, **variables: str) -> dict[str, Any]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_the_defaults_are_sync_workers_with_the_health_port_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = _load(monkeypatch)
    assert settings["bind"] == ["127.0.0.1:8001", "127.0.0.1:8000"]
    assert settings["worker_class"] == "sync"
    assert settings["workers"] == 2 * multiprocessing.cpu_count()
    # more than one thread would make gunicorn run threaded workers instead
    assert settings["threads"] == 1


def test_empty_variables_read_as_their_defaults_and_an_empty_health_bind_means_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as an operator's .env copied from .env.example leaves them
    settings = _load(monkeypatch, GUNICORN_WORKERS="", GUNICORN_BIND="", GUNICORN_HEALTH_BIND="")
    assert settings["bind"] == ["127.0.0.1:8000"]
    assert settings["workers"] == 2 * multiprocessing.cpu_count()


def test_threaded_workers_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _load(monkeypatch, GUNICORN_WORKER_CLASS="gthread", GUNICORN_THREADS="6")
    assert (settings["worker_class"], settings["threads"]) == ("gthread", 6)


@pytest.mark.parametrize(
    ("binds", "health"),
    [
        (["127.0.0.1:9001", "127.0.0.1:9000"], "127.0.0.1:9001"),
        # a command-line --bind replaced the list: no port is the health port
        (["127.0.0.1:9000"], None),
        (["127.0.0.1:9000", "127.0.0.1:9001"], None),
    ],
)
def test_the_workers_learn_the_health_port_only_when_it_is_bound_first(
    monkeypatch: pytest.MonkeyPatch, binds: list[str], health: str | None
) -> None:
    settings = _load(monkeypatch, GUNICORN_HEALTH_BIND="127.0.0.1:9001")
    settings["on_starting"](SimpleNamespace(cfg=SimpleNamespace(bind=binds)))
    assert os.environ.get("GUNICORN_HEALTH_BIND") == health
