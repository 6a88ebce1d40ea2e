"""Words in messages and names: counted ("1 day", "3 days") and compared without case."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, or its plural (``many``, else ``word`` + "s") unless ``n`` is 1."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def fold(text: str) -> str:
    """Text as compared when case does not matter: composed (NFC) and case-folded, in every script ("Émile AI" and
    "émile ai" are the same name; so are "Straße" and "STRASSE")."""
    return unicodedata.normalize("NFC", text).casefold()


def has_words(words: Iterable[str], texts: Iterable[str]) -> bool:
    """Whether every one of ``words`` (already case-folded, as a filter box's words) is in one of ``texts``,
    compared without case: the filter-as-you-type test of the lists."""
    hay = " ".join(texts).casefold()
    return all(word in hay for word in words)


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters and most emoji take two, combining marks
    and zero-width characters none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns (ending in "…" when cut), then padded with spaces to ``width``."""
    if cell_width(text) > width:
        out, used = [], 0
        for ch in text:
            w = cell_width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - cell_width(text))


def complete(typed: str, names: Iterable[str], *, many: bool = False) -> str | None:
    """``typed`` completed with the first of ``names`` (best first) that begins with what is being typed, compared
    without case: what was typed is kept as typed and the rest of the name is added. With ``many`` the text is a
    comma-separated list and its last item is completed, never with a name already in the list. None when nothing
    is being typed, nothing matches, or the item is complete already."""
    head, last = ("", typed)
    if many and "," in typed:
        cut = typed.rindex(",") + 1
        head, last = typed[:cut], typed[cut:]
    stem = last.lstrip()
    if not stem.strip():
        return None
    wanted = fold(stem)
    listed = {fold(item.strip()) for item in head.split(",") if item.strip()} if many else set()
    for name in names:
        # The name's first characters, as many as were typed, must be what was typed ("Straße" is not completed
        # from "stras", though the folded forms begin alike): the rest is then added as it is written.
        if len(name) > len(stem) and fold(name[: len(stem)]) == wanted and fold(name) not in listed:
            return typed + name[len(stem) :]
    return None
