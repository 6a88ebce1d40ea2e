from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.mastery import Mastery
from tracker.domain.review import (
    AttemptRecord,
    BlockRecord,
    PaperRecord,
    RehearsalRecord,
    RoundEventRecord,
    UpcomingRound,
    WeeklyReview,
    build_weekly_review,
    iso_week_bounds,
    iso_week_of,
    to_markdown,
)

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int = 9, month: int = 1) -> datetime:
    """A UTC instant in January 2025 (Mon 6 = W02, Mon 13 = W03, Mon 20 = W04)."""
    return datetime(2025, month, day, hour, tzinfo=UTC)


def test_iso_week_bounds_local_midnight() -> None:
    start, end = iso_week_bounds(2025, 3, BERLIN)
    assert start == datetime(2025, 1, 12, 23, tzinfo=UTC)
    assert end == datetime(2025, 1, 19, 23, tzinfo=UTC)
    # the week of the DST change is 167 hours long
    start, end = iso_week_bounds(2025, 13, BERLIN)
    assert end - start == timedelta(hours=167)
    # ISO year boundaries
    assert iso_week_bounds(2026, 1, ZoneInfo("UTC"))[0] == datetime(2025, 12, 29, tzinfo=UTC)
    assert iso_week_bounds(2020, 53, ZoneInfo("UTC"))[0] == datetime(2020, 12, 28, tzinfo=UTC)


def test_iso_week_bounds_rejects_missing_week() -> None:
    with pytest.raises(ValueError, match=re.escape("week 53: 2025 has ISO weeks 1..52")):
        iso_week_bounds(2025, 53, BERLIN)
    with pytest.raises(ValueError, match="week 0"):
        iso_week_bounds(2025, 0, BERLIN)


def test_iso_week_of_uses_local_time() -> None:
    sunday_late_utc = datetime(2025, 1, 12, 23, 30, tzinfo=UTC)  # already Monday in Berlin
    assert iso_week_of(sunday_late_utc, ZoneInfo("UTC")) == (2025, 2)
    assert iso_week_of(sunday_late_utc, BERLIN) == (2025, 3)


def sample_review() -> WeeklyReview:
    return build_weekly_review(
        2025,
        3,
        BERLIN,
        attempts=[
            AttemptRecord(at(14), "Two Sum", Mastery.BUG_FREE, "hash map | one pass", 1, 15),
            AttemptRecord(at(13), "LRU Cache", Mastery.HAS_BUGS, "dict +\nlinked list", 146),
            AttemptRecord(at(15), "Two Sum", Mastery.BUG_FREE, "again", 1),
            AttemptRecord(at(8), "Word Ladder", Mastery.NO_CLUE, "bfs", 127),  # previous week
            AttemptRecord(at(22), "Later", Mastery.NO_CLUE),  # next week: ignored
        ],
        papers=[
            PaperRecord(at(16), "Attention Is All You Need", "Self-attention replaces recurrence."),
            PaperRecord(at(2), "Old paper", "not this week"),
        ],
        rehearsals=[
            RehearsalRecord(at(14), "Led the migration"),
            RehearsalRecord(at(17), "Led the migration"),
            RehearsalRecord(at(17), "Conflict with PM"),
        ],
        round_events=[
            RoundEventRecord(at(15), "Acme", "onsite", "Scheduled", "Applied"),
            RoundEventRecord(at(16), "Globex", "phone screen", "Done", "Scheduled", "passed"),
            RoundEventRecord(at(13), "Initech", "recruiter", "Applied"),
        ],
        blocks=[
            BlockRecord(at(13, 7), at(13, 8), "Coding prep: Acme onsite", "done", "coding"),
            BlockRecord(at(14, 7), at(14, 8), "Coding prep: Acme onsite", "skipped", "coding"),
            BlockRecord(
                at(15, 7),
                at(
                    15,
                    8,
                ),
                "Papers",
                "planned",
                "papers",
            ),
            BlockRecord(at(16, 7), at(16, 9), "Due reviews", "done", "coding"),
            BlockRecord(at(7, 7), at(7, 8), "Prev", "done"),
            BlockRecord(
                at(20, 6),
                at(
                    20,
                    7,
                ),
                "Coding prep: Acme | onsite",
                "planned",
                "coding",
            ),
            BlockRecord(at(21, 6), at(21, 7), "Skipped next", "skipped"),
            BlockRecord(at(28, 6), at(28, 7), "Two weeks out", "planned"),
        ],
        rounds=[
            UpcomingRound(at(23, 14), "Acme", "onsite"),
            UpcomingRound(at(30, 14), "Far", "onsite"),
            UpcomingRound(at(10, 14), "Past", "onsite"),
        ],
    )


