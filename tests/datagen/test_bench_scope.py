"""The benchmark on a nation: every page measured with every unit and with one province's
units selected, as its office sees them (before and since the reform)."""

import json
import os
import subprocess
import sys

import duckdb
import pytest

from bench.bench import format_table, province_units
from cchc.datagen.city import build_city
from tests.paths import ROOT


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench_nation") / "scale-nation-5000.duckdb"
    build_city(path, 5_000, seed=9, scope="nation")
    return path


def test_a_provinces_units_are_its_units_before_and_since_the_reform(nation):
    units = province_units(nation, "01")
    con = duckdb.connect(str(nation), read_only=True)
    try:
        # Hà Nội from admin_units itself: its districts and their communes, its new communes
        districts, old, new = con.execute("""
            select (select count(*) from admin_units where level = 'district' and parent_code = '01'),
                   (select count(*) from admin_units c join admin_units d on d.official_code = c.parent_code
                     where d.level = 'district' and d.parent_code = '01' and c.level = 'commune'
                       and c.valid_to is not null),
                   (select count(*) from admin_units where level = 'commune' and parent_code = '01'
                       and valid_from is not null)""").fetchone()
    finally:
        con.close()
    assert len(units) == len(set(units)) == districts + old + new + 1  # + the city's desk
    assert {"new-01", "old-269", "old-09574", "new-09574"} <= set(units)
    assert not {"new-79", "old-760"} & set(units)  # Hồ Chí Minh City's desk and Quận 1
    assert province_units(nation, "99") == []


def test_bench_on_a_nation_measures_the_province_too(nation, tmp_path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "CCHC_BENCH_DB": str(nation), "CCHC_BENCH_RERUNS": "5",
           "CCHC_BENCH_PAGES": "du_lieu", "CCHC_BENCH_SERVER_START": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "bench", "--dossiers", "5000", "--scope", "nation", "--no-pandas",
         "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "building" not in proc.stdout  # the nation of the fixture was reused
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["page"], r["scope"]) for r in rows] == [("du_lieu", "nation"), ("du_lieu", "province 01")]
    for row in rows:
        assert row["rerun_ms"] > 0 and row["sql_ms"] > 0 and row["reruns"] == 5
        # the newest half-years first, both sides of the reform, the current one (2026-H1) left out
        assert row["periods"] == ["2026-H2", "2025-H2", "2025-H1", "2024-H2", "2024-H1"]
    assert "| du_lieu |" in proc.stdout and "| du_lieu (province 01) |" in proc.stdout
    meta = json.loads(out.with_suffix(".meta.json").read_text())
    assert meta["scope"] == "nation" and meta["province"] == "01" and meta["build_seconds"] is None


def test_table_names_the_province_scope():
    row = {"page": "ho_so", "scope": "province 01", "rerun_ms": 120.0, "sql_ms": 80.0, "rerun_over_sql": 1.5,
           "pandas_rerun_ms": None, "speedup": None, "rss_mb": 300.0, "pandas_rss_mb": None, "rss_ratio": None,
           "start_ms": 4000.0, "pandas_start_ms": None}
    line = format_table({"rows": [row]}).splitlines()[2]
    assert line == "| ho_so (province 01) | 120 | 80.0 | 1.5 | – | – | 300 | – | – | 4,000 | – |"
