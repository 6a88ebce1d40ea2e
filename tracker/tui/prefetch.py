"""Read the dashboard's numbers on a thread while the main thread is still importing Textual.

``prep`` spends about 200 ms importing Textual and the screens before it can paint, and the dashboard then spent
another ~50-90 ms reading its aggregates (plain ``sqlite3``, see services.dashboard) after the first frame. Started
before those imports, the read overlaps them (SQLite releases the GIL while it works), so the first frame can show
the numbers. No Textual here: this module is imported before it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

WAIT_SECONDS = (
    0.25  # how long the first frame may wait for a read still running (then the screen loads as usual)
)


class Prefetch:
    """One background read of ``services.dashboard.summary``; :meth:`take` hands its result over once."""

    def __init__(self, db: Any, now: Any | None = None) -> None:
        self._future: Future[Any] = Future()
        self._taken = False
        threading.Thread(
            target=self._run, args=(db, now), name="prep-dashboard-prefetch", daemon=True
        ).start()

    def _run(self, db: Any, now: Any | None) -> None:
        try:
            from tracker.services.dashboard import summary

            self._future.set_result(summary(db, now=now))
        except BaseException as exc:  # the screen's own load reports errors; this only gives up
            self._future.set_exception(exc)

    def take(self, wait: float = WAIT_SECONDS) -> Any | None:
        """The summary read at launch, or None (taken already, failed, or not ready within ``wait`` seconds)."""
        if self._taken:
            return None
        self._taken = True
        try:
            return self._future.result(timeout=wait)
        except BaseException:
            return None