def test_build_keeps_this_week_sorted_and_compares_previous() -> None:
    review = sample_review()
    assert review.label == "2025-W03"
    assert [a.problem for a in review.attempts] == ["146. LRU Cache", "1. Two Sum", "1. Two Sum"]
    assert [p.title for p in review.papers] == ["Attention Is All You Need"]
    assert len(review.rehearsals) == 3
    assert [e.company for e in review.round_events] == ["Initech", "Acme", "Globex"]
    this, prev = review.this_week, review.previous_week
    assert (this.attempts, this.problems) == (3, 2)
    assert this.ratings[Mastery.BUG_FREE] == 2 and this.ratings[Mastery.HAS_BUGS] == 1
    assert this.ratings[Mastery.NO_CLUE] == 0
    assert (prev.attempts, prev.ratings[Mastery.NO_CLUE], prev.papers_read) == (1, 1, 0)
    assert (this.planned_minutes, this.done_minutes) == (5 * 60, 3 * 60)
    assert (prev.planned_minutes, prev.done_minutes) == (60, 60)
    assert [r.company for r in review.next_rounds] == ["Acme"]
    assert [b.title for b in review.next_blocks] == ["Coding prep: Acme | onsite"]


def test_markdown_structure_and_escaping() -> None:
    text = to_markdown(sample_review())
    lines = text.splitlines()
    assert lines[0] == "# Weekly review 2025-W03"
    assert "13–19 Jan 2025" in lines
    for heading in [
        "## At a glance",
        "## Problems",
        "## Papers",
        "## Stories rehearsed",
        "## Pipeline",
        "## Next week",
        "### Rounds",
        "### Study blocks",
    ]:
        assert heading in lines
    assert "| Attempts | 3 | 1 |" in lines
    assert "| Bug free | 2 | 0 |" in lines
    assert "| Study time done / planned | 3h / 5h (60%) | 1h / 1h (100%) |" in lines
    assert "| Mon 13 Jan | 146. LRU Cache | has bugs | dict + linked list |" in lines
    assert "| Tue 14 Jan | 1. Two Sum | bug free | hash map \\| one pass |" in lines
    assert "- **Attention Is All You Need** — Self-attention replaces recurrence." in lines
    assert "- Led the migration (×2)" in lines
    assert "- Conflict with PM" in lines
    assert "- Wed 15 Jan: Acme onsite — Applied → Scheduled" in lines
    assert "- Thu 16 Jan: Globex phone screen — Scheduled → Done (outcome: passed)" in lines
    assert "- Mon 13 Jan: Initech recruiter — added to Applied" in lines
    assert "- Thu 23 Jan 15:00 — Acme onsite" in lines  # local Berlin time
    assert "| Mon 20 Jan | 07:00–08:00 | Coding prep: Acme \\| onsite |" in lines
    # every table row has the same number of unescaped pipes as its header
    table: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            counts = {row.replace("\\|", "").count("|") for row in table}
            assert len(counts) == 1, table
            assert set(table[1].strip("| ").split(" | ")) <= {"---", "---:"}
            table = []
    assert text.endswith("\n") and "\n\n\n" not in text


def test_markdown_of_an_empty_week() -> None:
    text = to_markdown(build_weekly_review(2025, 1, ZoneInfo("UTC")))
    assert "30 Dec 2024 – 5 Jan 2025" in text
    for placeholder in [
        "_No problems attempted._",
        "_No papers read._",
        "_No stories rehearsed._",
        "_No changes._",
        "_No rounds scheduled._",
        "_No study blocks planned._",
    ]:
        assert placeholder in text
    assert "| Study time done / planned | 0m / 0m | 0m / 0m |" in text


HOSTILE = "<script>alert(1)</script> a|b *x* _y_ `z` [l](u) ~~s~~ R&D \\n"


