"""The meeting figures for a period, shared by the Overview page and the PDF report.

Everything here is a thin arrangement of named queries: the numbers themselves come from
``queries/dossier_balance.sql`` and friends, so a page and the report can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cchc.db import run_query
from cchc.filters import Filters
from cchc.periods import Period, shift_months

GROUPS = ("town", "commune_ward")


def units_by_group(units: pd.DataFrame, selected: list[str]) -> dict[str, list[str]]:
    """Split the selected units into the town desks and the communes/wards."""
    chosen = units[units["unit_code"].isin(selected)]
    return {
        "town": list(chosen.loc[chosen["kind"] == "town", "unit_code"]),
        "commune_ward": list(chosen.loc[chosen["kind"] != "town", "unit_code"]),
    }


def group_total(filters: Filters, units: list[str], period: Period) -> pd.Series | None:
    """The total row of the balance for these units and period (None without units)."""
    if not units:
        return None
    frame = run_query(
        "dossier_balance",
        **filters.query_params(start=period.start, end=period.end, units=units),
    )
    return frame[frame["is_total"]].iloc[0]


@dataclass
class GroupKpis:
    """One group's totals now, in the previous period and a year earlier."""

    group: str
    current: pd.Series | None
    previous: pd.Series | None
    year_earlier: pd.Series | None


def overview_kpis(filters: Filters, units: pd.DataFrame) -> dict[str, GroupKpis]:
    """The KPI totals of each group for the filter period and its two comparison periods."""
    groups = units_by_group(units, filters.unit_codes)
    period = filters.period
    return {
        group: GroupKpis(
            group,
            group_total(filters, codes, period),
            group_total(filters, codes, period.previous()),
            group_total(filters, codes, period.year_earlier()),
        )
        for group, codes in groups.items()
        if codes
    }


def par_year_for(period: Period, available_last_year) -> int | None:
    """The PAR ranking that had been announced by the period: scores of a year are
    published the following year, so a period ending before 31 December shows the year
    before its end year."""
    if available_last_year is None or pd.isna(available_last_year):
        return None
    end_year = period.end.year if (period.end.month, period.end.day) == (12, 31) else period.end.year - 1
    return min(int(available_last_year), end_year)


def trend_window(period: Period, first_data_day: date | None, months: int = 24) -> Period:
    """The months shown in the trend: up to ``months`` months ending with the period's
    last month, never before the first month with data."""
    start = shift_months(period.end.replace(day=1), -(months - 1))
    if first_data_day is not None:
        start = max(start, first_data_day.replace(day=1))
    return Period.custom(min(start, period.start), period.end)
