"""The layers of docs/architecture.md hold, and the check that says so can fail.

The contracts live in ``.importlinter`` and are checked by ``lint-imports`` (also a CI lint
step). They replace the copied import scans that matching and planning each had: one place
now says which package may import which.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
CONFIG = REPOSITORY / ".importlinter"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, config: Path = CONFIG) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache", "--no-logo"],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        check=False,
    )


def _named_packages() -> list[str]:
    """Every package the contracts name (layers, optional ones included, and the sources of
    forbidden imports), wildcards and external packages left out."""
    parser = configparser.ConfigParser()
    parser.read(CONFIG, encoding="utf-8")
    names: list[str] = []
    for section in parser.sections():
        contract = parser[section]
        lines = contract.get("layers", "").split("\n") + contract.get("source_modules", "").split(
            "\n"
        )
        for line in lines:
            for part in line.replace("|", ":").split(":"):
                name = part.strip().strip("()")
                if name.startswith("vocnet.") and "*" not in name and name not in names:
                    names.append(name)
    return names


def _fake_project(root: Path, modules: dict[str, str]) -> Path:
    """A tree with every layer's package, each empty but for ``modules`` (dotted name: code),
    and the repository's contracts, whose ignore lines match nothing here; gives the config."""
    parser = configparser.ConfigParser()
    parser.read(CONFIG, encoding="utf-8")
    for section in parser.sections():
        if section.startswith("importlinter:contract:"):
            parser[section]["unmatched_ignore_imports_alerting"] = "none"
    config = root / "contracts.ini"
    with config.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    for package in ["vocnet", *_named_packages()]:
        directory = root.joinpath(*package.split("."))
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "__init__.py").touch()
    for name, code in modules.items():
        path = root.joinpath(*name.split(".")).with_suffix(".py")
        for directory in path.relative_to(root).parents:
            if directory != Path():
                (root / directory).mkdir(exist_ok=True)
                (root / directory / "__init__.py").touch()
        path.write_text(code, encoding="utf-8")
    return config


def test_the_repository_keeps_every_import_contract() -> None:
    # given the repository's own code
    # when lint-imports checks the contracts of .importlinter
    completed = _lint_imports(REPOSITORY)
    # then every contract is kept
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 broken" in completed.stdout


def test_a_tree_that_keeps_the_layers_passes(tmp_path: Path) -> None:
    # given a tree where a domain app imports the registry and core (downwards only)
    config = _fake_project(
        tmp_path,
        {
            "vocnet.placements.services": "import vocnet.registry\nimport vocnet.core\n",
            "vocnet.matching.engine": "import json\n",
        },
    )
    # when checked, then every contract is kept
    completed = _lint_imports(tmp_path, config)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize(
    ("modules", "reported"),
    [
        (
            {"vocnet.matching.engine": "import django.db\n"},
            "vocnet.matching.engine -> django (l.1)",
        ),
        (
            {"vocnet.planning.model": "from django.conf import settings\n"},
            "vocnet.planning.model -> django (l.1)",
        ),
        (
            {"vocnet.placements.rules.hours": "from django.utils import timezone\n"},
            "vocnet.placements.rules.hours -> django (l.1)",
        ),
        (
            {"vocnet.core.permissions": "from vocnet.registry import models\n"},
            "vocnet.core.permissions -> vocnet.registry",
        ),
        (
            {"vocnet.privacy.selectors": "import vocnet.registry.models\n"},
            "vocnet.privacy.selectors -> vocnet.registry (l.1)",
        ),
        (
            {"vocnet.registry.services": "from vocnet.placements import services\n"},
            "vocnet.registry.services -> vocnet.placements",
        ),
        (
            {
                "vocnet.placements.services": "from vocnet.clearinghouse import views\n",
                "vocnet.clearinghouse.views": "",
            },
            "vocnet.placements.services -> vocnet.clearinghouse.views",
        ),
        (
            {
                "vocnet.agreements.selectors": "from vocnet.agreements.views import page\n",
                "vocnet.agreements.views.page": "",
            },
            "vocnet.agreements.selectors -> vocnet.agreements.views.page",
        ),
        (
            {"vocnet.reports.selectors": "import vocnet.api\n"},
            "vocnet.reports.selectors -> vocnet.api",
        ),
        (
            {"vocnet.placements.services": "from vocnet.testing import personas\n"},
            "vocnet.placements.services -> vocnet.testing",
        ),
        (
            {"vocnet.registry.selectors": "import vocnet.demo.schools\n"},
            "vocnet.registry.selectors -> vocnet.demo (l.1)",
        ),
    ],
    ids=[
        "matching-imports-django",
        "planning-imports-django",
        "placement-rules-import-django",
        "core-imports-an-app",
        "privacy-imports-registry",
        "registry-imports-a-domain-app",
        "services-import-another-apps-views",
        "selectors-import-their-own-views",
        "reports-import-the-api",
        "production-imports-the-test-harness",
        "production-imports-the-demo",
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, modules: dict[str, str], reported: str
) -> None:
    # given an otherwise clean tree with one forbidden import
    config = _fake_project(tmp_path, modules)
    # when checked
    completed = _lint_imports(tmp_path, config)
    # then lint-imports fails and names the import
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert reported in completed.stdout


@pytest.mark.parametrize(
    "script",
    [
        "import vocnet.matching, vocnet.matching.cli, vocnet.matching.testing\n",
        "from vocnet.planning import plan\n"
        "from vocnet.planning.synthetic import synthetic_problem\n"
        "plan(synthetic_problem(regions_per_province=(3,), schools=3, fields=4))\n",
        "import datetime as d\n"
        "from vocnet.placements.rules import check_offer, OfferTerms, DaySchedule\n"
        "check_offer(OfferTerms((DaySchedule(0, d.time(9), d.time(17), 60),),"
        " d.date(2026, 3, 3), d.date(2026, 4, 30)))\n",
        "import vocnet.clearinghouse.snapshot\n",
        "from vocnet.courses.allocation import run_allocation\n"
        "run_allocation({'format': 1, 'seed': 1, 'courses': [[1, {'capacity': 1,"
        " 'minimum': 1, 'host_school': 1, 'fields': [], 'priorities': [], 'grades': [],"
        " 'schools': [], 'departments': [], 'eligible_fields': [],"
        " 'slots': [[0, '09:00', '10:00']]}]], 'students': [[2, 1, 1, '', 1, [1]]]})\n",
        "import datetime as d\n"
        "from vocnet.pathways.indicators import Event, summarise, rates, IndicatorCounts\n"
        "summarise([Event('hired', d.date(2025, 3, 4), workplace_code='41390')], 2025, '')\n"
        "rates(IndicatorCounts(graduates=10, employed=4))\n",
    ],
    ids=[
        "matching",
        "planning",
        "placement-rules",
        "round-snapshot",
        "course-allocation",
        "pathway-indicators",
    ],
)
def test_running_a_pure_engine_loads_no_django(script: str) -> None:
    # given a fresh interpreter without Django settings (the contract sees static imports;
    # this sees what running the engine loads, dynamic imports included)
    script += (
        "import sys\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    # when it imports and runs the engine
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
        check=True,
    )
    # then no django module was loaded
    assert completed.stdout.strip().splitlines()[-1] == "[]"
