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
