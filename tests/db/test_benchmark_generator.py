"""The benchmark's large-database generator, run at a tiny scale so it does not rot as the schema moves."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks import generate as gen
from tracker.services.base import Database

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)
SCALE = 0.01


@pytest.fixture(scope="module")
def small_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "small.db"
    gen.build(path, scale=SCALE, seed=3, now=NOW)
    return path


@pytest.fixture
def small(small_path: Path) -> Iterator[Database]:
    db = Database(small_path)
    db.ensure_schema()
    yield db
    db.close()


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_counts_follow_the_scale(small_path: Path) -> None:
    counts = dict(gen.iter_counts(small_path))
    want = gen.Counts.at(SCALE)
    assert (want.problems, want.attempts, want.papers) == (50, 200, 10)
    assert counts["problem"] == want.problems
    assert counts["attempt"] == want.attempts
    assert counts["paper"] == want.papers
    assert counts["story"] == want.stories
    assert counts["question"] == want.questions
    assert counts["company"] == want.companies
    assert counts["round"] == want.rounds
    assert counts["study_rule"] == gen.RULES
    # a year of blocks: roughly 20 a week from the 10 rules, minus days off
    assert 40 * 17 < counts["study_block"] < 56 * 21


def test_problem_state_matches_its_attempts(small_path: Path) -> None:
    from tracker.domain.mastery import CardState, Mastery, review

    problems = _rows(
        small_path, "SELECT id, mastery, attempts_count, last_attempt_at, card, due_at FROM problem"
    )
    attempts: dict[int, list[tuple[str, int]]] = {}
    for pid, at, rating in _rows(small_path, "SELECT problem_id, at, rating FROM attempt ORDER BY at, id"):
        attempts.setdefault(pid, []).append((at, rating))
    assert attempts, "some problems were attempted"
    for pid, mastery, count, last, card, due in problems:
        history = attempts.get(pid, [])
        assert count == len(history)
        if not history:
            assert (mastery, last, card, due) == (None, None, None, None)
            continue
        assert mastery == history[-1][1]
        assert last == history[-1][0]
        state = None
        for at, rating in history:
            state = review(state, Mastery(rating), datetime.fromisoformat(at).replace(tzinfo=UTC))
        import json

        assert state == CardState.from_dict(json.loads(card))
        assert state.due is not None and datetime.fromisoformat(due).replace(tzinfo=UTC) == state.due


def test_board_and_schedule_are_consistent(small_path: Path) -> None:
    rounds = _rows(
        small_path,
        "SELECT c.name, c.is_done, r.position, r.scheduled_at, r.outcome FROM round r "
        "JOIN board_column c ON c.id = r.column_id",
    )
    by_column: dict[str, list[int]] = {}
    for column, done, position, at, outcome in rounds:
        by_column.setdefault(column, []).append(position)
        when = datetime.fromisoformat(at).replace(tzinfo=UTC) if at else None
        if done:
            assert when is not None and when < NOW and outcome in ("passed", "failed", "pending")
        elif column == "Scheduled":
            assert when is not None and NOW < when <= NOW + timedelta(days=gen.FUTURE_ROUND_DAYS + 1)
    for positions in by_column.values():
        assert sorted(positions) == list(range(len(positions)))
    future = _rows(
        small_path, "SELECT DISTINCT status FROM study_block WHERE start_at > datetime('2026-11-17')"
    )
    assert future == [("planned",)]


def test_the_apps_services_read_it(small: Database) -> None:
    from tracker.services import dashboard, pipeline, problems, schedule, stories

    summary = dashboard.summary(small, now=NOW)
    assert summary.problems == 50 and summary.attempted == 20
    assert summary.companies == 1 and not summary.empty
    rows = problems.list_problems(small)
    assert len(rows) == 50
    assert rows[0].patterns, "catalog problems keep their NeetCode pattern"
    assert len({r.slug for r in rows}) == 50
    assert sum(len(c.rounds) for c in pipeline.board(small)) == gen.Counts.at(SCALE).rounds
    assert len(stories.list_stories(small)) == gen.Counts.at(SCALE).stories
    assert len(schedule.list_rules(small)) == gen.RULES
    assert schedule.list_blocks(small, NOW, NOW + timedelta(days=7))


def test_same_seed_same_rows_and_the_cache_is_reused(
    tmp_path: Path, small_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gen, "CACHE_DIR", tmp_path / "cache")
    builds: list[int] = []
    real_build = gen.build

    def counting_build(path: Path, **kwargs: object) -> dict[str, int]:
        builds.append(1)
        return real_build(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gen, "build", counting_build)
    first = gen.generate(tmp_path / "a.db", scale=SCALE, seed=3, now=NOW)
    second = gen.generate(tmp_path / "b.db", scale=SCALE, seed=3, now=NOW)
    assert len(builds) == 1, "the second call reuses the cached file"
    for table in ("problem", "attempt", "round", "study_block", "story_question"):
        sql = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert _rows(first, sql) == _rows(second, sql) == _rows(small_path, sql)
    gen.generate(tmp_path / "c.db", scale=SCALE, seed=4, now=NOW)
    assert len(builds) == 2, "another seed is another database"
    sql = "SELECT problem_id, at, rating FROM attempt ORDER BY id"
    assert _rows(tmp_path / "c.db", sql) != _rows(first, sql)
