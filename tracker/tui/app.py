"""PrepApp: six areas as modes, one stylesheet, a command palette."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from tracker.tui import css_cache
from tracker.tui.commands import AreaCommands
from tracker.tui.commands_items import ItemCommands
from tracker.tui.commands_papers import PaperCommands
from tracker.tui.idle_gc import IDLE_SECONDS, IdleCollector
from tracker.tui.messages import DataChanged
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.widgets.area_tabs import AREAS
from tracker.tui.work import db_work

css_cache.install()

# Screens repaint at most this often. Textual's default of 60 (TEXTUAL_FPS) lets a change wait up to 17 ms for the
# next frame, and a change that takes two layout passes (a card entering a column) up to twice that; at 120 the wait
# is halved. Frames are still drawn only when something changed. TEXTUAL_FPS, when set, wins.
FRAME_RATE = 120
WARM_STEP_GAP_S = 0.01
"""Between two steps of the idle warm-up: a key pressed meanwhile is handled before the next step."""
WARM_STEP_RETRY_S = 0.02
WARM_STEP_TRIES = 100
"""A warm-up step that is waiting (a screen built ahead still reading its data) is tried again this often, this many
times at most (2 s), then left."""
UNDO_DEPTH = 20
"""How many deletes of a session ctrl+z can take back, the last first."""
FRAMES_HELD_AT_MOST_S = 1.0
"""How long a first switch to an area may hold the terminal's frames while its screen is built (App.delay_update)."""
if "TEXTUAL_FPS" not in os.environ:
    import textual.screen

    textual.screen.UPDATE_PERIOD = 1 / FRAME_RATE  # type: ignore[misc]  # read when a screen starts its timer


@dataclass
class BuiltAhead:
    """An area screen built before its first visit (``PrepApp.build_ahead``), kept on it as ``built_ahead`` until
    that visit."""

    version: int | None
    """The database's data version when it was built (``DataVersion``)."""
    day: date
    """The local day it was built on."""
    painted: bool = False
    """Laid out and rendered (``PrepApp.paint_ahead``): its first frame can go out at once."""


def _lazy(module: str, name: str) -> Any:
    """A mode factory that imports its screen on first visit, so startup pays only for the dashboard."""

    def make() -> Any:
        from importlib import import_module

        return getattr(import_module(f"tracker.tui.screens.{module}"), name)()

    make.__name__ = name
    return make


