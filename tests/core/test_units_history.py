"""History two ways (issue 12): "as the units were" (history=then, the default) and "as
today's units" (history=today: queries/dossier_balance_today.sql through the lineage).

Hand-computed on the tiny database (tests/tiny_db.py, January 2018) with a lineage added:
le-loi merged whole into son-tay (a ward formed on 1 July 2025), thi-xa divided with son-tay
its default successor (the other part goes to a unit outside the database), kim-son
unchanged. As today's units:
  son-tay = thi-xa + le-loi: carried 2 + 0, received 3 + 2, resolved 3 + 1 (early 1 + 1,
            on time 1, late 1), in progress 2 + 0 (within 1, overdue 1), withdrawn 0 + 1;
            rate A 3/4 = 75 %; formula B (4 + 1) / (2 + 5 - 1) = 5/6; approximate (thi-xa is
            divided and brought dossiers).
  kim-son : as it was: carried 1, received 1, resolved 1 (on time), in progress 1; exact.
  total   : the total of the units as they were (carried 3, received 6, resolved 5, ...).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from cchc.core.filters import Filters, parse_url_values
from cchc.core.periods import Period
from cchc.core.units import approx_note, balance_query, current_units, expand_to_predecessors, shown_as_today
from cchc.store.db import run_query
from tests.apptest import open_app
from tests.tiny_db import build_tiny_db

JAN = dict(start=date(2018, 1, 1), end=date(2018, 1, 31), fields=[], channels=[])
COUNTS = ["carried_over", "received", "received_in_person", "received_online", "received_postal", "resolved",
          "early", "on_time", "late", "in_progress", "in_progress_within", "in_progress_overdue", "withdrawn",
          "b_counted", "b_on_time"]


def _with_lineage(path, thi_xa_whole: bool):
    build_tiny_db(path)
    con = duckdb.connect(str(path))
    try:
        con.execute("INSERT INTO units (unit_code, name, short_name, kind, valid_from, official_code, level) "
                    "VALUES ('son-tay', 'Phường Sơn Tây', 'Sơn Tây', 'ward', DATE '2025-07-01', '09574', 'commune')")
        con.execute("UPDATE units SET valid_to = DATE '2025-06-30' WHERE unit_code IN ('thi-xa', 'le-loi')")
        con.execute("INSERT INTO unit_lineage VALUES ('le-loi', 'son-tay', '09574', true, true)")
        if thi_xa_whole:
            con.execute("INSERT INTO unit_lineage VALUES ('thi-xa', 'son-tay', '09574', true, true)")
        else:
            con.executemany("INSERT INTO unit_lineage VALUES (?, ?, ?, false, ?)",
                            [("thi-xa", "son-tay", "09574", True), ("thi-xa", None, "09988", False)])
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def divided(tmp_path_factory):
    return _with_lineage(tmp_path_factory.mktemp("lineage") / "divided.duckdb", thi_xa_whole=False)


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    return _with_lineage(tmp_path_factory.mktemp("lineage") / "whole.duckdb", thi_xa_whole=True)


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    return [[None if pd.isna(v) else v for v in row] for row in frame[columns].itertuples(index=False)]


SHOWN = ["unit_code", "carried_over", "received", "resolved", "early", "on_time", "late", "in_progress",
         "in_progress_within", "in_progress_overdue", "withdrawn", "b_counted", "b_on_time", "is_approx",
         "approx_from"]


def test_today_re_maps_a_whole_merge_a_divided_unit_and_an_unchanged_unit(divided):
    units = ["thi-xa", "le-loi", "kim-son", "son-tay"]
    frame = run_query("dossier_balance_today", db=divided, units=units, **JAN)
    assert _rows(frame, SHOWN) == [
        ["son-tay", 2, 5, 4, 2, 1, 1, 2, 1, 1, 1, 6, 5, True, "Thị xã"],
        ["kim-son", 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 2, 2, False, None],
        [None, 3, 6, 5, 2, 2, 1, 3, 2, 1, 1, 8, 7, True, "Thị xã"],
    ]
    assert frame["ontime_rate"].iloc[0] == pytest.approx(75.0)
    assert frame["rate_766"].iloc[0] == pytest.approx(100 * 5 / 6)


def test_a_whole_merge_alone_is_exact(whole):
    frame = run_query("dossier_balance_today", db=whole, units=["son-tay"], **JAN)
    assert _rows(frame, SHOWN) == [
        ["son-tay", 2, 5, 4, 2, 1, 1, 2, 1, 1, 1, 6, 5, False, None],
        [None, 2, 5, 4, 2, 1, 1, 2, 1, 1, 1, 6, 5, False, None],
    ]


def test_choosing_an_old_unit_as_today_shows_its_successor(divided):
    frame = run_query("dossier_balance_today", db=divided, units=["le-loi"], **JAN)
    assert list(frame["unit_code"].dropna()) == ["son-tay"]
    assert frame["received"].tolist() == [5, 5]


def test_then_is_the_units_as_they_were(divided):
    frame = run_query(balance_query("then"), db=divided, units=["thi-xa", "le-loi", "kim-son", "son-tay"], **JAN)
    assert _rows(frame, ["unit_code", "carried_over", "received", "resolved", "in_progress", "withdrawn"]) == [
        ["thi-xa", 2, 3, 3, 2, 0], ["le-loi", 0, 2, 1, 0, 1], ["son-tay", 0, 0, 0, 0, 0],
        ["kim-son", 1, 1, 1, 1, 0], [None, 3, 6, 5, 3, 1],
    ]
    assert "is_approx" not in frame.columns


def test_the_units_query_and_the_filters_expand_today_s_units(divided):
    units = run_query("units", db=divided)
    shown = shown_as_today(units)
    assert shown == {"thi-xa": "son-tay", "le-loi": "son-tay", "kim-son": "kim-son", "son-tay": "son-tay"}
    assert sorted(current_units(units)["unit_code"]) == ["kim-son", "son-tay"]
    assert expand_to_predecessors(["son-tay"], shown) == ["thi-xa", "le-loi", "son-tay"]
    f = Filters(period=Period.parse("2018-01"), units=("son-tay",), all_units=tuple(shown), history="today",
                today_of=tuple(shown.items()))
    assert f.unit_codes == ["son-tay", "thi-xa", "le-loi"]
    assert f.to_url() == {"period": "2018-01", "unit": ["son-tay"], "history": "today"}
    assert Filters(period=Period.parse("2018-01"), units=("son-tay",), today_of=tuple(shown.items())).unit_codes == ["son-tay"]


def test_the_url_history_parameter():
    default = Period.parse("2018-H1")
    f, bad = parse_url_values({"history": ["today"]}, ["le-loi"], [], default)
    assert (f.history, bad) == ("today", [])
    f, bad = parse_url_values({}, ["le-loi"], [], default)
    assert (f.history, bad, f.to_url()) == ("then", [], {"period": "2018-H1"})
    f, bad = parse_url_values({"history": ["yesterday"]}, ["le-loi"], [], default)
    assert (f.history, bad) == ("then", ["history=yesterday"])


def test_the_approximation_note_names_the_divided_units(divided):
    frame = run_query("dossier_balance_today", db=divided, units=["thi-xa", "le-loi", "kim-son", "son-tay"], **JAN)
    assert approx_note(frame, "en") == (
        "Approximate figures: the dossiers of divided units (Thị xã) are all assigned to their default successor.")
    assert approx_note(run_query("dossier_balance", db=divided, units=["kim-son"], **JAN)) is None


# -- the demo: nothing lost or counted twice, the 2018 figures as they were -------------------

def _periods():
    return [Period.parse(c) for c in ("2017-H1", "2017-H2", "2018-H1", "2018-H2", "2018-01", "2018-06", "2017")]


def test_the_sum_over_today_s_units_is_the_sum_over_the_old_units_in_every_period(demo_db):
    units = run_query("units", db=demo_db)
    codes = list(units["unit_code"])
    shown = shown_as_today(units)
    for period in _periods():
        params = dict(start=period.start, end=period.end, units=codes, fields=[], channels=[])
        then = run_query("dossier_balance", db=demo_db, **params)
        today = run_query("dossier_balance_today", db=demo_db, **params)
        assert today.loc[today["is_total"], COUNTS].iloc[0].tolist() == then.loc[then["is_total"], COUNTS].iloc[0].tolist()
        # each of today's units is the sum of the old units shown as it
        old = then[~then["is_total"]].assign(today=lambda f: f["unit_code"].map(shown))
        expected = old.groupby("today")[COUNTS].sum()
        got = today[~today["is_total"]].set_index("unit_code")[COUNTS]
        # (the city's desk ha-noi, since 1 July 2025, succeeds no old unit: zeros)
        assert sorted(got.index) == ["doai-phuong", "ha-noi", "son-tay", "tung-thien"]
        pd.testing.assert_frame_equal(got.sort_index(), expected.reindex(got.index, fill_value=0).sort_index(),
                                      check_dtype=False, check_names=False)


def test_the_2018_report_figures_stay_as_the_units_were(demo_db):
    units = run_query("units", db=demo_db)
    params = dict(start=date(2018, 1, 1), end=date(2018, 6, 30), fields=[], channels=[])
    town = run_query(balance_query("then"), db=demo_db, units=["thi-xa"], **params)
    total = town[town["is_total"]].iloc[0]
    assert (total["received"], total["resolved"], round(total["ontime_rate"], 1)) == (1261, 1026, 98.8)
    communes = [c for c, k, v in zip(units["unit_code"], units["kind"], units["valid_from"])
                if k != "town" and str(v) < "2025"]
    frame = run_query(balance_query("then"), db=demo_db, units=communes, **params)
    total = frame[frame["is_total"]].iloc[0]
    assert (total["received"], round(total["ontime_rate"], 1)) == (17337, 99.6)


def test_the_demo_lineage_is_the_package_s(demo_db):
    shown = shown_as_today(run_query("units", db=demo_db))
    # Resolution 1656/NQ-UBTVQH15 as the package records it (shared/domain.md §7): whole units
    assert {c for c, s in shown.items() if s == "son-tay"} >= {"ngo-quyen", "phu-thinh", "vien-son", "duong-lam"}
    assert {c for c, s in shown.items() if s == "tung-thien"} >= {"xuan-khanh", "xuan-son", "trung-son-tram"}
    assert {c for c, s in shown.items() if s == "doai-phuong"} >= {"kim-son", "son-dong"}
    # divided: most of Sơn Lộc and Trung Hưng go to phường Sơn Tây by default
    assert shown["son-loc"] == shown["trung-hung"] == "son-tay"


# -- the sidebar and the Progress page ------------------------------------------------------

def test_the_progress_page_as_today_s_units(divided, monkeypatch):
    app = open_app(divided, "app_pages/progress.py", monkeypatch, env={"CCHC_ONTIME_TARGET": None},
                   params={"period": "2018-01", "history": "today", "lang": "en"})
    assert not app.exception and not app.error
    assert app.multiselect(key="f_units").options == ["Phường Sơn Tây", "Xã Kim Sơn"]  # today's units only
    table = app.dataframe[0].value
    assert list(table.iloc[:, 0])[:2] == ["Sơn Tây", "Kim Sơn"]
    assert any(c.value.startswith("Approximate figures: the dossiers of divided units (Thị xã)") for c in app.caption)
    assert app.query_params["history"] == "today"  # written back to the URL


def test_units_in_period_are_those_that_existed_then(demo_db):
    from cchc.core.units import units_in_period

    units = run_query("units", db=demo_db)
    in_2018 = units_in_period(units, date(2018, 1, 1), date(2018, 12, 31))
    assert len(in_2018) == 16 and "son-tay" not in set(in_2018["unit_code"])
    across = units_in_period(units, date(2025, 1, 1), date(2025, 12, 31))
    assert len(across) == 20
    assert sorted(units_in_period(units, date(2025, 7, 1), date(2025, 7, 31))["unit_code"]) == [
        "doai-phuong", "ha-noi", "son-tay", "tung-thien"]
