"""The database handle every service takes, and the errors services raise for the faces to show."""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


class ServiceError(Exception):
    """A problem the user can fix; the message is one line and is shown as-is."""


class NotFound(ServiceError):
    pass


class Invalid(ServiceError):
    pass


class Conflict(ServiceError):
    pass


class DatabaseUnusable(ServiceError):
    """The file is not a prep database, or its migration failed (and it was restored)."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None, *, field_name: str = "text", required: bool = False) -> str | None:
    """Strip control characters (keeping newlines and tabs) and surrounding blanks; Unicode in its composed form
    (NFC), so that "Café" typed two ways is one text."""
    if value is None:
        if required:
            raise Invalid(f"{field_name} is required")
        return None
    text = unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()
    if required and not text:
        raise Invalid(f"{field_name} must not be empty")
    return text or None


NAME_MAX = 300
"""The longest title or name (a problem, paper or story title, a company, topic or column name)."""


def clean_name(value: str | None, *, field_name: str = "name", required: bool = False) -> str | None:
    """A one-line name: :func:`clean_text`, with line breaks, tabs and runs of blanks made one space, and at most
    :data:`NAME_MAX` characters (a longer one is refused, not cut)."""
    text = clean_text(value, field_name=field_name, required=required)
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) > NAME_MAX:
        raise Invalid(f"{field_name} is too long: {len(text):,} characters (at most {NAME_MAX})")
    return text


def now_utc() -> datetime:
    return datetime.now(UTC)


_ORM_LOCK = threading.Lock()
_orm_loaded = False


def orm_loaded() -> bool:
    """Whether :func:`load_orm` has run (the ORM is imported and ready for any thread)."""
    return _orm_loaded


def load_orm() -> None:
    """Import SQLAlchemy, SQLModel and the tables once, under a lock.

    The services import the ORM inside their functions so that a start that only reads the dashboard stays light.
    Two threads that import it for the first time at once break SQLAlchemy's circular imports ("cannot import name
    ... from partially initialized module"), so call this before using services from more than one thread."""
    global _orm_loaded
    if _orm_loaded:
        return
    with _ORM_LOCK:
        if _orm_loaded:
            return
        import sqlalchemy.exc
        import sqlalchemy.orm  # noqa: F401
        import sqlmodel  # noqa: F401

        import tracker.db.engine
        import tracker.db.tables  # noqa: F401

        _orm_loaded = True


@dataclass
class Database:
    """A prep database file. The engine (and so SQLAlchemy) is created on first use."""

    path: Path
    _migrated: bool = field(default=False, repr=False)

    def ensure_schema(self) -> Path | None:
        """Create or upgrade the schema; returns the backup made before a migration, if any."""
        from tracker.db.migrate import MigrationFailed, NotAPrepDatabase, ensure_current

        try:
            backup = ensure_current(self.path)
        except (NotAPrepDatabase, MigrationFailed) as exc:
            raise DatabaseUnusable(str(exc)) from None
        self._migrated = True
        return backup

    @cached_property
    def engine(self) -> Engine:
        from tracker.db.engine import make_engine

        if not self._migrated:
            self.ensure_schema()
        return make_engine(self.path)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE): committed on success, rolled back on error."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        from tracker.db.engine import session_scope

        try:
            with session_scope(self.engine) as session:
                yield session
        except IntegrityError as exc:
            raise Conflict(_integrity_message(exc)) from None
        except OperationalError as exc:
            raise ServiceError(f"database error: {exc.orig}") from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        from tracker.db.engine import session_scope

        with session_scope(self.engine, readonly=True) as session:
            yield session

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """One read-only snapshot on a plain ``sqlite3`` connection (no SQLAlchemy import): every query inside
        sees the same committed state. Bind datetimes with :func:`db_time`, read them with :func:`parse_db_time`."""
        if not self._migrated:
            self.ensure_schema()
        try:
            con = sqlite3.connect(self.path, timeout=RAW_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise ServiceError(f"database error: {exc}") from None
        try:
            from tracker.db.sqlfunctions import add_functions

            add_functions(con)
            con.execute(f"PRAGMA busy_timeout = {RAW_BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA query_only = ON")
            # A short-lived connection gains nothing from SQLite's default 2 MB page cache (the OS caches the file);
            # a small one keeps ~2 MB off the resident memory of the process that asked.
            con.execute(f"PRAGMA cache_size = -{RAW_CACHE_KIB}")
            con.execute("BEGIN")  # deferred: a read snapshot, no write lock
            try:
                yield con
            finally:
                if con.in_transaction:
                    con.execute("ROLLBACK")  # nothing was written (query_only); ends the snapshot
        except sqlite3.Error as exc:
            raise ServiceError(f"database error: {exc}") from None
        finally:
            con.close()

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
            del self.__dict__["engine"]


RAW_BUSY_TIMEOUT_MS = 10_000
RAW_CACHE_KIB = 256


def db_time(at: datetime) -> str:
    """A datetime as the database holds it (``UTCDateTime`` on SQLite): naive UTC text with microseconds, so it
    compares as text with stored values and uses their indexes. Naive input is taken to be UTC already."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC)
    return (
        f"{at.year:04d}-{at.month:02d}-{at.day:02d} "
        f"{at.hour:02d}:{at.minute:02d}:{at.second:02d}.{at.microsecond:06d}"
    )


def parse_db_time(value: str | None) -> datetime | None:
    """A stored datetime (naive UTC text) back as an aware UTC datetime, as ``UTCDateTime`` returns it."""
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def parse_db_json(value: Any) -> Any:
    """A stored JSON column as SQLAlchemy's JSON type returns it on SQLite (the column has NUMERIC affinity, so a
    JSON number comes back as an int or float, not text)."""
    if value is None or isinstance(value, int | float):
        return value
    import json

    return json.loads(value)


def dbapi_connection(handle: Any) -> sqlite3.Connection:
    """The ``sqlite3`` connection behind ``handle``: a :meth:`Database.raw_read` connection as is, or the one an
    open ORM Session runs on (its current transaction), so plain-SQL readers serve both."""
    if isinstance(handle, sqlite3.Connection):
        return handle
    handle.flush()  # what the session holds unwritten belongs to the transaction a plain query reads
    driver = handle.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _integrity_message(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc))
    if text.startswith("UNIQUE constraint failed:"):
        cols = text.split(":", 1)[1].strip()
        return f"already exists (same {cols.split('.')[-1]})"
    if text.startswith("CHECK constraint failed:"):
        return f"invalid value ({text.split(':', 1)[1].strip()})"
    if text.startswith("FOREIGN KEY constraint failed"):
        return "refused: other records still refer to it"
    return text
