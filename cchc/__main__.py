"""Command line: `python -m cchc <command>`.

  build-demo [--db PATH] [--seed N]   build the demo database (default data/demo.duckdb)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cchc import db


def _build_demo(args: argparse.Namespace) -> int:
    from cchc.demo import build_demo

    path = Path(args.db) if args.db else db.DEMO_DB
    started = time.perf_counter()
    summary = build_demo(path, seed=args.seed)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{k}: {v}" for k, v in summary.items())
    print(f"built {path} in {elapsed:.1f} s ({counts})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m cchc", description="CCHC dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("build-demo", help="build the demo database")
    demo.add_argument("--db", help="where to write it (default: data/demo.duckdb)")
    demo.add_argument("--seed", type=int, default=2018, help="random seed (default 2018)")
    demo.set_defaults(run=_build_demo)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except db.DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
