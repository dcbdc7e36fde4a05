"""The monthly trends as today's units (issue 12, item 3): queries/ontime_trend_monthly.sql
and trend_by_unit_monthly.sql with history="today" re-map each desk onto the current unit it is shown as
(macro unit_shown): a whole merge summed, a divided unit's dossiers given to its default
successor and marked approximate, an unchanged unit as it was; nothing lost or counted twice.
Also the 1 July 2025 marker on the trend charts, and the PAR ranking of one level and one
period. Hand-computed on tests/lineage_db.py (its docstring has every figure)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cchc.charts.overview import ontime_trend
from cchc.charts.progress import unit_trend
from cchc.charts.reorganisation import MARKER_NAME, spans_reorganisation
from cchc.core.units import approx_note
from cchc.store.db import run_query
from tests.lineage_db import build_lineage_db

ALL = ["thi-xa", "le-loi", "kim-son", "son-tay", "ha-noi", "so-tu-phap"]
RANGE = dict(start=date(2018, 1, 1), end=date(2025, 7, 31), fields=[], channels=[])
FLOWS = ["received", "resolved", "resolved_in_time", "late"]


@pytest.fixture(scope="module")
def lineage_db(tmp_path_factory):
    return build_lineage_db(tmp_path_factory.mktemp("trends") / "lineage.duckdb")


def _busy(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    busy = frame[(frame["received"] + frame["resolved"]) > 0]
    return [[None if pd.isna(v) else (f"{v:%Y-%m}" if isinstance(v, pd.Timestamp) else v) for v in row]
            for row in busy[columns].itertuples(index=False)]


def test_per_unit_as_today_s_units(lineage_db):
    frame = run_query("trend_by_unit_monthly", db=lineage_db, units=ALL, history="today", **RANGE)
    assert sorted(frame["unit_code"].unique()) == ["ha-noi", "kim-son", "so-tu-phap", "son-tay"]
    assert _busy(frame, ["month", "unit_code", *FLOWS, "ontime_rate", "is_approx", "approx_from"]) == [
        ["2018-01", "son-tay", 5, 4, 3, 1, 75.0, True, "Thị xã"],
        ["2025-06", "son-tay", 2, 1, 1, 0, 100.0, True, "Thị xã"],
        ["2025-07", "son-tay", 1, 2, 1, 1, 50.0, True, "Thị xã"],
        ["2018-01", "kim-son", 1, 1, 1, 0, 100.0, False, None],
        ["2018-02", "kim-son", 0, 1, 0, 1, 0.0, False, None],
        ["2025-07", "kim-son", 1, 1, 1, 0, 100.0, False, None],
        ["2025-07", "ha-noi", 1, 1, 0, 1, 0.0, False, None],
    ]
    # every month of the range is there, for every current unit (a line across the reform)
    assert len(frame) == 4 * 91
    assert approx_note(frame, "en") == (
        "Approximate figures: the dossiers of divided units (Thị xã) are all assigned to their default successor.")


def test_the_sum_over_today_s_units_is_the_sum_over_the_old_units_every_month(lineage_db):
    then = run_query("trend_by_unit_monthly", db=lineage_db, units=ALL, history="then", **RANGE)
    today = run_query("trend_by_unit_monthly", db=lineage_db, history="today", units=ALL, **RANGE)
    pd.testing.assert_frame_equal(today.groupby("month")[FLOWS].sum(), then.groupby("month")[FLOWS].sum())
    assert int(then["received"].sum()) == 6 + 5 == int(today["received"].sum())  # tiny 2018 + D13..D17


def test_a_whole_merge_alone_is_exact(lineage_db):
    frame = run_query("trend_by_unit_monthly", db=lineage_db, history="today", units=["le-loi"],
                      start=date(2025, 6, 1), end=date(2025, 7, 31), fields=[], channels=[])
    # le-loi chosen as today's units is son-tay; thi-xa (divided) is shown as son-tay too
    assert _busy(frame, ["month", "unit_code", *FLOWS, "is_approx"]) == [
        ["2025-06", "son-tay", 2, 1, 1, 0, True], ["2025-07", "son-tay", 1, 2, 1, 1, True]]
    kim = run_query("trend_by_unit_monthly", db=lineage_db, history="today", units=["kim-son"], **RANGE)
    assert not kim["is_approx"].any() and approx_note(kim) is None


def test_the_overall_trend_as_today_s_units(lineage_db):
    frame = run_query("ontime_trend_monthly", db=lineage_db, history="today", units=ALL, **RANGE)
    # the town desk's dossiers count with phường Sơn Tây (a ward); the city desk is a desk
    assert _busy(frame, ["unit_group", "month", *FLOWS, "is_approx"]) == [
        ["town", "2025-07", 1, 1, 0, 1, False],
        ["commune_ward", "2018-01", 6, 5, 4, 1, True],
        ["commune_ward", "2018-02", 0, 1, 0, 1, False],
        ["commune_ward", "2025-06", 2, 1, 1, 0, True],
        ["commune_ward", "2025-07", 2, 3, 2, 1, True],
    ]
    then = run_query("ontime_trend_monthly", db=lineage_db, units=ALL, history="then", **RANGE)
    pd.testing.assert_frame_equal(frame.groupby("month")[FLOWS].sum(), then.groupby("month")[FLOWS].sum())


def test_history_then_is_unchanged(lineage_db):
    frame = run_query("trend_by_unit_monthly", db=lineage_db, units=ALL, history="then", **RANGE)
    assert not frame["is_approx"].any() and frame["approx_from"].isna().all()
    assert _busy(frame, ["month", "unit_code", *FLOWS])[:3] == [
        ["2018-01", "thi-xa", 3, 3, 2, 1], ["2025-06", "thi-xa", 1, 0, 0, 0], ["2025-07", "thi-xa", 0, 1, 0, 1]]


# -- the marker of 1 July 2025 --------------------------------------------------------------

def _marker(fig) -> tuple[list, list]:
    shapes = [s for s in fig.layout.shapes if s.name == MARKER_NAME]
    notes = [a.text for a in fig.layout.annotations if a.name == MARKER_NAME]
    return shapes, notes


def test_the_marker_only_across_the_reorganisation():
    assert spans_reorganisation([date(2025, 6, 1), date(2025, 7, 1)])
    assert not spans_reorganisation([date(2025, 7, 1), date(2025, 8, 1)])  # all after it
    assert not spans_reorganisation([date(2025, 5, 1), date(2025, 6, 1)])  # all before it
    assert not spans_reorganisation([])


def test_the_overview_trend_draws_the_marker_between_june_and_july(lineage_db):
    frame = run_query("ontime_trend_monthly", db=lineage_db, history="today", units=ALL,
                      start=date(2025, 5, 1), end=date(2025, 7, 31), fields=[], channels=[])
    fig = ontime_trend(frame, "en", target=98)
    shapes, notes = _marker(fig)
    # months 06/2025 and 07/2025 (May has no dossier): the line between categories 0 and 1
    assert list(fig.layout.xaxis.categoryarray) == ["06/2025", "07/2025"]
    assert [(s.x0, s.x1, s.yref, s.y0, s.y1) for s in shapes] == [(0.5, 0.5, "paper", 0, 1)]
    assert notes == ["Reorganisation 1 Jul 2025"]
    assert _marker(ontime_trend(frame, "vi"))[1] == ["Sắp xếp ĐVHC 1/7/2025"]
    before = run_query("ontime_trend_monthly", db=lineage_db, history="today", units=ALL,
                       start=date(2018, 1, 1), end=date(2018, 2, 28), fields=[], channels=[])
    assert _marker(ontime_trend(before, "en", target=98)) == ([], [])


def test_the_unit_trend_draws_the_marker_on_its_date_axis(lineage_db):
    frame = run_query("trend_by_unit_monthly", db=lineage_db, history="today", units=ALL, **RANGE)
    shapes, notes = _marker(unit_trend(frame, "vi", "ontime_rate", top=4))
    assert [(str(s.x0), str(s.x1)) for s in shapes] == [("2025-06-16", "2025-06-16")]
    assert notes == ["Sắp xếp ĐVHC 1/7/2025"]
    after = run_query("trend_by_unit_monthly", db=lineage_db, history="today", units=ALL,
                      start=date(2025, 7, 1), end=date(2025, 7, 31), fields=[], channels=[])
    assert _marker(unit_trend(after, "vi", "received", top=4)) == ([], [])


# -- the PAR ranking: one level, one period -------------------------------------------------

def _ranking(db, year):
    frame = run_query("par_ranking", db=db, year=year)
    return [[None if pd.isna(v) else v for v in row]
            for row in frame[["unit_code", "total", "rank", "previous_rank", "rank_change"]].itertuples(index=False)]


def test_a_year_before_2025_ranks_the_old_units_of_that_year(lineage_db):
    # the town desk's 95 is never ranked: kim-son is first among the wards and communes
    assert _ranking(lineage_db, 2017) == [["kim-son", 90.0, 1, None, None], ["le-loi", 80.0, 2, None, None]]
    assert _ranking(lineage_db, 2024) == [["le-loi", 75.0, 1, None, None], ["kim-son", 60.0, 2, None, None]]


def test_2025_ranks_the_units_that_exist_at_its_end(lineage_db):
    # le-loi ended on 30 June 2025: its 70 is not ranked among the new units; son-tay is new
    assert _ranking(lineage_db, 2025) == [["kim-son", 88.0, 1, 2, 1], ["son-tay", 85.0, 2, None, None]]


def test_on_the_demo_nothing_is_lost_or_counted_twice_in_any_month(demo_db):
    units = list(run_query("units", db=demo_db)["unit_code"])
    params = dict(start=date(2017, 1, 1), end=date(2018, 12, 31), units=units, fields=[], channels=[])
    for name in ("trend_by_unit_monthly", "ontime_trend_monthly"):
        then = run_query(name, db=demo_db, history="then", **params).groupby("month")[FLOWS].sum()
        today = run_query(name, db=demo_db, history="today", **params).groupby("month")[FLOWS].sum()
        pd.testing.assert_frame_equal(today, then)
    today = run_query("trend_by_unit_monthly", db=demo_db, history="today", **params)
    # the old units' history is on the three new units (a desk added later has no 2017-18 dossiers)
    busy = today[today["received"] > 0]
    assert sorted(busy["unit_code"].unique()) == ["doai-phuong", "son-tay", "tung-thien"]
