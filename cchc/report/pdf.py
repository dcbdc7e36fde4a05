"""The PDF meeting report: `python -m cchc report --period 2018-H1 --out r.pdf`, and the
download button of the Overview page.

A4, Vietnamese (or English) text in an embedded DejaVu Sans (cchc/fonts/, with its licence),
the summary paragraph, the KPI table against the previous period and the same period a year
before, the on-time trend and the PAR ranking as vector charts drawn with reportlab.graphics,
the ranking table, the units below target, notes on formulas and data, page numbers and the
generation date. Every figure comes from :func:`cchc.core.kpis.meeting_figures` — the same named
queries and sentences as the Overview page — so the report and the page always agree.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from cchc.store import db
from cchc.charts import theme
from cchc.charts.overview import ranking_data, trend_data
from cchc.ui.sidebar import Filters
from cchc.i18n.formats import fmt_date, fmt_delta_int, fmt_delta_pct_points, fmt_int, fmt_num, fmt_pct
from cchc.core.kpis import MeetingFigures, meeting_figures
from cchc.i18n.labels import t
from cchc.core.periods import Period, PeriodError, latest_complete_half, months_between
from cchc.core.targets import BELOW_COLOR, BELOW_MARK, below_ontime_target, ontime_target, par_band, par_level

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN

# the colours of cchc/charts/theme.py, as reportlab colours
INK = colors.HexColor(theme.PDF_INK)
MUTED = colors.HexColor(theme.PDF_MUTED)
ACCENT = colors.HexColor(theme.TOWN)
RULE = colors.HexColor(theme.PDF_RULE)
BAND = colors.HexColor(theme.PDF_BAND)
RED = colors.HexColor(theme.BELOW_COLOR)
WHITE = colors.HexColor(theme.WHITE)


# -- fonts and styles ---------------------------------------------------------------------
def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) with reportlab, once."""
    # Drawings start from reportlab's graphics defaults, Helvetica, which is not embedded:
    # every string of the report uses DejaVu, so the default is set to it too.
    STATE_DEFAULTS["fontName"] = FONT
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "kicker": ParagraphStyle("kicker", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12,
                                 textColor=ACCENT, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=22,
                                alignment=TA_CENTER, spaceBefore=2, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14, alignment=TA_CENTER,
                                   textColor=MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=12, leading=16, textColor=ACCENT,
                             spaceBefore=10, spaceAfter=5),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6,
                             spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10,
                                    textColor=WHITE),
        "demo": ParagraphStyle("demo", parent=base, fontSize=8.5, leading=11.5, textColor=colors.HexColor(theme.PDF_DEMO_TEXT)),
    }


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _marked(text: str) -> str:
    """Paragraph markup: escaped text with the below-target marks in the marker colour."""
    return _esc(text).replace(BELOW_MARK, f'<font color="{BELOW_COLOR}">{BELOW_MARK}</font>')


def _pct_label(value: float, lang: str) -> str:
    return fmt_pct(value, 0 if float(value).is_integer() else 1, lang)


