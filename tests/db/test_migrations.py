"""Migrations: the chain is unbroken, models and migrations agree, upgrading keeps every row, foreign files are
never touched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tracker.db import tables
from tracker.db.engine import make_engine
from tracker.db.migrate import HEAD, NotAPrepDatabase, alembic_config, ensure_current, upgrade


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(None))


def test_revision_chain_is_unbroken_and_head_is_known() -> None:
    script = _script()
    heads = script.get_heads()
    assert heads == [HEAD], "exactly one head, and migrate.HEAD names it"
    revisions = list(script.walk_revisions())
    bases = [r for r in revisions if r.down_revision is None]
    assert len(bases) == 1
    # Every revision is reachable from head by following down_revision.
    seen = set()
    rev = script.get_revision(HEAD)
    while rev is not None:
        seen.add(rev.revision)
        rev = script.get_revision(rev.down_revision) if rev.down_revision else None
    assert seen == {r.revision for r in revisions}


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    ensure_current(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, tables.metadata)
    engine.dispose()
    assert diff == []


def _fill_every_table(path: Path) -> dict[str, int]:
    """Insert one row or more into every user table with raw SQL valid at the first revision."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    now = "2026-01-02 03:04:05"
    statements = [
        f"INSERT INTO company (id, name, status, created_at) VALUES (1, 'Acme', 'active', '{now}')",
        f"INSERT INTO round (id, company_id, kind, column_id, position, created_at, updated_at) "
        f"VALUES (1, 1, 'coding', 1, 0, '{now}', '{now}')",
        f"INSERT INTO round_event (id, round_id, at, to_column) VALUES (1, 1, '{now}', 'Done')",
        f"INSERT INTO problem (id, number, slug, title, attempts_count, created_at, updated_at) "
        f"VALUES (1, 1, 'two-sum', 'Two Sum', 1, '{now}', '{now}')",
        f"INSERT INTO attempt (id, problem_id, at, rating) VALUES (1, 1, '{now}', 4)",
        "INSERT INTO pattern (id, name) VALUES (1, 'Arrays & Hashing')",
        "INSERT INTO problem_list (id, name, slug) VALUES (1, 'Blind 75', 'blind75')",
        "INSERT INTO problem_pattern (problem_id, pattern_id) VALUES (1, 1)",
        "INSERT INTO problem_list_item (problem_id, list_id, position) VALUES (1, 1, 0)",
        "INSERT INTO problem_company (problem_id, company_id) VALUES (1, 1)",
        f"INSERT INTO topic (id, name, area, created_at) VALUES (1, 'Transformers', 'ml-depth', '{now}')",
        f"INSERT INTO paper (id, title, status, created_at, updated_at, arxiv_id) "
        f"VALUES (1, 'Attention', 'read', '{now}', '{now}', '1706.03762')",
        "INSERT INTO paper_topic (paper_id, topic_id) VALUES (1, 1)",
        "INSERT INTO round_topic (round_id, topic_id) VALUES (1, 1)",
        f"INSERT INTO question (id, text, kind, created_at) VALUES (1, 'Tell me about a time', 'behavioral', '{now}')",
        f"INSERT INTO story (id, title, situation, task, action, result, tags, strength, rehearsals, created_at, "
        f"updated_at) VALUES (1, 'S', 's', 't', 'a', 'r', '[]', 3, 1, '{now}', '{now}')",
        f"INSERT INTO rehearsal (id, story_id, at) VALUES (1, 1, '{now}')",
        "INSERT INTO story_question (story_id, question_id, is_best) VALUES (1, 1, 1)",
        f"INSERT INTO study_rule (id, label, rrule, start_time, minutes, focus, exceptions, active, created_at) "
        f"VALUES (1, 'am', 'FREQ=DAILY', '07:00', 60, 'coding', '[]', 1, '{now}')",
        "INSERT INTO day_off (id, day) VALUES (1, '2026-12-25')",
        f"INSERT INTO study_block (id, rule_id, round_id, start_at, end_at, activity, title, items, status, pinned, "
        f"created_at) VALUES (1, 1, 1, '{now}', '2026-01-02 04:04:05', 'coding', 'b', '[]', 'done', 0, '{now}')",
        "INSERT INTO setting (key, value) VALUES ('queue.daily_review_cap', '20')",
    ]
    for sql in statements:
        con.execute(sql)
    con.commit()
    names = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        if r[0] != "alembic_version"
    ]
    counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    con.close()
    return counts


