"""Reading Notion's CSV export: file, column matching and cell values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.io.notion import (
    NotionError,
    arxiv_from_text,
    column_is_done,
    match_columns,
    parse_bool,
    parse_date,
    parse_difficulty,
    parse_mastery,
    parse_outcome,
    parse_overrides,
    parse_paper_status,
    parse_problem_title,
    parse_round_kind,
    parse_strength,
    read_csv,
    slug_from_url,
    split_multi,
    strip_link,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notion"
PACIFIC = timezone(timedelta(hours=-7))


def test_fixture_has_a_bom_and_the_reader_drops_it() -> None:
    raw = (FIXTURES / "problems.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    notion = read_csv(raw)
    assert notion.headers[0] == "Name"


def test_rows_are_numbered_like_a_spreadsheet_even_with_multiline_cells() -> None:
    notion = read_csv((FIXTURES / "problems.csv").read_bytes())
    numbers = [n for n, _ in notion.rows]
    assert numbers == [2, 3, 4, 5, 6, 7, 8]
    cells = dict(notion.rows)
    notes = cells[3][notion.headers.index("Notes")]
    assert "\n" in notes and "max(left, last[c] + 1), not" in notes  # quoted comma kept inside the cell
    assert not any(c.strip() for c in cells[4])  # the empty row is kept, callers skip it


def test_short_rows_are_padded_and_empty_files_refused() -> None:
    notion = read_csv("Name,Difficulty\nTwo Sum\n")
    assert notion.rows == ((2, ("Two Sum", "")),)
    with pytest.raises(NotionError, match="empty"):
        read_csv(b"\xef\xbb\xbf\n\n")
    with pytest.raises(NotionError, match="UTF-8"):
        read_csv("Name\nCaf\xe9\n".encode("latin-1"))


def test_columns_match_by_name_case_insensitively_with_synonyms() -> None:
    headers = ["Problem", "LEVEL", "Rating", "Topic", "Companies", "Solved", "URL", "Notes", "Spaced rep"]
    match = match_columns(headers, "problems")
    assert match.mapping == {
        "Problem": "title",
        "LEVEL": "difficulty",
        "Rating": "mastery",
        "Topic": "patterns",
        "Companies": "companies",
        "Solved": "date",
        "URL": "url",
        "Notes": "notes",
    }
    assert match.unknown == ("Spaced rep",)


def test_the_better_synonym_wins_when_two_columns_could_fill_a_field() -> None:
    match = match_columns(["Name", "Title", "Summary", "TL;DR"], "papers")
    assert match.mapping["Title"] == "title" and match.mapping["TL;DR"] == "tldr"
    assert set(match.unknown) == {"Name", "Summary"}


def test_emoji_and_punctuation_in_headers_are_ignored() -> None:
    match = match_columns(["📌 Name", "📅 Date", "TL;DR"], "papers")
    assert match.mapping == {"📌 Name": "title", "📅 Date": "read_on", "TL;DR": "tldr"}


def test_map_overrides_a_match_and_can_ignore_a_column() -> None:
    overrides = parse_overrides(["Status=ignore", "My Key Idea=gist"])
    match = match_columns(["Name", "Status", "My key idea"], "problems", overrides)
    assert match.mapping == {"Name": "title", "Status": "ignore", "My key idea": "gist"}
    assert match.fields == {"title": 0, "gist": 2}
    with pytest.raises(NotionError, match="no column named 'Nope'"):
        match_columns(["Name"], "problems", {"Nope": "title"})
    with pytest.raises(NotionError, match="no field 'colour'"):
        match_columns(["Name"], "problems", {"Name": "colour"})
    with pytest.raises(NotionError, match="COLUMN=field"):
        parse_overrides(["Status"])


def test_the_first_column_is_the_title_when_none_is_named_like_one() -> None:
    match = match_columns(["Paper I liked", "Authors"], "papers")
    assert match.fields["title"] == 0 and match.guessed_title == "Paper I liked"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Arrays & Hashing, Two Pointers", ["Arrays & Hashing", "Two Pointers"]),
        (
            "Google (https://www.notion.so/Google-8a7b6c), Stripe (https://www.notion.so/Stripe-1a2b)",
            ["Google", "Stripe"],
        ),
        (
            "Two Sum (../Problems/Two%20Sum%20a1b2c3.md), 3Sum (../Problems/3Sum%20d4e5.md)",
            ["Two Sum", "3Sum"],
        ),
        ("Google, google, ", ["Google"]),
        ("", []),
    ],
)
def test_multi_select_and_relations_split_into_values(cell: str, expected: list[str]) -> None:
    assert split_multi(cell) == expected


def test_relation_links_are_stripped_but_other_parentheses_stay() -> None:
    assert (
        strip_link("Trapping Rain Water (https://www.notion.so/Trapping-Rain-Water-3f2a)")
        == "Trapping Rain Water"
    )
    assert strip_link("Sam Lee (recruiter)") == "Sam Lee (recruiter)"


def test_notion_dates_in_the_local_zone() -> None:
    day = parse_date("October 15, 2024", PACIFIC)
    assert day is not None and not day.has_time and day.end is None
    assert day.start == datetime(2024, 10, 15, 16, 0, tzinfo=UTC)  # 09:00 local, like everywhere in prep
    timed = parse_date("October 15, 2024 3:00 PM", PACIFIC)
    assert timed is not None and timed.has_time
    assert timed.start == datetime(2024, 10, 15, 22, 0, tzinfo=UTC)
    assert parse_date("2024-10-15", UTC).start == datetime(2024, 10, 15, 9, 0, tzinfo=UTC)  # type: ignore[union-attr]
    assert parse_date("  ", UTC) is None


def test_date_ranges_and_time_zones() -> None:
    span = parse_date("October 22, 2024 10:00 AM → October 22, 2024 11:00 AM", UTC)
    assert span is not None and span.end is not None
    assert span.end - span.start == timedelta(hours=1)
    short = parse_date("October 22, 2024 10:00 AM → 11:30 AM", UTC)
    assert short is not None and short.end == datetime(2024, 10, 22, 11, 30, tzinfo=UTC)
    days = parse_date("October 15, 2024 → October 17, 2024", UTC)
    assert days is not None and days.end is not None and (days.end - days.start).days == 2
    zoned = parse_date("October 15, 2024 3:00 PM (UTC)", PACIFIC)
    assert zoned is not None and zoned.start == datetime(2024, 10, 15, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "bad", ["Octobr 45, 2024", "next Tuesday-ish", "2024", "October 17, 2024 → October 15, 2024"]
)
def test_bad_dates_are_refused_with_the_value(bad: str) -> None:
    with pytest.raises(NotionError) as err:
        parse_date(bad, UTC)
    assert bad.split(" →")[0] in str(err.value)


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("No clue", 1),
        ("🔴 No Clue", 1),
        ("Brute force", 2),
        ("brute-force", 2),
        ("Has bugs", 3),
        ("has_bugs", 3),
        ("Bug free ✅", 4),
        ("Bug-Free", 4),
        ("3", 3),
        ("2/4", 2),
        ("optimal", 4),
        ("Needed hint", 1),
        ("", None),
    ],
)
def test_mastery_words_map_onto_the_four_levels(cell: str, level: int | None) -> None:
    assert parse_mastery(cell) == level


def test_unknown_mastery_is_refused() -> None:
    with pytest.raises(NotionError, match="'Done' is not a rating"):
        parse_mastery("Done")


def test_small_value_readers() -> None:
    assert parse_difficulty("Medium 🟡") == "medium" and parse_difficulty("") is None
    with pytest.raises(NotionError):
        parse_difficulty("Insane")
    assert parse_bool("Yes") is True and parse_bool("No") is False
    with pytest.raises(NotionError):
        parse_bool("Maybe")
    assert parse_paper_status("Not started") == "to-read" and parse_paper_status("Done") == "read"
    assert parse_outcome("Rejected") == "failed" and parse_outcome("Yes") == "passed"
    assert parse_strength("⭐⭐⭐⭐") == 4 and parse_strength("3/5") == 3 and parse_strength("strong") == 5
    with pytest.raises(NotionError):
        parse_strength("7")
    assert column_is_done("Rejected") and column_is_done("Done ✅") and not column_is_done("To schedule")


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (("Technical", "Coding round 1"), "coding"),
        (("", "ML System Design"), "ml-system-design"),
        (("", "System design"), "system-design"),
        (("Phone Screen", ""), "phone-screen"),
        (("", "HM chat"), "hiring-manager"),
        (("", "Onsite loop"), "onsite"),
        (("", "Lunch"), None),
    ],
)
def test_round_kinds_from_type_or_name(texts: tuple[str, str], kind: str | None) -> None:
    assert parse_round_kind(*texts) == kind


def test_problem_titles_links_and_arxiv_ids() -> None:
    assert parse_problem_title("1. Two Sum") == (1, "Two Sum")
    assert parse_problem_title("LC 42 - Trapping Rain Water") == (42, "Trapping Rain Water")
    assert parse_problem_title("3Sum") == (None, "3Sum")
    assert parse_problem_title("2 Keys Keyboard") == (None, "2 Keys Keyboard")
    assert slug_from_url("https://leetcode.com/problems/two-sum/description/") == "two-sum"
    assert arxiv_from_text("https://arxiv.org/pdf/2106.09685v2.pdf") == "2106.09685"
    assert arxiv_from_text("1706.03762") == "1706.03762"
    assert arxiv_from_text("https://example.com/paper.pdf") is None
