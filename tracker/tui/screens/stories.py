"""STAR stories in a table."""

from __future__ import annotations

from typing import Any

from tracker.tui.screens.listing import ListingScreen
from tracker.tui.widgets.text import plain, when


class StoriesScreen(ListingScreen):
    AREA = "stories"
    COLUMNS = (
        ("title", "Title"),
        ("tags", "Tags"),
        ("strength", "Strength"),
        ("questions", "Questions"),
        ("rehearsals", "Rehearsals"),
        ("last", "Last rehearsed"),
    )
    EMPTY_HINT = "No stories yet: `prep story add`."

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        from tracker.services.stories import list_stories

        rows = list_stories(self.db)
        return [
            (
                str(s.id),
                [
                    plain(s.title),
                    plain(", ".join(s.tags)),
                    plain("★" * s.strength),
                    plain(len(s.question_ids)),
                    plain(s.rehearsals),
                    when(s.last_rehearsed_at),
                ],
            )
            for s in rows
        ], f"Stories: {len(rows)}"
