"""The pages each demo role uses most, shared by the benchmarks (issue 16 §9, issue 12 item 5).

One demo login per role (``manage.py load_demo`` prints them; the password is public demo
data). The staff of the province, the support offices and the schools sign in with the demo
authenticator's second factor.
"""

from __future__ import annotations

PASSWORD = "vocnet-demo-2025!"
# The demo staff logins' public authenticator secret (vocnet.accounts.demo_devices.DEMO_TOTP_KEY).
DEMO_TOTP_KEY = b"vocnet-demo-2fa-only"
SECOND_FACTOR_LOGINS = frozenset({"province", "office", "school", "school2"})

# login → the pages that role opens most: its home, then its menu's working pages.
ROLE_PAGES: dict[str, tuple[str, ...]] = {
    "province": (
        "/",
        "/overview/",
        "/agreements/",
        "/demand/",
        "/demand/recommendations/",
        "/placements/",
        "/clearinghouse/",
        "/privacy/access-log/",
    ),
    "office": ("/", "/overview/", "/agreements/", "/demand/", "/placements/"),
    "school": ("/", "/placements/", "/placements/placements/", "/clearinghouse/", "/demand/"),
    "school2": ("/", "/placements/", "/agreements/", "/pathways/"),
    "company": ("/", "/placements/", "/placements/vettings/", "/demand/declarations/"),
    "localgov": ("/", "/overview/", "/agreements/", "/demand/declarations/"),
    "university": ("/", "/agreements/", "/demand/declarations/", "/directory/"),
    "student": ("/", "/placements/", "/clearinghouse/mine/"),
    "guardian": ("/", "/placements/placements/"),
}

# The heavy lists and homes of issue 12 item 5 (bench/bench_load.py), by login.
LOAD_PAGES: tuple[tuple[str, str], ...] = (
    ("school", "/api/placements/offers"),
    ("school", "/api/placements/offers?offset=3400&limit=100"),
    ("student", "/api/placements/offers"),
    ("student", "/api/placements/offers?offset=3400&limit=100"),
    ("province", "/api/access-log"),
    ("province", "/api/access-log?actor=school&action=export"),
    ("province", "/privacy/access-log/"),
    ("province", "/"),
    ("school", "/"),
)
