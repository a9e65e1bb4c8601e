"""Fixtures of the notifications tests: the browser fixtures of vocnet/core/tests/browser (one
Chromium per module, the small demo on a live server, axe-core, screenshots), so the notification
centre journey (test_browser_centre.py) runs on the same machinery as every other journey."""

from vocnet.core.tests.browser.conftest import (  # noqa: F401
    axe,
    axe_seen,
    browser,
    demo_server,
    in_browser,
    restored_database,
    screenshot,
)
