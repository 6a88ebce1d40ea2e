"""Problems in a table."""

from __future__ import annotations

from typing import Any

from tracker.tui.screens.listing import ListingScreen
from tracker.tui.widgets.text import mastery, plain, when

PAGE = 200


class ProblemsScreen(ListingScreen):
    AREA = "problems"
    COLUMNS = (
        ("number", "#"),
        ("title", "Title"),
        ("difficulty", "Difficulty"),
        ("mastery", "Mastery"),
        ("attempts", "Tries"),
        ("last", "Last attempt"),
        ("due", "Next review"),
        ("patterns", "Patterns"),
        ("gist", "Gist"),
    )
    EMPTY_HINT = "No problems yet: `prep catalog load blind75` or `prep problem add`."

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        from tracker.services.problems import count_problems, list_problems

        total = count_problems(self.db)
        rows = list_problems(self.db, limit=PAGE)
        out = [
            (
                str(r.id),
                [
                    plain(r.number or ""),
                    plain(r.title),
                    plain(r.difficulty or ""),
                    mastery(r.mastery),
                    plain(r.attempts),
                    when(r.last_attempt_at),
                    when(r.due_at),
                    plain(", ".join(r.patterns)),
                    plain(r.gist or ""),
                ],
            )
            for r in rows
        ]
        shown = f"first {len(rows)} of {total}" if total > len(rows) else f"{total}"
        return out, f"Problems: {shown}"
