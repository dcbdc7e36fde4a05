"""The meeting figures for a period, shared by the Overview page and the PDF report.

Everything here is a thin arrangement of named queries: the numbers themselves come from
``queries/dossier_balance.sql`` and friends, so a page and the report can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cchc.core.filters import Filters
from cchc.core.periods import Period, shift_months
from cchc.core.targets import below_ontime_target, par_level
from cchc.core.units import balance_query
from cchc.store.db import run_queries, run_query


def units_by_group(units: pd.DataFrame, selected: list[str]) -> dict[str, list[str]]:
    """Split the selected units into the town desks and the communes/wards."""
    chosen = units[units["unit_code"].isin(selected)]
    return {
        "town": list(chosen.loc[chosen["kind"] == "town", "unit_code"]),
        "commune_ward": list(chosen.loc[chosen["kind"] != "town", "unit_code"]),
    }


@dataclass
class GroupKpis:
    """One group's totals now, in the previous period and a year earlier."""

    group: str
    current: pd.Series | None
    previous: pd.Series | None
    year_earlier: pd.Series | None


def _group_params(filters: Filters, units: list[str], period: Period) -> dict:
    return filters.query_params(start=period.start, end=period.end, units=units)


def _group_rows(frame: pd.DataFrame) -> dict[str, pd.Series]:
    rows = frame.drop(columns="unit_group")
    return {group: rows.iloc[i] for i, group in enumerate(frame["unit_group"])}


KPI_PERIODS = ("current", "previous", "year_earlier")


def _kpi_periods(period: Period) -> dict[str, Period]:
    return dict(zip(KPI_PERIODS, (period, period.previous(), period.year_earlier())))


def _kpi_groups(filters: Filters, units: pd.DataFrame) -> tuple[dict[str, list[str]], list[str]]:
    groups = {group: codes for group, codes in units_by_group(units, filters.unit_codes).items() if codes}
    return groups, [code for codes in groups.values() for code in codes]


def _kpis_from(groups: dict[str, list[str]], totals: dict[str, dict[str, pd.Series]]) -> dict[str, GroupKpis]:
    return {
        group: GroupKpis(group, *(totals[key].get(group) for key in KPI_PERIODS))
        for group in groups
    }


