"""A non-editable install works: the wheel carries the catalogs, migrations and stylesheet and reads them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_data_and_runs_from_an_unpacked_copy(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "tracker/_data/blind75.csv",
        "tracker/_data/round_kinds.toml",
        "tracker/tui/app.tcss",
        "tracker/db/migrations/env.py",
    ):
        assert needed in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import tracker, tracker.paths;"
        "assert tracker.__file__.startswith(sys.argv[1]), tracker.__file__;"
        "from tracker.cli import main; sys.argv=['prep','--db',sys.argv[2],'catalog','load','blind75']; main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(site), str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert "75 added" in out.stdout