# -- page frame: footer with page x/y and the generation date ------------------------------
def _canvas_maker(footer_left: str, footer_center: str, lang: str):
    class NumberedCanvas(pdf_canvas.Canvas):
        """Defers page footers until the page count is known ("Trang 2/4")."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 13 * mm, PAGE_W - MARGIN, 13 * mm)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 9 * mm, footer_left)
            self.drawCentredString(PAGE_W / 2, 9 * mm, footer_center)
            self.drawRightString(PAGE_W - MARGIN, 9 * mm,
                                 t("report_page", lang, page=self._pageNumber, pages=total))
            self.restoreState()

    return NumberedCanvas


# -- tables ---------------------------------------------------------------------------------
def _table(rows: list[list], widths: list[float], styles: dict, numeric_from: int = 1,
           extra: list[tuple] | None = None, bold_rows: tuple[int, ...] = ()) -> Table:
    """A report table: a dark header row, light bands, numbers right-aligned from column
    ``numeric_from``; ``bold_rows`` are body-row indexes (0 = first row under the header)."""
    def style(j: int, head: bool = False, bold: bool = False) -> ParagraphStyle:
        parent = styles["cell_head"] if head else styles["cell"]
        return ParagraphStyle(
            f"c{j}{head}{bold}", parent=parent, alignment=2 if j >= numeric_from else 0,
            fontName=FONT_BOLD if (bold or head) else FONT,
        )

    head = [Paragraph(_esc(c), style(j, head=True)) for j, c in enumerate(rows[0])]
    body = [
        [Paragraph(_marked(c), style(j, bold=i in bold_rows)) if isinstance(c, str) else c for j, c in enumerate(row)]
        for i, row in enumerate(rows[1:])
    ]
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the cell default would be Helvetica, not embedded
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in range(1, len(rows)):
        if i % 2 == 0:
            commands.append(("BACKGROUND", (0, i), (-1, i), BAND))
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


KPI_ROWS = (
    ("carried_over", "int"),
    ("received", "int"),
    ("received_online", "int"),
    ("resolved", "int"),
    ("early", "int"),
    ("on_time", "int"),
    ("late", "int"),
    ("ontime_rate", "pct"),
    ("in_progress", "int"),
    ("in_progress_overdue", "int"),
    ("withdrawn", "int"),
    ("online_share", "pct"),
)


def _value(row: pd.Series | None, key: str, kind: str, lang: str) -> str:
    if row is None:
        return "—"
    value = row[key]
    text = fmt_pct(value, 1, lang) if kind == "pct" else fmt_int(value, lang)
    if key == "ontime_rate" and below_ontime_target(value):
        text = f"{BELOW_MARK} {text}"
    return text


def _change(cur: pd.Series | None, other: pd.Series | None, key: str, kind: str, lang: str) -> str:
    if cur is None or other is None:
        return "—"
    a, b = cur[key], other[key]
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return "—"
    diff = float(a) - float(b)
    return fmt_delta_pct_points(diff, lang) if kind == "pct" else fmt_delta_int(diff, lang)


def kpi_table(figures: MeetingFigures, group: str, styles: dict) -> Table | None:
    """The KPI table of one group: this period, the previous one, a year before, changes."""
    lang = figures.filters.lang
    k = figures.group(group)
    if k is None or k.current is None:
        return None
    head = [t("report_col_measure", lang), t("report_col_current", lang), t("report_col_previous", lang),
            t("report_col_change", lang), t("report_col_year_earlier", lang), t("report_col_change", lang)]
    rows = [head]
    for key, kind in KPI_ROWS:
        label = t(key, lang)
        if key in ("early", "on_time", "late"):
            label = f"   – {label}"
        rows.append([
            label,
            _value(k.current, key, kind, lang),
            _value(k.previous, key, kind, lang),
            _change(k.current, k.previous, key, kind, lang),
            _value(k.year_earlier, key, kind, lang),
            _change(k.current, k.year_earlier, key, kind, lang),
        ])
    widths = [50 * mm, 24 * mm, 24 * mm, 25 * mm, 26 * mm, 25 * mm]
    bold = tuple(i for i, (key, _) in enumerate(KPI_ROWS) if key in ("received", "resolved", "ontime_rate"))
    return _table(rows, widths, styles, bold_rows=bold,
                  extra=[("BACKGROUND", (1, 1), (1, -1), colors.HexColor(theme.PDF_CURRENT))])


def ranking_table(figures: MeetingFigures, styles: dict) -> Table | None:
    """The PAR ranking: rank, unit, total, last year's rank, the change and the band level."""
    lang = figures.filters.lang
    ranked = figures.ranking_rows()
    if ranked.empty:
        return None
    head = [t("rank", lang), t("unit", lang), t("score", lang), t("report_col_previous_rank", lang),
            t("report_col_rank_change", lang), t("report_col_level", lang)]
    rows = [head]
    for r in ranked.itertuples():
        level = par_level(r.total)
        change = "—" if pd.isna(r.rank_change) else (f"+{int(r.rank_change)}" if r.rank_change > 0 else
                                                      "0" if r.rank_change == 0 else f"-{abs(int(r.rank_change))}")
        name = f"{BELOW_MARK} {r.name}" if level == "weak" else r.name
        rows.append([
            fmt_int(r.rank, lang), name, f"{fmt_num(r.total, 1, lang)}/{fmt_num(r.max_total, 0, lang)}",
            "—" if pd.isna(r.previous_rank) else fmt_int(r.previous_rank, lang), change,
            t(f"par_level_{level}", lang) if level else "—",
        ])
    widths = [14 * mm, 64 * mm, 24 * mm, 26 * mm, 24 * mm, 22 * mm]
    return _table(rows, widths, styles, numeric_from=2)


