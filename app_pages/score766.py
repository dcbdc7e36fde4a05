"""Chỉ số 766: the Decision 766 index of the chosen units and period (cchc/score766):
scorecard with the change since the previous period, rank among units of the same level,
monthly trend, points lost and why (links to /ho-so), sub-indicators, and the portal's
scores beside ours."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cchc.charts.theme import DIFFERENCE_FILL
from cchc.i18n.formats import fmt_num, fmt_pct
from cchc.i18n.labels import t
from cchc.score766 import compute as c766
from cchc.score766.explain import losses
from cchc.score766.figures import trend_figure
from cchc.score766.portal import PortalFileError, compare, read_portal
from cchc.score766.settings import SettingError, from_env
from cchc.store.db import DataError, run_query
from cchc.ui.sidebar import current_filters

f = current_filters()
lang = f.lang
st.header(t("page_score766", lang))
try:
    settings = from_env()
    score = c766.compute(f.period, f.unit_codes, settings=settings, lang=lang)
except (DataError, SettingError) as exc:
    st.warning(str(exc))
    st.stop()

st.caption(t("s766_method", lang, states=", ".join(map(str, settings.finish_states)),
             bands=" / ".join(fmt_num(b, 0, lang) for b in settings.bands)))
if f.period.start.year < 2022:
    st.caption(t("s766_before_decision", lang))
kind = run_query("score766_dataset_kind")
if len(kind) and kind.iloc[0, 0] == "demo" and run_query("score766_inputs")["rows"].sum() > 0:
    st.caption(t("s766_demo_inputs", lang))
if not score.has_dossiers:
    st.info(t("s766_no_dossiers", lang, period=f.period.label(lang)))
    st.stop()

# -- scorecard ------------------------------------------------------------------------------
cols = st.columns(7)
total = score.total
cols[0].metric(t("s766_total", lang), "—" if total is None else f"{fmt_num(total, 2, lang)}/{fmt_num(score.total_max, 0, lang)}",
               None if score.delta() is None else fmt_num(score.delta(), 2, lang))
for col, group in zip(cols[1:], score.groups):
    value = t("s766_no_data", lang) if group.points is None else f"{fmt_num(group.points, 2, lang)}/{fmt_num(group.max_points, 0, lang)}"
    d = score.delta(group.code)
    col.metric(t(f"g766_{group.code}", lang), value, None if d is None else fmt_num(d, 2, lang))
if not score.complete:
    st.caption(t("s766_partial_total", lang, n=sum(g.points is not None for g in score.groups),
                 max=fmt_num(score.total_max, 0, lang)))
for group in score.groups:
    if group.points is None:
        st.caption(f"{t(f'g766_{group.code}', lang)}: " + t("s766_no_data_load", lang, tables=", ".join(group.missing)))

# -- rank among units of the same level in scope ---------------------------------------------
if len(score.units) == 1:
    ranks = c766.rank(f.period, list(f.all_units), settings=settings)
    mine = ranks[ranks["unit_code"] == score.units[0]].iloc[0]
    same = ranks[(ranks["kind"] == mine["kind"]) & ranks["total"].notna()]
    if pd.notna(mine["rank"]):
        st.write(t("s766_rank", lang, rank=int(mine["rank"]), n=len(same)))

# -- monthly trend ---------------------------------------------------------------------------
st.subheader(t("s766_trend", lang))
st.plotly_chart(trend_figure(c766.monthly_trend(f.period, f.unit_codes, settings=settings), lang),
                config={"displaylogo": False})

# -- points lost and why --------------------------------------------------------------------
st.subheader(t("s766_lost", lang))
for loss in losses(score):
    links = " · ".join(f"[{label}]({url})" for label, url in loss.links)
    st.markdown(f"- {loss.text}" + (f"  \n  {links}" if links else ""))

# -- sub-indicators --------------------------------------------------------------------------
st.subheader(t("s766_metrics", lang))
rows = [{"Nhóm": t(f"g766_{g.code}", lang), "Chỉ tiêu": m.name, "Tử số": m.numerator, "Mẫu số": m.denominator,
         "Tỷ lệ": None if m.ratio is None else fmt_pct(m.ratio, 2, lang),
         "Điểm": None if m.points is None else fmt_num(m.points, 2, lang), "Tối đa": fmt_num(m.max_points, 0, lang),
         "Ghi chú": {"scored": "", "not_applicable": "không áp dụng cho cấp này",
                     "no_data": t("s766_no_data_load", lang, tables=", ".join(m.missing))}[m.status]}
        for g in score.groups for m in g.metrics]
st.dataframe(pd.DataFrame(rows), hide_index=True, placeholder="—")

# -- reconciliation with the portal ---------------------------------------------------------
with st.expander(t("s766_portal", lang)):
    upload = st.file_uploader(t("s766_portal_upload", lang), type=["json"], key="s766_portal_file")
    portal_unit = st.text_input(t("s766_portal_unit", lang), key="s766_portal_unit")
    if upload is not None and portal_unit:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "portal.json"
            path.write_bytes(upload.getvalue())
            try:
                table = compare(score.to_dict(), read_portal(path), portal_unit)
            except PortalFileError as exc:
                st.warning(str(exc))
                table = None
        if table is not None:
            table["group_code"] = [t(f"g766_{g}", lang) for g in table["group_code"]]
            st.dataframe(table.style.map(lambda v: f"background-color: {DIFFERENCE_FILL}" if isinstance(v, float) and abs(v) >= 0.01 else "",
                                         subset=["difference"]), hide_index=True)
