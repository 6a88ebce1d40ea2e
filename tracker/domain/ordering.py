"""Kanban card positions: pure functions over ``{column_id: [card_id, ...]}`` orderings.

Positions are always 0..n-1 inside each column. The service layer reads the current ordering, calls
:func:`move`, then writes only the rows returned by :func:`changed`, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["Placement", "changed", "move", "normalise", "positions"]

Placement = tuple[int, int]
"""``(column_id, position)`` of one card."""


def normalise(columns: Mapping[int, Sequence[int]]) -> dict[int, list[int]]:
    """A fresh, mutable copy of an ordering; raises ``ValueError`` if a card appears twice."""
    result = {column: list(cards) for column, cards in columns.items()}
    positions(result)  # duplicate check
    return result


def move(
    columns: Mapping[int, Sequence[int]], card: int, to_column: int, to_position: int
) -> dict[int, list[int]]:
    """The ordering after moving ``card`` to ``to_position`` of ``to_column``.

    ``to_position`` is the card's index in the destination column *after* the move and is clamped to the
    valid range, so ``0`` means top and any large number means bottom. The input is not modified.
    Raises ``ValueError`` for an unknown card or column.
    """
    result = normalise(columns)
    if to_column not in result:
        raise ValueError(f"column {to_column} does not exist")
    source = next((column for column, cards in result.items() if card in cards), None)
    if source is None:
        raise ValueError(f"card {card} is not on the board")
    result[source].remove(card)
    target = result[to_column]
    target.insert(max(0, min(to_position, len(target))), card)
    return result


def positions(columns: Mapping[int, Sequence[int]]) -> dict[int, Placement]:
    """``{card_id: (column_id, position)}``; raises ``ValueError`` if a card appears twice."""
    result: dict[int, Placement] = {}
    for column, cards in columns.items():
        for index, card in enumerate(cards):
            if card in result:
                raise ValueError(f"card {card} appears more than once on the board")
            result[card] = (column, index)
    return result


def changed(before: Mapping[int, Sequence[int]], after: Mapping[int, Sequence[int]]) -> dict[int, Placement]:
    """Cards whose ``(column, position)`` differs between two orderings (new cards included),
    mapped to their placement in ``after``, in the order of ``after`` (column, then position)."""
    old = positions(before)
    return {card: place for card, place in positions(after).items() if old.get(card) != place}
