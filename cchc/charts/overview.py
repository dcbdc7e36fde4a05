"""The Overview's two charts — the monthly on-time trend and the PAR ranking — as data and as
Plotly figures; no Streamlit, no SQL.

Each chart is built in two steps. :func:`trend_data` and :func:`ranking_data` turn query
results into the rows and series a chart draws (values, texts in the Vietnamese number
format, colours from :mod:`cchc.charts.theme`, the ▼ marks); :func:`ontime_trend` and
:func:`par_ranking` draw them with Plotly for the page, and the PDF report
(:mod:`cchc.report.pdf`) draws the very same rows with reportlab. So the screen and the
paper cannot disagree about a value, a colour or a mark.

The Overview used Vega-Lite until the product settled on one chart library: Plotly's
browser bundle costs about a second on a cold first load (docs/benchmarks.md, "Server
start after the move to Plotly").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cchc.charts import theme
from cchc.charts.reorganisation import first_month_after, marker, spans_reorganisation
from cchc.core.targets import BELOW_MARK, par_band, par_level, target_text
from cchc.i18n.formats import fmt_int, fmt_num, fmt_pct
from cchc.i18n.labels import t

COLORS = theme.COLORS
FONT = theme.FONT
GROUPS = ("town", "commune_ward")


@dataclass(frozen=True)
class TrendPoint:
    """One month of one unit group: the rate (None when nothing was resolved) and its texts."""

    month: date
    label: str  # '01/2018'
    rate: float | None
    rate_text: str  # '98,8 %' (or '–')
    resolved_text: str
    late_text: str
    below: bool  # under the target as shown (one decimal): drawn as ▼ in the below colour


@dataclass(frozen=True)
class TrendSeries:
    group: str  # 'town' or 'commune_ward'
    name: str  # its name in the UI language
    color: str
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class TrendData:
    months: tuple[date, ...]  # every month with a row, in order
    series: tuple[TrendSeries, ...]
    target: float | None
    target_label: str | None  # 'Mục tiêu 98 %'
    low: float | None  # the lowest rate drawn, or the target when lower


def trend_data(trend: pd.DataFrame, lang: str = "vi", target: float | None = None,
               town_label: str = "town_desk") -> TrendData:
    """The series of the on-time trend (formula A) from ``ontime_trend_monthly`` rows
    (unit_group, month, ontime_rate, resolved, late): one series per unit group present, its
    months in order; with ``target``, the months whose rate as shown (one decimal) is under
    it are ``below``. ``town_label``: the label naming the desks' group ('town_desk', or
    'desks' when a province's desk or a department is among them)."""
    names = {"town": t(town_label, lang), "commune_ward": t("communes_wards", lang)}
    months = tuple(sorted({pd.Timestamp(m).date() for m in trend["month"]})) if len(trend) else ()
    series = []
    for group in GROUPS:
        part = trend[trend["unit_group"] == group] if len(trend) else trend
        if part.empty:
            continue
        part = part.sort_values("month")
        points = []
        for m, rate, n, late in zip(part["month"], part["ontime_rate"], part["resolved"], part["late"]):
            has_rate = rate is not None and not pd.isna(rate)
            month = pd.Timestamp(m).date()
            points.append(TrendPoint(
                month=month, label=f"{month:%m/%Y}", rate=float(rate) if has_rate else None,
                rate_text=fmt_pct(rate, 1, lang) if has_rate else "–",
                resolved_text=fmt_int(n, lang), late_text=fmt_int(late, lang),
                # the rule of cchc.core.targets.below_ontime_target, against this chart's target
                below=bool(target is not None and has_rate and round(float(rate), 1) < target),
            ))
        series.append(TrendSeries(group, names[group], COLORS[group], tuple(points)))
    rates = [p.rate for s in series for p in s.points if p.rate is not None]
    low = min(rates + ([float(target)] if target is not None else [])) if rates or target is not None else None
    label = t("target_line", lang, target=target_text(target, lang)) if target is not None else None
    return TrendData(months, tuple(series), None if target is None else float(target), label, low)


def month_ticks(count: int) -> int:
    """Every how many months the trend labels its axis: 3 above 15 months, 2 above 6, else 1."""
    return 3 if count > 15 else 2 if count > 6 else 1


def _rate_step(span: float) -> float:
    """A whole-percent tick step giving at most seven ticks over ``span`` points."""
    return next((s for s in (1, 2, 5, 10, 20, 25) if span / s <= 7), 25)


