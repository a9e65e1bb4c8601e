from typing import Any

from django.core.management.base import BaseCommand

from vocnet.registry.reference import load_reference


class Command(BaseCommand):
    help = "Load (or refresh) the reference code lists: regions, offices, NCS, KSIC."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_reference()
        for name, value in vars(counts).items():
            self.stdout.write(f"{name}: {value}")
