"""The PDF meeting report: `python -m cchc report --period 2018-H1 --out r.pdf`, and the
download button of the Overview page.

An official document in the layout of Decree 30/2020/ND-CP (cchc/report/document.py holds
its parts, shared with the DOCX): A4, Vietnamese (or English) text in an embedded serif
(DejaVu Serif standing in for Times New Roman; DejaVu Sans in the charts; both in fonts/
with their licence), page numbers at the top centre from page 2. The figures come from
:func:`cchc.core.kpis.meeting_figures` — the same named queries and sentences as the
Overview page — and the on-time trend and the PAR ranking are vector charts drawn with
reportlab.graphics.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.graphics.shapes import (
    STATE_DEFAULTS,
    Drawing,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cchc import bootstrap
from cchc.charts import theme
from cchc.charts.overview import TrendData, ranking_data, trend_data
from cchc.charts.theme import BELOW_COLOR
from cchc.core.filters import Filters
from cchc.core.kpis import MeetingFigures, meeting_figures
from cchc.core.periods import Period, PeriodError, months_between
from cchc.core.targets import BELOW_MARK, ontime_target, par_band
from cchc.i18n.formats import fmt_num, fmt_pct
from cchc.report.document import (
    Chart,
    Grid,
    Heading,
    Keep,
    Notice,
    OfficialReport,
    Para,
    build_document,
    issuer_from_settings,
)
from cchc.store import db

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"  # the charts
FONT_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"  # the document's text
SERIF_BOLD = "DejaVuSerif-Bold"
SERIF_ITALIC = "DejaVuSerif-Italic"
SERIF_BOLD_ITALIC = "DejaVuSerif-BoldItalic"

PAGE_W, PAGE_H = A4
# Decree 30/2020 margins: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
MARGIN = MARGIN_RIGHT
CONTENT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT

# the colours of cchc/charts/theme.py, as reportlab colours
INK = colors.HexColor(theme.PDF_INK)
MUTED = colors.HexColor(theme.PDF_MUTED)
ACCENT = colors.HexColor(theme.TOWN)
RULE = colors.HexColor(theme.PDF_RULE)
BAND = colors.HexColor(theme.PDF_BAND)
RED = colors.HexColor(theme.BELOW_COLOR)
WHITE = colors.HexColor(theme.WHITE)
BLACK = colors.black


# -- fonts and styles ---------------------------------------------------------------------
def register_fonts() -> None:
    """Register the bundled DejaVu Sans (charts) and DejaVu Serif (text) with reportlab, once."""
    # Drawings start from reportlab's graphics defaults, Helvetica, which is not embedded:
    # every string of the report uses DejaVu, so the default is set to it too.
    STATE_DEFAULTS["fontName"] = FONT
    if SERIF in pdfmetrics.getRegisteredFontNames():
        return
    for name in (FONT, FONT_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC,
                                  boldItalic=SERIF_BOLD_ITALIC)


def _styles() -> dict[str, ParagraphStyle]:
    # the decree's sizes: text 13-14, headers 12-13 (caps), recipients 12 / 11; DejaVu Serif
    # is wider than Times, so the low end of each range
    base = ParagraphStyle("body", fontName=SERIF, fontSize=12, leading=15.5, textColor=BLACK,
                          alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4)
    centre = dict(alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    return {
        "body": base,
        "item": ParagraphStyle("item", parent=base, firstLineIndent=0, leftIndent=10 * mm, bulletIndent=0, spaceAfter=2),
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=12.5, textColor=MUTED,
                                firstLineIndent=0, spaceAfter=1, alignment=0),
        "head_parent": ParagraphStyle("hp", parent=base, fontSize=11, leading=14, **centre),
        "head_body": ParagraphStyle("hb", parent=base, fontName=SERIF_BOLD, fontSize=11, leading=14, **centre),
        "head_number": ParagraphStyle("hn", parent=base, fontSize=11, leading=14, **centre),
        "national": ParagraphStyle("nat", parent=base, fontName=SERIF_BOLD, fontSize=10.5, leading=14, **centre),
        "motto": ParagraphStyle("motto", parent=base, fontName=SERIF_BOLD, fontSize=11.5, leading=14, **centre),
        "place_date": ParagraphStyle("pd", parent=base, fontName=SERIF_ITALIC, fontSize=11.5, leading=14, **centre),
        "doc_type": ParagraphStyle("dt", parent=base, fontName=SERIF_BOLD, fontSize=14, leading=18, **centre,
                                   spaceBefore=10),
        "subject": ParagraphStyle("sj", parent=base, fontName=SERIF_BOLD, fontSize=13, leading=17, **centre),
        "intro": ParagraphStyle("in", parent=base, fontName=SERIF_ITALIC, fontSize=11, leading=14.5, **centre),
        "h1": ParagraphStyle("h1", parent=base, fontName=SERIF_BOLD, fontSize=12, leading=16, firstLineIndent=0,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=SERIF_BOLD, fontSize=11.5, leading=15, firstLineIndent=0,
                             spaceBefore=4, spaceAfter=3, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=11.5, firstLineIndent=0, spaceAfter=0,
                               alignment=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=SERIF_BOLD, fontSize=9, leading=11,
                                    firstLineIndent=0, spaceAfter=0, alignment=0),
        "demo": ParagraphStyle("demo", parent=base, fontSize=9.5, leading=12.5, firstLineIndent=0, spaceAfter=0,
                               textColor=colors.HexColor(theme.PDF_DEMO_TEXT)),
        "recipients_head": ParagraphStyle("rh", parent=base, fontName=SERIF_BOLD_ITALIC, fontSize=11, leading=14,
                                          firstLineIndent=0, alignment=0, spaceAfter=0),
        "recipient": ParagraphStyle("rc", parent=base, fontSize=10, leading=12.5, firstLineIndent=0, alignment=0,
                                    spaceAfter=0),
        "sign": ParagraphStyle("sg", parent=base, fontName=SERIF_BOLD, fontSize=12, leading=16, **centre),
    }


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _marked(text: str) -> str:
    """Paragraph markup: escaped text with the below-target marks in the marker colour."""
    return _esc(text).replace(BELOW_MARK, f'<font color="{BELOW_COLOR}">{BELOW_MARK}</font>')


def _pct_label(value: float, lang: str) -> str:
    return fmt_pct(value, 0 if float(value).is_integer() else 1, lang)


# -- page frame: the page number at the top centre, from page 2 (the decree's place) ---------
def _canvas_maker(lang: str):
    """Page callbacks for reportlab: nothing on page 1, the page number on the later ones."""
    def later(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SERIF, 11)
        canvas.drawCentredString(PAGE_W / 2, PAGE_H - 12 * mm, str(canvas.getPageNumber()))
        canvas.restoreState()

    return later


# -- tables ---------------------------------------------------------------------------------
def _table(rows: list[list], widths: list[float], styles: dict, numeric_from: int = 1,
           extra: list[tuple] | None = None, bold_rows: tuple[int, ...] = ()) -> Table:
    """A report table: a bold header row, thin rules, numbers right-aligned from column
    ``numeric_from``; ``bold_rows`` are body-row indexes (0 = first row under the header)."""
    def style(j: int, head: bool = False, bold: bool = False) -> ParagraphStyle:
        parent = styles["cell_head"] if head else styles["cell"]
        return ParagraphStyle(
            f"c{j}{head}{bold}", parent=parent, alignment=2 if j >= numeric_from else 0,
            fontName=SERIF_BOLD if (bold or head) else SERIF,
        )

    head = [Paragraph(_esc(c), style(j, head=True)) for j, c in enumerate(rows[0])]
    body = [
        [Paragraph(_marked(c), style(j, bold=i in bold_rows)) if isinstance(c, str) else c for j, c in enumerate(row)]
        for i, row in enumerate(rows[1:])
    ]
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),  # the cell default would be Helvetica, not embedded
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(theme.PDF_TABLE_HEAD)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(theme.PDF_TABLE_GRID)),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
    ]
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


def _grid(grid: Grid, styles: dict) -> Table:
    extra = []
    if grid.highlight_col is not None:
        extra.append(("BACKGROUND", (grid.highlight_col, 1), (grid.highlight_col, -1), colors.HexColor(theme.PDF_HIGHLIGHT)))
    return _table(grid.rows, [w * CONTENT_W for w in grid.widths], styles, numeric_from=grid.numeric_from,
                  extra=extra, bold_rows=grid.bold_rows)


# -- charts (vector, reportlab.graphics) -----------------------------------------------------
@dataclass(frozen=True)
class _TrendFrame:
    """The trend chart's plot area: where a month (by its index) and a rate fall on the page."""

    width: float
    height: float
    left: float
    bottom: float
    pw: float  # the plot's width and height, inside the margins
    ph: float
    months: int
    y_min: float
    y_max: float = 100.0

    def x(self, i: float) -> float:
        """The centre of the i-th month's slot."""
        return self.left + (self.pw * (i + 0.5) / self.months)

    def y(self, v: float) -> float:
        """A rate's height, clipped to the axis."""
        return self.bottom + self.ph * (min(max(v, self.y_min), self.y_max) - self.y_min) / (self.y_max - self.y_min)


