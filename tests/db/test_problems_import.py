"""Importing a problems CSV: added, merged and refused rows; all-or-nothing unless skip_bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.io.problems_csv import import_problems_csv, parse_problems_csv
from tracker.services.base import Database, Invalid
from tracker.services.problems import ProblemFilter, add_problem, count_problems, find_problem, list_problems


def write(tmp_path: Path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / "problems.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_good_rows_are_added_and_existing_ones_merged(db: Database, tmp_path: Path) -> None:
    add_problem(db, "Two Sum", number=1)
    path = write(
        tmp_path,
        "Number,Title,Slug,Difficulty,Patterns,Companies,Lists\n"
        '1,Two Sum,two-sum,Easy,"arrays & hashing;Hash Map",Northwind AI,My List\n'
        '9001,Frog Jump Deluxe,,HARD,Dynamic Programming,"northwind ai;Lumen",my list\n'
        "200,,,,,,\n",
        bom=True,
    )
    report = import_problems_csv(db, path)
    assert report.applied
    assert [(o.line, o.status) for o in report.outcomes] == [(2, "merged"), (3, "added"), (4, "added")]
    two = find_problem(db, "1")
    assert two.companies == ["Northwind AI"] and two.lists == ["My List"]
    assert "Hash Map" in two.patterns
    frog = find_problem(db, "9001")
    assert frog.difficulty == "hard"
    # Names are matched case-insensitively: one company, one list.
    assert frog.companies == ["Lumen", "Northwind AI"] and frog.lists == ["My List"]
    # A catalog number alone fills the rest.
    islands = find_problem(db, "200")
    assert islands.title == "Number of Islands" and islands.difficulty == "medium"


def test_semicolon_separated_file_with_comma_lists(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "title;difficulty;patterns\nMy Problem;medium;Graphs, BFS\n")
    report = import_problems_csv(db, path)
    assert report.added == 1
    assert find_problem(db, "My Problem").patterns == ["BFS", "Graphs"]


def test_a_bad_row_refuses_the_whole_file_with_reasons(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "number,title,difficulty\n"
        "9001,Fine Problem,easy\n"
        "abc,Bad Number,easy\n"
        "9002,Bad Difficulty,impossible\n"
        "9003,,medium\n",
    )
    report = import_problems_csv(db, path)
    assert not report.applied
    refused = {o.line: o.reason for o in report.outcomes if o.status == "refused"}
    assert set(refused) == {3, 4, 5}
    assert "positive whole number" in refused[3]
    assert "easy, medium or hard" in refused[4]
    assert "no title" in refused[5]
    assert count_problems(db) == 0


def test_skip_bad_imports_the_good_rows(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "number,title,difficulty\n9001,Fine Problem,easy\nabc,Bad Number,easy\n")
    report = import_problems_csv(db, path, skip_bad=True)
    assert report.applied and (report.added, report.refused) == (1, 1)
    assert [r.title for r in list_problems(db, ProblemFilter())] == ["Fine Problem"]


def test_number_and_slug_of_different_problems_is_refused(db: Database, tmp_path: Path) -> None:
    add_problem(db, "Alpha", number=9001, slug="alpha")
    add_problem(db, "Bravo", number=9002, slug="bravo")
    report = import_problems_csv(db, write(tmp_path, "number,title,slug\n9001,Alpha,bravo\n"))
    assert report.refused == 1 and "9001" in report.outcomes[0].reason


def test_unreadable_files_are_one_line_errors(db: Database, tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="header"):
        parse_problems_csv("foo,bar\n1,2\n")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("title\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(Invalid, match="not UTF-8"):
        import_problems_csv(db, bad)
    with pytest.raises(Invalid, match="cannot read"):
        import_problems_csv(db, tmp_path / "missing.csv")
