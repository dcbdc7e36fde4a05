"""The Overview's charts: a DataFrame in, a Vega-Lite specification out; no Streamlit, no SQL.

The Overview is the page every session opens first, so its two charts are Vega-Lite
(``st.vega_lite_chart``) rather than Plotly: Streamlit loads Plotly's 4.6 MB bundle into the
browser only when a page first draws a Plotly chart, and on a 2-core laptop that costs
1.1–1.8 s of the browser's time before the page is drawn, against about 0.25 s for Vega-Lite
(measured: docs/benchmarks.md, "Server start"). The other pages keep Plotly; the colours
and font here are theirs. Values shown to users (tooltips, bar labels) are formatted here
in Python, so they follow the Vietnamese number format exactly.
"""

from __future__ import annotations

import pandas as pd

from cchc.i18n.formats import fmt_int, fmt_num, fmt_pct
from cchc.i18n.labels import t
from cchc.core.targets import BELOW_COLOR, BELOW_MARK, par_level

COLORS = {
    "town": "#1f5fa8",
    "commune_ward": "#e07b00",
    "top": "#2e8b57",
    "bottom": "#d9822b",  # amber: the last places; red stays the below-target colour
    "neutral": "#8aa1b8",
}
FONT = dict(family="Segoe UI, Roboto, Arial, sans-serif", size=14)
GRID_COLOR = "#e5e8ec"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def _config(font_size: int) -> dict:
    """Fonts and axes shared by both charts; ``font_size`` 18 for the projector."""
    small = font_size - 1
    return {
        "font": FONT["family"],
        "axis": {"labelFontSize": small, "titleFontSize": small, "titleFontWeight": "normal",
                 "gridColor": GRID_COLOR, "domainColor": "#9aa5b1", "tickColor": "#9aa5b1"},
        "legend": {"labelFontSize": font_size, "labelLimit": 600, "symbolStrokeWidth": 3},
        "text": {"fontSize": small},
        "view": {"stroke": None},
    }


def month_ticks(count: int) -> int:
    """Every how many months the trend labels its axis: 3 above 15 months, 2 above 6, else 1."""
    return 3 if count > 15 else 2 if count > 6 else 1


def ontime_trend(trend: pd.DataFrame, lang: str = "vi", height: int = 360, target: float | None = None,
                 font_size: int = FONT["size"]) -> dict:
    """Monthly on-time rate (formula A), one line per unit group; with ``target``, a dashed
    target line and the months below it marked with ▼ in the below-target colour."""
    names = {"town": t("town_desk", lang), "commune_ward": t("communes_wards", lang)}
    groups = [g for g in ("town", "commune_ward") if (trend["unit_group"] == g).any()] if len(trend) else []
    months = sorted(pd.to_datetime(trend["month"]).unique()) if len(trend) else []
    labels = [f"{pd.Timestamp(m):%m/%Y}" for m in months]
    rows = []
    for group in groups:
        part = trend[trend["unit_group"] == group]
        for m, rate, n, late in zip(part["month"], part["ontime_rate"], part["resolved"], part["late"]):
            has_rate = rate is not None and not pd.isna(rate)
            rows.append({
                "month": f"{pd.Timestamp(m):%m/%Y}", "group": names[group],
                "rate": float(rate) if has_rate else None,
                "rate_text": fmt_pct(rate, 1, lang) if has_rate else "–",
                "resolved_text": fmt_int(n, lang), "late_text": fmt_int(late, lang),
                "below": bool(target is not None and has_rate and float(rate) < target - 0.05),
            })
    x = {"field": "month", "type": "ordinal", "sort": labels, "title": None,
         "axis": {"values": labels[::-1][::month_ticks(len(labels))][::-1], "labelAngle": 0}}
    y_scale: dict = {"zero": False}
    if target is not None:
        rated = trend["ontime_rate"].dropna() if len(trend) else pd.Series(dtype=float)
        low = min(float(rated.min()) if len(rated) else target, target)
        y_scale = {"domain": [max(0.0, low - 1.5), 100.5], "nice": False}
    y = {"field": "rate", "type": "quantitative", "scale": y_scale, "title": t("ontime_rate", lang) + " (%)",
         "axis": {"labelExpr": "format(datum.value, '.0f') + ' %'", "tickMinStep": 1}}
    tooltip = [
        {"field": "group", "title": t("unit", lang)},
        {"field": "month", "title": t("month", lang)},
        {"field": "rate_text", "title": t("ontime_rate", lang)},
        {"field": "resolved_text", "title": t("resolved", lang)},
        {"field": "late_text", "title": t("late", lang)},
    ]
    layers: list[dict] = [{
        "mark": {"type": "line", "strokeWidth": 3, "point": {"filled": True, "size": 60}},
        "encoding": {
            "x": x, "y": y, "tooltip": tooltip,
            "color": {"field": "group", "type": "nominal", "title": None,
                      "scale": {"domain": [names[g] for g in groups], "range": [COLORS[g] for g in groups]},
                      "legend": {"orient": "top", "direction": "horizontal"}},
        },
    }]
    if target is not None:
        label = t("target_line", lang, target=fmt_pct(target, 0 if float(target).is_integer() else 1, lang))
        layers += [
            {"data": {"values": [{"target": float(target), "label": label}]},
             "mark": {"type": "rule", "color": BELOW_COLOR, "strokeWidth": 1.5, "strokeDash": [6, 4]},
             "encoding": {"y": {"field": "target", "type": "quantitative"}}},
            {"data": {"values": [{"target": float(target), "label": label}]},
             "mark": {"type": "text", "color": BELOW_COLOR, "align": "right", "baseline": "top", "dy": 4,
                      "fontSize": font_size - 1},
             "encoding": {"y": {"field": "target", "type": "quantitative"}, "x": {"value": "width"},
                          "text": {"field": "label"}}},
            {"transform": [{"filter": "datum.below"}],
             "mark": {"type": "point", "shape": "triangle-down", "filled": True, "size": 190,
                      "color": BELOW_COLOR, "opacity": 1},
             "encoding": {"x": x, "y": y, "tooltip": tooltip}},
        ]
    return {
        "$schema": VEGA_LITE_SCHEMA, "height": height, "data": {"values": rows}, "layer": layers,
        "config": _config(font_size),
    }


