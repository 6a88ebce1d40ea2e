"""Turning user text into renderables that are never parsed as markup."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text


def plain(value: object, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style, no_wrap=True, overflow="ellipsis")


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
