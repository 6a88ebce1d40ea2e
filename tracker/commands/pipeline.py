"""`prep company add|list`, `prep round add|move`, `prep board`."""

from __future__ import annotations

import typer

from tracker.commands.common import database, echo, emit_json, fail, fmt_dt, table


def register(app: typer.Typer) -> None:
    company = typer.Typer(help="Companies you interview with.")
    app.add_typer(company, name="company")
    round_ = typer.Typer(help="Interview rounds.")
    app.add_typer(round_, name="round")

    @company.command("add")
    def company_add(
        name: str = typer.Argument(...),
        role: str | None = typer.Option(None, "--role"),
        level: str | None = typer.Option(None, "--level"),
        source: str | None = typer.Option(
            None, "--source", help="referral, recruiter, cold-message, applied, other"
        ),
        status: str | None = typer.Option(
            None, "--status", help="active, offer, rejected, withdrawn, paused"
        ),
    ) -> None:
        """Add a company."""
        from tracker.services.pipeline import add_company

        row = add_company(database(), name, role=role, level=level, source=source, status=status)
        echo(f"added company {row.id}: {row.name}")

    @company.command("list")
    def company_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List companies."""
        from tracker.services.pipeline import list_companies

        rows = list_companies(database())
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [
                [str(r.id), r.name, r.role or "-", r.status, str(r.rounds), fmt_dt(r.next_round_at)]
                for r in rows
            ],
            ["id", "name", "role", "status", "rounds", "next round"],
        )

    @round_.command("add")
    def round_add(
        company_name: str = typer.Argument(..., metavar="COMPANY"),
        kind: str = typer.Argument(..., help="recruiter, coding, ml-system-design, behavioral, …"),
        at: str | None = typer.Option(
            None, "--at", help="When, e.g. '2026-12-03 14:00' or 'Dec 3 2pm' (local)."
        ),
        duration: int | None = typer.Option(None, "--duration", help="Minutes."),
        column: str | None = typer.Option(None, "--column", help="Board column name."),
        prep_days: int | None = typer.Option(None, "--prep-days", help="Days of prep before it."),
        notes: str | None = typer.Option(None, "--notes"),
    ) -> None:
        """Add an interview round (the company is created if new)."""
        from tracker.services.pipeline import add_round

        row = add_round(
            database(),
            company_name,
            kind,
            at=at,
            duration=duration,
            column=column,
            prep_days=prep_days,
            notes=notes,
        )
        echo(f"added round {row.id}: {row.company} {row.kind} in {row.column} at {fmt_dt(row.scheduled_at)}")

    @round_.command("move")
    def round_move(
        round_id: int = typer.Argument(..., metavar="ROUND_ID"),
        column: str = typer.Argument(..., metavar="COLUMN", help="Board column name."),
        position: int | None = typer.Option(
            None, "--position", help="Place in the column, 0 = top (default: bottom)."
        ),
        outcome: str | None = typer.Option(None, "--outcome", help="passed, failed or pending"),
    ) -> None:
        """Move a round to a board column (and record its outcome)."""
        from tracker.services.pipeline import move_round

        if position is not None and position < 0:
            fail("--position must be 0 or more")
        result = move_round(database(), round_id, column, position=position, outcome=outcome)
        r = result.round
        extra = f" ({r.outcome})" if r.outcome else ""
        if result.outcome_cleared:
            extra = f" (outcome {result.outcome_cleared} cleared: it is no longer in a done column)"
        echo(f"round {r.id}: {r.company} {r.kind} → {r.column} #{r.position}{extra}")

    @app.command("board")
    def board_cmd(
        company_name: str | None = typer.Option(None, "--company", help="Only this company."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """The interview board, column by column."""
        from tracker.services.pipeline import board

        columns = board(database(), company=company_name)
        if as_json:
            emit_json({"columns": [c.to_json() for c in columns]})
            return
        for c in columns:
            echo(f"{c.name}{' (done)' if c.done else ''}")
            for r in c.rounds:
                extra = f"  [{r.outcome}]" if r.outcome else ""
                echo(f"  {r.id:>4}  {r.company} · {r.kind} · {fmt_dt(r.scheduled_at)}{extra}")
