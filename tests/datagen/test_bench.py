"""The benchmark command runs end to end at a small size (CI proves it works; the real
numbers are in docs/benchmarks.md): the JSON has every key, the numbers are positive."""

import json
import os
import subprocess
import sys

from bench.bench import format_table
from tests.paths import ROOT

KEYS = {"page", "dossiers", "rerun_ms", "sql_ms", "pandas_rerun_ms", "rss_mb", "pandas_rss_mb"}


def test_bench_command_at_a_small_size(tmp_path):
    out = tmp_path / "bench.json"
    env = {
        **os.environ,
        "CCHC_BENCH_DB": str(tmp_path / "scale-20000.duckdb"),
        "CCHC_BENCH_RERUNS": "5",
        "CCHC_BENCH_PAGES": "overview,ho_so",  # a dossier-heavy page and the paginated list
        "CCHC_BENCH_SERVER_START": "0",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "bench", "--dossiers", "20000", "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["page"] for r in rows] == ["overview", "ho_so"]
    for row in rows:
        assert KEYS <= set(row)
        assert row["dossiers"] == 20000
        assert row["reruns"] == 5 and len(row["rerun_ms_all"]) == 5
        for key in KEYS - {"page", "dossiers"}:
            assert row[key] > 0, (row["page"], key)
        assert row["queries_ms"]  # the page's queries were seen and timed
    # the printed table has one line per page
    assert "| overview |" in proc.stdout and "| ho_so |" in proc.stdout
    meta = json.loads(out.with_suffix(".meta.json").read_text())
    assert meta["dossiers"] == 20000 and meta["build_seconds"] > 0
    assert meta["database"] == "scale-20000.duckdb"  # outside the repository: the file name only


def test_bench_without_the_pandas_approach(tmp_path):
    # --no-pandas: the dashboard alone (100 M dossiers would need ~130 GB in pandas)
    out = tmp_path / "bench.json"
    env = {**os.environ, "CCHC_BENCH_DB": str(tmp_path / "scale-5000.duckdb"), "CCHC_BENCH_RERUNS": "5",
           "CCHC_BENCH_PAGES": "du_lieu", "CCHC_BENCH_SERVER_START": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "bench", "--dossiers", "5000", "--no-pandas", "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "pandas ..." not in proc.stdout
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["page"] == "du_lieu" and row["rerun_ms"] > 0 and row["sql_ms"] > 0 and row["rss_mb"] > 0
    for key in ("pandas_rerun_ms", "pandas_rss_mb", "pandas_start_ms", "speedup", "rss_ratio"):
        assert row[key] is None, key
    assert "| du_lieu |" in proc.stdout and "| – |" in proc.stdout


def test_a_city_file_from_an_older_version_is_brought_up_to_date(tmp_path):
    import duckdb

    from bench.bench import ensure_scale_db
    from cchc.datagen.city import build_city
    from cchc.store import rollups

    path = tmp_path / "old-city.duckdb"
    build_city(path, 3_000, seed=5)
    con = duckdb.connect(str(path))
    con.execute("DROP MACRO TABLE dossier_balance_counts")  # as written before that macro existed
    con.close()
    assert not rollups.file_is_fresh(path)
    said = []
    assert ensure_scale_db(3_000, path, out=said.append) == (path, None)  # reused, not rebuilt
    assert said == [f"refreshing the rollups of {path} ..."]
    assert rollups.file_is_fresh(path)
    said.clear()
    ensure_scale_db(3_000, path, out=said.append)
    assert said == []  # fresh now: nothing to do


def test_results_name_the_database_without_the_machines_folders(tmp_path):
    from bench.bench import _shown_path

    assert _shown_path(ROOT / "data" / "scale-1000000.duckdb") == "data/scale-1000000.duckdb"
    assert _shown_path(tmp_path / "city.duckdb") == "city.duckdb"


def test_bench_refuses_bad_settings():
    env = {**os.environ, "CCHC_BENCH_RERUNS": "3"}
    proc = subprocess.run([sys.executable, "-m", "cchc", "bench", "--dossiers", "20000"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "re-runs" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "cchc", "bench", "--dossiers", "10"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "at least 1000" in proc.stderr


def test_table_format():
    row = {"page": "overview", "rerun_ms": 120.0, "sql_ms": 80.0, "rerun_over_sql": 1.5, "pandas_rerun_ms": 2400.0,
           "speedup": 20.0, "rss_mb": 300.0, "pandas_rss_mb": 2600.0, "rss_ratio": 0.115, "start_ms": 4000.0,
           "pandas_start_ms": 9000.0}
    table = format_table({"rows": [row]}).splitlines()
    assert table[0].startswith("| page | re-run ms | SQL ms |")
    assert table[2] == ("| overview | 120 | 80.0 | 1.5 | 2,400 | 20.0× | 300 | 2,600 | 0.12 | 4,000 | 9,000 |")


def test_pandas_approach_classifies_like_the_schema(tmp_path):
    # the benchmark compares two ways of computing one answer, not two answers
    import importlib.util
    from datetime import date

    import duckdb
    import pandas as pd

    from cchc.datagen.city import build_city

    spec = importlib.util.spec_from_file_location("pandas_pages", ROOT / "bench" / "pandas_pages.py")
    bp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bp)  # defines the page functions; main() runs only under Streamlit
    path = tmp_path / "city.duckdb"
    build_city(path, 8_000, seed=4)
    con = duckdb.connect(str(path), read_only=True)
    try:
        dossiers = con.execute("SELECT * FROM dossiers").df()
        procs = con.execute("SELECT * FROM procedures").df()
        nwd = bp.next_working_day(con.execute("SELECT * FROM calendar").df())
        keys = ["dossier_code", "outcome", "is_received", "b_counted", "b_on_time"]
        for start, end in [(date(2021, 7, 1), date(2021, 12, 31)), (date(2018, 2, 10), date(2018, 5, 3))]:
            mine = bp.classify(dossiers, procs, nwd, start, end)[keys].sort_values("dossier_code")
            sql = con.execute(f"SELECT {', '.join(keys)} FROM dossier_period($s, $e) ORDER BY dossier_code",
                              {"s": start, "e": end}).df()
            assert len(sql) > 100
            pd.testing.assert_frame_equal(mine.reset_index(drop=True), sql, check_dtype=False)
    finally:
        con.close()