def hostile_review() -> WeeklyReview:
    return build_weekly_review(
        2025,
        3,
        BERLIN,
        attempts=[AttemptRecord(at(14), HOSTILE, Mastery.HAS_BUGS, "gist: " + HOSTILE, 7)],
        papers=[PaperRecord(at(15), "**" + HOSTILE, "tl;dr " + HOSTILE)],
        rehearsals=[
            RehearsalRecord(at(14), "# Not a heading"),
            RehearsalRecord(at(14), "- not a sublist"),
            RehearsalRecord(at(14), "1. not numbered"),
        ],
        round_events=[RoundEventRecord(at(15), "A|B <Corp>", "onsite", "To *do*", "<b>Applied</b>", "_ok_")],
        blocks=[BlockRecord(at(20, 6), at(20, 7), "Prep: A|B <Corp> *x*", "planned", "coding")],
        rounds=[UpcomingRound(at(23, 14), "Evil & <Co>", "onsite")],
    )


class _Rendered(HTMLParser):
    """The text of each table cell and list item of rendered HTML, and every tag that appears."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "li"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None:
            self.rows[-1].append("".join(self._text))
        elif tag == "li" and self._text is not None:
            self.items.append("".join(self._text))
        if tag in ("td", "th", "li"):
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def rendered(markdown: str) -> _Rendered:
    from markdown_it import MarkdownIt  # rich's Markdown parser (GitHub-style tables enabled)

    parser = _Rendered()
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    return parser


def test_markdown_escapes_user_text_literally() -> None:
    text = to_markdown(hostile_review())
    lines = text.splitlines()
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; a\\|b \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~\\~s\\~\\~ R&D \\\\n"
    assert f"| Tue 14 Jan | 7. {shown} | has bugs | gist: {shown} |" in lines
    assert f"- **\\*\\*{shown}** — tl;dr {shown}" in lines
    assert "- \\# Not a heading" in lines
    assert "- \\- not a sublist" in lines
    assert "- 1\\. not numbered" in lines
    assert (
        "- Wed 15 Jan: A\\|B &lt;Corp&gt; onsite — &lt;b&gt;Applied&lt;/b&gt; → To \\*do\\* (outcome: \\_ok\\_)"
        in lines
    )
    assert "- Thu 23 Jan 15:00 — Evil & &lt;Co&gt; onsite" in lines  # a lone & reads as itself
    assert "| Mon 20 Jan | 07:00–08:00 | Prep: A\\|B &lt;Corp&gt; \\*x\\* |" in lines
    assert "<script>" not in text and "<b>" not in text and "<Corp>" not in text


def test_only_an_ampersand_that_would_start_an_entity_is_escaped() -> None:
    from tracker.domain.review import md_escape

    assert md_escape("x & (x - 1)") == "x & (x - 1)"
    assert md_escape("AT&T, R&D") == "AT&T, R&D"
    assert md_escape("typed &amp; and &#35;") == "typed &amp;amp; and &amp;#35;"
    assert rendered(f"- {md_escape('typed &amp; and &#35; & more')}").items == [
        "typed &amp; and &#35; & more"
    ]


def test_hostile_titles_render_as_the_text_the_user_typed() -> None:
    page = rendered(to_markdown(hostile_review()))
    # no HTML from user text, no emphasis, code, links or strike-through: only the paper title's own bold
    assert not {"script", "b", "em", "code", "a", "s", "del", "ol"} & set(page.tags)
    assert page.tags.count("strong") == 1 and page.tags.count("h1") == 1  # the review's title
    problems = next(r for r in page.rows if r and r[0] == "Tue 14 Jan")
    assert problems == ["Tue 14 Jan", f"7. {HOSTILE}", "has bugs", f"gist: {HOSTILE}"]
    block = next(r for r in page.rows if r and r[0] == "Mon 20 Jan")
    assert block == ["Mon 20 Jan", "07:00–08:00", "Prep: A|B <Corp> *x*"]
    assert f"**{HOSTILE} — tl;dr {HOSTILE}" in page.items
    assert {"# Not a heading", "- not a sublist", "1. not numbered"} <= set(page.items)
    assert "Wed 15 Jan: A|B <Corp> onsite — <b>Applied</b> → To *do* (outcome: _ok_)" in page.items
    assert "Thu 23 Jan 15:00 — Evil & <Co> onsite" in page.items