def _layout(lang: str, height: int, font_size: int, x: dict, y: dict, **more) -> dict:
    """The layout of both charts as one dictionary: Plotly builds a figure from it in one
    step (``update_layout``/``add_hline`` calls cost 20-40 ms each on this machine)."""
    axis = dict(tickfont=dict(size=font_size - 1), linecolor=theme.AXIS_COLOR, tickcolor=theme.AXIS_COLOR,
                gridcolor=theme.GRID_COLOR, automargin=True)

    def with_title(props: dict) -> dict:
        title = props.get("title")
        return axis | props | ({"title": title | {"font": dict(size=font_size - 1)}} if title else {})

    return dict(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        # explicit text colour and paper: a white card with dark text also in a dark app theme
        font=dict(family=theme.FONT_FAMILY, size=font_size, color=theme.INK),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=font_size)),
        separators=",." if lang == "vi" else ".,",
        plot_bgcolor=theme.WHITE, paper_bgcolor=theme.WHITE,
        hoverlabel=dict(font_size=max(theme.HOVER_FONT_SIZE, font_size - 1)),
        xaxis=with_title(x), yaxis=with_title(y), **more,
    )


def ontime_trend(trend: pd.DataFrame, lang: str = "vi", height: int = 360, target: float | None = None,
                 font_size: int = theme.FONT_SIZE, town_label: str = "town_desk") -> go.Figure:
    """Monthly on-time rate (formula A), one line per unit group; with ``target``, a dashed
    target line and the months below it marked with ▼ in the below-target colour. The
    hover shows the group, month, rate, resolved and late in the UI language's format.
    Months across 1 July 2025 get the reorganisation marker (cchc/charts/reorganisation.py)."""
    data = trend_data(trend, lang, target, town_label)
    labels = [f"{m:%m/%Y}" for m in data.months]
    hover = (f"{t('unit', lang)}: %{{fullData.name}}<br>{t('month', lang)}: %{{x}}<br>"
             f"{t('ontime_rate', lang)}: %{{customdata[0]}}<br>{t('resolved', lang)}: %{{customdata[1]}}<br>"
             f"{t('late', lang)}: %{{customdata[2]}}<extra></extra>")
    traces = [
        go.Scatter(
            x=[p.label for p in s.points], y=[p.rate for p in s.points], name=s.name, mode="lines+markers",
            line=dict(color=s.color, width=theme.TREND_LINE_WIDTH), marker=dict(color=s.color, size=theme.TREND_MARKER_SIZE),
            customdata=[[p.rate_text, p.resolved_text, p.late_text] for p in s.points], hovertemplate=hover,
        )
        for s in data.series
    ]
    for s in data.series:
        below = [p for p in s.points if p.below]
        if below:
            traces.append(go.Scatter(
                x=[p.label for p in below], y=[p.rate for p in below], name=s.name, mode="markers", showlegend=False,
                marker=dict(color=theme.BELOW_COLOR, symbol="triangle-down", size=theme.BELOW_MARKER_SIZE),
                customdata=[[p.rate_text, p.resolved_text, p.late_text] for p in below], hovertemplate=hover,
            ))
    # counted back from the last month, so the latest month is always labelled
    ticks = labels[::-1][::month_ticks(len(labels))][::-1]
    x = dict(type="category", categoryorder="array", categoryarray=labels, tickvals=ticks, showgrid=False,
             showline=True)
    y = dict(title=dict(text=t("ontime_rate", lang) + " (%)"), tickformat=".0f", ticksuffix=" %", showline=True)
    more: dict = {}
    if data.target is not None:
        y_range = [max(0.0, data.low - 1.5), 100.5]
        y.update(range=y_range, dtick=_rate_step(y_range[1] - y_range[0]))
        more["shapes"] = [dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=data.target, y1=data.target,
                               line=theme.TARGET_LINE)]
        more["annotations"] = [dict(text=data.target_label, xref="x domain", x=1, xanchor="right", yref="y",
                                    y=data.target, yanchor="top", showarrow=False,
                                    font=dict(color=theme.BELOW_COLOR, size=font_size - 1))]
    else:
        rates = [p.rate for s in data.series for p in s.points if p.rate is not None]
        if rates:
            y["dtick"] = _rate_step(max(rates) - min(rates))
    if spans_reorganisation(data.months):
        # between the last month before 1 July 2025 and the first after it (category positions)
        line, label = marker(first_month_after(data.months) - 0.5, lang, font_size)
        more["shapes"] = [*more.get("shapes", []), line]
        more["annotations"] = [*more.get("annotations", []), label]
    return go.Figure(data=traces, layout=_layout(lang, height, font_size, x, y, **more))


@dataclass(frozen=True)
class RankingBar:
    """One ranked unit of the ranking chart."""

    unit_code: str
    label: str  # '2. Lê Lợi', '▼ 15. Kim Sơn' in the weak band
    total: float
    score_text: str  # '91,0'
    color: str
    weak: bool