def ranking_marks(
    ranked: pd.DataFrame, top: int = 5, bottom: int = 3, band: tuple[float, float] | None = None,
) -> tuple[list[str], list[str]]:
    """Bar colours and labels of a ranking (rows in rank order), shared by the page chart and
    the PDF: the top places green, the last places amber, and with ``band`` units in the weak
    band in the below-target colour with its marker."""
    n = len(ranked)
    colors = [
        COLORS["top"] if i < top else COLORS["bottom"] if i >= n - bottom else COLORS["neutral"]
        for i in range(n)
    ]
    labels = [f"{int(r)}. {name}" for r, name in zip(ranked["rank"], ranked["short_name"])]
    if band is not None:
        weak = [par_level(v) == "weak" for v in ranked["total"]]
        colors = [BELOW_COLOR if w else c for c, w in zip(colors, weak)]
        labels = [f"{BELOW_MARK} {label}" if w else label for label, w in zip(labels, weak)]
    return colors, labels


def par_ranking(
    ranking: pd.DataFrame, lang: str = "vi", top: int = 5, bottom: int = 3, height: int = 420,
    band: tuple[float, float] | None = None, font_size: int = FONT["size"],
) -> dict:
    """Horizontal bars of PAR totals, best at the top; the top and bottom units marked
    (as the meeting announces them), each bar's score written after it.

    With ``band`` (weak, good), units in the weak band also get the below-target colour
    and marker, and the two band lines are drawn."""
    ranked = ranking[ranking["rank"].notna()].sort_values(["rank", "short_name"])
    colors, labels = ranking_marks(ranked, top, bottom, band)
    rows = [
        {"label": label, "total": float(total), "score": fmt_num(total, 1, lang), "color": color, "unit_code": code}
        for label, total, color, code in zip(labels, ranked["total"], colors, ranked["unit_code"])
    ]
    max_total = float(ranked["max_total"].max()) if len(ranked) else 100.0
    y = {"field": "label", "type": "nominal", "sort": labels, "title": None,
         "axis": {"labelLimit": 320, "ticks": False, "domain": False}}
    # room after the longest bar for its value ('99,4' beside a bar at 99.4 of 100)
    x = {"field": "total", "type": "quantitative", "title": t("score", lang),
         "scale": {"domain": [0, round(max_total * 1.15, 1)], "nice": False}}
    tooltip = [{"field": "label", "title": t("unit", lang)}, {"field": "score", "title": t("score", lang)}]
    layers: list[dict] = []
    if band is not None:
        layers.append({
            "data": {"values": [{"x": float(band[0]), "color": BELOW_COLOR}, {"x": float(band[1]), "color": COLORS["top"]}]},
            "mark": {"type": "rule", "strokeDash": [2, 3], "strokeWidth": 1},
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "color": {"field": "color", "type": "nominal", "scale": None}},
        })
    layers += [
        {"mark": {"type": "bar"},
         "encoding": {"x": x, "y": y, "tooltip": tooltip,
                      "color": {"field": "color", "type": "nominal", "scale": None}}},
        {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": font_size - 1},
         "encoding": {"x": x, "y": y, "text": {"field": "score"}}},
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA, "height": height, "data": {"values": rows}, "layer": layers,
        "config": _config(font_size) | {"axisX": {"grid": True}, "axisY": {"grid": False}},
    }
