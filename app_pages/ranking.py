"""Xếp hạng CCHC: the PAR-index ranking of the communes/wards for a year (?year=2017).

Ranks, totals, rank change against the previous year, every criterion as a percent of its
maximum, the weakest criteria of each unit and the two-year comparison. A year ranks the
communes/wards of that year (queries/par_ranking.sql: one level, those that existed at the
year's end, so a year before 2025 ranks the old units). The sidebar's scope and unit filter
narrow what is shown; ranks stay the ranks among all the year's communes/wards.
"""

import streamlit as st

from cchc.auth.roles import in_scope
from cchc.charts import ranking as cr
from cchc.core.kpis import par_year_for
from cchc.core.targets import BELOW_MARK, par_band
from cchc.i18n.formats import fmt_int, fmt_num
from cchc.i18n.labels import t
from cchc.store.db import run_query
from cchc.tables import ranking as tables
from cchc.tables import style
from cchc.ui import presentation
from cchc.ui.drilldown import drill_callback
from cchc.ui.memo import kept
from cchc.ui.safety import echo
from cchc.ui.sidebar import current_filters
from cchc.ui.widgets import download_table, show_table

YEAR_KEY = "xh_year"
PLOTLY_CONFIG = {"displaylogo": False}
# The ranking of a year does not change with the period chosen in the sidebar:
# its tables and charts are built once per input (cchc/memo.py).
ranking_table, ranking_bars, comparison_dumbbell, criteria_heatmap, criteria_points_table, weakest_table = map(
    kept, (tables.ranking_table, cr.ranking_bars, cr.comparison_dumbbell, cr.criteria_heatmap,
           tables.criteria_points_table, tables.weakest_table),
)
formatted = kept(style.formatted)


f = current_filters()
lang = f.lang

present = presentation.is_on()
deck = presentation.Deck("ranking", t("page_ranking", lang), lang)

years = run_query("par_years")
if years.empty:
    st.info(t("ranking_none", lang))
    st.stop()
year_list = [int(y) for y in years["year"]]
latest = year_list[0]


def _write_year() -> None:
    st.query_params["year"] = str(st.session_state[YEAR_KEY])


# The year lives in the URL (?year=2017). A URL value that differs from the widget is a
# new link (first run of the page, or an edited address): it wins when valid.
raw_year = st.query_params.get("year")
if raw_year is not None and raw_year != str(st.session_state.get(YEAR_KEY)):
    wanted = int(raw_year) if raw_year.strip().isascii() and raw_year.strip().isdigit() else None  # not "²"
    if wanted in year_list:
        st.session_state[YEAR_KEY] = wanted
    else:
        st.warning(t("xh_bad_year", lang, value=echo(raw_year), year=latest), icon="⚠️")
        st.session_state[YEAR_KEY] = latest
elif st.session_state.get(YEAR_KEY) not in year_list:
    # No year asked for: the ranking announced by the end of the shared period.
    default = par_year_for(f.period, latest)
    st.session_state[YEAR_KEY] = default if default in year_list else latest

left, _ = st.columns([1, 3])
year = left.selectbox(t("xh_year", lang), year_list, key=YEAR_KEY, on_change=_write_year)
if st.query_params.get("year") != str(year):
    st.query_params["year"] = str(year)

year_info = years[years["year"] == year].iloc[0]
# security: the ranking query ranks every unit; a user limited to some units sees only theirs
# (the units inside the sidebar's scope, whatever the period: a year's ranking is of that year's units)
ranking = in_scope(run_query("par_ranking", year=year), f.visible_units)
scores = in_scope(run_query("par_criteria_scores", year=year), f.visible_units)
table = ranking_table(ranking, lang)
weak, good = par_band()

# The sidebar's unit filter narrows the view (the town desk is never ranked).
shown = table
if f.units:
    # as today's units, a chosen unit brings its predecessors: the old units a past year ranks
    chosen = table[table["unit_code"].isin(f.unit_codes)]
    if chosen.empty:
        st.info(t("xh_filter_none", lang))
    else:
        shown = chosen.reset_index(drop=True)
        st.caption(t("xh_filtered_note", lang))
shown_scores = scores[scores["unit_code"].isin(shown["unit_code"])]

ranked = table[table["rank"].notna()]
missing = shown[shown["rank"].isna()]
st.caption(
    t("xh_caption", lang, year=year, ranked=fmt_int(len(ranked), lang), max=fmt_num(year_info["max_total"], 0, lang))
    + (" " + t("par_demo_note", lang) if bool(year_info["is_demo"]) else "")
)

