"""The `prep` command line. No sub-command imports the TUI; `prep` alone opens it.

`prep` with no command (optionally `--db PATH`) goes straight to the TUI without building the command tree, so the
first frame does not wait for typer. The typer app is built on first use of ``tracker.cli.app``.
"""

import sys
from typing import Any

from tracker import __version__

_app: Any = None
_command: Any = None

OPTIONAL_MODULES = ("papers", "stories", "schedule", "data", "review")


def _build_app() -> Any:
    import typer

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
        if common.STATE._db is not None:
            common.STATE._db.close()
        common.STATE.db_option = db
        common.STATE._db = None
        if ctx.invoked_subcommand is None:
            from tracker.paths import db_path

            path = db_path(db)
            from tracker.tui.launch import run_tui

            run_tui(path)

    _register(app)
    return app


def _register(app: Any) -> None:
    from tracker.commands import catalog, pipeline, problems

    for module in (catalog, problems, pipeline):
        module.register(app)
    for name in OPTIONAL_MODULES:
        try:
            module = __import__(f"tracker.commands.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"tracker.commands.{name}":
                raise
            continue
        module.register(app)


def __getattr__(name: str) -> Any:
    if name == "app":
        global _app
        if _app is None:
            _app = _build_app()
        return _app
    raise AttributeError(name)


def _tui_only(argv: list[str]) -> tuple[bool, str | None]:
    """Is this `prep` or `prep --db PATH` (the TUI and nothing else)? Returns (yes, db)."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return True, argv[0][5:]
    return False, None


def main() -> None:
    from tracker.paths import EmptyDbPath

    tui, db = _tui_only(sys.argv[1:])
    if tui:
        from tracker.paths import db_path
        from tracker.tui.launch import run_tui

        try:
            path = db_path(db)
        except EmptyDbPath as exc:
            sys.stderr.write(f"error: {exc}\n")
            sys.exit(2)
        run_tui(path)
        return

    from tracker.services.base import DatabaseUnusable, ServiceError

    global _command
    if (
        _command is None
    ):  # building the click tree is costly; scripts that call main() repeatedly build it once
        import typer

        _command = typer.main.get_command(__getattr__("app"))
    from typer import Abort
    from typer._click.exceptions import ClickException, UsageError  # typer's own copy of click (0.29)

    try:
        # Not standalone: click would print its usage block and a capitalised "Error:" over four lines; the
        # contract (shared/CLI.md) is one line on stderr starting "error: ".
        code = _command(prog_name="prep", standalone_mode=False)
    except UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "prep"
        sys.stderr.write(f"error: {_one_line(exc.format_message())} (see {where} --help)\n")
        sys.exit(2)
    except ClickException as exc:
        sys.stderr.write(f"error: {_one_line(exc.format_message())}\n")
        sys.exit(exc.exit_code or 1)
    except Abort:
        sys.exit(130)  # Ctrl-C or end of input at a prompt
    except (DatabaseUnusable, EmptyDbPath) as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
    except ServiceError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    if isinstance(code, int) and code:
        sys.exit(code)


_PLAINER = (
    ("Input should be a valid integer, unable to parse string as an integer", "not a whole number"),
    ("Input should be a valid number, unable to parse string as a number", "not a number"),
    ("Input should be greater than or equal to", "must be at least"),
    ("Input should be less than or equal to", "must be at most"),
)


def _one_line(message: str) -> str:
    """Click's message as one line in plain words, without its closing full stop."""
    text = " ".join(message.split()).rstrip(".")
    for wordy, plain in _PLAINER:
        text = text.replace(wordy, plain)
    return text


if __name__ == "__main__":
    main()
