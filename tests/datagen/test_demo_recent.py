"""The demo's recent years (cchc/datagen/recent.py): January 2019 to October 2026 under the
units of each time, re-mapped onto today's units without losing or doubling a dossier; the
data's end as real data would show it; the 766 index of the new units, the same from the
command line and on the page.

Checked on the session's demo database (tests/conftest.py ``demo_db``) with SQL written here.
"""

from __future__ import annotations

import json
import re
from datetime import date

import duckdb
import pandas as pd
import pytest

from cchc import bootstrap
from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.i18n.labels import t
from cchc.store import db
from cchc.store.db import run_query
from tests.apptest import open_app

OLD_DESKS = 16
NEW_UNITS = ("son-tay", "tung-thien", "doai-phuong", "ha-noi")


@pytest.fixture(scope="module")
def con(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def one(con, sql: str, params: dict | None = None):
    return con.execute(sql, params or {}).fetchone()[0]


# --------------------------------------------------------------------------- coverage


def test_every_month_from_2017_to_october_2026_has_dossiers(con):
    months = [m for (m,) in con.execute("""
        SELECT DISTINCT strftime(received_date, '%Y-%m') FROM dossiers WHERE state NOT IN (1, 3) ORDER BY 1
    """).fetchall()]
    expected = [f"{y}-{m:02d}" for y in range(2017, 2027) for m in range(1, 13)][:12 * 9 + 10]
    assert months == expected  # 2017-01 .. 2026-10, none missing, none after


def test_old_units_until_june_2025_new_units_from_july(con):
    # an old desk receives nothing after 30 June 2025, a new unit nothing before 1 July 2025
    assert one(con, """
        SELECT count(*) FROM dossiers d JOIN units u USING (unit_code)
        WHERE (u.valid_to IS NOT NULL AND d.received_date > u.valid_to)
           OR (u.valid_from IS NOT NULL AND d.received_date < u.valid_from)
    """) == 0
    per_unit = dict(con.execute("""
        SELECT unit_code, count(*) FROM dossiers
        WHERE state NOT IN (1, 3) AND received_date BETWEEN DATE '2025-07-01' AND DATE '2026-10-31' GROUP BY 1
    """).fetchall())
    assert set(per_unit) == set(NEW_UNITS)
    assert one(con, "SELECT count(DISTINCT unit_code) FROM dossiers WHERE received_date BETWEEN "
                    "DATE '2025-01-01' AND DATE '2025-06-30'") == OLD_DESKS


def test_yearly_volumes_stay_in_the_order_of_son_tay(con):
    per_year = dict(con.execute("""
        SELECT year(received_date), count(*) FROM dossiers WHERE state NOT IN (1, 3) GROUP BY 1
    """).fetchall())
    assert all(30_000 <= per_year[y] <= 48_000 for y in range(2017, 2026)), per_year
    assert per_year[2021] < per_year[2019]  # the distancing of summer 2021


def test_new_units_take_the_volume_of_their_predecessors(con):
    # received in 2026-H1 by each new commune vs 2024-H1 by the old units whose default
    # successor it is (data/unit_lineage.csv); the town desk's share is split, so it is left out
    rows = con.execute("""
        WITH new AS (
            SELECT unit_code AS new_unit, count(*) AS n FROM dossiers d
            WHERE state NOT IN (1, 3) AND received_date BETWEEN DATE '2026-01-01' AND DATE '2026-06-30'
              AND procedure_code IN (SELECT procedure_code FROM procedures WHERE level = 'commune')
            GROUP BY 1),
        old AS (
            SELECT l.new_unit_code AS new_unit, count(*) AS n FROM dossiers d
            JOIN unit_lineage l ON l.old_unit_code = d.unit_code AND l.is_default
            WHERE d.state NOT IN (1, 3) AND d.received_date BETWEEN DATE '2024-01-01' AND DATE '2024-06-30'
              AND d.unit_code <> 'thi-xa'
            GROUP BY 1)
        SELECT new_unit, new.n, old.n FROM new JOIN old USING (new_unit) ORDER BY 1
    """).fetchall()
    assert [u for u, _, _ in rows] == ["doai-phuong", "son-tay", "tung-thien"]
    for unit, new, old in rows:
        assert 0.9 * old <= new <= 1.2 * old, (unit, new, old)


def test_the_city_desk_and_the_communes_share_the_town_desks_procedures(con):
    split = dict(con.execute("""
        SELECT d.unit_code = 'ha-noi', count(*) FROM dossiers d JOIN procedures p USING (procedure_code)
        WHERE p.level = 'district' AND d.received_date >= DATE '2025-07-01' AND d.state NOT IN (1, 3)
        GROUP BY 1
    """).fetchall())
    assert 0.6 < split[False] / (split[False] + split[True]) < 0.9  # about three quarters to the communes


def test_online_share_reaches_35_to_50_percent(con):
    share = one(con, """SELECT avg((channel = 'online')::INT) FROM dossiers
                        WHERE state NOT IN (1, 3) AND received_date BETWEEN DATE '2025-07-01' AND DATE '2026-06-30'""")
    assert 0.35 <= share <= 0.5


# --------------------------------------------------------------------------- re-mapping


@pytest.mark.parametrize("period", ["2018-H1", "2021-Q3", "2024-H1", "2025-H2", "2026-H1"])
def test_history_today_loses_and_doubles_nothing(demo_db, period):
    p = Period.parse(period)
    codes = list(run_query("units", db=demo_db)["unit_code"])
    params = dict(start=p.start, end=p.end, units=codes, fields=[], channels=[])
    then = run_query("dossier_balance", db=demo_db, **params)
    today = run_query("dossier_balance_today", db=demo_db, **params)
    then_total = then[then["is_total"]].iloc[0]
    today_total = today[today["is_total"]].iloc[0]
    for column in ("carried_over", "received", "resolved", "in_progress", "withdrawn"):
        assert int(today_total[column]) == int(then_total[column]), (period, column)
        # and the unit rows add up to the total on both sides
        assert int(today.loc[~today["is_total"], column].sum()) == int(today_total[column])
        assert int(then.loc[~then["is_total"], column].sum()) == int(then_total[column])
    # "as today's units" shows the units of today only
    assert set(today.loc[~today["is_total"], "unit_code"]) == set(NEW_UNITS)


def test_history_today_totals_equal_direct_counts(con, demo_db):
    # 2024-H1, by hand: received in the half-year, every desk (the old ones then)
    p = Period.parse("2024-H1")
    codes = list(run_query("units", db=demo_db)["unit_code"])
    today = run_query("dossier_balance_today", db=demo_db, start=p.start, end=p.end, units=codes,
                      fields=[], channels=[])
    direct = one(con, """SELECT count(*) FROM dossiers WHERE state NOT IN (1, 3)
                         AND received_date BETWEEN DATE '2024-01-01' AND DATE '2024-06-30'""")
    assert int(today.loc[today["is_total"], "received"].iloc[0]) == direct


# --------------------------------------------------------------------------- the data's end


def test_no_2018_dossier_open_after_2019(con):
    assert one(con, """
        SELECT count(*) FROM dossiers
        WHERE received_date <= DATE '2018-12-31' AND state NOT IN (1, 3)
          AND (finished_date IS NULL OR finished_date > DATE '2019-12-31')
    """) == 0
    # most of those open on 31 December 2018 finish in the first months of 2019
    early, later = con.execute("""
        SELECT count(*) FILTER (WHERE finished_date < DATE '2019-04-01'),
               count(*) FILTER (WHERE finished_date >= DATE '2019-04-01')
        FROM dossiers WHERE received_date <= DATE '2018-12-31' AND finished_date > DATE '2018-12-31'
    """).fetchone()
    assert early > 2 * later > 0


def test_as_of_31_october_2026_recent_dossiers_are_still_open(con):
    outcomes = dict(con.execute("""
        SELECT outcome, count(*) FROM dossier_period(DATE '2026-10-31', DATE '2026-10-31') GROUP BY 1
    """).fetchall())
    assert outcomes["in_progress_within"] > 100
    assert outcomes["in_progress_overdue"] > 0
    states = dict(con.execute("""SELECT state, count(*) FROM dossiers
                                 WHERE received_date >= DATE '2026-10-01' GROUP BY 1""").fetchall())
    assert states[2] > 0 and states[4] > 0 and states[5] > 0  # received, processing, waiting for a supplement
    # nothing happens after the data's end; nothing open for years
    assert one(con, "SELECT max(greatest(finished_date, returned_date, supplement_supplied_date)) FROM dossiers") \
        <= date(2026, 10, 31)
    assert one(con, """SELECT count(*) FROM dossiers WHERE state NOT IN (1, 3, 7, 9, 10)
                       AND received_date < DATE '2025-01-01'""") == 0


def test_the_default_period_is_the_latest_complete_half_year(demo_db):
    info = bootstrap.data_range(demo_db)
    # data to Friday 30 October 2026; 31 October - 1 November a weekend: covered to 1 November
    assert (db.as_date(info["last_received"]), db.as_date(info["covered_until"])) == (date(2026, 10, 30),
                                                                                      date(2026, 11, 1))
    assert bootstrap.default_period_of(info) == Period.parse("2026-H1")


def test_dataset_description_names_the_recent_years(con):
    info = dict(con.execute("SELECT key, value FROM dataset_info").fetchall())
    assert info["description"].startswith("Dữ liệu minh họa (demo) — Sơn Tây 01/2017–10/2026")


# --------------------------------------------------------------------------- the 766 index


def _number(text: str) -> float:
    """The first number of a Vietnamese figure: '19,83/20' -> 19.83."""
    return float(re.search(r"\d[\d.]*(,\d+)?", text).group(0).replace(".", "").replace(",", "."))


def _cli(demo_db, tmp_path, period: str, unit: str) -> dict:
    out = tmp_path / f"{unit}.json"
    assert main(["score766", "--period", period, "--unit", unit, "--db", str(demo_db), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("period, unit", [("2025-Q3", "son-tay"), ("2025-Q3", "tung-thien"),
                                          ("2025-Q3", "doai-phuong"), ("2024-05", "xuan-khanh")])
def test_score766_six_groups_and_a_total(demo_db, tmp_path, period, unit):
    result = _cli(demo_db, tmp_path, period, unit)
    assert result["has_dossiers"]
    assert len(result["groups"]) == 6
    assert all(g["points"] is not None for g in result["groups"])
    assert result["total"] == pytest.approx(sum(g["points"] for g in result["groups"]), abs=0.011)


def test_score766_page_shows_the_commands_figures(demo_db, tmp_path, monkeypatch):
    result = _cli(demo_db, tmp_path, "2025-Q3", "son-tay")
    app = open_app(demo_db, "app_pages/score766.py", monkeypatch, params={"period": "2025-Q3", "unit": "son-tay"},
                   timeout=120)
    assert not app.exception and not app.error
    # a tile's label is its name and its maximum: "Tổng điểm (/100)" (cchc/score766/display.py)
    metrics = {m.label.rsplit(" (/", 1)[0]: m.value for m in app.metric}
    assert _number(metrics[t("s766_total", "vi")]) == pytest.approx(result["total"], abs=0.005)
    for group in result["groups"]:
        assert _number(metrics[t(f"g766_{group['code']}", "vi")]) == pytest.approx(group["points"], abs=0.005)


def test_score766_e_result_by_hand(con, demo_db, tmp_path):
    # phường Sơn Tây exists since 1 July 2025, so every dossier it has received by 30
    # September is counted in 2025-Q3 (none ended before the quarter); e_result scores
    # 6 points x the share with an electronic result
    counted, with_result = con.execute("""
        SELECT count(*), count(*) FILTER (WHERE s.e_result)
        FROM dossiers d JOIN dossier_services_766 s USING (dossier_code)
        WHERE d.unit_code = 'son-tay' AND d.state NOT IN (1, 3) AND d.received_date <= DATE '2025-09-30'
    """).fetchone()
    result = _cli(demo_db, tmp_path, "2025-Q3", "son-tay")
    metric = next(m for g in result["groups"] for m in g["metrics"] if m["code"] == "e_result")
    assert (metric["numerator"], metric["denominator"]) == (with_result, counted)
    assert metric["points"] == round(6 * with_result / counted, 2)


# --------------------------------------------------------------------------- PAR years


def test_par_files_are_what_the_generator_writes():
    from cchc.datagen.par_years import generate
    from cchc.store.db import DATA_DIR

    for name, text in generate().items():
        assert (DATA_DIR / name).read_text(encoding="utf-8") == text, name


def test_par_rankings_of_every_year(con):
    ranked = dict(con.execute("""
        SELECT year, list(DISTINCT unit_code ORDER BY unit_code) FROM par_scores GROUP BY year
    """).fetchall())
    old = sorted(ranked[2017])
    assert len(old) == 15 and all(sorted(ranked[y]) == old for y in range(2016, 2025))
    assert sorted(ranked[2025]) == ["doai-phuong", "son-tay", "tung-thien"]
    # 2017 by hand (the report's ranking) is unchanged: Xuân Khanh first with 91
    assert con.execute("""SELECT unit_code, sum(points) FROM par_scores WHERE year = 2017
                          GROUP BY 1 ORDER BY 2 DESC LIMIT 1""").fetchone() == ("xuan-khanh", 91)


def test_the_2025_ranking_of_three_units_reads_as_a_sentence():
    # three ranked units: the first and the next two, no "low" clause left empty
    from cchc.core.summary import par_sentence

    ranking = pd.DataFrame({"name": ["Phường Sơn Tây", "Phường Tùng Thiện", "Xã Đoài Phương"],
                            "short_name": ["Sơn Tây", "Tùng Thiện", "Đoài Phương"],
                            "total": [90.1, 90.0, 88.4], "max_total": [100, 100, 100], "rank": [1, 2, 3]})
    assert par_sentence(ranking, 2025) == ("Xếp hạng chỉ số CCHC năm 2025: đứng đầu là Phường Sơn Tây đạt 90,1/100 "
                                           "điểm, tiếp theo là Tùng Thiện, Đoài Phương.")


def test_score766_takes_the_official_code_of_the_unit_of_that_time(demo_db, tmp_path, capsys):
    # 09574 is phường Sơn Tây since 1 July 2025 and was phường Ngô Quyền before (data/units.csv)
    assert _cli(demo_db, tmp_path, "2025-Q3", "09574") == _cli(demo_db, tmp_path, "2025-Q3", "son-tay")
    assert _cli(demo_db, tmp_path, "2024-05", "9574") == _cli(demo_db, tmp_path, "2024-05", "ngo-quyen")
    # a year that holds both: refused in one line, exit code 2, no traceback
    capsys.readouterr()
    assert main(["score766", "--period", "2025", "--unit", "09574", "--db", str(demo_db)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: unit '09574': 2 units with that code between 2025-01-01 and 2025-12-31 (ngo-quyen, son-tay);"
        " give the unit's slug (python -m cchc score766 --help)")
