"""Completion as one types in an Input, from names already in use (Textual's Suggester; → accepts)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester

from tracker.domain.words import complete


class NameSuggester(Suggester):
    """Suggests the first of ``names`` (best first) that begins with what is typed, without case; with ``many``
    the box holds a comma-separated list and its last item is completed (tracker.domain.words.complete)."""

    def __init__(self, names: Sequence[str], *, many: bool = False) -> None:
        super().__init__(
            use_cache=True, case_sensitive=True
        )  # the typed case is kept: complete() folds itself
        self.names = list(names)
        self.many = many

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.names, many=self.many)
