"""The synthetic city generator (cchc/datagen/city.py) at small sizes: exact counts,
received-date order, determinism, synthetic labelling, sane distributions, and a dashboard
that runs on it. Its real units are checked in test_city.py."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc.datagen.city import FIRST_DAY, LAST_DAY, build_city
from tests.apptest import open_app
from tests.paths import ROOT

N = 20_000


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("city") / "city.duckdb", N)


def _build(path: Path, n: int, **kw) -> Path:
    build_city(path, n, seed=7, **kw)
    return path


def _one(path: Path, sql: str, params=None):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchone()
    finally:
        con.close()


def test_exactly_n_dossiers_over_ten_years(city):
    count, first, last = _one(city, "select count(*), min(received_date), max(received_date) from dossiers")
    assert count == N
    assert FIRST_DAY <= first < FIRST_DAY.replace(month=12)
    assert LAST_DAY.replace(day=1) <= last <= LAST_DAY


def test_rows_are_stored_in_received_date_order(city):
    # rowid is the physical order; a single step backwards would break zone-map pruning
    backwards = _one(city, """
        select count(*) from (
            select received_date < lag(received_date) over (order by rowid) as back from dossiers)
        where back""")[0]
    assert backwards == 0


def test_units_are_synthetic_and_every_dossier_has_one(city):
    con = duckdb.connect(str(city), read_only=True)
    try:
        units = con.execute("select * from units").df()
        orphan = con.execute("""
            select count(*) from dossiers d left join units u using (unit_code) where u.unit_code is null
            """).fetchone()[0]
        info = dict(con.execute("select key, value from dataset_info").fetchall())
    finally:
        con.close()
    assert units["is_synthetic"].all()
    assert units["unit_code"].is_unique and units["short_name"].is_unique
    # wards and communes belong to a desk of their era: a district's before the reform, the
    # city's own since
    towns = set(units.loc[units["kind"] == "town", "unit_code"])
    assert set(units.loc[units["kind"] != "town", "parent_code"]) <= towns
    assert orphan == 0
    assert info["kind"] == "synthetic" and info["dossiers"] == str(N) and info["seed"] == "7"
    assert "synthetic" in info["description"]


def test_same_seed_same_data_other_seed_other_data(city, tmp_path):
    digest = "select sum(hash(dossier_code, unit_code, procedure_code, channel, received_date, due_date, " \
             "finished_date, state, supplement_count)) from dossiers"
    again = _build(tmp_path / "again.duckdb", N)
    assert _one(again, digest) == _one(city, digest)
    other = tmp_path / "other.duckdb"
    build_city(other, N, seed=8)
    assert _one(other, digest) != _one(city, digest)


def test_small_chunks_give_the_same_guarantees(tmp_path):
    # many chunks (the bounded-memory path): exact count, order and unique codes still hold
    path = _build(tmp_path / "chunks.duckdb", 3_000, chunk_rows=200)
    count, codes = _one(path, "select count(*), count(distinct dossier_code) from dossiers")
    assert count == codes == 3_000
    assert _one(path, """select count(*) from (select received_date < lag(received_date) over (order by rowid) as b
                         from dossiers) where b""")[0] == 0


def test_dossiers_obey_the_schema_rules(city):
    bad = _one(city, """
        select
            count(*) filter (where state in (1, 3) and (finished_date is not null or due_date is not null)),
            count(*) filter (where finished_date < received_date),
            count(*) filter (where due_date < received_date),
            count(*) filter (where returned_date < finished_date),
            count(*) filter (where supplement_supplied_date < supplement_requested_date),
            count(*) filter (where state = 5 and supplement_requested_date is null)
        from dossiers""")
    assert bad == (0, 0, 0, 0, 0, 0)


def test_the_period_balance_holds(city):
    carried, received, resolved, in_progress, withdrawn = _one(city, """
        select count(*) filter (where is_carried_over), count(*) filter (where is_received),
               count(*) filter (where outcome in ('early', 'on_time', 'late')),
               count(*) filter (where outcome like 'in_progress%'), count(*) filter (where outcome = 'withdrawn')
        from dossier_period(DATE '2020-01-01', DATE '2020-06-30')""")
    assert carried > 0 and received > 0
    assert carried + received == resolved + in_progress + withdrawn


def test_distributions_follow_the_demo(city):
    # the demo's shape: a few percent late, online submissions still rising in 2021 (the
    # demo's trend carried on), civil status and certification dominating the communes' desks
    rate, online, copies = _one(city, """
        select 100.0 * count(*) filter (where outcome in ('early', 'on_time'))
                     / count(*) filter (where outcome in ('early', 'on_time', 'late')),
               100.0 * count(*) filter (where is_received and channel = 'online') / count(*) filter (where is_received),
               100.0 * count(*) filter (where field_code in ('ho-tich', 'chung-thuc')) / count(*)
        from dossier_period(DATE '2021-01-01', DATE '2021-12-31')""")
    assert 97.0 < rate < 99.9
    assert 15.0 < online < 40.0
    assert 60.0 < copies < 95.0


def test_cli_builds_a_city(tmp_path):
    path = tmp_path / "cli.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "build-demo", "--dossiers", "2500", "--db", str(path), "--seed", "3"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "dossiers: 2500" in proc.stdout
    assert _one(path, "select count(*) from dossiers")[0] == 2500


def test_cli_refuses_a_bad_size(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "build-demo", "--dossiers", "0", "--db", str(tmp_path / "x.duckdb")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2 and "positive" in proc.stderr and "Traceback" not in proc.stderr


def test_dashboard_runs_on_a_city(city, monkeypatch):
    at = open_app(city, monkeypatch=monkeypatch, timeout=120)
    assert not at.exception and not at.error
    assert at.selectbox(key="f_period").value == "2026-H1"
    # the city's desk and the communes/wards: two rows of five tiles
    assert len(at.metric) == 10


def test_overview_on_a_city_shows_the_ends_of_the_ranking(city, monkeypatch):
    """126 communes (the PAR year shown) or 526: the Overview draws the first and last 15 of the PAR ranking, links to the
    full ranking, and lists at most 15 units below each target (the rest counted)."""
    import json

    from cchc.core.kpis import OVERVIEW_LIST_MAX, OVERVIEW_RANKING_EACH
    from cchc.store.db import run_query

    at = open_app(city, monkeypatch=monkeypatch, timeout=120)
    assert not at.exception and not at.error
    _, ranking_chart = at.get("plotly_chart")  # the trend, then the ranking
    labels = json.loads(ranking_chart.proto.spec)["data"][0]["y"]
    assert len(labels) == 2 * OVERVIEW_RANKING_EACH
    year = int(next(h.value for h in at.subheader if "chỉ số CCHC năm" in h.value).split()[-1])
    ranking = run_query("par_ranking", db=city, year=year)
    ranked = ranking[ranking["rank"].notna()].sort_values(["rank", "short_name"])
    # every commune scored that year is ranked (since the reform: Hà Nội's 126)
    scored = _one(city, "select count(distinct unit_code) from par_scores where year = $y", {"y": year})[0]
    assert len(ranked) == scored > 2 * OVERVIEW_RANKING_EACH
    ends = list(ranked.head(OVERVIEW_RANKING_EACH)["short_name"]) + list(ranked.tail(OVERVIEW_RANKING_EACH)["short_name"])
    assert [label.lstrip("▼ ").split(". ", 1)[1] for label in labels] == ends
    assert any(f"15 đơn vị đầu và 15 đơn vị cuối trong {len(ranked)} đơn vị" in c.value for c in at.caption)
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert links["xep-hang"] == f"period=2026-H1&year={year}"
    for block in at.markdown:
        lines = [line for line in block.value.split("\n") if line.startswith("- ")]
        if len(lines) > 1:
            assert len(lines) <= OVERVIEW_LIST_MAX + 1


def test_progress_charts_on_a_city_show_the_lowest_units(city, monkeypatch):
    """556 units in 2021: the per-unit charts of Tiến độ draw the 30 lowest and say so; the balance
    table keeps every unit."""
    import json

    from cchc.store.db import run_query
    from cchc.tables.progress import UNIT_CHART_MAX

    at = open_app(city, "app_pages/progress.py", monkeypatch, params={"period": "2021"}, timeout=120)
    assert not at.exception and not at.error
    units = run_query("units", db=city)
    # the units of 2021: those before the reform (the page offers the units of the period)
    units = units[units["valid_to"].notna()]
    balance = run_query("dossier_balance", db=city, start=date(2021, 1, 1), end=date(2021, 12, 31),
                        units=list(units["unit_code"]), fields=[], channels=[])
    rows = balance[~balance["is_total"]]
    judged = rows[rows["resolved"] > 0].sort_values(["ontime_rate", "short_name"])
    assert len(judged) > UNIT_CHART_MAX
    charts = {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    dots = charts["prog_rate_chart"]["data"][0]
    assert dots["customdata"] == list(judged["unit_code"].head(UNIT_CHART_MAX))
    bars = charts["prog_online_chart"]["data"][0]
    assert len(bars["customdata"]) == UNIT_CHART_MAX
    assert any(f"30 đơn vị thấp nhất trong {len(judged):,}".replace(",", ".") in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == len(rows) + 1  # every unit and the total row
