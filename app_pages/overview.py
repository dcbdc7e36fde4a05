"""Tổng quan: the meeting view — KPI tiles, summary, monthly on-time trend, PAR ranking,
units below target, the follow-up of the previous meeting's directions, and the meeting
report (PDF, DOCX) of the same figures, offered at the top of the page. As today's units
(history=today), also the whole history per current unit: every month in the data, across
the reorganisation of 1 July 2025.

Five sections (six as today's units); in presentation mode each is one slide of a 1366×768
screen (cchc/ui/presentation.py: ‹ Trước / Tiếp ›, ``slide=N`` in the URL)."""

import html

import pandas as pd
import streamlit as st

from cchc.charts import overview as charts
from cchc.charts.progress import unit_trend
from cchc.charts.theme import BELOW_COLOR, FONT_SIZE, PROJECTOR_FONT_SIZE
from cchc.core.kpis import (
    OVERVIEW_LIST_MAX,
    OVERVIEW_RANKING_EACH,
    meeting_figures,
    ranking_ends,
    whole_history,
)
from cchc.core.targets import (
    BELOW_MARK,
    below_ontime_target,
    ontime_target,
    par_band,
    target_text,
)
from cchc.core.units import approx_note, selection_text
from cchc.directions.store import follow_up_today as directions_follow_up
from cchc.i18n.formats import (
    fmt_delta_int,
    fmt_delta_pct_points,
    fmt_int,
    fmt_num,
    fmt_pct,
)
from cchc.i18n.labels import t
from cchc.store.db import as_date, run_query
from cchc.ui import presentation
from cchc.ui.drilldown import drill_callback
from cchc.ui.memo import kept
from cchc.ui.sidebar import current_filters
from cchc.ui.widgets import html_mark

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# Figures built once per input (cchc/ui/memo.py), as on the other pages: a Plotly figure takes 10-30 ms.
ontime_trend, par_ranking, history_trend = map(kept, (charts.ontime_trend, charts.par_ranking, unit_trend))
HISTORY_TOP = 8  # lines of the whole-history trend: the busiest units (a province has 126 communes)

f = current_filters()
lang = f.lang
present = presentation.is_on()
figures = meeting_figures(f)
target = ontime_target()
target_label = target_text(target, lang)

deck = presentation.Deck("overview", t("page_overview", lang), lang)
names = dict(zip(figures.units["unit_code"], figures.units["short_name"]))
units_text = selection_text(f, names, lang)
head = st.container(horizontal=True, vertical_alignment="center", gap="medium", key="overview_head")
head.caption(f"**{f.period.label(lang)}** · {units_text} · ↑↓ {t('vs_previous', lang)} ({f.period.previous().label(lang)})")


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
    k = figures.group(group_key)
    if k is None or k.current is None:
        return
    cur, prev = k.current, k.previous
    st.subheader(title, divider="gray")
    cols = st.container(key=f"tiles_{group_key}").columns(5)
    below = below_ontime_target(cur["ontime_rate"])
    # More or fewer dossiers received or resolved is neither good nor bad: a grey change.
    cols[0].metric(t("received", lang), fmt_int(cur["received"], lang),
                   delta(cur, prev, "received", fmt_delta_int), delta_color="off", border=True)
    cols[1].metric(t("resolved", lang), fmt_int(cur["resolved"], lang),
                   delta(cur, prev, "resolved", fmt_delta_int), delta_color="off", border=True)
    # A rate below target gets the marker in front of its value and a red frame (CSS on the
    # keyed container), so the tile's label and value stay plain text.
    with cols[2].container(key=f"rate_{group_key}_{'below' if below else 'ok'}"):
        st.metric(t("ontime_rate", lang), fmt_pct(cur["ontime_rate"], 1, lang),
                  delta(cur, prev, "ontime_rate", fmt_delta_pct_points), border=True,
                  help=f"{t('ontime_rate_a_note', lang)} {t('target_line', lang, target=target_label)}.")
    # overdue dossiers are a count whose direction has a meaning: more is worse (red)
    cols[3].metric(t("in_progress_overdue", lang), fmt_int(cur["in_progress_overdue"], lang),
                   delta(cur, prev, "in_progress_overdue", fmt_delta_int), delta_color="inverse", border=True)
    cols[4].metric(t("online_share", lang), fmt_pct(cur["online_share"], 1, lang),
                   delta(cur, prev, "online_share", fmt_delta_pct_points), border=True)
    if below:
        st.markdown(
            f'<span style="color:{BELOW_COLOR}">{BELOW_MARK} {html.escape(t("target_below_ontime", lang, target=target_label))}'
            f' — {fmt_pct(cur["ontime_rate"], 1, lang)}</span>', unsafe_allow_html=True,
        )


