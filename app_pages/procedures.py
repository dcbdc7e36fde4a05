"""Thủ tục hành chính: the procedure catalogue in force on a day, its changes in the shared
period, online-service levels, statutory processing times and a search by name or code.

The catalogue is the same for every unit, so of the shared filters only the period (the
changes, and the default day) and the fields apply here.
"""

from datetime import date

import streamlit as st

from cchc.charts import procedures as cp
from cchc.charts.ranking import styled, table_height
from cchc.store.db import run_query
from cchc.tables.export import Column
from cchc.ui.sidebar import current_filters
from cchc.i18n.formats import fmt_date, fmt_int
from cchc.i18n.labels import t
from cchc.ui.memo import kept
from cchc.ui.widgets import download_buttons

# The catalogue on a day changes only when procedures do: its tables and charts are built
# once per input (cchc/memo.py).
catalogue_table, catalogue_bars, online_table, online_bars, days_bars = map(
    kept, (cp.catalogue_table, cp.catalogue_bars, cp.online_table, cp.online_bars, cp.days_bars)
)

DATE_KEY = "tt_on_date"
SEARCH_LIMIT = 200
PLOTLY_CONFIG = {"displaylogo": False}
# Rows taller than 4rem let long Vietnamese procedure names wrap instead of being cut.
WRAP_ROW = 78


def wrapped_height(rows: int, max_rows: int = 10) -> int:
    """The height of a table with wrapped rows: all rows up to ``max_rows``, then a scroll bar."""
    return WRAP_ROW * min(rows, max_rows) + 38


def widths(pixels: dict[str, int]) -> dict:
    """Column widths in pixels, so that a table fits the page at 1366 pixels wide."""
    return {name: st.column_config.Column(width=width) for name, width in pixels.items()}

f = current_filters()
lang = f.lang
fields = list(f.fields)

st.title(t("page_procedures", lang))

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

# -- in force on the day ----------------------------------------------------------------------
totals = run_query("procedure_in_force_totals", on_date=on_date, fields=fields).set_index("level")
cols = st.columns(4)
for i, level in enumerate(cp.LEVELS):
    cols[2 * i].metric(t(f"tt_in_force_{level}", lang), fmt_int(totals.at[level, "in_force"], lang), border=True,
                       help=t("tt_caption", lang, date=day, period=f.period.label(lang)))
    cols[2 * i + 1].metric(t(f"tt_fields_{level}", lang), fmt_int(totals.at[level, "fields"], lang), border=True)

# -- the catalogue by field and level --------------------------------------------------------
st.subheader(t("tt_catalogue_heading", lang))
catalogue = catalogue_table(run_query("procedure_catalogue", on_date=on_date, fields=fields))
if catalogue.empty:
    st.info(t("tt_empty", lang))
else:
    left, right = st.columns([6, 4])
    with left:
        display = catalogue[["field_name", "district", "commune", "total"]].rename(columns={
            "field_name": t("tt_field", lang), "district": cp.level_name("district", lang),
            "commune": cp.level_name("commune", lang), "total": t("tt_total", lang),
        })
        st.dataframe(
            styled(display, {cp.level_name("district", lang): "int", cp.level_name("commune", lang): "int",
                             t("tt_total", lang): "int"}, lang),
            hide_index=True, placeholder="—", key="tt_catalogue", width="stretch", height=table_height(len(display)),
            column_config={t("tt_field", lang): st.column_config.Column(width=250)},
        )
    with right:
        st.plotly_chart(catalogue_bars(catalogue, lang), key="tt_catalogue_chart", config=PLOTLY_CONFIG)
    download_buttons(
        catalogue,
        [Column("field_name", t("tt_field", lang)), Column("district", cp.level_name("district", lang), "int"),
         Column("commune", cp.level_name("commune", lang), "int"), Column("total", t("tt_total", lang), "int")],
        t("tt_export_catalogue", lang, date=day), subtitle, "tt_dl_catalogue", lang,
    )

