"""Startup benchmark: prep against a bare Textual app, side by side, in a real terminal (tmux).

Each variant is launched in its own detached tmux session (120x40) on a private tmux server. The pane runs
``sh -c 'date +%s%N > t0; exec CMD'`` so the clock starts when the command is exec'd (tmux's own start-up is not
counted); the harness then polls ``tmux capture-pane -p`` about every 10 ms until a marker appears:

- first paint: the bare app's text; for prep, the dashboard's tab bar ("1 Dashboard"), which stays visible above the
  welcome modal that opens on an empty database;
- data shown (prep only): the dashboard panels no longer say "loading…" and show their numbers
  ("N due for review" / "N problems, M attempted").

Variants run interleaved, each round starting with the next one (bare, empty, large; empty, large, bare; …), after
one discarded warm-up round; each figure is
reported as median and p95 (nearest rank). Resident memory (VmRSS from /proc) is read shortly after the data is shown.
Then a few cheap out-of-TUI figures: import time of ``tracker.cli`` (``python -X importtime``) and wall time of some
CLI commands on the large database (skipped when the command does not exist yet).

It asserts nothing; it prints a table with each target from issue 10 and PASS/FAIL.
"""

from __future__ import annotations

import math
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bare_app import MARKER as BARE_MARKER

TERM_SIZE = (120, 40)
POLL_S = 0.010
RSS_SETTLE_S = 0.4
WARM_SETTLE_S = (
    4.0  # the idle warm-up starts 1 s after the last key and takes ~1 s with the areas built ahead
)
AREA_SETTLE_S = 1.5  # per area when measuring the memory of a session that opened every area
CLI_RUNS = 3  # the CLI figures are secondary; keep the whole run short
TAB_MARKER = "1 Dashboard"
LOADING_MARKER = "loading…"
DATA_PATTERNS = (re.compile(r"\b\d+ due for review"), re.compile(r"\b\d+ problems, \d+ attempted"))

# Targets from issue 10 (ratios measured side by side in one run).
PAINT_MAX = 1.5
PAINT_AIM = 1.3
LARGE_OVER_EMPTY_MAX = 1.1
MEMORY_MAX = 1.5
INTERACTION_P95_MAX = 0.050
REVIEW_MAX = 0.200
INTERACTION_SAMPLES = 40


