"""Tables of the progress page (Tiến độ giải quyết): query results in, display and export
tables out.

The numbers come from named queries (dossier_balance, ontime_by_field, ontime_by_procedure);
this module only arranges, labels and formats them in the reporting-form layout, marks the
units below the on-time target, and says how each table is exported. Formula A (reporting
forms) and formula B (Decision 766) are never put in the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cchc.charts.theme import BELOW_COLOR
from cchc.core.targets import BELOW_MARK, below_ontime_target
from cchc.i18n.formats import STYLER_MAX_CELLS, fmt_int, fmt_pct
from cchc.i18n.labels import t
from cchc.tables.export import Column


@dataclass(frozen=True)
class TableColumn:
    """One column of a display table: the query column, its group and label keys, its kind
    ('text', 'int', 'percent'), and whether rates in it are judged against the target."""

    name: str
    label: str
    group: str | None = None
    kind: str = "int"
    judged: bool = False
    pinned: bool = False
    export_label: str | None = None

    def header(self, lang: str) -> str:
        """The export header: 'Group – label' for a grouped column."""
        label = t(self.export_label or self.label, lang)
        return f"{t(self.group, lang)} – {label}" if self.group else label


# The balance as on the reporting forms; formula A only.
BALANCE_COLUMNS = (
    TableColumn("unit_label", "unit", kind="text", pinned=True),
    # pinned next to the unit so that it stays in view while the table scrolls sideways
    TableColumn("ontime_rate", "prog_rate_a_col", kind="percent", judged=True, pinned=True,
                export_label="prog_formula_a_short"),
    TableColumn("carried_over", "carried_over"),
    TableColumn("received", "prog_sub_total", "prog_received_group"),
    TableColumn("received_in_person", "channel_in_person", "prog_received_group"),
    TableColumn("received_online", "channel_online", "prog_received_group"),
    TableColumn("received_postal", "prog_postal_short", "prog_received_group"),
    TableColumn("resolved", "prog_sub_total", "resolved"),
    TableColumn("early", "early", "resolved"),
    TableColumn("on_time", "on_time", "resolved"),
    TableColumn("late", "late", "resolved"),
    TableColumn("in_progress", "prog_sub_total", "in_progress"),
    TableColumn("in_progress_within", "prog_within_time", "in_progress"),
    TableColumn("in_progress_overdue", "prog_overdue", "in_progress"),
    TableColumn("withdrawn", "withdrawn"),
)

# Decision 766 (formula B), shown in its own table beside the formula A chart.
RATE_766_COLUMNS = (
    TableColumn("unit_label", "unit", kind="text", pinned=True),
    TableColumn("b_counted", "prog_766_counted", "prog_formula_b_group"),
    TableColumn("b_on_time", "prog_766_on_time", "prog_formula_b_group"),
    TableColumn("rate_766", "prog_766_rate", "prog_formula_b_group", kind="percent"),
)

# name, rate, then the counts behind the rate
FIELD_COLUMNS = (
    TableColumn("field_name", "prog_field", kind="text", pinned=True),
    TableColumn("ontime_rate", "ontime_rate", kind="percent", judged=True),
    TableColumn("resolved", "resolved"),
    TableColumn("resolved_in_time", "prog_in_time_count"),
    TableColumn("late", "late"),
    TableColumn("in_progress_overdue", "in_progress_overdue"),
    TableColumn("received", "received"),
)

PROCEDURE_COLUMNS = (
    TableColumn("procedure_code", "prog_procedure_code", kind="text"),
    TableColumn("procedure_name", "prog_procedure", kind="text"),
    TableColumn("ontime_rate", "ontime_rate", kind="percent", judged=True),
    TableColumn("resolved", "resolved"),
    TableColumn("late", "late"),
    TableColumn("in_progress_overdue", "in_progress_overdue"),
)
# the export adds the field, left out on screen for width
PROCEDURE_EXPORT_COLUMNS = (
    *PROCEDURE_COLUMNS[:2],
    TableColumn("field_name", "prog_field", kind="text"),
    *PROCEDURE_COLUMNS[2:],
)

# The monthly trend per unit, exported as rows (month × unit).
TREND_COLUMNS = (
    TableColumn("month", "month", kind="date"),
    TableColumn("short_name", "unit", kind="text"),
    TableColumn("received", "received"),
    TableColumn("received_online", "received_online"),
    TableColumn("resolved", "resolved"),
    TableColumn("resolved_in_time", "prog_in_time_count"),
    TableColumn("late", "late"),
    TableColumn("ontime_rate", "ontime_rate", kind="percent"),
)


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


def _column_text(values: pd.Series, column: TableColumn, lang: str) -> list[str]:
    """The cells of one column as shown: Vietnamese numbers, '98,8 %', '▼' below target."""
    missing = values.isna().tolist()
    if column.kind == "text":
        return ["" if gone else str(v) for v, gone in zip(values.tolist(), missing)]
    if column.kind == "percent":
        cells = []
        for v, gone in zip(values.tolist(), missing):
            text = fmt_pct(None if gone else float(v), 1, lang)
            cells.append(f"{BELOW_MARK} {text}" if column.judged and not gone and below_ontime_target(v) else text)
        return cells
    return [fmt_int(None if gone else int(v), lang) for v, gone in zip(values.tolist(), missing)]


def display_table(frame: pd.DataFrame, columns: tuple[TableColumn, ...], lang: str = "vi") -> pd.DataFrame:
    """The rows formatted for the screen (Vietnamese numbers, '98,8 %', '▼' below target),
    with a two-level header when any column belongs to a group."""
    data = {index: _column_text(frame[column.name], column, lang) for index, column in enumerate(columns)}
    out = pd.DataFrame(data, index=range(len(frame)))
    if any(c.group for c in columns):
        out.columns = pd.MultiIndex.from_tuples(
            [(t(c.group, lang) if c.group else "", t(c.label, lang)) for c in columns]
        )
    else:
        out.columns = [t(c.label, lang) for c in columns]
    return out


def styled(display: pd.DataFrame, total_row: bool = False):
    """A pandas Styler: below-target cells red and bold; the last row bold when it is a total.

    A table of more than :data:`cchc.i18n.formats.STYLER_MAX_CELLS` cells (a city's 600 units)
    is returned as it is: its below-target cells keep the ▼ mark, without the colour."""
    if display.size > STYLER_MAX_CELLS:
        return display
    last = len(display) - 1

    def row_style(row: pd.Series) -> list[str]:
        styles = []
        for value in row:
            css = f"color: {BELOW_COLOR}; font-weight: 600" if str(value).startswith(BELOW_MARK) else ""
            if total_row and row.name == last:
                css = (css + "; " if css else "") + "font-weight: 700"
            styles.append(css)
        return styles

    return display.style.apply(row_style, axis=1)


def export_columns(columns: tuple[TableColumn, ...], lang: str = "vi") -> list[Column]:
    """How a table is exported: flat Vietnamese headers ('Đã giải quyết – Trước hạn'), typed cells."""
    return [Column(c.name, c.header(lang), c.kind) for c in columns]


def export_table(frame: pd.DataFrame, columns: tuple[TableColumn, ...], label: str = "unit_label") -> pd.DataFrame:
    """The rows to export (numbers stay numbers); the label of a row whose judged rate is
    below the target carries the mark ('▼ Kim Sơn')."""
    out = frame.copy()
    judged = [c.name for c in columns if c.judged]
    if label in out.columns and judged:
        below = [any(flags) for flags in zip(*([below_ontime_target(v) for v in out[j]] for j in judged))]
        out[label] = [f"{BELOW_MARK} {name}" if b else name for name, b in zip(out[label], below)]
    return out
