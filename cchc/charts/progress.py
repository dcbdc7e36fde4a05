"""Chart builders of the progress page (Tiến độ giải quyết): a DataFrame in, a figure out.

Pure functions over query results (queries/dossier_balance.sql, ontime_by_field.sql,
trend_by_unit_monthly.sql), no Streamlit and no SQL. Every point of a per-unit chart
carries its unit code in ``customdata`` so that a click can narrow the page to the unit
(see :mod:`cchc.ui.drilldown`); per-field dots carry the field code the same way.
Units below the on-time target are drawn in :data:`cchc.core.targets.BELOW_COLOR` and named
with :data:`cchc.core.targets.BELOW_MARK`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc.charts.reorganisation import date_axis_x, spans_reorganisation
from cchc.charts.reorganisation import marker as reorganisation_marker
from cchc.charts.theme import (
    BELOW_COLOR,
    COLORS,
    FONT,
    GRID_COLOR,
    GRID_LIGHT,
    HOVER_FONT_SIZE,
    LINE_COLORS,
    NOTE_FONT_SIZE,
    VALUE_FONT_SIZE,
    WHITE,
)
from cchc.core.targets import (
    BELOW_MARK,
    below_ontime_target,
    ontime_target,
    target_text,
)
from cchc.i18n.formats import fmt_int, fmt_pct
from cchc.i18n.labels import t

ROW_HEIGHT = 30  # pixels per bar of a horizontal bar chart


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=FONT,
        separators=",." if lang == "vi" else ".,",
        plot_bgcolor=WHITE, paper_bgcolor=WHITE,  # a white card in a dark theme too
        hoverlabel=dict(font_size=HOVER_FONT_SIZE),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        # a click selects one bar; keep the others fully visible
        clickmode="event+select",
        xaxis=dict(showgrid=False),
        yaxis=dict(gridcolor=GRID_COLOR),
    )
    return fig


def _bar_height(rows: int) -> int:
    return max(180, 60 + ROW_HEIGHT * rows)


def _marked(name: str, below: bool) -> str:
    return f"{BELOW_MARK} {name}" if below else name


def _target_line(fig: go.Figure, lang: str, horizontal: bool) -> None:
    target = ontime_target()
    label = t("target_line", lang, target=target_text(target, lang))
    line = dict(color=BELOW_COLOR, width=1.5, dash="dash")
    if horizontal:
        # the label above the plot area, where it cannot cover the first row's dot or value
        fig.add_vline(x=target, line=line)
        fig.add_annotation(x=target, y=1, xref="x", yref="paper", yanchor="bottom", xanchor="center",
                           text=label, showarrow=False, font=dict(color=BELOW_COLOR, size=NOTE_FONT_SIZE))
    else:
        fig.add_hline(y=target, line=line, annotation_text=label, annotation_position="bottom left",
                      annotation_font=dict(color=BELOW_COLOR, size=NOTE_FONT_SIZE))


def rate_dots(
    frame: pd.DataFrame, lang: str = "vi", *, code: str = "unit_code", name: str = "short_name",
    rate: str = "ontime_rate", height: int | None = None,
) -> go.Figure:
    """A dot per row of ``frame`` that resolved anything: its on-time rate (formula A), lowest
    at the top; below-target dots red and their names marked; a target line.

    Dots rather than bars: rates sit between 95 and 100 %, where bars from zero all look the
    same, and a dot needs no zero baseline; the axis is zoomed to the rates and the target."""
    data = frame[frame["resolved"] > 0].sort_values([rate, name], ascending=[True, True])
    below = [below_ontime_target(r) for r in data[rate]]
    labels = [_marked(n, b) for n, b in zip(data[name], below)]
    hover = [
        f"<b>{n}</b><br>{t('ontime_rate', lang)}: {fmt_pct(r, 1, lang)}<br>"
        f"{t('resolved', lang)}: {fmt_int(res, lang)} · {t('late', lang)}: {fmt_int(late, lang)}"
        for n, r, res, late in zip(labels, data[rate], data["resolved"], data["late"])
    ]
    fig = go.Figure(
        go.Scatter(
            x=data[rate], y=labels, mode="markers+text", customdata=list(data[code]),
            marker=dict(size=14, color=[BELOW_COLOR if b else COLORS["town"] for b in below],
                        symbol=["triangle-down" if b else "circle" for b in below]),
            text=[fmt_pct(r, 1, lang) for r in data[rate]], textposition="middle right",
            textfont=dict(size=VALUE_FONT_SIZE), cliponaxis=False, hovertext=hover, hoverinfo="text",
        )
    )
    _target_line(fig, lang, horizontal=True)
    low = min([float(r) for r in data[rate]] + [ontime_target()]) if len(data) else ontime_target()
    span = max(100.0 - low, 2.0)
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=True, gridcolor=GRID_LIGHT)
    fig.update_xaxes(range=[max(0.0, low - span * 0.15), 100 + span * 0.22], ticksuffix=" %",
                     title=t("ontime_rate", lang) + " (%)", showgrid=True, gridcolor=GRID_LIGHT)
    fig = _layout(fig, lang, height or _bar_height(len(data)))
    # room on the right for the value labels of the highest rates
    fig.update_layout(margin=dict(l=10, r=60, t=40, b=10))
    return fig


def online_share_bars(frame: pd.DataFrame, lang: str = "vi", height: int | None = None) -> go.Figure:
    """Horizontal bars of the online share of received dossiers per unit, lowest at the top;
    units that received nothing are left out. ``height`` defaults to a bar's height per unit."""
    data = frame[frame["received"] > 0].sort_values(["online_share", "short_name"])
    hover = [
        f"<b>{n}</b><br>{t('online_share', lang)}: {fmt_pct(s, 1, lang)}<br>"
        f"{t('received_online', lang)}: {fmt_int(o, lang)} / {fmt_int(r, lang)}"
        for n, s, o, r in zip(data["short_name"], data["online_share"], data["received_online"], data["received"])
    ]
    fig = go.Figure(
        go.Bar(
            x=data["online_share"], y=list(data["short_name"]), orientation="h", customdata=list(data["unit_code"]),
            marker_color=COLORS["commune_ward"],
            text=[fmt_pct(s, 1, lang) for s in data["online_share"]], textposition="outside", cliponaxis=False,
            hovertext=hover, hoverinfo="text",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    # from 0 to a little above the highest share (shares of 9-12 % on a 0-100 % axis are slivers),
    # with room for the value written after the bar
    fig.update_xaxes(range=[0, online_axis_max(data["online_share"])], ticksuffix=" %",
                     title=t("online_share", lang) + " (%)")
    return _layout(fig, lang, height or _bar_height(len(data)))


def online_axis_max(shares) -> float:
    """The end of the online-share axis: a fifth above the highest share (room for its
    value), at least 5 %, at most 112 % (room after a 100 % bar)."""
    values = [float(v) for v in shares if v is not None and not pd.isna(v)]
    return round(min(112.0, max(5.0, max(values, default=0.0) * 1.2)), 1)


def unit_trend(trend: pd.DataFrame, lang: str = "vi", measure: str = "ontime_rate", top: int = 5, height: int = 400) -> go.Figure:
    """One line per unit over the months: the on-time rate (formula A) or the dossiers received,
    for the ``top`` units by volume (``volume_rank`` of queries/trend_by_unit_monthly.sql).
    On-time points below the target are drawn as red down-triangles; months across 1 July
    2025 get the reorganisation marker (cchc/charts/reorganisation.py)."""
    data = trend[trend["volume_rank"] <= top]
    fig = go.Figure()
    for index, (_rank, part) in enumerate(data.groupby("volume_rank", sort=True)):
        part = part.sort_values("month")
        code = part["unit_code"].iloc[0]
        name = part["short_name"].iloc[0]
        color = LINE_COLORS[index % len(LINE_COLORS)]
        values = part[measure]
        if measure == "ontime_rate":
            below = [below_ontime_target(v) for v in values]
            marker = dict(
                color=[BELOW_COLOR if b else color for b in below],
                symbol=["triangle-down" if b else "circle" for b in below],
                size=[11 if b else 7 for b in below],
            )
            hover = [
                f"<b>{name}</b> · {m:%m/%Y}<br>{t('ontime_rate', lang)}: "
                f"{_marked(fmt_pct(v, 1, lang), b)}<br>{t('resolved', lang)}: {fmt_int(res, lang)} · "
                f"{t('late', lang)}: {fmt_int(late, lang)}"
                for m, v, b, res, late in zip(part["month"], values, below, part["resolved"], part["late"])
            ]
        else:
            marker = dict(color=color, size=7)
            hover = [
                f"<b>{name}</b> · {m:%m/%Y}<br>{t('received', lang)}: {fmt_int(v, lang)}"
                for m, v in zip(part["month"], values)
            ]
        fig.add_trace(
            go.Scatter(
                x=part["month"], y=values, name=name, mode="lines+markers", connectgaps=False, showlegend=True,
                line=dict(color=color, width=2.5), marker=marker, customdata=[code] * len(part),
                hovertext=hover, hoverinfo="text",
            )
        )
    if measure == "ontime_rate":
        _target_line(fig, lang, horizontal=False)
        fig.update_yaxes(title=t("ontime_rate", lang) + " (%)", ticksuffix=" %")
    else:
        fig.update_yaxes(title=t("received", lang), rangemode="tozero")
    months = data["month"].nunique()
    fig.update_xaxes(tickformat="%m/%Y", dtick="M1" if months <= 12 else "M2" if months <= 24 else "M6")
    fig = _layout(fig, lang, height)
    if spans_reorganisation(data["month"].unique()):
        line, label = reorganisation_marker(date_axis_x(), lang)
        fig.update_layout(shapes=[*fig.layout.shapes, line], annotations=[*fig.layout.annotations, label])
    return fig
