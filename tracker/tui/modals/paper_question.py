"""Add or edit a technical question: text, the answer (Markdown), topic, confidence, where it was asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static, TextArea

from tracker.tui.modals.form import FormModal
from tracker.tui.widgets.text import choices as text_choices

CONFIDENCE = tuple(
    (f"{n} · {label}", n) for n, label in ((1, "lost"), (2, "shaky"), (3, "ok"), (4, "good"), (5, "nailed"))
)


class QuestionFormModal(FormModal):
    """`save(values)` is called on Save; a ServiceError keeps the form open with everything typed."""

    FORM = "qf"

    DEFAULT_CSS = """
    QuestionFormModal { align: center middle; }
    QuestionFormModal > Vertical {
        width: 100; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 1 2;
    }
    QuestionFormModal .form-title { text-style: bold; color: $accent; margin-bottom: 1; }
    QuestionFormModal Grid { grid-size: 2; grid-columns: 11 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto; }
    QuestionFormModal Grid > Static { color: $text-muted; text-align: right; }
    QuestionFormModal #qf-answer-label { color: $text-muted; margin-top: 1; }
    QuestionFormModal #qf-answer { height: 14; }
    QuestionFormModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    QuestionFormModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="question_form.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="question_form.save", tooltip="Save the question"),
    ]

    def __init__(
        self,
        save: Callable[[dict[str, Any]], Any],
        *,
        rounds: list[tuple[str, int]] | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self._save = save
        self.rounds = rounds or []
        self.values = dict(values or {})
        self.editing = values is not None

    def compose(self) -> ComposeResult:
        v = self.values
        with Vertical():
            yield Static(
                "Edit technical question" if self.editing else "New technical question",
                classes="form-title",
                markup=False,
            )
            with Grid():
                yield Static("Question", markup=False)
                yield Input(
                    v.get("text") or "",
                    placeholder="e.g. Why does attention scale by √d?",
                    id="qf-text",
                    compact=True,
                )
                yield Static("Topic", markup=False)
                yield Input(
                    v.get("topic") or "", placeholder="e.g. Transformers", id="qf-topic", compact=True
                )
                yield Static("Company", markup=False)
                yield Input(
                    v.get("company") or "", placeholder="where you were asked", id="qf-company", compact=True
                )
                yield Static("Round", markup=False)
                yield Select(
                    text_choices(self.rounds),
                    prompt="no round",
                    value=v.get("round_id") or Select.NULL,
                    id="qf-round",
                    compact=True,
                )
                yield Static("Confidence", markup=False)
                yield Select(
                    CONFIDENCE,
                    prompt="not rated",
                    value=v.get("confidence") or Select.NULL,
                    id="qf-confidence",
                    compact=True,
                )
            yield Static("Your best answer (Markdown)", id="qf-answer-label", markup=False)
            yield TextArea(v.get("answer") or "", id="qf-answer", language="markdown", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="qf-save", variant="primary")
                yield Button("Cancel", id="qf-cancel")

    def on_mount(self) -> None:
        self.query_one("#qf-text" if not self.editing else "#qf-answer").focus()

    def collect(self) -> dict[str, Any]:
        rnd = self.query_one("#qf-round", Select).value
        conf = self.query_one("#qf-confidence", Select).value
        return {
            "text": self.query_one("#qf-text", Input).value,
            "topic": self.query_one("#qf-topic", Input).value,
            "company": self.query_one("#qf-company", Input).value,
            "round_id": rnd if isinstance(rnd, int) else None,
            "confidence": conf if isinstance(conf, int) else None,
            "answer": self.query_one("#qf-answer", TextArea).text,
        }

    def enter_saves(self, box: Input) -> bool:
        return False  # the answer below is most of the form: Enter in a box does not save it half done

    def submit(self) -> Any:
        return self._save(self.collect())