# -- charts (vector, reportlab.graphics) -----------------------------------------------------
def trend_drawing(figures: MeetingFigures, width: float = CONTENT_W, height: float = 72 * mm) -> Drawing | None:
    """Monthly on-time rate per unit group, the target line, the report period shaded: the
    series of the Overview's trend (:func:`cchc.charts.overview.trend_data`), drawn for
    paper over every month of the trend window."""
    lang = figures.filters.lang
    target = ontime_target()
    data = trend_data(figures.trend, lang, target)
    if not any(p.rate is not None for s in data.series for p in s.points):
        return None
    months = [p.start for p in months_between(figures.trend_window.start, figures.trend_window.end)]
    index = {m: i for i, m in enumerate(months)}
    y_min = max(0.0, float(int(data.low - 1)))
    y_max = 100.0
    d = Drawing(width, height)
    left, right, bottom, top = 16 * mm, 4 * mm, 11 * mm, 9 * mm
    pw, ph = width - left - right, height - bottom - top
    n = len(months)
    text, axis = theme.PDF_CHART_TEXT, theme.PDF_CHART_AXIS

    def x(i: float) -> float:
        return left + (pw * (i + 0.5) / n)

    def y(v: float) -> float:
        return bottom + ph * (min(max(v, y_min), y_max) - y_min) / (y_max - y_min)

    # the report period, shaded
    period = figures.filters.period
    inside = [i for i, m in enumerate(months) if period.start <= m <= period.end]
    if inside:
        x0, x1 = left + pw * inside[0] / n, left + pw * (inside[-1] + 1) / n
        d.add(Rect(x0, bottom, x1 - x0, ph, fillColor=colors.HexColor(theme.PDF_PERIOD_SHADE), strokeColor=None))
    # horizontal grid and labels
    span = y_max - y_min
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 25) if span / s <= 7)
    v = y_min
    while v <= y_max + 1e-9:
        d.add(Line(left, y(v), left + pw, y(v), strokeColor=RULE, strokeWidth=0.4))
        d.add(String(left - 2, y(v) - 2.5, fmt_pct(v, 0 if float(v).is_integer() else 1, lang),
                     fontName=FONT, fontSize=axis, fillColor=MUTED, textAnchor="end"))
        v += step
    # month labels
    every = max(1, -(-n // 12))
    for i, m in enumerate(months):
        if i % every == 0:
            d.add(String(x(i), bottom - 8, f"{m.month:02d}/{m.year}", fontName=FONT, fontSize=axis - 0.2,
                         fillColor=MUTED, textAnchor="middle"))
    # target line
    d.add(Line(left, y(target), left + pw, y(target), strokeColor=RED, strokeWidth=0.9, strokeDashArray=[3, 2]))
    # one line per group, the months below target as red down-triangles
    legend_x = left
    for series in data.series:
        points = [(x(index[p.month]), y(p.rate), p.below) for p in series.points
                  if p.rate is not None and p.month in index]
        if not points:
            continue
        color = colors.HexColor(series.color)
        if len(points) > 1:
            d.add(PolyLine([c for p in points for c in p[:2]], strokeColor=color, strokeWidth=1.6))
        for px, py, below in points:
            if below:
                d.add(Polygon([px - 2.6, py + 2, px + 2.6, py + 2, px, py - 2.6], fillColor=RED, strokeColor=None))
            else:
                d.add(Rect(px - 1.3, py - 1.3, 2.6, 2.6, fillColor=color, strokeColor=None))
        d.add(Rect(legend_x, height - 6, 9, 2.2, fillColor=color, strokeColor=None))
        d.add(String(legend_x + 12, height - 7.2, series.name, fontName=FONT, fontSize=text, fillColor=INK))
        legend_x += 12 + pdfmetrics.stringWidth(series.name, FONT, text) + 14
    # the target in the legend, with the marker of the months below it
    d.add(Line(legend_x, height - 4.9, legend_x + 9, height - 4.9, strokeColor=RED, strokeWidth=0.9,
               strokeDashArray=[3, 2]))
    label = f"{data.target_label} ({BELOW_MARK} < {_pct_label(target, lang)})"
    d.add(String(legend_x + 12, height - 7.2, label, fontName=FONT, fontSize=text, fillColor=RED))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=MUTED, strokeWidth=0.6))
    return d


