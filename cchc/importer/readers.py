"""File -> raw grids of cells: .xlsx, .xls and .csv as offices really send them.

The reader knows nothing about columns: it turns bytes into one grid per sheet (rows of
cell values, with the spreadsheet's own row numbers), fills merged cells, and notes which
cells hold formulas. Everything it cannot read becomes an :class:`ImportFileError` with a
reason people understand, never a traceback.

- The format comes from the content, not the name: a ZIP is an .xlsx, an OLE2 compound
  file is an .xls (or a password-protected workbook, which is refused), an HTML table
  saved as ".xls" (what several one-stop programs export) is read as a table, anything
  else must decode as text to be a CSV.
- CSV encodings are tried in a fixed order, limited to what offices use: UTF-8 with BOM,
  UTF-16 with BOM, UTF-8, then Windows-1258 (whose tone marks are combining characters,
  so text is NFC-normalised afterwards).
"""

from __future__ import annotations

import csv
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cchc import settings
from cchc.importer.errors import ImportFileError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_SHEETS = 20


def max_upload_mb() -> int:
    """The size limit of an imported file in MB: ``$CCHC_MAX_UPLOAD_MB`` (default 200,
    declared in :mod:`cchc.settings`; a bad value is an error)."""
    return settings.get("CCHC_MAX_UPLOAD_MB")


@dataclass
class Grid:
    """One sheet of cells. ``rows[i]`` is spreadsheet row ``i + 1``; cells are None, str
    (NFC, stripped, never empty), int, float, bool, date, datetime, time or timedelta."""

    sheet: str
    rows: list[list[Any]]
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row index, column index)
    source: str = "xlsx"  # xlsx, xls, csv, html
    encoding: str | None = None


def check_size(size: int) -> None:
    """Refuse a file above the size limit (before it is read)."""
    limit = max_upload_mb()
    if size > limit * 1024 * 1024:
        raise ImportFileError("imp_err_too_large", size=f"{size / 1024 / 1024:.0f}", limit=limit)


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a file on disk, refused above the size limit before it is read."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError("imp_err_no_file", name=path.name)
    check_size(path.stat().st_size)
    return path.read_bytes()


