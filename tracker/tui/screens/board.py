"""Interview rounds in a table, by board column."""

from __future__ import annotations

from typing import Any

from tracker.tui.screens.listing import ListingScreen
from tracker.tui.widgets.text import plain, when


class BoardScreen(ListingScreen):
    AREA = "board"
    COLUMNS = (
        ("column", "Column"),
        ("company", "Company"),
        ("kind", "Round"),
        ("when", "When"),
        ("outcome", "Outcome"),
    )
    EMPTY_HINT = "No rounds yet: `prep round add COMPANY KIND --at 'Dec 3 2pm'`."

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        from tracker.services.pipeline import board

        rows = []
        for column in board(self.db):
            for r in column.rounds:
                rows.append(
                    (
                        str(r.id),
                        [
                            plain(column.name),
                            plain(r.company),
                            plain(r.kind),
                            when(r.scheduled_at),
                            plain(r.outcome or ""),
                        ],
                    )
                )
        return rows, f"Rounds: {len(rows)}"