def _kpi_calls(filters: Filters, selected: list[str]) -> dict[str, tuple[str, dict]]:
    """One dossier_balance_groups call per KPI period, for :func:`cchc.store.db.run_queries`."""
    return {
        key: ("dossier_balance_groups", _group_params(filters, selected, p))
        for key, p in _kpi_periods(filters.period).items()
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


def whole_history(first_data_day: date | None, last_data_day: date | None) -> Period | None:
    """Every month with data, from the first month to the last day received (None without
    data): the range of a trend that does not follow the period filter."""
    if first_data_day is None or last_data_day is None:
        return None
    return Period.custom(first_data_day.replace(day=1), last_data_day)


@dataclass
class MeetingFigures:
    """Everything the Overview page and the PDF meeting report show for one set of filters.

    Built once by :func:`meeting_figures` from named queries, so the page and the report
    show the same numbers and say the same sentences."""

    filters: Filters
    units: pd.DataFrame
    info: pd.Series
    kpis: dict[str, GroupKpis]
    per_unit: pd.DataFrame
    par_year: int | None
    ranking: pd.DataFrame | None
    procedures: pd.Series | None
    trend_window: Period
    trend: pd.DataFrame

    @property
    def has_dossiers(self) -> bool:
        """True when any selected unit has a dossier carried over, received or resolved."""
        return any(
            k.current is not None and bool(k.current["received"] or k.current["resolved"] or k.current["carried_over"])
            for k in self.kpis.values()
        )

    @property
    def is_demo(self) -> bool:
        """True when the database says it holds demo (or generated) data, alone or mixed
        with loaded real data."""
        return data_notice_key(self.info["dataset_kind"]) is not None

    @property
    def notice_key(self) -> str | None:
        """The label of the notice that says what the data are (None for real data)."""
        return data_notice_key(self.info["dataset_kind"])

    def town_label_key(self) -> str:
        """The label of the desks' group: 'town_desk' when its selected units are districts'
        desks (the town desk of the 2018 report), 'desks' when a province's desk or a
        department is among them (since 1 July 2025)."""
        chosen = self.units[self.units["unit_code"].isin(self.filters.unit_codes) & (self.units["kind"] == "town")]
        levels = set(chosen["level"].dropna()) if "level" in chosen.columns else set()
        return "desks" if levels & {"province", "department"} else "town_desk"

    def group(self, name: str) -> GroupKpis | None:
        """The KPIs of 'town' or 'commune_ward', or None when no such unit is selected."""
        return self.kpis.get(name)

    def below_target(self) -> pd.DataFrame:
        """The selected units whose on-time rate (formula A) is below the target, lowest first;
        units that resolved nothing are not judged."""
        rates = self.per_unit[self.per_unit["resolved"] > 0]
        # a boolean Series, not a list: an empty list would select no columns (2019-H1 crash)
        below = rates[pd.Series([below_ontime_target(r) for r in rates["ontime_rate"]], index=rates.index, dtype=bool)]
        return below.sort_values(["ontime_rate", "short_name"]).reset_index(drop=True)

    def weak_par(self) -> pd.DataFrame:
        """The ranked communes/wards whose PAR total is below the weak line of the band."""
        ranked = self.ranking_rows()
        return ranked[pd.Series([par_level(v) == "weak" for v in ranked["total"]], index=ranked.index,
                                dtype=bool)].reset_index(drop=True)

    def ranking_rows(self) -> pd.DataFrame:
        """The ranked rows of the PAR ranking (units with a score), best first."""
        if self.ranking is None:
            return pd.DataFrame(columns=["unit_code", "name", "short_name", "total", "rank", "max_total"])
        ranked = self.ranking[self.ranking["rank"].notna()]
        return ranked.sort_values(["rank", "short_name"]).reset_index(drop=True)

    def summary(self) -> list[str]:
        """The summary sentences shown on the Overview and printed in the report."""
        from cchc.core.summary import summary_paragraphs

        town, wards = self.group("town"), self.group("commune_ward")
        return summary_paragraphs(
            town.current if town else None, town.previous if town else None,
            wards.current if wards else None, wards.previous if wards else None,
            self.procedures, self.ranking, self.par_year, self.filters.lang,
            below=self.below_target() if self.has_dossiers else None,
            weak=self.weak_par() if self.par_year is not None else None,
        )


# The Overview shows a city's 580 communes as their two ends; the full lists are on the
# Xếp hạng and Tiến độ pages.
OVERVIEW_RANKING_EACH = 15  # the first and the last this many units of the PAR ranking
OVERVIEW_LIST_MAX = 15  # units listed below a target, the lowest first


def ranking_ends(ranked: pd.DataFrame, each: int = OVERVIEW_RANKING_EACH) -> pd.DataFrame:
    """The first ``each`` and the last ``each`` rows of a ranking in rank order; all its rows
    when there are at most ``2 * each``."""
    if len(ranked) <= 2 * each:
        return ranked
    return pd.concat([ranked.head(each), ranked.tail(each)], ignore_index=True)


def _in_scope(frame, all_units):
    # security: the PAR ranking query ranks every unit; a user limited to some units sees
    # only theirs (cchc/auth/roles.py)
    from cchc.auth.roles import in_scope

    return in_scope(frame, all_units)


def meeting_figures(filters: Filters, units: pd.DataFrame | None = None, info: pd.Series | None = None) -> MeetingFigures:
    """Run the named queries behind the Overview and the report for these filters (side by
    side: :func:`cchc.store.db.run_queries`)."""
    units = run_query("units") if units is None else units
    info = run_query("data_range").iloc[0] if info is None else info
    period = filters.period
    par_year = par_year_for(period, info["last_par_year"])
    first = info["first_received"]
    first_day = None if first is None or pd.isna(first) else pd.Timestamp(first).date()
    window = trend_window(period, first_day)
    groups, selected = _kpi_groups(filters, units)
    calls = {
        # history as the units were, or as today's units (cchc/core/units.py): the per-unit
        # figures and the trend re-mapped in SQL through the lineage
        "balance": (balance_query(filters.history), filters.query_params()),
        "procedures": ("procedure_summary", {"start": period.start, "end": period.end}),
        "trend": ("ontime_trend_monthly",
                  filters.query_params(start=window.start, end=window.end, history=filters.history)),
    }
    if par_year:
        calls["ranking"] = ("par_ranking", {"year": par_year})
    if selected:
        calls.update(_kpi_calls(filters, selected))
    frames = run_queries(calls)
    kpis = _kpis_from(groups, {key: _group_rows(frames[key]) for key in KPI_PERIODS}) if selected else {}
    balance = frames["balance"]
    per_unit = balance[~balance["is_total"]].reset_index(drop=True)
    procedures = frames["procedures"]
    district = procedures[procedures["level"] == "district"]
    return MeetingFigures(
        filters=filters, units=units, info=info, kpis=kpis, per_unit=per_unit, par_year=par_year,
        ranking=_in_scope(frames.get("ranking"), filters.visible_units), procedures=district.iloc[0] if len(district) else None,
        trend_window=window, trend=frames["trend"],
    )


# dataset_info.kind -> the label that says so wherever figures are shown
DATA_NOTICES = {"demo": "demo_banner", "mixed": "imp_mixed_banner", "synthetic": "synthetic_banner"}


def data_notice_key(kind) -> str | None:
    """The label key of the notice for a database of this kind; None for real data."""
    return DATA_NOTICES.get(kind if isinstance(kind, str) else "")