st.html(
    # Tile labels wrap instead of being cut ("Đang giải quyết quá hạn" in a fifth of the page),
    # and a rate below target gets a red frame and the marker in the tile's corner, so the
    # tile's label and value stay plain text.
    "<style>[data-testid='stMetricLabel'] { min-height: 2.6em !important; height: auto !important;"
    " align-items: flex-start !important; }"
    "[data-testid='stMetricLabel'] .stMarkdownEllipsis, [data-testid='stMetricLabel'] p"
    " { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }"
    "[class*='st-key-tiles_'] [data-testid='stColumn'] [data-testid='stVerticalBlock'],"
    "[class*='st-key-tiles_'] [data-testid='stColumn'] [data-testid='stElementContainer'],"
    "[class*='st-key-tiles_'] [data-testid='stColumn'] [data-testid='stLayoutWrapper'],"
    "[class*='st-key-tiles_'] [class*='st-key-rate_'], [class*='st-key-tiles_'] [data-testid='stMetric'] { height: 100%; }"
    f"[class*='st-key-rate_'][class*='_below'] [data-testid='stMetric'] {{ border-color: {BELOW_COLOR};"
    " position: relative; }"
    f"[class*='st-key-rate_'][class*='_below'] [data-testid='stMetric']::after {{ content: '{BELOW_MARK}';"
    f" color: {BELOW_COLOR}; position: absolute; top: 0.45rem; right: 0.7rem; font-size: 1.35rem; }}</style>"
)


with deck.slide():
    if not figures.has_dossiers:
        st.info(t("no_data_period", lang))
    else:
        tiles("town", t(figures.town_label_key(), lang))
        tiles("commune_ward", t("communes_wards", lang))


def marked_html(text: str) -> str:
    """The summary text for Markdown: escaped, with the below-target marks coloured."""
    mark = f'<span style="color:{BELOW_COLOR};font-weight:600">{BELOW_MARK}</span>'
    return html.escape(text).replace(BELOW_MARK, mark)


with deck.slide():
    st.subheader(t("summary_heading", lang), divider="gray")
    sentences = figures.summary()
    with st.container(border=True):
        if sentences:
            st.markdown(marked_html(" ".join(sentences)), unsafe_allow_html=True)
        else:
            st.markdown(t("summary_no_data", lang, period=f.period.label(lang)))

    followup = directions_follow_up(f.period)
    if followup is not None and followup.directions:
        st.markdown(f":material/assignment_turned_in: {followup.sentence(lang)}")

if not present:  # the report's buttons, at the top right of the page
    from cchc.store import audit
    from cchc.tables.export import report_filename
    from cchc.ui.signin import actor

    who = actor()

    def pdf() -> bytes:
        from cchc.report.pdf import (
            build_pdf,  # reportlab loads when the report is asked for
        )

        audit.record(who, "export", table="report", filters=f.to_url(), format="pdf")  # security: audit trail
        return build_pdf(f, figures)

    def docx() -> bytes:
        from cchc.report.document import build_document
        from cchc.report.docx import render_docx

        return render_docx(build_document(figures))

    head.space("stretch")
    head.download_button(
        t("download_pdf", lang), data=pdf, file_name=report_filename(f),
        mime="application/pdf", key="overview_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
        type="primary",
    )
    head.download_button(
        t("download_docx", lang), data=docx, file_name=report_filename(f).removesuffix(".pdf") + ".docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key="overview_docx",
        icon=":material/description:", on_click="ignore",
    )


def trend_block() -> None:
    st.subheader(t("trend_heading", lang), divider="gray")
    if figures.trend.empty:
        st.info(t("no_data_period", lang))
    else:
        fig = ontime_trend(figures.trend, lang, height=presentation.chart_height(380), target=target,
                           font_size=PROJECTOR_FONT_SIZE if present else FONT_SIZE, town_label=figures.town_label_key())
        st.plotly_chart(fig, key="trend_chart", config=CHART_CONFIG)
        st.caption(f"{t('ontime_rate_a_note', lang)} {t('target_line', lang, target=target_label)}.")
        if approx := approx_note(figures.trend, lang):  # as today's units: divided units assigned
            st.caption(approx)


