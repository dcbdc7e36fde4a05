"""The shared filters of every page as plain data: what the user chose, how it is written in
and read from the URL, and which periods can be offered.

The view lives in the URL: ``?period=2018-H1`` or ``?from=2018-01-01&to=2018-06-30``,
``&unit=xuan-khanh&unit=le-loi``, ``&field=dat-dai``, ``&channel=online``, ``&lang=en``,
``&history=today`` (history as today's units: cchc/core/units.py; default ``then``),
``&scope=01`` (the units inside an administrative unit: a province, a former district, a
commune, by its official code; cchc/core/units.py, queries/unit_scopes.sql).
No Streamlit here: the sidebar (cchc/ui/sidebar.py) draws the widgets and links them to
``st.query_params``; the core, the report and the CLIs use :class:`Filters` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cchc.core.periods import Period, PeriodError, latest_complete_half
from cchc.i18n.labels import LANGS

CHANNELS = ("in_person", "online", "postal")
# The sidebar's unit groups, in the order shown: queries/units.sql derives each unit's from the
# levels and kinds in the data (unit_kind); only the groups present are offered.
UNIT_KINDS = ("province_desk", "district_desk", "department", "ward", "commune", "township", "special_zone")
PERIOD_KINDS = ("month", "quarter", "half", "year", "custom")
# URL parameters owned by the shared filters; pages own the others (e.g. ``year``).
URL_KEYS = ("period", "from", "to", "unit", "field", "channel", "lang", "history", "scope")
HISTORY_MODES = ("then", "today")  # as the units were (default) / as today's units


@dataclass(frozen=True)
class Filters:
    """What the user chose: a period, units, fields and channels (empty = all)."""

    period: Period
    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    lang: str = "vi"
    all_units: tuple[str, ...] = field(default=(), repr=False)
    history: str = "then"
    # (unit, the unit it is shown as "as today's units") for every unit: queries/units.sql
    today_of: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    # the official code of the administrative unit the view is limited to ('' = all the data);
    # all_units then holds only the units inside it (cchc/core/units.py: scope_units)
    scope: str = ""
    # every unit inside the scope the user may see, whatever the period and the history (the
    # PAR ranking of any year is cut to them); empty: all_units
    scope_units: tuple[str, ...] = field(default=(), repr=False)
    # how "every unit" of this view reads in a caption or a report: the scope's name, or the
    # units of a user limited to a few ('' = every unit of the data; cchc/core/units.py)
    scope_label: str = field(default="", repr=False)

    @property
    def visible_units(self) -> tuple[str, ...]:
        """The units a per-unit result of any period (the PAR ranking of a year) may show:
        those inside the scope the user may see."""
        return self.scope_units or self.all_units

    @property
    def unit_codes(self) -> list[str]:
        """The selected units, or every unit when none is selected. As today's units, a
        selected unit brings the units it succeeds (its history)."""
        if self.units and self.history == "today" and self.today_of:
            chosen = set(self.units)
            return list(dict.fromkeys([*self.units, *(c for c, today in self.today_of if today in chosen)]))
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
        if self.history != "then":
            params["history"] = self.history
        if self.scope:
            params["scope"] = self.scope
        return params


def default_period(last_received: date | None) -> Period:
    """The latest complete half-year in the data (the half-year before today without data)."""
    return latest_complete_half(last_received or date.today())


def _last(values: Mapping[str, Sequence[str]], name: str, default: str = "") -> str:
    # A repeated single-valued parameter counts by its last value, as st.query_params.get does.
    given = values.get(name) or []
    return given[-1] if given else default


# Bounded work for any URL: named periods outside these years are refused, and a custom
# range is cut to the data's range (a day before the first dossier .. five years after the
# last), so ?from=0001-01-01&to=9999-12-31 costs what the data's own range costs.
YEARS_ALLOWED = (1990, 2100)
RANGE_AFTER_DATA = timedelta(days=5 * 366)


def clamp_range(start: date, end: date, first: date | None, last: date | None) -> tuple[date, date]:
    """``start``..``end`` cut to [first - 1 day, last + 5 years]. No figure changes: no
    dossier is received before the first, and none is resolved or due that long after the last."""
    if first is None or last is None:
        return start, end
    low, high = first - timedelta(days=1), last + RANGE_AFTER_DATA
    return min(max(start, low), high), max(min(end, high), low)


def _url_period(values: Mapping[str, Sequence[str]], default: Period, first: date | None, last: date | None,
                bad: list[str]) -> Period:
    # ?from=&to= (cut to the data's range) wins over ?period=; a rejected value: the default
    if "from" in values or "to" in values:
        start, end = _last(values, "from"), _last(values, "to")
        try:
            period = Period.parse_range(start, end)
            low, high = clamp_range(period.start, period.end, first, last)
            return Period.custom(low, high) if (low, high) != (period.start, period.end) else period
        except (PeriodError, ValueError, OverflowError):
            bad.append(f"from={start}&to={end}")
            return default
    if "period" in values:
        code = _last(values, "period")
        try:
            period = Period.parse(code)
            if not YEARS_ALLOWED[0] <= period.start.year <= period.end.year <= YEARS_ALLOWED[1]:
                raise PeriodError("year out of range")
            return period
        except (PeriodError, ValueError, OverflowError):
            bad.append(f"period={code}")
    return default


def _url_choice(values: Mapping[str, Sequence[str]], name: str, allowed: Iterable[str], default: str,
                bad: list[str]) -> str:
    # a single-valued parameter among known values (lang, history, scope); unknown: the default
    given = _last(values, name, default) if name in values else default
    if given != default and given not in set(allowed):
        bad.append(f"{name}={given}")
        return default
    return given


def parse_url_values(
    values: Mapping[str, Sequence[str]],
    unit_codes: Iterable[str],
    field_codes: Iterable[str],
    default: Period,
    first: date | None = None,
    last: date | None = None,
    scope_codes: Iterable[str] = (),
) -> tuple[Filters, list[str]]:
    """The filters a URL asks for, and the parameters that were rejected (``period=2018-H3``).

    ``values`` maps each URL parameter to its values in order (``{"unit": ["le-loi"]}``);
    a rejected value falls back to the default (the ``default`` period, all units, ...).
    ``first``/``last`` (the data's range) bound a custom range (:func:`clamp_range`);
    ``scope_codes`` are the scopes that may be asked for (an unknown one: all the data).
    Units are checked against ``unit_codes`` as given (the scope does not narrow them here:
    the sidebar offers the scope's units)."""
    bad: list[str] = []
    period = _url_period(values, default, first, last, bad)
    all_units = tuple(unit_codes)
    chosen: dict[str, tuple[str, ...]] = {}
    for name, valid in (("unit", set(all_units)), ("field", set(field_codes)), ("channel", set(CHANNELS))):
        given = [v for v in values.get(name) or [] if v != ""]
        chosen[name] = tuple(dict.fromkeys(v for v in given if v in valid))
        bad += [f"{name}={v}" for v in given if v not in valid]
    lang = _url_choice(values, "lang", LANGS, "vi", bad)
    history = _url_choice(values, "history", HISTORY_MODES, "then", bad)
    scope = _url_choice(values, "scope", scope_codes, "", bad)
    filters = Filters(
        period=period, units=chosen["unit"], fields=chosen["field"], channels=chosen["channel"],
        lang=lang, all_units=all_units, history=history, scope=scope,
    )
    return filters, bad


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


def period_kind(code) -> str | None:
    """The kind of a period code ('half' for '2018-H1'), or None when it is not one."""
    try:
        return Period.parse(code).kind
    except (PeriodError, TypeError):
        return None
