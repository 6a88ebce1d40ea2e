"""Interaction latency on the large database, in-process with Textual's Pilot (``app.run_test(size=(120, 40))``).

Each sample is "key to repaint": the key is delivered as ``Pilot.press`` delivers it (a ``Key`` event through the
headless driver, without Pilot's idle waits, which alone "take" 40-120 ms) and the clock stops at the first frame
after which the terminal shows what it shows once the app has settled, with the expected state there (``done()``).

A frame is one ``Screen._compositor_refresh`` that hands an update to ``App._display``. :class:`Terminal` applies
every update (full or partial), rendered to the segments the driver would write, to a grid of cells: what a real
terminal would show after each frame. After the sample the app settles (workers done, queues drained) and the
earliest frame whose grid equals the settled one counts. Two safeguards:

- if the emulated grid does not match the screen's own render once settled, the sample falls back to the frame
  :class:`FrameWatch` picked without it (the first with no refresh of the widgets showing the result still pending),
  and is counted as "untracked";
- if the state settles but no frame shows it within ``SETTLED_WITHOUT_FRAME``, every queue is drained and the
  screen painted by force, counted as "forced".

The problems filter is debounced (``FILTER_DELAY`` in tracker/tui/screens/problems.py), so it has two figures: the
keystroke itself (key → the box shows the character) and debounce fired → the table shows the filtered result (the
timer's callback is wrapped to stamp the moment it fires). Typing waits for each debounce to fire, so every prefix
of the word is queried once.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SIZE = (120, 40)
LAST_SAMPLE: dict[str, bool] = {"forced": False, "untracked": False}
POLL_S = 0.005  # how often a sample looks at the app's state (not the resolution: frames are stamped)
SETTLED_WITHOUT_FRAME = 0.1  # seconds the expected state may stand unpainted before the sample paints it
FILTER_WORDS = ("tree", "graph", "path", "string", "window", "sum", "array", "interval")
AREA_KEYS = ("1", "2", "3", "4", "5", "6")
AREA_SCREENS = {
    "1": "DashboardScreen",
    "2": "ProblemsScreen",
    "3": "PapersScreen",
    "4": "StoriesScreen",
    "5": "BoardScreen",
    "6": "ScheduleScreen",
}


@dataclass
class Figures:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    forced: dict[str, int] = field(default_factory=dict)  # samples painted by force (see repainted)
    untracked: dict[str, int] = field(default_factory=dict)  # samples timed without the terminal check
    warm_up: list[float] = field(
        default_factory=list
    )  # seconds from the settled dashboard to the warm-up done

    def add(self, name: str, seconds: float) -> None:
        self.samples.setdefault(name, []).append(seconds)
        if LAST_SAMPLE["forced"]:
            self.forced[name] = self.forced.get(name, 0) + 1
        if LAST_SAMPLE["untracked"]:
            self.untracked[name] = self.untracked.get(name, 0) + 1


class Mismatch(Exception):
    """The screen did not show what the key should have produced."""


async def settle(pilot: Any) -> None:
    """Untimed: let the app go idle between samples (a sample ends at its frame; workers may still be finishing)."""
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    for _ in range(2):
        while _busy(app):
            try:
                await app.workers.wait_for_complete()
            except (WorkerCancelled, WorkerFailed):
                pass  # replaced by a newer job of its group, or failed: the app reports that itself
        await pilot.pause()


def send_key(app: Any, key: str) -> None:
    """Deliver a key as ``Pilot.press`` does, without its idle waits."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def _busy(app: Any) -> bool:
    """A worker is running, or a screen's first read missed its budget and is still to be shown (read_first)."""
    from textual.worker import WorkerState

    if any(getattr(screen, "_late_read", None) is not None for screen in app.screen_stack):
        return True
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


