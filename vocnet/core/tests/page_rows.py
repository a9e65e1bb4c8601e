"""Page-matrix rows of the project-wide URLs (config/urls.py): both are public."""

from __future__ import annotations

from vocnet.testing.pages import EVERYONE, PageRow

ROWS: list[PageRow] = [
    # The load balancer's health check: no page, no data, anyone.
    PageRow("healthz", EVERYONE),
    # The footer's service pages: terms of use, accessibility statement, contact.
    PageRow("terms", EVERYONE),
    PageRow("accessibility", EVERYONE),
    PageRow("contact", EVERYONE),
    # Django's language switch: sets a cookie and sends everyone back where they came from.
    PageRow("set_language", frozenset(), redirected=EVERYONE, post=EVERYONE),
]
