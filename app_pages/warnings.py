"""Cảnh báo: the worklist of dossiers and citizen feedback about to cost Decision 766 points
(cchc/score766/worklist.py), by unit and procedure, exportable to Excel."""

from datetime import date

import streamlit as st

from cchc.i18n.labels import t
from cchc.score766 import worklist
from cchc.score766.settings import SettingError, from_env
from cchc.store.db import DataError
from cchc.ui.sidebar import current_filters

f = current_filters()
lang = f.lang
st.header(t("page_warnings", lang))
as_of = st.date_input(t("w766_as_of", lang), value=min(date.today(), f.period.end), key="w766_as_of",
                      format="DD/MM/YYYY")
try:
    settings = from_env()
    dossiers = worklist.dossier_worklist(as_of, f.unit_codes, settings=settings)
    feedback = worklist.feedback_worklist(as_of, f.unit_codes, settings=settings)
except (DataError, SettingError) as exc:
    st.warning(str(exc))
    st.stop()
st.caption(t("w766_window", lang, days=settings.warn_days))
st.subheader(t("w766_dossiers", lang))
if dossiers.empty:
    st.info(t("w766_none", lang))
else:
    shown = dossiers[[c.name for c in worklist.COLUMNS]].rename(columns={c.name: c.header for c in worklist.COLUMNS})
    st.dataframe(shown, hide_index=True, placeholder="—")
    st.download_button("Excel", worklist.to_excel(dossiers, as_of), file_name=f"canh-bao-{as_of:%Y-%m-%d}.xlsx",
                       key="w766_xlsx")
st.subheader(t("w766_feedback", lang))
if feedback.empty:
    st.info(t("w766_none", lang))
else:
    st.dataframe(feedback, hide_index=True)