@dataclass(frozen=True)
class RankingData:
    bars: tuple[RankingBar, ...]  # best first
    max_total: float
    band_lines: tuple[tuple[float, str], ...]  # (total, colour) of the weak and good lines


def ranking_data(ranking: pd.DataFrame, lang: str = "vi", band: tuple[float, float] | None = None) -> RankingData:
    """The bars of a PAR ranking (``par_ranking`` rows: unit_code, short_name, rank, total,
    max_total), ranked units only, best first, each in the colour of its PAR band
    (:func:`cchc.core.targets.par_level`, the ``CCHC_PAR_BAND`` setting: the same colours as
    the ranking page and the report); weak units also get the mark ▼. With ``band`` (weak,
    good), the two band lines."""
    ranked = ranking[ranking["rank"].notna()].sort_values(["rank", "short_name"])
    n = len(ranked)
    bars = []
    for code, rank, name, total in zip(ranked["unit_code"], ranked["rank"], ranked["short_name"], ranked["total"]):
        level = par_level(total) or "middle"
        label = f"{int(rank)}. {name}"
        weak = level == "weak"
        if weak:
            label = f"{BELOW_MARK} {label}"
        bars.append(RankingBar(code, label, float(total), fmt_num(total, 1, lang), theme.LEVEL_COLORS[level], weak))
    max_total = float(ranked["max_total"].max()) if n and not pd.isna(ranked["max_total"].max()) else 100.0
    lines = () if band is None else ((float(band[0]), theme.BELOW_COLOR), (float(band[1]), COLORS["top"]))
    return RankingData(tuple(bars), max_total, lines)


def band_legend(lang: str = "vi") -> list[tuple[str, str]]:
    """The PAR bands as (text, colour), best first, for a chart legend or a caption:
    'Tốt: từ 85 điểm', 'Trung bình: 70 – dưới 85', '▼ Yếu: dưới 70'."""
    weak, good = par_band()
    w, g = fmt_num(weak, 0 if float(weak).is_integer() else 1, lang), fmt_num(good, 0 if float(good).is_integer() else 1, lang)
    return [
        (t("par_legend_good", lang, good=g), theme.LEVEL_COLORS["good"]),
        (t("par_legend_middle", lang, weak=w, good=g), theme.LEVEL_COLORS["middle"]),
        (t("par_legend_weak", lang, mark=BELOW_MARK, weak=w), theme.LEVEL_COLORS["weak"]),
    ]


def legend_traces(lang: str = "vi") -> list[go.Bar]:
    """Empty bar traces that only draw the PAR band legend of a ranking chart."""
    return [go.Bar(x=[None], y=[None], orientation="h", name=text, marker_color=color, showlegend=True,
                   hoverinfo="skip") for text, color in band_legend(lang)]


def par_ranking(
    ranking: pd.DataFrame, lang: str = "vi", height: int = 420,
    band: tuple[float, float] | None = None, font_size: int = theme.FONT_SIZE,
) -> go.Figure:
    """Horizontal bars of PAR totals, best at the top, coloured by PAR band with a legend,
    weak units marked ▼, each bar's score written after it; each bar carries its unit code
    (``customdata``) for the drill-down. With ``band`` (weak, good), the two band lines."""
    data = ranking_data(ranking, lang, band)
    labels = [b.label for b in data.bars]
    bars = go.Bar(
        x=[b.total for b in data.bars], y=labels, orientation="h", marker_color=[b.color for b in data.bars],
        text=[b.score_text for b in data.bars], textposition="outside", cliponaxis=False,
        textfont=dict(size=font_size - 1), customdata=[b.unit_code for b in data.bars],
        hovertemplate=f"{t('unit', lang)}: %{{y}}<br>{t('score', lang)}: %{{text}}<extra></extra>",
        showlegend=False,
    )
    lines = [dict(type="line", xref="x", x0=x, x1=x, yref="y domain", y0=0, y1=1,
                  line=dict(color=color, width=theme.BAND_LINE_WIDTH, dash=theme.BAND_LINE_DASH))
             for x, color in data.band_lines]
    y = dict(type="category", categoryorder="array", categoryarray=labels, autorange="reversed", ticks="",
             showgrid=False)
    # room after the longest bar for its value ('91,0'), not past the scale's maximum
    longest = max([b.total for b in data.bars], default=data.max_total)
    x = dict(range=[0, round(max(longest * 1.12, min(longest + 10, data.max_total)), 1)],
             title=dict(text=t("score", lang)), showgrid=True)
    # a click selects one bar (the drill-down); keep the others fully visible
    layout = _layout(lang, height, font_size, x, y, clickmode="event+select", bargap=0.15,
                     **({"shapes": lines} if lines else {}))
    return go.Figure(data=[bars, *legend_traces(lang)], layout=layout)