def ranking_drawing(figures: MeetingFigures, width: float = CONTENT_W) -> Drawing | None:
    """Horizontal bars of PAR totals, best first, marked as on the Overview (top, last
    places, weak band): the bars of :func:`cchc.charts.overview.ranking_data`."""
    lang = figures.filters.lang
    ranked = figures.ranking_rows()
    if ranked.empty:
        return None
    data = ranking_data(ranked, lang, band=par_band())
    row_h = 4.5 * mm
    top, bottom = 4 * mm, 7 * mm
    height = top + bottom + row_h * len(data.bars)
    label_w = 44 * mm
    value_w = 14 * mm
    pw = width - label_w - value_w
    max_total = data.max_total or 100.0
    d = Drawing(width, height)

    def x(v: float) -> float:
        return label_w + pw * min(max(v, 0), max_total) / max_total

    for v in range(0, int(max_total) + 1, 10 if max_total <= 100 else 20):
        d.add(Line(x(v), bottom, x(v), height - top, strokeColor=RULE, strokeWidth=0.3))
        d.add(String(x(v), bottom - 8, fmt_num(v, 0, lang), fontName=FONT, fontSize=theme.PDF_CHART_AXIS,
                     fillColor=MUTED, textAnchor="middle"))
    for v, color in data.band_lines:
        d.add(Line(x(v), bottom, x(v), height - top, strokeColor=colors.HexColor(color), strokeWidth=0.8,
                   strokeDashArray=[2, 2]))
    for i, bar in enumerate(data.bars):
        yy = height - top - row_h * (i + 1)
        d.add(String(label_w - 3, yy + row_h * 0.3, bar.label, fontName=FONT_BOLD if bar.weak else FONT,
                     fontSize=theme.PDF_CHART_TEXT, fillColor=RED if bar.weak else INK, textAnchor="end"))
        d.add(Rect(label_w, yy + row_h * 0.15, x(bar.total) - label_w, row_h * 0.7,
                   fillColor=colors.HexColor(bar.color), strokeColor=None))
        d.add(String(x(bar.total) + 2, yy + row_h * 0.3, bar.score_text, fontName=FONT,
                     fontSize=theme.PDF_CHART_VALUE, fillColor=INK))
    return d


# -- the document ------------------------------------------------------------------------------
def _units_text(figures: MeetingFigures) -> str:
    lang = figures.filters.lang
    if not figures.filters.units:
        return t("units_all", lang)
    names = dict(zip(figures.units["unit_code"], figures.units["name"]))
    return ", ".join(names.get(u, u) for u in figures.filters.units)


