"""Notion CSV imports on a real database: what lands where, the report, merges, dry runs and refusals."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from tracker.db.tables import (
    Attempt,
    BoardColumn,
    Company,
    Paper,
    Problem,
    Question,
    Round,
    Story,
    StoryQuestion,
)
from tracker.domain.mastery import CardState, Mastery, review
from tracker.services.base import Database, Invalid
from tracker.services.transfer import backup_document, import_notion

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notion"
NOW = datetime(2024, 11, 1, 12, 0, tzinfo=UTC)


def run(db: Database, name: str, kind: str, **kw):  # type: ignore[no-untyped-def]
    return import_notion(db, FIXTURES / name, kind, now=NOW, zone=UTC, **kw)


def snapshot(db: Database) -> dict:
    return backup_document(db)["tables"]


# ------------------------------------------------------------------------------------------------ problems
def test_problem_tracker_import_report(db: Database) -> None:
    report = run(db, "problems.csv", "problems")
    assert report.written
    assert [r.row for r in report.added] == [2, 3, 5, 7, 8]
    assert [(r.row, r.reason) for r in report.merged] == [(6, "same number")]  # "Two Sum" again
    assert [r.row for r in report.skipped] == [4]
    assert report.refused == []
    assert report.unknown_columns == ("Created time", "Spaced rep")
    assert report.columns["Status"] == "mastery" and report.columns["Last attempt"] == "date"
    notes = {r.row: r.notes for r in report.rows}
    assert notes[8] == ()  # LRU Cache: neither mastery nor date, nothing to say


def test_problem_rows_land_with_tags_catalog_numbers_and_attempts(db: Database) -> None:
    run(db, "problems.csv", "problems")
    with db.read() as s:
        problems = {p.title: p for p in s.exec(select(Problem))}
        assert set(problems) == {
            "Two Sum",
            "Longest Substring Without Repeating Characters",
            "Merge Intervals",
            "Trapping Rain Water",
            "LRU Cache",
        }
        two_sum = problems["Two Sum"]
        assert two_sum.number == 1 and two_sum.slug == "two-sum" and two_sum.difficulty == "easy"
        assert two_sum.gist == "complement → index, one pass"
        assert problems["Merge Intervals"].number == 56  # filled from the bundled catalog by title
        assert "\n" in (problems["Longest Substring Without Repeating Characters"].notes or "")
        trap = problems["Trapping Rain Water"]
        assert trap.title == "Trapping Rain Water"  # Notion link dropped from the relation title
        companies = {c.name for c in s.exec(select(Company))}
        assert companies == {"Google", "Amazon", "Meta", "Stripe"}
        attempts = list(s.exec(select(Attempt).where(Attempt.problem_id == two_sum.id).order_by(Attempt.at)))
        assert [(a.at, a.rating) for a in attempts] == [
            (datetime(2024, 9, 1, 9, 0, tzinfo=UTC), 1),
            (datetime(2024, 10, 15, 9, 0, tzinfo=UTC), 4),
        ]
        assert [a.minutes for a in attempts] == [40, 12]
        assert problems["LRU Cache"].attempts_count == 0 and problems["LRU Cache"].mastery is None


def test_attempts_out_of_file_order_give_the_fsrs_state_of_the_real_history(db: Database) -> None:
    """Two Sum's bug-free row comes first in the file, its no-clue row (a month earlier) later."""
    run(db, "problems.csv", "problems")
    expected = review(None, Mastery.NO_CLUE, datetime(2024, 9, 1, 9, 0, tzinfo=UTC))
    expected = review(expected, Mastery.BUG_FREE, datetime(2024, 10, 15, 9, 0, tzinfo=UTC))
    with db.read() as s:
        two_sum = s.exec(select(Problem).where(Problem.number == 1)).one()
        assert two_sum.mastery == 4 and two_sum.attempts_count == 2
        assert CardState.from_dict(two_sum.card) == expected
        assert two_sum.due_at == expected.due
        assert two_sum.last_attempt_at == datetime(2024, 10, 15, 9, 0, tzinfo=UTC)


