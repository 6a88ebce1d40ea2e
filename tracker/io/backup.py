"""The JSON backup document: its envelope, its version check and how values are written.

A backup is one JSON object::

    {
      "format": "prep-backup",
      "format_version": 1,
      "prep_version": "0.1.0",
      "schema_revision": "0001_initial",
      "tables": {"company": [{"id": 1, "name": "…", …}, …], "problem": […], …}
    }

Every table appears (empty ones as ``[]``), in an order where a table comes after the tables it refers to; rows
are in primary-key order and each row lists every column, so the document is a pure function of the database:
export → import → export gives the same bytes. Values: datetimes as ISO 8601 with offset (UTC), dates as
YYYY-MM-DD, JSON columns as the JSON they hold, booleans as true/false.

This module knows nothing about the database; tracker.services.transfer reads and writes the tables.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

FORMAT_NAME = "prep-backup"
FORMAT_VERSION = 1

# Column value kinds the document distinguishes (chosen by the service from the column types).
DATETIME = "datetime"
DATE = "date"
PLAIN = "plain"


class BackupError(ValueError):
    """The document cannot be restored; the message is one line for the user."""


def envelope(
    tables: dict[str, list[dict[str, Any]]], *, schema_revision: str | None, prep_version: str
) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "prep_version": prep_version,
        "schema_revision": schema_revision,
        "tables": tables,
    }


def encode(value: Any) -> Any:
    """A column value as it is written into the document."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(value: Any, kind: str, where: str) -> Any:
    """A document value back to what the column takes. Raises BackupError naming ``where``."""
    if value is None or kind == PLAIN:
        return value
    if not isinstance(value, str):
        raise BackupError(f"{where}: expected a {kind} as text, found {type(value).__name__}")
    try:
        if kind == DATETIME:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise BackupError(f"{where}: {value!r} has no UTC offset")
            return parsed
        if kind == DATE:
            return date.fromisoformat(value)
    except ValueError:
        raise BackupError(f"{where}: {value!r} is not a valid {kind}") from None
    raise BackupError(f"{where}: unknown value kind {kind}")


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def dumps(document: dict[str, Any]) -> str:
    """The document as text: stable, UTF-8 (non-ASCII kept), one row per line so backups diff well."""
    lines = ["{"]
    head = [(k, v) for k, v in document.items() if k != "tables"]
    for key, value in head:
        lines.append(f"  {_one(key)}: {_one(value)},")
    lines.append('  "tables": {')
    tables = list(document.get("tables", {}).items())
    for t_index, (name, rows) in enumerate(tables):
        t_comma = "," if t_index < len(tables) - 1 else ""
        if not rows:
            lines.append(f"    {_one(name)}: []{t_comma}")
            continue
        lines.append(f"    {_one(name)}: [")
        for r_index, row in enumerate(rows):
            r_comma = "," if r_index < len(rows) - 1 else ""
            lines.append(f"      {_one(row)}{r_comma}")
        lines.append(f"    ]{t_comma}")
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def loads(text: str) -> dict[str, Any]:
    """Parse and check the envelope. Raises BackupError for anything that is not a backup this prep reads."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(f"not a prep backup: invalid JSON at line {exc.lineno} ({exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise BackupError('not a prep backup (no "format": "prep-backup" in it)')
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError(f"not a prep backup: format_version {version!r} is not a positive whole number")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"this backup uses format version {version}, newer than this prep reads ({FORMAT_VERSION}); "
            "upgrade prep to restore it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError('not a prep backup: "tables" is missing or not an object')
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BackupError(f"backup table {name!r} is not a list of objects")
    return document
