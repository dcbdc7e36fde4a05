"""Tiến độ giải quyết: the reporting-form balance per unit, the on-time rate by unit, field
and procedure, the online share and the monthly trend per unit. Clicking a unit's bar (or
a point of its line) narrows the page to that unit; clicking a field's bar to that field.

In presentation mode each table and chart is one slide (cchc/ui/presentation.py); the
balance, too wide for a projector, is two slides of whole rows, the total included."""

import pandas as pd
import streamlit as st

from cchc.charts import progress as charts
from cchc.core.kpis import trend_window
from cchc.core.targets import BELOW_MARK, target_text
from cchc.core.units import approx_note, balance_query
from cchc.i18n.formats import fmt_int
from cchc.i18n.labels import t
from cchc.importer.compiled import compiled_xlsx
from cchc.store.db import as_date, run_query
from cchc.tables import progress
from cchc.tables.export import filters_scope
from cchc.ui import presentation, unit_map
from cchc.ui.drilldown import FIELD_FILTER_KEY, drill_callback, show_all_units
from cchc.ui.memo import kept
from cchc.ui.sidebar import current_filters
from cchc.ui.widgets import brief_or_full, download_table, filters_text, show_table

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
TREND_TOP_CHOICES = (3, 5, 8, 10, 15)
# Charts built once per input (cchc/memo.py): a widget below them changes nothing they show.
rate_dots, online_share_bars, unit_trend = map(kept, (charts.rate_dots, charts.online_share_bars, charts.unit_trend))

f = current_filters()
lang = f.lang
units = run_query("units")
fields = run_query("fields")
names = {**dict(zip(units["unit_code"], units["name"])), **dict(zip(fields["field_code"], fields["name"]))}
subtitle = filters_text(f, names)
period_label = f.period.label(lang)
target_note = t("target_ontime_note", lang, target=target_text(lang=lang), mark=BELOW_MARK)
scope = filters_scope(f)  # the period, units and fields in the exported files' names
present = presentation.is_on()
# The balance on a projector: two slides of whole rows, each with the unit and a few columns.
PRESENT_BALANCE = (
    ("unit_label", "ontime_rate", "received", "resolved", "early", "on_time", "late"),
    ("unit_label", "carried_over", "received_in_person", "received_online", "received_postal",
     "in_progress", "in_progress_within", "in_progress_overdue", "withdrawn"),
)
# a long table (procedures) on a slide: its worst rows
PRESENT_MAX_ROWS = 10  # two-line procedure names: ten rows fill a slide


def lowest_note(shown: int, total: int) -> str:
    """'30 đơn vị thấp nhất trong 610; …' when a chart leaves units out, else nothing."""
    if shown >= total:
        return ""
    return t("prog_lowest_units", lang, shown=fmt_int(shown, lang), total=fmt_int(total, lang)) + " "


def title_for(key: str) -> str:
    return f"{t(key, lang)} – {period_label}"


deck = presentation.Deck("progress", t("page_progress", lang), lang)
st.caption(subtitle)
if f.units:
    st.button(t("prog_show_all_units", lang), on_click=show_all_units, args=(st.session_state,),
              key="prog_all_units", icon=":material/zoom_out_map:")

balance = run_query(balance_query(f.history), **f.query_params())
if not progress.has_dossiers(balance):
    st.info(t("no_data_period", lang))
    st.stop()

table = progress.with_unit_labels(balance, lang)
unit_rows = table[~table["is_total"]]
valid_units = set(f.all_units)

# -- the balance of the reporting forms (formula A) ----------------------------------------
if present:
    for part, names in enumerate(PRESENT_BALANCE, start=1):
        with deck.slide():
            st.subheader(f"{t('prog_balance_heading', lang)} ({part}/{len(PRESENT_BALANCE)})")
            show_table(progress.BALANCE.only(names), lang, table, f"prog_balance_{part}")
