"""`prep today` (the dashboard as text or JSON) and `prep export week` (the weekly review)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from tracker.commands.common import database, echo, emit_json, fail
from tracker.commands.export_group import get_export_app
from tracker.domain.words import plural

RATING_LABELS = {
    "no-clue": "no clue",
    "brute-force": "brute force",
    "has-bugs": "has bugs",
    "bug-free": "bug free",
}


def register(app: typer.Typer) -> None:
    export = get_export_app(app)

    @app.command("today")
    def today_cmd(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """The dashboard as text: next rounds, today's blocks, due reviews, this week, streak."""
        from tracker.services.dashboard import summary

        data = summary(database())
        if as_json:
            emit_json(data.to_json())
            return
        echo(today_text(data))

    @export.command("week")
    def export_week_cmd(
        week: str | None = typer.Option(None, "--week", help="ISO week, e.g. 2026-W47 (default: this week)."),
        day: str | None = typer.Option(
            None, "--date", help="Any date in the week, e.g. 2026-11-18 or 'Nov 18'."
        ),
        fmt: str = typer.Option(
            "md", "--format", help="md (Notion/Obsidian/GitHub), html (standalone page), json."
        ),
        output: str | None = typer.Option(
            None,
            "-o",
            "--output",
            help="File to write; '-' prints to stdout. Default: prep-week-YYYY-Www.<format> in the current folder.",
        ),
    ) -> None:
        """Write the weekly review of an ISO week (local time): numbers against the week before, problems,
        mastery changes, papers, stories, pipeline changes, study time and next week's rounds and blocks."""
        from tracker.io.review_export import FORMATS, render, write
        from tracker.services.review import default_filename, parse_week, week_of, week_report

        if fmt not in FORMATS:
            fail(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
        if week and day:
            fail("give --week or --date, not both")
        if week:
            year, number = parse_week(week)
        else:
            from datetime import UTC, datetime

            from tracker.domain.when import WhenError, local_zone, parse_when

            at = datetime.now(UTC)
            if day:
                try:
                    at = parse_when(day, zone=local_zone())
                except WhenError as exc:
                    fail(str(exc))
            year, number = week_of(at)
        report = week_report(database(), year, number)
        if output == "-":
            typer.echo(render(report, fmt), nl=False)
            return
        target = Path(output) if output else Path.cwd() / default_filename(year, number, fmt)
        if target.is_dir():
            target = target / default_filename(year, number, fmt)
        try:
            written = write(report, fmt, target)
        except OSError as exc:
            fail(f"cannot write {target}: {exc.strerror or exc}")
        echo(f"wrote {written}")


def _hm(minutes: int) -> str:
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours}h{rest:02d}"
    return f"{hours}h" if hours else f"{rest}m"


def _delta(this: float, last: float) -> str:
    diff = this - last
    if not diff:
        return "="
    text = f"{diff:+.1f}" if isinstance(diff, float) and not float(diff).is_integer() else f"{int(diff):+d}"
    return text


def today_text(s: Any) -> str:
    """The dashboard as plain lines (user text is printed as-is, never as markup)."""
    from datetime import UTC, datetime

    from tracker.domain.when import humanize_delta

    now = s.now or datetime.now(UTC)
    lines: list[str] = [f"prep · {now.astimezone():%a %d %b %Y %H:%M}", ""]
    if s.empty:
        lines.append("Nothing here yet: `prep demo` for sample data, or `prep catalog load blind75`.")
        return "\n".join(lines)

    lines.append("Next rounds")
    for r in s.next_rounds:
        ready = f"ready {r.readiness}%" if r.readiness is not None else ""
        lines.append(
            f"  {r.scheduled_at.astimezone():%a %d %b %H:%M}  {r.company} · {r.kind}  "
            f"({humanize_delta(r.scheduled_at, now)})  {ready}".rstrip()
        )
        if r.reasons:
            lines.append(f"      next: {r.reasons[0]}")
    if not s.next_rounds:
        lines.append("  none scheduled")
    lines.append("")

    lines.append("Today")
    for b in s.today_blocks:
        mark = {"done": "[x]", "skipped": "[-]"}.get(b.status, "[ ]")
        now_tag = (
            f"  ← now, {b.minutes_left(now)} min left" if b.is_current(now) and b.status == "planned" else ""
        )
        lines.append(
            f"  {mark} {b.start_at.astimezone():%H:%M}–{b.end_at.astimezone():%H:%M}  {b.title or b.activity}{now_tag}"
        )
        for item in b.items:
            minutes = f" ({item.minutes} min)" if item.minutes else ""
            lines.append(f"        {item.kind}: {item.title}{minutes}")
    if not s.today_blocks:
        lines.append("  no study blocks today")
    lines.append("")

    lines.append(f"Reviews: {s.due} due")
    for d in s.due_first:
        number = f"{d.number}. " if d.number is not None else ""
        lines.append(f"  {number}{d.title}")
    lines.append("")

    if s.this_week is not None and s.last_week is not None:
        w, p = s.this_week, s.last_week
        lines.append("This week (vs last week)")
        ratings = ", ".join(
            f"{RATING_LABELS[k]} {w.ratings.get(k, 0)}" for k in reversed(list(RATING_LABELS))
        )
        lines.append(
            f"  problems   {plural(w.attempts, 'attempt')} ({_delta(w.attempts, p.attempts)}): {ratings}"
        )
        lines.append(
            f"  study      {_hm(w.minutes_done)} of {_hm(w.minutes_planned)} planned "
            f"(last week {_hm(p.minutes_done)} of {_hm(p.minutes_planned)})"
        )
        lines.append(f"  papers     {w.papers_read} read ({_delta(w.papers_read, p.papers_read)})")
        lines.append(f"  stories    {w.rehearsals} rehearsed ({_delta(w.rehearsals, p.rehearsals)})")
        lines.append("")

    today_note = "" if s.active_today else " (nothing yet today)"
    lines.append(f"Streak: {s.streak} day{'s' if s.streak != 1 else ''}{today_note}")
    lines.append(f"Last 30 days: {sparkline(s.activity)}")
    dist = s.mastery_distribution
    lines.append(
        "Mastery: " + ", ".join(f"{'new' if k == 'new' else RATING_LABELS[k]} {dist.get(k, 0)}" for k in dist)
    )
    if s.weakest_patterns:
        lines.append(
            "Weakest patterns: "
            + "; ".join(f"{p.name} ({p.weak}/{p.attempted} weak)" for p in s.weakest_patterns)
        )
    lines.append(f"Uncovered behavioral questions: {s.uncovered_questions} of {s.behavioral_questions}")
    return "\n".join(lines)


_TICKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return "·" * len(values)
    return "".join("·" if v <= 0 else _TICKS[min(7, (v * 8 - 1) // top)] for v in values)
