"""Study blocks of the coming two weeks in a table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tracker.tui.screens.listing import ListingScreen
from tracker.tui.widgets.text import plain, when


class ScheduleScreen(ListingScreen):
    AREA = "schedule"
    COLUMNS = (
        ("start", "Start"),
        ("minutes", "Minutes"),
        ("activity", "Focus"),
        ("title", "Block"),
        ("status", "Status"),
    )
    EMPTY_HINT = "No study blocks in the next two weeks: add rules with `prep rule add`, then `prep plan`."

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        from tracker.services.schedule import list_blocks, list_rules

        now = datetime.now(UTC)
        blocks = list_blocks(self.db, now - timedelta(days=1), now + timedelta(days=14))
        rules = list_rules(self.db)
        return [
            (
                str(b.id),
                [
                    when(b.start),
                    plain(int((b.end - b.start).total_seconds() // 60)),
                    plain(b.activity),
                    plain(b.title),
                    plain(b.status),
                ],
            )
            for b in blocks
        ], f"Study rules: {len(rules)} · blocks in the next two weeks: {len(blocks)}"
