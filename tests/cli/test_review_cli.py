"""`prep today` and `prep export week` through the real entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result
from tests.golden.fixture import fixed_copy

Prep = Callable[..., Result]


@pytest.fixture
def fixed_db(tmp_path: Path) -> Path:
    db, _ = fixed_copy(tmp_path / "fixed.db")
    db.close()
    return tmp_path / "fixed.db"


def test_today_on_an_empty_database(prep: Prep) -> None:
    result = prep("today")
    assert result.code == 0
    assert "Nothing here yet" in result.out


def test_today_json_keys_and_numbers(prep: Prep, fixed_db: Path) -> None:
    result = prep("today", "--json", db=fixed_db)
    assert result.code == 0, result.err
    doc = result.json()
    assert set(doc) >= {"next_rounds", "today", "reviews", "this_week", "last_week", "streak", "mastery"}
    # Rounds in the past and done ones are not "next"; the fixed rounds are in Nov 2026 (still ahead or not,
    # depending on the real date), so only check what holds either way.
    assert all(r["scheduled_at"] >= doc["now"][:10] for r in doc["next_rounds"])
    assert doc["mastery"] == {"new": 1, "no_clue": 1, "brute_force": 0, "has_bugs": 1, "bug_free": 1}
    assert doc["reviews"]["due"] >= 1
    assert [p["name"] for p in doc["weakest_patterns"]] == ["Intervals", "Stack"]
    datetime.fromisoformat(doc["now"])


def test_today_text_shows_user_text_literally(prep: Prep, fixed_db: Path) -> None:
    result = prep("today", db=fixed_db)
    assert result.code == 0, result.err
    assert "Reviews:" in result.out and "Streak:" in result.out
    assert "Weakest patterns: Intervals (1/1 weak); Stack (1/1 weak)" in result.out


def test_export_week_markdown_to_a_file(prep: Prep, fixed_db: Path, tmp_path: Path, utc: None) -> None:
    target = tmp_path / "out.md"
    result = prep("export", "week", "--week", "2026-W47", "-o", str(target), db=fixed_db)
    assert result.code == 0, result.err
    assert result.out.strip() == f"wrote {target}"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Weekly review 2026-W47")
    assert "| Tue 17 Nov | 1. Two Sum | bug free |" in text


def test_export_week_by_date_to_stdout_as_json(prep: Prep, fixed_db: Path, utc: None) -> None:
    result = prep("export", "week", "--date", "2026-11-18", "--format", "json", "-o", "-", db=fixed_db)
    assert result.code == 0, result.err
    doc: dict[str, Any] = json.loads(result.out)
    assert doc["week"] == "2026-W47"
    assert [p["problem"] for p in doc["problems"]] == ["1. Two Sum", "20. Valid Parentheses"]


def test_export_week_default_file_in_the_current_folder(
    prep: Prep, fixed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = prep("export", "week", "--week", "2026-W47", "--format", "html", db=fixed_db)
    assert result.code == 0, result.err
    written = folder / "prep-week-2026-W47.html"
    assert written.exists() and written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-W60"], "2026 has ISO weeks 1..53"),
        (["--week", "next"], "cannot read 'next' as an ISO week"),
        (["--date", "someday"], "cannot read 'someday'"),
        (["--week", "2026-W47", "--date", "2026-11-18"], "give --week or --date, not both"),
        (["--format", "pdf"], "--format must be one of md, html, json"),
    ],
)
def test_export_week_refusals(prep: Prep, tmp_path: Path, args: list[str], message: str) -> None:
    result = prep("export", "week", *args, "-o", str(tmp_path / "x.md"))
    assert result.code == 1
    assert result.err.startswith("error: ") and message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "x.md").exists()


def test_export_week_unwritable_target(prep: Prep, tmp_path: Path) -> None:
    result = prep("export", "week", "-o", str(tmp_path / "missing" / "x.md"))
    assert result.code == 1 and result.err.startswith("error: cannot write")


def test_today_json_has_the_same_shape_on_an_empty_database(prep) -> None:
    doc = prep("today", "--json").json()
    assert doc["this_week"]["attempts"] == 0 and doc["last_week"]["ratings"]["bug_free"] == 0
    assert doc["streak"]["activity"] == [0] * 30
    assert doc["mastery"] == {"new": 0, "no_clue": 0, "brute_force": 0, "has_bugs": 0, "bug_free": 0}
