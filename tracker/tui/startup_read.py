"""The dashboard's numbers, read by a short-lived helper process while prep imports its interface.

Importing Textual and building the app takes ~0.25 s before the first frame; reading the dashboard's aggregates on a
year of data takes 25-40 ms. Read after the first frame (on a worker thread), they reached the screen ~0.1 s after
it. ``prep`` starts this read as soon as the schema is checked (tracker/tui/launch.py), in a helper process
(``python -m tracker.tui.startup_read DB NOW``: plain ``sqlite3``, no Textual, no ORM), so the numbers are ready when
the dashboard has been laid out and the frame the terminal gets first has them.

Measured and left: a thread shares the GIL with the imports and delayed the first frame by as much as it saved; a
forked child cost the app ~30 ms of copy-on-write faults while it imported Textual. The helper is a fresh
interpreter on the other core (~0.1 s in all, done long before the dashboard mounts) and costs the app the spawn.
It sends the result back pickled on its stdout (~3 KB). When anything fails, or it is late, the dashboard reads as it
always did.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HELPER = (sys.executable, "-m", "tracker.tui.startup_read")
"""The helper's command, before its two arguments (the database file and the moment, ISO 8601)."""
WAIT_AT_MOUNT_S = 0.2
"""How long the dashboard, once laid out, waits for a read still running (a cold disk); after that it reads again
the usual way."""


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
    def __init__(self, db: Any, now: datetime | None = None, *, spawn: bool | None = None) -> None:
        self.now = now or datetime.now(UTC)
        self._proc: Any | None = None
        path = getattr(db, "path", None)
        if spawn is None:
            spawn = os.name == "posix"  # select() on a pipe
        if not spawn or path is None:
            return
        import subprocess

        try:
            self._proc = subprocess.Popen(
                [*HELPER, str(path), self.now.isoformat()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._proc = None

    def take(self, timeout: float = WAIT_AT_MOUNT_S) -> FirstNumbers | None:
        """The numbers, once: None when there was no read, it failed, or it is still running after ``timeout``
        (then it is stopped)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        try:
            payload = _read_all(proc.stdout, timeout)
            if payload is None:
                proc.kill()
                return None
            proc.wait(timeout=1)
            result = pickle.loads(payload) if payload and proc.returncode == 0 else None
            return result if isinstance(result, FirstNumbers) else None
        except Exception:  # a broken pipe, a truncated payload: the usual read will do
            try:
                proc.kill()
            except OSError:
                pass
            return None
        finally:
            if proc.stdout is not None:
                proc.stdout.close()


def _read_all(stream: Any, timeout: float) -> bytes | None:
    """Everything on ``stream`` up to its end, or None when the end does not come within ``timeout``."""
    import select
    import time

    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def main(argv: list[str]) -> int:
    """``python -m tracker.tui.startup_read DB NOW``: the numbers, pickled, on stdout."""
    from tracker.services.base import Database
    from tracker.tui import startup_read  # by its name, not as __main__: the pickle names its classes so

    db = Database(Path(argv[0]))
    db._migrated = True  # prep checked the schema just before it started this process
    numbers = startup_read.read_first_numbers(db, datetime.fromisoformat(argv[1]))
    sys.stdout.buffer.write(pickle.dumps(numbers))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
