"""The detail pane beside the problems table: gist, next review and recall, companies, notes, attempt history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Span, Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.tui.widgets.text import MASTERY_STYLE, mastery


def _local(at: datetime, fmt: str = "%a %d %b %Y") -> str:
    return at.astimezone().strftime(fmt)


def review_text(detail: Any, now: datetime) -> Text:
    from tracker.domain.when import humanize_delta

    p = detail.problem
    out = Text()
    out.append("Next review  ", style="dim")
    if p.due_at is None:
        out.append("not tried yet\n")
    else:
        out.append(f"{_local(p.due_at)} ({humanize_delta(p.due_at, now)})\n", style="bold")
    out.append("Recall now   ", style="dim")
    if detail.retrievability is None:
        out.append("—\n", style="dim")
    else:
        pct = round(detail.retrievability * 100)
        style = "green" if pct >= 90 else "yellow" if pct >= 70 else "red"
        out.append(f"{pct}%", style=f"bold {style}")
        out.append(" chance you still solve it cleanly\n", style="dim")
    out.append("Mastery      ", style="dim")
    out.append_text(mastery(p.mastery))
    out.append(f"  ·  {p.attempts} attempt{'s' if p.attempts != 1 else ''}")
    return out


def header_text(detail: Any) -> Text:
    p = detail.problem
    out = Text()
    if p.number:
        out.append(f"#{p.number} ", style="dim")
    out.append(p.title, style="bold")
    if p.difficulty:
        out.append(
            f"  {p.difficulty}", style={"easy": "green", "medium": "yellow", "hard": "red"}[p.difficulty]
        )
    out.append("\n")
    for label, values in (("Patterns", p.patterns), ("Lists", p.lists), ("Companies", p.companies)):
        out.append(f"{label:<10}", style="dim")
        out.append(", ".join(values) if values else "—")
        out.append("\n")
    out.rstrip()
    return out


def history_text(detail: Any) -> Text:
    out = Text()
    if not detail.attempts:
        out.append("No attempts yet. Press r to rate one, or t to start the timer.", style="dim")
        return out
    for a in detail.attempts:
        out.append(_local(a.at, "%Y-%m-%d %H:%M") + "  ", style="dim")
        out.append(f"{a.rating.replace('-', ' '):<11}", style=MASTERY_STYLE.get(a.rating, ""))
        out.append(f" {a.minutes:>3} min" if a.minutes is not None else "        ")
        if a.note:
            out.append("  " + a.note)
        out.append("\n")
    out.rstrip()
    return out


class ProblemDetailPane(VerticalScroll):
    """Shows one problem; `show(detail, now)` fills it, `show(None, now)` empties it."""

    can_focus = False
    # the notes shown, as Markdown source, and the text shown when there are none
    _notes: tuple[str, str] | None = None
    # what each part shows (plain text, spans, style), made by _set on first use
    _shown: dict[str, tuple[str, tuple[Span, ...], str]]

    def compose(self) -> ComposeResult:
        yield Static("", id="pd-header", markup=False)
        yield Static("", id="pd-gist", markup=False)
        yield Static("", id="pd-review", markup=False)
        yield Static("Notes", classes="pd-heading", markup=False)
        yield Static("", id="pd-notes", markup=False)
        yield Static("Attempts", classes="pd-heading", markup=False)
        yield Static("", id="pd-history", markup=False)

    def show(self, detail: Any | None, now: datetime) -> None:
        if detail is None:
            self._set("#pd-header", Text("Nothing selected", style="dim"))
            for sel in ("#pd-gist", "#pd-review", "#pd-history"):
                self._set(sel, Text(""))
            self._set_notes("")
            return
        self._set("#pd-header", header_text(detail))
        gist = detail.problem.gist
        self._set(
            "#pd-gist",
            Text(gist, style="italic")
            if gist
            else Text("No gist yet (add one when you rate it).", style="dim"),
        )
        self._set("#pd-review", review_text(detail, now))
        self._set_notes(detail.notes or "", empty="No notes. Press e to write some.")
        self._set("#pd-history", history_text(detail))

    def _set(self, selector: str, text: Text) -> None:
        """Update a part only when what it shows changes (an update lays the pane out again)."""
        shown = getattr(self, "_shown", None)
        if shown is None:
            shown = self._shown = {}
        key = (text.plain, tuple(text.spans), str(text.style))
        if shown.get(selector) == key:
            return
        shown[selector] = key
        self.query_one(selector, Static).update(text)

    def _set_notes(self, markdown: str, *, empty: str = "") -> None:
        """The notes, rendered as Markdown inside one Static (Rich's renderer). Textual's Markdown widget mounts a
        widget per block: with long notes, moving the cursor onto a problem stalled the app for 100-200 ms.
        Blank notes show ``empty`` in italics, without Rich's Markdown (with markdown-it, ~45 ms and 3 MiB to
        import: a problems area whose first problem has no notes opens without it)."""
        if not markdown.strip():
            markdown = ""
        if self._notes == (markdown, empty):
            return
        self._notes = (markdown, empty)
        notes = self.query_one("#pd-notes", Static)
        if not markdown:
            notes.update(Text(empty, style="italic"))
            return
        from rich.markdown import Markdown

        notes.update(Markdown(markdown, hyperlinks=False))
