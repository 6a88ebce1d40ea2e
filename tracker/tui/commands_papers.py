"""Command palette: papers, topic pages and the Q&A catalog — open any paper or topic by name, add, switch views."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider


def highlight(matcher: Any, text: str) -> Text:
    """Like Matcher.highlight, but the text (a user's paper title) is never parsed as markup."""
    out = Text(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            out.stylize("reverse", offset, offset + 1)
    return out


async def _in_papers(app: Any, then: Callable[..., object]) -> None:
    """Go to the papers area, back to its list, then act on the papers screen."""
    await app.switch_mode("papers")
    from tracker.tui.screens.papers import PapersScreen

    while not isinstance(app.screen, PapersScreen) and len(app.screen_stack) > 1:
        app.pop_screen()
        await asyncio.sleep(0)
    screen = app.screen
    if isinstance(screen, PapersScreen):
        then(screen)


class PaperCommands(Provider):
    """Papers area actions plus every paper and topic by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.papers: list[tuple[int, str]] = []
        self.topics: list[tuple[int, str]] = []

    async def startup(self) -> None:
        from tracker.services.papers import list_papers
        from tracker.services.topics import list_topics

        db = self.app.db  # type: ignore[attr-defined]

        def load() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            return (
                [(p.id, p.title) for p in list_papers(db)],
                [(t.id, t.name) for t in list_topics(db)],
            )

        self.papers, self.topics = await asyncio.to_thread(load)

    def _actions(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = self.app

        def run(then: Callable[[Any], None]) -> Callable[[], Any]:
            return partial(_in_papers, app, then)

        return [
            ("Papers: add a paper", run(lambda s: s.action_add()), "By title, arXiv id or arXiv/DOI URL"),
            (
                "Papers: reading list",
                run(lambda s: s.set_view("reading-list")),
                "To read, next rounds' topics first",
            ),
            ("Papers: read this month", run(lambda s: s.set_view("this-month")), "Papers read this month"),
            ("Papers: all papers", run(lambda s: s.set_view("all")), "Every paper"),
            ("Topics: topic pages", run(lambda s: s.action_topics()), "Notes per topic, stale ones marked"),
            (
                "Q&A: technical questions",
                run(lambda s: s.action_questions()),
                "Questions with your best answers",
            ),
        ]

    def _items(self) -> list[tuple[str, Callable[[], Any], str]]:
        from tracker.tui.screens.paper_page import PaperPageScreen
        from tracker.tui.screens.topics import TopicPageScreen

        app = self.app
        items = self._actions()
        for pid, title in self.papers:
            items.append(
                (
                    f"Paper: {title}",
                    partial(_in_papers, app, lambda s, pid=pid: app.push_screen(PaperPageScreen(pid))),
                    "Open the paper's page",
                )
            )
        for tid, name in self.topics:
            items.append(
                (
                    f"Topic: {name}",
                    partial(_in_papers, app, lambda s, tid=tid: app.push_screen(TopicPageScreen(tid))),
                    "Open the topic page",
                )
            )
        return items

    async def discover(self) -> Hits:
        for text, callback, help_text in self._actions():
            yield DiscoveryHit(Text(text), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, help=help_text)
