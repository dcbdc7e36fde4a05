"""How a table looks on screen: numbers and dates in the language's format, the shared
below-target colour, the rank-change colours, and a height that shows the rows without an inner
scroll bar. Pure pandas (a Styler or a plain DataFrame out); no Streamlit.
"""

from __future__ import annotations

import pandas as pd

from cchc.charts.theme import BELOW_COLOR, COLORS, RANK_DOWN
from cchc.core.targets import BELOW_MARK, below_ontime_target
from cchc.i18n.formats import STYLER_MAX_CELLS, fmt_date, fmt_int, fmt_num, fmt_pct, is_missing

# the minus sign of a rank change ('−1'), as the export's number format writes it
MINUS = "\u2212"


def _fmt_cell(kind: str, lang: str):
    present = _fmt_present(kind, lang)

    def fmt(value):
        return "—" if is_missing(value) else present(value)

    return fmt


def fmt_change(value, lang: str = "vi") -> str:
    """A signed whole number: '+2', '−1' (a minus sign), '0'."""
    number = int(value)
    text = fmt_int(abs(number), lang)
    return f"+{text}" if number > 0 else f"{MINUS}{text}" if number < 0 else text


def _fmt_present(kind: str, lang: str):
    def fmt(value):
        if kind == "int":
            return fmt_int(value, lang)
        if kind == "change":
            return fmt_change(value, lang)
        if kind == "pct":
            return fmt_pct(value, 1, lang)
        if kind == "num":
            return fmt_num(value, 1, lang)
        if kind == "date":
            return fmt_date(value.date() if isinstance(value, pd.Timestamp) else value, lang)
        return str(value)

    return fmt


def formatted(frame: pd.DataFrame, kinds: dict[str, str], lang: str = "vi") -> pd.DataFrame:
    """The cells as the text :func:`styled` shows ('—' for a missing value), as a plain
    DataFrame."""
    out = {}
    for col in frame.columns:
        fmt = _fmt_present(kinds.get(col, "text"), lang)
        missing = frame[col].isna().tolist()
        out[col] = ["—" if gone else fmt(v) for v, gone in zip(frame[col].tolist(), missing)]
    return pd.DataFrame(out, index=frame.index)


def text_cells(values: pd.Series, kind: str | None, lang: str = "vi", judged: bool = False) -> list[str]:
    """The cells of one column written as text (a ``text_cells`` table): numbers, percentages
    and dates in the language's format ('—' when missing; an empty text cell stays empty), and
    '▼ 97,0 %' for a ``judged`` rate below the on-time target."""
    missing = values.isna().tolist()
    if kind is None:
        return ["" if gone else str(v) for v, gone in zip(values.tolist(), missing)]
    present = _fmt_present(kind, lang)
    cells = []
    for value, gone in zip(values.tolist(), missing):
        text = "—" if gone else present(float(value) if kind == "pct" else value)
        cells.append(f"{BELOW_MARK} {text}" if judged and not gone and below_ontime_target(value) else text)
    return cells


def marked(display: pd.DataFrame, total_row: bool = False):
    """A Styler over text cells: cells marked '▼' in the below-target colour and bold; the last
    row bold when it is a total.

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


def rank_change_style(text) -> str:
    """CSS for a rank-change cell: green when the unit moved up, amber when it moved down."""
    text = str(text)
    if text.startswith("↑"):  # cchc.charts.ranking.RANK_UP / RANK_DOWN
        return f"color: {COLORS['top']}"
    if text.startswith("↓"):
        return f"color: {RANK_DOWN}"
    return ""


def styled(
    frame: pd.DataFrame, kinds: dict[str, str], lang: str = "vi", weak_rows: list[bool] | None = None,
    cell_styles: dict | None = None, formatter=None,
):
    """A Styler showing numbers and dates in the language's format (``kinds``: column ->
    'int', 'num' (one decimal), 'pct' (percent units), 'date'); the table still sorts by
    value. Rows flagged in ``weak_rows`` are written in the shared below-target colour;
    ``cell_styles`` maps a column to a function of the cell value that returns CSS.

    A table of more than :data:`cchc.i18n.formats.STYLER_MAX_CELLS` cells (a city's 580 wards)
    comes back as plain text in the same formats, without colours (the weak band keeps its
    ▼ mark in the text), made by ``formatter`` (default :func:`formatted`)."""
    if frame.size > STYLER_MAX_CELLS:
        return (formatter or formatted)(frame, kinds, lang)
    styler = frame.style.format({col: _fmt_cell(kind, lang) for col, kind in kinds.items()})
    styler = styler.format(_fmt_cell("text", lang), subset=[c for c in frame.columns if c not in kinds])
    if weak_rows is not None:
        flags = list(weak_rows)

        def colour(row):
            style = f"color: {BELOW_COLOR}; font-weight: 600" if flags[row.name] else ""
            return [style] * len(row)

        styler = styler.apply(colour, axis=1)
    for column, style in (cell_styles or {}).items():
        styler = styler.map(style, subset=[column])
    return styler.hide(axis="index")


def table_height(rows: int, max_rows: int = 20) -> int:
    """A st.dataframe height in pixels that shows ``rows`` rows (up to ``max_rows``)
    without an inner scroll bar."""
    return 35 * (min(rows, max_rows) + 1) + 3
