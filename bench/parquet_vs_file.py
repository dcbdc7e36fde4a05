"""Time the period queries on a database file and on its Parquet export (docs/benchmarks.md).

python -m bench.parquet_vs_file FILE.duckdb FOLDER: opens one reader of each (the store's own
reader, so the folder gets its views and macros as the dashboard does), runs
dossier_balance, ontime_trend_monthly and ontime_by_procedure for 2018-H1 over every unit
three times each, and prints the medians in milliseconds (results are not cached here).
"""

import re
import statistics
import sys
import time
from pathlib import Path

from cchc.core.periods import Period
from cchc.store import db


def main(file: str, folder: str) -> None:
    """Print the reader's opening time and the three queries' medians for the file and the folder."""
    period = Period.parse("2018-H1")
    units = db.run_query("units", file)["unit_code"].tolist()
    params = {"start": period.start, "end": period.end, "units": units, "fields": [], "channels": [], "min_resolved": 1,
              "history": "then"}
    for label, path in (("file", Path(file)), ("folder", Path(folder))):
        started = time.perf_counter()
        reader = db._Reader(path, (0, 0, 0))
        out = {"open": (time.perf_counter() - started) * 1000}
        cur = reader.cursor()
        for name in ("dossier_balance", "ontime_trend_monthly", "ontime_by_procedure"):
            sql = db.query_text(name)
            args = {k: v for k, v in params.items() if k in set(re.findall(r"\$(\w+)", sql))}
            times = []
            for _ in range(3):
                started = time.perf_counter()
                cur.execute(sql, args).df()
                times.append((time.perf_counter() - started) * 1000)
            out[name] = statistics.median(times)
        print(label, {k: round(v) for k, v in out.items()})


if __name__ == "__main__":
    main(*sys.argv[1:3])
