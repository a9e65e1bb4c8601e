"""Page-matrix rows of the directory and the organisation pages: the registry of schools,
companies and public bodies is open to every signed-in user (no personal data on it)."""

from __future__ import annotations

from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow

ROWS: list[PageRow] = [
    PageRow("registry:directory", SIGNED_IN),
    PageRow("registry:organisation", SIGNED_IN, {"organisation_id": "organisation_a"}),
    PageRow("registry:organisation", SIGNED_IN, {"organisation_id": "organisation_b"}),
]
