"""Command line: `python -m cchc <command>`.

  build-demo [--db PATH] [--seed N] [--dossiers N [--scope city|nation]]   the demo (or a synthetic city/nation)
  import FILE... [--db PATH] [--period P] [--dry-run]
         [--kind dossiers|scores|procedures|aggregates|services766|feedback766|procedures766|units766]
  sync [URL] [--db PATH] [--since ISO] [--mapping FILE.json]   new and changed dossiers from PostgreSQL
  export-aggregates --period P --out FILE.xlsx [--db PATH] [--unit CODE ...]   the compiled Biểu II.06a
  report --period 2018-H1 [--unit CODE ...] [--lang vi|en] [--date YYYY-MM-DD] --out FILE.pdf|FILE.docx
  bench --dossiers N [--scope city|nation] [--province CODE] [--json FILE] [--no-pandas]
  export-parquet DIR [--db PATH] [--province CODE]   every table as Parquet, for other servers and engines
  refresh-rollups [--db PATH]                        rebuild the rollups of a database (cchc/store/rollups.py)
  score766 --period P --unit CODE [--json FILE]      the Decision 766 index (docs/766.md)
  score766-portal FILE... [--period P --unit CODE --portal-unit CODE]   the portal's scores beside ours
  users add EMAIL --role viewer|data_manager|admin [--unit CODE ...] | list | remove EMAIL   [--db PATH]
  worklist --unit CODE --as-of DATE --out FILE.pdf|.xlsx   dossiers about to cost 766 points

Every command checks the settings first (cchc/settings.py): a bad CCHC_* value is one line
on stderr and exit code 2. The report and the importer open the database through
cchc/bootstrap.py, as the dashboard does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cchc import settings
from cchc.store import db


def _build_demo(args: argparse.Namespace) -> int:
    if args.dossiers is not None:
        # a synthetic city of N dossiers for benchmarks; never overwrites the demo by default
        from cchc.datagen.city import build_city, scale_path

        if args.dossiers < 1:
            print("error: --dossiers must be a positive number", file=sys.stderr)
            return 2
        path = Path(args.db) if args.db else scale_path(args.dossiers, args.scope)
        summary = build_city(path, args.dossiers, seed=args.seed, scope=args.scope, progress=print)
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
    from cchc import bootstrap
    from cchc.store import writer

    path = bootstrap.database_path(args.db)
    if not path.exists():
        print(f"error: no database at {path}", file=sys.stderr)
        return 2
    bootstrap.check_database_file(path)  # never rewrite a file that is not ours
    started = time.perf_counter()
    writer.refresh_file(path)
    print(f"rebuilt the rollups of {path} in {time.perf_counter() - started:.1f} s")
    return 0


def _export_parquet(args: argparse.Namespace) -> int:
    from cchc import bootstrap
    from cchc.store import parquet

    path = bootstrap.open_database(args.db)  # the rollups are fresh before they are copied
    if path.is_dir():
        print("error: --db must name a database file, not a Parquet folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    data = parquet.export(path, Path(args.dir).expanduser().resolve(), province=args.province)
    print(f"exported {len(data['tables'])} tables of {path} to {args.dir} in {time.perf_counter() - started:.1f} s "
          f"(province key {data['province']})")
    return 0


def _score766(args: argparse.Namespace) -> int:
    from cchc.score766.cli import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m cchc", description="CCHC dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("build-demo", help="build the demo database")
    demo.add_argument("--db", help="where to write it (default: data/demo.duckdb)")
    demo.add_argument("--seed", type=int, default=2018, help="random seed (default 2018)")
    demo.add_argument("--dossiers", type=int, help="build a synthetic city of N dossiers instead of the Sơn Tây demo")
    demo.add_argument("--scope", choices=["city", "nation"], default="city",
                      help="with --dossiers: the real units of Hà Nội (city, default) or of the whole country (nation)")
    demo.set_defaults(run=_build_demo)

    imp = commands.add_parser("import", help="load a one-stop export, a PAR score sheet or a catalogue")
    imp.add_argument("file", nargs="+", help="one file, or several (aggregate reports: loaded together, all or nothing)")
    imp.add_argument("--db", help="the database to load into (default: $CCHC_DB or the demo database)")
    imp.add_argument("--kind", choices=["dossiers", "scores", "procedures", "aggregates", "services766", "feedback766",
                                        "procedures766", "units766"],
                     help="what the files hold (default: detected)")
    imp.add_argument("--period", help="aggregate reports: their period (2025-Q1, 2025-H1, 2025-05, 2025) when the "
                     "title does not name it")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.set_defaults(run=lambda a: __import__("cchc.importer.cli", fromlist=["run"]).run(a))

    agg = commands.add_parser("export-aggregates", help="the compiled Biểu II.06a of the whole scope, as .xlsx")
    agg.add_argument("--period", required=True, help="2025-Q1, 2025-H1, 2025-05, 2025")
    agg.add_argument("--out", required=True, help="the .xlsx file to write")
    agg.add_argument("--db", help="the database (default: $CCHC_DB or the demo database)")
    agg.add_argument("--unit", action="append", default=[], help="a unit code; repeat for several (default: every unit)")
    agg.set_defaults(run=lambda a: __import__("cchc.importer.compiled", fromlist=["run_cli"]).run_cli(a))

    sync = commands.add_parser("sync", help="copy new and changed dossiers from the one-stop system's PostgreSQL")
    sync.add_argument("url", nargs="?", help="postgresql://user@host:port/db (default: $CCHC_SYNC_URL)")
    sync.add_argument("--db", help="the database to load into (default: $CCHC_DB or the demo database)")
    sync.add_argument("--since", help="read the rows changed at or after this time (YYYY-MM-DD[THH:MM:SS]); "
                      "default: after the last run")
    sync.add_argument("--mapping", help="a JSON file naming the table and its columns (default: the HoSo table)")
    sync.add_argument("--batch", type=int, default=20_000, help="rows per write (default 20000)")
    sync.set_defaults(run=lambda a: __import__("cchc.sync.feed", fromlist=["run_cli"]).run_cli(a))

    from cchc.score766.cli import add_commands  # score766, score766-portal, worklist

    add_commands(commands, _score766)

    rep = commands.add_parser("report", help="write the meeting report (PDF or DOCX)")
    rep.add_argument("--period", help="2018-H1, 2018-Q2, 2018-05, 2018 (default: latest complete half-year)")
    rep.add_argument("--from", dest="date_from", help="custom range start, YYYY-MM-DD")
    rep.add_argument("--to", dest="date_to", help="custom range end, YYYY-MM-DD")
    rep.add_argument("--unit", action="append", default=[], help="a unit code; repeat for several")
    rep.add_argument("--lang", choices=["vi", "en"], default="vi")
    rep.add_argument("--out", required=True, help="the file to write: FILE.pdf or FILE.docx")
    rep.add_argument("--date", help="the document's date, YYYY-MM-DD (default: today)")
    rep.add_argument("--number", help="the document's number (default: left for the office to write in)")
    rep.add_argument("--signer", help="the signer's name (default: $CCHC_SIGNER, or a blank line)")
    rep.add_argument("--recipient", action="append", help="a recipient (Nơi nhận); repeat for several "
                     "(default: $CCHC_RECIPIENTS, '|'-separated, or the demo's list)")
    rep.set_defaults(run=lambda a: __import__("cchc.report.pdf", fromlist=["run_cli"]).run_cli(a))

    bench = commands.add_parser("bench", help="measure page re-runs against the pandas approach")
    bench.add_argument("--dossiers", type=int, required=True)
    bench.add_argument("--scope", choices=["city", "nation"], default="city",
                       help="the synthetic build to measure: Hà Nội (city, default) or the whole country (nation)")
    bench.add_argument("--province", default="01",
                       help="nation: also measure the pages with this province's units selected (default 01)")
    bench.add_argument("--json", help="write the results as JSON to this file")
    bench.add_argument("--no-pandas", dest="pandas", action="store_false",
                       help="measure the dashboard only (the pandas approach needs about 1.3 GB per million dossiers)")
    bench.set_defaults(run=lambda a: __import__("bench.bench", fromlist=["run_cli"]).run_cli(a))

    ref = commands.add_parser("refresh-rollups", help="rebuild the rollup tables of a database written by an older version")
    ref.add_argument("--db", help="the database (default: $CCHC_DB or the demo database)")
    ref.set_defaults(run=_refresh_rollups)

    pq = commands.add_parser("export-parquet", help="write every table as Parquet (dossiers and monthly rollup "
                             "partitioned by province and year); CCHC_DB may name the folder")
    pq.add_argument("dir", help="the folder to write (an earlier export there is replaced)")
    pq.add_argument("--db", help="the database file (default: $CCHC_DB or the demo database)")
    pq.add_argument("--province", help="the province partition key when dataset_info has none (default: unknown)")
    pq.set_defaults(run=_export_parquet)

    from cchc.auth.users import add_parser as add_users_parser

    add_users_parser(commands)

    args = parser.parse_args(argv)
    try:
        settings.check_all()
    except settings.SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except settings.SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except db.DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
