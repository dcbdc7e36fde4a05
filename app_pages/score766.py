"""Chỉ số 766: the Decision 766 index of the chosen units and period (cchc/score766):
scorecard with the change since the previous period, rank among units of the same level,
the groups' table, monthly trend, points lost and why (links to /ho-so), sub-indicators,
and the portal's scores beside ours.

In presentation mode each section is one slide (cchc/ui/presentation.py): the scorecard,
the groups with the total, the trend, the points lost, the sub-indicators in two slides."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cchc.charts.theme import DIFFERENCE_FILL
from cchc.i18n.formats import fmt_num
from cchc.i18n.labels import t
from cchc.score766 import compute as c766
from cchc.score766 import display
from cchc.score766.explain import losses
from cchc.score766.figures import trend_figure
from cchc.score766.portal import PortalFileError, compare, read_portal
from cchc.score766.settings import SettingError, from_env
from cchc.store.db import DataError, run_query
from cchc.ui import presentation
from cchc.ui.sidebar import current_filters

f = current_filters()
lang = f.lang
present = presentation.is_on()
ROW_PX = 35  # st.dataframe's row height: a table drawn whole, without its own scroll bar


def show(table: pd.DataFrame, key: str, bold: list[int] = ()) -> None:
    """A display table whole: a slide's table when presenting, else a data grid as tall as
    its rows, numbers right-aligned."""
    styler = display.bold_rows(table, list(bold))
    if present:
        presentation.table(styler, key)
        return
    right = {column: {"alignment": "right"} for column in presentation.numeric_columns(table)}
    st.dataframe(styler, hide_index=True, key=key, column_config=right or None,
                 height=ROW_PX * (len(table) + 1) + 3)


deck = presentation.Deck("score766", t("page_score766", lang), lang)
try:
    settings = from_env()
    score = c766.compute(f.period, f.unit_codes, settings=settings, lang=lang)
except (DataError, SettingError) as exc:
    st.warning(exc.text(lang) if isinstance(exc, c766.Score766Error) else str(exc))
    st.stop()

if not score.has_dossiers:
    st.info(t("s766_no_dossiers", lang, period=f.period.label(lang)))
    st.stop()

# -- scorecard: the total and the six groups, the maximum in the label ----------------------
deck.section()
st.caption(t("s766_method", lang, states=", ".join(map(str, settings.finish_states)),
             bands=" / ".join(fmt_num(b, 0, lang) for b in settings.bands)))
if f.period.start.year < 2022:
    st.caption(t("s766_before_decision", lang))
kind = run_query("score766_dataset_kind")
if len(kind) and kind.iloc[0, 0] == "demo" and run_query("score766_inputs")["rows"].sum() > 0:
    st.caption(t("s766_demo_inputs", lang))
tiles = display.tiles(score, lang)
for row in (tiles[:4], tiles[4:]):  # two rows of four: a group's name and maximum stay whole
    for col, tile in zip(st.columns(4), row):
        col.metric(tile.label, tile.value, tile.delta, border=True)
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

# -- the groups and the total ---------------------------------------------------------------
deck.section()
st.subheader(t("s766_groups", lang))
groups = display.groups_table(score, lang)
show(groups, "s766_groups", bold=[len(groups) - 1])

# -- monthly trend ---------------------------------------------------------------------------
deck.section()
st.subheader(t("s766_trend", lang))
trend = c766.monthly_trend(f.period, f.unit_codes, settings=settings)
st.plotly_chart(trend_figure(trend, lang, height=presentation.chart_height(360)), config={"displaylogo": False})

# -- points lost and why --------------------------------------------------------------------
deck.section()
st.subheader(t("s766_lost", lang))
lost = losses(score, lang=lang)
if not lost:
    st.info(t("s766_no_losses", lang))
shown = lost[:display.LOSSES_SLIDE_MAX] if present else lost
for loss in shown:
    # a slide keeps the reasons; the links to the dossier lists are for the page
    links = "" if present else " · ".join(f"[{label}]({url})" for label, url in loss.links)
    st.markdown(f"- {loss.text}" + (f"  \n  {links}" if links else ""))
if len(shown) < len(lost):
    rest = lost[len(shown):]
    st.caption(t("s766_losses_more", lang, n=len(rest), points=fmt_num(sum(x.points_lost for x in rest), 1, lang)))

# -- sub-indicators: one table on the page, two slides when presenting -----------------------
parts = display.METRIC_SLIDES if present else (None,)
for number, part in enumerate(parts, start=1):
    deck.section()
    heading = t("s766_metrics_part", lang, part=number, parts=len(parts)) if present else t("s766_metrics", lang)
    st.subheader(heading)
    table, group_rows = display.metrics_table(score, lang, groups=part, brief=present)
    show(table, f"s766_metrics_{number}", bold=group_rows)
deck.finish()

# -- reconciliation with the portal (the page only: a slide has no upload) ------------------
if not present:
    with st.expander(t("s766_portal", lang)):
        upload = st.file_uploader(t("s766_portal_upload", lang), type=["json"], key="s766_portal_file")
        portal_unit = st.text_input(t("s766_portal_unit", lang), key="s766_portal_unit")
        if upload is not None and portal_unit:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "portal.json"
                path.write_bytes(upload.getvalue())
                try:
                    comparison = compare(score.to_dict(), read_portal(path), portal_unit)
                except PortalFileError as exc:
                    st.warning(exc.text(lang))
                    comparison = None
            if comparison is not None:
                comparison["group_code"] = [t(f"g766_{g}", lang) for g in comparison["group_code"]]
                headers = {"group_code": t("s766_col_group", lang), "ours": t("s766_col_ours", lang),
                           "portal": t("s766_col_portal", lang), "difference": t("s766_col_difference", lang)}
                comparison = comparison.rename(columns=headers)
                st.dataframe(comparison.style.map(
                    lambda v: f"background-color: {DIFFERENCE_FILL}" if isinstance(v, float) and abs(v) >= 0.01 else "",
                    subset=[headers["difference"]]).format(
                    lambda v: display.points_text(None if pd.isna(v) else v, lang),
                    subset=[headers[c] for c in ("ours", "portal", "difference")]), hide_index=True)
