"""``manage.py personal_data_inventory [--write]``: the personal-data inventory
(vocnet/privacy/inventory.py) as Markdown; ``--write`` updates docs/personal-data.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from vocnet.privacy.rendering import render_inventory

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "personal-data.md"


class Command(BaseCommand):
    help = "Print the personal-data inventory as Markdown (--write: into docs/personal-data.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help=f"write {DOCUMENT.name}")

    def handle(self, *args: Any, **options: Any) -> None:
        text = render_inventory()
        if options["write"]:
            DOCUMENT.write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {DOCUMENT}")
        else:
            self.stdout.write(text, ending="")
