"""`prep import notion`, `prep import json`, `prep export json` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notion"


def test_import_notion_prints_the_report_and_writes(prep) -> None:  # type: ignore[no-untyped-def]
    r = prep("import", "notion", str(FIXTURES / "problems.csv"), "--as", "problems")
    assert r.code == 0, r.err
    assert "5 added, 1 merged, 0 refused, 1 empty row skipped" in r.out
    assert "not imported (unknown columns): Created time, Spaced rep" in r.out
    assert "Status → mastery" in r.out
    assert "row 6: merged into #1 Two Sum (same number)" in r.out
    listed = prep("problem", "list", "--json").json()
    assert {p["title"] for p in listed} >= {"Two Sum", "Trapping Rain Water", "LRU Cache"}
    two_sum = next(p for p in listed if p["number"] == 1)
    assert two_sum["attempts"] == 2 and two_sum["mastery"] == "bug-free"


def test_dry_run_writes_nothing(prep) -> None:  # type: ignore[no-untyped-def]
    r = prep("import", "notion", str(FIXTURES / "interview_board.csv"), "--as", "rounds", "--dry-run")
    assert r.code == 0
    assert "dry run, nothing written" in r.out and "6 would be added" in r.out
    assert prep("company", "list", "--json").json() == []


def test_refused_rows_are_listed_and_nothing_is_imported(prep) -> None:  # type: ignore[no-untyped-def]
    r = prep("import", "notion", str(FIXTURES / "problems_bad.csv"), "--as", "problems")
    assert r.code == 1
    assert "row 3: refused: difficulty 'Insane' is not easy, medium or hard (Group Anagrams)" in r.out
    assert "row 4: refused: 'Octobr 45, 2024' is not a date" in r.out
    assert r.err.startswith("error: nothing imported: 3 rows refused") and r.err.count("\n") == 1
    assert prep("problem", "list", "--json").json() == []


def test_map_option_overrides_columns(prep) -> None:  # type: ignore[no-untyped-def]
    r = prep(
        "import", "notion", str(FIXTURES / "problems_bad.csv"), "--as", "problems",
        "--map", "Status=ignore", "--map", "Difficulty=ignore", "--map", "Last attempt=ignore",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "Status → ignore" in r.out and "4 added" in r.out


def test_bad_invocations_fail_with_one_line(prep, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = prep("import", "notion", str(tmp_path / "nope.csv"), "--as", "problems")
    assert r.code == 1 and r.err == f"error: no such file: {tmp_path / 'nope.csv'}\n"
    r = prep("import", "notion", str(FIXTURES / "papers.csv"), "--as", "recipes")
    assert r.code == 1 and "--as must be one of problems, papers, stories, rounds" in r.err
    r = prep("import", "notion", str(FIXTURES / "papers.csv"), "--as", "papers", "--map", "Colour=title")
    assert r.code == 1 and "no column named 'Colour'" in r.err and "Traceback" not in r.err


def test_export_then_restore_into_an_empty_database(prep, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert prep("demo").code == 0
    backup = tmp_path / "backup.json"
    r = prep("export", "json", "-o", str(backup))
    assert r.code == 0 and r.out.startswith("wrote ") and str(backup) in r.out
    assert json.loads(backup.read_text(encoding="utf-8"))["format"] == "prep-backup"
    other = tmp_path / "other.db"
    r = prep("import", "json", str(backup), db=other)
    assert r.code == 0 and r.out.startswith("restored ")
    again = tmp_path / "again.json"
    assert prep("export", "json", "-o", str(again), db=other).code == 0
    assert again.read_bytes() == backup.read_bytes()
    board_before = prep("board", "--json", db=other).out
    r = prep("import", "json", str(backup), db=other)
    assert r.code == 1 and "already holds data" in r.err
    assert prep("board", "--json", db=other).out == board_before


def test_newer_backup_format_is_refused(prep, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "future.json"
    backup.write_text('{"format": "prep-backup", "format_version": 99, "tables": {}}', encoding="utf-8")
    r = prep("import", "json", str(backup))
    assert r.code == 1
    assert "format version 99, newer than this prep reads" in r.err


def test_help_lists_the_commands(prep) -> None:  # type: ignore[no-untyped-def]
    r = prep("import", "--help", db=False)
    assert r.code == 0 and "notion" in r.out and "json" in r.out
    r = prep("export", "--help", db=False)
    assert r.code == 0 and "json" in r.out
    r = prep("import", "notion", "--help", db=False)
    assert "--as" in r.out and "--map" in r.out and "--dry-run" in r.out
