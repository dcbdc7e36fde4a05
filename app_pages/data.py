"""Dữ liệu: load a district's own files (upload -> preview -> confirm) and undo loads.

Nothing is written before the user confirms; the load runs on a copy of the database that
is swapped in at once, so other sessions keep reading the previous data meanwhile.

In presentation mode the page is one slide: what the data hold (cchc/tables/data_summary.py),
not the admin's uploads and undo.
"""

import streamlit as st

from cchc import importer
from cchc.i18n.formats import fmt_date, fmt_int
from cchc.i18n.labels import t
from cchc.importer.load import database_version, sha256_of
from cchc.importer.readers import max_upload_mb
from cchc.importer.summary import new_procedures_frame, rejections_frame, summary_lines
from cchc.settings import get as get_setting
from cchc.settings import is_set
from cchc.store import audit
from cchc.store.db import run_query
from cchc.sync.feed import is_stale
from cchc.tables.data_summary import data_summary
from cchc.ui import presentation
from cchc.ui.audit_view import audit_section
from cchc.ui.sidebar import current_filters
from cchc.ui.signin import actor, require

lang = current_filters().lang
require("import", lang)  # security: a viewer cannot reach this page by its URL either
KINDS = ["auto", "dossiers", "scores", "procedures", "services766", "feedback766", "procedures766", "units766"]

deck = presentation.Deck("data", t("page_data", lang), lang)
if presentation.is_on():
    with deck.slide():
        st.subheader(t("data_sum_heading", lang))
        summary = data_summary(run_query("data_range").iloc[0].to_dict(), len(run_query("units")),
                               run_query("load_log"), run_query("sync_state"), lang)
        presentation.table(summary, key="data_summary", wrap=[t("data_sum_value", lang)])
    deck.finish()
    st.stop()
st.caption(t("imp_page_intro", lang))

flash = st.session_state.pop("imp_flash", None)
if flash:
    st.success("\n\n".join(flash), icon=":material/check_circle:")

# -- load a file ---------------------------------------------------------------------------
st.subheader(t("imp_upload_heading", lang))
# the server refuses uploads above server.maxUploadSize whatever the widget says
limit = min(max_upload_mb(), st.get_option("server.maxUploadSize"))
left, right = st.columns([1, 3])
kind = left.selectbox(
    t("imp_kind_label", lang), KINDS, key="imp_kind",
    format_func=lambda k: t("imp_kind_auto", lang) if k == "auto" else t(f"imp_kind_{k}", lang),
)
upload = right.file_uploader(
    t("imp_file_label", lang, limit=limit), type=["xlsx", "xls", "csv"], max_upload_size=limit,
    key=f"imp_file_{st.session_state.get('imp_round', 0)}",
)


def show_preview(outcome: importer.Outcome) -> None:
    plan = outcome.plan
    st.markdown(f"**{t('imp_preview_heading', lang)}**")
    cols = st.columns(4)
    cols[0].metric(t("imp_m_accepted", lang), fmt_int(plan.accepted, lang), border=True)
    cols[1].metric(t("imp_m_inserted", lang), fmt_int(plan.inserted, lang), border=True)
    cols[2].metric(t("imp_m_updated", lang), fmt_int(plan.updated, lang), border=True)
    cols[3].metric(t("imp_m_rejected", lang), fmt_int(plan.rejected, lang), border=True)
    for line in summary_lines(outcome, lang, rejected_lines=0):
        st.markdown(f"- {line}")
    new = new_procedures_frame(outcome)
    if plan.kind == "dossiers" and not new.empty:
        st.markdown(f"**{t('imp_new_procedures_heading', lang)}**")
        st.dataframe(new.rename(columns={"procedure_code": t("imp_col_code", lang), "name": t("imp_col_name", lang),
                                         "field_code": t("imp_col_field", lang)}), hide_index=True, key="imp_new_procs")
    rejected = rejections_frame(outcome, lang)
    if not rejected.empty:
        st.markdown(f"**{t('imp_rejected_heading', lang)}**")
        st.dataframe(rejected.rename(columns={"row": t("imp_col_row", lang), "column": t("imp_col_column", lang),
                                              "value": t("imp_col_value", lang), "reason": t("imp_col_reason", lang)}),
                     hide_index=True, key="imp_rejected")


