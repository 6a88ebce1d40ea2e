"""Parsed CSS is kept across Textual's re-parses: the second app started in a process parses no CSS again, and a
theme change still takes effect."""

from __future__ import annotations

from typing import Any

import pytest
import textual.css.stylesheet as textual_stylesheet

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.tui import css_cache


async def test_css_is_parsed_once_per_theme(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert css_cache.install()
    parsed: list[Any] = []
    original = textual_stylesheet.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args[2])  # where the CSS was read from
        return original(*args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    async with make_app(db).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    parsed.clear()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert parsed == []
        background = app.screen.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert parsed, "a new theme's variables are parsed"
        assert app.screen.styles.background != background
