"""Thủ tục hành chính: the procedure catalogue in force on a day, its changes in the shared
period, online-service levels, statutory processing times and a search by name or code.

The catalogue is the same for every unit, so of the shared filters only the period (the
changes, and the default day) and the fields apply here.
"""

from datetime import date

import streamlit as st

from cchc.charts import procedures as cp
from cchc.i18n.formats import fmt_date, fmt_int
from cchc.i18n.labels import t
from cchc.store.db import run_query
from cchc.tables import procedures as tables
from cchc.tables.export import period_code
from cchc.ui import presentation
from cchc.ui.memo import kept
from cchc.ui.sidebar import current_filters
from cchc.ui.widgets import download_table, show_table

# The catalogue on a day changes only when procedures do: its tables and charts are built
# once per input (cchc/memo.py).
catalogue_table, catalogue_bars, online_table, online_bars, days_bars = map(
    kept, (cp.catalogue_table, cp.catalogue_bars, cp.online_table, cp.online_bars, cp.days_bars)
)

DATE_KEY = "tt_on_date"
SEARCH_LIMIT = 200
PRESENT_MAX_ROWS = 8  # the changes listed on a slide (names wrap); the page and its export have them all
PLOTLY_CONFIG = {"displaylogo": False}

f = current_filters()
lang = f.lang
fields = list(f.fields)

deck = presentation.Deck("procedures", t("page_procedures", lang), lang)

# The day defaults to the end of the shared period and follows it when the period changes.
if st.session_state.get("_tt_period_end") != f.period.end or DATE_KEY not in st.session_state:
    st.session_state[DATE_KEY] = f.period.end
    st.session_state["_tt_period_end"] = f.period.end
left, _ = st.columns([1, 3])
on_date = left.date_input(
    t("tt_on_date", lang), key=DATE_KEY, format="DD/MM/YYYY",
    min_value=date(1990, 1, 1), max_value=date(2100, 12, 31),
)
day = fmt_date(on_date, lang)
st.caption(t("tt_caption", lang, date=day, period=f.period.label(lang)))

field_list = run_query("fields")
field_names = dict(zip(field_list["field_code"], field_list["name"]))
scope = [f"{t('tt_on_date', lang)}: {day}", f"{t('period', lang)}: {f.period.label(lang)}"]
if fields:
    scope.append(f"{t('fields', lang)}: " + ", ".join(field_names.get(c, c) for c in fields))
subtitle = "; ".join(scope)
# the exported files' names: the day (or the period, for the changes) and the fields
on_day = {"period": on_date.isoformat(), "fields": fields}
in_period = {"period": period_code(f.period), "fields": fields}

# -- in force on the day ----------------------------------------------------------------------
deck.section()
totals = run_query("procedure_in_force_totals", on_date=on_date, fields=fields).set_index("level")
cols = st.columns(4)
for i, level in enumerate(cp.LEVELS):
    cols[2 * i].metric(t(f"tt_in_force_{level}", lang), fmt_int(totals.at[level, "in_force"], lang), border=True,
                       help=t("tt_caption", lang, date=day, period=f.period.label(lang)))
    cols[2 * i + 1].metric(t(f"tt_fields_{level}", lang), fmt_int(totals.at[level, "fields"], lang), border=True)

# -- the catalogue by field and level --------------------------------------------------------
catalogue = catalogue_table(run_query("procedure_catalogue", on_date=on_date, fields=fields))
left, right = deck.columns([6, 4])
with left:
    st.subheader(t("tt_catalogue_heading", lang))
    if catalogue.empty:
        st.info(t("tt_empty", lang))
    else:
        show_table(tables.CATALOGUE, lang, catalogue, "tt_catalogue")
with right:
    if presentation.is_on():
        st.subheader(t("tt_catalogue_heading", lang))
    if not catalogue.empty:
        st.plotly_chart(catalogue_bars(catalogue, lang, height=presentation.chart_height(None)),
                        key="tt_catalogue_chart", config=PLOTLY_CONFIG)
if not catalogue.empty:
    download_table(tables.CATALOGUE, catalogue, t("tt_export_catalogue", lang, date=day), subtitle, "tt_dl_catalogue",
                   lang, on_day)

