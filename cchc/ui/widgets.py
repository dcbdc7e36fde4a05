"""Small Streamlit building blocks shared by the pages (no SQL, no metrics here)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from cchc.core.filters import Filters
from cchc.core.units import selection_text
from cchc.i18n.labels import t
from cchc.tables.export import Column, safe_filename, to_csv, to_xlsx
from cchc.tables.spec import TableSpec


def filters_text(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The filters in words, for export title rows: 'Kỳ: 6 tháng đầu năm 2018; Đơn vị: ...'."""
    lang = filters.lang
    names = names or {}
    parts = [f"{t('period', lang)}: {filters.period.label(lang)}"]
    # the selected units, or the scope / the user's units when the view is limited (never "all")
    parts.append(f"{t('units', lang)}: {selection_text(filters, names, lang)}")
    if filters.fields:
        parts.append(f"{t('fields', lang)}: " + ", ".join(names.get(f, f) for f in filters.fields))
    if filters.channels:
        parts.append(f"{t('channels', lang)}: " + ", ".join(t(f"channel_{c}", lang) for c in filters.channels))
    return "; ".join(parts)


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], columns: list[Column], title: str, subtitle: str,
    key: str, lang: str, *, file_name: str | None = None, sheet: str | None = None,
) -> None:
    """Excel and CSV download buttons for one table.

    The files are built only when a button is clicked (Streamlit's deferred downloads),
    not on every rerun; ``frame`` may be a function returning the table, so that a large
    export query also runs only on click. ``file_name`` (without extension) and ``sheet``
    default to the title."""
    name = file_name or safe_filename(title)

    from cchc.ui.signin import actor

    who = actor()  # read now: the file is built later, outside this run

    def table(fmt: str) -> pd.DataFrame:
        from cchc.store import audit

        # security: audit trail of exports (which table, with which filters)
        audit.record(who, "export", table=title, filters=subtitle, format=fmt)
        return frame() if callable(frame) else frame

    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    row.download_button(
        t("download_xlsx", lang), lambda: to_xlsx(table("xlsx"), columns, title, subtitle, sheet), file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
        icon=":material/table_view:", on_click="ignore",
    )
    row.download_button(
        t("download_csv", lang), lambda: to_csv(table("csv"), columns, lang), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv", icon=":material/download:", on_click="ignore",
    )


def show_table(
    spec: TableSpec, lang: str, frame: pd.DataFrame, key: str, width: str = "stretch", formatter=None,
    weak_rows=None, **values,
) -> None:
    """A table on screen as its spec says: headers, formats, column widths and height
    (``width="content"``: as narrow as its cells, as tall as its rows). ``values`` fill the
    headers' placeholders; ``formatter`` writes a large table as text (default
    cchc.tables.style.formatted), ``weak_rows`` flags rows in the below-target colour. In
    presentation mode: the whole table in the slides' type (:func:`cchc.ui.presentation.table`),
    no scrolling."""
    from cchc.ui import presentation

    if presentation.is_on():
        presentation.table(spec.ungrouped().screen(frame, lang, formatter=formatter, weak_rows=weak_rows, **values),
                           key=key)
        return
    st.dataframe(
        spec.screen(frame, lang, formatter=formatter, weak_rows=weak_rows, **values), hide_index=True,
        placeholder="—", key=key, width=width,
        height=spec.height(len(frame)) if width == "stretch" else "auto", row_height=spec.row_height,
        column_config=spec.column_config(lang, frame, **values) or None,
    )


def brief_or_full(spec: TableSpec, key: str, lang: str, brief: TableSpec | None = None) -> TableSpec:
    """The spec to show: the brief view that fits a 1366-pixel screen beside the sidebar
    (``brief``, by default :meth:`TableSpec.brief`) unless the "Hiện đủ cột" switch drawn
    here is on; ``spec`` as it is when it has nothing to leave out or when presenting (slides
    choose their own columns). Exports always take the full spec."""
    from cchc.ui import presentation

    if (brief is None and not spec.has_more()) or presentation.is_on():
        return spec
    full = st.toggle(t("table_more_columns", lang), key=f"{key}_more", help=t("table_more_help", lang))
    return spec if full else (brief or spec.brief())


def download_table(
    spec: TableSpec, frame: pd.DataFrame | Callable[[], pd.DataFrame], title: str, subtitle: str, key: str,
    lang: str, scope: dict | None = None, **values,
) -> None:
    """Excel and CSV download buttons for a table declared by ``spec``: its export columns and
    rows (the below-target mark), the sheet named after the table, and a file name that
    carries ``scope``: the period, units and fields the table covers
    (cchc.tables.export.filters_scope gives them for the shared filters)."""
    rows = (lambda: spec.export_frame(frame())) if callable(frame) else spec.export_frame(frame)
    download_buttons(
        rows, spec.export_columns(lang, **values), title, subtitle, key, lang,
        file_name=spec.file_name(lang, **(scope or {}), **values), sheet=spec.sheet_name(lang, **values),
    )


def html_mark(text: str) -> str:
    """``text`` marked as below target and coloured, for Markdown with unsafe HTML (the
    Overview's lists); the text itself is escaped."""
    import html

    from cchc.charts.theme import BELOW_COLOR
    from cchc.core.targets import BELOW_MARK

    return f'<span style="color:{BELOW_COLOR};font-weight:600">{BELOW_MARK} {html.escape(text)}</span>'
