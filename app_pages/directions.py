"""Kết luận chỉ đạo (/ket-luan): the directions of the meeting of the chosen period, their
status today, and (on the server itself) editing them or importing them from Excel.

In presentation mode the directions are slides of DIRECTIONS_PER_SLIDE, in the slides' type,
long texts wrapped; editing and importing stay on the page in normal mode."""

from datetime import date

import pandas as pd
import streamlit as st

from cchc.directions import store
from cchc.directions.excel import DirectionsFileError, read_directions
from cchc.directions.model import (
    DONE,
    OPEN,
    DirectionsInputError,
    from_editor,
    status_on,
)
from cchc.i18n.formats import fmt_date
from cchc.i18n.labels import t
from cchc.ui import presentation
from cchc.ui.sidebar import current_filters
from cchc.ui.signin import current_user

f = current_filters()
lang = f.lang
meeting = f.period
present = presentation.is_on()
# a direction's text takes up to three lines on a projector: five of them fill a slide
DIRECTIONS_PER_SLIDE = 5
deck = presentation.Deck("directions", t("page_directions", lang), lang)

if not meeting.code:
    st.info(t("dir_custom_period", lang))
    st.stop()

st.caption(t("dir_page_intro", lang, meeting=meeting.label(lang)))
flash = st.session_state.pop("dir_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")

today = date.today()
directions = store.load(meeting)
if any(d.is_demo for d in directions):
    st.caption(f":material/info: {t('dir_demo_note', lang)}")

statuses = {s: t(f"dir_status_{s}", lang) for s in (OPEN, DONE, "late")}
shown = pd.DataFrame({
    t("dir_col_content", lang): [d.content for d in directions],
    t("dir_col_units", lang): [d.units for d in directions],
    t("dir_col_deadline", lang): [fmt_date(d.deadline, lang) if d.deadline else "—" for d in directions],
    t("dir_col_status", lang): [statuses[status_on(d, today)] for d in directions],
})
if present and directions:
    index = deck.pages(-(-len(directions) // DIRECTIONS_PER_SLIDE))
    if index is not None:
        first = index * DIRECTIONS_PER_SLIDE
        with deck.page_container():
            presentation.table(shown.iloc[first:first + DIRECTIONS_PER_SLIDE].reset_index(drop=True),
                               key="dir_slide", wrap=[t("dir_col_content", lang), t("dir_col_units", lang)])
            st.caption(t("dir_as_of", lang, date=fmt_date(today, lang)))
    deck.finish()
    st.stop()
if directions:
    st.dataframe(shown, hide_index=True, width="stretch", key="dir_table")
else:
    st.info(t("dir_none_for", lang, meeting=meeting.label(lang)))
st.caption(t("dir_as_of", lang, date=fmt_date(today, lang)))
if present:
    st.stop()

if not current_user().can("directions"):  # data managers and admins edit; viewers read
    st.warning(t("dir_edit_role", lang), icon=":material/lock:")
    st.stop()

edited = st.data_editor(
    store.to_frame(directions).drop(columns="is_demo"), num_rows="dynamic", hide_index=True, width="stretch",
    key=f"dir_editor_{meeting.code}",
    column_config={
        "content": st.column_config.TextColumn(t("dir_col_content", lang), width="large", required=True),
        "units": st.column_config.TextColumn(t("dir_col_units", lang)),
        "deadline": st.column_config.DateColumn(t("dir_col_deadline", lang), format="DD/MM/YYYY"),
        "status": st.column_config.SelectboxColumn(t("dir_col_status", lang), options=[OPEN, DONE], default=OPEN,
                                                   format_func=lambda s: statuses.get(s, s), required=True),
    },
)
if st.button(t("dir_save", lang), key="dir_save", icon=":material/save:"):
    try:
        rows = from_editor(edited, lang)
    except DirectionsInputError as exc:
        st.error(str(exc))
    else:
        store.save(meeting, rows)
        st.session_state["dir_flash"] = t("dir_saved", lang, count=len(rows), meeting=meeting.label(lang))
        st.rerun()

st.subheader(t("dir_upload", lang))
upload = st.file_uploader(t("dir_upload_help", lang), type=["xlsx"], key="dir_file")
if upload is not None:
    try:
        parsed = read_directions(upload.getvalue())
    except DirectionsFileError as exc:
        st.error(str(exc))
    else:
        st.caption(t("dir_preview", lang, count=len(parsed)))
        st.dataframe(store.to_frame(parsed).drop(columns="is_demo"), hide_index=True, width="stretch")
        if st.button(t("dir_import", lang), key="dir_import", icon=":material/upload_file:"):
            store.save(meeting, parsed)
            st.session_state["dir_flash"] = t("dir_saved", lang, count=len(parsed), meeting=meeting.label(lang))
            st.rerun()
