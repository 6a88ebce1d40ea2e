"""`prep rule add|list|remove`, `prep plan`, `prep agenda`, `prep block done|skip`, `prep export ics`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from tracker.commands.common import database, echo, emit_json, fail, table
from tracker.commands.export_group import get_export_app


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from tracker.domain.when import WhenError, parse_day

    try:
        return parse_day(text)
    except WhenError as exc:
        fail(f"{option}: {exc}")


def _hhmm(value: Any) -> str:
    return value.astimezone().strftime("%H:%M")


def print_blocks(blocks: list[Any]) -> None:
    """Blocks grouped by local day, each with the concrete work it names (plain text, no markup)."""
    if not blocks:
        echo("(no study blocks)")
        return
    day = None
    for b in blocks:
        local = b.start.astimezone()
        if local.date() != day:
            if day is not None:
                echo()
            day = local.date()
            echo(f"{local:%a %Y-%m-%d}")
        mark = {"done": "✓", "skipped": "–"}.get(b.status, "·")
        pin = " (pinned)" if b.pinned else ""
        echo(f"  {mark} [{b.id}] {_hhmm(b.start)}–{_hhmm(b.end)} {b.minutes:>3} min  {b.title}{pin}")
        for item in b.items:
            echo(f"        - {item.get('title', '')} ({item.get('minutes', '?')} min)")


def register(app: typer.Typer) -> None:
    rule = typer.Typer(
        help="Recurring study times (RRULE days, start time, length, focus).", no_args_is_help=True
    )
    app.add_typer(rule, name="rule")
    block = typer.Typer(help="Mark study blocks done or skipped.", no_args_is_help=True)
    app.add_typer(block, name="block")
    export = get_export_app(app)

    @rule.command("add")
    def rule_add(
        days: str | None = typer.Option(None, "--days", help="mon-fri, mon,wed,sat, weekends, daily."),
        rrule: str | None = typer.Option(
            None, "--rrule", help="An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE."
        ),
        start: str = typer.Option(..., "--start", help="Local start time HH:MM."),
        minutes: int = typer.Option(..., "--minutes", help="Length in minutes."),
        focus: str = typer.Option("any", "--focus", help="coding, papers, behavioral, system-design or any."),
        label: str | None = typer.Option(None, "--label", help="A name for the rule."),
    ) -> None:
        """Add a recurring study time."""
        from tracker.services.schedule import add_rule

        row = add_rule(
            database(), days=days, rrule=rrule, start=start, minutes=minutes, focus=focus, label=label
        )
        echo(
            f"added rule {row.id}: {row.label} ({row.days} {row.start_time}, {row.minutes} min, {row.focus})"
        )
        echo("run `prep plan` to plan study blocks with it")

    @rule.command("list")
    def rule_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List study rules."""
        from tracker.services.schedule import list_rules

        rows = list_rules(database())
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [[str(r.id), r.label, r.days, r.start_time, str(r.minutes), r.focus] for r in rows],
            ["id", "label", "days", "start", "minutes", "focus"],
        )

    @rule.command("remove")
    def rule_remove(rule_id: int = typer.Argument(..., metavar="ID")) -> None:
        """Remove a study rule and its future planned blocks."""
        from tracker.services.schedule import remove_rule

        row, blocks = remove_rule(database(), rule_id)
        echo(
            f"removed rule {row.id}: {row.label} ({blocks} future planned block{'s' if blocks != 1 else ''} removed)"
        )

    @app.command("plan")
    def plan_cmd(
        start: str | None = typer.Option(None, "--from", help="First day (default today), e.g. 2026-12-01."),
        days: int = typer.Option(14, "--days", help="How many days to plan."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """(Re)plan study blocks; keeps done, skipped and pinned blocks."""
        from tracker.services.schedule import replan

        if not 1 <= days <= 3660:
            fail(f"--days: {days} is not 1..3660")
        result = replan(database(), start=_day(start, "--from"), days=days)
        if as_json:
            emit_json(result.to_json())
            return
        echo(f"planned {result.summary()}")
        if result.shortfalls or result.goal_shortfalls:
            echo("shortfalls:")
            for s in result.shortfalls + result.goal_shortfalls:
                echo(f"  {s.describe()}")
        echo()
        print_blocks(result.blocks)

    @app.command("agenda")
    def agenda_cmd(
        day: str | None = typer.Option(None, "--date", help="Day to show (default today)."),
        days: int = typer.Option(1, "--days", help="How many days."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Study blocks of a day (or several), with the work each names."""
        from tracker.services.schedule import agenda

        if not 1 <= days <= 366:
            fail(f"--days: {days} is not 1..366")
        first = _day(day, "--date") or date.today()
        blocks = agenda(database(), first, days)
        if as_json:
            emit_json([b.to_json() for b in blocks])
            return
        print_blocks(blocks)

    @block.command("done")
    def block_done(block_id: int = typer.Argument(..., metavar="ID")) -> None:
        """Mark a study block done."""
        from tracker.services.schedule import set_block_status

        row = set_block_status(database(), block_id, "done")
        echo(f"block {row.id} done: {row.title}")

    @block.command("skip")
    def block_skip(block_id: int = typer.Argument(..., metavar="ID")) -> None:
        """Mark a study block skipped (re-planning finds other time for its work)."""
        from tracker.services.schedule import set_block_status

        row = set_block_status(database(), block_id, "skipped")
        echo(f"block {row.id} skipped: {row.title}")

    @export.command("ics")
    def export_ics(
        output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: print)."),
    ) -> None:
        """Study blocks and rounds as iCalendar events with stable UIDs."""
        from tracker.io.ics import export_ics as build
        from tracker.io.ics import write_atomic

        data = build(database())
        if output is None:
            typer.echo(data.decode("utf-8"), nl=False)
            return
        if output.is_dir():
            fail(f"{output} is a folder; give a file name")
        try:
            write_atomic(output, data)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        echo(f"wrote {output}")
