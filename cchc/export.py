"""Tables out: Excel (.xlsx) and CSV files that open correctly in Vietnamese Excel.

- Excel: a title row naming the table, period and filters; Vietnamese headers; real date
  and number cells (percentages as numbers with a percent format).
- CSV: UTF-8 with a byte-order mark, so Excel shows the diacritics.
- Text cells that start with ``=``, ``+``, ``-`` or ``@`` are neutralised with a leading
  apostrophe so that an exported file can never carry a formula (CSV/formula injection).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text value that cannot be read as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """How one DataFrame column is exported: header text and kind
    ('text', 'int', 'number', 'percent' (values in percent units), 'date')."""

    name: str
    header: str
    kind: str = "text"


def _cell_value(value, kind: str):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if kind == "date":
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return date.fromisoformat(str(value)[:10])
    if kind == "int":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "percent":
        return float(value) / 100.0
    return neutralise(str(value))


_FORMATS = {"int": "#,##0", "number": "#,##0.0", "percent": "0.0%", "date": "DD/MM/YYYY"}


def to_xlsx(frame: pd.DataFrame, columns: list[Column], title: str, subtitle: str = "") -> bytes:
    """An .xlsx workbook: title row(s), one header row, typed cells; returned as bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([neutralise(title)])
    ws["A1"].font = Font(bold=True, size=13)
    first_header_row = 2
    if subtitle:
        ws.append([neutralise(subtitle)])
        ws["A2"].font = Font(italic=True)
        first_header_row = 3
    ws.append([neutralise(c.header) for c in columns])
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for idx in range(1, len(columns) + 1):
        cell = ws.cell(row=first_header_row, column=idx)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for record in frame[[c.name for c in columns]].itertuples(index=False):
        ws.append([_cell_value(v, c.kind) for v, c in zip(record, columns)])
    for idx, column in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        if column.kind in _FORMATS:
            for cell in ws[letter][first_header_row:]:
                cell.number_format = _FORMATS[column.kind]
        width = max([len(column.header)] + [len(str(v)) for v in frame[column.name].head(200)]) + 2
        ws.column_dimensions[letter].width = min(max(width, 8), 60)
    ws.freeze_panes = ws.cell(row=first_header_row + 1, column=1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame, columns: list[Column], lang: str = "vi") -> bytes:
    """CSV in UTF-8 with BOM; headers in the UI language; formulas neutralised.
    Numbers keep a dot as decimal separator so that any tool can read them back."""
    out = pd.DataFrame(
        {
            c.header: [
                neutralise(v) if c.kind == "text" else (_cell_value(v, "date").isoformat() if c.kind == "date" and _cell_value(v, "date") else v)
                for v in frame[c.name]
            ]
            for c in columns
        }
    )
    out.columns = [neutralise(h) for h in out.columns]
    return out.to_csv(index=False).encode("utf-8-sig")


def safe_filename(text: str) -> str:
    """A file name from a title: ASCII letters, digits and dashes."""
    from unicodedata import normalize

    ascii_text = normalize("NFKD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in ascii_text.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:80] or "export"
