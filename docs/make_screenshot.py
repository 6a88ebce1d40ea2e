"""Regenerate docs/screenshot.svg: the dashboard on a fresh demo database at 120x40.

Run: python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from tracker.services.base import Database
from tracker.services.demo import load_demo
from tracker.tui.app import PrepApp

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "demo.db")
        db.ensure_schema()
        load_demo(db)
        app = PrepApp(db, welcome=False)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
            svg = app.export_screenshot(title="prep")
        db.close()
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
