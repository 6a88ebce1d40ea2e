from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.ordering import changed, move, normalise, positions

BOARD = {1: [10, 11, 12, 13], 2: [20, 21], 3: []}


def test_move_down_within_column() -> None:
    assert move(BOARD, 10, 1, 2)[1] == [11, 12, 10, 13]


def test_move_up_within_column() -> None:
    assert move(BOARD, 13, 1, 0)[1] == [13, 10, 11, 12]
    assert move(BOARD, 12, 1, 1)[1] == [10, 12, 11, 13]


def test_move_to_same_place_changes_nothing() -> None:
    after = move(BOARD, 11, 1, 1)
    assert after == BOARD
    assert changed(BOARD, after) == {}


def test_move_across_columns_and_clamp() -> None:
    after = move(BOARD, 11, 2, 99)
    assert after == {1: [10, 12, 13], 2: [20, 21, 11], 3: []}
    assert move(BOARD, 11, 2, -5)[2] == [11, 20, 21]
    assert move(BOARD, 20, 3, 4)[3] == [20]
    assert move(BOARD, 13, 1, 100)[1] == [10, 11, 12, 13]


def test_move_does_not_mutate_input() -> None:
    board = {1: [1, 2, 3], 2: [4]}
    move(board, 1, 2, 0)
    assert board == {1: [1, 2, 3], 2: [4]}


def test_move_errors() -> None:
    with pytest.raises(ValueError, match="card 99"):
        move(BOARD, 99, 1, 0)
    with pytest.raises(ValueError, match="column 7"):
        move(BOARD, 10, 7, 0)
    with pytest.raises(ValueError, match="more than once"):
        move({1: [1, 2], 2: [1]}, 2, 2, 0)


def test_positions_and_changed_lists_only_moved_cards() -> None:
    assert positions(BOARD)[12] == (1, 2)
    after = move(BOARD, 11, 2, 1)
    # 11 moved; 12 and 13 shifted up; 21 shifted down; 10 and 20 untouched.
    assert changed(BOARD, after) == {12: (1, 1), 13: (1, 2), 11: (2, 1), 21: (2, 2)}
    within = move(BOARD, 10, 1, 1)
    assert changed(BOARD, within) == {11: (1, 0), 10: (1, 1)}


def test_changed_includes_new_cards() -> None:
    assert changed({1: [1]}, {1: [1, 2]}) == {2: (1, 1)}


@st.composite
def boards_and_moves(draw: st.DrawFn) -> tuple[dict[int, list[int]], list[tuple[int, int, int]]]:
    n_columns = draw(st.integers(1, 5))
    cards = draw(st.lists(st.integers(0, 1000), unique=True, max_size=25))
    board: dict[int, list[int]] = {c: [] for c in range(n_columns)}
    for card in cards:
        board[draw(st.integers(0, n_columns - 1))].append(card)
    moves: list[tuple[int, int, int]] = []
    if cards:
        moves = draw(
            st.lists(
                st.tuples(st.sampled_from(cards), st.integers(0, n_columns - 1), st.integers(-3, 30)),
                max_size=20,
            )
        )
    return board, moves


@settings(max_examples=100, deadline=None)
@given(boards_and_moves())
def test_moves_keep_positions_dense_and_cards_unchanged(
    data: tuple[dict[int, list[int]], list[tuple[int, int, int]]],
) -> None:
    board, moves = data
    start = normalise(board)
    current = start
    for card, column, position in moves:
        before = current
        current = move(current, card, column, position)
        # the moved card lands where asked (clamped)
        col, pos = positions(current)[card]
        assert col == column
        assert pos == max(0, min(position, len(current[column]) - 1))
        # applying only the changed rows to the old placement reproduces the new one
        placement = positions(before)
        placement.update(changed(before, current))
        assert placement == positions(current)
    assert set(current) == set(start)
    assert Counter(c for cards in current.values() for c in cards) == Counter(
        c for cards in start.values() for c in cards
    )
    for column, cards in current.items():
        assert sorted(pos for c, (col, pos) in positions(current).items() if col == column) == list(
            range(len(cards))
        )
