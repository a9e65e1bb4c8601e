"""Page-matrix rows of the privacy pages: the access log is the province's alone."""

from __future__ import annotations

from vocnet.testing.matrix import PROVINCE
from vocnet.testing.pages import EVERYONE, PageRow

ROWS: list[PageRow] = [
    # The 개인정보 처리방침 is public, linked from every page's footer.
    PageRow("privacy:policy", EVERYONE),
    # The search is a POST (no personal data in URLs).
    PageRow("privacy:access_log", PROVINCE, post=PROVINCE),
    PageRow("privacy:access_log_review", PROVINCE, get=False, post=PROVINCE),
]
