"""The spreadsheet layer sits between core and the domain (core → spreadsheets → registry →
domain apps), and it is the only place that reads a spreadsheet. Both are checked on the
source, so a stray import fails here (see the guard's own proof below)."""

from __future__ import annotations

import ast
from pathlib import Path

VOCNET = Path(__file__).resolve().parents[2]
SPREADSHEETS = VOCNET / "spreadsheets"
# What the layer may import from vocnet.
ALLOWED_PREFIXES = ("vocnet.core", "vocnet.spreadsheets")
READERS = ("openpyxl", "python_calamine")
# Reference data shipped beside the code (UTF-8 tables with a fixed header, read once), not
# spreadsheets from users: these modules keep their plain ``csv.DictReader``.
REFERENCE_DATA_READERS = {
    "agreements/kinds.py",
    "agreements/pillars.py",
    "agreements/tests/test_pillars_and_partners.py",
    "demand/reference.py",
    "demand/tests/test_reference.py",
    "placements/rules/hazards.py",
    "placements/rules/holidays.py",
    "placements/rules/period.py",
    "registry/migrations/0002_load_reference_lists.py",
    "programmes/rules.py",
    "registry/reference.py",
    "registry/relatedness.py",
}


def imported_modules(source: str) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def domain_imports(source: str) -> set[str]:
    return {
        module
        for module in imported_modules(source)
        if module.startswith("vocnet.") and not module.startswith(ALLOWED_PREFIXES)
    }


def reads_spreadsheets(source: str) -> bool:
    modules = imported_modules(source)
    return any(module.split(".")[0] in READERS for module in modules) or (
        "csv" in modules and ("csv.reader" in source or "csv.DictReader" in source)
    )


def test_the_spreadsheet_layer_imports_no_domain_app() -> None:
    offenders = {
        str(path.relative_to(VOCNET)): sorted(found)
        for path in SPREADSHEETS.rglob("*.py")
        # The tests may drive the layer through the domain's endpoints.
        if SPREADSHEETS / "tests" not in path.parents
        and (found := domain_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_module_outside_the_layer_reads_a_spreadsheet() -> None:
    offenders = sorted(
        str(path.relative_to(VOCNET))
        for path in VOCNET.rglob("*.py")
        if SPREADSHEETS not in path.parents
        and str(path.relative_to(VOCNET)) not in REFERENCE_DATA_READERS
        and reads_spreadsheets(path.read_text(encoding="utf-8"))
    )
    assert offenders == []


def test_the_guards_see_what_they_look_for() -> None:
    # Given sources that break each rule, when checked, then each is caught
    assert domain_imports("from vocnet.registry.models import School") == {"vocnet.registry.models"}
    assert domain_imports("from vocnet.core.errors import DomainError") == set()
    assert reads_spreadsheets("from openpyxl import load_workbook")
    assert reads_spreadsheets("import python_calamine")
    assert reads_spreadsheets("import csv\nrows = csv.reader(handle)")
    assert not reads_spreadsheets("import csv\nwriter = csv.writer(handle)")
