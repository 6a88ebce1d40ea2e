"""`prep problem list --json`, `prep rate`, `prep due`, `prep stats patterns`, `prep import problems`."""

from __future__ import annotations

from pathlib import Path

LIST_KEYS = {
    "id",
    "number",
    "slug",
    "title",
    "difficulty",
    "patterns",
    "lists",
    "companies",
    "mastery",
    "attempts",
    "last_attempt_at",
    "due_at",
    "gist",
}


def test_rate_prints_next_review_and_list_json_shows_it(prep) -> None:
    assert prep("problem", "add", "--number", "1").code == 0
    r = prep("rate", "two-sum", "has-bugs", "--minutes", "18", "--gist", "dict of seen values")
    assert r.code == 0, r.err
    assert "rated #1 Two Sum: has bugs" in r.out
    assert "next review:" in r.out
    [row] = prep("problem", "list", "--json").json()
    assert set(row) == LIST_KEYS
    assert row["mastery"] == "has-bugs" and row["attempts"] == 1 and row["gist"] == "dict of seen values"
    assert row["due_at"] is not None and "+00:00" in row["due_at"]
    r = prep("rate", "1", "4", "--at", "yesterday 8pm")  # an attempt made before the one above
    assert r.code == 0 and "(an attempt before your latest one: mastery stays has bugs)" in r.out
    [row] = prep("problem", "list", "--json").json()
    assert row["attempts"] == 2 and row["mastery"] == "has-bugs"  # the latest attempt's rating stands


def test_rate_errors_are_one_line_and_change_nothing(prep) -> None:
    prep("problem", "add", "--number", "1")
    for args in (
        ["nope", "3"],
        ["1", "great"],
        ["1", "3", "--minutes", "-5"],
        ["1", "3", "--at", "blah blah"],
    ):
        r = prep("rate", *args)
        assert r.code != 0 and r.err.startswith("error: ") and r.err.count("\n") == 1, (args, r.err)
    assert prep("problem", "list", "--json").json()[0]["attempts"] == 0


def test_due_json_in_queue_order_with_reasons(prep) -> None:
    prep("problem", "add", "Alpha", "--number", "9001")
    prep("problem", "add", "Bravo", "--number", "9002")
    prep("rate", "9001", "no-clue", "--at", "2020-01-01 09:00")
    doc = prep("due", "--json").json()
    assert [d["title"] for d in doc] == ["Alpha", "Bravo"]
    assert doc[0]["kind"] == "review" and "overdue" in doc[0]["reason"]
    assert doc[1]["kind"] == "new" and doc[1]["position"] == 2
    assert {"id", "reason", "retrievability"} <= set(doc[0])
    assert len(prep("due", "--limit", "1", "--json").json()) == 1
    text = prep("due").out
    assert "Alpha" in text and "today:" in text


def test_stats_patterns(prep) -> None:
    prep("problem", "add", "A", "--number", "9001", "--pattern", "Graphs")
    prep("problem", "add", "B", "--number", "9002", "--pattern", "Heap")
    prep("rate", "9001", "no-clue")
    doc = prep("stats", "patterns", "--json").json()
    assert [d["pattern"] for d in doc] == ["Graphs", "Heap"]
    assert doc[0]["mastery"]["no_clue"] == 1 and doc[0]["weak_share"] == 1.0
    assert "Graphs" in prep("stats", "patterns").out


def test_import_problems_report_and_all_or_nothing(prep, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("number,title,difficulty\n9001,Fine,easy\nx,Broken,easy\n", encoding="utf-8")
    r = prep("import", "problems", str(bad))
    assert r.code == 1
    assert "line 3: refused: Broken: number 'x' is not a positive whole number" in r.out
    assert r.out.index("line 2: would be added: Fine") < r.out.index("line 3: refused")  # the file's order
    assert "1 would be added, 0 would be merged, 1 refused" in r.out  # nothing was written
    assert r.err.startswith("error: nothing imported")
    assert prep("problem", "list", "--json").json() == []
    r = prep("import", "problems", str(bad), "--skip-bad")
    assert r.code == 0 and "1 added, 0 merged, 1 refused" in r.out
    good = tmp_path / "good.csv"
    good.write_text("number;title;companies\n9001;Fine;Acme, Globex\n", encoding="utf-8")
    r = prep("import", "problems", str(good))
    assert r.code == 0 and "0 added, 1 merged, 0 refused" in r.out
    assert prep("problem", "list", "--company", "Acme", "--json").json()[0]["companies"] == ["Acme", "Globex"]
    assert prep("import", "problems", str(tmp_path / "missing.csv")).code != 0


def test_markup_in_titles_prints_literally(prep) -> None:
    prep("problem", "add", "[bold]Two[/] Sum", "--number", "9001")
    assert "[bold]Two[/] Sum" in prep("rate", "9001", "2", "--at", "2020-01-01").out
    assert "[bold]Two[/] Sum" in prep("due").out


def test_mastery_new_lists_never_tried_problems_and_an_empty_at_is_refused(prep) -> None:
    prep("problem", "add", "Tried", "--number", "9001")
    prep("problem", "add", "Untouched", "--number", "9002")
    assert prep("rate", "9001", "3").code == 0
    assert [r["title"] for r in prep("problem", "list", "--mastery", "new", "--json").json()] == ["Untouched"]
    r = prep("rate", "9002", "3", "--at", "")
    assert r.code == 1 and r.err.startswith("error: no date given") and r.err.count("\n") == 1
    assert prep("problem", "list", "--mastery", "new", "--json").json()[0]["attempts"] == 0
