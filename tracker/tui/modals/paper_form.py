"""Add or edit a paper. Paste a title, an arXiv id or an arXiv/DOI URL and press Enter: catalog papers fill in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from tracker.tui.modals.form import FormModal
from tracker.tui.work import raw_work

STATUSES = (("to read", "to-read"), ("reading", "reading"), ("read", "read"), ("revisit", "revisit"))
FIELDS = (
    ("title", "Title"),
    ("authors", "Authors"),
    ("year", "Year"),
    ("venue", "Venue"),
    ("domain", "Domain"),
    ("topics", "Topics"),
    ("arxiv_id", "arXiv id"),
    ("url", "Link"),
    ("tldr", "TL;DR"),
)


PLACEHOLDERS = {
    "domain": "nlp, ranking, vision… (→ accepts a suggestion)",
    "topics": "comma-separated (→ accepts a suggestion)",
}


class PaperFormModal(FormModal):
    """`save(values)` is called on Save; on a ServiceError the form stays open with what was typed.
    Dismisses with save's result (or None when cancelled)."""

    FORM = "pf"

    DEFAULT_CSS = """
    PaperFormModal { align: center middle; }
    PaperFormModal > Vertical {
        width: 100; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 1 2;
    }
    PaperFormModal .form-title { text-style: bold; color: $accent; margin-bottom: 1; }
    PaperFormModal #pf-ref { margin-bottom: 0; }
    PaperFormModal #pf-hint { color: $text-muted; height: 1; margin-bottom: 1; }
    PaperFormModal Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto; }
    PaperFormModal Grid > Static { color: $text-muted; text-align: right; }
    PaperFormModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    PaperFormModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="paper_form.cancel", tooltip="Close (asks if there are changes)"
        ),
        Binding("ctrl+s", "save", "Save", id="paper_form.save", tooltip="Save the paper"),
    ]

    def __init__(
        self,
        save: Callable[[dict[str, Any]], Any],
        *,
        values: dict[str, Any] | None = None,
        heading: str = "",
    ) -> None:
        super().__init__()
        self._save = save
        self.values = dict(values or {})
        self.editing = values is not None
        self.heading = heading or ("Edit paper" if self.editing else "Add a paper")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="form-title", markup=False)
            if not self.editing:
                yield Input(
                    placeholder="Paste a title, an arXiv id (2106.09685) or an arXiv/DOI URL, then Enter",
                    id="pf-ref",
                )
                yield Static(
                    "Catalog papers fill in by themselves; nothing is fetched.", id="pf-hint", markup=False
                )
            with Grid():
                for key, label in FIELDS:
                    yield Static(label, markup=False)
                    value = self.values.get(key)
                    if key == "topics" and isinstance(value, list):
                        value = ", ".join(value)
                    yield Input(
                        "" if value is None else str(value),
                        placeholder=PLACEHOLDERS.get(key, ""),
                        id=f"pf-{key}",
                        compact=True,
                    )
                yield Static("Status", markup=False)
                yield Select(
                    STATUSES,
                    value=self.values.get("status") or "to-read",
                    allow_blank=False,
                    id="pf-status",
                    compact=True,
                )
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="pf-save", variant="primary")
                yield Button("Cancel", id="pf-cancel")

    def on_mount(self) -> None:
        self.remember_initial()
        self.query_one("#pf-ref" if not self.editing else "#pf-title", Input).focus()
        self._read_names()

    @raw_work(exclusive=True, group="paper-form-names")  # plain SQL
    def _read_names(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.papers import paper_names

        try:
            names = paper_names(self.app.db)  # type: ignore[attr-defined]
        except ServiceError:
            return  # only a convenience: the form works without it
        self.app.call_from_thread(self._suggest, names)

    def _suggest(self, names: Any) -> None:
        """Domain and Topics complete from those in use (→ accepts; Topics completes its last item)."""
        from tracker.tui.widgets.suggest import NameSuggester

        if not self.is_attached:
            return
        self.query_one("#pf-domain", Input).suggester = NameSuggester(names.domains)
        self.query_one("#pf-topics", Input).suggester = NameSuggester(names.topics, many=True)

    @on(Input.Submitted, "#pf-ref")
    def _fill(self, event: Input.Submitted) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.papers import draft_from

        text = event.value.strip()
        if not text:
            return
        try:
            draft = draft_from(text)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        for key in ("title", "authors", "year", "venue", "domain", "arxiv_id", "url", "tldr"):
            value = getattr(draft, key)
            widget = self.query_one(f"#pf-{key}", Input)
            if value is not None and not widget.value.strip():
                widget.value = str(value)
        hint = self.query_one("#pf-hint", Static)
        if draft.from_catalog:
            hint.update("Filled from the bundled catalog. Check, add topics, then save.")
        elif draft.arxiv_id:
            hint.update(f"arXiv {draft.arxiv_id} is not in the bundled catalog: type its title and details.")
        else:
            hint.update("Not in the bundled catalog: type the details.")
        self.query_one("#pf-title" if not draft.title else "#pf-topics", Input).focus()

    def enter_saves(self, box: Input) -> bool:
        return box.id != "pf-ref"  # Enter there looks the paper up

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: self.query_one(f"#pf-{key}", Input).value for key, _ in FIELDS}
        values["topics"] = [t.strip() for t in values["topics"].split(",") if t.strip()]
        values["status"] = self.query_one("#pf-status", Select).value
        for ref in self.query("#pf-ref").results(Input):  # typed there and not looked up yet is typed too
            values["ref"] = ref.value
        return values

    def submit(self) -> Any:
        values = self.collect()
        values.pop("ref", None)
        return self._save(values)
