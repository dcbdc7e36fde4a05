"""The audit trail shown to admins (a section of the Dữ liệu page), with a CSV export."""

from __future__ import annotations

import streamlit as st

from cchc.i18n.labels import t
from cchc.store import audit
from cchc.tables.export import Column
from cchc.ui.signin import current_user


def audit_section(lang: str) -> None:
    """The latest events, newest first, and a CSV download (admins signed in; nothing otherwise)."""
    # Local use (no sign-in, 127.0.0.1) has one person, the local admin: the trail is still
    # written but not shown on the page.
    from cchc.ui.signin import mode

    if mode() == "local" or not current_user().can("audit"):
        return
    st.subheader(t("audit_heading", lang))
    events = audit.events()
    if events.empty:
        st.info(t("audit_none", lang))
        return
    columns = [Column("event_at", t("audit_col_time", lang), "text"), Column("actor", t("audit_col_actor", lang)),
               Column("action", t("audit_col_action", lang)), Column("detail", t("audit_col_detail", lang))]
    shown = events.assign(event_at=events["event_at"].astype(str).str[:19])[[c.name for c in columns]]
    st.dataframe(shown.rename(columns={c.name: c.header for c in columns}), hide_index=True, key="audit_table")

    def csv() -> bytes:
        from cchc.tables.export import to_csv

        return to_csv(shown, columns, lang)  # formulas neutralised like every export

    st.download_button(t("audit_download", lang), csv, file_name="nhat-ky-truy-cap.csv", mime="text/csv",
                       key="audit_csv", icon=":material/download:", on_click="ignore")
