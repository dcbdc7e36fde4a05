"""queries/dossier_balance_groups.sql (the Overview's group totals, one call per period)
gives, for each group, exactly the total row of queries/dossier_balance.sql run over that
group's units alone — the way the Overview computed it before (``_balance_total`` below, once
``kpis.group_total``) — on the tiny and demo databases, for the period and its two comparison
periods, as :func:`cchc.core.kpis.meeting_figures` returns them."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cchc.core.filters import Filters
from cchc.core.kpis import meeting_figures, units_by_group
from cchc.core.periods import Period
from cchc.store.db import run_query

TINY_PERIODS = [Period.month(2018, 1), Period.month(2018, 2), Period.month(2017, 6), Period.quarter(2018, 1),
                Period.half(2018, 1), Period.year(2017), Period.custom(date(2018, 1, 5), date(2018, 1, 20))]
DEMO_PERIODS = [Period.half(2018, 1), Period.month(2019, 3), Period.year(2017), Period.quarter(2020, 4)]


def _balance_total(filters: Filters, units: list[str], period: Period) -> pd.Series:
    """The reference: the total row of the balance of these units alone."""
    frame = run_query("dossier_balance", **filters.query_params(start=period.start, end=period.end, units=units))
    return frame[frame["is_total"]].iloc[0]


def _same_row(new: pd.Series, old: pd.Series) -> None:
    assert list(new.index) == list(old.index)
    for key in old.index:
        a, b = new[key], old[key]
        if pd.isna(b):
            assert pd.isna(a), key
        else:
            assert a == b and type(a) is type(b), (key, a, b)


def _check(units: pd.DataFrame, filters: Filters) -> int:
    groups = {g: codes for g, codes in units_by_group(units, filters.unit_codes).items() if codes}
    kpis = meeting_figures(filters, units).kpis
    assert set(kpis) == set(groups)
    checked = 0
    for group, codes in groups.items():
        old = _balance_total(filters, codes, filters.period)
        _same_row(kpis[group].current, old)
        checked += int(old["received"]) + int(old["carried_over"])
        for got, period in ((kpis[group].previous, filters.period.previous()),
                            (kpis[group].year_earlier, filters.period.year_earlier())):
            _same_row(got, _balance_total(filters, codes, period))
    return checked


def test_group_totals_equal_balance_totals_tiny(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    units = run_query("units")
    codes = tuple(units["unit_code"])
    seen = 0
    for period in TINY_PERIODS:
        for chosen in ((), ("thi-xa",), ("le-loi", "kim-son"), ("thi-xa", "kim-son")):
            for channels in ((), ("online",)):
                seen += _check(units, Filters(period=period, units=chosen, channels=channels, all_units=codes))
    assert seen > 0  # the periods hold dossiers: the comparison is not over empty totals


def test_group_totals_equal_balance_totals_demo(demo_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    units = run_query("units")
    codes = tuple(units["unit_code"])
    wards = tuple(units.loc[units["kind"] != "town", "unit_code"][:4])
    fields = tuple(run_query("fields")["field_code"][:2])
    seen = 0
    for period in DEMO_PERIODS:
        for chosen, field_codes in (((), ()), (wards, ()), ((codes[0],) + wards, fields)):
            seen += _check(units, Filters(period=period, units=chosen, fields=field_codes, all_units=codes))
    assert seen > 1000


def test_no_units_no_groups(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    assert meeting_figures(Filters(period=Period.month(2018, 1)), run_query("units")).kpis == {}
