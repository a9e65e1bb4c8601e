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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Every test marked ``browser``, in whichever app: skipped on a developer's machine where
    Chromium or axe-core is missing, failed under ``VOCNET_REQUIRE_BROWSER=1`` (CI) — the rule
    of vocnet/core/tests/browser/conftest.py, whose own hook reaches only its directory."""
    if item.get_closest_marker("browser"):
        from vocnet.core.tests.browser.conftest import pytest_runtest_setup as verdict

        verdict(item)
