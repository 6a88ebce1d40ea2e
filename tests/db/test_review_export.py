"""The weekly review on a fixed database: golden files for Markdown, HTML and JSON, and the week's contents.

Regenerate the golden files after an intended change with ``PREP_UPDATE_GOLDEN=1 pytest tests/db/test_review_export.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.golden.fixture import TZ, fixed_copy
from tracker.io.review_export import render, write
from tracker.services.base import Database, Invalid
from tracker.services.review import WeekReport, parse_week, week_report

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture
def report(tmp_path: Path) -> Iterator[WeekReport]:
    db, _ = fixed_copy(tmp_path / "fixed.db")
    yield week_report(db, 2026, 47, tz=TZ)
    db.close()


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_golden_files(report: WeekReport, fmt: str) -> None:
    text = render(report, fmt)
    golden = GOLDEN / f"week-2026-W47.{fmt}"
    if os.environ.get("PREP_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_week_holds_what_happened(report: WeekReport) -> None:
    r = report.review
    assert [a.problem for a in r.attempts] == ["1. Two Sum", "20. Valid Parentheses"]
    assert [p.title for p in r.papers] == ["Attention Is All You Need"]
    assert [x.story_title for x in r.rehearsals] == ["Led the <migration> & rollout"]
    assert [(e.company, e.to_column, e.outcome) for e in r.round_events] == [("Acme [AI]", "Done", "passed")]
    assert (r.this_week.done_minutes, r.this_week.planned_minutes) == (60, 210)
    assert (r.previous_week.done_minutes, r.previous_week.planned_minutes) == (60, 120)
    assert [(x.company, x.kind) for x in r.next_rounds] == [
        ("Acme [AI]", "coding"),
        ("Acme [AI]", "system-design"),
    ]
    assert [b.title for b in r.next_blocks] == ["Papers"]
    changes = {c.problem: (c.before, c.after) for c in report.mastery_changes}
    assert {k: (b.slug if b else None, a.slug) for k, (b, a) in changes.items()} == {
        "1. Two Sum": ("brute-force", "bug-free"),
        "20. Valid Parentheses": (None, "has-bugs"),
    }
    assert report.stories_written == ["Led the <migration> & rollout"]
    assert [p.name for p in report.weakest_patterns] == ["Intervals", "Stack"]


def test_user_text_is_escaped_in_every_format(report: WeekReport) -> None:
    html = render(report, "html")
    assert "Led the &lt;migration&gt; &amp; rollout" in html and "<migration>" not in html
    assert "<script" not in html and "http" not in html.split("xmlns=")[0]  # no external assets
    md = render(report, "md")
    assert "| 1. Two Sum | bug free | hash map \\| one pass |" in md
    doc = json.loads(render(report, "json"))
    assert doc["stories_written"] == ["Led the <migration> & rollout"]


def test_json_matches_markdown_numbers(report: WeekReport) -> None:
    doc = json.loads(render(report, "json"))
    assert doc["week"] == "2026-W47"
    assert doc["start"] == "2026-11-16T00:00:00+01:00"
    assert doc["this_week"]["ratings"] == {"bug_free": 1, "has_bugs": 1, "brute_force": 0, "no_clue": 0}
    assert doc["previous_week"]["attempts"] == 2
    assert [p["title"] for p in doc["papers"]] == ["Attention Is All You Need"]
    assert doc["next_week"]["blocks"][0]["minutes"] == 90


def test_an_empty_week(db: Database) -> None:
    report = week_report(db, 2026, 1, tz=TZ)
    md = render(report, "md")
    assert "_No problems attempted._" in md and "_No mastery changes._" in md
    assert json.loads(render(report, "json"))["problems"] == []
    assert "No problems attempted." in render(report, "html")


def test_write_replaces_the_file(report: WeekReport, tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("old", encoding="utf-8")
    assert write(report, "md", target) == target
    assert target.read_text(encoding="utf-8").startswith("# Weekly review 2026-W47")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("review")] == ["review.md"]


@pytest.mark.parametrize(
    ("text", "expected"), [("2026-W47", (2026, 47)), ("2026w7", (2026, 7)), (" 2020-W53 ", (2020, 53))]
)
def test_parse_week(text: str, expected: tuple[int, int]) -> None:
    assert parse_week(text) == expected


@pytest.mark.parametrize("text", ["2026-47", "W47", "2026-W54", "2026-W00", ""])
def test_parse_week_refuses(text: str) -> None:
    with pytest.raises(Invalid):
        parse_week(text)