EARLIER = [r.revision for r in _script().walk_revisions() if r.revision != HEAD]


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_at_every_earlier_revision_keeps_every_row_after_upgrade(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "old.db"
    upgrade(path, revision)
    before = _fill_every_table(path)  # raw SQL valid at the first revision, and so at every later one
    assert all(n > 0 for n in before.values()), [k for k, v in before.items() if v == 0]
    backup = ensure_current(path)
    assert backup is not None and backup.exists() and backup.parent == path.parent  # saved beside it first
    con = sqlite3.connect(path)
    for table, n in before.items():
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] >= n, table
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # 0002 filled the search text of the rows already there: title, pattern, company and list
    parts = con.execute("SELECT search_text FROM problem WHERE id = 1").fetchone()[0].split(chr(31))
    assert parts == ["two sum", "", "arrays & hashing", "acme", "blind 75"]
    # 0003: the week's numbers by rating and problem come from the index alone
    plan = " ".join(
        str(row[3])
        for row in con.execute(
            "EXPLAIN QUERY PLAN SELECT rating, count(distinct problem_id) FROM attempt"
            " WHERE at >= '2026-01-01' AND at < '2026-01-08' GROUP BY rating"
        )
    )
    assert "COVERING INDEX ix_attempt_at_rating_problem" in plan
    con.close()


def test_a_database_needing_migration_is_backed_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.db import migrate

    path = tmp_path / "old.db"
    ensure_current(path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO company (name, status, created_at) VALUES ('Acme', 'active', '2026-01-01')")
    con.commit()
    con.close()
    # Pretend the code is one revision ahead of this file.
    monkeypatch.setattr(migrate, "HEAD", "9999_future")
    seen: list[Path] = []

    def fake_upgrade(p: Path, revision: str = "head") -> None:
        seen.extend(tmp_path.glob("*.bak"))

    monkeypatch.setattr(migrate, "upgrade", fake_upgrade)
    backup = ensure_current(path)
    assert backup is not None and backup.exists()
    assert seen == [backup], "the copy exists before the upgrade runs"
    con = sqlite3.connect(backup)
    assert con.execute("SELECT name FROM company").fetchall() == [("Acme",)]
    con.close()


def test_a_failed_migration_leaves_the_original_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.db import migrate

    path = tmp_path / "old.db"
    ensure_current(path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO company (name, status, created_at) VALUES ('Acme', 'active', '2026-01-01')")
    con.commit()
    con.close()
    monkeypatch.setattr(migrate, "HEAD", "9999_future")

    def broken_upgrade(p: Path, revision: str = "head") -> None:
        c = sqlite3.connect(p)
        c.execute("DELETE FROM company")
        c.execute("DROP TABLE setting")
        c.commit()
        c.close()
        raise RuntimeError("boom")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(migrate.MigrationFailed):
        ensure_current(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT name FROM company").fetchall() == [("Acme",)]
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name='setting'").fetchone()[0] == 1
    con.close()


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"just some notes\nnot a database\n",
        None,  # another application's SQLite file
    ],
    ids=["random-bytes", "text-file", "foreign-sqlite"],
)
def test_a_file_that_is_not_a_prep_database_is_refused_and_untouched(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "other.db"
    if content is None:
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO contacts (name) VALUES ('Ada')")
        con.commit()
        con.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(NotAPrepDatabase):
        ensure_current(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_engine_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    ensure_current(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_dashboard_indexes_exist(tmp_path: Path) -> None:
    path = tmp_path / "i.db"
    ensure_current(path)
    con = sqlite3.connect(path)
    indexed = {
        (r[1], r[2])
        for name in ("problem", "attempt", "round", "study_block")
        for r in [
            (idx[1], name, col[2])
            for idx in con.execute(f"PRAGMA index_list('{name}')")
            for col in con.execute(f"PRAGMA index_info('{idx[1]}')")
        ]
    }
    con.close()
    for table, column in [
        ("problem", "due_at"),
        ("attempt", "at"),
        ("round", "scheduled_at"),
        ("study_block", "start_at"),
    ]:
        assert (table, column) in indexed


def test_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "deeper" / "prep.db"
    ensure_current(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_a_prep_database_that_cannot_be_opened_is_not_called_foreign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only disk SQLite cannot open a WAL database at all ("unable to open database file"): the message
    says the file or its folder is read-only, not that it is not a prep database. (A read-only mount needs root
    to set up; here SQLite's refusal and the permission check are stood in for.)"""
    from tracker.db import migrate

    path = tmp_path / "prep.db"
    ensure_current(path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(migrate.sqlite3, "connect", refuse)
    monkeypatch.setattr(migrate.os, "access", lambda p, mode: Path(p) != tmp_path)
    with pytest.raises(NotAPrepDatabase) as caught:
        ensure_current(path)
    message = str(caught.value)
    assert "its folder is read-only" in message and "not a prep database" not in message
    monkeypatch.setattr(migrate.os, "access", lambda p, mode: False)
    with pytest.raises(NotAPrepDatabase, match="the file is read-only"):
        ensure_current(path)
    assert path.read_bytes() == before
