"""Browser journeys: a live server on the small Gyeonggi demo, Debian's Chromium, axe-core.

pytest-django's ``live_server`` serves the test database (static files through the finders,
so KRDS and its font come from node_modules as in development). It makes every test
transactional: the tables are emptied after each test, so the module asks for
``serialized_rollback`` (the reference lists loaded by migrations come back before each
test) and each test loads the demo at a small scale (~0.1 s). When the module ends, the
reference lists are restored for the tests that follow on the same worker.
See docs/adr/0005-browser-tests-and-web-bench.md. Each journey also fails on anything the
pages' Content-Security-Policy blocked (ADR 0008); sign-in goes through ``login.log_in``.
"""

from __future__ import annotations

import json
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
# Small enough to load in ~0.1 s, large enough for every page to have rows and paging.
DEMO_SCALE = 0.02
BLOCKING_IMPACTS = ("serious", "critical")
T = TypeVar("T")


REQUIRE_BROWSER = "VOCNET_REQUIRE_BROWSER"


def _missing_tools() -> list[str]:
    reasons = []
    if not CHROMIUM.exists():
        reasons.append(f"Chromium is not installed at {CHROMIUM} (.ci/run installs it with apt)")
    if not AXE_SCRIPT.exists():
        reasons.append(f"axe-core is missing at {AXE_SCRIPT} (bin/install runs npm ci)")
    return reasons


def verdict_on_missing_tools(
    reasons: list[str], environ: Mapping[str, str]
) -> tuple[str, str] | None:
    """What becomes of the browser tests when a tool is missing: ``None`` when none is;
    ``("skip", why)`` on a developer's machine; ``("fail", why)`` where
    ``VOCNET_REQUIRE_BROWSER=1`` (CI sets it), so that CI cannot pass without having run them."""
    if not reasons:
        return None
    reason = "; ".join(reasons)
    if environ.get(REQUIRE_BROWSER) == "1":
        return "fail", f"the browser tests are required ({REQUIRE_BROWSER}=1): {reason}"
    return "skip", reason


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip the browser tests, saying why, where Chromium or axe-core is missing; fail them
    instead under ``VOCNET_REQUIRE_BROWSER=1``. Runs before any fixture (the live server,
    Playwright) is set up."""
    if not item.get_closest_marker("browser"):
        return
    verdict = verdict_on_missing_tools(_missing_tools(), os.environ)
    if verdict is None:
        return
    outcome, reason = verdict
    if outcome == "fail":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Put the reference lists back when the module ends.

    Each test here ends with every table emptied; ``serialized_rollback`` refills them at
    the start of the next test only. pytest-xdist (``--dist loadfile``) schedules the biggest
    files first, not transactional tests last, so ordinary tests may follow on this worker:
    they must find the database as migrations left it."""
    yield
    from django.db import connection

    from vocnet.registry.models import Region

    with django_db_blocker.unblock():
        # Serialized by setup_databases because this module asks for serialized_rollback.
        snapshot: str = connection._test_serialized_contents  # type: ignore[attr-defined]
        connection.creation.deserialize_db_from_string(snapshot)
        assert Region.objects.count() == 31, "the reference lists were not restored"


@pytest.fixture
def demo_server(live_server: Any, restored_database: None) -> str:
    """The URL of pytest-django's live server, on the small demo loaded for this test, with
    the demo staff logins' authenticators (the demo's public TOTP secret)."""
    from vocnet.core.tests.browser.login import forget_used_codes
    from vocnet.demo.accounts import load_accounts_demo
    from vocnet.demo.registry import load_demo

    load_demo(scale=DEMO_SCALE)
    load_accounts_demo()
    forget_used_codes()
    return str(live_server.url)