def test_importing_the_same_file_twice_merges_everything_and_adds_no_attempt(db: Database) -> None:
    run(db, "problems.csv", "problems")
    before = snapshot(db)
    again = run(db, "problems.csv", "problems")
    assert again.written and again.added == [] and len(again.merged) == 6
    after = snapshot(db)
    assert after["attempt"] == before["attempt"]
    assert len(after["problem"]) == len(before["problem"])


def test_merge_into_existing_rows_fills_blanks_and_keeps_what_the_user_wrote(demo_db: Database) -> None:
    with demo_db.read() as s:
        two_sum = s.exec(select(Problem).where(Problem.number == 1)).one()
        old_gist, old_attempts = two_sum.gist, two_sum.attempts_count
    report = run(demo_db, "problems.csv", "problems")
    merged = {r.label: r.reason for r in report.merged}
    assert merged["#1 Two Sum"] == "same number"
    assert "#146 LRU Cache" in merged
    with demo_db.read() as s:
        two_sum = s.exec(select(Problem).where(Problem.number == 1)).one()
        assert two_sum.attempts_count == old_attempts + 2
        assert two_sum.gist == (old_gist or "complement → index, one pass")


def test_dry_run_reports_but_writes_nothing(db: Database) -> None:
    before = snapshot(db)
    report = run(db, "problems.csv", "problems", dry_run=True)
    assert report.dry_run and not report.written
    assert len(report.added) == 5 and len(report.merged) == 1
    assert snapshot(db) == before


def test_one_refused_row_means_nothing_is_written(demo_db: Database) -> None:
    before = snapshot(demo_db)
    report = run(demo_db, "problems_bad.csv", "problems")
    assert not report.written
    refused = {r.row: r.reason for r in report.refused}
    assert set(refused) == {3, 4, 5}
    assert (
        "Insane" in refused[3] and "Octobr 45, 2024" in refused[4] and "'Done' is not a rating" in refused[5]
    )
    assert [r.row for r in report.merged] == [2]  # Valid Anagram, already in the demo data
    assert snapshot(demo_db) == before


def test_map_can_ignore_a_column_that_would_refuse_rows(db: Database) -> None:
    report = run(db, "problems_bad.csv", "problems", mapping=["Status=ignore", "Difficulty=ignore"])
    assert [r.row for r in report.refused] == [4]  # the bad date is still bad
    report = run(
        db,
        "problems_bad.csv",
        "problems",
        mapping={"Status": "ignore", "Difficulty": "ignore", "Last attempt": "ignore"},
    )
    assert report.written and len(report.added) == 4


def test_files_that_cannot_be_used_are_refused_whole(db: Database, tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="no such file"):
        import_notion(db, tmp_path / "missing.csv", "problems")
    with pytest.raises(Invalid, match="--as must be one of"):
        import_notion(db, FIXTURES / "problems.csv", "recipes")
    with pytest.raises(Invalid, match="no column named"):
        import_notion(db, FIXTURES / "problems.csv", "problems", mapping=["Colour=title"])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(Invalid, match="empty"):
        import_notion(db, empty, "problems")


# ------------------------------------------------------------------------------------------------ papers
def test_paper_tracker_import(db: Database) -> None:
    report = run(db, "papers.csv", "papers")
    assert report.written and len(report.added) == 4 and [r.row for r in report.skipped] == [4]
    assert report.unknown_columns == ("Rating", "Created by")
    assert report.columns["Read"] == "read" and report.columns["TL;DR"] == "tldr"
    with db.read() as s:
        papers = {p.title: p for p in s.exec(select(Paper))}
        attention = papers["Attention Is All You Need"]
        assert attention.arxiv_id == "1706.03762" and attention.status == "read" and attention.year == 2017
        assert attention.read_on is not None and attention.read_on.isoformat() == "2024-03-03"
        assert "Łukasz Kaiser" in (attention.authors or "")
        lora = papers["LoRA: Low-Rank Adaptation of Large Language Models"]
        assert lora.arxiv_id == "2106.09685" and lora.status == "reading"
        assert '"cheap"' in (lora.tldr or "")
        assert papers["Our Team's Ranking Model Write-up"].status == "to-read"
        resnet = papers["Deep Residual Learning for Image Recognition"]
        assert "\n" in (resnet.tldr or "")
    from tracker.services.papers import list_papers

    topics = {p.title: p.topics for p in list_papers(db)}
    assert topics["Deep Residual Learning for Image Recognition"] == ["Vision"]
    assert sorted(topics["Attention Is All You Need"]) == ["NLP", "Transformers"]


