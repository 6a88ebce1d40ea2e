"""Words in messages and names: counted ("1 day", "3 days") and compared without case."""

from __future__ import annotations

import unicodedata


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, or its plural (``many``, else ``word`` + "s") unless ``n`` is 1."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def fold(text: str) -> str:
    """Text as compared when case does not matter: composed (NFC) and case-folded, in every script ("Émile AI" and
    "émile ai" are the same name; so are "Straße" and "STRASSE")."""
    return unicodedata.normalize("NFC", text).casefold()


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
