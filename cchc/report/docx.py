"""The meeting report as a Word document (python-docx), from the same model as the PDF
(cchc/report/document.py): `python -m cchc report --period 2018-H1 --out report.docx`.

Times New Roman 13 pt, the decree's margins, the two-column header and closing as
borderless tables. The charts are given as their figures in tables: reportlab renders a
drawing to PNG only with its rlPyCairo backend (pycairo, a C library), and matplotlib is not
a dependency; the ranking chart's figures are the ranking table itself.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cchc.charts.theme import BELOW_COLOR
from cchc.core.targets import BELOW_MARK
from cchc.i18n.labels import t
from cchc.report.document import (
    Chart,
    Grid,
    Heading,
    Keep,
    Notice,
    OfficialReport,
    Para,
)

FONT = "Times New Roman"  # the decree's font; Word and LibreOffice (Liberation Serif) have it
TEXT_W_MM = 210 - 30 - 15
RED = RGBColor.from_string(BELOW_COLOR.lstrip("#").upper())


def _runs(paragraph, text: str, size: float | None = None, bold: bool = False, italic: bool = False,
          underline: bool = False) -> None:
    """Add ``text`` with the below-target mark in red."""
    parts = str(text).split(BELOW_MARK)
    for i, part in enumerate(parts):
        if i:
            mark = paragraph.add_run(BELOW_MARK)
            mark.font.color.rgb = RED
            mark.bold = bold
            if size:
                mark.font.size = Pt(size)
        if part:
            run = paragraph.add_run(part)
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = Pt(size)


def _para(container, text: str = "", align=None, size: float | None = None, bold=False, italic=False,
          underline=False, indent: bool = False, after: float = 0):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Mm(10)
    _runs(p, text, size, bold, italic, underline)
    return p


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _cell(table, r: int, c: int):
    cell = table.cell(r, c)
    cell.paragraphs[0].text = ""
    return cell


def _grid(doc, rows: list[list[str]], widths: list[float], numeric_from: int = 1,
          bold_rows: tuple[int, ...] = ()) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.width = Mm(widths[j] * TEXT_W_MM)
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if (i and j >= numeric_from) else WD_ALIGN_PARAGRAPH.LEFT
            _runs(p, value, 10.5, bold=i == 0 or (i - 1) in bold_rows)
    _para(doc, "", after=2)


def _blocks(doc, blocks: list, report: OfficialReport) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _para(doc, block.text, bold=True, size=13 if block.level == 1 else 12.5, after=3).paragraph_format \
                .keep_with_next = True
        elif isinstance(block, Para):
            if block.style == "small":
                _para(doc, block.text, WD_ALIGN_PARAGRAPH.LEFT, size=11, italic=True, after=1)
            else:
                _para(doc, block.text, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=block.style == "body", after=4)
        elif isinstance(block, Grid):
            _grid(doc, block.rows, block.widths, block.numeric_from, block.bold_rows)
        elif isinstance(block, Notice):
            p = _para(doc, "", after=4)
            _runs(p, block.heading + " — ", 11, bold=True)
            _runs(p, block.text, 11)
        elif isinstance(block, Chart) and block.rows:
            _para(doc, t("doc_chart_as_table", report.lang), size=11, italic=True, after=2)
            _grid(doc, block.rows, block.widths or [1 / len(block.rows[0])] * len(block.rows[0]))
        elif isinstance(block, Keep):
            _blocks(doc, block.blocks, report)


def render_docx(report: OfficialReport) -> bytes:
    """The DOCX of an official report, as bytes."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    props = doc.core_properties
    props.title, props.subject, props.author = report.title, report.subject, report.issuer.body
    props.language = report.lang

    head = doc.add_table(rows=1, cols=2)
    _no_borders(head)
    left, right = _cell(head, 0, 0), _cell(head, 0, 1)
    left.width, right.width = Mm(0.4 * TEXT_W_MM), Mm(0.6 * TEXT_W_MM)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = centre
    _runs(left.paragraphs[0], report.parent, 12)
    _para(left, report.body_name, centre, 12, bold=True)
    _para(left, "", centre, 6)
    _para(left, report.number_line, centre, 13)
    right.paragraphs[0].alignment = centre
    _runs(right.paragraphs[0], report.national, 12, bold=True)
    _para(right, report.motto, centre, 13, bold=True, underline=True)
    _para(right, "", centre, 6)
    _para(right, report.place_date, centre, 13, italic=True)

    _para(doc, "", after=6)
    _para(doc, report.doc_type, centre, 14, bold=True)
    _para(doc, report.subject, centre, 14, bold=True, after=2)
    for line in report.intro:
        _para(doc, line, centre, 12, italic=True)
    _para(doc, "", after=4)
    _blocks(doc, report.body, report)

    closing = doc.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = _cell(closing, 0, 0), _cell(closing, 0, 1)
    _runs(left.paragraphs[0], report.recipients_heading, 12, bold=True, italic=True)
    for r in report.recipients:
        _para(left, r, size=11)
    right.paragraphs[0].alignment = centre
    lines = report.signature
    _runs(right.paragraphs[0], lines[0], 13, bold=True)
    for line in lines[1:]:
        _para(right, line, centre, 13, bold=True)
    for _ in range(4):
        _para(right, "", centre)
    _para(right, report.issuer.signer, centre, 13, bold=True)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
