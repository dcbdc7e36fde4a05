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
- Bounded work for any input (a few KB must never cost GBs): before the Excel parser sees
  a workbook, the declared and the real extent of every sheet are checked against the
  limits below (an .xlsx's sheet XML is streamed from the zip and its cells counted without
  building anything; an .xls's BIFF DIMENSIONS and cell records are read); the zip's
  members are inflated once, bounded, to catch zip bombs and sizes that lie; HTML tables
  are expanded with capped spans and a cell budget. Above a limit the file is refused in
  one line. The Excel parser builds a dense grid from A1 to the last cell and pre-allocates
  from the declared <dimension>, so one far cell alone used to abort the process.
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
from cchc.i18n.formats import fmt_int
from cchc.importer.errors import ImportFileError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_SHEETS = 20

# What one file may ask of the machine. Named constants for now (the lead moves them into
# the settings table). A dense grid of MAX_CELLS costs the Excel parser about 32 bytes a
# cell, plus a Python reference each: about 0.8 GB at the limit.
MAX_ROWS = 1_000_000              # spreadsheet rows (the last row holding a value)
MAX_COLUMNS = 200                 # columns (the last column holding a value)
MAX_CELLS = 20_000_000            # the grid the parser builds: last row x last column
SPARSE_AREA = 2_000_000           # a grid larger than this must be at least 1/SPARSE_FILL filled
SPARSE_FILL = 10
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3   # all members of an .xlsx, inflated
MAX_ZIP_RATIO = 100               # inflated / compressed size of one member above ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_HTML_ROWSPAN = 65_534         # the HTML standard's own cap
MAX_TAG_BYTES = 1024 * 1024       # one XML tag in a sheet; longer is not a spreadsheet


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
    except (MemoryError, RecursionError) as exc:
        # chained: a developer reading a log wants to know which parser gave up
        raise ImportFileError("imp_err_unreadable") from exc
    except BaseException as exc:  # noqa: BLE001 - incl. a Rust panic in the Excel parser (a BaseException)
        raise ImportFileError("imp_err_not_spreadsheet") from exc
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
    # Ranges are clipped to the grid (a merge beyond the data adds nothing) and the cells
    # visited are budgeted: thousands of overlapping merges must not become a time bomb.
    width = max((len(r) for r in rows), default=0)
    budget = MAX_CELLS
    for (r0, c0), (r1, c1) in ranges or []:
        if r0 >= len(rows) or c0 >= width or r1 < r0 or c1 < c0:
            continue
        r1, c1 = min(r1, len(rows) - 1), min(c1, width - 1)
        budget -= (r1 - r0 + 1) * (c1 - c0 + 1)
        if budget < 0:
            raise ImportFileError("imp_err_limit_cells", sheet="", cells=_n(MAX_CELLS + 1), limit=_n(MAX_CELLS))
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None:
            continue
        for r in range(r0, r1 + 1):
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
        raise ImportFileError("imp_err_password") from None
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
        raise ImportFileError("imp_err_not_spreadsheet") from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError("imp_err_not_spreadsheet")
    check_xlsx_bounds(data, archive)
    return _calamine_grids(data, "xlsx", _xlsx_formula_cells(archive))


# -- bounds, checked before the Excel parser allocates anything ------------------------------


def _n(value: int) -> str:
    return fmt_int(value, "vi")


def _column_letters(index: int) -> str:
    """0 -> 'A', 11 -> 'L', 16383 -> 'XFD'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetExtent:
    """How far a sheet reaches: the last row and column holding a value (1-based), the
    number of cells holding one, and the extent its <dimension> / DIMENSIONS declares."""

    sheet: str
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    declared_rows: int = 0
    declared_cols: int = 0

    def check(self) -> None:
        """Refuse (one line) a sheet whose grid would exceed the limits."""
        sheet = self.sheet
        if self.declared_rows > MAX_ROWS or self.declared_cols > MAX_COLUMNS or (
            self.declared_rows * self.declared_cols > MAX_CELLS
        ):
            raise ImportFileError(
                "imp_err_limit_declared", sheet=sheet,
                ref=f"A1:{_column_letters(max(self.declared_cols, 1) - 1)}{max(self.declared_rows, 1)}",
                rows=_n(MAX_ROWS), columns=MAX_COLUMNS)
        self.check_real()

    def check_real(self) -> None:
        """The part of :meth:`check` that looks at cells holding a value (also run while
        streaming, to stop at the first cell beyond a limit)."""
        sheet = self.sheet
        if self.max_row > MAX_ROWS:
            raise ImportFileError("imp_err_limit_rows", sheet=sheet, row=_n(self.max_row), limit=_n(MAX_ROWS))
        if self.max_col > MAX_COLUMNS:
            raise ImportFileError("imp_err_limit_columns", sheet=sheet, column=_column_letters(self.max_col - 1),
                                  count=_n(self.max_col), limit=MAX_COLUMNS)
        area = self.max_row * self.max_col
        if self.cells > MAX_CELLS or area > MAX_CELLS:
            raise ImportFileError("imp_err_limit_cells", sheet=sheet, cells=_n(max(self.cells, area)),
                                  limit=_n(MAX_CELLS))

    def check_sparse(self) -> None:
        """A grid mostly empty (one far cell, a few values) costs the dense grid for nothing."""
        area = self.max_row * self.max_col
        if area > SPARSE_AREA and self.cells * SPARSE_FILL < area:
            raise ImportFileError("imp_err_limit_sparse", sheet=self.sheet,
                                  cell=f"{_column_letters(self.max_col - 1)}{self.max_row}", cells=_n(self.cells),
                                  area=_n(area))


def check_xlsx_bounds(data: bytes, archive: zipfile.ZipFile) -> list[SheetExtent]:
    """Refuse an .xlsx that would take unbounded memory or time, before it is parsed:
    a zip bomb (members inflating far beyond their compressed size or the total limit, or
    larger than they declare), or a sheet whose declared or real extent exceeds the limits.
    Returns each sheet's extent."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportFileError("imp_err_not_spreadsheet")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError("imp_err_zip_bomb", size=_n(declared // 2**20), limit=_n(MAX_UNCOMPRESSED_BYTES // 2**20))
    for info in infos:
        _check_ratio(info.file_size, info.compress_size)
    parts = dict(_xlsx_sheet_parts(archive))
    by_part = {part: name for name, part in parts.items()}
    extents = []
    total = 0
    for info in infos:
        # every member is inflated once, bounded: its real size must be what it declares
        limit = min(info.file_size, MAX_UNCOMPRESSED_BYTES - total)
        chunks = _inflate(data, info, limit)
        if info.filename in by_part:
            extent = _scan_sheet_xml(by_part[info.filename], chunks)
            extent.check()
            extent.check_sparse()
            extents.append(extent)
            size = extent.bytes_read  # type: ignore[attr-defined]
        else:
            size = sum(len(c) for c in chunks)
        _check_ratio(size, info.compress_size)
        total += size
    return extents


def _check_ratio(size: int, compressed: int) -> None:
    if size > ZIP_RATIO_FLOOR and size > MAX_ZIP_RATIO * max(compressed, 1):
        raise ImportFileError("imp_err_zip_bomb", size=_n(size // 2**20), limit=_n(MAX_UNCOMPRESSED_BYTES // 2**20))


def _inflate(data: bytes, info: zipfile.ZipInfo, limit: int):
    """The bytes of a zip member as chunks, inflated from the raw data with a hard limit:
    more than ``limit`` bytes (its declared size, or what is left of the total) refuses the
    file. zipfile would silently stop at the declared size; the Excel parser would not."""
    import zlib

    if info.flag_bits & 0x1:  # encrypted member
        raise ImportFileError("imp_err_password")
    offset = info.header_offset
    if data[offset : offset + 4] != ZIP_SIGNATURE:
        raise ImportFileError("imp_err_not_spreadsheet")
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != info.file_size:
            raise ImportFileError("imp_err_zip_lies", member=info.filename, size=_n(info.file_size))
        if len(raw) > limit:
            raise ImportFileError("imp_err_zip_bomb", size=_n(len(raw) // 2**20),
                                  limit=_n(MAX_UNCOMPRESSED_BYTES // 2**20))
        yield bytes(raw)
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ImportFileError("imp_err_not_spreadsheet")
    inflater = zlib.decompressobj(-15)
    total, pos, step = 0, 0, 1 << 20
    pending = b""
    while True:
        if pending:
            out = inflater.decompress(pending, 4 * step)
        elif pos < len(raw) and not inflater.eof:
            out = inflater.decompress(raw[pos : pos + step], 4 * step)
            pos += step
        else:
            break
        pending = inflater.unconsumed_tail
        total += len(out)
        if total > info.file_size:
            raise ImportFileError("imp_err_zip_lies", member=info.filename, size=_n(info.file_size))
        if total > limit:
            raise ImportFileError("imp_err_zip_bomb", size=_n(total // 2**20), limit=_n(MAX_UNCOMPRESSED_BYTES // 2**20))
        if out:
            yield out


_XML_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)\b([^>]*?)(/?)>")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([A-Za-z]{0,4})(\d{0,10})[\"']")
_REF_ATTR = re.compile(rb"(?:^|\s)ref\s*=\s*[\"']([^\"']*)[\"']")
_REF_END = re.compile(r"([A-Za-z]{1,4})(\d{1,10})$")


def _scan_sheet_xml(sheet: str, chunks) -> SheetExtent:
    """The extent of a worksheet part, streamed: <dimension ref>, and the last row and
    column of the cells holding something (an empty styled cell ``<c r="A9" s="1"/>`` holds
    nothing; the parser skips it too). Stops at the first cell beyond a limit."""
    extent = SheetExtent(sheet)
    row, col = 0, -1
    tail = b""
    read = 0
    for chunk in chunks:
        read += len(chunk)
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        if cut < 0:
            tail = b""
            continue
        if len(buffer) - cut > MAX_TAG_BYTES:
            raise ImportFileError("imp_err_not_spreadsheet")
        for match in _XML_TAG.finditer(buffer, 0, cut):
            tag, attrs, empty = match.groups()
            if tag == b"c":
                ref = _R_ATTR.search(attrs)
                if ref and ref.group(1):
                    col = _column_index(ref.group(1).decode().upper())
                    if ref.group(2):
                        row = int(ref.group(2))
                else:
                    col += 1
                if not empty:
                    extent.cells += 1
                    if row > extent.max_row or col + 1 > extent.max_col:
                        extent.max_row = max(extent.max_row, row)
                        extent.max_col = max(extent.max_col, col + 1)
                        extent.check_real()
                    elif extent.cells > MAX_CELLS:
                        extent.check_real()
            elif tag == b"row":
                ref = _R_ATTR.search(attrs)
                row = int(ref.group(2)) if ref and ref.group(2) and not ref.group(1) else row + 1
                col = -1
            else:
                ref = _REF_ATTR.search(attrs)
                end = _REF_END.search(ref.group(1).decode("ascii", "replace").split(":")[-1]) if ref else None
                if end:
                    extent.declared_rows = int(end.group(2))
                    extent.declared_cols = _column_index(end.group(1).upper()) + 1
                    extent.check()
        tail = buffer[cut:]
    extent.bytes_read = read  # type: ignore[attr-defined]
    return extent


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member) of every sheet the workbook lists."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return []
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    parts = []
    for sheet in book.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        parts.append((sheet.get("name", ""), part))
    return parts


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
    result: dict[str, set[tuple[int, int]]] = {}
    for name, part in _xlsx_sheet_parts(archive):
        try:
            raw = archive.read(part)
        except KeyError:
            continue
        if b"<f" not in raw and b":f>" not in raw and b":f " not in raw:
            continue
        result[name] = _formula_cells_of(raw)
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
    for extent in xls_extents(workbook):
        extent.check()
        extent.check_sparse()
    return _calamine_grids(data, "xls", _xls_formula_cells(workbook))


# BIFF records holding a cell value: (row, column) are their first two 16-bit fields.
# BLANK (0x0201) and MULBLANK (0x00BE) hold no value; MULRK (0x00BD) holds a run of them.
_BIFF_VALUE_CELLS = {0x0203, 0x00FD, 0x027E, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0003, 0x0002, 0x0004, 0x0005}


def xls_extents(stream: bytes) -> list[SheetExtent]:
    """Each sheet's declared (DIMENSIONS record) and real extent, from the BIFF records of
    an .xls workbook stream: what the Excel parser will allocate, read before it does."""
    extents = []
    try:
        for offset, name in _biff_sheets(stream):
            extent = SheetExtent(unicodedata.normalize("NFC", name))
            pos = offset
            while pos + 4 <= len(stream):
                rtype, length = struct.unpack_from("<HH", stream, pos)
                body = pos + 4
                if rtype == 0x0200 and length >= 14:  # DIMENSIONS (BIFF8): rwMic, rwMac (32-bit), colMic, colMac
                    _, last_row, _, last_col = struct.unpack_from("<IIHH", stream, body)
                    extent.declared_rows, extent.declared_cols = last_row, last_col
                elif rtype == 0x0200 and length >= 10:  # BIFF5/7: 16-bit rows
                    _, last_row, _, last_col = struct.unpack_from("<HHHH", stream, body)
                    extent.declared_rows, extent.declared_cols = last_row, last_col
                elif rtype in _BIFF_VALUE_CELLS and length >= 4:
                    row, col = struct.unpack_from("<HH", stream, body)
                    extent.cells += 1
                    extent.max_row, extent.max_col = max(extent.max_row, row + 1), max(extent.max_col, col + 1)
                elif rtype == 0x00BD and length >= 6:  # MULRK: row, first column, ..., last column
                    row, first = struct.unpack_from("<HH", stream, body)
                    (last,) = struct.unpack_from("<H", stream, body + length - 2)
                    extent.cells += max(last - first + 1, 0)
                    extent.max_row, extent.max_col = max(extent.max_row, row + 1), max(extent.max_col, last + 1)
                pos = body + length
                if rtype == 0x000A:  # EOF of the sheet
                    break
            extents.append(extent)
    except (struct.error, UnicodeDecodeError):
        pass  # a damaged stream: the parser refuses it
    return extents


def _biff_sheets(stream: bytes) -> list[tuple[int, str]]:
    """(stream offset, name) of each sheet, from the workbook globals' BOUNDSHEET records."""
    sheets: list[tuple[int, str]] = []
    pos = 0
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
    return sheets


def _xls_formula_cells(stream: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> cells holding a formula, from the BIFF records of an .xls workbook."""
    result: dict[str, set[tuple[int, int]]] = {}
    try:
        for offset, name in _biff_sheets(stream):
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
            raise ImportFileError("imp_err_encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        raise ImportFileError("imp_err_encoding") from None


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
        raise ImportFileError("imp_err_encoding") from None
    if _looks_binary(text):
        raise ImportFileError("imp_err_not_spreadsheet")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    cells = 0
    for row in reader:
        # a CSV is bounded by its size, but its cells become Python objects: count them as they come
        width = len(row)
        while width and not row[width - 1].strip():  # trailing separators are not columns
            width -= 1
        del row[width:]
        cells += width
        if len(rows) >= MAX_ROWS:
            raise ImportFileError("imp_err_limit_rows", sheet="CSV", row=_n(len(rows) + 1), limit=_n(MAX_ROWS))
        if width > MAX_COLUMNS:
            raise ImportFileError("imp_err_limit_columns", sheet="CSV", column=_column_letters(width - 1),
                                  count=_n(width), limit=MAX_COLUMNS)
        if cells > MAX_CELLS:
            raise ImportFileError("imp_err_limit_cells", sheet="CSV", cells=_n(cells), limit=_n(MAX_CELLS))
        rows.append([clean_cell(c) for c in row])
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
    """The cells of top-level tables as (text, rowspan, colspan), counted as they come: more
    rows or cells than the limits stop the parse (a few KB of tags must not cost GBs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._depth = 0
        self._rows = 0
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1 and len(self.tables) < MAX_SHEETS:
                self.tables.append([])
        elif tag == "tr" and self._depth == 1 and self.tables:
            self._rows += 1
            if self._rows > MAX_ROWS:
                raise ImportFileError("imp_err_limit_html_rows", limit=_n(MAX_ROWS))
            self.tables[-1].append([])
        elif tag in ("td", "th") and self._depth == 1 and self.tables and self.tables[-1]:
            self._cells += 1
            if self._cells > MAX_CELLS:
                raise ImportFileError("imp_err_limit_cells", sheet="HTML", cells=_n(self._cells), limit=_n(MAX_CELLS))
            a = dict(attrs)
            self._cell = []
            self._span = (_int_attr(a.get("rowspan"), MAX_HTML_ROWSPAN), _int_attr(a.get("colspan"), MAX_COLUMNS))
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


def _int_attr(value: str | None, cap: int) -> int:
    try:
        return max(1, min(int(str(value or 1).strip()), cap))
    except ValueError:
        return 1


def _read_html(data: bytes) -> list[Grid]:
    text, encoding = decode_text(data)
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if match and encoding == "cp1258" and match.group(1).lower() != b"windows-1258":
        raise ImportFileError("imp_err_encoding")
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    grids = []
    for number, table in enumerate(parser.tables, start=1):
        grids.append(Grid(f"Table {number}", _trim(_expand_spans(table, f"Table {number}")), set(), "html", encoding))
    return grids


def _expand_spans(table: list[list[tuple[str, int, int]]], name: str) -> list[list[Any]]:
    """Rows of cells with rowspan/colspan laid out, bounded: a row is at most MAX_COLUMNS
    wide (cells a span pushes beyond are dropped: a title spanning 300 columns repeats its
    text, nothing more), and all rows together at most MAX_CELLS cells. A rowspan is carried
    per column (remaining rows, value), so it costs nothing beyond the rows that exist."""
    rows: list[list[Any]] = []
    carry: list[tuple[int, Any]] = []  # per column: (rows still covered below, value)
    budget = MAX_CELLS
    for cells in table:
        row: list[Any] = []
        c = 0

        # row bound as a default (flake8-bugbear B023): the helper only ever fills this row
        def fill_carried(row: list[Any] = row) -> None:
            nonlocal c
            while c < len(carry) and carry[c][0] > 0 and c < MAX_COLUMNS:
                left, value = carry[c]
                row.append(value)
                carry[c] = (left - 1, value)
                c += 1

        for value, rowspan, colspan in cells:
            fill_carried()
            if c >= MAX_COLUMNS:
                break
            value = clean_cell(value)
            for _ in range(min(colspan, MAX_COLUMNS - c)):
                row.append(value)
                if c >= len(carry):
                    carry.append((0, None))
                carry[c] = (rowspan - 1, value)
                c += 1
        fill_carried()
        for j in range(len(row), len(carry)):  # a span below a short row ends there, as in a browser's grid
            if carry[j][0] > 0:
                carry[j] = (carry[j][0] - 1, carry[j][1])
        budget -= len(row)
        if budget < 0:
            raise ImportFileError("imp_err_limit_cells", sheet=name, cells=_n(MAX_CELLS + 1), limit=_n(MAX_CELLS))
        rows.append(row)
    return rows