else:
    st.subheader(t("prog_balance_heading", lang))
    show_table(brief_or_full(progress.BALANCE, "prog_balance", lang), lang, table, "prog_balance")
    st.caption(f"{t('prog_balance_identity', lang)} {t('ontime_rate_a_note', lang)} {target_note}")
    download_table(progress.BALANCE, table, title_for("prog_balance_heading"), subtitle, "prog_balance_export", lang,
                   scope)
    reported_units = balance.loc[~balance["is_total"] & balance["reported"], "name"].tolist()
    if reported_units:  # aggregate reports of units without dossiers (cchc/importer/aggregates.py)
        st.caption(t("agg_reported_note", lang, units=", ".join(reported_units)))
    if approx := approx_note(table, lang):  # history as today's units: divided units assigned
        st.caption(approx)
    st.download_button(
        # built only when clicked: the compiled table reads the whole scope
        t("agg_export_button", lang), data=lambda: compiled_xlsx(f.period, f.unit_codes),
        file_name=f"II06a-{f.period.code or f.period.start.isoformat()}.xlsx", key="prog_ii06a_export",
        icon=":material/download:", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

unit_map.show(f, deck)  # the units at their coordinates, one slide when presenting

# -- on-time rate by unit (formula A) beside the Decision 766 rate (formula B) -------------
left, right = deck.columns(2, gap="large")
with left:
    st.subheader(t("prog_units_chart_heading", lang))
    if (unit_rows["resolved"] > 0).any():
        judged = int((unit_rows["resolved"] > 0).sum())
        shown = progress.lowest_units(unit_rows, "ontime_rate", among="resolved")
        st.plotly_chart(
            rate_dots(shown, lang, height=presentation.chart_height(None)), key="prog_rate_chart", config=CHART_CONFIG,
            on_select=drill_callback(st.session_state, "prog_rate_chart", valid_units), selection_mode="points",
        )
        st.caption(f"{lowest_note(len(shown), judged)}{t('ontime_rate_a_note', lang)} {t('prog_drill_hint', lang)}")
    else:
        st.info(t("prog_no_resolved", lang))
with right:
    st.subheader(t("prog_formula_b_heading", lang))
    show_table(progress.RATE_766, lang, table, "prog_766")
    if not present:  # the notes stay on the page; the slide holds the whole table
        st.caption(t("rate_766_note", lang))
        st.caption(t("score766_formula_b_difference", lang))
    download_table(progress.RATE_766, table, title_for("prog_formula_b_heading"), subtitle, "prog_766_export", lang,
                   scope)

# -- online share per unit, on-time rate per field ------------------------------------------
by_field = run_query("ontime_by_field", **f.query_params())
left, right = deck.columns(2, gap="large")
with left:
    st.subheader(t("prog_online_heading", lang))
    if (unit_rows["received"] > 0).any():
        receiving = int((unit_rows["received"] > 0).sum())
        shown = progress.lowest_units(unit_rows, "online_share", among="received")
        st.plotly_chart(
            online_share_bars(shown, lang, height=presentation.chart_height(None)), key="prog_online_chart",
            config=CHART_CONFIG,
            on_select=drill_callback(st.session_state, "prog_online_chart", valid_units), selection_mode="points",
        )
        st.caption(f"{lowest_note(len(shown), receiving)}{t('prog_online_note', lang)} {t('prog_drill_hint', lang)}")
    else:
        st.info(t("no_data_period", lang))
with right:
    st.subheader(t("prog_by_field_heading", lang))
    if (by_field["resolved"] > 0).any():
        st.plotly_chart(
            rate_dots(by_field, lang, code="field_code", name="field_name", height=presentation.chart_height(None)),
            key="prog_field_chart",
            config=CHART_CONFIG, selection_mode="points",
            on_select=drill_callback(st.session_state, "prog_field_chart", set(fields["field_code"]), FIELD_FILTER_KEY),
        )
        st.caption(t("prog_drill_field_hint", lang))
    else:
        st.info(t("prog_no_resolved", lang))

# -- tables by field and by procedure, worst first -------------------------------------------
with deck.slide():
    st.subheader(t("prog_by_field_table", lang))
    st.caption(t("prog_worst_first", lang))
    show_table(progress.BY_FIELD, lang, by_field, "prog_by_field")
    download_table(progress.BY_FIELD, by_field, title_for("prog_by_field_table"), subtitle, "prog_field_export", lang,
                   scope)

with deck.slide():
    st.subheader(t("prog_by_procedure_heading", lang))
    min_resolved = st.number_input(t("prog_min_resolved", lang), min_value=0, max_value=10_000, value=1, step=1,
                                   key="prog_min_resolved", persist_state="session", width=320)
    by_procedure = run_query("ontime_by_procedure", **f.query_params(min_resolved=int(min_resolved)))
    st.caption(t("prog_worst_first", lang))
    if by_procedure.empty:
        st.info(t("prog_no_resolved", lang))
    elif present:  # the worst procedures fill the slide; the page in normal mode has them all
        show_table(progress.BY_PROCEDURE, lang, by_procedure.head(PRESENT_MAX_ROWS), "prog_by_procedure")
    else:
        show_table(progress.BY_PROCEDURE, lang, by_procedure, "prog_by_procedure")
        download_table(progress.BY_PROCEDURE, by_procedure, title_for("prog_by_procedure_heading"), subtitle,
                       "prog_procedure_export", lang, scope)

# -- monthly trend per unit -----------------------------------------------------------------
with deck.slide():
    st.subheader(t("prog_trend_heading", lang))
    info = run_query("data_range").iloc[0]
    first_day = None if pd.isna(info["first_received"]) else as_date(info["first_received"])
    window = trend_window(f.period, first_day, months=12)
    trend = run_query("trend_by_unit_monthly",
                      **f.query_params(start=window.start, end=window.end, history=f.history))
    selected = int(trend["volume_rank"].max()) if not trend.empty else 0
    controls = st.container(horizontal=True, gap="medium", key="prog_trend_controls")
    measure = controls.segmented_control(
        t("prog_trend_measure", lang), ["ontime_rate", "received"], key="prog_trend_measure", default="ontime_rate",
        required=True, format_func=lambda m: t(m, lang), persist_state="session",
    )
    top = selected
    if selected > TREND_TOP_CHOICES[0]:
        choices = [n for n in TREND_TOP_CHOICES if n < selected] + [selected]
        top = controls.selectbox(t("prog_trend_top", lang), choices, index=choices.index(min(5, selected)),
                                 key="prog_trend_top", persist_state="session", width=160)
    if trend.empty or not (trend["received"].sum() or trend["resolved"].sum()):
        st.info(t("no_data_period", lang))
    else:
        st.plotly_chart(
            unit_trend(trend, lang, measure or "ontime_rate", top, height=presentation.chart_height(400)),
            key="prog_trend_chart", config=CHART_CONFIG,
            on_select=drill_callback(st.session_state, "prog_trend_chart", valid_units), selection_mode="points",
        )
        start, end = f"{window.start:%m/%Y}", f"{window.end:%m/%Y}"
        if top < selected:
            months = t("prog_trend_window", lang, start=start, end=end)
            note = t("prog_trend_top_note", lang, shown=top, total=selected, months=months)
        else:
            note = t("prog_trend_months", lang, start=start, end=end)
        st.caption(f"{note} {t('prog_drill_point_hint', lang)}")
        if approx := approx_note(trend, lang):  # history as today's units: divided units assigned
            st.caption(approx)
        download_table(progress.TREND, trend, title_for("prog_trend_heading"), subtitle, "prog_trend_export", lang,
                       scope)

deck.finish()
