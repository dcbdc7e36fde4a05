"""The dossier list (Hồ sơ): its controls, query parameters, pages and labels (its columns on
screen and in the export are declared in cchc/tables/dossiers.py).

The list is queries/dossier_list.sql, one page at a time (LIMIT/OFFSET bound), with the
count from queries/dossier_list_count.sql. Sorting is chosen from a fixed set of keys that
the query maps to columns; user text never reaches the SQL text, only bound parameters.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd

from cchc.core.filters import Filters
from cchc.core.periods import Period
from cchc.i18n.labels import t
from cchc.store.db import as_date, run_query

PAGE_SIZE = 50
EXPORT_CAP = 50_000
SEARCH_MAX = 100

# States a dossier in scope can be in (1 'registered online' and 3 'refused' never are).
LIST_STATES = (2, 4, 5, 6, 7, 8, 9, 10)

# sort key -> label key; the keys are the whitelist known to queries/dossier_list.sql
SORT_KEYS = {
    "received": "dl_received_date",
    "code": "dl_code",
    "unit": "unit",
    "procedure": "prog_procedure",
    "field": "prog_field",
    "channel": "dl_channel",
    "due": "dl_due_date",
    "finished": "dl_finished_date",
    "state": "dl_state",
    "outcome": "dl_outcome",
    "days_late": "dl_days_late",
}
DEFAULT_SORT = "received"
# received dates that read every dossier (queries/dossier_list.sql $received_from/$received_to)
ALL_RECEIVED = (date(1, 1, 1), date(9999, 12, 31))

# Page-local controls kept in the URL by code (not by label, so that a link works in either
# language): session key = URL parameter.
URL_KEYS = ("dl_state", "dl_proc", "dl_sort")


def url_state(get_all) -> dict:
    """Session values of the list's coded controls from the URL (``get_all(name)`` gives the
    values of one parameter); unknown values are dropped, absent parameters left out."""
    state: dict = {}
    states = [int(v) for v in get_all("dl_state") if v.isascii() and v.isdigit() and int(v) in LIST_STATES]
    if states:
        state["dl_state"] = list(dict.fromkeys(states))
    procedures = [v for v in get_all("dl_proc") if v]
    if procedures:
        state["dl_proc"] = list(dict.fromkeys(procedures))
    sort = [v for v in get_all("dl_sort") if v in SORT_KEYS]
    if sort:
        state["dl_sort"] = sort[0]
    return state


def url_params(states=(), procedures=(), sort: str = DEFAULT_SORT) -> dict[str, list[str]]:
    """The URL parameters of the coded controls; an empty list means 'remove the parameter'."""
    return {
        "dl_state": [str(int(s)) for s in states],
        "dl_proc": [str(p) for p in procedures],
        "dl_sort": [sort] if sort in SORT_KEYS and sort != DEFAULT_SORT else [],
    }


def clean_search(text: str | None) -> str:
    """The search text as bound to the query: trimmed, at most ``SEARCH_MAX`` characters."""
    return (text or "").strip()[:SEARCH_MAX]


def count_params(
    filters: Filters, *, states=(), late_only: bool = False, procedures=(), search: str = ""
) -> dict:
    """Bound parameters of queries/dossier_list_count.sql (unknown states are dropped)."""
    return filters.query_params(
        states=[int(s) for s in states if int(s) in LIST_STATES],
        late_only=bool(late_only),
        procedures=[str(p) for p in procedures],
        search=clean_search(search),
    )


def matching_count(
    filters: Filters, *, states=(), late_only: bool = False, procedures=(), search: str = ""
) -> int:
    """How many dossiers the list holds for these filters.

    Without a list filter of its own the list is the balance's scope, every dossier carried
    over or received, so the count is the balance's carried over + received
    (queries/dossier_balance.sql, read off the rollups and shared with the other pages);
    with one, queries/dossier_list_count.sql counts the rows. tests/pages/test_page_dossiers.py
    checks that the two agree."""
    params = count_params(filters, states=states, late_only=late_only, procedures=procedures, search=search)
    if params["states"] or params["late_only"] or params["procedures"] or params["search"]:
        return int(run_query("dossier_list_count", **params)["matching"].iloc[0])
    total = _balance_total(filters)
    return 0 if total is None else int(total["carried_over"] + total["received"])


def _balance_total(filters: Filters) -> pd.Series | None:
    """The total row of queries/dossier_balance.sql for the filters (None without units)."""
    balance = run_query("dossier_balance", **filters.query_params())
    total = balance[balance["is_total"]]
    return total.iloc[0] if len(total) else None


def list_params(
    filters: Filters, *, states=(), late_only: bool = False, procedures=(), search: str = "",
    sort: str = DEFAULT_SORT, descending: bool = False, page: int = 1, page_size: int | None = None,
) -> dict:
    """Bound parameters of queries/dossier_list.sql for one page (of ``PAGE_SIZE`` rows by
    default); an unknown sort key falls back to the received date, a page below 1 to the first.
    Every received date is read (:func:`page_rows` narrows them)."""
    params = count_params(filters, states=states, late_only=late_only, procedures=procedures, search=search)
    page = max(int(page), 1)
    page_size = PAGE_SIZE if page_size is None else page_size
    return {
        **params,
        "sort": sort if sort in SORT_KEYS else DEFAULT_SORT,
        "descending": bool(descending),
        "limit": int(page_size),
        "offset": (page - 1) * int(page_size),
        "received_from": ALL_RECEIVED[0],
        "received_to": ALL_RECEIVED[1],
    }


def _in_received_order_unfiltered(params: dict) -> bool:
    return params["sort"] == "received" and not any(params[k] for k in ("states", "late_only", "procedures", "search"))


def received_window(params: dict, months: pd.DataFrame, carried_over: int) -> tuple[date, date]:
    """The received dates a page of the list lies within, from counts the rollups give.

    Only for the list in received-date order without a list filter of its own (states, late
    only, procedures, search), where the rollups know how many rows come before a date: in
    ascending order the carried-over dossiers (received before the period) come first, then
    the period's months in order; in descending order the months from the last one back. The
    first months whose rows reach the end of the page (``offset + limit``) hold every row of
    the page, so the query reads only those (at 100 M dossiers: a month instead of the
    half-year's 11 million rows). ``months`` is queries/dossier_list_window.sql for the same
    filters, ``carried_over`` the balance's carried over. Otherwise :data:`ALL_RECEIVED`."""
    if not _in_received_order_unfiltered(params):
        return ALL_RECEIVED
    need = int(params["offset"]) + int(params["limit"])
    start, end = as_date(params["start"]), as_date(params["end"])
    counts = [(as_date(m), int(n)) for m, n in zip(months["month"], months["received"])]
    if params["descending"]:
        total = 0
        for month, received in reversed(counts):
            total += received
            if total >= need:
                return max(month, start), ALL_RECEIVED[1]
        return ALL_RECEIVED
    if carried_over >= need:
        return ALL_RECEIVED[0], start - timedelta(days=1)
    total = carried_over
    for month, received in counts:
        total += received
        if total >= need:
            return ALL_RECEIVED[0], min(Period.month(month.year, month.month).end, end)
    return ALL_RECEIVED


def page_rows(filters: Filters, **options) -> pd.DataFrame:
    """One page of the list (``options`` as for :func:`list_params`), reading only the
    received dates the page can lie within (:func:`received_window`)."""
    params = list_params(filters, **options)
    if _in_received_order_unfiltered(params):
        months = run_query("dossier_list_window", **filters.query_params())
        total = _balance_total(filters)
        carried = 0 if total is None else int(total["carried_over"])
        params["received_from"], params["received_to"] = received_window(params, months, carried)
    return run_query("dossier_list", **params)


def list_filters_text(states=(), late_only: bool = False, procedures=(), search: str = "", lang: str = "vi") -> str:
    """The list's own filters in words, for the export title rows ('' when none is set)."""
    parts = []
    if states:
        parts.append(f"{t('dl_states', lang)}: " + ", ".join(t(f"state_{int(s)}", lang) for s in states))
    if procedures:
        parts.append(f"{t('dl_procedures', lang)}: " + ", ".join(str(p) for p in procedures))
    if late_only:
        parts.append(t("dl_late_only", lang))
    if clean_search(search):
        parts.append(f"{t('dl_search', lang)}: “{clean_search(search)}”")
    return "; ".join(parts)


def page_count(total: int, page_size: int | None = None) -> int:
    """Pages needed for ``total`` rows (at least 1, so the pager always has a page)."""
    return max(1, math.ceil(int(total) / (PAGE_SIZE if page_size is None else page_size)))


def export_rows(
    filters: Filters, *, states=(), late_only: bool = False, procedures=(), search: str = "",
    sort: str = DEFAULT_SORT, descending: bool = False, lang: str = "vi",
) -> pd.DataFrame:
    """The whole filtered list in the chosen order, at most ``EXPORT_CAP`` rows, labelled for
    export (run when a download button is clicked, not on every rerun)."""
    rows = page_rows(filters, states=states, late_only=late_only, procedures=procedures, search=search,
                     sort=sort, descending=descending, page=1, page_size=EXPORT_CAP)
    return labelled(rows, lang)


def labelled(rows: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The query rows with the Vietnamese/English labels of procedure, channel, state and outcome."""
    out = rows.copy()
    out["procedure_label"] = [f"{c} · {n}" if n != c else c for c, n in zip(out["procedure_code"], out["procedure_name"])]
    out["channel_label"] = [t(f"channel_{c}", lang) for c in out["channel"]]
    out["state_label"] = [t(f"state_{int(s)}", lang) for s in out["state"]]
    out["outcome_label"] = [t(f"outcome_{o}", lang) for o in out["outcome"]]
    out["days_late"] = out["days_late"].astype("Int64")
    for column in ("received_date", "due_date", "finished_date"):
        out[column] = pd.to_datetime(out[column])  # missing dates stay NaT: shown blank
    return out
