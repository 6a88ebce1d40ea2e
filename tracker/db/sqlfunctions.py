"""SQL functions prep's queries call, added to every connection it opens (plain sqlite3 only: the raw reads use it
without importing the ORM).

They are used in queries only. No trigger, index or view stored in the file calls them, so any other SQLite client
can still open, read and write the database.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tracker.domain.words import fold


def add_functions(con: sqlite3.Connection) -> None:
    con.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(value: Any) -> Any:
    """``casefold(text)``: :func:`tracker.domain.words.fold` (SQLite's own lower() folds only ASCII letters)."""
    return fold(value) if isinstance(value, str) else value
