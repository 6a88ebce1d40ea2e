"""Counted words, case-free comparison and terminal widths for the command line's text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.words import cell_width, complete, fit, fold, plural


def test_plural() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(3, "story", "stories") == "3 stories"


def test_fold_ignores_case_and_composition() -> None:
    assert fold("Émile AI") == fold("émile ai") == fold("E\u0301mile ai")
    assert fold("STRASSE") == fold("Straße")


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("论文", 4), ("🚀", 2), ("Cafe\u0301", 4), ("مرحبا", 5), ("", 0), ("a\u200bb", 2)],
)
def test_cell_width(text: str, width: int) -> None:
    assert cell_width(text) == width


def test_fit_cuts_and_pads_by_columns_not_characters() -> None:
    assert fit("论文论文", 5) == "论文…"  # two wide characters and the ellipsis: 5 columns
    assert fit("论文论文", 4) == "论… "  # a second wide one would not fit with the ellipsis: padded to 4
    assert cell_width(fit("论文论文", 4)) == 4
    assert fit("ok", 4) == "ok  "
    assert fit("exactly", 7) == "exactly"


def test_cli_tables_line_up_with_wide_characters(prep) -> None:
    for title in ("Ünïcödé 论文 🚀 مرحبا", "Plain title", "Cafe\u0301 noir"):
        assert prep("paper", "add", title).code == 0
    lines = prep("paper", "list").out.splitlines()
    starts = {cell_width(line[: line.index("-  ")]) for line in lines[1:]}  # where the arXiv column starts
    assert len(starts) == 1, lines


# ---------------------------------------------------------------------------------------------------- complete
def test_complete_keeps_what_was_typed_and_adds_the_rest_of_the_first_match() -> None:
    names = ["Ranking metrics", "RAG", "Retrieval"]
    assert complete("ran", names) == "ranking metrics"
    assert complete("Ra", names) == "Ranking metrics"  # the first match, best first
    assert complete("ret", names) == "retrieval"
    assert complete("Ranking metrics", names) is None  # complete already
    assert complete("x", names) is None
    assert complete("", names) is None and complete("   ", names) is None


def test_complete_a_list_completes_its_last_item_with_a_name_not_listed_yet() -> None:
    names = ["Transformers", "Tokenizers", "RLHF"]
    assert complete("RLHF, t", names, many=True) == "RLHF, transformers"
    assert complete("transformers, t", names, many=True) == "transformers, tokenizers"
    assert complete("RLHF,", names, many=True) is None
    assert complete("RLHF, ", names, many=True) is None
    assert complete("t", names) == "transformers"
    assert complete("a, b", ["a, b, c"]) == "a, b, c"  # without many, the whole text is one name


def test_complete_does_not_cut_a_name_whose_folded_form_is_longer() -> None:
    assert complete("stras", ["Straße"]) is None  # "straße" folds to "strasse": no clean place to continue
    assert complete("stra", ["Straße"]) == "straße"
    assert complete("émi", ["Émile AI"]) == "émile AI"


@given(
    typed=st.text(min_size=1, max_size=12),
    names=st.lists(st.text(min_size=1, max_size=12), max_size=6),
    many=st.booleans(),
)
def test_a_completion_begins_with_what_was_typed_and_ends_with_a_known_name(
    typed: str, names: list[str], many: bool
) -> None:
    done = complete(typed, names, many=many)
    if done is not None:
        assert done.startswith(typed) and len(done) > len(typed)
        added = done[len(typed) :]
        stem = (typed[typed.rindex(",") + 1 :] if many and "," in typed else typed).lstrip()
        assert any(
            name == name[: len(stem)] + added and fold(name[: len(stem)]) == fold(stem) for name in names
        )
