"""Collect cyclic garbage while the user pauses, not in the middle of a keystroke.

With a year of data loaded, a full (generation 2) collection walks every tracked object: widgets, rows, cached
strips. That takes 100-250 ms on a small machine, and CPython starts one whenever enough objects survived younger
collections, i.e. while the user is typing or dragging. So while the app runs:

- what exists once the first screen is painted (modules, classes, the stylesheet, the dashboard) is moved out of the
  collector's sight (``gc.freeze()``); it lives as long as the app, so nothing is lost by never scanning it;
- automatic full collections are pushed far out (generation 2 threshold), and young collections run less often
  (a repaint allocates tens of thousands of short-lived objects: at CPython's default, ~700 allocations, a repaint
  ran dozens of young collections and several generation-1 ones of ~1 ms each); generation-1 collections keep
  CPython's ratio of one per ten young ones, so each stays short;
- a full collection runs once the user has been idle for ``IDLE_SECONDS`` and has done something since the last one;
- while an area's screen is built, up to its first frame, no collection runs at all (:meth:`IdleCollector.pause`):
  building it makes tens of thousands of objects that all live on (widgets, their styles, rows, rendered lines),
  and the young and middle collections in between (8-12 ms of a first visit) only found them alive.

Before that, `prep` starts with the collector off (:func:`hold_until_painted`): importing Textual and building the
first screen make hundreds of thousands of objects that all live on, so every collection during startup (a full
one took ~20 ms in the middle of the first paint) scanned them for nothing. ``start`` turns it back on. The little
cyclic garbage startup leaves is frozen with the rest and never freed; resident memory after start did not change
(43 MiB on the large database either way).

The thresholds are restored when the app stops (tests run many apps in one process).
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 1.0
YOUNG_THRESHOLD = 5_000  # allocations between young collections (CPython's default is 700)
MIDDLE_THRESHOLD = 10  # young collections before a generation-1 one (CPython's default)
# At 50, a generation-1 collection came every 250,000 allocations and scanned everything that survived them:
# 25-80 ms on a year of data, landing inside a rating or a keystroke now and then (the rating's p95). At 10 one
# scans a fifth of that, 5-20 ms.
FULL_THRESHOLD = (
    1_000_000  # generation-1 collections before an automatic full one: effectively only when idle
)


def hold_until_painted() -> None:
    """Switch the collector off for startup; :meth:`IdleCollector.start` (after the first frame) switches it on."""
    gc.disable()


class IdleCollector:
    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self.last_input = time.monotonic()
        self.dirty = False
        self.collections = 0
        self._saved: tuple[int, int, int] | None = None
        self._paused = False

    def start(self) -> None:
        if self._saved is not None:
            return
        self._saved = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_THRESHOLD, FULL_THRESHOLD)
        gc.enable()

    def stop(self) -> None:
        if self._saved is None:
            return
        gc.set_threshold(*self._saved)
        self._saved = None
        gc.unfreeze()
        if self._paused:
            self._paused = False
            gc.enable()

    def pause(self) -> None:
        """No collection until :meth:`resume` (the app pauses it while a new screen is built). Only once started:
        before that, the collector is already off for startup (:func:`hold_until_painted`)."""
        if self._saved is not None and not self._paused and gc.isenabled():
            self._paused = True
            gc.disable()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()

    def touched(self) -> None:
        """The user did something: note the time, and that there may be garbage to collect."""
        self.last_input = time.monotonic()
        self.dirty = True

    def idle_for(self, seconds: float) -> bool:
        """Whether the user has not touched a key or the mouse for ``seconds``."""
        return time.monotonic() - self.last_input >= seconds

    def tick(self) -> bool:
        """Called on a timer: collect if the user has paused and did something since the last collection."""
        if not self.dirty or not self.idle_for(self.idle_seconds):
            return False
        self.dirty = False
        gc.collect()
        self.collections += 1
        return True