class Terminal:
    """What a terminal shows after each frame: every update the app hands to ``App._display`` (a full
    ``LayoutUpdate`` or a partial ``ChopsUpdate``) is rendered to its segments, as the driver would write them, and
    applied to a grid of (character, style) cells."""

    def __init__(self, app: Any) -> None:
        width, height = app.size
        self.console = app.console
        self.rows: list[list[tuple[str, Any]]] = [[(" ", None)] * width for _ in range(height)]
        self.pending: list[Any] = []  # updates displayed, not applied to the grid yet (see replay)
        # Start from what the screen shows now (the benchmark settles before its first sample).
        for y, strip in enumerate(app.screen._compositor.render_strips()[:height]):
            self._write(0, y, strip)

    def _write(self, x: int, y: int, segments: Any) -> int:
        from rich.cells import cell_len

        row = self.rows[y]
        for segment in segments:
            for char in segment.text:
                width = cell_len(char)
                if 0 <= x < len(row):
                    row[x] = (char, segment.style)
                    if width == 2 and x + 1 < len(row):
                        row[x + 1] = ("", segment.style)
                x += width
        return x

    def apply(self, update: Any) -> None:
        from rich.segment import ControlType

        x = y = 0
        rows = self.rows
        for segment in update.__rich_console__(self.console, self.console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = int(code[1]), int(code[2])
                continue
            if segment.text == "\n":
                x, y = 0, y + 1
                continue
            if 0 <= y < len(rows):
                x = self._write(x, y, (segment,))

    def log(self, update: Any) -> int:
        """Keep a displayed update for :meth:`replay`; returns its number."""
        self.pending.append(update)
        return len(self.pending)

    def replay(self, marks: list[int]) -> dict[int, tuple[tuple[tuple[str, Any], ...], ...]]:
        """Apply every pending update in order (off the clock: the grid is the benchmark's, not the app's work);
        the grid after each update numbered in ``marks``."""
        wanted = set(marks)
        grids = {}
        for number, update in enumerate(self.pending, start=1):
            self.apply(update)
            if number in wanted:
                grids[number] = self.snapshot()
        self.pending = []
        return grids

    def text(self) -> list[str]:
        return ["".join(char for char, _ in row) for row in self.rows]

    def snapshot(self) -> tuple[tuple[tuple[str, Any], ...], ...]:
        return tuple(tuple(row) for row in self.rows)


class FrameWatch:
    """Stamps the first frame that shows the expected state.

    A frame is one ``Screen._compositor_refresh`` that hands an update to ``App._display`` (the headless driver then
    skips the terminal write). It counts if, when it starts rendering, ``check()`` holds and it paints the widgets'
    current state: it is a full update, or no refresh of the widgets that show the result is still on its way to the
    screen (:func:`_nothing_pending`).
    """

    def __init__(self, app: Any) -> None:
        from textual._compositor import LayoutUpdate
        from textual.screen import Screen

        self.check: Callable[[], bool] | None = None
        self.shows: Callable[[], bool] | None = None  # the expected state, without check()'s "no worker busy"
        self.widgets: Callable[[], list[Any]] | None = None
        self.hit: float | None = None
        self.forced = False  # the last sample: no frame showed the state before it settled (painted by force)
        self.terminal = Terminal(app)
        self.frames: list[tuple[float, bool, bool, int]] | None = (
            None  # while a sample runs: (shown at, ready, shows, number of the update in the terminal's log)
        )
        self._number = 0
        self._shown: float | None = None
        self._full = False
        display = app._display
        compositor_refresh = Screen._compositor_refresh

        def displayed(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                # What the driver of a real terminal does on the UI thread (the headless one skips it): render the
                # update to its escape sequences. The benchmark's own grid is built after the sample (replay).
                renderable.render_segments(app.console)
                self._shown = time.perf_counter()
                self._full = isinstance(renderable, LayoutUpdate)
                self._number = self.terminal.log(renderable)

        def refresh(screen: Any) -> None:
            check = self.check
            ready = check is not None and screen is app.screen and check()
            shows = ready or (self.shows is not None and screen is app.screen and self.shows())
            painted = ready and self.hit is None and _nothing_pending(app, self.widgets)
            self._shown = None
            compositor_refresh(screen)
            if self._shown is not None and self.frames is not None:
                self.frames.append((self._shown, ready, shows, self._number))
            # A full update renders every widget as it is now (refresh() drops a widget's render cache at once); a
            # partial one only the regions that reached the screen.
            if ready and self.hit is None and self._shown is not None and (painted or self._full):
                self.hit = self._shown

        app._display = displayed
        Screen._compositor_refresh = refresh  # type: ignore[method-assign]  # the benchmark process only


def _nothing_pending(app: Any, widgets: Callable[[], list[Any]] | None = None) -> bool:
    """No refresh of ``widgets()`` (default: every widget of the screen) is still on its way to the screen.

    A widget's refresh() only marks it; on its next idle it posts an Update (or Layout) to the screen, and only then
    does the screen paint it. So a frame may lag the widgets' state: it counts only if none of the widgets that show
    the result is still marked and no Update or Layout for them is still queued for the screen. (A layout re-marks
    widgets whose size changed: such a frame does not count either, the next one does.)
    """
    from textual import messages

    screen = app.screen
    watched = screen.walk_children(with_self=False) if widgets is None else widgets()
    ids = {id(w) for w in watched}
    for m in list(screen._message_queue.values):
        if isinstance(m, (messages.Update, messages.Layout)) and (widgets is None or id(m.widget) in ids):
            return False
    return not any(w._repaint_required or w._layout_required for w in watched)


def _watch(app: Any) -> FrameWatch:
    watch = getattr(app, "_bench_frames", None)
    if watch is None:
        watch = app._bench_frames = FrameWatch(app)
    return watch


async def repainted(
    pilot: Any,
    done: Callable[[], bool],
    started: float,
    timeout: float = 30.0,
    *,
    idle: bool = False,
    widgets: Callable[[], list[Any]] | None = None,
) -> float:
    """Seconds from ``started`` to the first frame after which the terminal shows the settled screen with ``done()``
    true (with ``idle``, also no worker still busy: "its data loaded", which ``done()`` cannot tell). Falls back to
    the first frame painted with ``widgets()`` (the ones that show the result; default: the whole screen) as they
    are, if the emulated terminal lost track (see the module docstring). The app is left settled."""
    app = pilot.app
    watch = _watch(app)
    watch.widgets = widgets
    watch.hit = None
    watch.forced = False
    watch.check = (lambda: not _busy(app) and done()) if idle else done
    watch.shows = done
    watch.frames = []
    settled: float | None = None
    try:
        while watch.hit is None:
            now = time.perf_counter()
            if now - started > timeout:
                raise Mismatch("timed out waiting for the expected screen state")
            if not _busy(app) and done():
                settled = settled or now
                if now - settled > SETTLED_WITHOUT_FRAME:
                    # The state is there but no frame has shown it (the last frame came while a worker was still
                    # finishing, and nothing changed since): let every queue drain and paint now, counted as is.
                    await pilot._wait_for_screen()
                    if _busy(app) or not done():
                        settled = None
                        continue
                    app.screen._on_timer_update()
                    watch.forced = True
                    if watch.hit is None:
                        watch.hit = time.perf_counter()
                    break
            else:
                settled = None
            # The frame that counts is stamped by the watch as it is painted; this loop only notices the state, and
            # polling it more often takes turns of the event loop from the app.
            await asyncio.sleep(POLL_S)
    finally:
        watch.check = None
        watch.shows = None
    hit = watch.hit
    # The frame that counts is the first one after which the terminal shows exactly what it shows once the app has
    # settled (with the expected state there). The check above stops at a frame that certainly shows it (no refresh
    # of those widgets pending), which can be one layout pass later than the terminal needed.
    await settle(pilot)
    frames, watch.frames = watch.frames or [], None
    grids = watch.terminal.replay([number for _, _, shows, number in frames if shows])
    final = watch.terminal.snapshot()
    exact = None
    # The emulated terminal must agree with the screen; if it ever lost track, the conservative frame stands. A
    # frame counts once the expected state holds, even while a worker still runs (with ``idle``): if it already
    # shows the settled screen, that is when the user saw it.
    tracked = watch.terminal.text() == [strip.text for strip in app.screen._compositor.render_strips()]
    if tracked:
        exact = next((at for at, _, shows, number in frames if shows and grids[number] == final), None)
    LAST_SAMPLE["untracked"] = not tracked
    # A forced paint stamps the moment it was forced; the frame that showed the settled screen is the truth.
    if exact is not None and (exact < hit or watch.forced):
        hit = exact
        watch.forced = False
    LAST_SAMPLE["forced"] = watch.forced
    return hit - started


async def timed(
    pilot: Any,
    key: str,
    done: Callable[[], bool] = lambda: True,
    *,
    idle: bool = False,
    widgets: Callable[[], list[Any]] | None = None,
) -> float:
    _watch(pilot.app)  # the first sample of an app builds the watch and its terminal grid: not the app's work
    started = time.perf_counter()
    send_key(pilot.app, key)
    return await repainted(pilot, done, started, idle=idle, widgets=widgets)


def _cell_text(table: Any, row_key: str, column: str) -> str:
    return str(table.get_cell(row_key, column))


async def _problems(pilot: Any, fig: Figures, samples: int) -> None:
    from textual.widgets import DataTable, Input

    app = pilot.app
    screen = app.screen
    table = screen.query_one("#problems-table", DataTable)
    box = screen.query_one("#problems-filter", Input)
    fired: list[float] = []
    original = screen._query_changed

    def stamped() -> None:
        fired.append(time.perf_counter())
        original()

    def shows(typed: str) -> bool:
        if screen.query_state.search != typed:
            return False
        return not table.row_count or typed in " ".join(str(c) for c in table.get_row_at(0)).lower()

    screen._query_changed = stamped  # the debounce timer calls the instance attribute
    try:
        words = iter(FILTER_WORDS * 10)
        while len(fig.samples.get("filter: debounce fired → table", [])) < samples:
            await pilot.press("slash")
            await settle(pilot)
            word = next(words)
            typed = ""
            for ch in word:
                typed += ch
                n = len(fired)
                fig.add(
                    "filter: keystroke → repaint",
                    await timed(pilot, ch, lambda t=typed: box.value == t),  # type: ignore[misc]
                )
                while len(fired) == n:  # the debounce fires (not timed)
                    await asyncio.sleep(0.002)
                fig.add(
                    "filter: debounce fired → table",
                    await repainted(pilot, lambda t=typed: shows(t), fired[-1], widgets=lambda: [table]),  # type: ignore[misc]
                )  # repainted leaves the app settled
            await pilot.press("escape")  # clears the box, back to the table (not timed)
            while len(fired) == n + 1:
                await asyncio.sleep(0.005)
            await settle(pilot)
            if screen.query_state.search:
                raise Mismatch("escape did not clear the filter")
    finally:
        screen._query_changed = original


async def _rating(pilot: Any, fig: Figures, samples: int) -> None:
    from textual.widgets import DataTable

    app = pilot.app
    screen = app.screen
    table = screen.query_one("#problems-table", DataTable)
    table.focus()
    await settle(pilot)
    for i in range(samples):
        table.move_cursor(row=i % 20, animate=False)
        await settle(pilot)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        tries = int(_cell_text(table, key, "attempts") or 0)
        await pilot.press("r")
        await settle(pilot)
        if type(app.screen).__name__ != "RateModal":
            raise Mismatch(f"r opened {type(app.screen).__name__}")
        await pilot.press("3")
        await settle(pilot)

        def updated(key: Any = key, tries: int = tries) -> bool:
            try:
                return (
                    app.screen is screen
                    and int(_cell_text(table, key, "attempts") or 0) == tries + 1
                    and "has bugs" in _cell_text(table, key, "mastery")
                )
            except Exception:
                return False

        fig.add(
            "rate a problem: save → cell updated",
            await timed(pilot, "ctrl+s", updated, widgets=lambda: [table]),
        )


async def _board(pilot: Any, fig: Figures, samples: int) -> None:
    app = pilot.app
    screen = app.screen
    for i in range(samples):
        card = screen.focused_card()
        if card is None:
            raise Mismatch("no card selected on the board")
        before = screen.column_of(card).column_id
        rid = card.round_id

        def moved(rid: int = rid, before: int = before) -> bool:
            found = screen.card(rid)
            selected = screen.focused_card()
            return (
                found is not None
                and screen.column_of(found).column_id != before
                and selected is not None
                and selected.round_id == rid
            )

        def columns(rid: int = rid, before: int = before) -> list[Any]:
            found = screen.card(rid)
            shown = [screen.column(before)] + ([screen.column_of(found)] if found is not None else [])
            return [w for col in shown if col is not None for w in col.walk_children(with_self=True)]

        key = "shift+right" if i % 2 == 0 else "shift+left"
        fig.add("move a card: shift+→/← → card in column", await timed(pilot, key, moved, widgets=columns))


async def _paper(pilot: Any, fig: Figures, samples: int) -> None:
    from textual.widgets import DataTable

    app = pilot.app
    screen = app.screen
    table = screen.query_one("#listing", DataTable)

    def page_shown() -> bool:
        return type(app.screen).__name__ == "PaperPageScreen" and app.screen.detail is not None

    for i in range(samples):
        table.focus()
        table.move_cursor(row=i % 30, animate=False)
        await settle(pilot)
        fig.add("open a paper: enter → paper page", await timed(pilot, "enter", page_shown))
        await pilot.press("escape")
        await settle(pilot)


def _on_area(app: Any, key: str) -> Callable[[], bool]:
    """The area's screen is the current one and has been laid out (a new screen is built first: compose, mount,
    its first read; until its first layout there is nothing for a frame to show)."""

    def shown() -> bool:
        screen = app.screen
        return type(screen).__name__ == AREA_SCREENS[key] and bool(screen._compositor.widgets)

    return shown


async def _session(large: Path, samples: int, fig: Figures) -> None:
    from tracker.services.base import Database
    from tracker.tui.app import PrepApp

    db = Database(large)
    db.ensure_schema()  # as `prep` does before it builds the app (tracker/tui/launch.py)
    app = PrepApp(db, welcome=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for key in AREA_KEYS[1:]:  # every area built once (first visits are timed in fresh processes)
                await pilot.press(key)
                await settle(pilot)
            await pilot.press("1")
            await settle(pilot)
            for step in range(max(samples, 30)):  # every area visited once before
                key = AREA_KEYS[(step + 1) % 6]
                fig.add("switch area: 1–6, visited before", await timed(pilot, key, _on_area(app, key)))
            steps: list[tuple[str, str, Callable[..., Any]]] = [
                ("2", "filter", _problems),
                ("2", "rate", _rating),
                ("5", "board", _board),
                ("3", "paper", _paper),
            ]
            for key, name, fn in steps:
                await pilot.press(key)
                await settle(pilot)
                try:
                    await fn(pilot, fig, samples)
                except Mismatch as exc:
                    fig.errors[name] = f"wrong screen state: {exc}"
    finally:
        db.close()


FIRST_VISIT = "switch area: first visit"
FIRST_VISIT_AT_ONCE = "switch area: first visit, keys at once"
FIRST_VISIT_RUNS = 4  # fresh processes per kind of first visit (5 areas each)
WARM_UP_TIMEOUT_S = 15.0
INFORMATION = {FIRST_VISIT_AT_ONCE: "information (before the idle warm-up)"}
"""Figures printed without a target, and why."""


async def _first_visits(large: Path, warm: bool) -> dict[str, Any]:
    """One fresh app: the first visit of each area (keys 2-6 from the dashboard, each area's data loaded).

    ``warm``: as a person who looks at the dashboard before pressing a key, the visits start once the app's idle
    warm-up (tracker/tui/warmup.py) is done; its time from the first frame is returned too. Otherwise the keys come
    before it (it is switched off, as a key pressed within its first second would keep it from starting)."""
    from tracker.services.base import Database
    from tracker.tui.app import PrepApp

    db = Database(large)
    db.ensure_schema()
    app = PrepApp(db, welcome=False)
    if not warm:
        app._warm_steps = []
    out: dict[str, Any] = {"samples": [], "forced": 0, "untracked": 0, "warm_up_s": None}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if warm:
                started = time.perf_counter()
                while app._warm_steps != [] or app._warming:
                    if time.perf_counter() - started > WARM_UP_TIMEOUT_S:
                        raise Mismatch("the idle warm-up did not finish")
                    await asyncio.sleep(0.02)
                out["warm_up_s"] = time.perf_counter() - started
            for key in AREA_KEYS[1:]:
                out["samples"].append(await timed(pilot, key, _on_area(app, key), idle=True))
                out["forced"] += LAST_SAMPLE["forced"]
                out["untracked"] += LAST_SAMPLE["untracked"]
    finally:
        db.close()
    return out


def _first_visits_in_fresh_processes(large: Path, fig: Figures) -> None:
    """First visits pay for imports and CSS parsing that any later session in the same process would not: each
    run is its own ``python -m benchmarks.interactions first-visits`` process, as each launch of prep is."""
    import json
    import subprocess
    import sys

    for _ in range(FIRST_VISIT_RUNS):
        for warm, name in ((True, FIRST_VISIT), (False, FIRST_VISIT_AT_ONCE)):
            args = [sys.executable, "-m", "benchmarks.interactions", "first-visits", str(large)]
            args += ["--warm"] if warm else []
            done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
            try:
                result = json.loads(done.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
                fig.errors[name] = f"error: {tail}"
                continue
            if "error" in result:
                fig.errors[name] = result["error"]
                continue
            fig.samples.setdefault(name, []).extend(result["samples"])
            for what, counts in (("forced", fig.forced), ("untracked", fig.untracked)):
                if result[what]:
                    counts[name] = counts.get(name, 0) + result[what]
            if result["warm_up_s"] is not None:
                fig.warm_up.append(result["warm_up_s"])


def measure(large: Path, samples: int = 40) -> Figures:
    """Run every interaction on a copy of the large database; seconds per figure."""
    fig = Figures()
    with tempfile.TemporaryDirectory(prefix="prep-pilot-") as tmp:
        copy = Path(tmp) / "pilot.db"
        shutil.copyfile(large, copy)
        _first_visits_in_fresh_processes(copy, fig)
        try:
            asyncio.run(_session(copy, samples, fig))
        except Exception as exc:  # a benchmark reports, it does not crash
            fig.errors["session"] = f"error: {type(exc).__name__}: {exc}"
    return fig


def review_seconds(large: Path, runs: int) -> tuple[list[float], str | None]:
    """The weekly review of this week, in-process, as `prep export week --format md` computes and renders it."""
    try:
        from tracker.io.review_export import render
        from tracker.services.base import Database
        from tracker.services.review import week_of, week_report
    except ImportError:
        return [], "skipped (no review service yet)"
    from benchmarks.generate import default_now

    year, week = week_of(default_now())
    with tempfile.TemporaryDirectory(prefix="prep-review-") as tmp:
        copy = Path(tmp) / "review.db"
        shutil.copyfile(large, copy)
        db = Database(copy)
        try:
            render(week_report(db, year, week), "md")  # warm-up: imports, engine, page cache
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                render(week_report(db, year, week), "md")
                times.append(time.perf_counter() - started)
        except Exception as exc:
            return [], f"error: {exc}"
        finally:
            db.close()
    return times, None


def _first_visits_main(argv: list[str]) -> None:
    """``python -m benchmarks.interactions first-visits DB [--warm]``: one line of JSON."""
    import json

    try:
        result = asyncio.run(_first_visits(Path(argv[0]), warm="--warm" in argv))
    except Exception as exc:  # reported by the parent
        result = {"error": f"error: {type(exc).__name__}: {exc}"}
    print(json.dumps(result))


if __name__ == "__main__":  # python -m benchmarks.interactions [DB] — quick look without the tmux part
    import sys

    from benchmarks.harness import median, p95

    if sys.argv[1:2] == ["first-visits"]:
        _first_visits_main(sys.argv[2:])
        raise SystemExit(0)

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if path is None:
        from benchmarks.generate import generate

        path = generate(Path(tempfile.mkdtemp()) / "large.db", quiet=True)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    result = measure(path, n)
    for name, values in result.samples.items():
        print(
            f"{name:45} n={len(values):3} p50 {median(values) * 1000:6.1f} ms  p95 {p95(values) * 1000:6.1f} ms"
        )
    for name, err in result.errors.items():
        print(f"{name}: {err}")
    for name, count in result.forced.items():
        print(f"{name}: {count} sample(s) painted by force")
    for name, count in result.untracked.items():
        print(f"{name}: {count} sample(s) the emulated terminal lost track of")
    t, e = review_seconds(path, 5)
    print("review", e or f"{median(t) * 1000:.1f} ms")
