"""`prep problem add|list`, `prep rate`, `prep due`, `prep stats patterns`, `prep import problems`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from tracker.commands.common import database, echo, emit_json, fail, fmt_dt, table
from tracker.domain.words import plural


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
        echo(f"added problem {row.id}: {_named(row.number, row.title)}")

    @problem.command("list")
    def problem_list(
        due: bool = typer.Option(False, "--due", help="Only problems due for review."),
        pattern: str | None = typer.Option(None, "--pattern"),
        company: str | None = typer.Option(None, "--company"),
        list_: str | None = typer.Option(None, "--list"),
        mastery: str | None = typer.Option(
            None, "--mastery", help="new (never tried), no-clue, brute-force, has-bugs, bug-free"
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """List problems."""
        from tracker.services.problems import ProblemFilter, list_problems

        level = None
        never_tried = mastery is not None and mastery.strip().lower() == "new"
        if mastery is not None and not never_tried:
            from tracker.domain.mastery import Mastery

            try:
                level = int(Mastery.parse(mastery))
            except ValueError as exc:
                fail(f"{exc} (or new: never tried)")
        rows = list_problems(
            database(),
            ProblemFilter(
                due=due,
                pattern=pattern,
                company=company,
                list_name=list_,
                mastery=level,
                new=never_tried,
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

    _register_rate(app)
    _register_queue_and_stats(app)
    _register_import(app)


def _when_text(at: datetime, now: datetime) -> str:
    from tracker.domain.when import humanize_delta

    return f"{at.astimezone():%a %d %b %Y %H:%M} ({humanize_delta(at, now)})"


def _register_rate(app: typer.Typer) -> None:
    @app.command("rate")
    def rate(
        problem: str = typer.Argument(..., help="Number, slug or exact title."),
        rating: str = typer.Argument(..., help="no-clue | brute-force | has-bugs | bug-free (or 1-4)"),
        minutes: int | None = typer.Option(None, "--minutes", help="Minutes spent."),
        note: str | None = typer.Option(None, "--note", help="A note on this attempt."),
        gist: str | None = typer.Option(None, "--gist", help="One sentence on the solution."),
        at: str | None = typer.Option(
            None, "--at", help="When you solved it (default now), e.g. 'yesterday 8pm'."
        ),
    ) -> None:
        """Rate an attempt on a problem; prints the next review date."""
        from tracker.domain.mastery import Mastery
        from tracker.domain.when import WhenError, parse_when
        from tracker.services.base import now_utc
        from tracker.services.problems import find_problem, rate_problem

        try:
            level = Mastery.parse(rating.strip())
        except ValueError as exc:
            fail(str(exc))
        when = None
        if at is not None:  # an empty --at "" is a mistake, not "now"
            try:
                when = parse_when(at)
            except WhenError as exc:
                fail(str(exc))
            if when > now_utc():
                fail("--at is in the future")
        db = database()
        row = find_problem(db, problem)
        result = rate_problem(db, row.id, int(level), minutes=minutes, note=note, gist=gist, at=when)
        echo(f"rated {_named(row.number, row.title)}: {level.label}")
        mastery = result.problem.mastery
        # dated before the latest attempt, which still decides
        if mastery is not None and mastery != level.slug:
            echo(f"(an attempt before your latest one: mastery stays {mastery.replace('-', ' ')})")
        echo(f"next review: {_when_text(result.next_due_at, now_utc())}")


def _register_queue_and_stats(app: typer.Typer) -> None:
    @app.command("due")
    def due(
        limit: int | None = typer.Option(None, "--limit", min=1, help="Show at most N items."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """The review queue, in the order to work it, with why each item is there."""
        from tracker.services.queue import review_queue

        view = review_queue(database(), limit=limit)
        if as_json:
            emit_json([e.to_json() for e in view.entries])
            return
        table(
            [
                [
                    str(e.position),
                    str(e.problem.number or "-"),
                    e.problem.title,
                    (e.problem.mastery or "new"),
                    e.reason,
                ]
                for e in view.entries
            ],
            ["", "#", "title", "mastery", "why"],
        )
        echo(view.summary)

    stats = _subgroup(app, "stats", "Statistics.")

    @stats.command("patterns")
    def stats_patterns(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """Per pattern: problems, how many at each mastery level, share weak; weakest first."""
        from tracker.services.stats import pattern_stats

        rows = pattern_stats(database())
        if as_json:
            emit_json([s.to_json() for s in rows])
            return
        table(
            [
                [
                    s.pattern,
                    str(s.problems),
                    str(s.new),
                    str(s.no_clue),
                    str(s.brute_force),
                    str(s.has_bugs),
                    str(s.bug_free),
                    f"{round(s.weak_share * 100)}%",
                ]
                for s in rows
            ],
            ["pattern", "problems", "new", "no clue", "brute force", "has bugs", "bug free", "weak"],
        )


def _subgroup(app: typer.Typer, name: str, help_text: str) -> typer.Typer:
    for info in app.registered_groups:
        if info.name == name and info.typer_instance is not None:
            return info.typer_instance
    sub = typer.Typer(help=help_text)
    app.add_typer(sub, name=name)
    return sub


def _register_import(app: typer.Typer) -> None:
    from tracker.commands.import_group import get_import_app

    imp = get_import_app(app)

    @imp.command("problems")
    def import_problems(
        file: Path = typer.Argument(..., help="CSV: number,title,slug,difficulty,patterns,companies,lists"),
        skip_bad: bool = typer.Option(
            False, "--skip-bad", help="Import the good rows even if some are refused."
        ),
    ) -> None:
        """Import problems from a CSV, all-or-nothing, with a report of added, merged and refused rows."""
        from tracker.io.problems_csv import import_problems_csv

        report = import_problems_csv(database(), file, skip_bad=skip_bad)
        would = (
            "" if report.applied else "would be "
        )  # nothing was written: say what the rows would have been
        for o in sorted(report.outcomes, key=lambda o: o.line):  # in the file's order
            if o.status == "refused":
                echo(f"line {o.line}: refused: {o.title or '(no title)'}: {o.reason}")
            else:
                echo(f"line {o.line}: {would}{o.status}: {o.title}")
        echo(f"{report.added} {would}added, {report.merged} {would}merged, {report.refused} refused")
        if not report.applied:
            fail(f"nothing imported: {plural(report.refused, 'row')} refused (fix them, or pass --skip-bad)")


def _named(number: int | None, title: str) -> str:
    """ "#1 Two Sum", or just the title for a problem without a LeetCode number."""
    return f"#{number} {title}" if number else title
