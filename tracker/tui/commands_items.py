"""Command palette: jump to any problem or story by its number or title (it opens selected in its area)."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.command import Hit, Hits, Provider

from tracker.tui.commands_papers import highlight

MOST = 40
"""Hits offered at most for one query (a year of data has thousands of problems)."""


class ItemCommands(Provider):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[tuple[str, str, str, int]] = []  # (text, its folded form, kind, id)

    async def startup(self) -> None:
        from tracker.domain.words import fold
        from tracker.services.problems import problem_titles
        from tracker.services.stories import list_stories

        db = self.app.db  # type: ignore[attr-defined]

        def load() -> list[tuple[str, str, str, int]]:
            items = [
                (f"Problem: {number}. {title}" if number else f"Problem: {title}", "problem", pid)
                for pid, number, title in problem_titles(db)
            ]
            items += [(f"Story: {s.title}", "story", s.id) for s in list_stories(db)]
            return [(text, fold(text), kind, ref) for text, kind, ref in items]

        self.items = await asyncio.to_thread(load)

    async def search(self, query: str) -> Hits:
        from tracker.domain.words import fold

        words = fold(query).split()
        if not words:
            return
        matcher = self.matcher(query)
        found = 0
        # Every word of the query in the name first (cheap), then the fuzzy score of the few that have them all.
        for text, folded, kind, ref in self.items:
            if all(word in folded for word in words):
                score = matcher.match(text)
                if score > 0:
                    yield Hit(
                        score, highlight(matcher, text), lambda k=kind, r=ref, t=text: self._open(k, r, t)
                    )
                    found += 1
                    if found >= MOST:
                        return

    def _open(self, kind: str, ref: int, text: str) -> None:
        from tracker.tui.open_work import open_work

        open_work(self.app, kind, ref, text.split(": ", 1)[1])
