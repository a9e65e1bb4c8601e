"""Permission-matrix rows of the spreadsheet layer: a background import job is seen by the
user who queued it only (here the province officer); everyone else gets 404."""

from __future__ import annotations

from vocnet.spreadsheets.models import ImportJob
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, Row


def _province_job(world: World) -> None:
    world.objects["import_job"] = ImportJob.objects.create(
        spec_path="vocnet.registry.importing",
        entity="students",
        created_by=world.user("province_officer"),
        file_name="students.xlsx",
        rows_total=30_000,
    )


ROWS = [
    Row("GET", "/api/imports/jobs/{job_id}", "import_job", PROVINCE, prepare=_province_job),
]

COUNTED = (ImportJob,)
