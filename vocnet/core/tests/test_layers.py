"""The import graph keeps its layers (issue 13): production code never imports the test
harness (``vocnet.testing``), and no domain app imports the demo (``vocnet.demo``), which sits
above every app and imports them explicitly."""

from __future__ import annotations

import ast
from pathlib import Path

import vocnet

PACKAGE = Path(vocnet.__file__).parent


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _is_test_code(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "tests" in parts or parts[0] == "testing" or path.name == "conftest.py"


def _offenders(root: Path, forbidden: str, *, allowed: str | None = None) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if _is_test_code(path) or (allowed and relative.parts[0] == allowed):
            continue
        hits += [
            f"{relative}:{line} {name}"
            for line, name in _imports(path)
            if name == forbidden or name.startswith(forbidden + ".")
        ]
    return sorted(set(hits))


def test_production_code_never_imports_the_test_harness() -> None:
    # given every module of vocnet outside tests/ and vocnet/testing/
    # when their imports are read, then none reaches vocnet.testing
    assert _offenders(PACKAGE, "vocnet.testing") == []


def test_no_app_imports_the_demo() -> None:
    # given every module of vocnet outside tests/ and the demo package itself
    # when their imports are read, then none reaches vocnet.demo
    assert _offenders(PACKAGE, "vocnet.demo", allowed="demo") == []


def _function_imports_of_vocnet(path: Path) -> list[str]:
    """Imports of vocnet inside functions (RunPython code), where a migration would run app
    code; module-level imports of field validators are how Django writes a schema migration."""
    hits = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            hits += [f"{node.lineno} {name}" for name in names if name.split(".")[0] == "vocnet"]
    return hits


def test_no_data_migration_runs_app_code() -> None:
    # given every migration of every vocnet app
    migrations = sorted(PACKAGE.glob("*/migrations/0*.py"))
    assert len(migrations) >= 10
    # when the functions they run are read
    offenders = {
        str(path.relative_to(PACKAGE)) for path in migrations if _function_imports_of_vocnet(path)
    }
    # then none imports vocnet
    assert offenders == set()


def test_no_view_branches_on_the_province_itself() -> None:
    # given every view module (views.py and views/*.py of every app)
    views = sorted({*PACKAGE.glob("*/views.py"), *PACKAGE.glob("*/views/*.py")})
    assert len(views) >= 10
    # when their attribute reads are listed
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in views
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "is_province"
    ]
    # then none asks whether the user is the province: a selector or the permission layer does
    assert offenders == []


def test_the_scan_would_see_both_forms_of_import(tmp_path: Path) -> None:
    # given a module with both forms of an import of the harness
    sample = tmp_path / "sample.py"
    sample.write_text("import vocnet.testing\nfrom vocnet.testing import World\nimport json\n")
    # when scanned, then both are reported (the from-form twice: module and name)
    names = [name for _line, name in _imports(sample)]
    assert names == ["vocnet.testing", "vocnet.testing", "vocnet.testing.World", "json"]