if ranked.empty:
    st.info(t("ranking_none", lang))
    st.stop()

first = ranked.iloc[0]
deck.section()  # the leader, the weak count, the missing units
cols = st.columns(4)
cols[0].metric(t("xh_leader", lang), first["short_name"], border=True,
               help=f"{first['name']}: {fmt_num(first['total'], 1, lang)}")
cols[1].metric(t("xh_leader_score", lang), fmt_num(first["total"], 1, lang), border=True)
cols[2].metric(t("xh_weak_count", lang, weak=fmt_num(weak, 0, lang)),
               fmt_int(int((ranked["level"] == "weak").sum()), lang), border=True)
cols[3].metric(t("xh_missing_count", lang), fmt_int(int(table["rank"].isna().sum()), lang), border=True)

if not missing.empty:
    st.info(t("xh_missing_list", lang, year=year, units=", ".join(missing["short_name"])), icon="ℹ️")

unit_names = dict(zip(table["unit_code"], table["name"]))
subtitle = "; ".join(
    [f"{t('xh_year', lang)}: {year}"]
    + (
        [f"{t('units', lang)}: " + ", ".join(unit_names.get(u, u) for u in f.units)]
        if f.units and len(shown) != len(table)
        else []
    )
    + [t("xh_weak_legend", lang, mark=BELOW_MARK, weak=fmt_num(weak, 0, lang))]
)

# the exported files' names: the year and, when the sidebar narrows the list, the units shown
scope = {"period": str(year), "units": tuple(shown["unit_code"]) if len(shown) != len(table) else ()}

# -- the ranking table ---------------------------------------------------------------------
deck.section()
st.subheader(t("xh_table_heading", lang, year=year))
prev = year - 1
show_table(tables.RANKING, lang, shown, "xh_table", formatter=formatted, weak_rows=list(shown["level"] == "weak"),
           year=prev)
download_table(tables.RANKING, shown, t("xh_export_title", lang, year=year), subtitle, "xh_dl_ranking", lang, scope,
               year=prev)
deck.end_section()

# -- totals and the comparison with the previous year -----------------------------------------
left, right = deck.columns(2)
with left:
    st.subheader(t("xh_bar_heading", lang))
    # a click on a unit's bar narrows the dashboard to that unit, as on the Overview
    st.plotly_chart(ranking_bars(shown, lang, height=presentation.chart_height(None)), key="xh_bars",
                    config=PLOTLY_CONFIG, selection_mode="points",
                    on_select=drill_callback(st.session_state, "xh_bars", set(f.all_units)))
    st.caption(t("xh_weak_legend", lang, mark=BELOW_MARK, weak=fmt_num(weak, 0, lang)))
with right:
    st.subheader(t("xh_compare_heading", lang, prev=prev, year=year))
    if shown["previous_total"].notna().any():
        st.plotly_chart(comparison_dumbbell(shown, year, lang, height=presentation.chart_height(None)),
                        key="xh_compare", config=PLOTLY_CONFIG)
    else:
        st.info(t("xh_compare_none", lang, prev=prev))

# -- every criterion as a percent of its maximum ---------------------------------------------
deck.section()
st.subheader(t("xh_heatmap_heading", lang))
if shown_scores.empty:
    st.info(t("ranking_none", lang))
else:
    st.plotly_chart(criteria_heatmap(shown_scores, shown, lang, height=presentation.chart_height(None)),
                    key="xh_heatmap", config=PLOTLY_CONFIG)
    if bool(year_info["is_demo"]):
        st.caption(t("par_demo_note", lang))

    points, criteria = criteria_points_table(shown_scores, shown)
    points_spec = tables.criteria_points_spec(criteria, lang)
    with st.expander(t("xh_detail_heading", lang)):
        show_table(points_spec, lang, points, "xh_detail", formatter=formatted)
        download_table(points_spec, points, t("xh_export_criteria_title", lang, year=year), subtitle, "xh_dl_criteria",
                       lang, scope)

    # -- the weakest criteria of each unit ------------------------------------------------------
    deck.section()
    st.subheader(t("xh_weakest_heading", lang))
    weakest = weakest_table(shown_scores, shown, lang)
    show_table(tables.WEAKEST, lang, weakest, "xh_weakest", formatter=formatted)
    download_table(tables.WEAKEST, weakest, t("xh_export_weakest_title", lang, year=year), subtitle, "xh_dl_weakest",
                   lang, scope)

deck.finish()
