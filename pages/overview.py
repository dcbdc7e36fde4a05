"""Tổng quan: the meeting view — KPI tiles, summary, monthly on-time trend, PAR ranking."""

import streamlit as st

from cchc import charts
from cchc.db import run_query
from cchc.filters import current_filters
from cchc.formats import fmt_delta_int, fmt_delta_pct_points, fmt_int, fmt_pct
from cchc.kpis import overview_kpis, par_year_for, trend_window
from cchc.labels import t
from cchc.summary import summary_paragraphs

f = current_filters()
lang = f.lang
units = run_query("units")
info = run_query("data_range").iloc[0]

st.title(t("page_overview", lang))
st.caption(f"{f.period.label(lang)} · {t('ontime_rate_a_note', lang)}")

kpis = overview_kpis(f, units)


def delta(current, previous, key, formatter):
    if previous is None or current is None:
        return None
    a, b = current[key], previous[key]
    if a is None or b is None or a != a or b != b:  # NaN-safe
        return None
    text = formatter(float(a) - float(b), lang)
    # st.metric shows no arrow only for the literal "0"
    return "0" if text.startswith("0") else text


def tiles(group_key: str, title: str) -> None:
    k = kpis.get(group_key)
    if k is None or k.current is None:
        return
    cur, prev = k.current, k.previous
    st.subheader(title)
    cols = st.columns(5)
    vs_prev = t("vs_previous", lang)
    cols[0].metric(t("received", lang), fmt_int(cur["received"], lang),
                   delta(cur, prev, "received", fmt_delta_int), border=True, delta_description=vs_prev)
    cols[1].metric(t("resolved", lang), fmt_int(cur["resolved"], lang),
                   delta(cur, prev, "resolved", fmt_delta_int), border=True, delta_description=vs_prev)
    cols[2].metric(t("ontime_rate", lang), fmt_pct(cur["ontime_rate"], 1, lang),
                   delta(cur, prev, "ontime_rate", fmt_delta_pct_points), border=True, delta_description=vs_prev,
                   help=t("ontime_rate_a_note", lang))
    cols[3].metric(t("in_progress_overdue", lang), fmt_int(cur["in_progress_overdue"], lang),
                   delta(cur, prev, "in_progress_overdue", fmt_delta_int), delta_color="inverse", border=True, delta_description=vs_prev)
    cols[4].metric(t("online_share", lang), fmt_pct(cur["online_share"], 1, lang),
                   delta(cur, prev, "online_share", fmt_delta_pct_points), border=True, delta_description=vs_prev)


if not kpis or all(k.current is None or not (k.current["received"] or k.current["resolved"] or k.current["carried_over"]) for k in kpis.values()):
    st.info(t("no_data_period", lang))
else:
    tiles("town", t("town_desk", lang))
    tiles("commune_ward", t("communes_wards", lang))

par_year = par_year_for(f.period, info["last_par_year"])
ranking = run_query("par_ranking", year=par_year) if par_year else None
procedures = run_query("procedure_summary", start=f.period.start, end=f.period.end)
district = procedures[procedures["level"] == "district"].iloc[0]

st.subheader(t("summary_heading", lang))
town, wards = kpis.get("town"), kpis.get("commune_ward")
sentences = summary_paragraphs(
    town.current if town else None, town.previous if town else None,
    wards.current if wards else None, wards.previous if wards else None,
    district, ranking, par_year, lang,
)
st.markdown(" ".join(sentences) if sentences else t("summary_no_data", lang, period=f.period.label(lang)))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("trend_heading", lang))
    window = trend_window(f.period, info["first_received"].date() if info["first_received"] == info["first_received"] else None)
    trend = run_query("ontime_trend_monthly", **f.query_params(start=window.start, end=window.end))
    if trend.empty:
        st.info(t("no_data_period", lang))
    else:
        st.plotly_chart(charts.ontime_trend(trend, lang), key="trend_chart", config={"displaylogo": False})
with right:
    st.subheader(t("ranking_heading", lang, year=par_year or ""))
    if ranking is None or ranking["rank"].isna().all():
        st.info(t("ranking_none", lang))
    else:
        st.plotly_chart(charts.par_ranking(ranking, lang), key="ranking_chart", config={"displaylogo": False})
        st.caption(t("par_demo_note", lang))
