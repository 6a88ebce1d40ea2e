"""The idle warm-up (tracker/tui/warmup.py): after it, opening an area imports nothing and parses no CSS, and every
area looks exactly as it does without it; it runs only while the user is idle."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.tui import warmup

AREA_KEYS = {"problems": "2", "papers": "3", "stories": "4", "board": "5", "schedule": "6"}
ORM_PACKAGES = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
)  # loaded by PrepApp._load_orm_when_idle instead


def cold(module: str) -> bool:
    """Left for its area to import on purpose (warmup.LEFT_COLD, and what those import), or the ORM."""
    return module.split(".")[0] in {m.split(".")[0] for m in warmup.LEFT_COLD} or module.startswith(
        ORM_PACKAGES
    )


def screen_cells(app: Any) -> list[list[tuple[str, str]]]:
    """What the terminal shows: every line's segments as (text, style)."""
    return [
        [(segment.text, str(segment.style)) for segment in strip]
        for strip in app.screen._compositor.render_strips()
    ]


async def test_after_the_warm_up_opening_an_area_imports_and_parses_nothing(demo_db: Database) -> None:
    app = make_app(demo_db)
    app._warm_steps = []  # not on its own: run below, step by step
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for step in warmup.steps(app):
            step()
        for area, key in AREA_KEYS.items():
            modules = set(sys.modules)
            sources = dict(app.stylesheet.source)
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == area
            new = sorted(m for m in set(sys.modules) - modules if not cold(m))
            assert new == [], f"{area} imported {new}"
            assert dict(app.stylesheet.source) == sources, f"{area} added CSS"
            assert not app.stylesheet._require_parse


async def test_every_area_looks_the_same_with_and_without_the_warm_up(demo_db: Database) -> None:
    shown: dict[bool, dict[str, list[list[tuple[str, str]]]]] = {}
    for warmed in (False, True):
        app = make_app(demo_db)
        app._warm_steps = []
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            if warmed:
                for step in warmup.steps(app):
                    step()
            shown[warmed] = {}
            for area, key in AREA_KEYS.items():
                await pilot.press(key)
                await settle(pilot)
                shown[warmed][area] = screen_cells(app)
    for area in AREA_KEYS:
        assert shown[True][area] == shown[False][area], area


async def test_the_warm_up_runs_while_the_user_is_idle_and_stops_when_they_are_back(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        idle = {"now": False}
        monkeypatch.setattr(app.idle_gc, "idle_for", lambda seconds: idle["now"])
        monkeypatch.setattr(app.idle_gc, "tick", lambda: False)
        app._warm_steps = None
        app._idle_tick()
        assert app._warm_steps is None  # not idle: not started
        idle["now"] = True
        app._idle_tick()
        total = len(warmup.steps(app))
        assert app._warming and len(app._warm_steps) == total - 1  # one step, the next on a timer
        await pilot.pause(0.05)
        idle["now"] = False  # a key: the next step waits for the next pause
        await pilot.pause(0.05)
        left = len(app._warm_steps)
        assert 0 < left < total - 1 and not app._warming
        await pilot.pause(0.1)
        assert len(app._warm_steps) == left
        idle["now"] = True
        app._idle_tick()
        for _ in range(100):
            if not app._warm_steps:
                break
            await pilot.pause(0.02)
        assert app._warm_steps == [] and not app._warming
        assert not app._warm_up_when_idle()  # done: the idle tick goes on to its other jobs
