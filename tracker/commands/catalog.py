"""`prep catalog list|load` and `prep demo`."""

from __future__ import annotations

import typer

from tracker.commands.common import database, echo, emit_json, fail, table


def register(app: typer.Typer) -> None:
    catalog = typer.Typer(help="Bundled catalogs: Blind 75, NeetCode 150, papers, behavioral questions.")
    app.add_typer(catalog, name="catalog")

    @catalog.command("list")
    def catalog_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List the bundled catalogs."""
        from tracker.services.catalog import list_catalogs

        items = list_catalogs()
        if as_json:
            emit_json(
                [
                    {"id": c.name, "name": c.name, "description": c.description, "count": c.count}
                    for c in items
                ]
            )
            return
        table([[c.name, str(c.count), c.description] for c in items], ["name", "items", "description"])

    @catalog.command("load")
    def catalog_load(
        name: str = typer.Argument(..., help="blind75, neetcode150, papers or behavioral"),
    ) -> None:
        """Load a catalog; idempotent, merges with what is there."""
        from tracker.services.catalog import load_catalog

        report = load_catalog(database(), name)
        echo(f"{report.name}: {report.added} added, {report.merged} already there")

    @app.command("demo")
    def demo() -> None:
        """Fill an empty database with realistic sample data."""
        from tracker.services.demo import DatabaseNotEmpty, load_demo

        try:
            summary = load_demo(database())
        except DatabaseNotEmpty as exc:
            fail(str(exc))
        echo(summary)
