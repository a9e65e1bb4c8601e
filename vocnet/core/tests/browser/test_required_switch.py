"""``VOCNET_REQUIRE_BROWSER=1`` turns the browser tests' skip into a failure (CI sets it), so CI
cannot pass without having driven Chromium and axe-core. These tests need neither tool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from vocnet.core.tests.browser import conftest

MISSING = ["Chromium is not installed at /usr/bin/chromium"]


def test_nothing_missing_runs_the_browser_tests_even_when_required() -> None:
    # Given every tool present, When asked, Then the tests run (no verdict)
    assert conftest.verdict_on_missing_tools([], {"VOCNET_REQUIRE_BROWSER": "1"}) is None
    assert conftest.verdict_on_missing_tools([], {}) is None


def test_a_missing_tool_skips_on_a_developer_machine() -> None:
    # Given Chromium missing and the variable unset or not "1"
    for environ in ({}, {"VOCNET_REQUIRE_BROWSER": "0"}, {"VOCNET_REQUIRE_BROWSER": ""}):
        # Then the browser tests skip, naming what is missing
        assert conftest.verdict_on_missing_tools(MISSING, environ) == ("skip", MISSING[0])


def test_a_missing_tool_fails_when_the_browser_is_required() -> None:
    # Given Chromium missing in CI
    verdict = conftest.verdict_on_missing_tools(MISSING, {"VOCNET_REQUIRE_BROWSER": "1"})
    # Then the browser tests fail, naming the variable and what is missing
    assert verdict == (
        "fail",
        "the browser tests are required (VOCNET_REQUIRE_BROWSER=1): " + MISSING[0],
    )


@dataclass
class _Item:
    marked: bool

    def get_closest_marker(self, name: str) -> Any:
        return object() if self.marked and name == "browser" else None


def test_the_setup_hook_fails_a_browser_test_when_required(monkeypatch: Any) -> None:
    # Given Chromium missing and VOCNET_REQUIRE_BROWSER=1
    monkeypatch.setattr(conftest, "_missing_tools", lambda: list(MISSING))
    monkeypatch.setenv("VOCNET_REQUIRE_BROWSER", "1")
    # When a browser test is set up, Then it fails (a skip would let CI pass)
    with pytest.raises(pytest.fail.Exception, match="VOCNET_REQUIRE_BROWSER=1"):
        conftest.pytest_runtest_setup(_Item(marked=True))  # type: ignore[arg-type]
    # And a test that is not a browser test is left alone
    conftest.pytest_runtest_setup(_Item(marked=False))  # type: ignore[arg-type]


def test_the_setup_hook_skips_a_browser_test_when_not_required(monkeypatch: Any) -> None:
    monkeypatch.setattr(conftest, "_missing_tools", lambda: list(MISSING))
    monkeypatch.delenv("VOCNET_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        conftest.pytest_runtest_setup(_Item(marked=True))  # type: ignore[arg-type]
