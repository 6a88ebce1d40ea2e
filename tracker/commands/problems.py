"""`prep problem add|list`."""

from __future__ import annotations

import typer

from tracker.commands.common import database, echo, emit_json, fail, fmt_dt, table


def register(app: typer.Typer) -> None:
    problem = typer.Typer(help="LeetCode-style problems.")
    app.add_typer(problem, name="problem")

    @problem.command("add")
    def problem_add(
        title: str | None = typer.Argument(None, help="Title (optional with --number of a catalog problem)."),
        number: int | None = typer.Option(None, "--number"),
        slug: str | None = typer.Option(None, "--slug"),
        url: str | None = typer.Option(None, "--url"),
        difficulty: str | None = typer.Option(None, "--difficulty", help="easy, medium or hard"),
        pattern: list[str] = typer.Option([], "--pattern", help="Pattern (repeatable)."),
        list_: list[str] = typer.Option([], "--list", help="List such as Blind 75 (repeatable)."),
        company: list[str] = typer.Option([], "--company", help="Company tag (repeatable)."),
        gist: str | None = typer.Option(None, "--gist"),
    ) -> None:
        """Add a problem."""
        from tracker.services.problems import add_problem

        row = add_problem(
            database(),
            title,
            number=number,
            slug=slug,
            url=url,
            difficulty=difficulty,
            patterns=pattern,
            lists=list_,
            companies=company,
            gist=gist,
        )
        echo(f"added problem {row.id}: #{row.number or '-'} {row.title}")

    @problem.command("list")
    def problem_list(
        due: bool = typer.Option(False, "--due", help="Only problems due for review."),
        pattern: str | None = typer.Option(None, "--pattern"),
        company: str | None = typer.Option(None, "--company"),
        list_: str | None = typer.Option(None, "--list"),
        mastery: str | None = typer.Option(
            None, "--mastery", help="no-clue, brute-force, has-bugs, bug-free"
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """List problems."""
        from tracker.services.problems import ProblemFilter, list_problems

        level = None
        if mastery:
            from tracker.domain.mastery import Mastery

            try:
                level = int(Mastery.parse(mastery))
            except ValueError as exc:
                fail(str(exc))
        rows = list_problems(
            database(),
            ProblemFilter(
                due=due,
                pattern=pattern,
                company=company,
                list_name=list_,
                mastery=level,
                order_by="due" if due else "number",
            ),
        )
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [
                [
                    str(r.number or "-"),
                    r.title,
                    r.difficulty or "-",
                    r.mastery or "-",
                    str(r.attempts),
                    fmt_dt(r.due_at),
                    ", ".join(r.patterns),
                ]
                for r in rows
            ],
            ["#", "title", "difficulty", "mastery", "attempts", "next review", "patterns"],
        )
