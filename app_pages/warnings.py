"""Cảnh báo: the worklist of dossiers and citizen feedback about to cost Decision 766 points
(cchc/score766/worklist.py), by unit and procedure, exportable to Excel.

In presentation mode (cchc/ui/presentation.py): a slide of counts, the dossier list paged
(cchc/score766/display.py: rows per slide, the most urgent first, the total of the whole
list on every page), and a slide of feedback."""

from datetime import date

import pandas as pd
import streamlit as st

from cchc.i18n.formats import fmt_int, fmt_num
from cchc.i18n.labels import t
from cchc.score766 import display, worklist
from cchc.score766.settings import SettingError, from_env
from cchc.store.db import DataError, run_query
from cchc.ui import presentation
from cchc.ui.sidebar import current_filters

f = current_filters()
lang = f.lang
present = presentation.is_on()
ROW_PX = 35  # st.dataframe's row height
PROCEDURE_PX = 300  # the procedure column's width on the page: the eight columns fit 1366 px beside the sidebar


def show(table: pd.DataFrame, key: str, rows_shown: int | None = None) -> None:
    """A worklist table, its last row the total in bold: a slide's table when presenting,
    else a data grid of up to ``rows_shown`` rows (the rest scroll inside it)."""
    styler = display.bold_rows(table, [len(table) - 1])
    if present:
        presentation.table(styler, key)
        return
    config = {column: {"alignment": "right"} for column in presentation.numeric_columns(table)}
    if t("w766_col_procedure", lang) in table:  # a long name wraps out of view, not the table sideways
        config[t("w766_col_procedure", lang)] = {"width": PROCEDURE_PX}
    rows = len(table) if rows_shown is None else min(len(table), rows_shown)
    st.dataframe(styler, hide_index=True, key=key, column_config=config or None, height=ROW_PX * (rows + 1) + 3)


deck = presentation.Deck("warnings", t("page_warnings", lang), lang)
deck.section()
as_of = st.date_input(t("w766_as_of", lang), value=min(date.today(), f.period.end), key="w766_as_of",
                      format="DD/MM/YYYY")
try:
    settings = from_env()
    dossiers = worklist.dossier_worklist(as_of, f.unit_codes, settings=settings)
    feedback = worklist.feedback_worklist(as_of, f.unit_codes, settings=settings)
except (DataError, SettingError) as exc:
    st.warning(str(exc))
    st.stop()
units = run_query("units")
names = dict(zip(units["unit_code"], units["short_name"].fillna(units["name"])))

# -- the counts: by kind, feedback, the points at stake --------------------------------------
st.caption(t("w766_window", lang, days=settings.warn_days) + " " + t("w766_second_note", lang))
counts = display.kind_counts(dossiers)
tiles = [(t(display.KIND_LABELS[kind], lang), fmt_int(n, lang)) for kind, n in counts.items()]
tiles.append((t("w766_feedback_count", lang), fmt_int(len(feedback), lang)))
tiles.append((t("w766_points_total", lang), fmt_num(dossiers["points_at_stake"].dropna().sum(), 2, lang)))
for col, (label, value) in zip(st.columns(len(tiles)), tiles):
    col.metric(label, value, border=True)

# -- the dossiers: one table on the page, pages of rows when presenting -----------------------
if dossiers.empty:
    st.subheader(t("w766_dossiers", lang))
    st.info(t("w766_none", lang))
elif present:
    slides = display.pages(len(dossiers))
    for number, rows in enumerate(slides, start=1):
        deck.section()
        st.subheader(t("w766_dossiers", lang))
        note = t("w766_page", lang, first=fmt_int(rows.start + 1, lang), last=fmt_int(rows.stop, lang),
                 n=fmt_int(len(dossiers), lang))
        if number == len(slides) and rows.stop < len(dossiers):
            note += " " + t("w766_page_more", lang, shown=fmt_int(rows.stop, lang), n=fmt_int(len(dossiers), lang))
        st.caption(note)
        show(display.worklist_table(dossiers, lang, names, rows=rows, brief=True), f"w766_dossiers_{number}")
else:
    st.subheader(t("w766_dossiers", lang))
    show(display.worklist_table(dossiers, lang, names), "w766_dossiers", rows_shown=20)
    st.download_button(t("download_xlsx", lang), worklist.to_excel(dossiers, as_of, lang),
                       file_name=f"canh-bao-{as_of:%Y-%m-%d}.xlsx", key="w766_xlsx", icon=":material/table_view:")

# -- the feedback -----------------------------------------------------------------------------
deck.section()
st.subheader(t("w766_feedback", lang))
if feedback.empty:
    st.info(t("w766_none", lang))
else:
    limit = display.WORKLIST_SLIDE_ROWS if present else None
    show(display.feedback_table(feedback, lang, names, limit=limit), "w766_feedback", rows_shown=20)
deck.finish()
