"""One declaration per table column, used on screen and in the Excel/CSV export.

A :class:`TableSpec` lists a table's :class:`Column` s once: the DataFrame column, the label
key of its header, its kind (how values are formatted on screen and typed in Excel), its width
on screen, and whether it is shown, exported or both. From it come the screen table (headers in
the language, formats, ``column_config``, height) and the export columns
(:class:`cchc.tables.export.Column`). No Streamlit: ``column_config`` is plain dicts, which
``st.dataframe`` accepts as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cchc.i18n.labels import t
from cchc.tables import export
from cchc.tables.style import rank_change_style, styled, table_height

# kind -> the kind of cchc.tables.style.styled (None: text) and of an exported cell
_SCREEN_KIND = {"text": None, "int": "int", "num": "num", "pct": "pct", "date": "date", "rank_change": None}
_EXPORT_KIND = {"text": "text", "int": "int", "num": "number", "pct": "percent", "date": "date", "rank_change": "text"}
KINDS = tuple(_SCREEN_KIND)

# Rows taller than 4rem let long Vietnamese names wrap instead of being cut.
WRAP_ROW = 78


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``key`` is the DataFrame column; ``label`` the label key of its header (placeholders
    filled from the values given to the spec); ``group`` a label key written before it in the
    export header ('Cấp xã – Tỷ lệ'); ``kind`` one of 'text', 'int', 'num' (one decimal), 'pct'
    (percent units), 'date', 'rank_change' ('↑ 2' coloured); ``width`` in pixels on screen;
    ``screen``/``export`` say where the column appears; ``export_label`` replaces the label
    in the export."""

    key: str
    label: str
    kind: str = "text"
    width: int | None = None
    group: str | None = None
    screen: bool = True
    export: bool = True
    export_label: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _SCREEN_KIND:
            raise ValueError(f"unknown column kind {self.kind!r}")

    def header(self, lang: str = "vi", **values) -> str:
        """The header on screen."""
        return t(self.label, lang, **values)

    def export_header(self, lang: str = "vi", **values) -> str:
        """The header in an exported file: 'Group – label' for a grouped column."""
        label = t(self.export_label or self.label, lang, **values)
        return f"{t(self.group, lang, **values)} – {label}" if self.group else label


@dataclass(frozen=True)
class TableSpec:
    """A table's columns and how tall it is drawn: up to ``max_rows`` rows without an inner
    scroll bar, in rows of :data:`WRAP_ROW` pixels when ``wrap`` (long names on two lines);
    ``plain`` tables of ready-made text are shown without a Styler."""

    columns: tuple[Column, ...]
    max_rows: int = 20
    wrap: bool = False
    plain: bool = False  # text cells only, shown as they are (no Styler)

    def screen_columns(self) -> list[Column]:
        """The columns shown on screen, in order."""
        return [c for c in self.columns if c.screen]

    def screen(self, frame: pd.DataFrame, lang: str = "vi", formatter=None, **values):
        """The rows as shown: the screen columns under their headers, numbers and dates in the
        language's format (a pandas Styler, or plain text for a large table)."""
        columns = self.screen_columns()
        headers = [c.header(lang, **values) for c in columns]
        display = frame[[c.key for c in columns]].set_axis(headers, axis=1)
        if self.plain:
            return display
        kinds = {h: _SCREEN_KIND[c.kind] for h, c in zip(headers, columns) if _SCREEN_KIND[c.kind]}
        cell_styles = {h: rank_change_style for h, c in zip(headers, columns) if c.kind == "rank_change"}
        return styled(display, kinds, lang, cell_styles=cell_styles or None, formatter=formatter)

    def column_config(self, lang: str = "vi", **values) -> dict[str, dict]:
        """``st.dataframe(column_config=...)``: the widths of the columns that have one."""
        return {c.header(lang, **values): {"width": c.width} for c in self.screen_columns() if c.width}

    def height(self, rows: int) -> int:
        """The height in pixels that shows ``rows`` rows (up to ``max_rows``)."""
        if self.wrap:
            return WRAP_ROW * min(rows, self.max_rows) + 38
        return table_height(rows, self.max_rows)

    @property
    def row_height(self) -> int | None:
        """The row height to give st.dataframe (None: Streamlit's own)."""
        return WRAP_ROW if self.wrap else None

    def export_columns(self, lang: str = "vi", **values) -> list[export.Column]:
        """The exported columns, in order, with their headers and typed cells."""
        return [
            export.Column(c.key, c.export_header(lang, **values), _EXPORT_KIND[c.kind])
            for c in self.columns if c.export
        ]
