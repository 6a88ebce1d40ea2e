"""Coverage of the behavioral question bank: every question with its best story or a clear "no story" mark,
per competency how many are covered, the gaps first; and company values with the stories that cover them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from tracker.domain.star import UNCOVERED, WEAK
from tracker.tui.screens.base import AreaScreen
from tracker.tui.widgets.text import plain
from tracker.tui.work import db_work

MARKS = {UNCOVERED: ("✗ no story", "bold red"), WEAK: ("⚠ weak", "yellow"), "covered": ("✓", "green")}


@dataclass(frozen=True)
class CoverageData:
    coverage: Any
    values: list[Any]


class CoverageScreen(AreaScreen):
    """Pushed on top of the stories list; Esc goes back."""

    AREA = "stories"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "l", "link", "Stories", id="coverage.link", tooltip="Choose the stories that answer this question"
        ),
        Binding("a", "add", "Add question", id="coverage.add", tooltip="Add your own behavioral question"),
        Binding("escape,c", "back", "Back", id="coverage.back", tooltip="Back to the story list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: CoverageData | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        yield Static("", id="coverage-status")
        yield Static("", id="coverage-competencies")
        questions: DataTable[Any] = DataTable(id="coverage-questions", cursor_type="row", zebra_stripes=True)
        yield questions
        with VerticalScroll(id="coverage-values"):
            yield Static("", id="coverage-values-text")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#coverage-competencies").border_title = "By competency: covered · weak · no story"
        table = self.query_one("#coverage-questions", DataTable)
        for key, label, width in (
            ("status", "", 10),
            ("competency", "Competency", 14),
            ("question", "Question", 52),
            ("best", "Best story", 32),
        ):
            table.add_column(label, key=key, width=width)
        table.border_title = "Questions — gaps first"
        self.query_one("#coverage-values").border_title = "Company values"
        table.focus()
        self.reload()

    def reload(self) -> None:
        self._load(None)

    @db_work(exclusive=True, group="coverage", paint_first=True)
    def _load(self, focus_id: int | None) -> None:
        from tracker.services.stories import all_company_values, story_coverage

        data = CoverageData(story_coverage(self.db), all_company_values(self.db))
        self.app.call_from_thread(self._show, data, focus_id)

    def _show(self, data: CoverageData, focus_id: int | None) -> None:
        if not self.is_attached:
            return
        self.data = data
        cov = data.coverage
        status = Text()
        status.append(f"{cov.covered}/{cov.total} questions have a story", style="bold")
        status.append(f" · {cov.weak} weak (best story strength ≤ 2 or never rehearsed)", style="yellow")
        status.append(f" · {cov.uncovered} without a story", style="red" if cov.uncovered else "green")
        if cov.unlinked_stories:
            status.append(f" · {len(cov.unlinked_stories)} stories answer no question", style="dim")
        self.query_one("#coverage-status", Static).update(status)

        comp = Text()
        per_line = 3
        for i, c in enumerate(cov.competencies):
            cell = Text()
            cell.append(c.competency[:16].ljust(17))
            cell.append(
                f"{c.covered}/{c.questions}".ljust(6), style="green" if c.covered == c.questions else "bold"
            )
            cell.append(f"⚠{c.weak}".ljust(4) if c.weak else "    ", style="yellow")
            cell.append(f"✗{c.uncovered}".ljust(4) if c.uncovered else "    ", style="red")
            comp.append_text(cell)
            comp.append("\n" if (i + 1) % per_line == 0 or i + 1 == len(cov.competencies) else "   ")
        if not cov.competencies:
            comp.append(
                "No behavioral questions yet: press a to add one, or load the bundled bank.", style="dim"
            )
        comp.rstrip()
        self.query_one("#coverage-competencies", Static).update(comp)

        table = self.query_one("#coverage-questions", DataTable)
        keep = focus_id if focus_id is not None else self.current_id()
        table.clear()
        for q in cov.questions:
            label, style = MARKS[q.status]
            best = Text()
            if q.best is not None:
                best.append(q.best.title)
                if q.reason:
                    best.append(f"  ({q.reason})", style="yellow")
                elif len(q.stories) > 1:
                    best.append(f"  +{len(q.stories) - 1}", style="dim")
            else:
                best.append("—", style="dim")
            table.add_row(
                Text(label, style=style),
                plain(q.competency, style="dim"),
                plain(q.question.text),
                best,
                key=str(q.question.id),
            )
        if keep is not None and any(q.question.id == keep for q in cov.questions):
            table.move_cursor(row=table.get_row_index(str(keep)))

        values = Text()
        if not data.values:
            values.append(
                "No company lists its values yet. Tag stories with a company's values to cover them.",
                style="dim",
            )
        for n, company in enumerate(data.values):
            if n:
                values.append("\n")
            values.append(company.company, style="bold")
            values.append(f" {company.covered}/{len(company.values)}:", style="dim")
            for v in company.values:
                values.append("  ✓ " if v.stories else "  ✗ ", style="green" if v.stories else "red")
                values.append(v.value)
                if v.stories:
                    values.append(f" ({len(v.stories)}: {v.stories[0].title})", style="dim")
        self.query_one("#coverage-values-text", Static).update(values)

    def current_id(self) -> int | None:
        table = self.query_one("#coverage-questions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    # ------------------------------------------------------------------------------------------------- actions
    @on(DataTable.RowSelected, "#coverage-questions")
    def action_link(self) -> None:
        from tracker.tui.modals.story_links import StoryLinksModal

        qid = self.current_id()
        if qid is None or self.data is None:
            self.notify("No question selected.", severity="warning", markup=False)
            return
        row = self.data.coverage.for_question(qid)
        text = row.question.text if row else ""
        self.app.push_screen(
            StoryLinksModal(self.db, side="question", target_id=qid, heading=f"Stories that answer: {text}"),
            lambda saved: self._changed(qid) if saved else None,
        )

    def action_add(self) -> None:
        from tracker.tui.modals.story_question import StoryQuestionModal

        known = sorted({c.competency for c in self.data.coverage.competencies}) if self.data else []
        self.app.push_screen(
            StoryQuestionModal(self.db, known), lambda row: self._changed(row.id) if row is not None else None
        )

    def _changed(self, focus_id: int | None) -> None:
        self.app.data_changed("dashboard")  # type: ignore[attr-defined]
        self._load(focus_id)

    def action_back(self) -> None:
        self.dismiss(None)
