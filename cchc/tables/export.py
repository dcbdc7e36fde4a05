"""Tables out: Excel (.xlsx) and CSV files that open correctly in Vietnamese Excel.

- Excel: a title row naming the table, period and filters; Vietnamese headers; real date
  and number cells (percentages as numbers with a percent format).
- The sheet is named after what it holds; the file's name carries the table, the period and
  the units and fields it covers, in ASCII, so two exports never overwrite each other.
- Changes (of a rank) are signed whole numbers shown +2 / −1 / 0, so they sort.
- CSV: UTF-8 with a byte-order mark, so Excel shows the diacritics.
- Text cells that start with ``=``, ``+``, ``-`` or ``@`` are neutralised with a leading
  apostrophe so that an exported file can never carry a formula (CSV/formula injection).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from cchc.charts import theme

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text value that cannot be read as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """How one DataFrame column is exported: header text and kind
    ('text', 'int', 'number', 'percent' (values in percent units), 'date', 'change' (a signed
    whole number shown +2 / −1 / 0))."""

    name: str
    header: str
    kind: str = "text"


def _is_missing(value) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values
        return False


def _cell_value(value, kind: str):
    if _is_missing(value):
        return None
    if kind == "date":
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return date.fromisoformat(str(value)[:10])
    if kind in ("int", "change"):
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "percent":
        return float(value) / 100.0
    return neutralise(_legal_text(str(value)))


# Control characters (from an imported file, say) are not allowed in .xlsx cells: Excel
# refuses a file that holds them.
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")


def _legal_text(text: str) -> str:
    return _ILLEGAL_CHARACTERS.sub("", text)


# 'change': '+2' above zero, '−2' (a minus sign, quoted: a literal) below, '0' at zero
_FORMATS = {"int": "#,##0", "number": "#,##0.0", "percent": "0.0%", "date": "DD/MM/YYYY",
            "change": '+#,##0;"\u2212"#,##0;0'}
NUMBER_KINDS = ("int", "number", "percent", "change")

# Excel: a sheet's name has at most 31 characters and none of these
SHEET_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str) -> str:
    """A sheet's name from a table's name: Excel's forbidden characters dropped, cut to 31
    characters at a word's end (Vietnamese letters are allowed)."""
    cleaned = " ".join(_SHEET_FORBIDDEN.sub(" ", _legal_text(text)).split()).strip("'")
    if len(cleaned) > SHEET_MAX:
        cut = cleaned[: SHEET_MAX + 1]
        cleaned = cut.rsplit(" ", 1)[0] if " " in cut else cut[:SHEET_MAX]
        cleaned = cleaned.rstrip(" –-,;")
    return cleaned or "Sheet1"


def _shown_length(value, kind: str) -> int:
    if kind == "date":
        return 10
    if kind != "text":
        try:
            return len(f"{float(value):,.1f}")
        except (TypeError, ValueError):
            pass
    return len(str(value))


def _width(column: Column, frame: pd.DataFrame) -> float:
    """A column width (in characters) that fits the header and the first 200 values."""
    values = [v for v in frame[column.name].head(200) if not _is_missing(v)]
    longest = max((_shown_length(v, column.kind) for v in values), default=0)
    return min(max(len(column.header), longest) + 2, 60)


