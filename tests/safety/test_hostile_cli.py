"""Hostile input through the CLI and the importers: a clear one-line error, no traceback, the database unchanged —
or, for text that is merely unusual (markup, emoji, right-to-left, 100 KB), stored and shown exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Result


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def seeded(prep, tmp_path: Path):
    """A database with a little of everything, and a function asserting a refusal left it unchanged."""
    db = tmp_path / "cli.db"
    for args in (
        ("company", "add", "Acme"),
        ("round", "add", "Acme", "coding", "--at", "2026-12-03 14:00"),
        ("problem", "add", "--number", "1"),
        ("paper", "add", "Attention Is All You Need", "--arxiv", "1706.03762"),
        ("topic", "add", "Transformers"),
        ("story", "add", "Launch", "--situation", "s", "--task", "t", "--action", "a", "--result", "r"),
    ):
        r = prep(*args)
        assert r.code == 0, (args, r.err)

    def refused(r: Result, *needles: str) -> None:
        assert r.code != 0, r.out
        assert r.err.startswith("error: "), r.err
        assert r.err.count("\n") == 1, r.err
        assert "Traceback" not in r.err + r.out
        for needle in needles:
            assert needle.lower() in r.err.lower(), r.err

    before = dump(db)

    def unchanged() -> None:
        assert dump(db) == before

    return refused, unchanged


REFUSALS = [
    (("round", "add", "Acme", "coding", "--at", "2026-02-30 10:00"), "cannot read"),
    (("round", "add", "Acme", "coding", "--at", "25:99"), "cannot read"),
    (("round", "add", "Acme", "coding", "--duration", "-5"), "duration"),
    (("round", "add", "Acme", "interpretive-dance"), "round kind"),
    (("rate", "1", "5"), "rating"),
    (("rate", "1", "0"), "rating"),
    (("rate", "1", "great"), "not a rating"),
    (("rate", "1", "bug-free", "--minutes", "-5"), "minutes"),
    (("rate", "424242", "bug-free"), "no problem"),
    (("round", "move", "9999", "Done"), "9999"),
    (("round", "move", "1", "Nowhere"), "column"),
    (("round", "move", "1", "Done", "--position", "-1"), "position"),
    (("round", "move", "1", "Done", "--outcome", "maybe"), "outcome"),
    (("company", "add", "ACME"), "exists"),
    (("company", "add", "   "), "empty"),
    (("topic", "add", "transformers"), "exists"),
    (("paper", "add", "Duplicate arXiv", "--arxiv", "1706.03762"), "already"),
    (("paper", "read", "99999", "--tldr", "x"), "99999"),
    (("story", "link", "9999", "1"), "9999"),
    (("problem", "add", "X", "--difficulty", "impossible"), "difficulty"),
    (("problem", "add", "--number", "1"), "exists"),
    (("problem", "add", "--number", "-3"), "number"),
    (("block", "done", "9999"), "9999"),
    (("rule", "add", "--rrule", "FREQ=WEEKLY;BYDAY=XX", "--start", "07:00", "--minutes", "60"), "BYDAY"),
    (("rule", "add", "--days", "mon-fri", "--start", "7am-ish", "--minutes", "60"), "start"),
    (("rule", "add", "--days", "mon-fri", "--start", "07:00", "--minutes", "0"), "minutes"),
    (("catalog", "load", "everything"), "unknown catalog"),
]


@pytest.mark.parametrize("args,needle", REFUSALS, ids=[" ".join(a) for a, _ in REFUSALS])
def test_refused_with_one_clear_line_and_nothing_changes(
    prep, seeded, args: tuple[str, ...], needle: str
) -> None:
    refused, unchanged = seeded
    refused(prep(*args), needle)
    unchanged()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


IMPORT_FILES = [
    ("garbage.csv", b"\x00\x01\x02\xff\xfe binary \x00 junk"),
    ("latin1.csv", "number,title\n1,Caf\xe9 problem\n".encode("latin-1")),
    ("no-header.csv", b""),
    ("wrong-columns.csv", b"foo,bar\n1,2\n"),
    ("bad-rows.csv", b"number,title,difficulty\n1,Two Sum,easy\nabc,Broken,medium\n5,Bad,legendary\n"),
    ("open-quote.csv", b'number,title,difficulty\n1,Two Sum,easy\n503,"unterminated,easy\n'),
    ("text-after-quote.csv", b'number,title,difficulty\n503,"Next" Greater,easy\n'),
    ("extra-cells.csv", b"number,title,difficulty\n1,Two Sum,easy\n503,Next, Greater,easy\n"),
]


@pytest.mark.parametrize("name,data", IMPORT_FILES, ids=[n for n, _ in IMPORT_FILES])
def test_bad_problem_csv_is_refused_whole(prep, seeded, tmp_path: Path, name: str, data: bytes) -> None:
    refused, unchanged = seeded
    refused(prep("import", "problems", str(_write(tmp_path / name, data))))
    unchanged()


@pytest.mark.parametrize("name,data", IMPORT_FILES[:3], ids=[n for n, _ in IMPORT_FILES[:3]])
def test_bad_notion_csv_is_refused_whole(prep, seeded, tmp_path: Path, name: str, data: bytes) -> None:
    refused, unchanged = seeded
    refused(prep("import", "notion", str(_write(tmp_path / name, data)), "--as", "problems"))
    unchanged()


def test_missing_import_file(prep, seeded, tmp_path: Path) -> None:
    refused, unchanged = seeded
    refused(prep("import", "problems", str(tmp_path / "nope.csv")))
    refused(prep("import", "json", str(tmp_path / "nope.json")))
    unchanged()


def test_json_restore_into_a_database_with_data_is_refused(prep, seeded, tmp_path: Path) -> None:
    refused, unchanged = seeded
    backup = tmp_path / "b.json"
    assert prep("export", "json", "-o", str(backup)).code == 0
    refused(prep("import", "json", str(backup)), "empty")
    _write(tmp_path / "broken.json", b'{"format": ')
    refused(prep("import", "json", str(tmp_path / "broken.json")))
    unchanged()


def test_database_from_a_newer_version_is_refused_untouched(prep, tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    assert prep("company", "add", "Acme", db=path).code == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    r = prep("company", "list", db=path)
    assert r.code == 2 and r.err.startswith("error: ") and "newer" in r.err
    assert path.read_bytes() == before


def test_data_folder_that_cannot_be_written(prep, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    r = prep("company", "list", db=blocker / "prep.db")
    assert r.code != 0 and r.err.startswith("error: ") and r.err.count("\n") == 1
    assert "Traceback" not in r.err
    assert blocker.read_text() == "a file where the data folder should be"


UNUSUAL = [
    "[bold]Two[/] Sum",
    "[/]",
    "[link=https://example.com]click[/link]",
    "Emoji 🚀🔥 problem",
    "مسألة المجموع",  # right-to-left
    "עץ בינארי",
    "Tabs\tand trailing spaces   ",
]


@pytest.mark.parametrize("title", UNUSUAL)
def test_unusual_text_is_stored_and_listed_exactly(prep, title: str) -> None:
    r = prep("problem", "add", title)
    assert r.code == 0, r.err
    rows = prep("problem", "list", "--json").json()
    expected = " ".join(title.split())  # a title is one line: tabs and runs of blanks are one space
    assert [row["title"] for row in rows] == [expected]
    text = prep("problem", "list").out
    assert expected[:40] in text


def test_control_characters_are_removed_not_stored(prep) -> None:
    assert prep("company", "add", "Evil\x1b[31mCorp\x07").code == 0
    names = [c["name"] for c in prep("company", "list", "--json").json()]
    assert names == ["Evil[31mCorp"]


def test_100kb_story_fields_round_trip(prep) -> None:
    big = ("All work and no play. " * 5000)[:100_000]
    r = prep("story", "add", "Big", "--situation", big, "--task", "t", "--action", "a", "--result", "r")
    assert r.code == 0, r.err
    story = prep("story", "list", "--json").json()[0]
    assert story["situation"] == big.strip()


def test_a_full_disk_fails_one_write_cleanly(db) -> None:
    """SQLITE_FULL on a write: a clear ServiceError, the earlier rows intact, the file sound."""
    from sqlalchemy import event

    from tracker.services.base import ServiceError
    from tracker.services.pipeline import add_company, list_companies

    add_company(db, "Before")
    engine = db.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _tiny(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(ServiceError, match="full"):
        add_company(
            db, "Big", notes="X" * 200_000
        )  # long notes: a name that long is refused before the write
    assert [c.name for c in list_companies(db)] == ["Before"]
    con = sqlite3.connect(db.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_exports_and_backups_are_readable_by_the_user_only(prep, seeded, tmp_path: Path) -> None:
    """With the common umask 022 a plain write makes 0644 files; every export is 0600, as the database is."""
    import os

    old = os.umask(0o022)
    try:
        outputs = {
            "backup.json": ["export", "json", "-o"],
            "week.md": ["export", "week", "--format", "md", "-o"],
            "week.json": ["export", "week", "--format", "json", "-o"],
            "stories.md": ["export", "stories", "-o"],
            "plan.ics": ["export", "ics", "-o"],
        }
        for name, args in outputs.items():
            r = prep(*args, str(tmp_path / name))
            assert r.code == 0, (name, r.err)
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name
        assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    finally:
        os.umask(old)
