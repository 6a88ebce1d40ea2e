"""Turning user text into renderables that are never parsed as markup."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from rich.text import Text

V = TypeVar("V")


def plain(value: object, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style, no_wrap=True, overflow="ellipsis")


def choices(pairs: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """Options for a Select whose labels are user text (pattern, list, company, topic names): a str label would be
    parsed as markup, so "Onsite [prep]" showed as "Onsite "."""
    return [(Text(label), value) for label, value in pairs]


def when(value: datetime | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(value.astimezone().strftime("%Y-%m-%d %H:%M"))


MASTERY_STYLE = {
    "no-clue": "bold red",
    "brute-force": "dark_orange",
    "has-bugs": "yellow",
    "bug-free": "green",
}


def mastery(slug: str | None) -> Text:
    if not slug:
        return Text("new", style="dim")
    return Text(slug.replace("-", " "), style=MASTERY_STYLE.get(slug, ""))