def _shade_period(d: Drawing, f: _TrendFrame, months: list[date], period: Period) -> None:
    """Shade the months of the report period."""
    inside = [i for i, m in enumerate(months) if period.start <= m <= period.end]
    if inside:
        x0, x1 = f.left + f.pw * inside[0] / f.months, f.left + f.pw * (inside[-1] + 1) / f.months
        d.add(Rect(x0, f.bottom, x1 - x0, f.ph, fillColor=colors.HexColor(theme.PDF_PERIOD_SHADE), strokeColor=None))


def _draw_trend_axes(d: Drawing, f: _TrendFrame, months: list[date], lang: str) -> None:
    """The horizontal grid with its rate labels (at most about seven steps) and the month
    labels (at most about twelve)."""
    axis = theme.PDF_CHART_AXIS
    span = f.y_max - f.y_min
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 25) if span / s <= 7)
    v = f.y_min
    while v <= f.y_max + 1e-9:
        d.add(Line(f.left, f.y(v), f.left + f.pw, f.y(v), strokeColor=RULE, strokeWidth=0.4))
        d.add(String(f.left - 2, f.y(v) - 2.5, fmt_pct(v, 0 if float(v).is_integer() else 1, lang),
                     fontName=FONT, fontSize=axis, fillColor=MUTED, textAnchor="end"))
        v += step
    every = max(1, -(-f.months // 12))
    for i, m in enumerate(months):
        if i % every == 0:
            d.add(String(f.x(i), f.bottom - 8, f"{m.month:02d}/{m.year}", fontName=FONT, fontSize=axis - 0.2,
                         fillColor=MUTED, textAnchor="middle"))


def _draw_trend_series(d: Drawing, f: _TrendFrame, data: TrendData, index: dict[date, int]) -> float:
    """One line per unit group, the months below target as red down-triangles, each group
    in the legend; returns where the legend continues."""
    text = theme.PDF_CHART_TEXT
    legend_x = f.left
    for series in data.series:
        points = [(f.x(index[p.month]), f.y(p.rate), p.below) for p in series.points
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
        d.add(Rect(legend_x, f.height - 6, 9, 2.2, fillColor=color, strokeColor=None))
        d.add(String(legend_x + 12, f.height - 7.2, series.name, fontName=FONT, fontSize=text, fillColor=INK))
        legend_x += 12 + pdfmetrics.stringWidth(series.name, FONT, text) + 14
    return legend_x


def _draw_target_legend(d: Drawing, f: _TrendFrame, legend_x: float, target_label: str, target: float,
                        lang: str) -> None:
    """The target in the legend, with the marker of the months below it."""
    d.add(Line(legend_x, f.height - 4.9, legend_x + 9, f.height - 4.9, strokeColor=RED, strokeWidth=0.9,
               strokeDashArray=[3, 2]))
    label = f"{target_label} ({BELOW_MARK} < {_pct_label(target, lang)})"
    d.add(String(legend_x + 12, f.height - 7.2, label, fontName=FONT, fontSize=theme.PDF_CHART_TEXT, fillColor=RED))


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
    left, right, bottom, top = 16 * mm, 4 * mm, 11 * mm, 9 * mm
    f = _TrendFrame(width, height, left, bottom, pw=width - left - right, ph=height - bottom - top,
                    months=len(months), y_min=max(0.0, float(int(data.low - 1))))
    d = Drawing(width, height)
    # drawn in this order: later shapes lie over earlier ones
    _shade_period(d, f, months, figures.filters.period)
    _draw_trend_axes(d, f, months, lang)
    d.add(Line(f.left, f.y(target), f.left + f.pw, f.y(target), strokeColor=RED, strokeWidth=0.9,
               strokeDashArray=[3, 2]))
    legend_x = _draw_trend_series(d, f, data, index)
    _draw_target_legend(d, f, legend_x, data.target_label, target, lang)
    d.add(Line(f.left, f.bottom, f.left + f.pw, f.bottom, strokeColor=MUTED, strokeWidth=0.6))
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
# -- the document ------------------------------------------------------------------------------
class _Rule(Flowable):
    """The short line under the issuing body's name (a third of its column, centred)."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 3

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        self.canv.line(self.width / 3, 1.5, 2 * self.width / 3, 1.5)


def _motto(text: str, style: ParagraphStyle, width: float) -> Table:
    """The motto, underlined along its whole length (the decree's continuous line)."""
    line = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    cell = Table([[Paragraph(_esc(text), style)]], colWidths=[line + 2])
    cell.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("LINEBELOW", (0, 0), (-1, -1), 0.6, BLACK),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    cell.hAlign = "CENTER"
    return cell


def _header(report: OfficialReport, styles: dict) -> list:
    left_w, right_w = 0.4 * CONTENT_W, 0.6 * CONTENT_W
    left = [Paragraph(_esc(report.parent), styles["head_parent"]),
            Paragraph(_esc(report.body_name), styles["head_body"]), _Rule(left_w - 4),
            Spacer(1, 5), Paragraph(_esc(report.number_line), styles["head_number"])]
    right = [Paragraph(_esc(report.national), styles["national"]), _motto(report.motto, styles["motto"], right_w),
             Spacer(1, 9), Paragraph(_esc(report.place_date), styles["place_date"])]
    head = Table([[left, right]], colWidths=[left_w, right_w])
    head.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    out: list = [head, Paragraph(_esc(report.doc_type), styles["doc_type"]),
                 Paragraph(_esc(report.subject), styles["subject"]), _Rule(CONTENT_W), Spacer(1, 3)]
    out += [Paragraph(_esc(line), styles["intro"]) for line in report.intro]
    return out + [Spacer(1, 6)]


def _notice(block: Notice, styles: dict) -> Table:
    box = Table([[Paragraph(f"<b>{_esc(block.heading)}</b> — {_esc(block.text)}", styles["demo"])]],
                colWidths=[CONTENT_W])
    box.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.PDF_DEMO_FILL)),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.PDF_DEMO_BORDER)),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return box


