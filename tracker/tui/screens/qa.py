"""The technical Q&A catalog: questions with the user's answer, topic, confidence and where they were asked;
filter by topic, company and confidence; the selected answer is rendered below the table."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Markdown, Select, Static

from tracker.tui.screens.base import AreaScreen, filter_binding
from tracker.tui.widgets.text import plain
from tracker.tui.work import db_work

CONFIDENCE_FILTERS = (
    ("weak (1–2)", "weak"),
    ("not rated", "unrated"),
    *((f"confidence {n}", str(n)) for n in range(1, 6)),
)
CONFIDENCE_STYLE = {1: "bold red", 2: "dark_orange", 3: "yellow", 4: "green", 5: "bold green"}


def confidence_text(level: int | None) -> Text:
    if not level:
        return Text("·····", style="dim")
    return Text("●" * level + "○" * (5 - level), style=CONFIDENCE_STYLE.get(level, ""))


class QAScreen(AreaScreen):
    AREA = "papers"
    FILTER_BOX = "qa-filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="qa.back", tooltip="Back to papers"),
        filter_binding("qa.filter", "Filter questions and answers"),
        Binding("a", "add", "Add", id="qa.add", tooltip="New technical question"),
        Binding("e", "edit", "Edit", id="qa.edit", tooltip="Edit the answer, topic, confidence, where asked"),
        Binding("plus,equals_sign", "confidence(1)", "More sure", id="qa.up", tooltip="Raise confidence"),
        Binding("minus", "confidence(-1)", "Less sure", id="qa.down", tooltip="Lower confidence"),
        Binding("d", "delete", "Delete", id="qa.delete", tooltip="Delete the question (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.shown: list[Any] = []
        self._facet_values: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Horizontal(id="qa-bar"):
            yield Input(placeholder="/ to filter questions and answers", id="qa-filter", compact=True)
            yield Select([], prompt="any topic", id="qa-topic", compact=True)
            yield Select([], prompt="any company", id="qa-company", compact=True)
            yield Select(CONFIDENCE_FILTERS, prompt="any confidence", id="qa-confidence", compact=True)
        yield Static("", id="listing-status", markup=False)
        yield DataTable(id="qa-table", cursor_type="row", zebra_stripes=True)
        yield Markdown("", id="qa-answer")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#qa-table", DataTable)
        for key, label, width in (
            ("text", "Question", 50),
            ("topic", "Topic", 18),
            ("company", "Asked at", 24),
            ("confidence", "Confidence", 10),
        ):
            table.add_column(label, key=key, width=width)
        self.query_one("#qa-answer", Markdown).border_title = "Answer"
        table.focus()
        self.reload()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @db_work(exclusive=True, group="qa", paint_first=True)
    def _load(self) -> None:
        from tracker.services.qa import list_technical_questions

        rows = list_technical_questions(self.db)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[Any]) -> None:
        self.rows = rows
        for wid, values in (
            ("#qa-topic", sorted({q.topic for q in rows if q.topic}, key=str.casefold)),
            ("#qa-company", sorted({q.company for q in rows if q.company}, key=str.casefold)),
        ):
            if self._facet_values.get(wid) == values:
                continue
            self._facet_values[wid] = values
            select = self.query_one(wid, Select)
            current = select.value
            with select.prevent(Select.Changed):
                select.set_options([(v, v) for v in values])
                if current in values:
                    select.value = current
        self.refresh_table()

    def filtered(self) -> list[Any]:
        words = self.query_one("#qa-filter", Input).value.casefold().split()
        topic = self.query_one("#qa-topic", Select).value
        company = self.query_one("#qa-company", Select).value
        conf = self.query_one("#qa-confidence", Select).value
        out = []
        for q in self.rows:
            if isinstance(topic, str) and q.topic != topic:
                continue
            if isinstance(company, str) and q.company != company:
                continue
            if conf == "weak" and not (q.confidence and q.confidence <= 2):
                continue
            if conf == "unrated" and q.confidence:
                continue
            if isinstance(conf, str) and conf.isdigit() and q.confidence != int(conf):
                continue
            if words and not all(w in f"{q.text} {q.answer or ''}".casefold() for w in words):
                continue
            out.append(q)
        return out

    def refresh_table(self, keep: int | None = None) -> None:
        table = self.query_one("#qa-table", DataTable)
        current = keep if keep is not None else (sel.id if (sel := self.selected()) else None)
        self.shown = self.filtered()
        table.clear()
        for q in self.shown:
            where = q.round or q.company or ""
            table.add_row(
                plain(q.text),
                plain(q.topic or ""),
                plain(where),
                confidence_text(q.confidence),
                key=str(q.id),
            )
        if current is not None:
            for i, q in enumerate(self.shown):
                if q.id == current:
                    table.move_cursor(row=i, animate=False)
        total, shown = len(self.rows), len(self.shown)
        line = (
            f"Technical questions: {shown} of {total}" if shown != total else f"Technical questions: {total}"
        )
        if not self.rows:
            line = "No technical questions yet: press a to add one you were asked, with your best answer."
        self.query_one("#listing-status", Static).update(Text(line))
        self._show_answer()

    def _show_answer(self) -> None:
        q = self.selected()
        answer = self.query_one("#qa-answer", Markdown)
        answer.update(q.answer or "_No answer yet: press e to write one._" if q else "")

    @on(DataTable.RowHighlighted, "#qa-table")
    def _highlighted(self) -> None:
        self._show_answer()

    @on(DataTable.RowSelected, "#qa-table")
    def _selected(self) -> None:
        self.action_edit()

    @on(Input.Changed, "#qa-filter")
    @on(Select.Changed)
    def _filter(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#qa-filter")
    def _filter_done(self) -> None:
        self.query_one("#qa-table", DataTable).focus()

    def selected(self) -> Any | None:
        table = self.query_one("#qa-table", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(max(table.cursor_row, 0), len(self.shown) - 1)]

    def action_back(self) -> None:
        if self.query_one("#qa-filter", Input).has_focus:
            self.query_one("#qa-table", DataTable).focus()
            return
        self.app.pop_screen()

    def _rounds(self) -> list[tuple[str, int]]:
        from tracker.services.qa import round_choices

        return [(c.label, c.id) for c in round_choices(self.db)]

    def _done(self, row: Any) -> None:
        if row is not None:
            self.app.data_changed("papers")  # type: ignore[attr-defined]
            self.refresh_table(keep=row.id)

    def action_add(self) -> None:
        from tracker.services.qa import add_technical_question
        from tracker.tui.modals.paper_question import QuestionFormModal

        def save(v: dict[str, Any]) -> Any:
            return add_technical_question(
                self.db,
                v["text"],
                answer=v["answer"],
                confidence=v["confidence"],
                topic=v["topic"],
                company=v["company"],
                round_id=v["round_id"],
            )

        self.app.push_screen(QuestionFormModal(save, rounds=self._rounds()), self._done)

    def action_edit(self) -> None:
        from tracker.services.qa import update_technical_question
        from tracker.tui.modals.paper_question import QuestionFormModal

        q = self.selected()
        if q is None:
            return
        values = {
            "text": q.text,
            "topic": q.topic,
            "company": q.company,
            "round_id": q.round_id,
            "confidence": q.confidence,
            "answer": q.answer,
        }

        def save(v: dict[str, Any]) -> Any:
            changes = {k: v[k] for k in v if (v[k] or None) != (values[k] or None)}
            if "company" in changes and "round_id" not in changes and v["round_id"]:
                changes["round_id"] = v["round_id"]
            return update_technical_question(self.db, q.id, **changes) if changes else q

        self.app.push_screen(QuestionFormModal(save, rounds=self._rounds(), values=values), self._done)

    def action_confidence(self, step: int) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.qa import set_confidence

        q = self.selected()
        if q is None:
            return
        level = 3 if q.confidence is None else min(5, max(1, q.confidence + step))
        try:
            row = set_confidence(self.db, q.id, level)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.rows = [row if r.id == row.id else r for r in self.rows]
        self.refresh_table(keep=row.id)

    def action_delete(self) -> None:
        from tracker.services.qa import remove_technical_question

        q = self.selected()
        if q is None:
            return
        self.confirm_delete(
            f"Delete the question “{q.text}” and your answer?",
            lambda: remove_technical_question(self.db, q.id),
            lambda: self.app.data_changed("papers"),  # type: ignore[attr-defined]
        )