def _story(figures: MeetingFigures, styles: dict) -> list:
    f = figures.filters
    lang = f.lang
    period = f.period
    story: list = []
    story.append(Paragraph(_esc(t("app_title", lang)).upper(), styles["kicker"]))
    story.append(Paragraph(_esc(t("report_title", lang)).upper(), styles["title"]))
    story.append(Paragraph(_esc(period.label(lang)), ParagraphStyle("t2", parent=styles["title"], fontSize=13,
                                                                    leading=17, fontName=FONT)))
    story.append(Spacer(1, 3))
    story.append(Paragraph(_esc(t("report_period", lang, period=period.label(lang), start=fmt_date(period.start, lang),
                                  end=fmt_date(period.end, lang))), styles["subtitle"]))
    story.append(Paragraph(_esc(t("report_units", lang, units=_units_text(figures))), styles["subtitle"]))
    story.append(Spacer(1, 8))
    if figures.is_demo:
        box = Table([[Paragraph(f"<b>{_esc(t('report_demo_heading', lang))}</b> — {_esc(t(figures.notice_key, lang))}",
                                styles["demo"])]], colWidths=[CONTENT_W])
        box.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.PDF_DEMO_FILL)),
            ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.PDF_DEMO_BORDER)),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        story += [box, Spacer(1, 4)]

    section = iter(range(1, 20))
    # 1. summary
    story.append(Paragraph(f"{next(section)}. {_esc(t('summary_heading', lang))}", styles["h1"]))
    sentences = figures.summary()
    if not figures.has_dossiers:
        story.append(Paragraph(_esc(t("report_no_dossiers", lang, period=period.label(lang))), styles["body"]))
        if sentences:
            story.append(Spacer(1, 3))
    if sentences:
        story.append(Paragraph(_marked(" ".join(sentences)), styles["body"]))

    # 2. KPI tables
    if figures.has_dossiers:
        story.append(Paragraph(f"{next(section)}. {_esc(t('report_kpi_heading', lang))}", styles["h1"]))
        story.append(Paragraph(_esc(t("report_comparison_note", lang, previous=period.previous().label(lang),
                                      year_earlier=period.year_earlier().label(lang))), styles["small"]))
        for group, title in (("town", t("town_desk", lang)), ("commune_ward", t("communes_wards", lang))):
            table = kpi_table(figures, group, styles)
            if table is not None:
                story.append(KeepTogether([Paragraph(_esc(title), styles["h2"]), table]))

    # 3. trend
    trend = trend_drawing(figures)
    if trend is not None:
        story.append(CondPageBreak(95 * mm))
        story.append(Paragraph(f"{next(section)}. {_esc(t('trend_heading', lang))}", styles["h1"]))
        story.append(trend)
        story.append(Paragraph(_esc(t("report_note_trend", lang, start=fmt_date(figures.trend_window.start, lang),
                                      end=fmt_date(figures.trend_window.end, lang))), styles["small"]))

    # 4. ranking: chart and table
    if figures.par_year is not None:
        story.append(CondPageBreak(110 * mm))
        story.append(Paragraph(f"{next(section)}. {_esc(t('ranking_heading', lang, year=figures.par_year))}",
                               styles["h1"]))
        chart = ranking_drawing(figures)
        table = ranking_table(figures, styles)
        if chart is None or table is None:
            story.append(Paragraph(_esc(t("ranking_none", lang)), styles["body"]))
        else:
            story += [chart, Spacer(1, 4), table]
            missing = figures.ranking[figures.ranking["rank"].isna()] if figures.ranking is not None else None
            if missing is not None and len(missing):
                story.append(Paragraph(_esc(t("report_not_ranked", lang, units=", ".join(missing["name"]))),
                                       styles["small"]))

    # 5. units below target
    target_text = _pct_label(ontime_target(), lang)
    weak_line, good_line = par_band()
    block = [Paragraph(f"{next(section)}. {_esc(t('target_heading', lang))}", styles["h1"]),
             Paragraph(_esc(t("target_below_ontime", lang, target=target_text)), styles["h2"])]
    below = figures.below_target() if figures.has_dossiers else pd.DataFrame()
    if below.empty:
        block.append(Paragraph(_esc(t("target_none_below", lang)), styles["body"]))
    else:
        rows = [[t("unit", lang), t("resolved", lang), t("late", lang), t("ontime_rate", lang)]]
        rows += [[f"{BELOW_MARK} {r.name}", fmt_int(r.resolved, lang), fmt_int(r.late, lang),
                  f"{BELOW_MARK} {fmt_pct(r.ontime_rate, 1, lang)}"] for r in below.itertuples()]
        block.append(_table(rows, [80 * mm, 30 * mm, 30 * mm, 34 * mm], styles))
    story.append(KeepTogether(block))
    if figures.par_year is not None:
        weak = figures.weak_par()
        block = [Paragraph(_esc(t("target_weak_par", lang, year=figures.par_year, weak=fmt_num(weak_line, 0, lang))),
                           styles["h2"])]
        if weak.empty:
            block.append(Paragraph(_esc(t("target_none_below", lang)), styles["body"]))
        else:
            rows = [[t("unit", lang), t("rank", lang), t("score", lang)]]
            rows += [[f"{BELOW_MARK} {r.name}", fmt_int(r.rank, lang),
                      f"{BELOW_MARK} {fmt_num(r.total, 1, lang)}/{fmt_num(r.max_total, 0, lang)}"]
                     for r in weak.itertuples()]
            block.append(_table(rows, [80 * mm, 30 * mm, 64 * mm], styles))
        story.append(KeepTogether(block))

    # 6. notes
    info = figures.info
    first, last = info["first_received"], info["last_received"]
    notes = [
        t("ontime_rate_a_note", lang),
        t("target_ontime_note", lang, target=target_text, mark=BELOW_MARK),
        t("target_par_note", lang, weak=fmt_num(weak_line, 0, lang), good=fmt_num(good_line, 0, lang)),
        t("report_comparison_note", lang, previous=period.previous().label(lang),
          year_earlier=period.year_earlier().label(lang)),
        t("report_note_par_year", lang),
    ]
    if figures.is_demo:
        notes.append(t("par_demo_note", lang))
    notes.append(t(
        "report_note_source", lang,
        source=info["dataset_description"] if isinstance(info["dataset_description"], str) and info["dataset_description"]
        else t("report_source_demo" if figures.is_demo else "report_source_real", lang),
        file=db.db_path().name,
        first=fmt_date(db.as_date(first), lang) if first is not None and not pd.isna(first) else "—",
        last=fmt_date(db.as_date(last), lang) if last is not None and not pd.isna(last) else "—",
        count=fmt_int(info["dossiers"], lang),
    ))
    if figures.is_demo:
        notes.append(t(figures.notice_key, lang))
    block = [Paragraph(f"{next(section)}. {_esc(t('report_notes_heading', lang))}", styles["h1"])]
    block += [Paragraph(f"• {_marked(n)}", styles["small"]) for n in notes]
    story.append(KeepTogether(block))
    return story