if upload is not None:
    data = upload.getvalue()
    key = (sha256_of(data), kind, database_version())
    cached = st.session_state.get("imp_preview")
    if cached is None or cached["key"] != key:
        try:
            cached = {"key": key, "outcome": importer.preview(data, upload.name, kind=None if kind == "auto" else kind)}
        except importer.ImportFileError as exc:
            cached = {"key": key, "error": exc.message(lang)}
        except Exception as exc:  # noqa: BLE001 - a clear message, never a traceback
            cached = {"key": key, "error": t("imp_err_failed", lang, error=" ".join(str(exc).split())[:300])}
        st.session_state["imp_preview"] = cached
    if "error" in cached:
        st.error(cached["error"], icon=":material/block:")
    else:
        outcome = cached["outcome"]
        show_preview(outcome)
        if st.button(t("imp_confirm", lang), type="primary", key="imp_confirm", disabled=outcome.plan.accepted == 0):
            try:
                with st.spinner(t("imp_loading", lang)):
                    done = importer.load(data, upload.name, kind=None if kind == "auto" else kind)
            except importer.ImportFileError as exc:
                st.error(exc.message(lang), icon=":material/block:")
            except Exception as exc:  # noqa: BLE001
                st.error(t("imp_err_failed", lang, error=" ".join(str(exc).split())[:300]), icon=":material/block:")
            else:
                p = done.plan
                if done.written:  # security: audit trail (the content's hash, not the file's name)
                    audit.record(actor(), "load", load_id=done.load_id, sha256=sha256_of(data), kind=kind,
                                 inserted=p.inserted, updated=p.updated, rejected=p.rejected)
                # no file name of the database on screen: the page speaks of the data, not the store
                message = (t("imp_sum_loaded_page", lang, load=done.load_id, inserted=p.inserted,
                             updated=p.updated, rejected=p.rejected) if done.written else t("imp_sum_nothing", lang))
                st.session_state["imp_flash"] = [message]
                st.session_state.pop("imp_preview", None)
                st.session_state["imp_round"] = st.session_state.get("imp_round", 0) + 1
                st.rerun()

# -- the live feed (python -m cchc sync, run by cron: docs/import.md) ------------------------
last_sync = run_query("sync_state")
if not last_sync.empty or is_set("CCHC_SYNC_URL"):
    st.subheader(t("sync_heading", lang))
    if last_sync.empty:
        st.warning(t("sync_never", lang), icon=":material/sync_problem:")
    else:
        run = last_sync.iloc[0]
        st.caption(t("sync_last", lang, time=f"{fmt_date(run['finished_at'].date(), lang)} {run['finished_at']:%H:%M}",
                     source=run["source"], inserted=fmt_int(run["inserted"], lang), updated=fmt_int(run["updated"], lang),
                     rejected=fmt_int(run["rejected"], lang)))
        if is_stale(run["finished_at"].to_pydatetime(), get_setting("CCHC_SYNC_EVERY_MIN")):
            st.warning(t("sync_stale", lang, minutes=get_setting("CCHC_SYNC_EVERY_MIN")), icon=":material/sync_problem:")

# -- history and undo ----------------------------------------------------------------------
st.subheader(t("imp_history_heading", lang))
history = run_query("load_log")
if history.empty:
    st.info(t("imp_history_none", lang))
else:
    def when(value) -> str:
        return "" if value is None or value != value else f"{fmt_date(value.date(), lang)} {value:%H:%M}"

    shown = history.assign(
        kind=[t(f"imp_kind_short_{k}", lang) for k in history["kind"]],
        loaded_at=[when(v) for v in history["loaded_at"]],
        undone_at=[when(v) for v in history["undone_at"]],
        inserted=[fmt_int(v, lang) for v in history["inserted"]],
        updated=[fmt_int(v, lang) for v in history["updated"]],
        rejected=[fmt_int(v, lang) for v in history["rejected"]],
    )[["load_id", "file_name", "kind", "inserted", "updated", "rejected", "loaded_at", "undone_at"]]
    st.dataframe(shown.rename(columns={
        "load_id": t("imp_col_load", lang), "file_name": t("imp_col_file", lang), "kind": t("imp_col_kind", lang),
        "inserted": t("imp_m_inserted", lang), "updated": t("imp_m_updated", lang),
        "rejected": t("imp_m_rejected", lang), "loaded_at": t("imp_col_loaded_at", lang),
        "undone_at": t("imp_col_undone_at", lang),
    }), hide_index=True, key="imp_history")
    active = history[history["is_active"]]
    if not active.empty:
        labels = {int(r.load_id): t("imp_undo_option", lang, load=int(r.load_id), file=r.file_name, time=when(r.loaded_at))
                  for r in active.itertuples()}
        left, right = st.columns([3, 1])
        chosen = left.selectbox(t("imp_undo_label", lang), list(labels), format_func=labels.get, key="imp_undo_load")
        sure = left.checkbox(t("imp_undo_confirm", lang), key="imp_undo_sure")
        if right.button(t("imp_undo_button", lang), key="imp_undo", disabled=not sure):
            try:
                with st.spinner(t("imp_loading", lang)):
                    importer.undo(chosen)
            except importer.ImportFileError as exc:
                st.error(exc.message(lang), icon=":material/block:")
            except Exception as exc:  # noqa: BLE001
                st.error(t("imp_err_failed", lang, error=" ".join(str(exc).split())[:300]), icon=":material/block:")
            else:
                audit.record(actor(), "undo", load_id=int(chosen))  # security: audit trail
                st.session_state["imp_flash"] = [t("imp_sum_undone", lang, load=chosen)]
                st.session_state.pop("imp_preview", None)
                st.session_state.pop("imp_undo_sure", None)
                st.rerun()

audit_section(lang)  # admins: who signed in, loaded, undid, exported
