"""Units as a dated hierarchy, their lineage across 1 July 2025, and the two ways of showing
history (no Streamlit).

The units are data (``units`` and ``admin_units``, with official codes and validity; the
lineage in ``unit_lineage``: cchc/store/sql/schema_units.sql). History is shown either
"as the units were" (``history=then``, the default: every unit as itself, the 2018 figures
exactly as reported) or "as today's units" (``history=today``): every unit that ended is
shown as its default successor, in SQL (macro ``unit_shown``, query
``dossier_balance_today``). Figures that rest on assigning a divided unit's dossiers to its
default successor are approximate, and :func:`approx_note` names those units.

A view can be limited to a scope (``scope=01``: an administrative unit by its official code):
``queries/unit_scopes.sql`` says which units are inside which scopes (through the official
codes and the dated parent chain of ``admin_units``), :func:`units_inside` and
:func:`scope_view` turn that into the units the sidebar offers and the units every query
reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from cchc.core.filters import HISTORY_MODES  # noqa: F401  (then, today: the URL's history)
from cchc.i18n.labels import t

# The day the two-tier local government started (no district level): trends across it get a marker.
REORGANISATION_DAY = date(2025, 7, 1)


def balance_query(history: str) -> str:
    """The named query of the per-unit balance for a way of showing history."""
    return "dossier_balance_today" if history == "today" else "dossier_balance"


def scope_choices(members: pd.DataFrame) -> pd.DataFrame:
    """The scopes that contain units, one row each (scope_code, scope_name, scope_level,
    scope_ended), provinces first, then districts, then communes (``unit_scopes`` rows)."""
    columns = ["scope_code", "scope_name", "scope_level", "scope_ended"]
    if members is None or members.empty:
        return pd.DataFrame(columns=columns)
    return members.drop_duplicates("scope_code")[columns].reset_index(drop=True)


def units_inside(members: pd.DataFrame, scope: str) -> set[str]:
    """The units inside the scope with this official code (``unit_scopes`` rows): its desks,
    communes and departments, and the units that became one of them on 1 July 2025."""
    return set(members.loc[members["scope_code"] == scope, "unit_code"])


def scope_view(units: pd.DataFrame, members: pd.DataFrame | None, scope: str, history: str) -> tuple[pd.DataFrame, list[str]]:
    """The units a view limited to ``scope`` ('' = all the data) offers and reads.

    Returns (offered, read): as the units were (history 'then'), the units inside the scope,
    both; as today's units, the current units the scope's units are shown as (offered), and
    every unit shown as one of them (read: their predecessors bring their history). ``units``
    is the units list as the user may see it (cchc/auth/roles.scope_units), so the scope only
    narrows the user's units, never widens them."""
    inside = units if not scope or members is None else units[units["unit_code"].isin(units_inside(members, scope))]
    if history != "today":
        return inside, list(inside["unit_code"])
    shown = shown_as_today(units)
    successors = {shown[c] for c in inside["unit_code"]}
    offered = current_units(units)
    offered = offered[offered["unit_code"].isin(successors)]
    chosen = set(offered["unit_code"])
    return offered, [c for c in units["unit_code"] if shown[c] in chosen]


def shown_as_today(units: pd.DataFrame) -> dict[str, str]:
    """unit_code -> the unit it is shown as "as today's units" (``today_code`` of
    ``queries/units.sql``; itself when it did not end)."""
    if "today_code" not in units.columns:
        return {code: code for code in units["unit_code"]}
    return dict(zip(units["unit_code"], units["today_code"].fillna(units["unit_code"])))


def current_units(units: pd.DataFrame) -> pd.DataFrame:
    """The units shown "as today's units": those that are their own successor."""
    shown = shown_as_today(units)
    return units[[shown[c] == c for c in units["unit_code"]]]


def units_in_period(units: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The units that existed at some time in [start, end] (no validity date: always)."""
    def day(value, missing: date) -> date:
        return missing if value is None or pd.isna(value) else pd.Timestamp(value).date()

    keep = [day(f, date.min) <= end and day(t_, date.max) >= start
            for f, t_ in zip(units["valid_from"], units["valid_to"])]
    return units[keep]


def expand_to_predecessors(selected: Iterable[str], shown: dict[str, str]) -> list[str]:
    """The selected units and every unit shown as one of them (their predecessors), in the
    order of ``shown``: the dossiers a selection of today's units covers."""
    chosen = set(selected)
    return [code for code, today in shown.items() if code in chosen or today in chosen]


def selection_text(filters, names: dict[str, str], lang: str = "vi") -> str:
    """The units a view covers, as a caption or the report's "Đơn vị" line says it: the
    selected units by name; with none selected, the scope's name or the user's few units
    (``Filters.scope_label``), else "Tất cả đơn vị" — never "all units" for a view that is
    limited to some."""
    if filters.units:
        return ", ".join(names.get(u, u) for u in filters.units)
    return filters.scope_label or t("units_all", lang)


def limited_label(names: list[str], lang: str = "vi", most: int = 4) -> str:
    """The units of a user limited to some, for :func:`selection_text`: their names when at
    most ``most``, else how many."""
    if len(names) <= most:
        return ", ".join(names)
    return t("units_n", lang, n=len(names))


def resolve_unit_codes(given: Iterable[str], units: pd.DataFrame, start: date, end: date) -> list[str]:
    """The units a command line names, for a period [start, end]: a unit's slug as it is, or
    an official code (leading zeros optional: '9574' is '09574') or a unit ID code, resolved to
    the one unit with that code that existed in the period — a code is re-used across 1 July
    2025 (09574 was phường Ngô Quyền and is phường Sơn Tây). Raises ValueError with a
    one-line message when a code names no unit, or two units, in the period."""
    in_period = units_in_period(units, start, end)
    slugs = set(units["unit_code"])
    out: list[str] = []
    for code in given:
        if code in slugs:
            out.append(code)
            continue
        text = str(code).strip()
        wanted = {text, text.upper()} | ({text.zfill(n) for n in (2, 3, 5)} if text.isdigit() else set())
        official = in_period["official_code"].isin(wanted) if "official_code" in in_period else False
        id_code = in_period["id_code"].fillna("").str.upper().isin(wanted) if "id_code" in in_period else False
        found = list(in_period.loc[official | id_code, "unit_code"])
        if len(found) != 1:
            which = ", ".join(found) if found else "none"
            raise ValueError(f"unit {code!r}: {len(found)} units with that code between {start} and {end} ({which});"
                             " give the unit's slug (python -m cchc score766 --help)")
        out.append(found[0])
    return out


def approx_note(balance: pd.DataFrame, lang: str = "vi") -> str | None:
    """The note under figures re-mapped onto today's units when some are approximate: which
    divided old units were assigned to their default successor (None when none)."""
    if "is_approx" not in balance.columns or not balance["is_approx"].fillna(False).any():
        return None
    names: list[str] = []
    for value in balance.loc[balance["is_approx"].fillna(False), "approx_from"].dropna():
        names += [n for n in str(value).split(", ") if n and n not in names]
    return t("history_approx_note", lang, units=", ".join(sorted(names)))
