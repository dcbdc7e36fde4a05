"""Every query against the hand-written tiny database (tests/tiny_db.py), exact values."""

from datetime import date

import pytest

from cchc.store.db import DataError, run_query

UNITS = ["thi-xa", "le-loi", "kim-son"]
JAN = dict(start=date(2018, 1, 1), end=date(2018, 1, 31), fields=[], channels=[])

COLUMNS = ["carried_over", "received", "received_in_person", "received_online", "received_postal",
           "resolved", "early", "on_time", "late", "in_progress", "in_progress_within",
           "in_progress_overdue", "withdrawn", "b_counted", "b_on_time"]

EXPECTED_JAN = {
    #          car rec ip  on po res ear ont lat inp inw ino wd  bc  bo
    "thi-xa": (2, 3, 3, 0, 0, 3, 1, 1, 1, 2, 1, 1, 0, 5, 4),
    "le-loi": (0, 2, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1),
    "kim-son": (1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 2, 2),
    None: (3, 6, 4, 1, 1, 5, 2, 2, 1, 3, 2, 1, 1, 8, 7),
}


def balance(db, **params):
    frame = run_query("dossier_balance", db=db, **{**JAN, "units": UNITS, **params})
    return {(None if row.is_total else row.unit_code): row for row in frame.itertuples()}


def test_balance_january_exact_rows(tiny_db):
    rows = balance(tiny_db)
    assert set(rows) == set(EXPECTED_JAN)
    for unit, expected in EXPECTED_JAN.items():
        assert tuple(getattr(rows[unit], c) for c in COLUMNS) == expected, unit


def test_balance_rates_exact(tiny_db):
    rows = balance(tiny_db)
    assert rows["thi-xa"].ontime_rate == pytest.approx(200 / 3)
    assert rows["thi-xa"].rate_766 == pytest.approx(80.0)  # D3's supplement wait makes it on time
    assert rows["le-loi"].online_share == pytest.approx(50.0)
    assert rows[None].ontime_rate == pytest.approx(80.0)
    assert rows[None].rate_766 == pytest.approx(87.5)
    assert rows[None].online_share == pytest.approx(100 / 6)


def test_balance_identity_every_unit(tiny_db):
    for row in balance(tiny_db).values():
        assert row.carried_over + row.received == row.resolved + row.in_progress + row.withdrawn
        assert row.resolved == row.early + row.on_time + row.late
        assert row.received == row.received_in_person + row.received_online + row.received_postal


def test_period_ending_before_last_day_moves_boundaries(tiny_db):
    # 1-30 Jan: D4 and D11 (received 31 Jan) are not yet received; D2 (finished 24 Jan) is resolved.
    rows = balance(tiny_db, end=date(2018, 1, 30))
    assert rows["thi-xa"].received == 2
    assert rows["kim-son"].received == 0
    assert rows["kim-son"].resolved == 1


def test_february_carries_over_january_and_judges_finish_after_due(tiny_db):
    rows = balance(tiny_db, start=date(2018, 2, 1), end=date(2018, 2, 28))
    # carried into February: D4, D5 (thi-xa), D11 (kim-son)
    assert rows["thi-xa"].carried_over == 2
    assert rows["kim-son"].carried_over == 1
    # D11 due 31 Jan, finished 1 Feb (the working day after): late
    assert (rows["kim-son"].resolved, rows["kim-son"].late) == (1, 1)
    assert rows["kim-son"].ontime_rate == 0.0
    # D4, D5 still in progress at end Feb; D4 due 14 Feb is now overdue too
    assert (rows["thi-xa"].in_progress_within, rows["thi-xa"].in_progress_overdue) == (0, 2)


def test_unit_without_dossiers_gets_zero_row_and_null_rate(tiny_db):
    rows = balance(tiny_db, units=["le-loi"], start=date(2018, 3, 1), end=date(2018, 3, 31))
    assert rows["le-loi"].received == 0 and rows["le-loi"].resolved == 0
    assert rows["le-loi"].ontime_rate != rows["le-loi"].ontime_rate  # NaN, never a division error


def test_field_and_channel_filters(tiny_db):
    rows = balance(tiny_db, fields=["ho-tich"])
    assert rows["thi-xa"].received == 0 and rows[None].received == 3
    rows = balance(tiny_db, channels=["online"])
    assert rows[None].received == 1 and rows["le-loi"].resolved == 1


def test_monthly_trend_exact(tiny_db):
    frame = run_query("ontime_trend_monthly", db=tiny_db, start=date(2017, 12, 1), end=date(2018, 2, 28),
                      units=UNITS, fields=[], channels=[], history="then")
    got = {(r.unit_group, r.month.strftime("%Y-%m")): (r.received, r.resolved, r.resolved_in_time, r.late)
           for r in frame.itertuples()}
    assert got == {
        ("town", "2017-12"): (2, 0, 0, 0),          # D1, D5 received
        ("town", "2018-01"): (3, 3, 2, 1),          # D2, D3, D4 received; D1, D2 in time, D3 late
        ("commune_ward", "2017-12"): (2, 1, 1, 0),  # D8, D12 received; D8 resolved
        ("commune_ward", "2018-01"): (3, 2, 2, 0),  # D6, D7, D11 received; D6, D12 resolved
        ("commune_ward", "2018-02"): (0, 1, 0, 1),  # D11 finished late
    }


def test_units_and_fields_lists(tiny_db):
    units = run_query("units", db=tiny_db)
    assert list(units["unit_code"]) == ["thi-xa", "le-loi", "kim-son"]  # town, wards, communes
    assert list(run_query("fields", db=tiny_db)["field_code"]) == ["dat-dai", "ho-tich"]


def test_data_range(tiny_db):
    row = run_query("data_range", db=tiny_db).iloc[0]
    assert row["first_received"].date() == date(2017, 12, 1)
    assert row["last_received"].date() == date(2018, 1, 31)
    assert row["dossiers"] == 12
    assert row["dataset_kind"] == "real"


def test_unknown_query_is_a_data_error(tiny_db):
    with pytest.raises(DataError):
        run_query("no_such_query", db=tiny_db)


def test_cached_result_is_a_copy(tiny_db):
    first = run_query("units", db=tiny_db)
    first.loc[0, "name"] = "changed"
    assert run_query("units", db=tiny_db).loc[0, "name"] == "Bộ phận một cửa thị xã Sơn Tây"


def test_queries_run_side_by_side_give_the_same_frames(tiny_db):
    from cchc.store.db import clear_cache, run_queries

    params = {**JAN, "units": UNITS}
    calls = {
        "jan": ("dossier_balance", params),
        "feb": ("dossier_balance", {**params, "start": date(2018, 2, 1), "end": date(2018, 2, 28)}),
        "units": ("units", {}),
    }
    clear_cache()
    together = run_queries(calls, tiny_db)
    clear_cache()
    for key, (name, p) in calls.items():
        assert together[key].equals(run_query(name, tiny_db, **p)), key
    total = together["jan"][together["jan"]["is_total"]].iloc[0]
    assert tuple(int(total[c]) for c in COLUMNS) == EXPECTED_JAN[None]
    with pytest.raises(DataError):
        run_queries({**calls, "bad": ("dossier_balance", {"start": "not a date"})}, tiny_db)
