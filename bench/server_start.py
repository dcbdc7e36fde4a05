"""Server start, cold and warm browser cache: ``python -m bench.server_start [--db FILE] [--runs 5]``.

Times ``streamlit run dashboard.py`` to the Overview drawn in headless Chromium
(:func:`bench.bench.measure_server_start`) ``runs`` times with a cold browser (a new, empty
profile each start, as a first visit) and ``runs`` times with a warm one (one profile kept
across starts, its cache filled by one start first that is not counted, as a returning
user), interleaved so both see the same load on a shared machine. Prints every timing and
the two medians. The database defaults to the demo (``data/demo.duckdb``, built when
missing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.bench import ROOT, free_port, measure_server_start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "demo.duckdb")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the timings to this file")
    args = parser.parse_args(argv)
    if not args.db.exists():
        if args.db != ROOT / "data" / "demo.duckdb":
            print(f"error: no database at {args.db}", file=sys.stderr)
            return 2
        from cchc.datagen.demo import build_demo

        build_demo(args.db)
    cold, warm = [], []
    port = free_port()  # one address for every start: the browser keeps its cache per address
    with tempfile.TemporaryDirectory(prefix="cchc-warm-") as kept:
        if measure_server_start(args.db, profile=Path(kept), port=port) is None:  # fills the warm profile's cache
            print("error: Playwright or Chromium is not installed", file=sys.stderr)
            return 2
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory(prefix="cchc-cold-") as fresh:
                ms = measure_server_start(args.db, profile=Path(fresh), port=port)
            cold += [round(ms, 1)] if ms is not None else []
            ms = measure_server_start(args.db, profile=Path(kept), port=port)
            warm += [round(ms, 1)] if ms is not None else []
            print(f"run {run}: cold {cold[-1] if cold else 0:,.0f} ms, warm {warm[-1] if warm else 0:,.0f} ms", flush=True)
    if not cold or not warm:
        print("error: no start finished within the time limit", file=sys.stderr)
        return 1
    result = {"database": args.db.name, "cold_ms": cold, "warm_ms": warm,
              "cold_median_ms": statistics.median(cold), "warm_median_ms": statistics.median(warm)}
    print(f"median of {args.runs}: cold {result['cold_median_ms']:,.0f} ms, warm {result['warm_median_ms']:,.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
