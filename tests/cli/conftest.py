"""Run the real `prep` entry point in-process, capturing stdout/stderr and the exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


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
def prep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """`prep(*args)` on a temporary database (pass db=None to use no --db)."""
    default_db = tmp_path / "cli.db"

    def call(*args: str, db: Path | bool | None = True) -> Result:
        prefix = ["--db", str(default_db)] if db is True else (["--db", str(db)] if db else [])
        return run_prep([*prefix, *args], capsys)

    return call
