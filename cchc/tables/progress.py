"""Tables of the progress page (Tiến độ giải quyết): query results in, display and export
tables out.

The numbers come from named queries (dossier_balance, ontime_by_field, ontime_by_procedure);
this module only arranges, labels and formats them in the reporting-form layout, marks the
units below the on-time target, and says how each table is exported. Formula A (reporting
forms) and formula B (Decision 766) are never put in the same table.
"""

from __future__ import annotations

import pandas as pd

from cchc.i18n.labels import t
from cchc.tables.spec import Column, TableSpec

# The tables keep the reporting forms' layout: every cell written as text ('1.261', '98,8 %',
# '▼ 97,0 %' below the target), a two-level header over grouped columns; the name column and
# the rate pinned so that they stay in view while the table scrolls sideways.

# The balance as on the reporting forms; formula A only. Every unit is shown (no inner scroll).
# Its brief view (the channels and "within time" left to "more columns" and the export) fits a
# 1366-pixel screen beside the sidebar without scrolling sideways.
BALANCE = TableSpec((
    Column("unit_label", "unit", width="fit", pinned=True),
    Column("ontime_rate", "prog_rate_a_col", "pct", judged=True, pinned=True, export_label="prog_formula_a_short"),
    Column("carried_over", "carried_over", "int"),
    Column("received", "prog_sub_total", "int", group="prog_received_group"),
    Column("received_in_person", "channel_in_person", "int", group="prog_received_group", more=True),
    Column("received_online", "channel_online", "int", group="prog_received_group", more=True),
    Column("received_postal", "prog_postal_short", "int", group="prog_received_group", more=True),
    Column("resolved", "prog_sub_total", "int", group="resolved"),
    Column("early", "early", "int", group="resolved"),
    Column("on_time", "on_time", "int", group="resolved"),
    Column("late", "late", "int", group="resolved"),
    Column("in_progress", "prog_sub_total", "int", group="in_progress"),
    Column("in_progress_within", "prog_within_time", "int", group="in_progress", more=True),
    Column("in_progress_overdue", "prog_overdue", "int", group="in_progress"),
    Column("withdrawn", "withdrawn", "int"),
), max_rows=None, text_cells=True, total_row=True, mark_column="unit_label", name="prog_sheet_balance")

# Decision 766 (formula B), shown in its own table beside the formula A chart.
RATE_766 = TableSpec((
    Column("unit_label", "unit", width="fit", pinned=True),
    Column("b_counted", "prog_766_counted", "int", group="prog_formula_b_group"),
    Column("b_on_time", "prog_766_on_time", "int", group="prog_formula_b_group"),
    Column("rate_766", "prog_766_rate", "pct", group="prog_formula_b_group"),
), max_rows=None, text_cells=True, total_row=True, name="prog_formula_b_heading")

# Tables by field and by procedure: up to 11 rows in view, then an inner scroll bar.
LIST_ROWS = 11

# name, rate, then the counts behind the rate
BY_FIELD = TableSpec((
    Column("field_name", "prog_field", width="fit", pinned=True),
    Column("ontime_rate", "ontime_rate", "pct", judged=True),
    Column("resolved", "resolved", "int"),
    Column("resolved_in_time", "prog_in_time_count", "int"),
    Column("late", "late", "int"),
    Column("in_progress_overdue", "in_progress_overdue", "int"),
    Column("received", "received", "int"),
), max_rows=LIST_ROWS, text_cells=True, mark_column="field_name", name="prog_by_field_table")

# the export adds the field, left out on screen for width
BY_PROCEDURE = TableSpec((
    Column("procedure_code", "prog_procedure_code", width="fit"),
    Column("procedure_name", "prog_procedure", width="fit"),
    Column("field_name", "prog_field", screen=False),
    Column("ontime_rate", "ontime_rate", "pct", judged=True),
    Column("resolved", "resolved", "int"),
    Column("late", "late", "int"),
    Column("in_progress_overdue", "in_progress_overdue", "int"),
), max_rows=LIST_ROWS, text_cells=True, mark_column="procedure_name", name="prog_by_procedure_heading")

# The monthly trend per unit, exported only (month × unit rows); the page draws it as a chart.
TREND = TableSpec((
    Column("month", "month", "date"),
    Column("short_name", "unit"),
    Column("received", "received", "int"),
    Column("received_online", "received_online", "int"),
    Column("resolved", "resolved", "int"),
    Column("resolved_in_time", "prog_in_time_count", "int"),
    Column("late", "late", "int"),
    Column("ontime_rate", "ontime_rate", "pct"),
), name="prog_sheet_trend")


def with_unit_labels(balance: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The balance with a ``unit_label`` column: the unit's short name, 'Tổng cộng' on the
    total row; the total row last."""
    frame = balance.copy()
    frame["unit_label"] = [
        t("prog_total", lang) if total else name for total, name in zip(frame["is_total"], frame["short_name"])
    ]
    return pd.concat([frame[~frame["is_total"]], frame[frame["is_total"]]], ignore_index=True)


# A per-unit chart of a city would be 600 rows (18,000 pixels): it shows the units that
# need attention, the lowest, and the table above it keeps every unit.
UNIT_CHART_MAX = 30


def lowest_units(unit_rows: pd.DataFrame, column: str, among: str, count: int = UNIT_CHART_MAX) -> pd.DataFrame:
    """The ``count`` units with the lowest ``column`` among those with ``among`` > 0 (all of
    them when there are no more), lowest first, ties by name."""
    rows = unit_rows[unit_rows[among] > 0].sort_values([column, "short_name"])
    return rows.head(count)


def has_dossiers(balance: pd.DataFrame) -> bool:
    """True when the total row counts any dossier (carried over, received or finished)."""
    total = balance[balance["is_total"]]
    if total.empty:
        return False
    row = total.iloc[0]
    return bool(row["carried_over"] + row["received"] > 0)