# ------------------------------------------------------------------------------------------------------ helpers
def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile (with 5 samples: the slowest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def venv_bin() -> Path:
    return Path(sys.executable).parent


def prep_exe() -> str:
    exe = venv_bin() / "prep"
    return str(exe) if exe.exists() else shutil.which("prep") or "prep"


def rss_kib(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in KiB of the process, or of its first child when pid is a shell."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    name = re.search(r"^Name:\s*(\S+)", status, re.M)
    if name and name.group(1) in ("sh", "bash", "dash", "zsh"):
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        return rss_kib(int(children[0])) if children else None
    rss = re.search(r"^VmRSS:\s*(\d+)", status, re.M)
    hwm = re.search(r"^VmHWM:\s*(\d+)", status, re.M)
    if not rss:
        return None
    return int(rss.group(1)), int(hwm.group(1)) if hwm else 0


class Tmux:
    """A private tmux server (own socket, no user config) that is killed on close."""

    def __init__(self) -> None:
        self.socket = f"prep-bench-{os.getpid()}"
        self._n = 0
        tmpdir = os.environ.get("TMUX_TMPDIR") or "/tmp"
        self.socket_path = str(Path(tmpdir) / f"tmux-{os.getuid()}" / self.socket)
        w, h = TERM_SIZE
        try:
            self.run("new-session", "-d", "-s", "keeper", "-x", str(w), "-y", str(h), "sleep 3600")
            self.run("set-option", "-g", "remain-on-exit", "on")
            self.socket_path = (
                self.run("display-message", "-p", "#{socket_path}").stdout.strip() or self.socket_path
            )
        except BaseException:
            self.close()
            raise

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=check,
        )

    def start(self, command: Sequence[str], stamp: Path, cwd: Path) -> str:
        self._n += 1
        name = f"b{self._n}"
        inner = f"date +%s%N > {shlex.quote(str(stamp))}; exec {shlex.join(command)}"
        w, h = TERM_SIZE
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(w),
            "-y",
            str(h),
            "-c",
            str(cwd),
            f"sh -c {shlex.quote(inner)}",
        )
        return name

    def capture(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name, check=False).stdout

    def pane(self, name: str, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", name, fmt, check=False).stdout.strip()

    def kill(self, name: str) -> None:
        pid = self.pane(name, "#{pane_pid}")
        self.run("kill-session", "-t", name, check=False)
        if pid.isdigit():
            deadline = time.monotonic() + 3
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            if Path(f"/proc/{pid}").exists():  # the app we launched ignored SIGHUP
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass

    def close(self) -> None:
        self.run("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------------------ TUI runs
@dataclass
class Variant:
    key: str
    label: str
    command: list[str]
    paint: Callable[[str], bool]
    data: Callable[[str], bool] | None = None


@dataclass
class Samples:
    paint: list[float] = field(default_factory=list)
    data: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _prep_paint(screen: str) -> bool:
    return TAB_MARKER in screen


def _prep_data(screen: str) -> bool:
    return (
        TAB_MARKER in screen and LOADING_MARKER not in screen and any(p.search(screen) for p in DATA_PATTERNS)
    )


def measure_once(
    tmux: Tmux, variant: Variant, workdir: Path, timeout: float
) -> tuple[float, float | None, int | None]:
    """(seconds to first paint, seconds to data shown or None, VmRSS KiB or None). Raises RuntimeError."""
    stamp = workdir / f"t0-{variant.key}"
    stamp.unlink(missing_ok=True)
    name = tmux.start(variant.command, stamp, workdir)
    try:
        paint_at: float | None = None
        data_at: float | None = None
        deadline = time.time() + timeout
        polls = 0
        screen = ""
        while time.time() < deadline:
            screen = tmux.capture(name)
            seen = time.time()
            if paint_at is None and variant.paint(screen):
                paint_at = seen
            if paint_at is not None and (variant.data is None or variant.data(screen)):
                data_at = seen if variant.data is not None else None
                break
            polls += 1
            if polls % 25 == 0 and tmux.pane(name, "#{pane_dead}") == "1":
                break
            time.sleep(POLL_S)
        t0 = _read_stamp(stamp)
        if paint_at is None or t0 is None or (variant.data is not None and data_at is None):
            last = [line for line in screen.splitlines() if line.strip()][-3:]
            what = "first paint" if paint_at is None else "data"
            raise RuntimeError(
                f"{variant.label}: no {what} within {timeout:g} s; screen ends: {' | '.join(last)}"
            )
        time.sleep(RSS_SETTLE_S)
        pid = tmux.pane(name, "#{pane_pid}")
        mem = rss_kib(int(pid)) if pid.isdigit() else None
        return paint_at - t0, (data_at - t0) if data_at is not None else None, mem[0] if mem else None
    finally:
        tmux.kill(name)


def _started_and_ready(tmux: Tmux, variant: Variant, workdir: Path, timeout: float, purpose: str) -> str:
    """Launch ``variant`` in a new tmux session and wait (at most ``timeout``) until it shows its data; returns the
    session's name (the caller kills it)."""
    name = tmux.start(variant.command, workdir / f"t0-{variant.key}-{purpose}", workdir)
    ready = variant.data or variant.paint
    deadline = time.time() + timeout
    while time.time() < deadline and not ready(tmux.capture(name)):
        time.sleep(POLL_S)
    return name


def _rss_after(
    tmux: Tmux, variant: Variant, workdir: Path, timeout: float, purpose: str, keys: str
) -> int | None:
    """VmRSS KiB of prep launched and ready, after ``keys`` (each given AREA_SETTLE_S), then WARM_SETTLE_S more."""
    name = _started_and_ready(tmux, variant, workdir, timeout, purpose)
    try:
        for key in keys:
            tmux.run("send-keys", "-t", name, key, check=False)
            time.sleep(AREA_SETTLE_S)
        time.sleep(WARM_SETTLE_S)
        pid = tmux.pane(name, "#{pane_pid}")
        mem = rss_kib(int(pid)) if pid.isdigit() else None
        return mem[0] if mem else None
    finally:
        tmux.kill(name)


def rss_after_warm_up(tmux: Tmux, variant: Variant, workdir: Path, timeout: float) -> int | None:
    """VmRSS KiB of prep left on its dashboard for WARM_SETTLE_S: after the idle warm-up has imported every area's
    code and built every area's screen ahead (tracker/tui/warmup.py), which the reading RSS_SETTLE_S after the first
    frame comes before."""
    return _rss_after(tmux, variant, workdir, timeout, "warm", "")


def rss_after_every_area(tmux: Tmux, variant: Variant, workdir: Path, timeout: float) -> int | None:
    """VmRSS KiB of prep once every area has been opened (keys 2-6, each given AREA_SETTLE_S to load), then back
    on the dashboard: the memory of a session in use, not only of the first screen (informational)."""
    return _rss_after(tmux, variant, workdir, timeout, "areas", "234561")


PROBLEMS_SHOWN = "/ filter: title"  # the problems screen's filter box
PROBLEMS_ROWS = re.compile(r"\d+ problems · ")  # its status line, written when the first page is in the table


def first_area_times(
    tmux: Tmux, variant: Variant, workdir: Path, timeout: float
) -> tuple[float, float] | None:
    """In a fresh prep on the large database, once the dashboard shows its numbers: seconds from pressing 2 to the
    problems screen on the terminal, and to its first page of rows (from a process that has not imported the ORM,
    unlike the in-process first-visit figure: the planner loaded it earlier in that process)."""
    name = _started_and_ready(tmux, variant, workdir, timeout, "first-area")
    try:
        time.sleep(RSS_SETTLE_S)
        pressed = time.time()
        tmux.run("send-keys", "-t", name, "2")
        shown: float | None = None
        while time.time() - pressed < timeout:
            screen = tmux.capture(name)
            now = time.time()
            if shown is None and PROBLEMS_SHOWN in screen:
                shown = now - pressed
            if shown is not None and PROBLEMS_ROWS.search(screen):
                return shown, now - pressed
            time.sleep(POLL_S / 2)
        return None
    finally:
        tmux.kill(name)


def _read_stamp(path: Path) -> float | None:
    try:
        return int(path.read_text().strip()) / 1e9
    except (OSError, ValueError):
        return None


# ------------------------------------------------------------------------------------------------------ CLI runs
def import_time_ms(module: str, runs: int) -> list[float]:
    """Cumulative import time of ``module`` in a fresh interpreter (``python -X importtime``), in ms."""
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=False,
        )
        for line in proc.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == module:
                out.append(int(parts[1]) / 1000)
    return out


def heavy_imports(module: str) -> list[str]:
    """Which known-heavy packages importing ``module`` pulls in."""
    heavy = ("textual", "sqlmodel", "sqlalchemy", "alembic", "pydantic", "fsrs", "icalendar", "rich")
    code = f"import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return proc.stdout.split()


def command_exists(args: Sequence[str]) -> bool:
    proc = subprocess.run([prep_exe(), *args, "--help"], capture_output=True, text=True, check=False)
    return proc.returncode == 0


def time_command(args: Sequence[str], runs: int) -> tuple[list[float], str | None]:
    """Wall seconds of ``prep ARGS`` (output discarded); or an error line. The TUI runs warmed the caches."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(
            [prep_exe(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            return times, f"exit {proc.returncode}: {last[:70]}"
        times.append(elapsed)
    return times, None


def plan_year_seconds(large: Path, runs: int, rounds: int = 20) -> tuple[list[float], str | None]:
    """In-process: plan 365 days (dry run, as `prep plan --days 365` computes it) on a copy of the large database
    keeping its ``rounds`` soonest upcoming rounds (the others get an outcome) and its 10 study rules."""
    import sqlite3

    try:
        from tracker.services.base import Database
        from tracker.services.schedule import replan
    except ImportError:
        return [], "skipped (no planner service yet)"
    from benchmarks.generate import default_now

    now = default_now()
    with tempfile.TemporaryDirectory(prefix="prep-plan-") as tmp:
        copy = Path(tmp) / "plan.db"
        shutil.copyfile(large, copy)
        con = sqlite3.connect(copy)
        with con:
            keep = [
                r[0]
                for r in con.execute(
                    "SELECT r.id FROM round r JOIN board_column c ON c.id = r.column_id "
                    "WHERE r.scheduled_at > ? AND c.is_done = 0 AND r.outcome IS NULL "
                    "ORDER BY r.scheduled_at, r.id LIMIT ?",
                    (now.replace(tzinfo=None).isoformat(" "), rounds),
                )
            ]
            marks = ",".join("?" * len(keep)) or "NULL"
            con.execute(
                f"UPDATE round SET outcome = 'pending' WHERE outcome IS NULL AND id NOT IN ({marks})", keep
            )
        con.close()
        db = Database(copy)
        try:
            replan(db, days=365, now=now, dry_run=True)  # warm-up: imports, engine, page cache
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                replan(db, days=365, now=now, dry_run=True)
                times.append(time.perf_counter() - started)
        except Exception as exc:  # a benchmark reports, it does not crash
            return [], f"error: {exc}"
        finally:
            db.close()
    return times, None


# ------------------------------------------------------------------------------------------------------ report
@dataclass
class Row:
    figure: str
    median: str = ""
    p95: str = ""
    target: str = ""
    result: str = ""


def _ms(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


def _mib(kib: float) -> str:
    return "—" if math.isnan(kib) else f"{kib / 1024:.0f} MiB"


def _ratio_row(
    label: str, num: Sequence[float], den: Sequence[float], limit: float, aim: float | None = None
) -> Row:
    if not num or not den:
        return Row(label, "—", "", _target(limit, aim), "n/a")
    value = median(num) / median(den)
    verdict = "PASS" if value <= limit else "FAIL"
    if verdict == "PASS" and aim is not None and value > aim:
        verdict = "PASS (above aim)"
    return Row(label, f"{value:.2f}×", "", _target(limit, aim), verdict)


def _target(limit: float, aim: float | None) -> str:
    return f"≤ {limit:g}× (aim {aim:g}×)" if aim else f"≤ {limit:g}×"


def print_table(rows: list[Row], out: Callable[[str], None] = print) -> None:
    """Aligned columns; a row whose figure starts with "--" is a section title."""
    fields = ("figure", "median", "p95", "target", "result")
    header = Row(*fields)
    cells = [[getattr(r, f) for f in fields] for r in (header, *rows) if not r.figure.startswith("--")]
    widths = [max(len(c[i]) for c in cells) for i in range(len(fields))]
    for i, r in enumerate((header, *rows)):
        if r.figure.startswith("--"):
            out("")
            out(r.figure[2:].strip())
            continue
        line = [r.figure.ljust(widths[0]), r.median.rjust(widths[1]), r.p95.rjust(widths[2])]
        line += [r.target.ljust(widths[3]), r.result]
        out("  ".join(line).rstrip())
        if i == 0:
            out("  ".join("-" * w for w in widths))


# ------------------------------------------------------------------------------------------------------ main
def compile_package() -> None:
    """Write tracker's .pyc files, as ``pip install`` does for a wheel and a first run does for an editable install.
    Without this, a shell with PYTHONDONTWRITEBYTECODE=1 (some CI images) recompiles ~40 modules on every start and
    the warm-up round cannot fix it: ~45 ms that no user pays."""
    import compileall

    import tracker

    compileall.compile_dir(str(Path(tracker.__file__).parent), quiet=1)


def run(
    runs: int = 5, scale: float = 1.0, seed: int = 1, timeout: float = 20.0, use_cache: bool = True
) -> int:
    from benchmarks.generate import generate, iter_counts

    if shutil.which("tmux") is None:
        print("error: tmux is not installed; the startup benchmark needs a real terminal", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` kills the tmux server
    started = time.perf_counter()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    workdir = Path(tempfile.mkdtemp(prefix="prep-bench-"))
    tmux: Tmux | None = None
    try:
        large = generate(workdir / "large.db", scale=scale, seed=seed, use_cache=use_cache, quiet=False)
        empty = workdir / "empty.db"
        from tracker.services.base import Database

        db = Database(empty)
        db.ensure_schema()
        db.close()
        counts = dict(iter_counts(large))

        prep = prep_exe()
        bare_cmd = [sys.executable, str(Path(__file__).with_name("bare_app.py"))]
        variants = [
            Variant("bare", "bare textual app", bare_cmd, lambda screen: BARE_MARKER in screen),
            Variant("empty", "prep, empty db", [prep, "--db", str(empty)], _prep_paint, _prep_data),
            Variant("large", "prep, large db", [prep, "--db", str(large)], _prep_paint, _prep_data),
        ]
        samples = {v.key: Samples() for v in variants}
        compile_package()
        tmux = Tmux()
        for round_no in range(runs + 1):  # round 0 is a warm-up (page cache, .pyc files), discarded
            # Each round starts with the next variant: always running right after the same one (the large database
            # after the empty one, whose process has just been torn down) would weigh on it alone.
            shift = round_no % len(variants)
            for v in variants[shift:] + variants[:shift]:
                try:
                    paint, data, rss = measure_once(tmux, v, workdir, timeout)
                except RuntimeError as exc:
                    samples[v.key].failures.append(str(exc))
                    continue
                if round_no == 0:
                    continue
                samples[v.key].paint.append(paint)
                if data is not None:
                    samples[v.key].data.append(data)
                if rss is not None:
                    samples[v.key].rss.append(rss)
        warmed = [
            kib
            for _ in range(min(runs, 3))
            if (kib := rss_after_warm_up(tmux, variants[2], workdir, timeout))
        ]
        in_use = [
            kib
            for _ in range(min(runs, 3))
            if (kib := rss_after_every_area(tmux, variants[2], workdir, timeout))
        ]
        first_area = [
            t for _ in range(min(runs, 5)) if (t := first_area_times(tmux, variants[2], workdir, timeout))
        ]
        tmux.close()
        tmux = None

        rows = _tui_rows(variants, samples)
        rows.append(
            Row(
                f"rss: prep, large db, after the idle warm-up (n={len(warmed)})",
                _mib(median(warmed)) if warmed else "—",
                _mib(p95(warmed)) if warmed else "—",
                "",
                "information (every area built ahead while idle)",
            )
        )
        if warmed and samples["bare"].rss:
            ratio = median(warmed) / median(samples["bare"].rss)
            rows.append(
                Row(
                    "rss prep large after warm-up / bare",
                    f"{ratio:.2f}×",
                    "",
                    "",
                    "information (the target is memory after start)",
                )
            )
        rows.append(
            Row(
                "rss: prep, large db, every area opened",
                _mib(median(in_use)) if in_use else "—",
                _mib(p95(in_use)) if in_use else "—",
                "",
                "information (the ORM loads on the first area)",
            )
        )
        rows.append(
            Row(
                "-- First area in a fresh prep, in tmux (2 pressed 0.4 s after the numbers: before the idle warm-up)"
            )
        )
        for label, values in (
            ("2 → problems screen on the terminal", [a for a, _ in first_area]),
            ("2 → its first page of rows", [b for _, b in first_area]),
        ):
            rows.append(
                Row(
                    f"{label} (n={len(values)})",
                    _ms(median(values)),
                    _ms(p95(values)),
                    "",
                    "information (in-process figure below)",
                )
            )
        rows.append(Row(f"-- Import and CLI (fresh process each run, {min(runs, CLI_RUNS)} runs)"))
        rows.extend(_cli_rows(large, min(runs, CLI_RUNS)))
        plan_times, plan_error = plan_year_seconds(large, max(runs, 3))
        rows.append(Row("-- Planner, in-process (large db copy)"))
        verdict = plan_error or ("PASS" if median(plan_times) <= 0.100 else "FAIL")
        rows.append(
            Row(
                "plan 365 days, 20 rounds, 10 rules",
                _ms(median(plan_times)),
                _ms(p95(plan_times)),
                "≤ 100 ms",
                verdict,
            )
        )
        rows.extend(_interaction_rows(large, INTERACTION_SAMPLES))
        print()
        print(
            f"prep startup benchmark: {runs} runs + 1 warm-up, interleaved; tmux {TERM_SIZE[0]}x{TERM_SIZE[1]}; "
            f"{os.cpu_count()} CPUs; Python {platform.python_version()}; textual {_version('textual')}"
        )
        if load_before is not None:
            print(
                f"load average before/after: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
                "(other work on the machine makes absolute times noisy; the ratios are side by side)"
            )
        print(
            "large db: "
            + ", ".join(
                f"{counts.get(t, 0)} {name}"
                for t, name in (
                    ("problem", "problems"),
                    ("attempt", "attempts"),
                    ("paper", "papers"),
                    ("story", "stories"),
                    ("question", "questions"),
                )
            )
            + f", {counts.get('company', 0)} companies, {counts.get('round', 0)} rounds, "
            f"{counts.get('study_block', 0)} study blocks ({large.stat().st_size / 1e6:.1f} MB)"
        )
        print()
        print_table(rows)
        failures = [f for s in samples.values() for f in s.failures]
        if failures:
            print()
            print(f"{len(failures)} run(s) failed:")
            for f in dict.fromkeys(failures):
                print(f"  {f}")
        print()
        print(f"total {time.perf_counter() - started:.0f} s")
        return 0
    finally:
        if tmux is not None:
            tmux.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _tui_rows(variants: list[Variant], samples: dict[str, Samples]) -> list[Row]:
    rows = [Row("-- Startup in tmux (launch → screen shows it)")]
    for v in variants:
        s = samples[v.key]
        rows.append(Row(f"first paint: {v.label}", _ms(median(s.paint)), _ms(p95(s.paint))))
    for v in variants:
        if v.data is not None:
            s = samples[v.key]
            rows.append(Row(f"dashboard data shown: {v.label}", _ms(median(s.data)), _ms(p95(s.data))))
    bare, empty, large = samples["bare"], samples["empty"], samples["large"]
    rows += [
        _ratio_row("first paint prep empty / bare", empty.paint, bare.paint, PAINT_MAX, PAINT_AIM),
        _ratio_row("first paint prep large / bare", large.paint, bare.paint, PAINT_MAX, PAINT_AIM),
        _ratio_row("first paint large / empty", large.paint, empty.paint, LARGE_OVER_EMPTY_MAX),
        _ratio_row("data shown prep large / bare paint", large.data, bare.paint, PAINT_MAX, PAINT_AIM),
        _ratio_row("data shown large / empty", large.data, empty.data, LARGE_OVER_EMPTY_MAX),
        Row("-- Memory after start (VmRSS)"),
    ]
    for v in variants:
        s = samples[v.key]
        rows.append(Row(f"rss: {v.label}", _mib(median(s.rss)), _mib(p95(s.rss))))
    rows.append(_ratio_row("rss prep large / bare", large.rss, bare.rss, MEMORY_MAX))
    return rows


def _cli_rows(large: Path, runs: int) -> list[Row]:
    rows = []
    for module in ("textual.app", "tracker.cli"):
        values = import_time_ms(module, runs)
        rows.append(Row(f"import {module}", _ms(median(values) / 1000), _ms(p95(values) / 1000)))
    heavy = heavy_imports("tracker.cli")
    rows.append(Row("import tracker.cli also loads", "", "", "", " ".join(heavy) or "nothing heavy"))
    for args in (["today", "--json"], ["problem", "list", "--json"], ["due", "--json"], ["board", "--json"]):
        label = f"prep --db LARGE {' '.join(args)}"
        if not command_exists(["--db", str(large), *args[:-1]]):
            rows.append(Row(label, "—", "—", "", "skipped (no such command yet)"))
            continue
        times, error = time_command(["--db", str(large), *args], runs)
        rows.append(Row(label, _ms(median(times)), _ms(p95(times)), "", error or ""))
    return rows


def _interaction_rows(large: Path, samples: int) -> list[Row]:
    from benchmarks.interactions import INFORMATION, measure, review_seconds

    rows = [
        Row(f"-- Interactions, in-process (Pilot 120x40, large db copy, ≥{samples} samples; key → repaint)")
    ]
    fig = measure(large, samples)
    for name, values in fig.samples.items():
        verdict = INFORMATION.get(name) or ("PASS" if p95(values) <= INTERACTION_P95_MAX else "FAIL")
        if fig.forced.get(name):
            verdict += (
                f" ({fig.forced[name]} forced)"  # samples no frame showed in time (README: How a sample…)
            )
        if fig.untracked.get(name):
            verdict += f" ({fig.untracked[name]} untracked)"  # timed without the terminal check
        target = "" if name in INFORMATION else "p95 ≤ 50 ms"
        rows.append(Row(f"{name} (n={len(values)})", _ms(median(values)), _ms(p95(values)), target, verdict))
    if fig.warm_up:
        rows.append(
            Row(
                "idle warm-up, from the dashboard settled",
                _ms(median(fig.warm_up)),
                _ms(p95(fig.warm_up)),
                "",
                "information (starts after 1 s without a key)",
            )
        )
    for name, error in fig.errors.items():
        rows.append(Row(f"interaction {name}", "—", "—", "p95 ≤ 50 ms", error[:70]))
    times, error = review_seconds(large, 5)
    rows.append(Row("-- Weekly review, in-process (this week, Markdown as `prep export week` renders it)"))
    verdict = error or ("PASS" if median(times) <= REVIEW_MAX else "FAIL")
    rows.append(
        Row(
            "weekly review: week_report + render md", _ms(median(times)), _ms(p95(times)), "≤ 200 ms", verdict
        )
    )
    return rows