def test_papers_merge_with_the_catalog_by_arxiv_id(demo_db: Database) -> None:
    with demo_db.read() as s:
        count = len(list(s.exec(select(Paper.id))))
    report = run(demo_db, "papers.csv", "papers")
    merged = {r.label: r.reason for r in report.merged}
    assert merged.get("Attention Is All You Need") == "same arXiv id"
    with demo_db.read() as s:
        assert len(list(s.exec(select(Paper.id)))) == count + len(report.added)


# ------------------------------------------------------------------------------------------------ stories
def test_behavioral_questions_become_stories_questions_and_links(db: Database) -> None:
    report = run(db, "behavioral.csv", "stories")
    assert report.written
    assert [r.row for r in report.added] == [2, 3, 5]
    assert [(r.row, r.reason) for r in report.merged] == [(6, "same title")]
    assert report.unknown_columns == ("Last practiced",)
    with db.read() as s:
        stories = {st.title: st for st in s.exec(select(Story))}
        assert set(stories) == {"Pushed back on the Q3 launch date", "Feature store migration"}
        launch = stories["Pushed back on the Q3 launch date"]
        assert launch.situation.startswith("Q3 launch") and launch.strength == 4
        assert launch.tags == ["Ownership", "Data-driven"]
        assert stories["Feature store migration"].strength == 5
        questions = {q.text: q for q in s.exec(select(Question))}
        assert len(questions) == 4
        weakness = questions["What is your biggest weakness?"]
        assert weakness.answer and weakness.answer.startswith("I over-polish")
        disagree = questions["Tell me about a time you disagreed with your manager, and how it ended."]
        assert disagree.competency == "Conflict, Communication"
        acme = s.exec(select(Company).where(Company.name == "Acme Robotics")).one()
        assert disagree.company_id == acme.id
        links = {(sq.story_id, sq.question_id) for sq in s.exec(select(StoryQuestion))}
        feature = stories["Feature store migration"]
        failed = questions["Tell me about a time you failed."]
        assert (feature.id, failed.id) in links  # the merged row linked one more question to the story
        assert len(links) == 3


# ------------------------------------------------------------------------------------------------ rounds
def test_interview_board_import_creates_companies_rounds_and_columns(db: Database) -> None:
    report = run(db, "interview_board.csv", "rounds")
    assert report.written and len(report.added) == 6 and report.unknown_columns == ("Job posting",)
    with db.read() as s:
        columns = {c.name: c for c in s.exec(select(BoardColumn))}
        assert {"To schedule", "Rejected"} <= set(columns)
        assert columns["Rejected"].is_done and not columns["To schedule"].is_done
        companies = {c.id: c for c in s.exec(select(Company))}
        assert {c.name for c in companies.values()} == {"Acme Robotics", "Globex", "Initech"}
        acme = next(c for c in companies.values() if c.name == "Acme Robotics")
        assert acme.role == "ML Engineer"
        rounds = list(s.exec(select(Round).order_by(Round.id)))
        by = {(companies[r.company_id].name, r.kind): r for r in rounds}
        coding = by[("Acme Robotics", "coding")]
        assert coding.scheduled_at == datetime(2024, 10, 22, 10, 0, tzinfo=UTC)
        assert coding.duration_minutes == 60  # from the date range
        assert coding.column_id == columns["Done"].id and coding.outcome == "passed"
        assert "Graphs + a heap question." in (coding.notes or "")
        recruiter = by[("Acme Robotics", "recruiter")]
        assert recruiter.duration_minutes == 30 and recruiter.interviewer == "Sam Lee"
        assert by[("Initech", "phone-screen")].column_id == columns["To schedule"].id
        final = by[("Initech", "onsite")]  # "Final round" read as the onsite
        assert final.column_id == columns["Rejected"].id and final.outcome == "failed"
        assert by[("Globex", "onsite")].scheduled_at == datetime(2024, 11, 12, 9, 0, tzinfo=UTC)
        positions = sorted(r.position for r in rounds if r.column_id == columns["Done"].id)
        assert positions == [0, 1]


