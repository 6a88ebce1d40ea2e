"""Bring a database file to the current schema before anything reads it.

The fast path (an up-to-date database) uses only ``sqlite3``: no Alembic or SQLAlchemy import at startup.
When a migration is needed, a copy is saved beside the file first; a failed migration restores that copy.
A file that is not a prep database is never written to.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

# The newest revision in tracker/db/migrations/versions. A test checks it equals Alembic's head.
HEAD = "0003_attempt_week_index"
SQLITE_MAGIC = b"SQLite format 3\x00"


class NotAPrepDatabase(Exception):
    """The file exists but is not a database prep can use; it was left untouched."""


class MigrationFailed(Exception):
    """A migration failed; the database was restored from the backup beside it."""


def _read_state(path: Path) -> tuple[set[str], str | None]:
    """(table names, alembic revision or None) read without writing a byte."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise NotAPrepDatabase(f"cannot read {path}: {exc.strerror or exc}") from None
    if header != SQLITE_MAGIC:
        raise NotAPrepDatabase(f"{path} is not a prep database (not an SQLite file); it was left unchanged")
    uri = f"file:{path}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        # An SQLite file that cannot be opened is not a foreign file: say what is wrong with where it is.
        reason = str(exc)
        if not os.access(path, os.W_OK):
            reason += "; the file is read-only"
        elif not os.access(path.parent, os.W_OK):
            reason += "; its folder is read-only, and SQLite writes its journal beside the file"
        raise NotAPrepDatabase(f"cannot open {path}: {reason}; it was left unchanged") from None
    except sqlite3.DatabaseError as exc:
        raise NotAPrepDatabase(f"{path} is not a prep database ({exc}); it was left unchanged") from None
    return tables, revision


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))
    return [rev.revision for rev in script.walk_revisions()]


def alembic_config(path: Path | None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "tracker.db:migrations")
    if path is not None:
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def _create_private(path: Path) -> None:
    """Create the folder (0700 when new) and an empty file readable by the user only (0600)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def backup(path: Path, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    _create_private(target)
    copy_database(path, target, read_only=True)
    return target


def copy_database(source: Path, target: Path, *, read_only: bool = False) -> None:
    """Copy an SQLite database consistently into ``target`` (SQLite's backup API); ``read_only`` opens the source
    read-only, so a backup never writes to the file it copies."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True) if read_only else sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def upgrade(path: Path, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(path), revision)


def ensure_current(path: Path) -> Path | None:
    """Create or upgrade the database at ``path``; return the backup made, if any.

    Raises NotAPrepDatabase for a foreign file (untouched) and MigrationFailed when an upgrade fails (restored).
    """
    if not path.exists() or path.stat().st_size == 0:
        try:
            _create_private(path)
        except OSError as exc:
            raise NotAPrepDatabase(f"cannot create the database at {path}: {exc.strerror or exc}") from None
        upgrade(path)
        return None
    tables, revision = _read_state(path)
    if revision == HEAD:
        return None
    user_tables = {t for t in tables if not t.startswith("sqlite_") and t != "alembic_version"}
    if revision is None:
        if user_tables:
            raise NotAPrepDatabase(
                f"{path} is an SQLite database of another application; it was left unchanged"
            )
        upgrade(path)  # an empty SQLite file: nothing to keep, nothing to back up
        return None
    if revision not in known_revisions():
        raise NotAPrepDatabase(
            f"{path} was written by a newer or unknown version of prep (schema {revision}); it was left unchanged"
        )
    saved = backup(path, f"before-{HEAD}")
    try:
        upgrade(path)
    except Exception as exc:
        copy_database(saved, path)  # put the original back
        raise MigrationFailed(f"upgrading {path} failed ({exc}); it was restored from {saved}") from exc
    return saved
