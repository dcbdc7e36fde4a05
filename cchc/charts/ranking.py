"""Figures of the PAR-ranking page (Xếp hạng CCHC), and the words they share with its tables
(rank change, band, unit label; the tables are cchc/tables/ranking.py).

Pure functions: query results in, a Plotly figure out; no Streamlit, no SQL. Scores, ranks and
percentages come from the queries (``par_ranking``, ``par_criteria_scores``); here they are
only arranged and formatted.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from cchc.charts.overview import legend_traces
from cchc.charts.theme import (
    BELOW_COLOR,
    COLORS,
    CONNECTOR,
    FONT,
    GRID_COLOR,
    HEATMAP_SCALE,
    HOVER_FONT_SIZE,
    LEVEL_COLORS,
    NOTE_FONT_SIZE,
    PREVIOUS,
    VALUE_FONT_SIZE,
    WHITE,
)
from cchc.core.targets import BELOW_MARK, mark_if, par_band, par_level
from cchc.i18n.formats import fmt_num, fmt_pct, is_missing, number_or_none
from cchc.i18n.labels import t

RANK_UP, RANK_DOWN = "↑", "↓"  # a move in the ranking (never ▼, the below-target mark)


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        font=FONT,
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0),
        separators=",." if lang == "vi" else ".,",
        plot_bgcolor=WHITE, paper_bgcolor=WHITE,  # a white card in a dark theme too
        hoverlabel=dict(font_size=HOVER_FONT_SIZE),
    )
    return fig


def rank_change_text(rank, previous_rank, lang: str = "vi") -> str:
    """The change of rank against the previous year: '↑ 2' (moved up), '↓ 1' (down),
    '=' (same), 'mới'/'new' (no previous rank) or an em dash (not ranked this year).

    Arrows, not triangles: ▼ means "below target" everywhere (cchc.core.targets.BELOW_MARK),
    so a rank that dropped must not look like a weak score."""
    if is_missing(rank):
        return "—"
    if is_missing(previous_rank):
        return t("xh_new", lang)
    change = int(previous_rank) - int(rank)
    if change > 0:
        return f"{RANK_UP} {change}"
    if change < 0:
        return f"{RANK_DOWN} {-change}"
    return "="


def band_text(total, lang: str = "vi") -> str:
    """The PAR band of a total in words; weak totals carry the shared below-target mark."""
    level = par_level(number_or_none(total))
    weak, good = par_band()
    if level is None:
        return t("xh_band_missing", lang)
    if level == "weak":
        return t("xh_band_weak", lang, mark=BELOW_MARK, weak=fmt_num(weak, 0, lang))
    if level == "good":
        return t("xh_band_good", lang, good=fmt_num(good, 0, lang))
    return t("xh_band_middle", lang)


def unit_label(short_name: str, total, rank=None) -> str:
    """A unit's name on a chart axis ('2. Lê Lợi' with a rank), with the below-target mark
    in front when its total is in the weak band ('▼ 4. Kim Sơn'), as on the Overview."""
    text = short_name if is_missing(rank) else f"{int(rank)}. {short_name}"
    return mark_if(text, par_level(number_or_none(total)) == "weak")


def ranking_bars(table: pd.DataFrame, lang: str = "vi", height: int | None = None) -> go.Figure:
    """Horizontal bars of the totals, best at the top, coloured by PAR band; the weak
    threshold drawn as a dashed line."""
    ranked = table[table["rank"].notna()]
    weak, good = par_band()
    colors = [LEVEL_COLORS.get(level or "middle") for level in ranked["level"]]
    labels = [unit_label(n, v, r) for r, n, v in zip(ranked["rank"], ranked["short_name"], ranked["total"])]
    fig = go.Figure(
        go.Bar(
            x=ranked["total"], y=labels, orientation="h", marker_color=colors,
            text=[fmt_num(v, 1, lang) for v in ranked["total"]], textposition="inside", insidetextanchor="end",
            textfont=dict(color=WHITE), hovertemplate="%{y}: %{text}<extra></extra>", customdata=list(ranked["unit_code"]),
            showlegend=False,
        )
    )
    for trace in legend_traces(lang):  # the PAR bands, as on the Overview
        fig.add_trace(trace)
    max_total = float(table["max_total"].max()) if len(table) and not is_missing(table["max_total"].max()) else 100.0
    for x, color in ((weak, BELOW_COLOR), (good, COLORS["top"])):
        fig.add_vline(x=x, line=dict(color=color, width=1, dash="dot"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(range=[0, max_total * 1.1], title=t("xh_total", lang), showgrid=True, gridcolor=GRID_COLOR)
    # a click on a bar narrows the dashboard to the unit (cchc/ui/drilldown.py), as on the Overview
    fig.update_layout(clickmode="event+select")
    return _layout(fig, lang, height or max(260, 30 * len(ranked) + 90))


def comparison_dumbbell(table: pd.DataFrame, year: int, lang: str = "vi", height: int | None = None) -> go.Figure:
    """This year's total against last year's for every ranked unit: a grey dot for the
    previous year, a coloured dot for this year, joined by a line (a dumbbell chart)."""
    ranked = table[table["rank"].notna()]
    labels = [unit_label(n, v) for n, v in zip(ranked["short_name"], ranked["total"])]
    xs, ys = [], []
    for label, prev, cur in zip(labels, ranked["previous_total"], ranked["total"]):
        if not is_missing(prev) and not is_missing(cur):
            xs += [prev, cur, None]
            ys += [label, label, None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=CONNECTOR, width=4),
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(
        x=ranked["previous_total"], y=labels, mode="markers", name=str(year - 1),
        marker=dict(color=PREVIOUS, size=11),
        hovertext=[f"{n} {year - 1}: {fmt_num(v, 1, lang)}" for n, v in zip(ranked["short_name"], ranked["previous_total"])],
        hoverinfo="text",
    ))
    fig.add_trace(go.Scatter(
        x=ranked["total"], y=labels, mode="markers", name=str(year),
        marker=dict(color=[BELOW_COLOR if level == "weak" else COLORS["town"] for level in ranked["level"]], size=13),
        hovertext=[f"{n} {year}: {fmt_num(v, 1, lang)} ({c})"
                   for n, v, c in zip(ranked["short_name"], ranked["total"], ranked["rank_change"])],
        hoverinfo="text",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True, categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title=t("xh_total", lang), showgrid=True, gridcolor=GRID_COLOR)
    return _layout(fig, lang, height or max(260, 30 * len(ranked) + 90))


def wrap_label(text: str, width: int = 16) -> str:
    """A long label broken into lines of about ``width`` characters (Plotly ``<br>``)."""
    return "<br>".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def criteria_matrix(scores: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Units x criteria tables of percent of max, points and max points, rows in ``order``
    (unit codes) and columns by criterion order."""
    criteria = scores.drop_duplicates("criterion_code").sort_values("criterion_order")
    columns = list(criteria["criterion_code"])
    present = set(scores["unit_code"])  # once: a set per unit made this quadratic
    units = [u for u in order if u in present]
    pct = scores.pivot(index="unit_code", columns="criterion_code", values="pct_of_max").reindex(index=units, columns=columns)
    points = scores.pivot(index="unit_code", columns="criterion_code", values="points").reindex(index=units, columns=columns)
    max_points = criteria.set_index("criterion_code")["max_points"].reindex(columns)
    return pct, points, max_points.to_frame().T


