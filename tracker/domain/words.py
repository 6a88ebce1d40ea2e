"""Counted words in messages: "1 day", "3 days"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, or its plural (``many``, else ``word`` + "s") unless ``n`` is 1."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
