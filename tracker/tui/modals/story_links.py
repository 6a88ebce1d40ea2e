"""Link stories and questions, from either side, and mark the best answer.

From a story: tick the questions it answers; ★ marks this story as the best answer to a question.
From a question: tick the stories that answer it; ★ marks the one best story (only one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Static


@dataclass
class Choice:
    id: int
    cells: tuple[Text, ...]  # the descriptive columns
    search: str  # lower-case text the filter matches
    linked: bool = False
    best: bool = False


class StoryLinksModal(ModalScreen[bool]):
    """Dismisses True after saving, False when cancelled. ``side`` is "story" or "question"."""

    DEFAULT_CSS = """
    StoryLinksModal { align: center middle; }
    StoryLinksModal > Vertical {
        width: 96%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    StoryLinksModal #sl-heading { text-style: bold; color: $accent; height: auto; margin-bottom: 1; }
    StoryLinksModal #sl-filter { margin-bottom: 1; }
    StoryLinksModal DataTable { height: 1fr; }
    StoryLinksModal #sl-hint { color: $text-muted; height: 1; }
    StoryLinksModal Horizontal { height: 3; align-horizontal: right; }
    StoryLinksModal Horizontal Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="story_links.save", tooltip="Save the links", priority=True),
        Binding("escape", "cancel", "Cancel", id="story_links.cancel", tooltip="Close without saving"),
        Binding(
            "space", "toggle_link", "Link/unlink", id="story_links.toggle", tooltip="Link or unlink this row"
        ),
        Binding("b", "best", "Best answer", id="story_links.best", tooltip="Mark or unmark the best answer"),
    ]

    def __init__(self, db: Any, *, side: str, target_id: int, heading: str) -> None:
        super().__init__()
        self.db = db
        self.side = side
        self.target_id = target_id
        self.heading = heading
        self.choices: list[Choice] = []
        self.shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), id="sl-heading")
            yield Input(placeholder="Type to filter, ↓ to the list", id="sl-filter", compact=True)
            yield DataTable(id="sl-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                Text("space link/unlink · b best answer · ctrl+s save · esc cancel"),
                id="sl-hint",
            )
            with Horizontal():
                yield Button("Save (ctrl+s)", id="sl-save", variant="primary")
                yield Button("Cancel (esc)", id="sl-cancel")

    def on_mount(self) -> None:
        from tracker.services.base import ServiceError

        table = self.query_one("#sl-table", DataTable)
        table.add_column("Linked", key="linked", width=6)
        table.add_column("Best", key="best", width=4)
        try:
            if self.side == "story":
                self._load_questions(table)
            else:
                self._load_stories(table)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.dismiss(False)
            return
        self._fill()
        # Many questions: start in the filter (↓ goes to the list). Few stories: start in the list.
        if self.side == "story":
            self.query_one("#sl-filter", Input).focus()
        else:
            table.focus()

    def _load_questions(self, table: DataTable[Any]) -> None:
        from tracker.services.questions import list_questions
        from tracker.services.stories import links_for_story

        table.add_column("Competency", key="competency", width=14)
        table.add_column("Question", key="question")
        table.add_column("Best story now", key="now", width=28)
        links = links_for_story(self.db, self.target_id)
        for q in list_questions(self.db, kind="behavioral"):
            now = q.best_story if q.best_story_id and q.best_story_id != self.target_id else ""
            self.choices.append(
                Choice(
                    q.id,
                    (Text(q.competency or "-"), Text(q.text), Text(now or "", style="dim")),
                    f"{q.competency or ''} {q.text}".lower(),
                    q.id in links,
                    links.get(q.id, False),
                )
            )
        self.choices.sort(key=lambda c: (not c.linked, c.search))

    def _load_stories(self, table: DataTable[Any]) -> None:
        from tracker.services.stories import links_for_question, list_stories

        table.add_column("Story", key="story")
        table.add_column("Strength", key="strength", width=8)
        table.add_column("Rehearsed", key="rehearsed", width=9)
        table.add_column("Tags", key="tags", width=30)
        links = links_for_question(self.db, self.target_id)
        for s in list_stories(self.db):
            self.choices.append(
                Choice(
                    s.id,
                    (
                        Text(s.title),
                        Text("★" * s.strength + "☆" * (5 - s.strength), style="yellow"),
                        Text(
                            f"{s.rehearsals}×" if s.rehearsals else "never",
                            style="" if s.rehearsals else "red",
                        ),
                        Text(", ".join(s.tags), style="dim"),
                    ),
                    f"{s.title} {' '.join(s.tags)}".lower(),
                    s.id in links,
                    links.get(s.id, False),
                )
            )
        self.choices.sort(key=lambda c: (not c.linked, c.search))

    # ------------------------------------------------------------------------------------------------ table
    @staticmethod
    def _marks(c: Choice) -> tuple[Text, Text]:
        return (
            Text("  ✓" if c.linked else "  ·", style="bold green" if c.linked else "dim"),
            Text(" ★" if c.best else "", style="bold yellow"),
        )

    def _fill(self) -> None:
        table = self.query_one("#sl-table", DataTable)
        words = self.query_one("#sl-filter", Input).value.lower().split()
        self.shown = [c for c in self.choices if all(w in c.search for w in words)]
        table.clear()
        for c in self.shown:
            table.add_row(*self._marks(c), *c.cells, key=str(c.id))

    def _redraw(self, c: Choice) -> None:
        table = self.query_one("#sl-table", DataTable)
        linked, best = self._marks(c)
        table.update_cell(str(c.id), "linked", linked)
        table.update_cell(str(c.id), "best", best)

    def _current(self) -> Choice | None:
        table = self.query_one("#sl-table", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(Input.Changed, "#sl-filter")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#sl-filter")
    def _to_table(self) -> None:
        self.query_one("#sl-table", DataTable).focus()

    def on_key(self, event: Any) -> None:
        if event.key == "down" and self.focused is self.query_one("#sl-filter", Input):
            event.stop()
            self.query_one("#sl-table", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_link", "best") and isinstance(self.focused, Input):
            return False  # let the filter receive spaces and letters
        return True

    @on(DataTable.RowSelected, "#sl-table")
    def _selected(self) -> None:
        self.action_toggle_link()

    def action_toggle_link(self) -> None:
        c = self._current()
        if c is None:
            return
        c.linked = not c.linked
        if not c.linked:
            c.best = False
        self._redraw(c)

    def action_best(self) -> None:
        c = self._current()
        if c is None:
            return
        c.best = not c.best
        if c.best:
            c.linked = True
            if self.side == "question":  # one best story per question
                for other in self.choices:
                    if other is not c and other.best:
                        other.best = False
                        if other in self.shown:
                            self._redraw(other)
        self._redraw(c)

    # ------------------------------------------------------------------------------------------------ save
    def selection(self) -> dict[int, bool]:
        return {c.id: c.best for c in self.choices if c.linked}

    @on(Button.Pressed, "#sl-save")
    def action_save(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.stories import set_question_links, set_story_links

        try:
            if self.side == "story":
                set_story_links(self.db, self.target_id, self.selection())
            else:
                set_question_links(self.db, self.target_id, self.selection())
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(True)

    @on(Button.Pressed, "#sl-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
