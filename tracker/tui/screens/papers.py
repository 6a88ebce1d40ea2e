"""Papers in a table."""

from __future__ import annotations

from typing import Any

from tracker.tui.screens.listing import ListingScreen
from tracker.tui.widgets.text import plain


class PapersScreen(ListingScreen):
    AREA = "papers"
    COLUMNS = (
        ("title", "Title"),
        ("authors", "Authors"),
        ("year", "Year"),
        ("venue", "Venue"),
        ("domain", "Domain"),
        ("status", "Status"),
        ("read_on", "Read on"),
        ("tldr", "TL;DR"),
    )
    EMPTY_HINT = "No papers yet: `prep catalog load papers` or `prep paper add`."

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        from tracker.services.papers import list_papers

        rows = list_papers(self.db, limit=500)
        return [
            (
                str(p.id),
                [
                    plain(p.title),
                    plain(p.authors or ""),
                    plain(p.year or ""),
                    plain(p.venue or ""),
                    plain(p.domain or ""),
                    plain(p.status),
                    plain(p.read_on.isoformat() if p.read_on else ""),
                    plain(p.tldr or ""),
                ],
            )
            for p in rows
        ], f"Papers: {len(rows)}"
