"""`prep import notion`, `prep import json`, `prep export json`: bring data in, take it all out."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.commands.common import database, echo, fail
from tracker.commands.export_group import get_export_app
from tracker.commands.import_group import get_import_app


def register(app: typer.Typer) -> None:
    importer = get_import_app(app)
    exporter = get_export_app(app)

    @importer.command("notion")
    def import_notion_cmd(
        file: Path = typer.Argument(..., metavar="FILE.csv", help="A database exported from Notion as CSV."),
        kind: str = typer.Option(..., "--as", help="What the rows are: problems, papers, stories or rounds."),
        mapping: list[str] = typer.Option(
            [], "--map", metavar="COL=field", help="Read column COL as field (or COL=ignore). Repeatable."
        ),
        dry_run: bool = typer.Option(False, "--dry-run", help="Show the report; write nothing."),
    ) -> None:
        """Import a Notion database export. All or nothing: any refused row means nothing is written."""
        from tracker.services.base import ServiceError
        from tracker.services.transfer import import_notion

        try:
            report = import_notion(database(), file, kind.strip().lower(), mapping=mapping, dry_run=dry_run)
        except ServiceError as exc:
            fail(str(exc))
        print_report(report)
        if report.refused and not dry_run:
            n = len(report.refused)
            fail(
                f"nothing imported: {n} row{'s' if n != 1 else ''} refused "
                "(fix them in the file, or --map COLUMN=ignore to skip a column)"
            )

    @importer.command("json")
    def import_json_cmd(
        file: Path = typer.Argument(..., metavar="FILE", help="A backup written by `prep export json`."),
    ) -> None:
        """Restore a full backup into an empty database."""
        from tracker.services.base import ServiceError
        from tracker.services.transfer import import_json

        try:
            summary = import_json(database(), file)
        except ServiceError as exc:
            fail(str(exc))
        echo(f"restored {summary.rows} rows in {summary.tables} tables from {file}")

    @exporter.command("json")
    def export_json_cmd(
        output: Path = typer.Option(..., "-o", "--output", metavar="FILE", help="Where to write the backup."),
    ) -> None:
        """Write everything (every table, link, review state and setting) to one JSON file."""
        from tracker.services.base import ServiceError
        from tracker.services.transfer import export_json

        try:
            summary = export_json(database(), output)
        except ServiceError as exc:
            fail(str(exc))
        echo(f"wrote {summary.rows} rows in {summary.tables} tables to {output}")


def print_report(report) -> None:  # type: ignore[no-untyped-def]
    """The import report as plain text (user text is never read as markup)."""
    for line in report.lines():
        echo(line)
