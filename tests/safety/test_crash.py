"""A writer killed with SIGKILL at a random moment loses nothing it acknowledged and leaves a sound file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tracker.services.base import Database
    from tracker.services.pipeline import add_company, add_round
    db = Database(Path(sys.argv[1]))
    db.ensure_schema()
    i = 0
    while True:
        i += 1
        c = add_company(db, f"Company {sys.argv[2]}-{i}")
        r = add_round(db, c.name, "coding", at="2026-12-01 10:00")
        print(c.id, r.id, flush=True)
    """
)


@pytest.mark.parametrize("attempt", range(4))
def test_sigkill_mid_write_keeps_every_acknowledged_write(tmp_path: Path, attempt: int) -> None:
    path = tmp_path / "crash.db"
    rng = random.Random(attempt)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(attempt)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    acked: list[tuple[int, int]] = []
    target = rng.randint(20, 120)
    deadline = time.monotonic() + 60
    while len(acked) < target and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        cid, rid = line.split()
        acked.append((int(cid), int(rid)))
    time.sleep(rng.random() * 0.05)  # land the kill at an arbitrary point of the next writes
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    # Lines printed after our last read were acknowledged too.
    for line in proc.stdout.read().splitlines():
        cid, rid = line.split()
        acked.append((int(cid), int(rid)))
    assert len(acked) >= min(target, 20), proc.stderr.read() if proc.stderr else ""

    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    companies = {r[0] for r in con.execute("SELECT id FROM company")}
    rounds = {r[0] for r in con.execute("SELECT id FROM round")}
    con.close()
    for cid, rid in acked:
        assert cid in companies and rid in rounds
