"""``python -m benchmarks [run] [--runs N]`` · ``python -m benchmarks generate --out PATH [--scale S] [--seed N]``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path


def _now(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.combine(date.fromisoformat(text), time(12, 0), tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--scale", type=float, default=1.0, help="size of the large database (1.0: 5,000 problems)"
        )
        p.add_argument("--seed", type=int, default=1, help="random seed of the generator")
        p.add_argument(
            "--no-cache", action="store_true", help="regenerate even if benchmarks/.cache has a match"
        )

    run = sub.add_parser("run", help="measure startup and print the table (the default)")
    common(run)
    run.add_argument("--runs", type=int, default=5, help="timed runs per variant (after one warm-up)")
    run.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a screen")
    gen = sub.add_parser("generate", help="write a large realistic database")
    common(gen)
    gen.add_argument("--out", type=Path, required=True, help="database file to write (replaced)")
    gen.add_argument("--date", help="anchor day YYYY-MM-DD the data is relative to (default: today)")

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("run", "generate", "-h", "--help"):
        argv.insert(0, "run")  # `python -m benchmarks [--runs N]` runs the harness
    args = parser.parse_args(argv)
    if args.command == "generate":
        from benchmarks.generate import generate

        try:
            now = _now(args.date)
        except ValueError:
            parser.error(f"--date: {args.date!r} is not YYYY-MM-DD")
        if args.scale <= 0:
            parser.error("--scale must be positive")
        out = generate(
            args.out, scale=args.scale, seed=args.seed, now=now, use_cache=not args.no_cache, quiet=False
        )
        print(out)
        return 0
    from benchmarks.harness import run as run_harness

    if args.runs < 1 or args.scale <= 0:
        parser.error("--runs must be at least 1 and --scale positive")
    return run_harness(
        runs=args.runs, scale=args.scale, seed=args.seed, timeout=args.timeout, use_cache=not args.no_cache
    )


if __name__ == "__main__":
    sys.exit(main())
