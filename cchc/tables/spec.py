"""One declaration per table column, used on screen and in the Excel/CSV export.

A :class:`TableSpec` lists a table's :class:`Column` s once: the DataFrame column, the label
key of its header, its kind (how values are formatted on screen and typed in Excel), its width
on screen, and whether it is shown, exported or both. From it come the screen table (headers in
the language, formats, ``column_config``, height), the rows to export (with the below-target
mark), the export columns (:class:`cchc.tables.export.Column`), the sheet's name and the
file's name. No Streamlit: ``column_config`` is plain dicts (the keys of
``st.column_config.Column``), which ``st.dataframe`` accepts as they are.

A table is drawn in one of three ways:

- by default a pandas Styler over the values: the table sorts by value, the cells show the
  language's formats;
- ``text_cells``: every cell written as text by the spec ('1.261', '▼ 97,0 %' for a judged rate
  below the on-time target), so the mark is in the cell; the reporting-form tables of the
  progress page, with a two-level header when columns are grouped;
- ``plain``: the values as they are, with Streamlit's own date and number formats.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from cchc.core.targets import BELOW_MARK, below_ontime_target
from cchc.i18n.labels import t
from cchc.tables import export
from cchc.tables.style import (
    marked,
    rank_change_style,
    styled,
    table_height,
    text_cells,
)

# kind -> the kind of cchc.tables.style.styled (None: text) and of an exported cell
_SCREEN_KIND = {"text": None, "int": "int", "num": "num", "pct": "pct", "date": "date", "rank_change": None,
                "change": "change"}
_EXPORT_KIND = {"text": "text", "int": "int", "num": "number", "pct": "percent", "date": "date", "rank_change": "text",
                "change": "change"}
KINDS = tuple(_SCREEN_KIND)

# ``text_cells`` tables: a text column as wide as its longest value, up to this many pixels
FIT_MAX = 340

# Rows taller than 4rem let long Vietnamese names wrap instead of being cut.
WRAP_ROW = 78


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``key`` is the DataFrame column; ``label`` the label key of its header (placeholders
    filled from the values given to the spec); ``group`` a label key written before it in the
    export header ('Cấp xã – Tỷ lệ') and above it on screen in a ``text_cells`` table; ``kind``
    one of 'text', 'int', 'num' (one decimal), 'pct' (percent units), 'date', 'rank_change'
    ('↑ 2' coloured), 'change' (a signed whole number: +2, −1, 0); ``width`` in pixels on
    screen ('fit': as wide as the longest value, in ``text_cells`` tables); ``screen``/``export``
    say where the column appears; ``export_label`` replaces the label in the export.
    ``title``/``export_title`` are headers already written (a criterion's name, from the data),
    used instead of the label. ``judged``: a rate judged against the on-time target ('▼' and
    the below colour on screen, the mark on the row's name in the export); ``pinned`` keeps the
    column in view while the table scrolls sideways."""

    key: str
    label: str
    kind: str = "text"
    width: int | str | None = None
    group: str | None = None
    screen: bool = True
    export: bool = True
    export_label: str | None = None
    title: str | None = None
    export_title: str | None = None
    judged: bool = False
    pinned: bool = False
    more: bool = False
    help: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _SCREEN_KIND:
            raise ValueError(f"unknown column kind {self.kind!r}")

    def header(self, lang: str = "vi", **values) -> str:
        """The header on screen."""
        return self.title if self.title is not None else t(self.label, lang, **values)

    def export_header(self, lang: str = "vi", **values) -> str:
        """The header in an exported file: 'Group – label' for a grouped column."""
        if self.export_title is not None or self.title is not None:
            label = self.export_title if self.export_title is not None else self.title
        else:
            label = t(self.export_label or self.label, lang, **values)
        return f"{t(self.group, lang, **values)} – {label}" if self.group else label