def ranking_block() -> None:
    heading = t("ranking_heading", lang, year=figures.par_year) if figures.par_year else t("page_ranking", lang)
    st.subheader(heading, divider="gray")
    ranked = figures.ranking_rows()
    if ranked.empty:
        st.info(t("ranking_none", lang))
    else:
        # a city's 580 communes: the two ends here, the whole ranking on its page
        shown = ranking_ends(ranked)
        height = presentation.chart_height(max(300, 26 * len(shown) + 90))
        fig = par_ranking(shown, lang, height=height, band=par_band(),
                          font_size=PROJECTOR_FONT_SIZE if present else FONT_SIZE)
        # a click on a unit's bar narrows the dashboard to that unit, as on the other pages
        st.plotly_chart(fig, key="ranking_chart", config=CHART_CONFIG, selection_mode="points",
                        on_select=drill_callback(st.session_state, "ranking_chart", set(figures.units["unit_code"])))
        weak, good = par_band()
        ends = (t("ranking_ends_note", lang, each=OVERVIEW_RANKING_EACH, total=fmt_int(len(ranked), lang)) + " "
                if len(shown) < len(ranked) else "")
        st.caption(f"{ends}{t('target_par_note', lang, weak=fmt_num(weak, 0, lang), good=fmt_num(good, 0, lang))} "
                   f"{t('par_demo_note', lang) if figures.is_demo else ''}")
        if ends and not present:
            st.page_link("app_pages/ranking.py", label=t("ranking_full_link", lang), icon=":material/leaderboard:",
                         query_params={**f.to_url(), "year": str(figures.par_year)})


left, right = deck.columns(2, gap="large")
with left:
    trend_block()
with right:
    ranking_block()


def more_line(count: int) -> list[str]:
    """The closing line of a shortened list ('… và 12 đơn vị khác.'), or none."""
    return [f"- {t('list_more', lang, count=fmt_int(count, lang))}"] if count > 0 else []


with deck.slide():
    st.subheader(t("target_heading", lang), divider="gray")
    st.caption(t("target_ontime_note", lang, target=target_label, mark=BELOW_MARK))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('target_below_ontime', lang, target=target_label)}**")
        below = figures.below_target() if figures.has_dossiers else None
        if below is None or below.empty:
            st.markdown(t("target_none_below", lang))
        else:
            listed = below.head(OVERVIEW_LIST_MAX)
            st.markdown("\n".join(
                [f"- {html_mark(name)} — {fmt_pct(rate, 1, lang)} ({fmt_int(done, lang)} {t('dossiers_unit', lang)})"
                 for name, rate, done in zip(listed["name"], listed["ontime_rate"], listed["resolved"])]
                + more_line(len(below) - len(listed))
            ), unsafe_allow_html=True)
            if approx := approx_note(below, lang):
                st.caption(approx)
            if len(listed) < len(below) and not present:
                st.page_link("app_pages/progress.py", label=t("progress_full_link", lang), icon=":material/timer:",
                             query_params=f.to_url())
    with right:
        if figures.par_year is not None:
            weak_line = par_band()[0]
            st.markdown(f"**{t('target_weak_par', lang, year=figures.par_year, weak=fmt_num(weak_line, 0, lang))}**")
            weak = figures.weak_par()
            if weak.empty:
                st.markdown(t("target_none_below", lang))
            else:
                listed = weak.iloc[::-1].head(OVERVIEW_LIST_MAX)  # weakest first, as the report names them
                st.markdown("\n".join(
                    [f"- {html_mark(name)} — {fmt_num(total, 1, lang)}/{fmt_num(mx, 0, lang)}"
                     for name, total, mx in zip(listed["name"], listed["total"], listed["max_total"])]
                    + more_line(len(weak) - len(listed))
                ), unsafe_allow_html=True)



def history_block() -> None:
    """Every month in the data per current unit, whatever the period: as today's units a
    chairman follows his merged commune (or the province's communes) across 1 July 2025."""
    info = figures.info
    first, last = (None if pd.isna(info[k]) else as_date(info[k]) for k in ("first_received", "last_received"))
    window = whole_history(first, last)
    if window is None:
        return
    start, end = f"{window.start:%m/%Y}", f"{window.end:%m/%Y}"
    st.subheader(t("ov_history_heading", lang, start=start, end=end), divider="gray")
    trend = run_query("trend_by_unit_monthly",
                      **f.query_params(start=window.start, end=window.end, history=f.history))
    if trend.empty or not (trend["received"].sum() or trend["resolved"].sum()):
        st.info(t("no_data_period", lang))
        return
    units = int(trend["volume_rank"].max())
    top = min(HISTORY_TOP, units)
    fig = history_trend(trend, lang, "ontime_rate", top, height=presentation.chart_height(400))
    st.plotly_chart(fig, key="history_chart", config=CHART_CONFIG)
    shown = t("ov_history_top", lang, shown=top, total=units) + " " if top < units else ""
    st.caption(f"{shown}{t('ov_history_note', lang)} {t('ontime_rate_a_note', lang)}")
    if approx := approx_note(trend, lang):
        st.caption(approx)


if f.history == "today":
    with deck.slide():
        history_block()

deck.finish()