def read_grids(data: bytes, file_name: str = "") -> list[Grid]:
    """The sheets of a file as grids (at least one, each with at least one non-empty cell)."""
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("imp_err_empty")
    try:
        if data.startswith(ZIP_SIGNATURE):
            grids = _read_xlsx(data)
        elif data.startswith(OLE_SIGNATURE):
            grids = _read_ole(data)
        elif _looks_like_html(data):
            grids = _read_html(data)
        else:
            grids = [_read_csv(data)]
    except (ImportFileError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except (MemoryError, RecursionError):
        raise ImportFileError("imp_err_unreadable")
    except BaseException:  # noqa: BLE001 - incl. a Rust panic in the Excel parser (a BaseException)
        raise ImportFileError("imp_err_not_spreadsheet")
    grids = [g for g in grids if any(c is not None for row in g.rows for c in row)]
    if not grids:
        raise ImportFileError("imp_err_no_data")
    return grids


# -- cells ---------------------------------------------------------------------------------


def clean_cell(value: Any) -> Any:
    """A cell as the rest of the importer sees it: text NFC and stripped, '' -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).replace("\xa0", " ").replace("\ufeff", "").strip()
        return text or None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, (int, float, bool, date, datetime, time, timedelta)):
        return value
    text = str(value).strip()
    return text or None


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None) -> None:
    # A merged range holds its value in the top-left cell; it belongs to every cell of it.
    for (r0, c0), (r1, c1) in ranges or []:
        if r0 >= len(rows) or r1 - r0 > 100_000 or c1 - c0 > 1_000:
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None:
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] is None:
                    row[c] = value


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    while rows and all(c is None for c in rows[-1]):
        rows.pop()
    return rows


# -- xlsx / xls ----------------------------------------------------------------------------


def _calamine_grids(data: bytes, source: str, formulas: dict[str, set[tuple[int, int]]]) -> list[Grid]:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise ImportFileError("imp_err_password")
    grids = []
    try:
        for meta in book.sheets_metadata[:MAX_SHEETS]:
            if meta.typ != pc.SheetTypeEnum.WorkSheet or meta.visible != pc.SheetVisibleEnum.Visible:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = [[clean_cell(c) for c in row] for row in sheet.to_python(skip_empty_area=False)]
            _fill_merged(rows, sheet.merged_cell_ranges)
            grids.append(Grid(meta.name, _trim(rows), formulas.get(meta.name, set()), source))
    finally:
        book.close()
    return grids


def _read_xlsx(data: bytes) -> list[Grid]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise ImportFileError("imp_err_not_spreadsheet")
    if "xl/workbook.xml" not in names:
        raise ImportFileError("imp_err_not_spreadsheet")
    return _calamine_grids(data, "xlsx", _xlsx_formula_cells(archive))


_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_formula_cells(archive: zipfile.ZipFile) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> cells holding a formula. Calamine gives only the cached values."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    result: dict[str, set[tuple[int, int]]] = {}
    for sheet in book.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        try:
            raw = archive.read(part)
        except KeyError:
            continue
        if b"<f" not in raw and b":f>" not in raw and b":f " not in raw:
            continue
        result[sheet.get("name", "")] = _formula_cells_of(raw)
    return result


def _formula_cells_of(raw: bytes) -> set[tuple[int, int]]:
    cells: set[tuple[int, int]] = set()
    row_index, col_index = -1, -1
    for event, elem in ElementTree.iterparse(io.BytesIO(raw), events=("start", "end")):
        tag = _local(elem.tag)
        if event == "start" and tag == "row":
            r = elem.get("r")
            row_index = int(r) - 1 if r and r.isdigit() else row_index + 1
            col_index = -1
        elif event == "start" and tag == "c":
            ref = _CELL_REF.fullmatch(elem.get("r") or "")
            col_index = _column_index(ref.group(1)) if ref else col_index + 1
        elif event == "end" and tag == "c":
            if any(_local(child.tag) == "f" for child in elem):
                cells.add((row_index, col_index))
            elem.clear()
    return cells


def _read_ole(data: bytes) -> list[Grid]:
    import msoffcrypto
    import olefile

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # noqa: BLE001 - not an Office file msoffcrypto knows
        encrypted = None
    if encrypted:
        raise ImportFileError("imp_err_password")
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise ImportFileError("imp_err_password")
        stream = "Workbook" if ole.exists("Workbook") else "Book" if ole.exists("Book") else None
        if stream is None:
            raise ImportFileError("imp_err_not_spreadsheet")
        workbook = ole.openstream(stream).read()
    finally:
        ole.close()
    return _calamine_grids(data, "xls", _xls_formula_cells(workbook))


def _xls_formula_cells(stream: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> cells holding a formula, from the BIFF records of an .xls workbook."""
    result: dict[str, set[tuple[int, int]]] = {}
    try:
        sheets: list[tuple[int, str]] = []
        pos = 0
        # workbook globals: BOUNDSHEET (0x85) records give each sheet's offset and name
        while pos + 4 <= len(stream):
            rtype, length = struct.unpack_from("<HH", stream, pos)
            body = stream[pos + 4 : pos + 4 + length]
            if rtype == 0x0085 and len(body) >= 8:
                offset = struct.unpack_from("<I", body, 0)[0]
                n, flags = body[6], body[7]
                name = body[8 : 8 + 2 * n].decode("utf-16-le") if flags & 1 else body[8 : 8 + n].decode("latin-1")
                sheets.append((offset, name))
            pos += 4 + length
            if rtype == 0x000A:  # EOF of the globals
                break
        for offset, name in sheets:
            cells: set[tuple[int, int]] = set()
            pos = offset
            while pos + 4 <= len(stream):
                rtype, length = struct.unpack_from("<HH", stream, pos)
                if rtype == 0x0006 and length >= 4:  # FORMULA
                    row, col = struct.unpack_from("<HH", stream, pos + 4)
                    cells.add((row, col))
                pos += 4 + length
                if rtype == 0x000A:
                    break
            if cells:
                result[unicodedata.normalize("NFC", name)] = cells
    except (struct.error, UnicodeDecodeError):
        return result
    return result


# -- CSV -----------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 with BOM, UTF-16 with BOM, UTF-8, then Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError("imp_err_encoding")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        raise ImportFileError("imp_err_encoding")


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\x0c")
    return controls > max(5, len(sample) // 100)


def _binary_bytes(data: bytes) -> bool:
    sample = data[:20_000]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > max(5, len(sample) // 100)


def _read_csv(data: bytes) -> Grid:
    if _binary_bytes(data):
        raise ImportFileError("imp_err_not_spreadsheet")
    try:
        text, encoding = decode_text(data)
    except UnicodeDecodeError:
        raise ImportFileError("imp_err_encoding")
    if _looks_binary(text):
        raise ImportFileError("imp_err_not_spreadsheet")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [[clean_cell(c) for c in row] for row in reader]
    width = max((len(r) for r in rows), default=0)
    if width < 2 and len(rows) > 1:
        # one column only: not a table (a text file, a log...)
        raise ImportFileError("imp_err_not_spreadsheet")
    return Grid("CSV", _trim(rows), set(), "csv", encoding)


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts:
            continue
        widest = max(counts)
        # the header and data rows share the widest width; title rows are narrower
        score = sum(1 for c in counts if c == widest) * (widest > 1) * widest
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- HTML tables saved as .xls -------------------------------------------------------------


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")) and b"<table" in data[:200_000].lower()


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif tag == "tr" and self._depth == 1 and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self._depth == 1 and self.tables and self.tables[-1]:
            a = dict(attrs)
            self._cell = []
            self._span = (_int_attr(a.get("rowspan")), _int_attr(a.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(("".join(self._cell), *self._span))
            self._cell = None
        elif tag == "table":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _int_attr(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _read_html(data: bytes) -> list[Grid]:
    text, encoding = decode_text(data)
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if match and encoding == "cp1258" and match.group(1).lower() != b"windows-1258":
        raise ImportFileError("imp_err_encoding")
    parser = _TableParser()
    parser.feed(text)
    grids = []
    for number, table in enumerate(parser.tables[:MAX_SHEETS], start=1):
        rows: list[list[Any]] = []
        pending: dict[tuple[int, int], Any] = {}  # cells covered by a rowspan from above
        for r, cells in enumerate(table):
            row: list[Any] = []
            c = 0
            for value, rowspan, colspan in cells:
                while (r, c) in pending:
                    row.append(pending.pop((r, c)))
                    c += 1
                value = clean_cell(value)
                for dc in range(colspan):
                    row.append(value)
                    for dr in range(1, rowspan):
                        pending[(r + dr, c + dc)] = value
                c += colspan
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            rows.append(row)
        grids.append(Grid(f"Table {number}", _trim(rows), set(), "html", encoding))
    return grids