class PrepApp(App[None]):
    TITLE = "prep"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, Any]] = {
        "dashboard": DashboardScreen,
        "problems": _lazy("problems", "ProblemsScreen"),
        "papers": _lazy("papers", "PapersScreen"),
        "stories": _lazy("stories", "StoriesScreen"),
        "board": _lazy("board", "BoardScreen"),
        "schedule": _lazy("schedule", "ScheduleScreen"),
    }
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {AreaCommands, PaperCommands, ItemCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(i),
                f"switch_mode('{key}')",
                label.split(" ", 1)[1],
                id=f"area.{key}",
                tooltip=f"Go to {label.split(' ', 1)[1]}",
                show=False,
            )
            for i, (key, label) in enumerate(AREAS, start=1)
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Quit prep", priority=True),
        Binding(
            "ctrl+z",
            "undo_delete",
            "Undo delete",
            id="app.undo_delete",
            tooltip="Bring back what was last deleted (a problem, paper, story, topic page or question)",
            show=False,
        ),
    ]

    def __init__(self, db: Any, *, backup: Path | None = None, welcome: bool = True) -> None:
        super().__init__()
        self.db = db
        self.backup = backup
        self.welcomed = not welcome
        self.stale: dict[str, bool] = {}
        self.idle_gc = IdleCollector()
        self._frames_held = False  # frames held back while a new area screen is built (delay_update)
        self._warm_steps: list[Any] | None = None  # the idle warm-up still to do (None: not started)
        self._warming = False
        self._warm_tries = 0
        self._ahead_version: Any | None = None  # commits since an area was built ahead (see build_ahead)
        # Deletes ctrl+z can take back, the last one last (tracker/services/undo.py).
        self.removed: list[Any] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.idle_gc.touched()
        await super().on_event(event)

    def switch_mode(self, mode: str) -> Any:
        # Textual holds every mode switch's frames back 50 ms (delay_update) to hide a screen being built. A screen
        # visited before is built: its first frame is shown at once (the held-back one was rendered, then dropped).
        # A new one holds its frames until its first layout (AreaScreen._refresh_layout calls release_frames), not
        # for a fixed time: Textual's timer only starts counting once the screen is built, so a screen that took
        # 60 ms to build waited 50 ms more, idle, for its first frame.
        stack = self._screen_stacks.get(mode)
        # Built ahead but not laid out yet (build_ahead, paint_ahead): held like a new screen.
        built = getattr(stack[0], "built_ahead", None) if stack else None
        self._instant_switch = bool(stack) and (built is None or built.painted)
        try:
            return super().switch_mode(mode)
        finally:
            self._instant_switch = False

    def delay_update(self, delay: float = 0.05) -> None:
        if getattr(self, "_instant_switch", False):
            return
        if self._frames_held:
            return  # already held for a screen still being built
        self._frames_held = True
        self._begin_batch()
        self.idle_gc.pause()  # and no garbage collection until the screen's first frame (see idle_gc)
        # A screen that never lays out (it failed to build) must not freeze the terminal.
        self.set_timer(FRAMES_HELD_AT_MOST_S, self.release_frames, name="release held frames")

    def release_frames(self) -> None:
        """A new area screen is laid out (or the hold timed out): frames go to the terminal again."""
        if not self._frames_held:
            return
        self._frames_held = False
        self._end_batch()
        if not self._batch_count:
            self.screen.refresh()
        # After the frame: the screen paints right after its first layout, before the app's queue comes round.
        self.call_later(self.idle_gc.resume)

    def on_mount(self) -> None:
        self.call_after_refresh(self.idle_gc.start)
        self.set_interval(IDLE_SECONDS / 2, self._idle_tick)
        if self.backup is not None:
            self.notify(f"Database upgraded; a copy was saved at {self.backup}", markup=False, timeout=8)

    def on_unmount(self) -> None:
        self.idle_gc.stop()
        if self._ahead_version is not None:
            self._ahead_version.close()

    def _idle_tick(self) -> None:
        if self.idle_gc.tick():
            return  # one pause, one job
        if self._load_orm_when_idle():
            return
        self._warm_up_when_idle()

    def _warm_up_when_idle(self) -> bool:
        """Once the user pauses, get the areas not opened yet ready (tracker/tui/warmup.py), one step per turn of
        the event loop, for as long as the pause lasts. False when there is nothing left to do or no pause."""
        if self._warm_steps == [] or self._warming or not self.idle_gc.idle_for(IDLE_SECONDS):
            return False
        if self._warm_steps is None:
            from tracker.tui.warmup import steps

            self._warm_steps = steps(self)
        self._warming = True
        self._warm_next()
        return True

    def _warm_next(self) -> None:
        steps = self._warm_steps
        if not steps or not self.idle_gc.idle_for(IDLE_SECONDS):
            self._warming = False  # done, or the user is back: the next pause goes on from here
            return
        step = steps[0]
        try:
            done = step() is not False  # False: not ready yet, try again shortly
        except Exception:  # only ever a head start: the area does the same work when it opens
            self._warm_steps = []
            self._warming = False
            return
        self._warm_tries = 0 if done else self._warm_tries + 1
        if done or self._warm_tries >= WARM_STEP_TRIES:
            steps.pop(0)
            self._warm_tries = 0
        if not steps:
            self._warming = False
            return
        self.set_timer(WARM_STEP_GAP_S if done else WARM_STEP_RETRY_S, self._warm_next, name="warm up")

    # ------------------------------------------------------------------------------------ areas built ahead
    def build_ahead(self, mode: str) -> None:
        """Build an area's screen while the user pauses elsewhere (a step of the idle warm-up): compose, mount
        and its first read, as a first visit would do, but off screen. Its first visit is then as fast as any
        later one. Nothing happens for an area that exists already (visited, or built ahead before)."""
        if mode in self._screen_stacks or mode not in self._modes:
            return
        from datetime import datetime

        from tracker.tui.screens.dashboard import DataVersion

        if self._ahead_version is None:
            self._ahead_version = DataVersion(self.db)
        factory: Any = self._modes[mode]  # a screen class or _lazy's maker (MODES)
        screen, _ = self._get_screen(factory())
        screen.built_ahead = BuiltAhead(self._ahead_version.current(), datetime.now().date())  # type: ignore[attr-defined]
        self._screen_stacks[mode] = [screen]
        self._load_screen_css(screen)

    def paint_ahead(self, mode: str) -> bool:
        """Lay out an area built ahead and render its lines, so its first frame comes from Textual's line caches
        as a visited screen's does. False while it is still mounting or reading its data (try again)."""
        from textual.worker import WorkerState

        stack = self._screen_stacks.get(mode)
        built = getattr(stack[0], "built_ahead", None) if stack else None
        if not stack or stack[0] is self.screen or built is None or built.painted:
            return True  # not built ahead, already in view, or done
        screen = stack[0]
        if not screen.is_mounted or getattr(screen, "_late_read", None) is not None:
            return False
        if any(
            w.node is screen and w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.workers
        ):
            return False
        screen._refresh_layout(self.size)
        screen._compositor.render_update(full=True)
        built.painted = True
        return True

    def outdated_since_built(self, built: BuiltAhead) -> bool:
        """Whether anything was committed (by this app or any process), or the day changed, since an area was built
        ahead: its first visit then reads again."""
        from datetime import datetime

        now = self._ahead_version.current() if self._ahead_version is not None else None
        return (
            built.version is None or now is None or now != built.version or datetime.now().date() != built.day
        )

    def _load_orm_when_idle(self) -> bool:
        """Once the user is in an area other than the dashboard and pauses, import the ORM (~0.3 s on the UI
        thread) so that the first edit or rating does not wait for it. The problems area reads its first page
        without it; a session that stays on the dashboard never loads it (that keeps startup memory low)."""
        from tracker.services.base import load_orm, orm_loaded

        if orm_loaded() or self.current_mode == "dashboard" or not self.idle_gc.idle_for(IDLE_SECONDS):
            return False
        load_orm()
        return True

    # ------------------------------------------------------------------------------------------------ undo
    def deleted(self, removed: Any) -> None:
        """A delete ctrl+z can take back: kept (the last UNDO_DEPTH of this session), and said so."""
        self.removed = [*self.removed, removed][-UNDO_DEPTH:]
        self.notify(f"Deleted the {removed.label}. ctrl+z brings it back.", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            from tracker.tui.screens.base import typing_into

            return not typing_into(self.screen.focused)  # in a text box ctrl+z is the box's own
        return True

    def action_undo_delete(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.undo import restore

        if not self.removed:
            self.notify("Nothing to bring back: ctrl+z undoes a delete made in this session.", markup=False)
            return
        removed = self.removed.pop()
        try:
            label = restore(self.db, removed)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Brought back the {label}.", markup=False)
        self.data_changed("all")

    def data_changed(self, area: str = "all") -> None:
        """Mark areas stale after a write and reload the visible one now."""
        for name, _ in AREAS:
            if area in ("all", name):
                self.stale[name] = True
        screen = self.screen
        reload = getattr(screen, "reload", None)
        key = getattr(screen, "AREA", None)
        if reload is not None and key is not None and self.stale.pop(key, False):
            reload()

    def on_data_changed(self, message: DataChanged) -> None:
        self.data_changed(message.area)

    def load_catalog(self, name: str) -> None:
        self._load_catalog(name)

    @db_work(group="catalog")
    def _load_catalog(self, name: str) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.catalog import load_catalog

        try:
            report = load_catalog(self.db, name)
        except ServiceError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.data_changed, "all")
        self.call_from_thread(
            self.notify, f"{report.name}: {report.added} added, {report.merged} already there", markup=False
        )
