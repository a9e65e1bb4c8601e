"""Page-matrix rows of the spreadsheet layer: a background import job's page is seen by the
user who queued it only (here the province officer); everyone else gets 404."""

from __future__ import annotations

from vocnet.spreadsheets.tests.permission_rows import _province_job
from vocnet.testing.matrix import PROVINCE
from vocnet.testing.pages import PageRow

ROWS: list[PageRow] = [
    PageRow("spreadsheets:job", PROVINCE, {"job_id": "import_job"}, prepare=_province_job),
]
