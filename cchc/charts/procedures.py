"""Figures and display tables of the procedures page (Thủ tục hành chính).

Pure functions: query results in, a Plotly figure or a DataFrame out; no Streamlit, no SQL.
Counts and shares come from the queries (``procedure_catalogue``, ``procedure_online_levels``
...); here they are only arranged, labelled in the UI language and drawn.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc.charts.theme import COLORS, FONT, GRID_COLOR, HOVER_FONT_SIZE, WHITE
from cchc.i18n.formats import fmt_int, fmt_pct
from cchc.i18n.labels import t

LEVELS = ("district", "commune")
LEVEL_COLORS = {"district": COLORS["town"], "commune": COLORS["commune_ward"]}
ONLINE_ORDER = ("1", "2", "3", "4", "full", "partial", None)
EVENTS = ("published", "amended", "abolished")


def level_name(level: str, lang: str = "vi") -> str:
    """'Cấp huyện/thị xã' / 'Cấp xã' (or the English names)."""
    return t(f"level_{level}", lang)


def online_name(online_level, lang: str = "vi") -> str:
    """'Mức độ 3', 'Toàn trình', 'Một phần' ...; 'Chưa xác định' when not set."""
    if online_level is None or (isinstance(online_level, float) and online_level != online_level) or pd.isna(online_level):
        return t("online_none", lang)
    return t(f"online_{online_level}", lang)


def event_name(event: str, lang: str = "vi") -> str:
    """'Ban hành mới', 'Sửa đổi, bổ sung', 'Bãi bỏ' (or the English names)."""
    return t(f"event_{event}", lang)


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        font=FONT,
        # stacked bars reverse the legend by default; keep it in level order
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, traceorder="normal"),
        separators=",." if lang == "vi" else ".,",
        plot_bgcolor=WHITE, paper_bgcolor=WHITE,  # a white card in a dark theme too
        hoverlabel=dict(font_size=HOVER_FONT_SIZE),
    )
    return fig


def catalogue_table(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Fields as rows, one count column per level and a total column, largest first:
    columns field_code, field_name, district, commune, total."""
    if catalogue.empty:
        return pd.DataFrame(columns=["field_code", "field_name", *LEVELS, "total"])
    wide = (
        catalogue.pivot_table(index=["field_code", "field_name"], columns="level", values="procedures",
                              aggfunc="sum", fill_value=0)
        .reindex(columns=list(LEVELS), fill_value=0)
        .reset_index()
    )
    wide.columns.name = None
    wide["total"] = wide["district"] + wide["commune"]
    return wide.sort_values(["total", "field_name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def catalogue_bars(table: pd.DataFrame, lang: str = "vi", height: int | None = None) -> go.Figure:
    """Horizontal stacked bars: procedures in force per field, split by level."""
    fig = go.Figure()
    names = list(table["field_name"])
    for level in LEVELS:
        values = table[level]
        if not values.any():
            continue
        fig.add_trace(go.Bar(
            x=values, y=names, orientation="h", name=level_name(level, lang), marker_color=LEVEL_COLORS[level],
            hovertext=[f"{n} – {level_name(level, lang)}: {fmt_int(v, lang)}" for n, v in zip(names, values)],
            hoverinfo="text", text=[fmt_int(v, lang) if v else "" for v in values], textposition="inside",
            textangle=0, insidetextanchor="middle",
        ))
    # counts that do not fit their bar segment are hidden rather than turned sideways
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=11, mode="hide"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=t("tt_procedures", lang), showgrid=True, gridcolor=GRID_COLOR)
    return _layout(fig, lang, height or max(280, 28 * len(names) + 110))


def online_table(levels: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Online levels as rows in their natural order (1-4, full, partial, not set) with
    count and share per level: columns online_level, online_name, <level>, <level>_share
    and <level>_text ('269 (92,1 %)')."""
    order = {v: i for i, v in enumerate(ONLINE_ORDER)}
    keys = sorted(
        {None if pd.isna(v) else str(v) for v in levels["online_level"]},
        key=lambda v: order.get(v, len(order)),
    )
    rows = []
    for key in keys:
        part = levels[levels["online_level"].isna()] if key is None else levels[levels["online_level"] == key]
        row = {"online_level": key, "online_name": online_name(key, lang)}
        for level in LEVELS:
            hit = part[part["level"] == level]
            row[level] = int(hit["procedures"].iloc[0]) if len(hit) else 0
            row[f"{level}_share"] = float(hit["share"].iloc[0]) if len(hit) else 0.0
            row[f"{level}_text"] = f"{fmt_int(row[level], lang)} ({fmt_pct(row[f'{level}_share'], 1, lang)})"
        rows.append(row)
    columns = ["online_level", "online_name", *LEVELS, *(f"{lv}_share" for lv in LEVELS), *(f"{lv}_text" for lv in LEVELS)]
    return pd.DataFrame(rows, columns=columns)


def online_bars(table: pd.DataFrame, lang: str = "vi", height: int | None = None) -> go.Figure:
    """Grouped bars: procedures per online level, one colour per level, share in the hover."""
    fig = go.Figure()
    for level in LEVELS:
        if not table[level].any():
            continue
        fig.add_trace(go.Bar(
            x=table["online_name"], y=table[level], name=level_name(level, lang), marker_color=LEVEL_COLORS[level],
            text=[fmt_int(v, lang) for v in table[level]], textposition="outside", cliponaxis=False,
            hovertext=[f"{level_name(level, lang)} – {n}: {fmt_int(v, lang)} ({fmt_pct(s, 1, lang)})"
                       for n, v, s in zip(table["online_name"], table[level], table[f"{level}_share"])],
            hoverinfo="text",
        ))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("tt_procedures", lang), gridcolor=GRID_COLOR)
    fig.update_xaxes(type="category")
    return _layout(fig, lang, height or 340)


def days_bars(distribution: pd.DataFrame, lang: str = "vi", height: int | None = None) -> go.Figure:
    """Procedures per statutory processing time (working days), one colour per level."""
    known = distribution[distribution["processing_days"].notna()]
    fig = go.Figure()
    for level in LEVELS:
        part = known[known["level"] == level]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=[str(int(d)) for d in part["processing_days"]], y=part["procedures"], name=level_name(level, lang),
            marker_color=LEVEL_COLORS[level],
            hovertext=[f"{level_name(level, lang)} – {int(d)} {t('tt_days', lang).lower()}: {fmt_int(n, lang)}"
                       for d, n in zip(part["processing_days"], part["procedures"])],
            hoverinfo="text",
        ))
    days = sorted({int(d) for d in known["processing_days"]})
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(d) for d in days],
                     title=t("tt_days", lang))
    fig.update_yaxes(title=t("tt_procedures", lang), gridcolor=GRID_COLOR)
    return _layout(fig, lang, height or 340)
