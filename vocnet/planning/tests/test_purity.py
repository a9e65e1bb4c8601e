"""The planning package must stay free of Django (docs/adr/0007-demand-and-planner.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import vocnet.planning

PACKAGE = Path(vocnet.planning.__file__).parent
REPOSITORY = PACKAGE.parent.parent


def _django_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [
            f"{path.name}:{node.lineno} {name}" for name in names if name.split(".")[0] == "django"
        ]
    return found


def test_no_module_under_vocnet_planning_imports_django() -> None:
    # Given every Python file of the package, tests included
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 10

    # When their imports are read
    offenders = [hit for path in files for hit in _django_imports(path)]

    # Then none is django or below it
    assert offenders == []


def test_the_import_scan_would_see_a_django_import(tmp_path: Path) -> None:
    # Given a file with both forms of a Django import
    sample = tmp_path / "sample.py"
    sample.write_text("import django.db\nfrom django.conf import settings\nimport json\n")

    # When scanned, then both are reported
    assert _django_imports(sample) == ["sample.py:1 django.db", "sample.py:2 django.conf"]


def test_importing_and_running_the_planner_loads_no_django() -> None:
    # Given a fresh interpreter without Django settings
    script = (
        "import sys\n"
        "from vocnet.planning import plan\n"
        "from vocnet.planning.synthetic import synthetic_problem\n"
        "plan(synthetic_problem(regions_per_province=(3,), schools=3, fields=4))\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
    )

    # When it imports the package and plans a small problem
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
        check=True,
    )

    # Then no django module was loaded
    assert completed.stdout.strip().splitlines()[-1] == "[]"
