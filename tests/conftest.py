"""Shared fixtures: a temporary database, and an app built on it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tracker.services.base import Database


def pytest_sessionstart(session: pytest.Session) -> None:
    """Write tracker's .pyc files once, so the tests that start ``prep`` or ``python -c`` in a fresh process do not
    recompile the package each time when PYTHONDONTWRITEBYTECODE is set (it is on some CI images)."""
    from benchmarks.harness import compile_package

    compile_package()


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the process's local time zone for the test (``local_zone("America/New_York")``); it is restored, and
    the C library told (``time.tzset``), when the test ends."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def utc(local_zone: Callable[[str], None]) -> None:
    """Local time is UTC for the test."""
    local_zone("UTC")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "prep.db"


def copy_db(source: Path, target: Path) -> Path:
    """Copy an SQLite file consistently (the backup API), creating the target."""
    from tracker.db.migrate import copy_database

    copy_database(source, target)
    return target


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated to head once per session (running Alembic per test is slow); tests copy it."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    database = Database(path)
    database.ensure_schema()
    database.close()
    return path


@pytest.fixture
def db(db_path: Path, _empty_template: Path) -> Iterator[Database]:
    copy_db(_empty_template, db_path)
    database = Database(db_path)
    database.ensure_schema()
    yield database
    database.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database made once per session at a fixed moment; tests copy it."""
    from datetime import UTC, datetime

    from tracker.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = Database(path)
    database.ensure_schema()
    load_demo(database, now=datetime(2026, 11, 16, 12, 0, tzinfo=UTC))
    database.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path) -> Iterator[Database]:
    target = copy_db(_demo_template, tmp_path / "demo.db")
    database = Database(target)
    database.ensure_schema()
    yield database
    database.close()


# ------------------------------------------------------------------ the CLI, run in-process through main()
@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_prep(args: list[str], capsys: pytest.CaptureFixture[str]) -> Result:
    import sys

    from tracker.cli import main

    old = sys.argv
    sys.argv = ["prep", *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = old
        from tracker.commands import common

        if common.STATE._db is not None:
            common.STATE._db.close()
        common.STATE._db = None
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


@pytest.fixture
def prep(tmp_path: Path, capsys: pytest.CaptureFixture[str], _empty_template: Path) -> Callable[..., Result]:
    """`prep(*args)` on a temporary (empty, migrated) database; pass db=None to use no --db."""
    default_db = copy_db(_empty_template, tmp_path / "cli.db")

    def call(*args: str, db: Path | bool | None = True) -> Result:
        prefix = ["--db", str(default_db)] if db is True else (["--db", str(db)] if db else [])
        return run_prep([*prefix, *args], capsys)

    return call
