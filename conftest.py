"""Project-wide pytest fixtures."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def world(db: Any) -> Any:
    from vocnet.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: SQLite reuses ids after a rolled-back test, so a
    page cached under one test's data version could otherwise be served in the next test."""
    from django.core.cache import cache

    cache.clear()