def criteria_heatmap(
    scores: pd.DataFrame, table: pd.DataFrame, lang: str = "vi", wrap: int = 15, height: int | None = None
) -> go.Figure:
    """A heatmap of every unit's score per criterion, in percent of the criterion's
    maximum; units by rank (top row first), criteria numbered in order, names wrapped."""
    order = list(table.loc[table["rank"].notna(), "unit_code"])
    pct, points, max_points = criteria_matrix(scores, order)
    criteria = scores.drop_duplicates("criterion_code").sort_values("criterion_order")
    names = dict(zip(criteria["criterion_code"], criteria["criterion_name"]))
    x_labels = [wrap_label(f"{i}. {names[c]}", wrap) for i, c in enumerate(pct.columns, start=1)]
    short = dict(zip(table["unit_code"], table["short_name"]))
    totals = dict(zip(table["unit_code"], table["total"]))
    ranks = dict(zip(table["unit_code"], table["rank"]))
    y_labels = [unit_label(short[u], totals[u], ranks[u]) for u in pct.index]
    z = [[None if is_missing(v) else round(float(v), 2) for v in row] for row in pct.to_numpy()]
    text = [[fmt_pct(v, 0, lang) if v is not None else "—" for v in row] for row in z]
    # Cell by cell over plain arrays (``.at`` per cell costs ~40 µs at 600 units x 10 criteria).
    score_word = t("score", lang).lower()
    max_texts = [fmt_num(max_points.at["max_points", c], 1, lang) for c in pct.columns]
    criterion_names = [names[c] for c in pct.columns]
    hover = [
        [
            f"{short[u]}<br>{name}<br>{fmt_num(p, 1, lang)} / {mx} {score_word} ({fmt_pct(v, 1, lang)})"
            for name, mx, p, v in zip(criterion_names, max_texts, point_row, pct_row)
        ]
        for u, point_row, pct_row in zip(pct.index, points.to_numpy(dtype=object), pct.to_numpy(dtype=object))
    ]
    values = [v for row in z for v in row if v is not None]
    zmin = max(0.0, math.floor((min(values) if values else 0.0) / 10.0) * 10.0 - 10.0)
    fig = go.Figure(
        go.Heatmap(
            z=z, x=x_labels, y=y_labels, text=text, texttemplate="%{text}", textfont=dict(size=VALUE_FONT_SIZE),
            hovertext=hover, hoverinfo="text", colorscale=HEATMAP_SCALE, zmin=min(zmin, 100.0), zmax=100.0,
            xgap=2, ygap=2, colorbar=dict(title=dict(text="%", side="top"), thickness=12, ticksuffix=" %"),
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    fig.update_xaxes(side="top", automargin=True, showgrid=False, tickangle=0, tickfont=dict(size=NOTE_FONT_SIZE))
    fig = _layout(fig, lang, height or max(320, 34 * len(y_labels) + 150))
    fig.update_layout(margin=dict(t=10))
    return fig
