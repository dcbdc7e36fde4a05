"""Command line: `python -m cchc <command>`.

  build-demo [--db PATH] [--seed N] [--dossiers N]   build the demo (or a city-scale) database
  import FILE [--db PATH] [--kind dossiers|scores|procedures] [--dry-run]
  report --period 2018-H1 [--unit CODE ...] [--lang vi|en] --out FILE.pdf
  bench --dossiers N [--json FILE] [--no-pandas]
  refresh-rollups [--db PATH]                        rebuild the rollups of a database (cchc/rollups.py)
  users add EMAIL --role viewer|data_manager|admin [--unit CODE ...] | list | remove EMAIL   [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cchc.store import db


def _build_demo(args: argparse.Namespace) -> int:
    if args.dossiers is not None:
        # a synthetic city of N dossiers for benchmarks; never overwrites the demo by default
        from cchc.datagen.city import build_city

        if args.dossiers < 1:
            print("error: --dossiers must be a positive number", file=sys.stderr)
            return 2
        path = Path(args.db) if args.db else db.DATA_DIR / f"scale-{args.dossiers}.duckdb"
        summary = build_city(path, args.dossiers, seed=args.seed, progress=print)
        seconds = summary.pop("seconds")
        counts = ", ".join(f"{k}: {v}" for k, v in summary.items())
        print(f"built {path} in {seconds:.1f} s ({counts})")
        return 0

    from cchc.datagen.demo import build_demo

    path = Path(args.db) if args.db else db.DEMO_DB
    started = time.perf_counter()
    summary = build_demo(path, seed=args.seed)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{k}: {v}" for k, v in summary.items())
    print(f"built {path} in {elapsed:.1f} s ({counts})")
    return 0


def _refresh_rollups(args: argparse.Namespace) -> int:
    from cchc.store import rollups

    path = Path(args.db).expanduser().resolve() if args.db else db.db_path()
    if not path.exists():
        print(f"error: no database at {path}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rollups.refresh_file(path)
    print(f"rebuilt the rollups of {path} in {time.perf_counter() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m cchc", description="CCHC dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("build-demo", help="build the demo database")
    demo.add_argument("--db", help="where to write it (default: data/demo.duckdb)")
    demo.add_argument("--seed", type=int, default=2018, help="random seed (default 2018)")
    demo.add_argument("--dossiers", type=int, help="build a synthetic city of N dossiers instead of the Sơn Tây demo")
    demo.set_defaults(run=_build_demo)

    imp = commands.add_parser("import", help="load a one-stop export, a PAR score sheet or a catalogue")
    imp.add_argument("file")
    imp.add_argument("--db", help="the database to load into (default: $CCHC_DB or the demo database)")
    imp.add_argument("--kind", choices=["dossiers", "scores", "procedures"], help="what the file holds (default: detected)")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.set_defaults(run=lambda a: __import__("cchc.importer.cli", fromlist=["run"]).run(a))

    rep = commands.add_parser("report", help="write the PDF meeting report")
    rep.add_argument("--period", help="2018-H1, 2018-Q2, 2018-05, 2018 (default: latest complete half-year)")
    rep.add_argument("--from", dest="date_from", help="custom range start, YYYY-MM-DD")
    rep.add_argument("--to", dest="date_to", help="custom range end, YYYY-MM-DD")
    rep.add_argument("--unit", action="append", default=[], help="a unit code; repeat for several")
    rep.add_argument("--lang", choices=["vi", "en"], default="vi")
    rep.add_argument("--out", required=True, help="the PDF file to write")
    rep.set_defaults(run=lambda a: __import__("cchc.report.pdf", fromlist=["run_cli"]).run_cli(a))

    bench = commands.add_parser("bench", help="measure page re-runs against the pandas approach")
    bench.add_argument("--dossiers", type=int, required=True)
    bench.add_argument("--json", help="write the results as JSON to this file")
    bench.add_argument("--no-pandas", dest="pandas", action="store_false",
                       help="measure the dashboard only (the pandas approach needs about 1.3 GB per million dossiers)")
    bench.set_defaults(run=lambda a: __import__("bench.bench", fromlist=["run_cli"]).run_cli(a))

    ref = commands.add_parser("refresh-rollups", help="rebuild the rollup tables of a database written by an older version")
    ref.add_argument("--db", help="the database (default: $CCHC_DB or the demo database)")
    ref.set_defaults(run=_refresh_rollups)

    from cchc.auth.users import add_parser as add_users_parser

    add_users_parser(commands)

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