@dataclass(frozen=True)
class TableSpec:
    """A table's columns and how it is drawn and exported.

    Up to ``max_rows`` rows are shown without an inner scroll bar (None: every row), in rows of
    :data:`WRAP_ROW` pixels when ``wrap`` (long names on two lines). ``plain`` and
    ``text_cells`` choose how cells are drawn (see the module); ``total_row``: the last row is a
    total, in bold. ``mark_column``: the exported column whose cell carries '▼' when a judged
    rate of the row is below the target. ``name``: the label key of the table's short name
    (at most 31 characters: Excel's limit for a sheet's name), the name of the exported sheet
    and the first words of the file's name."""

    columns: tuple[Column, ...]
    max_rows: int | None = 20
    wrap: bool = False
    plain: bool = False  # values shown as they are (no Styler)
    text_cells: bool = False
    total_row: bool = False
    mark_column: str | None = None
    name: str | None = None

    def only(self, keys) -> TableSpec:
        """The same table with only the columns named in ``keys`` (a projector slide's part of
        a wide table), in the spec's order."""
        wanted = set(keys)
        return replace(self, columns=tuple(c for c in self.columns if c.key in wanted))

    def brief(self) -> TableSpec:
        """The same table without its ``more`` columns: the view that fits the screen (the
        export keeps every column). A group left with only its sub-total column becomes that
        column, under the group's name."""
        kept = [c for c in self.columns if not c.more]
        groups = {}
        for c in kept:
            if c.group and c.screen:
                groups[c.group] = groups.get(c.group, 0) + 1
        return replace(self, columns=tuple(
            replace(c, label=c.group, group=None)
            if c.group and groups.get(c.group) == 1 and c.label == "prog_sub_total" and c.screen else c
            for c in kept))

    def has_more(self) -> bool:
        """True when some screen columns are left out of :meth:`brief`."""
        return any(c.more and c.screen for c in self.columns)

    def ungrouped(self) -> TableSpec:
        """The same table with one header row (a projector slide, where a second header row is
        one table row less): a sub-total column takes its group's name ('Tiếp nhận trong kỳ'
        for its 'Tổng số'), every other column keeps its own label."""
        return replace(self, columns=tuple(
            replace(c, label=c.group if c.group and c.label == "prog_sub_total" else c.label, group=None)
            for c in self.columns))

    def screen_columns(self) -> list[Column]:
        """The columns shown on screen, in order."""
        return [c for c in self.columns if c.screen]

    def _grouped(self) -> bool:
        return self.text_cells and any(c.group for c in self.screen_columns())

    def screen(self, frame: pd.DataFrame, lang: str = "vi", formatter=None, weak_rows=None, **values):
        """The rows as shown: the screen columns under their headers, numbers and dates in the
        language's format (a pandas Styler, or plain text for a large table). ``weak_rows``
        flags rows written in the below-target colour."""
        columns = self.screen_columns()
        if self.text_cells:
            cells = {
                i: text_cells(frame[c.key], _SCREEN_KIND[c.kind], lang, judged=c.judged) for i, c in enumerate(columns)
            }
            display = pd.DataFrame(cells, index=range(len(frame)))
            if self._grouped():
                display.columns = pd.MultiIndex.from_tuples(
                    [(t(c.group, lang, **values) if c.group else "", c.header(lang, **values)) for c in columns]
                )
            else:
                display.columns = [c.header(lang, **values) for c in columns]
            return marked(display, total_row=self.total_row)
        headers = [c.header(lang, **values) for c in columns]
        display = frame[[c.key for c in columns]].set_axis(headers, axis=1)
        if self.plain:
            return display
        kinds = {h: _SCREEN_KIND[c.kind] for h, c in zip(headers, columns) if _SCREEN_KIND[c.kind]}
        cell_styles = {h: rank_change_style for h, c in zip(headers, columns) if c.kind == "rank_change"}
        return styled(display, kinds, lang, weak_rows=weak_rows, cell_styles=cell_styles or None, formatter=formatter)

    def column_config(self, lang: str = "vi", frame: pd.DataFrame | None = None, **values) -> dict:
        """``st.dataframe(column_config=...)``, plain dicts: widths and pinned columns; in a
        ``text_cells`` table numbers aligned right and 'fit' text columns as wide as their
        longest value in ``frame`` (keys by position, 1 the first column after the hidden
        index: the headers may be two-level); in a ``plain`` table the date and whole-number
        formats (vi: 30/06/2018)."""
        config: dict = {}
        for position, column in enumerate(self.screen_columns(), start=1):
            entry: dict = {}
            if column.pinned:
                entry["pinned"] = True
            if column.help:
                entry["help"] = t(column.help, lang, **values)
            width = column.width
            if width == "fit":
                longest = max([len(str(v)) for v in frame[column.key]] if frame is not None else [], default=0)
                width = min(FIT_MAX, 7 * max(longest, len(column.header(lang, **values))) + 24)
            if width:
                entry["width"] = width
            if self.text_cells and column.kind != "text":
                entry["alignment"] = "right"
            if self.plain:
                if column.kind == "date":
                    entry["type_config"] = {"type": "date", "format": "DD/MM/YYYY" if lang == "vi" else "D MMM YYYY"}
                elif column.kind == "int":
                    entry["type_config"] = {"type": "number", "format": "%d"}
                elif entry:
                    entry["type_config"] = {"type": "text"}
            if entry:
                config[position if self.text_cells else column.header(lang, **values)] = entry
        return config

    def height(self, rows: int) -> int:
        """The height in pixels that shows ``rows`` rows (up to ``max_rows``) under the header
        (two rows high when grouped)."""
        shown = rows if self.max_rows is None else min(rows, self.max_rows)
        if self.wrap:
            return WRAP_ROW * shown + 38
        if self._grouped():
            return 35 * (shown + 2) + 3
        return table_height(shown, shown)

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

    def export_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows to export (numbers stay numbers); the ``mark_column`` cell of a row whose
        judged rate is below the target carries the mark ('▼ Kim Sơn')."""
        judged = [c.key for c in self.columns if c.judged]
        if not (self.mark_column and judged and self.mark_column in frame.columns):
            return frame
        out = frame.copy()
        below = [any(flags) for flags in zip(*([below_ontime_target(v) for v in out[j]] for j in judged))]
        out[self.mark_column] = [f"{BELOW_MARK} {name}" if b else name for name, b in zip(out[self.mark_column], below)]
        return out

    def sheet_name(self, lang: str = "vi", **values) -> str | None:
        """The exported sheet's name: the table's short name (None: named after the title)."""
        return export.sheet_name(t(self.name, lang, **values)) if self.name else None

    def file_name(self, lang: str = "vi", period: str = "", units=(), fields=(), **values) -> str:
        """The exported file's name without extension: the table's short name, the period and
        the units and fields it covers (cchc.tables.export.file_stem)."""
        return export.file_stem(t(self.name, lang, **values) if self.name else "export", period, units, fields, lang)