# -- changes in the shared period ------------------------------------------------------------
st.subheader(t("tt_changes_heading", lang, period=f.period.label(lang)))
params = dict(start=f.period.start, end=f.period.end, fields=fields)
counts = run_query("procedure_change_counts", **params)
counts_display = counts.assign(level=[cp.level_name(v, lang) for v in counts["level"]])[
    ["level", *cp.EVENTS]
].rename(columns={"level": t("tt_level", lang), **{e: cp.event_name(e, lang) for e in cp.EVENTS}})
st.dataframe(styled(counts_display, {cp.event_name(e, lang): "int" for e in cp.EVENTS}, lang),
             hide_index=True, placeholder="—", key="tt_change_counts", width="content")
changes = run_query("procedure_changes", **params)
if changes.empty:
    st.info(t("tt_no_changes", lang))
else:
    changes["event_name"] = [cp.event_name(e, lang) for e in changes["event"]]
    changes["level_name"] = [cp.level_name(v, lang) for v in changes["level"]]
    st.markdown(f"**{t('tt_changes_list', lang)}**")
    st.dataframe(
        styled(changes[["effective_date", "event_name", "procedure_code", "procedure_name", "field_name", "level_name",
                        "decision"]].rename(columns={
            "effective_date": t("tt_effective_date", lang), "event_name": t("tt_event", lang),
            "procedure_code": t("tt_code", lang), "procedure_name": t("tt_name", lang),
            "field_name": t("tt_field", lang), "level_name": t("tt_level", lang), "decision": t("tt_decision", lang),
        }), {t("tt_effective_date", lang): "date"}, lang),
        hide_index=True, placeholder="—", key="tt_changes", width="stretch", row_height=WRAP_ROW, height=wrapped_height(len(changes)),
        column_config=widths({
            t("tt_effective_date", lang): 92, t("tt_event", lang): 112, t("tt_code", lang): 80,
            t("tt_name", lang): 270, t("tt_field", lang): 105, t("tt_level", lang): 88, t("tt_decision", lang): 158,
        }),
    )
    download_buttons(
        changes,
        [Column("effective_date", t("tt_effective_date", lang), "date"), Column("event_name", t("tt_event", lang)),
         Column("procedure_code", t("tt_code", lang)), Column("procedure_name", t("tt_name", lang)),
         Column("field_name", t("tt_field", lang)), Column("level_name", t("tt_level", lang)),
         Column("decision", t("tt_decision", lang))],
        t("tt_export_changes", lang, period=f.period.label(lang)), subtitle, "tt_dl_changes", lang,
    )

# -- online levels and statutory processing times ------------------------------------------------
left, right = st.columns(2)
with left:
    st.subheader(t("tt_online_heading", lang))
    online = online_table(run_query("procedure_online_levels", on_date=on_date, fields=fields), lang)
    if online.empty:
        st.info(t("tt_empty", lang))
    else:
        st.plotly_chart(online_bars(online, lang), key="tt_online_chart", config=PLOTLY_CONFIG)
        online_display = online[["online_name", *(f"{lv}_text" for lv in cp.LEVELS)]].rename(columns={
            "online_name": t("tt_online_level", lang), **{f"{lv}_text": cp.level_name(lv, lang) for lv in cp.LEVELS},
        })
        st.dataframe(online_display, hide_index=True, placeholder="—", key="tt_online", width="stretch",
                     height=table_height(len(online_display)))
        share = {f"{lv}_share": f"{cp.level_name(lv, lang)} – {t('tt_share', lang)}" for lv in cp.LEVELS}
        download_buttons(
            online,
            [Column("online_name", t("tt_online_level", lang))]
            + [Column(lv, cp.level_name(lv, lang), "int") for lv in cp.LEVELS]
            + [Column(k, v, "percent") for k, v in share.items()],
            t("tt_export_online", lang, date=day), subtitle, "tt_dl_online", lang,
        )
