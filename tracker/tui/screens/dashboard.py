"""The daily dashboard: next rounds, today's blocks, the review queue, totals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from tracker.tui.screens.base import AreaScreen


class Panel(Static):
    """A titled box on the dashboard."""

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(Text("loading…", style="dim"), id=id, classes="panel")
        self.border_title = title


class DashboardScreen(AreaScreen):
    AREA = "dashboard"

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with VerticalScroll(id="dashboard-body"):
            with Grid(id="dashboard-grid"):
                yield Panel("Next rounds", id="next-rounds")
                yield Panel("Today", id="today")
                yield Panel("Review queue", id="queue")
                yield Panel("Totals", id="totals")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="dashboard")
    def _load(self) -> None:
        from tracker.services.dashboard import summary

        data = summary(self.db)
        self.app.call_from_thread(self._show, data)

    def _show(self, s: Any) -> None:
        now = datetime.now(UTC)
        from tracker.domain.when import humanize_delta

        rounds = Text()
        for r in s.next_rounds:
            rounds.append(f"{r.scheduled_at.astimezone():%a %d %b %H:%M}  ", style="bold")
            rounds.append(r.company)
            rounds.append(f" · {r.kind}  ", style="cyan")
            rounds.append(humanize_delta(r.scheduled_at, now) + "\n", style="dim")
        if not s.next_rounds:
            rounds.append(
                "No upcoming rounds. Add one on the board (5) or with `prep round add`.", style="dim"
            )
        self.query_one("#next-rounds", Static).update(rounds)

        today = Text()
        for b in s.today_blocks:
            today.append(f"{b.start_at.astimezone():%H:%M}–{b.end_at.astimezone():%H:%M}  ", style="bold")
            today.append(b.title or b.activity)
            today.append(f"  {b.status}\n", style="green" if b.status == "done" else "dim")
        if not s.today_blocks:
            today.append("No study blocks today. Add study rules and plan on the schedule (6).", style="dim")
        self.query_one("#today", Static).update(today)

        queue = Text()
        queue.append(f"{s.due} due for review\n", style="bold")
        for d in s.due_first:
            queue.append(f"#{d.number or '-'} ", style="dim")
            queue.append(d.title + "\n")
        self.query_one("#queue", Static).update(queue)

        totals = Text()
        totals.append(f"{s.problems} problems, {s.attempted} attempted\n")
        labels = {"1": "no clue", "2": "brute force", "3": "has bugs", "4": "bug free"}
        totals.append(
            "  ".join(f"{labels[k]} {s.mastery.get(k, 0)}" for k in ("1", "2", "3", "4")) + "\n", style="dim"
        )
        totals.append(f"{s.papers_read}/{s.papers} papers read\n")
        totals.append(f"{s.stories} stories · {s.companies} companies\n")
        self.query_one("#totals", Static).update(totals)
        if s.empty and not getattr(self.app, "welcomed", False):
            self.app.welcomed = True  # type: ignore[attr-defined]
            from tracker.tui.modals.welcome import WelcomeModal

            self.app.push_screen(WelcomeModal(), self._welcome_done)

    def _welcome_done(self, choice: str | None) -> None:
        if choice and choice != "empty":
            self._load_sample(choice)

    @work(thread=True, exclusive=True, group="welcome")
    def _load_sample(self, choice: str) -> None:
        from tracker.services.base import ServiceError

        try:
            if choice == "demo":
                from tracker.services.demo import load_demo

                message = load_demo(self.db)
            else:
                from tracker.services.catalog import load_catalog

                report = load_catalog(self.db, choice)
                message = f"{report.name}: {report.added} problems added"
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.data_changed, "all")  # type: ignore[attr-defined]
        self.app.call_from_thread(self.notify, message, markup=False)
