"""Write or edit a STAR story: four Markdown areas with a live word count each and a speaking-time estimate.

The form saves through the service itself, so a refused save (empty title…) keeps everything typed on screen.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tracker.domain.star import STAR_FIELDS, WORDS_PER_MINUTE, describe_length, star_counts, word_count

HINTS = {
    "situation": "Where and when; the context in two or three sentences.",
    "task": "What you had to achieve, and why it was hard.",
    "action": "What *you* did, step by step. The longest part.",
    "result": "What changed, with numbers; what you learned.",
}
STRENGTHS = [(f"{n} {'★' * n}{'☆' * (5 - n)}", n) for n in range(1, 6)]


class StoryEditorModal(ModalScreen[Any]):
    """Dismisses with the saved StoryRow, or None when cancelled."""

    DEFAULT_CSS = """
    StoryEditorModal { align: center middle; }
    StoryEditorModal > Vertical {
        width: 100%; height: 100%; border: thick $primary; background: $surface; padding: 0 1;
    }
    StoryEditorModal #se-heading { text-style: bold; color: $accent; height: 1; }
    StoryEditorModal #se-meta { height: 1; margin-bottom: 1; grid-size: 4; grid-columns: 8 1fr 10 24; grid-rows: 1; grid-gutter: 0 1; }
    StoryEditorModal #se-meta Label { color: $text-muted; text-align: right; width: 100%; }
    StoryEditorModal #se-tags-row { height: 1; grid-size: 2; grid-columns: 8 1fr; grid-gutter: 0 1; }
    StoryEditorModal #se-tags-row Label { color: $text-muted; text-align: right; width: 100%; }
    StoryEditorModal #se-star { grid-size: 2 2; grid-gutter: 0 1; height: 1fr; margin-top: 1; }
    StoryEditorModal #se-star TextArea { height: 1fr; border: round $panel-lighten-2; }
    StoryEditorModal #se-star TextArea:focus { border: round $accent; }
    StoryEditorModal #se-bottom { height: 3; align-vertical: middle; }
    StoryEditorModal #se-total { width: 1fr; padding: 0 1; }
    StoryEditorModal #se-bottom Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="story_editor.save", tooltip="Save the story", priority=True),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="story_editor.cancel",
            tooltip="Close (asks if there are changes)",
        ),
    ]

    def __init__(self, db: Any, story: Any | None = None) -> None:
        super().__init__()
        self.db = db
        self.story = story
        self._initial: dict[str, Any] = {}
        self._confirm_discard = False

    # ---------------------------------------------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        s = self.story
        with Vertical():
            yield Static(
                Text("Edit story" if s else "New story", style="bold"),
                id="se-heading",
            )
            with Grid(id="se-meta"):
                yield Label("Title")
                yield Input(
                    s.title if s else "",
                    placeholder="A short title you will recognise",
                    id="se-title",
                    compact=True,
                )
                yield Label("Strength")
                yield Select(
                    STRENGTHS, value=s.strength if s else 3, allow_blank=False, id="se-strength", compact=True
                )
            with Grid(id="se-tags-row"):
                yield Label("Tags")
                yield Input(
                    ", ".join(s.tags) if s else "",
                    placeholder="competencies or company values, comma separated: conflict, ownership",
                    id="se-tags",
                    compact=True,
                )
            with Grid(id="se-star"):
                for name in STAR_FIELDS:
                    area = TextArea(
                        getattr(s, name) if s else "",
                        id=f"se-{name}",
                        soft_wrap=True,
                        tab_behavior="focus",
                        show_line_numbers=False,
                        placeholder=HINTS[name],
                    )
                    area.border_title = name.capitalize()
                    yield area
            with Horizontal(id="se-bottom"):
                yield Static("", id="se-total")
                yield Button("Save (ctrl+s)", id="se-save", variant="primary")
                yield Button("Cancel (esc)", id="se-cancel")

    def on_mount(self) -> None:
        self._initial = self.collect()
        self._refresh_counts()
        self.query_one("#se-title" if self.story is None else "#se-situation").focus()

    # ---------------------------------------------------------------------------------------------------- counts
    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        self._confirm_discard = False
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        texts = {name: self.query_one(f"#se-{name}", TextArea).text for name in STAR_FIELDS}
        for name in STAR_FIELDS:
            n = word_count(texts[name])
            area = self.query_one(f"#se-{name}", TextArea)
            area.border_title = f"{name.capitalize()} · {n} word{'' if n == 1 else 's'}"
        counts = star_counts(*(texts[n] for n in STAR_FIELDS))
        total = Text()
        total.append(describe_length(counts), style="bold")
        total.append(f"  (at about {WORDS_PER_MINUTE} words a minute; aim for 1:30–3:00)", style="dim")
        self.query_one("#se-total", Static).update(total)

    # ------------------------------------------------------------------------------------------------ save/close
    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: self.query_one(f"#se-{name}", TextArea).text for name in STAR_FIELDS}
        values["title"] = self.query_one("#se-title", Input).value
        values["tags"] = [t for t in self.query_one("#se-tags", Input).value.split(",") if t.strip()]
        values["strength"] = self.query_one("#se-strength", Select).value
        return values

    @property
    def dirty(self) -> bool:
        return self.collect() != self._initial

    @on(Input.Submitted)
    def _enter_in_a_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#se-save")
    def action_save(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.stories import add_story, update_story

        values = self.collect()
        try:
            if self.story is None:
                row = add_story(self.db, **values)
            else:
                row = update_story(self.db, self.story.id, **values)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(row)

    @on(Button.Pressed, "#se-cancel")
    def action_cancel(self) -> None:
        if self.dirty and not self._confirm_discard:
            self._confirm_discard = True
            self.notify(
                "You have unsaved changes: ctrl+s saves, Esc again discards them.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(None)
