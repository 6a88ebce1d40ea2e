"""The TUI and two CLI processes write at once: nothing is lost, nobody sees "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from tracker.services.base import Database

N = 500

CLI_WRITER = textwrap.dedent(
    """
    import sys
    from tracker.cli import main
    db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    failures = 0
    for i in range(n):
        sys.argv = ["prep", "--db", db, "company", "add", f"{tag} company {i}"]
        try:
            main()
        except SystemExit as exc:
            if exc.code:
                failures += 1
    print("failures", failures)
    """
)

TUI_WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from tracker.services.base import Database
    from tracker.services.pipeline import add_company
    from tracker.tui.app import PrepApp

    async def main():
        db = Database(Path(sys.argv[1]))
        db.ensure_schema()
        app = PrepApp(db, welcome=False)
        async with app.run_test(size=(100, 30)) as pilot:
            for i in range(int(sys.argv[2])):
                await asyncio.to_thread(add_company, db, f"TUI company {i}")
                if i % 50 == 0:
                    app.data_changed("all")
                    await pilot.pause()
            await app.workers.wait_for_complete()
        print("done")

    asyncio.run(main())
    """
)


def test_tui_and_two_cli_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    Database(path).ensure_schema()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", TUI_WRITER, str(path), str(N)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(path), "a", str(N)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(path), "b", str(N)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert "locked" not in err and "locked" not in out
    assert "failures 0" in outputs[1][0] and "failures 0" in outputs[2][0]
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM company WHERE name LIKE 'TUI company %'").fetchone()[0] == N
    for tag in ("a", "b"):
        assert (
            con.execute("SELECT count(*) FROM company WHERE name LIKE ?", (f"{tag} company %",)).fetchone()[0]
            == N
        )
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
