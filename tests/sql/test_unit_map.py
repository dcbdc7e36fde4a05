"""queries/unit_map.sql: the units' map rows, exact, on the map fixture (tests/map_fixture.py,
hand-computed) and on the demo (the same counts and rate as the Tiến độ table, the
coordinates of data/admin_units.csv by validity)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cchc.store.db import run_query
from tests.map_fixture import ALL_UNITS, MAP_UNITS, build_map_db

JAN = dict(start=date(2018, 1, 1), end=date(2018, 1, 31), fields=[], channels=[])
H1_2018 = dict(start=date(2018, 1, 1), end=date(2018, 6, 30), fields=[], channels=[])
NEW_UNITS = ("son-tay", "tung-thien", "doai-phuong", "ha-noi")  # from 2025-07-01 (ha-noi: the city desk)
COLUMNS = ["unit_code", "received", "resolved", "resolved_in_time", "ontime_rate", "lat", "lon", "reported"]


@pytest.fixture(scope="module")
def map_db(tiny_db, tmp_path_factory):
    return build_map_db(tiny_db, tmp_path_factory.mktemp("map") / "map.duckdb")


def rows(frame: pd.DataFrame) -> list[tuple]:
    out = []
    for r in frame[COLUMNS].itertuples(index=False):
        out.append(tuple(None if (isinstance(v, float) and pd.isna(v)) else v for v in r))
    return out


def test_january_as_the_units_were_exact(map_db):
    frame = run_query("unit_map", db=map_db, **JAN, units=MAP_UNITS, history="then")
    got = rows(frame)
    # biggest first; son-dong's figures are its aggregate report (no dossiers)
    assert [r[0] for r in got] == ["son-dong", "thi-xa", "le-loi", "kim-son"]
    assert [r[1:4] for r in got] == [(4, 4, 3), (3, 3, 2), (2, 1, 1), (1, 1, 1)]
    assert [r[4] for r in got] == pytest.approx([75.0, 200 / 3, 100.0, 100.0])
    assert [r[7] for r in got] == [True, False, False, False]
    coordinates = {r[0]: (r[5], r[6]) for r in got}
    assert coordinates["son-dong"] == (21.07, 105.48)
    # the district has no lat/lon: the centroid of its communes valid at the same time
    assert coordinates["thi-xa"] == pytest.approx((21.066666666666666, 105.48))
    assert coordinates["le-loi"] == (None, None)  # no official code
    # 09610's own row of its validity, not the code's row from 2025-07-01
    assert coordinates["kim-son"] == (21.08, 105.46)
    assert list(frame.loc[frame["unit_code"] == "thi-xa", "name"]) == ["Bộ phận một cửa thị xã Sơn Tây"]


def test_january_as_todays_units_exact(map_db):
    frame = run_query("unit_map", db=map_db, **JAN, units=ALL_UNITS, history="today")
    # doai-phuong = thi-xa (3, 3, 2) + kim-son (1, 1, 1); son-dong's report is not re-mapped
    assert rows(frame) == [("doai-phuong", 4, 4, 3, 75.0, 21.0682, 105.486, False),
                           ("le-loi", 2, 1, 1, 100.0, None, None, False)]


def test_channel_filter_counts_only_those_dossiers_and_drops_the_report(map_db):
    frame = run_query("unit_map", db=map_db, **{**JAN, "channels": ["in_person"]}, units=MAP_UNITS, history="then")
    got = {r[0]: r[1:5] for r in rows(frame)}
    # thi-xa: D2, D3, D4 received, D1-D3 resolved; le-loi: D7 received (withdrawn), D6 online;
    # kim-son: D12 resolved on time, D11 postal; son-dong: a report has no channels
    assert got == {"thi-xa": (3, 3, 2, pytest.approx(200 / 3)), "le-loi": (1, 0, 0, None),
                   "kim-son": (0, 1, 1, 100.0), "son-dong": (0, 0, 0, None)}


def test_a_unit_selection_and_a_unit_without_dossiers(map_db):
    frame = run_query("unit_map", db=map_db, **JAN, units=["kim-son", "doai-phuong"], history="then")
    assert rows(frame) == [("kim-son", 1, 1, 1, 100.0, 21.08, 105.46, False),
                           ("doai-phuong", 0, 0, 0, None, 21.0682, 105.486, False)]


def test_demo_counts_are_the_progress_tables(demo_db):
    units = list(run_query("units", db=demo_db)["unit_code"])
    old = [u for u in units if u not in NEW_UNITS]
    for history, query, selected in (("then", "dossier_balance", old), ("today", "dossier_balance_today", units)):
        balance = run_query(query, db=demo_db, **H1_2018, units=selected)
        balance = balance[~balance["is_total"]].set_index("unit_code")
        frame = run_query("unit_map", db=demo_db, **H1_2018, units=selected, history=history).set_index("unit_code")
        assert sorted(frame.index) == sorted(balance.index), history
        for column in ("received", "resolved", "ontime_rate"):
            pd.testing.assert_series_equal(frame[column], balance.loc[frame.index, column], check_names=False)


def test_demo_report_figures_and_coordinates(demo_db):
    units = [u for u in run_query("units", db=demo_db)["unit_code"] if u not in NEW_UNITS]
    frame = run_query("unit_map", db=demo_db, **H1_2018, units=units, history="then").set_index("unit_code")
    # the 2018 report: the town desk received 1.261, resolved 1.026, 98,8 % on time
    town = frame.loc["thi-xa"]
    assert (town["received"], town["resolved"], round(town["ontime_rate"], 1)) == (1261, 1026, 98.8)
    # data/admin_units.csv: district 269 has its own lat/lon; 09574 was Ngô Quyền until 2025-06-30
    assert (town["lat"], town["lon"]) == (21.116226, 105.495325)
    assert (frame.loc["ngo-quyen", "lat"], frame.loc["ngo-quyen", "lon"]) == (21.142541, 105.501281)
    assert sorted(frame.index[frame["lat"].isna()]) == ["le-loi", "quang-trung"]
    assert frame["lat"].notna().sum() == 14
    today = run_query("unit_map", db=demo_db, **H1_2018, units=list(run_query("units", db=demo_db)["unit_code"]),
                      history="today").set_index("unit_code")
    # today's units: the three communes and the city's desk (data/units.csv; nothing of 2018 maps to it)
    assert sorted(today.index) == ["doai-phuong", "ha-noi", "son-tay", "tung-thien"]
    assert today.loc["ha-noi", "received"] == 0
    assert (today.loc["son-tay", "lat"], today.loc["son-tay", "lon"]) == (21.1441, 105.49)  # 09574 since 2025-07-01
    # every desk's dossiers, once: the report's 1.261 + 17.337
    assert frame["received"].sum() == today["received"].sum() == 1261 + 17337