def _flowables(blocks: list, report: OfficialReport, styles: dict) -> list:
    out: list = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Paragraph(_esc(block.text), styles["h1" if block.level == 1 else "h2"]))
        elif isinstance(block, Para):
            out.append(Paragraph(_marked(block.text), styles[block.style]))
        elif isinstance(block, Grid):
            out += [_grid(block, styles), Spacer(1, 4)]
        elif isinstance(block, Notice):
            out += [_notice(block, styles), Spacer(1, 4)]
        elif isinstance(block, Keep):
            out.append(KeepTogether(_flowables(block.blocks, report, styles)))
        elif isinstance(block, Chart):
            drawing = (trend_drawing(report.figures, height=62 * mm) if block.kind == "trend"
                       else ranking_drawing(report.figures))
            if drawing is not None:
                out += [CondPageBreak(drawing.height + 4 * mm), drawing, Spacer(1, 3)]
    return out


def _closing(report: OfficialReport, styles: dict) -> Table:
    """Recipients bottom left, the signature block bottom right."""
    left = [Paragraph(_esc(report.recipients_heading), styles["recipients_head"])]
    left += [Paragraph(_esc(r), styles["recipient"]) for r in report.recipients]
    right = [Paragraph(_esc(line), styles["sign"]) for line in report.signature]
    right += [Spacer(1, 20 * mm), Paragraph(_esc(report.issuer.signer), styles["sign"])]
    table = Table([[left, right]], colWidths=[0.5 * CONTENT_W, 0.5 * CONTENT_W])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _story(report: OfficialReport, styles: dict) -> list:
    story = _header(report, styles) + _flowables(report.body, report, styles)
    # the closing is kept with the end of the last section, never alone on a page
    tail: list = []
    while story and not isinstance(story[-1], (KeepTogether, CondPageBreak)) and len(tail) < 3:
        tail.insert(0, story.pop())
    story.append(KeepTogether(tail + [Spacer(1, 8), _closing(report, styles)]))
    return story


