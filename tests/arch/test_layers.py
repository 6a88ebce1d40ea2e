"""The rules between layers (shared/ARCHITECTURE.md), checked on the source and in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "tracker"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(sub: str) -> list[Path]:
    return sorted((ROOT / sub).rglob("*.py"))


def test_domain_is_pure() -> None:
    banned = ("textual", "rich", "sqlalchemy", "sqlmodel", "typer", "alembic", "tracker.")
    for path in _files("domain"):
        for name in _imports(path):
            if name.startswith("tracker.domain"):
                continue
            assert not name.startswith(banned), f"{path.name} imports {name}"


def test_services_do_not_import_faces() -> None:
    for path in _files("services"):
        for name in _imports(path):
            assert not name.startswith(
                ("textual", "tracker.tui", "tracker.cli", "tracker.commands", "typer")
            ), f"{path.name} imports {name}"


@pytest.mark.parametrize("face", ["tui", "commands"])
def test_faces_never_open_a_session_or_write_sql(face: str) -> None:
    for path in _files(face):
        for name in _imports(path):
            assert not name.startswith(("sqlmodel", "sqlalchemy", "tracker.db")), f"{path} imports {name}"
        source = path.read_text(encoding="utf-8")
        assert "Session(" not in source, path


def test_only_cli_reaches_the_tui() -> None:
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "tui" or rel.name == "cli.py":
            continue
        for name in _imports(path):
            assert not name.startswith("tracker.tui"), f"{rel} imports {name}"


def test_importing_services_does_not_import_textual() -> None:
    code = (
        "import sys, tracker.services, tracker.services.problems, tracker.services.pipeline, "
        "tracker.services.dashboard, tracker.services.catalog;"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_does_not_import_the_tui_or_the_orm_at_import_time() -> None:
    code = (
        "import sys, tracker.cli;"
        "bad = [m for m in ('textual', 'sqlmodel', 'sqlalchemy', 'alembic') if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_package_init_is_light() -> None:
    code = "import sys, tracker; print(len([m for m in sys.modules if m.startswith('tracker.')]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
