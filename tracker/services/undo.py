"""Taking back a delete: the rows it removes are kept first, so they can be put back exactly.

A delete from the terminal app (a problem, a paper, a story, a topic page, a technical question) goes through :func:`deleting`: in the same transaction as
the delete, the row and every row that goes with it are read first — those that the database's foreign keys delete
with it (``ON DELETE CASCADE``: a problem's attempts and tag links, a story's rehearsals and question links) and the
references it clears (``ON DELETE SET NULL``) — following the foreign keys SQLite reports, so a table added later
is covered without a change here. :func:`restore` puts them back in one transaction, with their ids, in an order that
satisfies the foreign keys, and refuses (changing nothing) when something now stands in the way, such as a row that
took a freed id or a parent deleted since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.services.base import Conflict, Database, NotFound


@dataclass(frozen=True)
class Removed:
    """What a delete removed: ``label`` names it ("the problem “Two Sum”")."""

    label: str
    rows: tuple[tuple[str, tuple[str, ...], tuple[Any, ...]], ...]
    """(table, columns, values) of every row removed, parents before the rows that refer to them."""
    cleared: tuple[tuple[str, int, str, Any], ...]
    """(table, rowid, column, value) of every reference the delete set to NULL."""


def _referrers(con: sqlite3.Connection) -> dict[str, list[tuple[str, str, str, str]]]:
    """For each table, (child table, child column, parent column, on delete) of every foreign key pointing at it."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for child in names:
        for fk in con.execute(f'PRAGMA foreign_key_list("{child}")'):
            out.setdefault(fk[2], []).append((child, fk[3], fk[4] or "rowid", str(fk[6]).upper()))
    return out


def capture(con: sqlite3.Connection, table: str, where: str, params: tuple[Any, ...]) -> Removed:
    """The rows of ``table`` matching ``where`` and everything a delete of them takes along (see the module)."""
    rows: list[tuple[str, tuple[str, ...], tuple[Any, ...]]] = []
    cleared: list[tuple[str, int, str, Any]] = []
    seen: set[tuple[str, int]] = set()
    referrers = _referrers(con)  # read once: every row visited looks its table up

    def visit(name: str, condition: str, args: tuple[Any, ...]) -> None:
        cursor = con.execute(f'SELECT rowid, * FROM "{name}" WHERE {condition}', args)
        columns = tuple(d[0] for d in cursor.description[1:])
        found = cursor.fetchall()
        for row in found:
            if (name, row[0]) in seen:
                continue
            seen.add((name, row[0]))
            rows.append((name, columns, tuple(row[1:])))
            values = dict(zip(columns, row[1:], strict=True))
            for child, column, parent_column, on_delete in referrers.get(name, ()):
                key = values.get(parent_column)
                if key is None:
                    continue
                if on_delete == "CASCADE":
                    visit(child, f'"{column}" = ?', (key,))
                elif on_delete == "SET NULL":
                    for (rowid,) in con.execute(f'SELECT rowid FROM "{child}" WHERE "{column}" = ?', (key,)):
                        cleared.append((child, rowid, column, key))

    visit(table, where, params)
    return Removed("", tuple(rows), tuple(cleared))


def _driver(session: Any) -> sqlite3.Connection:
    """The sqlite3 connection under the session's transaction (the same transaction)."""
    con = session.connection().connection.driver_connection
    assert isinstance(con, sqlite3.Connection)
    return con


def deleting(
    db: Database, table: str, row_id: int, delete: Callable[[Any], str], what: str = "row"
) -> Removed:
    """Run ``delete(session)`` (it deletes the row and returns its name) in one transaction, after reading what it
    will remove. NotFound when there is no such row."""
    with db.write() as session:
        con = _driver(session)
        kept = capture(con, table, "id = ?", (row_id,))
        if not kept.rows:
            raise NotFound(f"no {what} with id {row_id}")
        name = delete(session)
    return Removed(f"{what} “{name}”", kept.rows, kept.cleared)


def restore(db: Database, removed: Removed) -> str:
    """Put back what :func:`deleting` removed, in one transaction; returns its label. Conflict (and nothing
    changes) when a row cannot go back as it was."""
    with db.write() as session:
        con = _driver(session)
        try:
            for table, columns, values in removed.rows:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                con.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
            for table, rowid, column, value in removed.cleared:
                con.execute(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ? AND "{column}" IS NULL',
                    (value, rowid),
                )
        except sqlite3.IntegrityError as exc:
            raise Conflict(f"cannot bring back the {removed.label}: {exc}") from None
    return removed.label