def render_pdf(report: OfficialReport) -> bytes:
    """The PDF of an official report, as bytes."""
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=report.title, author=report.issuer.body, subject=report.subject,
        creator="cchc report", lang=report.lang, initialFontName=SERIF,  # else every page names Helvetica
    )
    doc.build(_story(report, styles), onLaterPages=_canvas_maker(report.lang))
    return buffer.getvalue()


def build_pdf(filters: Filters, figures: MeetingFigures | None = None, generated: datetime | None = None,
              issued: date | None = None, issuer=None) -> bytes:
    """The PDF meeting report for these filters, as bytes (dated ``issued``, default today)."""
    figures = figures or meeting_figures(filters)
    issued = issued or (generated.date() if generated else date.today())
    return render_pdf(build_document(figures, issued=issued, issuer=issuer or issuer_from_settings()))


# -- command line -----------------------------------------------------------------------------
def _period_from_args(args, info) -> Period:
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise PeriodError("--from and --to go together")
        return Period.parse_range(args.date_from, args.date_to)
    if args.period:
        return Period.parse(args.period)
    return bootstrap.default_period_of(info)  # the dashboard's default, the same rule


@contextlib.contextmanager
def _tell(step: str, path: Path) -> Iterator[None]:
    """A line on stderr before a slow start-up step (the dashboard shows a spinner)."""
    what = "building the demo database" if step == "build" else "rebuilding the rollups of"
    print(f"{what} {path} ...", file=sys.stderr)
    yield


