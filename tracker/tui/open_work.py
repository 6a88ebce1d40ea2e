"""Open what a study block names, from the schedule or the dashboard: a paper's or topic's page, or the problem or
story selected in its area (wherever it is in the list)."""

from __future__ import annotations

from typing import Any


def open_work(app: Any, kind: str, ref: int, title: str) -> None:
    if kind == "paper":
        from tracker.tui.screens.paper_page import PaperPageScreen

        app.push_screen(PaperPageScreen(ref))
        return
    if kind == "topic":
        from tracker.tui.screens.topics import TopicPageScreen

        app.push_screen(TopicPageScreen(ref))
        return
    mode = "problems" if kind == "problem" else "stories"
    app.switch_mode(mode)
    app.notify(f"Open: {title}", markup=False, timeout=4)
    if ref:
        app.call_after_refresh(_select, app, kind, ref)


def _select(app: Any, kind: str, ref: int) -> None:
    screen = app.screen
    if kind == "problem":
        select = getattr(screen, "select_problem", None)
    elif kind == "story":
        select = getattr(screen, "_reload_at", None)
    else:
        select = None  # a question: its area is enough
    if callable(select):
        select(ref)
