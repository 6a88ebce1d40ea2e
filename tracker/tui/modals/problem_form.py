"""Add or edit a problem; a confirmation before deleting one.

Typing the number of a catalog problem fills the rest. Patterns, lists and companies are comma-separated, completed
from existing names as you type (new names are created). Notes are Markdown with a rendered preview. The form saves
through the service itself, so a refused value keeps it open with everything typed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Markdown, Select, Static, TextArea

from tracker.tui.modals.discard import DiscardGuard


class TagSuggester(Suggester):
    """Completes the last comma-separated item from known names (case-insensitive)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        for name in self.names:
            if name.lower().startswith(stem.lower()) and name.lower() != stem.lower():
                prefix = f"{head}, " if head else ""
                return prefix + name
        return None


def split_tags(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = part.strip()
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


class ProblemFormModal(DiscardGuard, ModalScreen[Any]):
    """Returns the saved ProblemRow, or None when cancelled (Escape with changes asks first)."""

    DEFAULT_CSS = """
    ProblemFormModal { align: center middle; }
    #pf { width: 110; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    #pf-title { text-style: bold; height: 1; margin-bottom: 1; }
    #pf-fields { height: auto; max-height: 60%; }
    #pf .pf-row { height: auto; }
    #pf Label { width: 11; padding: 1 0 0 0; }
    #pf Input { width: 1fr; }
    #pf Select { width: 24; }
    #pf-number { max-width: 14; }
    #pf-hint { height: 1; color: $text-muted; }
    #pf-notes-row { height: 1fr; min-height: 8; }
    #pf-notes { width: 1fr; height: 100%; }
    #pf-preview { width: 1fr; height: 100%; border: round $panel; padding: 0 1; }
    #pf-buttons { height: auto; align-horizontal: right; }
    #pf-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="problem_form.save", tooltip="Save the problem", priority=True),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="problem_form.cancel",
            tooltip="Close (asks if there are changes)",
        ),
    ]

    def __init__(self, choices: Any, *, detail: Any | None = None) -> None:
        super().__init__()
        self.choices = choices
        self.detail = detail
        self._filled: dict[str, tuple[Any, Any]] = {}  # field -> (its value before, the catalog's value)

    def compose(self) -> ComposeResult:
        p = self.detail.problem if self.detail else None
        with Vertical(id="pf"):
            yield Static(
                Text(f"Edit problem {p.id}" if p else "New problem", style="bold"),
                id="pf-title",
                markup=False,
            )
            with VerticalScroll(id="pf-fields"):
                with Horizontal(classes="pf-row"):
                    yield Label("Number")
                    yield Input(str(p.number or "") if p else "", type="integer", id="pf-number")
                    yield Label("Difficulty")
                    yield Select(
                        [("easy", "easy"), ("medium", "medium"), ("hard", "hard")],
                        value=(p.difficulty if p and p.difficulty else Select.NULL),
                        prompt="—",
                        id="pf-difficulty",
                    )
                yield Static("", id="pf-hint", markup=False)
                with Horizontal(classes="pf-row"):
                    yield Label("Title")
                    yield Input(p.title if p else "", id="pf-title-input")
                with Horizontal(classes="pf-row"):
                    yield Label("Slug")
                    yield Input(p.slug or "" if p else "", id="pf-slug")
                    yield Label("URL")
                    yield Input(p.url or "" if p else "", id="pf-url")
                for key, label in (("patterns", "Patterns"), ("lists", "Lists"), ("companies", "Companies")):
                    with Horizontal(classes="pf-row"):
                        yield Label(label)
                        yield Input(
                            ", ".join(getattr(p, key)) if p else "",
                            placeholder="comma-separated; Tab/→ completes a known name, new names are created",
                            suggester=TagSuggester(getattr(self.choices, key)),
                            id=f"pf-{key}",
                        )
                with Horizontal(classes="pf-row"):
                    yield Label("Gist")
                    yield Input(
                        p.gist or "" if p else "", placeholder="one sentence on the solution", id="pf-gist"
                    )
            yield Static(Text("Notes (Markdown, preview on the right)", style="dim"), markup=False)
            with Horizontal(id="pf-notes-row"):
                yield TextArea(self.detail.notes or "" if self.detail else "", id="pf-notes")
                with VerticalScroll(id="pf-preview"):
                    yield Markdown(self.detail.notes or "" if self.detail else "", id="pf-preview-md")
            with Horizontal(id="pf-buttons"):
                yield Button("Cancel", id="pf-cancel")
                yield Button("Save (Ctrl+S)", id="pf-save", variant="primary")

    def on_mount(self) -> None:
        self.remember_initial()
        self.query_one("#pf-number" if self.detail is None else "#pf-title-input", Input).focus()

    def collect(self) -> tuple[Any, ...]:
        boxes = ("number", "title-input", "slug", "url", "patterns", "lists", "companies", "gist")
        return (
            *(self.query_one(f"#pf-{name}", Input).value for name in boxes),
            self.query_one("#pf-difficulty", Select).value,
            self.query_one("#pf-notes", TextArea).text,
        )

    @on(Input.Changed, "#pf-number")
    def _number_changed(self, event: Input.Changed) -> None:
        """A catalog number fills the title, slug, difficulty and patterns that are empty (or were filled from the
        catalog and not edited since); a number that stops matching takes those fills back. What the user typed
        stays, and a title of their own means nothing is filled."""
        from tracker.services.catalog import lookup_problem

        hint = self.query_one("#pf-hint", Static)
        raw = event.value.strip()
        known = lookup_problem(int(raw)) if raw.isdigit() else None
        if known is None:
            hint.update("")
            self._take_back_fills()
            return
        hint.update(Text(f"Catalog: #{known.number} {known.title} ({known.difficulty})"))
        if self._field("#pf-title-input").strip() and not self._still_filled("#pf-title-input"):
            self._take_back_fills()  # the user's own title: the catalog's details would not be about it
            return
        fills = {
            "#pf-title-input": known.title,
            "#pf-slug": known.slug,
            "#pf-difficulty": known.difficulty,
            "#pf-patterns": ", ".join(known.patterns),
        }
        for selector, value in fills.items():
            if self._still_filled(selector):
                before = self._filled[selector][0]
            elif self._blank(self._field(selector)):
                before = self._field(selector)
            else:
                self._filled.pop(selector, None)
                continue  # typed by the user
            self._set_field(selector, value)
            self._filled[selector] = (before, value)

    def _field(self, selector: str) -> Any:
        widget = self.query_one(selector)
        return widget.value if isinstance(widget, Input | Select) else None

    def _set_field(self, selector: str, value: Any) -> None:
        widget = self.query_one(selector)
        if isinstance(widget, Input | Select):
            widget.value = value

    @staticmethod
    def _blank(value: Any) -> bool:
        return value == Select.NULL or (isinstance(value, str) and not value.strip())

    def _still_filled(self, selector: str) -> bool:
        """Whether the field holds what the catalog put there (the user has not changed it since)."""
        fill = self._filled.get(selector)
        return fill is not None and self._field(selector) == fill[1]

    def _take_back_fills(self) -> None:
        for selector, (before, _) in list(self._filled.items()):
            if self._still_filled(selector):
                self._set_field(selector, before)
        self._filled.clear()

    @on(TextArea.Changed, "#pf-notes")
    def _notes_changed(self) -> None:
        self.query_one("#pf-preview-md", Markdown).update(self.query_one("#pf-notes", TextArea).text)

    @on(Button.Pressed, "#pf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#pf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def action_save(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.problems import add_problem, update_problem

        raw_number = self._value("#pf-number")
        if raw_number and not raw_number.isdigit():
            self.notify("Number must be a whole number", severity="error", markup=False)
            return
        difficulty = self.query_one("#pf-difficulty", Select).value
        fields: dict[str, Any] = {
            "number": int(raw_number) if raw_number else None,
            "slug": self._value("#pf-slug") or None,
            "url": self._value("#pf-url") or None,
            "difficulty": difficulty if isinstance(difficulty, str) else None,
            "gist": self._value("#pf-gist") or None,
            "notes": self.query_one("#pf-notes", TextArea).text or None,
            "patterns": split_tags(self._value("#pf-patterns")),
            "lists": split_tags(self._value("#pf-lists")),
            "companies": split_tags(self._value("#pf-companies")),
        }
        title = self._value("#pf-title-input")
        db = self.app.db  # type: ignore[attr-defined]
        try:
            if self.detail is None:
                row = add_problem(db, title or None, **fields)
            else:
                row = update_problem(db, self.detail.problem.id, title=title, **fields)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(row)


class ConfirmModal(ModalScreen[bool]):
    """Yes/no before something that cannot be undone."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    #confirm { width: 64; height: auto; border: thick $error; background: $surface; padding: 1 2; }
    #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    #confirm-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, keep it"),
    ]

    def __init__(self, question: Text) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("No (n)", id="confirm-no")
                yield Button("Delete (y)", id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
