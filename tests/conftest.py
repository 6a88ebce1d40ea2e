"""Shared fixtures: a temporary database, and an app built on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.services.base import Database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "prep.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
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
    import sqlite3

    target = tmp_path / "demo.db"
    src = sqlite3.connect(_demo_template)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    database = Database(target)
    database.ensure_schema()
    yield database
    database.close()
