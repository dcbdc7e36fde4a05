"""The shared filters' widgets in the sidebar, and their two-way link with the URL.

What a choice means (:class:`cchc.core.filters.Filters`) and how a URL is read lives in
cchc/core/filters.py; here: on the first run of a session the URL seeds the widgets (bad
values give a short warning and fall back to the default); on every run the widgets write
the URL back, so a copied URL reopens exactly the same view in a new browser.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cchc.core.filters import (
    CHANNELS,
    HISTORY_MODES,
    PERIOD_KINDS,
    UNIT_KINDS,
    URL_KEYS,
    Filters,
    clamp_range,
    default_period,
    parse_url_values,
    period_kind,
    period_options,
)
from cchc.core.periods import Period
from cchc.core.units import limited_label, scope_choices, scope_view, shown_as_today, units_in_period
from cchc.i18n.labels import LANGS, t
from cchc.ui.safety import echo


def current_lang() -> str:
    """The language of this session ('vi' unless switched)."""
    lang = st.session_state.get("lang", "vi")
    return lang if lang in LANGS else "vi"


def parse_url(units: pd.DataFrame, fields: pd.DataFrame, default: Period,
              first: date | None = None, last: date | None = None,
              scope_codes=()) -> tuple[dict, list[str]]:
    """Widget values from the current URL, and the parameters that were rejected (a custom
    range is cut to the data's range: see :func:`cchc.core.filters.clamp_range`; an unknown
    scope gives all the data)."""
    values = {name: st.query_params.get_all(name) for name in URL_KEYS}
    values = {name: given for name, given in values.items() if given}
    filters, bad = parse_url_values(values, units["unit_code"], fields["field_code"], default, first, last,
                                    scope_codes)
    period = filters.period
    state = {
        "f_kind": period.kind, "f_period": period.code or default.code, "f_from": period.start, "f_to": period.end,
        "f_units": list(filters.units), "f_fields": list(filters.fields), "f_channels": list(filters.channels),
        "lang": filters.lang, "f_history": filters.history, "f_scope": filters.scope,
    }
    return state, bad


def _select_group(groups: dict[str, list[str]]) -> None:
    # A group chip selects all its units at once; the unit list stays editable after that.
    kind = st.session_state.get("f_unit_group")
    if kind in groups:
        st.session_state["f_units"] = groups[kind]
    st.session_state["f_unit_group"] = None


def _reset(defaults: dict) -> None:
    for key, value in defaults.items():
        if key != "lang":
            st.session_state[key] = value


def render_filters(
    units: pd.DataFrame,
    fields: pd.DataFrame,
    first: date | None,
    last: date | None,
    covered_until: date | None = None,
    scopes: pd.DataFrame | None = None,
    limited: bool = False,
) -> Filters:
    """Draw the shared filters in the sidebar, sync them with the URL, return the choice.

    ``first``/``last`` bound the periods offered; ``covered_until`` (the last day the data
    cover, days off included) decides which half-year is complete: the default. ``scopes``
    (rows of ``queries/unit_scopes.sql`` for the user's units) are the scopes offered;
    ``limited``: the user sees only some units (``units`` is already cut to them)."""
    default = default_period(covered_until or last)
    choices = scope_choices(scopes)
    _seed_from_url(units, fields, default, first, last, tuple(choices["scope_code"]))
    bad = st.session_state.pop("_url_bad", [])
    if bad:
        # echoed as inert text, each value cut to 80 characters (cchc/ui/safety.py)
        st.warning(f"{t('bad_url', current_lang())}: {', '.join(echo(b) for b in bad)}", icon="⚠️")
    with st.sidebar:
        st.segmented_control(
            t("language", current_lang()), LANGS, key="lang", format_func=str.upper, selection_mode="single"
        )
        lang = current_lang()
        st.subheader(t("filters", lang))
        scope = _scope_widget(choices, lang)
        period = _period_widgets(default, first or default.start, last or default.end, lang)
        history = _history_widget(lang)
        # the scope first: the units inside it (cchc/core/units.py); then as the units were:
        # those that existed in the period (and any chosen); as today's units: the current
        # ones, each bringing its predecessors' history
        offered, read = scope_view(units, scopes, scope, history)
        inside = scope_view(units, scopes, scope, "then")[1]
        if history != "today":
            chosen = offered["unit_code"].isin(st.session_state.get("f_units") or [])
            offered = offered[offered["unit_code"].isin(units_in_period(offered, period.start, period.end)["unit_code"])
                              | chosen]
            read = list(offered["unit_code"])
        selected_units, selected_fields, selected_channels = _scope_widgets(offered, fields, lang)
        st.button(t("reset_filters", lang), on_click=_reset, args=(_defaults(default),), key="f_reset")

    filters = Filters(
        period=period,
        units=tuple(selected_units),
        fields=tuple(selected_fields),
        channels=tuple(selected_channels),
        lang=lang,
        all_units=tuple(read),
        history=history,
        today_of=tuple(shown_as_today(units).items()),
        scope=scope,
        scope_units=tuple(inside),
        scope_label=_scope_label(choices, scope, units, limited, lang),
    )
    _write_url(filters)
    st.session_state["filters"] = filters
    return filters


def _seed_from_url(units: pd.DataFrame, fields: pd.DataFrame, default: Period,
                   first: date | None, last: date | None, scope_codes: tuple[str, ...]) -> None:
    # Only on a session's first run: afterwards the widgets own the values.
    if st.session_state.get("_url_loaded"):
        return
    state, bad = parse_url(units, fields, default, first, last, scope_codes)
    st.session_state.update(state)
    st.session_state["_url_loaded"] = True
    st.session_state["_url_bad"] = bad


def _defaults(default: Period) -> dict:
    return {"f_kind": default.kind, "f_period": default.code, "f_from": default.start,
            "f_to": default.end, "f_units": [], "f_fields": [], "f_channels": [], "f_history": "then",
            "f_scope": ""}


def _scope_widget(choices: pd.DataFrame, lang: str) -> str:
    """The scope the sidebar starts from: an administrative unit that contains units in the
    data (a province, a former district, a commune), or all the data ('')."""
    names = {"": t("scope_all", lang)}
    for code, name, ended in zip(choices["scope_code"], choices["scope_name"], choices["scope_ended"]):
        names[code] = t("scope_ended_name", lang, name=name) if bool(ended) else name
    if st.session_state.get("f_scope") not in names:
        st.session_state["f_scope"] = ""
    if len(names) == 1:  # no official codes in the data: nothing to choose
        return ""
    return st.selectbox(t("scope", lang), list(names), key="f_scope", format_func=names.get,
                        help=t("scope_help", lang)) or ""


def _scope_label(choices: pd.DataFrame, scope: str, units: pd.DataFrame, limited: bool, lang: str) -> str:
    """How "every unit" of the view reads (Filters.scope_label): the scope's name, or the
    units of a limited user; '' for all the data."""
    if scope:
        row = choices[choices["scope_code"] == scope]
        if not row.empty:
            name = row["scope_name"].iloc[0]
            return t("scope_ended_name", lang, name=name) if bool(row["scope_ended"].iloc[0]) else name
    if limited:
        return limited_label(list(units["name"]), lang)
    return ""


def _history_widget(lang: str) -> str:
    """The two ways to see history: as the units were (then) or as today's units (today)."""
    names = {"then": t("history_then", lang), "today": t("history_today", lang)}
    if st.session_state.get("f_history") not in HISTORY_MODES:
        st.session_state["f_history"] = "then"
    chosen = st.segmented_control(
        t("history", lang), HISTORY_MODES, key="f_history", format_func=names.get,
        selection_mode="single", help=t("history_help", lang),
    )
    return chosen if chosen in HISTORY_MODES else "then"


def _period_widgets(default: Period, first: date, last: date, lang: str) -> Period:
    """The period kind, then a period of that kind (or a custom range); returns the period."""
    kind = st.selectbox(
        t("period_kind", lang), PERIOD_KINDS, key="f_kind", format_func=lambda k: t(f"kind_{k}", lang)
    )
    if kind == "custom":
        c1, c2 = st.columns(2)
        start = c1.date_input(t("date_from", lang), key="f_from", format="DD/MM/YYYY")
        end = c2.date_input(t("date_to", lang), key="f_to", format="DD/MM/YYYY")
        if end < start:
            start, end = end, start
        start, end = clamp_range(start, end, first, last)  # bounded work for any range
        period = Period.parse_range(start.isoformat(), end.isoformat())
        if period.kind != "custom":  # a range that is a calendar period stays a custom choice
            period = Period.custom(start, end)
        return period
    options = period_options(kind, first, last) or [default.code]
    chosen = st.session_state.get("f_period")
    if chosen not in options:
        if period_kind(chosen) == kind:
            # A valid period outside the data (from the URL) stays chosen: the
            # pages say there is no data rather than silently showing another.
            options = sorted([*options, chosen], reverse=True)
        else:
            st.session_state["f_period"] = options[0]
    code = st.selectbox(
        t("period", lang), options, key="f_period",
        format_func=lambda c: Period.parse(c).label(lang),
    )
    period = Period.parse(code)
    st.session_state["f_from"], st.session_state["f_to"] = period.start, period.end
    return period


def _scope_widgets(units: pd.DataFrame, fields: pd.DataFrame, lang: str) -> tuple[list, list, list]:
    """The unit group chips and the unit, field and channel lists; returns the three choices."""
    names = dict(zip(units["unit_code"], units["name"]))
    offered = set(units["unit_code"])
    # a unit chosen in the other way of seeing history may not be offered in this one
    st.session_state["f_units"] = [c for c in st.session_state.get("f_units", []) if c in offered]
    field_names = dict(zip(fields["field_code"], fields["name"]))
    # the groups present in the data (queries/units.sql: unit_kind, from the levels and kinds)
    kind_of = units["unit_kind"] if "unit_kind" in units.columns else units["kind"]
    kinds = [k for k in UNIT_KINDS if (kind_of == k).any()]
    groups = {k: list(units.loc[kind_of == k, "unit_code"]) for k in kinds}
    st.pills(
        t("unit_groups", lang), kinds, key="f_unit_group", selection_mode="single",
        format_func=lambda k: t(f"group_{k}", lang), on_change=_select_group, args=(groups,),
        help=t("unit_groups_help", lang),
    )
    selected_units = st.multiselect(
        t("units", lang), list(units["unit_code"]), key="f_units",
        format_func=lambda c: names.get(c, c), placeholder=t("units_all", lang), select_all=False,
    )
    selected_fields = st.multiselect(
        t("fields", lang), list(fields["field_code"]), key="f_fields",
        format_func=lambda c: field_names.get(c, c), placeholder=t("fields_all", lang), select_all=False,
    )
    selected_channels = st.multiselect(
        t("channels", lang), CHANNELS, key="f_channels",
        format_func=lambda c: t(f"channel_{c}", lang), placeholder=t("channels_all", lang), select_all=False,
    )
    return selected_units, selected_fields, selected_channels


def _write_url(filters: Filters) -> None:
    wanted = filters.to_url()
    qp = st.query_params
    for key in URL_KEYS:
        value = wanted.get(key)
        current = qp.get_all(key)
        if value is None:
            if current:
                del qp[key]
        elif (value if isinstance(value, list) else [value]) != current:
            qp[key] = value


def current_filters() -> Filters:
    """The filters the entry point (dashboard.py) resolved for this run."""
    return st.session_state["filters"]