with right:
    st.subheader(t("tt_days_heading", lang))
    distribution = run_query("procedure_days_distribution", on_date=on_date, fields=fields)
    if distribution.empty:
        st.info(t("tt_empty", lang))
    else:
        st.plotly_chart(days_bars(distribution, lang), key="tt_days_chart", config=PLOTLY_CONFIG)
        st.caption(t("tt_days_note", lang))

days = run_query("procedure_processing_days", on_date=on_date, fields=fields)
if not days.empty:
    days["level_name"] = [cp.level_name(v, lang) for v in days["level"]]
    day_columns = {
        "field_name": t("tt_field", lang), "level_name": t("tt_level", lang), "procedures": t("tt_procedures", lang),
        "min_days": t("tt_min_days", lang), "median_days": t("tt_median_days", lang),
        "mean_days": t("tt_mean_days", lang), "max_days": t("tt_max_days", lang),
        "without_days": t("tt_without_days", lang),
    }
    with st.expander(t("tt_days_by_field", lang)):
        st.dataframe(
            styled(days[list(day_columns)].rename(columns=day_columns),
                   {day_columns[c]: ("num" if c in ("median_days", "mean_days") else "int")
                    for c in day_columns if c not in ("field_name", "level_name")}, lang),
            hide_index=True, placeholder="—", key="tt_days", width="stretch", height=table_height(len(days), 25),
        )
        download_buttons(
            days,
            [Column("field_name", day_columns["field_name"]), Column("level_name", day_columns["level_name"]),
             Column("procedures", day_columns["procedures"], "int"), Column("min_days", day_columns["min_days"], "int"),
             Column("median_days", day_columns["median_days"], "number"),
             Column("mean_days", day_columns["mean_days"], "number"), Column("max_days", day_columns["max_days"], "int"),
             Column("without_days", day_columns["without_days"], "int")],
            t("tt_export_days", lang, date=day), subtitle, "tt_dl_days", lang,
        )

# -- search by name or code -------------------------------------------------------------------
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
        search_columns = {
            "procedure_code": t("tt_code", lang), "procedure_name": t("tt_name", lang), "field_name": t("tt_field", lang),
            "level_name": t("tt_level", lang), "processing_days": t("tt_days_short", lang),
            "online_name": t("tt_online_short", lang), "status": t("tt_status", lang),
            "published_date": t("tt_published_date", lang), "abolished_date": t("tt_abolished_date", lang),
        }
        date_kinds = {t(k, lang): "date" for k in ("tt_published_date", "tt_abolished_date")}
        st.dataframe(
            styled(hits[list(search_columns)].rename(columns=search_columns), {t("tt_days_short", lang): "int",
                                                                                **date_kinds}, lang),
            row_height=WRAP_ROW, height=wrapped_height(len(hits)),
            column_config=widths({
                t("tt_code", lang): 80, t("tt_name", lang): 250, t("tt_field", lang): 105, t("tt_level", lang): 85,
                t("tt_days_short", lang): 55, t("tt_online_short", lang): 85, t("tt_status", lang): 85,
                t("tt_published_date", lang): 80, t("tt_abolished_date", lang): 80,
            }),
            hide_index=True, placeholder="—", key="tt_search_results", width="stretch",
        )
        download_buttons(
            hits,
            [Column("procedure_code", t("tt_code", lang)), Column("procedure_name", t("tt_name", lang)),
             Column("field_name", t("tt_field", lang)), Column("level_name", t("tt_level", lang)),
             Column("processing_days", t("tt_days", lang), "int"), Column("online_name", t("tt_online_level", lang)),
             Column("status", t("tt_status_note", lang, date=day).rstrip(".")),
             Column("published_date", t("tt_published_date", lang), "date"),
             Column("last_amended_date", t("tt_amended_date", lang), "date"),
             Column("abolished_date", t("tt_abolished_date", lang), "date")],
            t("tt_export_search", lang, text=text.strip()), subtitle, "tt_dl_search", lang,
        )