def run_cli(args) -> int:
    """`python -m cchc report`: write the PDF or DOCX report; returns the exit code."""
    path = bootstrap.open_database(around=_tell)
    units = db.run_query("units")
    info = bootstrap.data_range()
    try:
        period = _period_from_args(args, info)
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
    try:
        issued, render = report_options(args, out)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    figures = meeting_figures(filters, units, info)
    data = render(build_document(figures, issued=issued, issuer=issuer_from_settings(
        number=getattr(args, "number", None), signer=getattr(args, "signer", None),
        recipients=getattr(args, "recipient", None))))
    out.write_bytes(data)
    note = "" if figures.has_dossiers else " — no dossiers in this period"
    print(f"wrote {out} ({len(data) // 1024} KB; {period.label(filters.lang)}; database {path.name}{note})")
    return 0


def report_options(args, out: Path):
    """The document's date (--date, default today) and its renderer, chosen by the file's
    extension (.pdf or .docx); raises ValueError with a sentence for bad input."""
    text = getattr(args, "date", None)
    try:
        issued = date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise ValueError(f"bad --date {text!r}: use YYYY-MM-DD") from None
    suffix = out.suffix.lower()
    if suffix == ".docx":
        from cchc.report.docx import render_docx

        return issued, render_docx
    if suffix == ".pdf":
        return issued, render_pdf
    raise ValueError(f"--out must end in .pdf or .docx, not {out.name!r}")
