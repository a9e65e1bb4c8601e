"""Page-matrix rows of sign-in, the second factor and passwords.

Signing in and resetting a password are public; the second-factor steps answer only a
session half-way through sign-in (password checked), so every persona here — signed in or
not — is sent to the sign-in page (their own tests, ``test_views_accounts.py``, walk the steps).
"""

from __future__ import annotations

from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import EVERYONE, PageRow

NOBODY: frozenset[str] = frozenset()
ANONYMOUS = frozenset({"anonymous"})

ROWS: list[PageRow] = [
    # A signed-in user is sent on from the sign-in page; a POST is a sign-in attempt.
    PageRow("accounts:login", ANONYMOUS, redirected=SIGNED_IN, post=EVERYONE),
    PageRow("accounts:second_factor", NOBODY, post=NOBODY),
    PageRow("accounts:enrol", NOBODY, post=NOBODY),
    # Signing out is a POST that ends on the sign-in page; test_views_accounts.py covers it.
    PageRow("accounts:logout", NOBODY, get=False),
    PageRow("accounts:security", SIGNED_IN, post=SIGNED_IN),
    PageRow("accounts:password_change", SIGNED_IN, post=SIGNED_IN),
    PageRow("accounts:password_change_done", SIGNED_IN),
    PageRow("accounts:password_reset", EVERYONE, post=EVERYONE),
    PageRow("accounts:password_reset_done", EVERYONE),
    PageRow("accounts:password_reset_complete", EVERYONE),
    # A link with a made-up token: the page says the link is not valid.
    PageRow(
        "accounts:password_reset_confirm",
        EVERYONE,
        params={"uidb64": "MQ", "token": "set-password"},
        post=EVERYONE,
    ),
]
