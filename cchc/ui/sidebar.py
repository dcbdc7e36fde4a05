"""The shared filters of every page, and their two-way link with the URL.

The view lives in the URL: ``?period=2018-H1`` or ``?from=2018-01-01&to=2018-06-30``,
``&unit=xuan-khanh&unit=le-loi``, ``&field=dat-dai``, ``&channel=online``, ``&lang=en``.
On the first run of a session the URL seeds the widgets (bad values give a short warning
and fall back to the default); on every run the widgets write the URL back, so a copied
URL reopens exactly the same view in a new browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from cchc.ui import widget_state
from cchc.ui.safety import echo
from cchc.i18n.labels import LANGS, t
from cchc.core.periods import Period, PeriodError, latest_complete_half

CHANNELS = ("in_person", "online", "postal")
UNIT_KINDS = ("town", "ward", "commune")
PERIOD_KINDS = ("month", "quarter", "half", "year", "custom")
_KEYS = ("f_kind", "f_period", "f_from", "f_to", "f_units", "f_fields", "f_channels", "lang")
# URL parameters owned by the shared filters; pages own the others (e.g. ``year``).
URL_KEYS = ("period", "from", "to", "unit", "field", "channel", "lang")


@dataclass(frozen=True)
class Filters:
    """What the user chose: a period, units, fields and channels (empty = all)."""

    period: Period
    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    lang: str = "vi"
    all_units: tuple[str, ...] = field(default=(), repr=False)

    @property
    def unit_codes(self) -> list[str]:
        """The selected units, or every unit when none is selected."""
        return list(self.units or self.all_units)

    def query_params(self, **extra) -> dict:
        """The bound parameters of a dossier query for these filters."""
        return {
            "start": self.period.start,
            "end": self.period.end,
            "units": self.unit_codes,
            "fields": list(self.fields),
            "channels": list(self.channels),
            **extra,
        }

    def to_url(self) -> dict[str, str | list[str]]:
        """The URL parameters that reopen this view."""
        params: dict[str, str | list[str]] = dict(self.period.to_query_params())
        if self.units:
            params["unit"] = list(self.units)
        if self.fields:
            params["field"] = list(self.fields)
        if self.channels:
            params["channel"] = list(self.channels)
        if self.lang != "vi":
            params["lang"] = self.lang
        return params


def current_lang() -> str:
    """The language of this session ('vi' unless switched)."""
    lang = st.session_state.get("lang", "vi")
    return lang if lang in LANGS else "vi"


def default_period(last_received: date | None) -> Period:
    """The latest complete half-year in the data (the half-year before today without data)."""
    return latest_complete_half(last_received or date.today())


def _list_param(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


# security: bounded work. Named periods outside these years are refused; a custom range is
# cut to the data's range (a day before the first dossier .. some years after the last), so
# ?from=0001-01-01&to=9999-12-31 costs what the data's own range costs.
YEARS_ALLOWED = (1990, 2100)
RANGE_AFTER_DATA = timedelta(days=5 * 366)


def clamp_range(start: date, end: date, first: date | None, last: date | None) -> tuple[date, date]:
    """``start``..``end`` cut to [first - 1 day, last + 5 years] (figures are unchanged: no
    dossier is received before the first, none resolved or due that late after the last)."""
    if first is None or last is None:
        return start, end
    low, high = first - timedelta(days=1), last + RANGE_AFTER_DATA
    return min(max(start, low), high), max(min(end, high), low)


def parse_url(
    units: pd.DataFrame, fields: pd.DataFrame, default: Period,
    first: date | None = None, last: date | None = None,
) -> tuple[dict, list[str]]:
    """Widget values from the current URL, and the parameters that were rejected."""
    state: dict = {}
    bad: list[str] = []
    qp = st.query_params
    period = default
    if "from" in qp or "to" in qp:
        try:
            period = Period.parse_range(qp.get("from", ""), qp.get("to", ""))
            start, end = clamp_range(period.start, period.end, first, last)
            if (start, end) != (period.start, period.end):
                period = Period.custom(start, end)
        except (PeriodError, ValueError, OverflowError):
            bad.append(f"from={qp.get('from', '')}&to={qp.get('to', '')}")
    elif "period" in qp:
        try:
            period = Period.parse(qp.get("period", ""))
            if not YEARS_ALLOWED[0] <= period.start.year <= period.end.year <= YEARS_ALLOWED[1]:
                raise PeriodError("year out of range")
        except (PeriodError, ValueError, OverflowError):
            period = default
            bad.append(f"period={qp.get('period', '')}")
    state["f_kind"] = period.kind
    state["f_period"] = period.code or default.code
    state["f_from"], state["f_to"] = period.start, period.end

    for name, key, valid in (
        ("unit", "f_units", set(units["unit_code"])),
        ("field", "f_fields", set(fields["field_code"])),
        ("channel", "f_channels", set(CHANNELS)),
    ):
        values = _list_param(name)
        good = list(dict.fromkeys(v for v in values if v in valid))
        bad += [f"{name}={v}" for v in values if v not in valid]
        state[key] = good

    lang = qp.get("lang", "vi")
    if lang not in LANGS:
        bad.append(f"lang={lang}")
        lang = "vi"
    state["lang"] = lang
    return state, bad


def period_options(kind: str, first: date, last: date) -> list[str]:
    """The period codes of one kind that overlap the data, newest first."""
    if kind == "custom":
        return []
    builder = {
        "month": lambda y: [Period.month(y, m) for m in range(1, 13)],
        "quarter": lambda y: [Period.quarter(y, q) for q in range(1, 5)],
        "half": lambda y: [Period.half(y, h) for h in (1, 2)],
        "year": lambda y: [Period.year(y)],
    }[kind]
    out = [p for y in range(first.year, last.year + 1) for p in builder(y) if p.end >= first and p.start <= last]
    return [p.code for p in reversed(out)]


def _period_kind(code) -> str | None:
    try:
        return Period.parse(code).kind
    except (PeriodError, TypeError):
        return None


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
) -> Filters:
    """Draw the shared filters in the sidebar, sync them with the URL, return the choice.

    ``first``/``last`` bound the periods offered; ``covered_until`` (the last day the data
    cover, days off included) decides which half-year is complete: the default."""
    default = default_period(covered_until or last)
    first = first or default.start
    last = last or default.end
    if not st.session_state.get("_url_loaded"):
        state, bad = parse_url(units, fields, default, first, last)
        st.session_state.update(state)
        st.session_state["_url_loaded"] = True
        st.session_state["_url_bad"] = bad
    widget_state.keep(_KEYS)
    lang = current_lang()
    defaults = {"f_kind": default.kind, "f_period": default.code, "f_from": default.start,
                "f_to": default.end, "f_units": [], "f_fields": [], "f_channels": []}

    bad = st.session_state.pop("_url_bad", [])
    if bad:
        # security: echoed as inert text, each value cut to 80 characters (cchc/ui/safety.py)
        st.warning(f"{t('bad_url', lang)}: {', '.join(echo(b) for b in bad)}", icon="⚠️")

    names = dict(zip(units["unit_code"], units["name"]))
    field_names = dict(zip(fields["field_code"], fields["name"]))
    with st.sidebar:
        st.segmented_control(
            t("language", lang), LANGS, key="lang", format_func=str.upper, selection_mode="single"
        )
        lang = current_lang()
        st.subheader(t("filters", lang))
        kind = st.selectbox(
            t("period_kind", lang), PERIOD_KINDS, key="f_kind", format_func=lambda k: t(f"kind_{k}", lang)
        )
        if kind == "custom":
            c1, c2 = st.columns(2)
            start = c1.date_input(t("date_from", lang), key="f_from", format="DD/MM/YYYY")
            end = c2.date_input(t("date_to", lang), key="f_to", format="DD/MM/YYYY")
            if end < start:
                start, end = end, start
            start, end = clamp_range(start, end, first, last)  # security: bounded work
            period = Period.parse_range(start.isoformat(), end.isoformat())
            if period.kind != "custom":  # a range that is a calendar period stays a custom choice
                period = Period.custom(start, end)
        else:
            options = period_options(kind, first, last) or [default.code]
            chosen = st.session_state.get("f_period")
            if chosen not in options:
                if _period_kind(chosen) == kind:
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
        kinds = [k for k in UNIT_KINDS if (units["kind"] == k).any()]
        groups = {k: list(units.loc[units["kind"] == k, "unit_code"]) for k in kinds}
        st.pills(
            t("unit_groups", lang), kinds, key="f_unit_group", selection_mode="single",
            format_func=lambda k: t(f"group_{k}", lang), on_change=_select_group, args=(groups,),
            help=t("unit_groups_help", lang),
        )
        selected_units = st.multiselect(
            t("units", lang), list(units["unit_code"]), key="f_units",
            format_func=lambda c: names.get(c, c), placeholder=t("units_all", lang),
        )
        selected_fields = st.multiselect(
            t("fields", lang), list(fields["field_code"]), key="f_fields",
            format_func=lambda c: field_names.get(c, c), placeholder=t("fields_all", lang),
        )
        selected_channels = st.multiselect(
            t("channels", lang), CHANNELS, key="f_channels",
            format_func=lambda c: t(f"channel_{c}", lang), placeholder=t("channels_all", lang),
        )
        st.button(t("reset_filters", lang), on_click=_reset, args=(defaults,), key="f_reset")

    filters = Filters(
        period=period,
        units=tuple(selected_units),
        fields=tuple(selected_fields),
        channels=tuple(selected_channels),
        lang=lang,
        all_units=tuple(units["unit_code"]),
    )
    _write_url(filters)
    st.session_state["filters"] = filters
    widget_state.save(_KEYS)
    return filters


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
    """The filters the entry point resolved for this run.

    With a ``pages/`` folder next to dashboard.py, the first session of a fresh server is
    run once as a legacy folder-based app: a deep link such as ``/tien-do`` runs the page
    file directly, without the entry point (page files are named like their URL paths so
    that this finds them instead of showing "Page not found"). Such a run switches that
    mode off and reruns through the entry point, with the same URL."""
    if "filters" not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["filters"]