def build_pdf(filters: Filters, figures: MeetingFigures | None = None, generated: datetime | None = None) -> bytes:
    """The PDF meeting report for these filters, as bytes."""
    register_fonts()
    figures = figures or meeting_figures(filters)
    lang = filters.lang
    generated = generated or datetime.now()
    stamp = f"{fmt_date(generated.date(), lang)} {generated:%H:%M}"
    styles = _styles()
    buffer = io.BytesIO()
    title = f"{t('report_title', lang)} — {filters.period.label(lang)}"
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=15 * mm, bottomMargin=18 * mm,
        title=title, author=t("app_title", lang), subject=_units_text(figures), creator="cchc report",
        lang=lang, initialFontName=FONT,  # else every page names Helvetica, which is not embedded
    )
    footer_center = f"{t('report_title', lang)} · {filters.period.label(lang)}"
    doc.build(_story(figures, styles),
              canvasmaker=_canvas_maker(t("report_generated", lang, date=stamp), footer_center, lang))
    return buffer.getvalue()


# -- command line -----------------------------------------------------------------------------
def _period_from_args(args, last_received: date | None) -> Period:
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise PeriodError("--from and --to go together")
        return Period.parse_range(args.date_from, args.date_to)
    if args.period:
        return Period.parse(args.period)
    return latest_complete_half(last_received or date.today())


def _ensure_database() -> Path:
    path = db.db_path()
    if path.exists():
        from cchc.store import rollups

        if not rollups.file_is_fresh(path):  # written by an older version: bring it up to date
            print(f"rebuilding the rollups of {path} ...", file=sys.stderr)
            rollups.refresh_file(path)
        return path
    if os.environ.get("CCHC_DB"):
        raise db.DataError(f"CCHC_DB points at a file that does not exist: {path}")
    from cchc.datagen.demo import build_demo

    print(f"building the demo database {path} ...", file=sys.stderr)
    build_demo(path)
    db.clear_cache()
    return path


def run_cli(args) -> int:
    """`python -m cchc report`: write the PDF report; returns the exit code."""
    path = _ensure_database()
    units = db.run_query("units")
    info = db.run_query("data_range").iloc[0]
    last = info["last_received"]
    try:
        period = _period_from_args(args, None if last is None or pd.isna(last) else db.as_date(last))
    except PeriodError as exc:
        print(f"error: bad period: {exc} (use 2018-H1, 2018-Q2, 2018-05, 2018, or --from/--to YYYY-MM-DD)",
              file=sys.stderr)
        return 2
    known = list(units["unit_code"])
    wrong = [u for u in args.unit if u not in known]
    if wrong:
        print(f"error: unknown unit(s): {', '.join(wrong)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    filters = Filters(period=period, units=tuple(dict.fromkeys(args.unit)), lang=args.lang or "vi",
                      all_units=tuple(known))
    out = Path(args.out)
    if out.parent and not out.parent.exists():
        print(f"error: the folder {out.parent} does not exist", file=sys.stderr)
        return 2
    figures = meeting_figures(filters, units, info)
    pdf = build_pdf(filters, figures)
    out.write_bytes(pdf)
    note = "" if figures.has_dossiers else " — no dossiers in this period"
    print(f"wrote {out} ({len(pdf) // 1024} KB; {period.label(filters.lang)}; database {path.name}{note})")
    return 0