# -- changes in the shared period ------------------------------------------------------------
deck.section()
st.subheader(t("tt_changes_heading", lang, period=f.period.label(lang)))
params = dict(start=f.period.start, end=f.period.end, fields=fields)
counts = run_query("procedure_change_counts", **params)
show_table(tables.CHANGE_COUNTS, lang, counts.assign(level=[cp.level_name(v, lang) for v in counts["level"]]), "tt_change_counts",
     width="content")
changes = run_query("procedure_changes", **params)
if changes.empty:
    st.info(t("tt_no_changes", lang))
else:
    changes["event_name"] = [cp.event_name(e, lang) for e in changes["event"]]
    changes["level_name"] = [cp.level_name(v, lang) for v in changes["level"]]
    deck.section()  # the list on a slide of its own
    st.markdown(f"**{t('tt_changes_list', lang)}**")
    show_table(tables.CHANGES, lang, changes.head(PRESENT_MAX_ROWS) if presentation.is_on() else changes, "tt_changes")
    download_table(tables.CHANGES, changes, t("tt_export_changes", lang, period=f.period.label(lang)), subtitle,
                   "tt_dl_changes", lang, in_period)

# -- online levels and statutory processing times ------------------------------------------------
deck.end_section()
left, right = deck.columns(2)
with left:
    st.subheader(t("tt_online_heading", lang))
    online = online_table(run_query("procedure_online_levels", on_date=on_date, fields=fields), lang)
    if online.empty:
        st.info(t("tt_empty", lang))
    else:
        st.plotly_chart(online_bars(online, lang, height=300 if presentation.is_on() else None), key="tt_online_chart",
                        config=PLOTLY_CONFIG)
        show_table(tables.ONLINE, lang, online, "tt_online")
        download_table(tables.ONLINE, online, t("tt_export_online", lang, date=day), subtitle, "tt_dl_online", lang,
                       on_day)
with right:
    st.subheader(t("tt_days_heading", lang))
    distribution = run_query("procedure_days_distribution", on_date=on_date, fields=fields)
    if distribution.empty:
        st.info(t("tt_empty", lang))
    else:
        st.plotly_chart(days_bars(distribution, lang, height=presentation.chart_height(None)), key="tt_days_chart",
                        config=PLOTLY_CONFIG)
        st.caption(t("tt_days_note", lang))

days = run_query("procedure_processing_days", on_date=on_date, fields=fields)
if not days.empty:
    days["level_name"] = [cp.level_name(v, lang) for v in days["level"]]
    with st.expander(t("tt_days_by_field", lang)):
        show_table(tables.DAYS, lang, days, "tt_days")
        download_table(tables.DAYS, days, t("tt_export_days", lang, date=day), subtitle, "tt_dl_days", lang, on_day)

# -- search by name or code (not on a slide: nothing to type in a meeting) ------------------------
deck.finish()
if presentation.is_on():
    st.stop()
st.subheader(t("tt_search_heading", lang))
text = st.text_input(t("tt_search", lang), key="tt_search", placeholder=t("tt_search_placeholder", lang),
                     max_chars=100)
if text.strip():
    hits = run_query("procedure_search", pattern=text, on_date=on_date, fields=fields)
    if hits.empty:
        st.info(t("tt_search_none", lang))
    else:
        st.caption(t("tt_search_hits", lang, count=fmt_int(len(hits), lang)) + " " + t("tt_status_note", lang, date=day)
                   + (" " + t("tt_search_limit", lang, limit=SEARCH_LIMIT) if len(hits) >= SEARCH_LIMIT else ""))
        hits["status"] = [t("tt_status_in_force" if v else "tt_status_not", lang) for v in hits["in_force"]]
        hits["level_name"] = [cp.level_name(v, lang) for v in hits["level"]]
        hits["online_name"] = [cp.online_name(v, lang) for v in hits["online_level"]]
        show_table(tables.SEARCH, lang, hits, "tt_search_results", date=day)
        download_table(tables.SEARCH, hits, t("tt_export_search", lang, text=text.strip()), subtitle, "tt_dl_search",
                       lang, on_day, date=day)