def to_xlsx(frame: pd.DataFrame, columns: list[Column], title: str, subtitle: str = "", sheet: str | None = None) -> bytes:
    """An .xlsx workbook: title row(s), one header row, typed cells; returned as bytes. The
    sheet is called ``sheet`` (default: the title, cut to Excel's 31 characters).

    Written with XlsxWriter (about three times faster than openpyxl: a 50,000-row dossier
    list in a few seconds). Text is always written as text, never as a formula, and is
    neutralised as well, so a copy-paste into another sheet stays harmless."""
    import xlsxwriter  # loaded when a workbook is asked for, not with every page

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    ws = wb.add_worksheet(sheet_name(sheet or title))
    title_format = wb.add_format({"bold": True, "font_size": 13})
    subtitle_format = wb.add_format({"italic": True})
    header_format = wb.add_format({"bold": True, "bg_color": theme.EXCEL_HEADER, "text_wrap": True, "valign": "top"})
    formats = [wb.add_format({"num_format": _FORMATS[c.kind]}) if c.kind in _FORMATS else None for c in columns]

    ws.write_string(0, 0, neutralise(_legal_text(title)), title_format)
    header_row = 1
    if subtitle:
        ws.write_string(1, 0, neutralise(_legal_text(subtitle)), subtitle_format)
        header_row = 2
    for idx, column in enumerate(columns):
        ws.write_string(header_row, idx, neutralise(_legal_text(column.header)), header_format)
        ws.set_column(idx, idx, max(_width(column, frame), 8))
    ws.freeze_panes(header_row + 1, 0)

    kinds = [c.kind for c in columns]
    row_index = header_row
    for record in frame[[c.name for c in columns]].itertuples(index=False, name=None):
        row_index += 1
        for col, (value, kind, number_format) in enumerate(zip(record, kinds, formats)):
            value = _cell_value(value, kind)
            if value is None:
                continue
            if kind == "date":
                ws.write_datetime(row_index, col, datetime.combine(value, datetime.min.time()), number_format)
            elif kind in NUMBER_KINDS:
                ws.write_number(row_index, col, value, number_format)
            else:
                ws.write_string(row_index, col, value)
    wb.close()
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame, columns: list[Column], lang: str = "vi") -> bytes:
    """CSV in UTF-8 with BOM; headers in the UI language; formulas neutralised.
    Numbers keep a dot as decimal separator so that any tool can read them back."""
    out = pd.DataFrame(
        {
            c.header: [
                neutralise(v) if c.kind == "text"
                else (_cell_value(v, "date").isoformat() if c.kind == "date" and _cell_value(v, "date") else v)
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


def _ascii(text: str) -> str:
    """ASCII letters, digits and dashes, case kept (a unit's code, a period's code)."""
    from unicodedata import normalize

    ascii_text = normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in ascii_text)
    return "-".join(part for part in cleaned.split("-") if part)[:40]


def period_code(period) -> str:
    """A period in a file's name: its code ('2018-H1', '2018-Q1', '2018-01'), or its first and
    last day for a period of its own ('20180101-20180130')."""
    return period.code or f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"


# the words of a file name for several units / fields ('3-don-vi'): ASCII, by language
_MANY = {"vi": ("don-vi", "linh-vuc"), "en": ("units", "fields")}


def file_stem(name: str, period: str = "", units=(), fields=(), lang: str = "vi") -> str:
    """An exported file's name without extension: the table's name, the period, then the units
    (one: its code; several: '3-don-vi'; all, none given: nothing) and the fields the same way;
    ASCII letters, digits and dashes only:
    'can-doi-ho-so-theo-don-vi-2018-H1-kim-son-3-linh-vuc'."""
    unit_word, field_word = _MANY["en" if lang == "en" else "vi"]
    parts = [safe_filename(name), _ascii(period)]
    for chosen, word in ((list(units), unit_word), (list(fields), field_word)):
        if len(chosen) == 1:
            parts.append(_ascii(chosen[0]))
        elif chosen:
            parts.append(f"{len(chosen)}-{word}")
    return "-".join(part for part in parts if part)


def filters_scope(filters) -> dict:
    """The period, units and fields of the shared filters, as :func:`file_stem` takes them; with
    no unit chosen in a scope, the scope's code stands for the units ('pham-vi-01'), so two
    provinces' exports do not overwrite each other."""
    scope = getattr(filters, "scope", "")
    units = tuple(filters.units) or ((f"pham-vi-{scope}",) if scope else ())
    return {"period": period_code(filters.period), "units": units, "fields": tuple(filters.fields)}


def report_filename(filters) -> str:
    """A file name for the meeting report of these filters: 'bao-cao-cchc-2018-H1.pdf'.
    (Here rather than in cchc.report.pdf, so that naming the file does not load reportlab.)"""
    prefix = "bao-cao-cchc" if filters.lang == "vi" else "par-report"
    return f"{prefix}-{period_code(filters.period)}.pdf"
