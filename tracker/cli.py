"""The `prep` command line. No sub-command imports the TUI; `prep` alone opens it."""

from __future__ import annotations

import sys

import typer

from tracker import __version__
from tracker.commands import common

app = typer.Typer(
    name="prep",
    help="prep: problems, papers, stories, interview rounds and a study plan, in one local database.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"prep {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", help="Database file (default: $PREP_DB, else the user data folder)."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Open the TUI when no command is given."""
    common.STATE.db_option = db
    common.STATE._db = None
    if ctx.invoked_subcommand is None:
        from tracker.paths import db_path

        path = db_path(db)
        from tracker.tui.launch import run_tui

        run_tui(path)


def _register() -> None:
    from tracker.commands import catalog, pipeline, problems

    for module in (catalog, problems, pipeline):
        module.register(app)
    for name in ("papers", "stories", "schedule", "data"):
        try:
            module = __import__(f"tracker.commands.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"tracker.commands.{name}":
                raise
            continue
        module.register(app)


_register()


def main() -> None:
    from tracker.services.base import DatabaseUnusable, ServiceError

    try:
        app()
    except DatabaseUnusable as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
    except ServiceError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
