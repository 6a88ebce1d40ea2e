"""`prep import problems FILE.csv`: a CSV of problems (number, title, slug, difficulty, patterns, companies, lists).

The file may be UTF-8 with or without a BOM and separated by `,` or `;`. Column names are matched case-insensitively;
multi-valued cells (patterns, companies, lists) are split on `;`, `,` or `|`, whichever is not the file's separator.
Writing is one transaction in :func:`tracker.services.problems.import_problem_rows`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tracker.services.base import Database, Invalid
from tracker.services.problems import ImportReport, ImportRow, import_problem_rows

COLUMNS = ("number", "title", "slug", "difficulty", "patterns", "companies", "lists")
_ALIASES = {
    "#": "number",
    "no": "number",
    "id": "number",
    "name": "title",
    "problem": "title",
    "pattern": "patterns",
    "company": "companies",
    "list": "lists",
    "tags": "patterns",
}


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _split(cell: str, delimiter: str) -> tuple[str, ...]:
    seps = {",": r"[;|]", ";": r"[,|]"}[delimiter]
    return tuple(part.strip() for part in re.split(seps, cell or "") if part.strip())


def parse_problems_csv(text: str) -> list[ImportRow]:
    """Rows of a problems CSV; raises Invalid for a file that cannot be read as one."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    if not first.strip():
        raise Invalid(
            "the file is empty (expected a header: number,title,slug,difficulty,patterns,companies,lists)"
        )
    delimiter = _delimiter(first)
    # strict: a quote left open, or text after a closing quote, is a malformed file, not a cell swallowing the rest
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise Invalid(f"cannot read the CSV header: {exc}") from None
    names: list[str | None] = []
    for raw in header:
        key = raw.strip().lower()
        key = _ALIASES.get(key, key)
        names.append(key if key in COLUMNS else None)
    if "title" not in names and "number" not in names and "slug" not in names:
        raise Invalid("the header needs a title, number or slug column (columns: " + ", ".join(COLUMNS) + ")")
    rows: list[ImportRow] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            extra = [cell for cell in record[len(names) :] if cell.strip()]
            if extra:
                raise Invalid(
                    f"line {reader.line_num}: {len(record)} cells but the header has {len(names)} columns"
                    f" (is a cell with a {delimiter!r} missing its quotes?)"
                )
            values: dict[str, str] = {}
            for name, cell in zip(names, record, strict=False):
                if name is not None:
                    values[name] = cell.strip()
            rows.append(
                ImportRow(
                    line=reader.line_num,
                    number=values.get("number", ""),
                    title=values.get("title", ""),
                    slug=values.get("slug", ""),
                    difficulty=values.get("difficulty", ""),
                    patterns=_split(values.get("patterns", ""), delimiter),
                    companies=_split(values.get("companies", ""), delimiter),
                    lists=_split(values.get("lists", ""), delimiter),
                )
            )
    except csv.Error as exc:
        raise Invalid(f"line {reader.line_num}: {exc}") from None
    return rows


def read_problems_csv(path: Path) -> list[ImportRow]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8 and try again") from None
    return parse_problems_csv(text)


def import_problems_csv(db: Database, path: Path, *, skip_bad: bool = False) -> ImportReport:
    """Import a problems CSV all-or-nothing (or skipping refused rows with ``skip_bad``)."""
    return import_problem_rows(db, read_problems_csv(path), skip_bad=skip_bad)