def test_rounds_merge_on_company_kind_and_date(db: Database) -> None:
    run(db, "interview_board.csv", "rounds")
    before = snapshot(db)
    again = run(db, "interview_board.csv", "rounds")
    assert again.added == [] and len(again.merged) == 6
    after = snapshot(db)
    assert len(after["round"]) == len(before["round"]) and after["board_column"] == before["board_column"]


def test_bad_interview_board_is_refused_and_leaves_the_database_unchanged(demo_db: Database) -> None:
    before = snapshot(demo_db)
    report = run(demo_db, "interview_board_bad.csv", "rounds")
    assert not report.written
    assert {r.row: r.reason for r in report.refused} == {
        3: "no company",
        4: "'next Tuesday-ish' is not a date (expected e.g. 'October 15, 2024' or 'October 15, 2024 3:00 PM')",
    }
    assert snapshot(demo_db) == before


def test_a_copy_of_the_fixture_with_windows_line_ends_and_no_bom_reads_the_same(
    db: Database, tmp_path: Path
) -> None:
    raw = (FIXTURES / "interview_board.csv").read_bytes().removeprefix(b"\xef\xbb\xbf")
    copy = tmp_path / "board.csv"
    copy.write_bytes(raw.replace(b"\r\n", b"\n"))
    shutil.copy(copy, tmp_path / "board2.csv")
    report = import_notion(db, copy, "rounds", now=NOW, zone=UTC, dry_run=True)
    assert len(report.added) == 6 and report.refused == []


def test_the_zip_notion_exports_is_read_directly(db: Database, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "Export-1234.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Papers 1a2b.csv", "Name\nOnly the current view\n")
        zf.writestr("Papers 1a2b_all.csv", (FIXTURES / "papers.csv").read_bytes())
        zf.writestr("Papers 1a2b/Attention Is All You Need 3c4d.md", "# notes")
    report = import_notion(db, archive, "papers", now=NOW, zone=UTC, dry_run=True)
    assert len(report.added) == 4
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("Problems 5e6f.csv", "Name\nTwo Sum\n")
    with pytest.raises(Invalid, match="one database CSV"):
        import_notion(db, archive, "papers")


def test_a_large_tracker_imports_in_one_go(db: Database, tmp_path: Path) -> None:
    rows = ["Name,Difficulty,Status,Last attempt,Tags"]
    rows += [f'Problem {i},Medium,Has bugs,"October {1 + i % 28}, 2024","Graphs, DP"' for i in range(600)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(rows), encoding="utf-8-sig")
    report = import_notion(db, big, "problems", now=NOW, zone=UTC)
    assert report.written and len(report.added) == 600
    with db.read() as s:
        assert len(list(s.exec(select(Attempt.id)))) == 600


def test_notes_for_what_the_import_had_to_guess_and_a_year_that_is_not_one(
    db: Database, tmp_path: Path
) -> None:
    rounds = tmp_path / "rounds.csv"
    rounds.write_text('Round,Company,Date\nWeird,Acme,"December 22, 2026"\n', encoding="utf-8")
    report = import_notion(db, rounds, "rounds", now=NOW, zone=UTC)
    [row] = report.rows
    assert "round 'Weird' is not a round kind prep knows: imported as other" in row.notes
    assert "a date without a time: set for 09:00" in row.notes
    papers = tmp_path / "papers.csv"
    papers.write_text("Name,Year\nSome Paper,abc\n", encoding="utf-8")
    report = import_notion(db, papers, "papers", now=NOW, zone=UTC)
    [row] = report.rows
    assert row.action == "refused" and row.reason == "year 'abc' is not a year (expected e.g. 2017)"