class BrowserThread:
    """One Chromium for the module, driven through Playwright's sync API from a thread of its
    own; ``run(journey)`` calls ``journey(page)`` there on a new page without cookies and
    returns its result or raises its exception.

    Playwright's sync API marks an asyncio loop as running in the thread that starts it.
    Django then refuses ORM calls in that thread and, worse, hands out a second set of
    connections for that "async" context — without the test database's serialized snapshot,
    so the rollback between tests would silently do nothing. Here the test thread never runs
    Playwright, and the database fixtures keep working as in any other test."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._started: Future[None] = Future()
        self._thread = threading.Thread(target=self._serve, name="playwright", daemon=True)
        self._thread.start()
        self._started.result(timeout=60)

    def _serve(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                # One context keeps the HTTP cache (KRDS's CSS and fonts: ~1.4 MB) between
                # tests; each test starts without cookies, so without a session or language.
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, locale="ko-KR"
                )
                context.set_default_timeout(10_000)
                blocked: list[str] = []
                context.expose_function("__vocnetCspViolation", _csp_violation(blocked))
                context.add_init_script(CSP_LISTENER)
                self._started.set_result(None)
                while (job := self._jobs.get()) is not None:
                    journey, done = job
                    context.clear_cookies()
                    page = context.new_page()
                    # Irreversible actions ask first (data-confirm, static/js/vocnet.js): the
                    # journeys answer yes and can read what was asked in page.vocnet_dialogs;
                    # a journey that sets page.vocnet_dismiss = True answers no.
                    page.vocnet_dialogs = []  # type: ignore[attr-defined]
                    page.vocnet_dismiss = False  # type: ignore[attr-defined]
                    page.on("dialog", _answer_dialog(page))
                    blocked.clear()
                    try:
                        result = journey(page)
                        # Anything the Content-Security-Policy blocked (an inline script or
                        # style, a foreign origin) fails the journey.
                        assert not blocked, "CSP blocked:\n" + "\n".join(blocked)
                        done.set_result(result)
                    except BaseException as exc:  # the test thread re-raises it
                        done.set_exception(exc)
                    finally:
                        page.close()
                context.close()
                browser.close()
        except BaseException as exc:
            if not self._started.done():
                self._started.set_exception(exc)
            raise

    def run(self, journey: Callable[[Any], T]) -> T:
        done: Future[T] = Future()
        self._jobs.put((journey, done))
        while True:
            try:
                return done.result(timeout=1)
            except TimeoutError:
                if not self._thread.is_alive():
                    raise RuntimeError("the Playwright thread stopped; see its traceback") from None

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)


# Every page reports what its Content-Security-Policy blocked. Code the test itself runs
# through the DevTools protocol (axe-core, which adds a <style> while it checks colours) has
# no source file and is not the page's doing, so it is left out.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
    if (e.sourceFile) window.__vocnetCspViolation(
        `${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber} (${e.blockedURI}) ${e.sample}`);
});
"""


def _answer_dialog(page: Any) -> Callable[[Any], None]:
    def answer(dialog: Any) -> None:
        page.vocnet_dialogs.append(dialog.message)
        if page.vocnet_dismiss:
            dialog.dismiss()
        else:
            dialog.accept()

    return answer


def _csp_violation(blocked: list[str]) -> Callable[[str], None]:
    def record(text: str) -> None:
        blocked.append(text)

    return record


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserThread]:
    chromium = BrowserThread()
    yield chromium
    chromium.close()


@pytest.fixture
def in_browser(browser: BrowserThread, demo_server: str) -> Callable[[Callable[[Any], T]], T]:
    """Runs ``journey(page)`` in Chromium once the demo is loaded; see BrowserThread."""
    return browser.run


@lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


@dataclass
class AxeReport:
    """Serious and critical axe-core violations per page visited in one test.

    A page seen before in this module — same address, language and signed-in user, as the
    sign-in page every test starts from — is not checked again (axe takes 0.2–0.8 s)."""

    seen: set[tuple[str, str, str]]
    pages: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def check(self, page: Any, label: str) -> None:
        """Run axe-core on the page as it is now and keep what blocks."""
        path, language, user = page.evaluate(
            """() => [location.pathname + location.search, document.documentElement.lang,
                      document.querySelector(".vn-utility span")?.textContent ?? ""]"""
        )
        if (path, language, user) in self.seen:
            return
        self.seen.add((path, language, user))
        # Evaluated through the DevTools protocol: a <script> tag would be an inline script,
        # which the pages' Content-Security-Policy rightly refuses.
        page.evaluate(_axe_source() + "\n;undefined")
        found = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
                }));
            }"""
        )
        self.pages.append(f"{label} {page.url}")
        for violation in found:
            if violation["impact"] in BLOCKING_IMPACTS:
                self.violations.append(
                    f"{label} ({page.url}): {violation['impact']} {violation['id']} — "
                    f"{violation['help']}; {json.dumps(violation['targets'], ensure_ascii=False)}"
                )

    def assert_clean(self) -> None:
        assert not self.violations, "axe-core found serious or critical violations:\n" + (
            "\n".join(self.violations)
        )


@pytest.fixture(scope="module")
def axe_seen() -> set[tuple[str, str, str]]:
    return set()


@pytest.fixture
def axe(axe_seen: set[tuple[str, str, str]]) -> AxeReport:
    return AxeReport(seen=axe_seen)


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    """Saves a full-page PNG, kept as a CI artefact, under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Any, name: str) -> None:
        safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
        page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)

    return save
