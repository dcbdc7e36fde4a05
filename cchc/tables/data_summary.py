"""What the database holds, in a few lines: the Data page's slide in presentation mode (the
page itself is an admin's page of uploads and undo, not for a projector).

Pure pandas: the query results in (queries/data_range.sql, units.sql, load_log.sql,
sync_state.sql), a two-column table of labelled lines out."""

from __future__ import annotations

import pandas as pd

from cchc.i18n.formats import fmt_date, fmt_int, is_missing
from cchc.i18n.labels import t


def _day(value, lang: str) -> str:
    return "—" if is_missing(value) else fmt_date(pd.Timestamp(value).date(), lang)


def _moment(value, lang: str) -> str:
    return "—" if is_missing(value) else f"{_day(value, lang)} {pd.Timestamp(value):%H:%M}"


def data_summary(data_range: dict, units: int, loads: pd.DataFrame, last_sync: pd.DataFrame,
                 lang: str = "vi") -> pd.DataFrame:
    """The lines of the summary: where the data come from (the demo's description), how many
    dossiers, received from which day to which, complete up to which day, how many units,
    the last PAR-index year, the last load still in force (or none) and the live feed's last
    run (when it ever ran). ``data_range`` is the one row of data_range.sql."""
    lines = []
    if not is_missing(data_range.get("dataset_description")):
        lines.append(("data_sum_source", str(data_range["dataset_description"])))
    lines += [
        ("data_sum_dossiers", fmt_int(data_range.get("dossiers") or 0, lang)),
        ("data_sum_received", t("data_sum_range", lang, start=_day(data_range.get("first_received"), lang),
                                end=_day(data_range.get("last_received"), lang))),
        ("data_sum_covered", _day(data_range.get("covered_until"), lang)),
        ("data_sum_units", fmt_int(units, lang)),
        ("data_sum_par_year", "—" if is_missing(data_range.get("last_par_year"))
         else str(int(data_range["last_par_year"]))),
    ]
    active = loads[loads["is_active"]] if not loads.empty else loads
    if active.empty:
        lines.append(("data_sum_last_load", t("data_sum_no_load", lang)))
    else:
        load = active.sort_values("load_id").iloc[-1]
        lines.append(("data_sum_last_load", t("data_sum_load", lang, load=int(load["load_id"]),
                                              kind=t(f"imp_kind_short_{load['kind']}", lang),
                                              time=_moment(load["loaded_at"], lang))))
    if not last_sync.empty:
        lines.append(("data_sum_last_sync", _moment(last_sync.iloc[0]["finished_at"], lang)))
    return pd.DataFrame({t("data_sum_item", lang): [t(key, lang) for key, _ in lines],
                         t("data_sum_value", lang): [value for _, value in lines]})
