"""The matching package must stay free of Django (docs/adr/0002-matching-engine.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import vocnet.matching

PACKAGE = Path(vocnet.matching.__file__).parent
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


def test_no_module_under_vocnet_matching_imports_django() -> None:
    # given every Python file of the package, tests included
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 10
    # when their imports are read
    offenders = [hit for path in files for hit in _django_imports(path)]
    # then none is django or below it
    assert offenders == []


def test_the_import_scan_would_see_a_django_import(tmp_path: Path) -> None:
    # given a file with both forms of a Django import
    sample = tmp_path / "sample.py"
    sample.write_text("import django.db\nfrom django.conf import settings\nimport json\n")
    # when scanned, then both are reported
    assert _django_imports(sample) == ["sample.py:1 django.db", "sample.py:2 django.conf"]


def test_importing_the_package_and_its_cli_loads_no_django() -> None:
    # given a fresh interpreter without Django settings
    script = (
        "import sys\n"
        "import vocnet.matching, vocnet.matching.cli, vocnet.matching.testing\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
    )
    # when it imports the package and the command-line module
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
        check=True,
    )
    # then no django module was loaded
    assert completed.stdout.strip() == "[]"
