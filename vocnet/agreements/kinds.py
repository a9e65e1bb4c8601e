"""Loading the agreement kinds shipped in ``data/agreement_kinds.csv`` (see SOURCES.md).

Idempotent: rows are upserted on ``code``, so a corrected file is applied in place.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps

from vocnet.agreements.pillars import PILLAR_CODES

DATA_FILE = Path(__file__).resolve().parent / "data" / "agreement_kinds.csv"


def read_kinds() -> list[dict[str, Any]]:
    """The kinds as dictionaries of model field values. Raises ValueError naming the line
    of an unknown pillar code, so a typo in the file fails the migration loudly."""
    rows: list[dict[str, Any]] = []
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            pillars = [code for code in row["default_pillars"].split(";") if code]
            unknown = [code for code in pillars if code not in PILLAR_CODES]
            if unknown:
                raise ValueError(f"{DATA_FILE.name}:{line}: unknown pillar {unknown}")
            rows.append(
                {
                    "code": row["code"],
                    "sort_order": int(row["sort_order"]),
                    "name_ko": row["name_ko"],
                    "name_en": row["name_en"],
                    "description": row["description"],
                    "default_pillars": pillars,
                    "source_note": row["source_note"],
                    "default_pillars_source": row["default_pillars_source"],
                }
            )
    return rows


def load_agreement_kinds(apps: Any = global_apps) -> int:
    """Upsert every kind of the data file; returns how many rows the file holds."""
    model = apps.get_model("agreements", "AgreementKind")
    rows = read_kinds()
    for row in rows:
        code = row.pop("code")
        model.objects.update_or_create(code=code, defaults=row)
    return len(rows)
