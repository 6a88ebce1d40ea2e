"""Pick the company the board shows (or all of them); type to narrow the list."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class CompanyPickModal(ModalScreen[tuple[int, str] | None]):
    """Returns (company id, name), (0, "") for all companies, or None when cancelled."""

    DEFAULT_CSS = """
    CompanyPickModal { align: center middle; }
    CompanyPickModal > #company-pick-box {
        width: 60; height: 80%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    CompanyPickModal #company-pick-title { text-style: bold; margin-bottom: 1; }
    CompanyPickModal OptionList { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="company_pick.cancel", tooltip="Keep the current filter"),
        Binding("down", "down", "Down", show=False, id="company_pick.down", tooltip="Next company"),
        Binding("up", "up", "Up", show=False, id="company_pick.up", tooltip="Previous company"),
    ]

    def __init__(self, current: int | None = None) -> None:
        super().__init__()
        self.current = current
        self.companies: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="company-pick-box"):
            yield Static("Show which company?", id="company-pick-title")
            yield Input(id="company-pick-search", placeholder="type to narrow")
            yield OptionList(id="company-pick-list")

    def on_mount(self) -> None:
        from tracker.services.pipeline import list_companies

        self.companies = list_companies(self.app.db)  # type: ignore[attr-defined]
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        q = query.strip().casefold()
        if not q:
            options.add_option(Option(Text("All companies", style="bold"), id="company-0"))
        for c in self.companies:
            if q and q not in c.name.casefold():
                continue
            label = Text(c.name)
            label.append(f"  {c.rounds} round{'s' if c.rounds != 1 else ''} · {c.status}", style="dim")
            options.add_option(Option(label, id=f"company-{c.id}"))
        if options.option_count:
            index = 0
            if self.current and not q:
                ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
                index = ids.index(f"company-{self.current}") if f"company-{self.current}" in ids else 0
            options.highlighted = index

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        cid = int((option_id or "company-0").removeprefix("company-"))
        name = next((c.name for c in self.companies if c.id == cid), "")
        self.dismiss((cid, name))

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
