"""The dashboard's numbers, read by a short-lived child process while prep imports its interface.

Importing Textual and building the app takes ~0.25 s before the first frame; reading the dashboard's aggregates on a
year of data takes 25-40 ms. Read after the first frame (on a worker thread), they reached the screen ~0.1 s after
it. ``prep`` starts this read as soon as the schema is checked (tracker/tui/launch.py), in a child process forked
for it, so the numbers are ready when the dashboard mounts and its first frame shows them.

A process, not a thread: a thread shares the GIL with the imports and, measured, delayed the first frame by as much
as it saved. The child runs on the other core, with plain ``sqlite3`` on a connection of its own
(``Database.raw_read``, opened after the fork), sends the result back pickled through a pipe (~3 KB) and exits at
once (``os._exit``: no cleanup of anything inherited). Where ``fork`` is not safe to use (not Linux), or when
anything fails, nothing is read here and the dashboard reads as it always did.
"""

from __future__ import annotations

import os
import pickle
import select
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

WAIT_AT_MOUNT_S = 0.2
"""How long the dashboard, as it mounts, waits for a read still running (a cold disk); after that it reads again
the usual way, after its first frame."""


@dataclass(frozen=True)
class FirstNumbers:
    summary: Any
    now: datetime
    welcome_answered: bool


def read_first_numbers(db: Any, now: datetime) -> FirstNumbers:
    from tracker.services.dashboard import summary
    from tracker.services.settings import startup_value

    data = summary(db, now=now)
    answered = not data.empty or bool(startup_value(db, "welcome.dismissed"))
    return FirstNumbers(data, now, answered)


class StartupRead:
    def __init__(self, db: Any, now: datetime | None = None, *, fork: bool | None = None) -> None:
        from tracker.domain import when  # noqa: F401
        from tracker.services import dashboard, readiness, settings  # noqa: F401  (the child's imports, done once)

        self.now = now or datetime.now(UTC)
        self._pid: int | None = None
        self._fd: int | None = None
        if fork is None:
            fork = sys.platform.startswith("linux")
        if not fork:
            return
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:  # the child: read, send, exit without running anything of the parent's
            code = 1
            try:
                os.close(read_end)
                payload = pickle.dumps(read_first_numbers(db, self.now))
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._fd = pid, read_end

    def take(self, timeout: float = WAIT_AT_MOUNT_S) -> FirstNumbers | None:
        """The numbers, once: None when there was no read, it failed, or it is still running after ``timeout``
        (then it is left to finish on its own)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return None
        try:
            chunks: list[bytes] = []
            deadline = _clock() + timeout
            while True:
                left = deadline - _clock()
                if left <= 0 or not select.select([fd], [], [], left)[0]:
                    return None
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
            self._reap(wait=True)  # it closed its end: it has exited, or is exiting
            result = pickle.loads(b"".join(chunks)) if chunks else None
            return result if isinstance(result, FirstNumbers) else None
        except Exception:  # a broken pipe, a truncated payload: the usual read will do
            return None
        finally:
            os.close(fd)
            self._reap(wait=False)

    def _reap(self, *, wait: bool) -> None:
        pid, self._pid = self._pid, None
        if pid is None:
            return
        try:
            done, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
        except OSError:
            return
        if not done:
            self._pid = pid  # still running (the read took too long): reaped when prep exits


def _clock() -> float:
    import time

    return time.monotonic()
