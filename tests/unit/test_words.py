"""Counted words, case-free comparison and terminal widths for the command line's text."""

from __future__ import annotations

import pytest

from tracker.domain.words import cell_width, fit, fold, plural


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
