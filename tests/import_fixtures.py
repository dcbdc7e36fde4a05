"""Realistic import files, generated: what district offices really send.

A one-stop export ("sổ theo dõi hồ sơ") as .xlsx with title rows and merged cells above the
header, a column-number row, personal columns, mixed date formats (Excel date cells, text
with and without a time, serial numbers), Vietnamese states and unit names as people type
them, and a footer; the same as .xls, as a Windows-1258 CSV and as UTF-16 / UTF-8 CSV; a
PAR score sheet typed in Excel with a maximum-points row; a procedure catalogue.

Every file is built against the tiny database (tests/tiny_db.py): units thi-xa, le-loi,
kim-son; procedures P1 (Đất đai, 10 working days) and P2 (Hộ tịch, 3 working days);
calendar November 2017 – March 2018 with 1 January off.
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from datetime import date, datetime

import openpyxl

# Personal values: none of them may appear anywhere in the database after a load.
PERSONAL_VALUES = [
    "Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Minh Tuấn", "Phạm Thu Trang", "Hoàng Văn Nam", "Đỗ Thị Lan",
    "Số 12 phố Lê Lợi", "Thôn Mông Phụ, Đường Lâm", "0912345678", "0987654321", "binh.nv@example.vn",
    "001085012345", "001190054321", "Ngõ 5 Phùng Khắc Khoan",
]

HEADER = [
    "STT", "Mã hồ sơ", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Người nộp", "Địa chỉ",
    "Số điện thoại", "Số giấy tờ", "Đơn vị tiếp nhận", "Hình thức nộp", "Ngày tiếp nhận", "Ngày hẹn trả",
    "Ngày kết thúc xử lý", "Ngày trả kết quả", "Trạng thái", "Ghi chú",
]

# code, procedure code, procedure name, field, person, address, phone, id, unit as typed, channel,
# received, due, finished, returned, state text
# Dates are given as the cell values to write: datetime (an Excel date cell), str (typed text),
# or int/float (an Excel serial number written as a plain number).
ROWS = [
    ("X-001", "P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai", "Nguyễn Văn Bình", "Số 12 phố Lê Lợi",
     "0912345678", "001085012345", "Bộ phận một cửa thị xã Sơn Tây", "Trực tiếp",
     datetime(2018, 2, 1, 8, 30), datetime(2018, 2, 22), datetime(2018, 2, 21, 16, 0), datetime(2018, 2, 23), "Đã trả kết quả"),
    ("X-002", "P2", "Đăng ký khai sinh", "Hộ tịch", "Trần Thị Hoa", "Thôn Mông Phụ, Đường Lâm", "0987654321",
     "001190054321", "UBND phường Lê Lợi", "Trực tuyến (mức độ 3)",
     "05/02/2018 09:15", "08/02/2018", "07/02/2018 10:20", "", "Đã xử lý xong"),
    ("X-003", "P2", "Đăng ký khai sinh", "Hộ tịch", "Lê Minh Tuấn", "", "", "", "le loi", "Qua bưu chính",
     43137, 43140.0, "", "", "Đang xử lý"),  # serials: 06/02/2018, 09/02/2018
    ("X-004", "P2", "Đăng ký khai sinh", "Hộ tịch", "Phạm Thu Trang", "", "", "", "Xã Kim Sơn", "Trực tiếp",
     "12/02/2018", "", "", "", "Đang giải quyết"),  # no due date: computed from P2's 3 days
    ("X-005", "NEW-1", "Đăng ký hoạt động tín ngưỡng", "Tôn giáo", "Hoàng Văn Nam", "", "", "", "UBND xã Kim Sơn",
     "Trực tiếp", "2018-02-20", "27/02/2018", "26/02/2018", "26/02/2018", "Đã trả kết quả"),
    ("X-006", "P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai", "Đỗ Thị Lan", "Ngõ 5 Phùng Khắc Khoan",
     "", "", "Phường Xuân Khanh", "Trực tiếp", "01/03/2018", "15/03/2018", "", "", "Đang xử lý"),  # unknown unit
    ("X-007", "P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai", "", "", "", "", "Thị xã Sơn Tây",
     "Trực tiếp", "10/03/2018", "24/03/2018", "05/03/2018", "", "Đã xử lý xong"),  # finish before received
    ("X-008", "P2", "Đăng ký khai sinh", "Hộ tịch", "", "", "", "", "Lê Lợi", "Trực tiếp", "31/02/2018", "", "",
     "", "Đang xử lý"),  # no such day
    ("X-009", "P2", "Đăng ký khai sinh", "Hộ tịch", "", "", "", "", "Lê Lợi", "Trực tiếp", "05/03/2099", "", "", "",
     "Đang xử lý"),  # future
    ("X-010", "P2", "Đăng ký khai sinh", "Hộ tịch", "", "", "", "", "Lê Lợi", "Trực tiếp", "06/03/2018", "09/03/2018",
     "", "", "Quá hạn"),  # timeliness only: in progress
    ("X-010", "P2", "Đăng ký khai sinh", "Hộ tịch", "", "", "", "", "Lê Lợi", "Trực tiếp", "07/03/2018", "12/03/2018",
     "", "", "Đang xử lý"),  # the same code twice: both rejected
]
# X-001..X-005 and X-010? no: X-001..X-005 accepted; X-006..X-010 rejected (X-010 twice).
ACCEPTED = ["X-001", "X-002", "X-003", "X-004", "X-005"]
REJECTED_ROWS = 6  # and both X-010 rows

TITLE_ROWS = [
    ["UỶ BAN NHÂN DÂN THỊ XÃ SƠN TÂY", None, None, None, None, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", None, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["SỔ THEO DÕI HỒ SƠ"],
    ["Từ ngày 01/02/2018 đến ngày 31/03/2018"],
    [],
]


def _row_values(row: tuple, number: int) -> list:
    code, pcode, pname, field, person, address, phone, ident, unit, channel, rec, due, fin, ret, state = row
    return [number, code, pcode, pname, field, person, address, phone, ident, unit, channel, rec, due, fin, ret,
            state, "Ghi chú của cán bộ"]


def dossier_table(rows=ROWS) -> list[list]:
    """The export as rows of cells (title, header, numbering, data, footer)."""
    out = [list(r) for r in TITLE_ROWS]
    out.append(list(HEADER))
    out.append([f"({i})" for i in range(1, len(HEADER) + 1)])
    for n, row in enumerate(rows, start=1):
        out.append(_row_values(row, n))
    out.append([])
    out.append(["Tổng số: 11 hồ sơ"])
    out.append([None, None, None, None, None, None, None, None, None, None, None, None, "Người lập biểu"])
    return out


def dossiers_xlsx(rows=ROWS, formula_row: int | None = None) -> bytes:
    """The export as .xlsx with merged title cells. ``formula_row``: put a formula in the due
    date of that data row (1-based)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "So theo doi"
    for r, cells in enumerate(dossier_table(rows), start=1):
        for c, value in enumerate(cells, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm" if value.hour or value.minute else "dd/mm/yyyy"
    ws.merge_cells("A1:E1")
    ws.merge_cells("F1:L1")
    ws.merge_cells("A2:E2")
    ws.merge_cells("F2:L2")
    ws.merge_cells("A4:Q4")
    ws.merge_cells("A5:Q5")
    if formula_row is not None:
        ws.cell(row=len(TITLE_ROWS) + 2 + formula_row, column=13, value="=L9+3")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def dossiers_xls(rows=ROWS, formula_row: int | None = None) -> bytes:
    """The export as a legacy .xls (BIFF8) with merged title cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("So theo doi")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    time_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    table = dossier_table(rows)
    for r, cells in enumerate(table):
        if r in (0, 1):
            sheet.write_merge(r, r, 0, 4, cells[0])
            sheet.write_merge(r, r, 5, 11, cells[5])
            continue
        if r in (3, 4):
            sheet.write_merge(r, r, 0, 16, cells[0])
            continue
        for c, value in enumerate(cells):
            if formula_row is not None and (r, c) == (len(TITLE_ROWS) + 1 + formula_row, 12):
                sheet.write(r, c, xlwt.Formula("L9+3"))
                continue
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write(r, c, value, time_style if value.hour or value.minute else date_style)
            else:
                sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _csv_cell(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.hour or value.minute else value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dossiers_csv_text(rows=ROWS, delimiter: str = ",") -> str:
    """The export as CSV text (title rows included, as a spreadsheet 'Save as CSV' keeps them)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for cells in dossier_table(rows):
        writer.writerow([_csv_cell(v) for v in cells])
    return buf.getvalue()


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed where the code
    page has them, tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        # keep the vowel's own mark (circumflex, breve, horn) precomposed, the tone combining
        for keep in itertools.chain.from_iterable(itertools.combinations(marks, k) for k in range(len(marks), -1, -1)):
            rest = "".join(m for m in marks if m not in keep)
            try:
                encoded = unicodedata.normalize("NFC", base + "".join(keep)).encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "cannot encode")
        out.append(encoded)
    return b"".join(out)


# -- PAR score sheet -----------------------------------------------------------------------

CRITERIA_2018 = ["Công tác chỉ đạo, điều hành", "Tổ chức thực hiện văn bản quy phạm pháp luật",
                 "TTHC và cơ chế một cửa, một cửa liên thông"]


def scores_xlsx(year: int = 2018, rows=None, with_max_row: bool = True, total_formula: bool = True) -> bytes:
    """A typed score sheet: title, header with numbered criteria, a maximum-points row,
    one row per unit, a total column with SUM formulas (ignored: not a criterion)."""
    rows = rows if rows is not None else [("Phường Lê Lợi", 10, 8.5, 18), ("xã Kim Sơn", 9.5, "7,5", 16)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"Diem {year}"
    ws["A1"] = f"KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC XÃ, PHƯỜNG NĂM {year}"
    ws.merge_cells("A1:F1")
    header = ["STT", "Đơn vị"] + [f"{i}. {name}" for i, name in enumerate(CRITERIA_2018, start=1)] + ["Tổng điểm", "Xếp hạng"]
    for c, h in enumerate(header, start=1):
        ws.cell(row=3, column=c, value=h)
    r = 4
    if with_max_row:
        for c, v in enumerate(["", "Điểm tối đa", 12, 10, 20, 42], start=1):
            if v != "":
                ws.cell(row=r, column=c, value=v)
        r += 1
    for n, (unit, *points) in enumerate(rows, start=1):
        ws.cell(row=r, column=1, value=n)
        ws.cell(row=r, column=2, value=unit)
        for i, p in enumerate(points):
            ws.cell(row=r, column=3 + i, value=p)
        ws.cell(row=r, column=6, value=f"=SUM(C{r}:E{r})" if total_formula else None)
        ws.cell(row=r, column=7, value=n)
        r += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- procedure catalogue -------------------------------------------------------------------


def catalogue_xlsx() -> bytes:
    """A catalogue of district procedures: one known (P1, days changed 10 -> 12), one new."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP HUYỆN"
    ws.merge_cells("A1:H1")
    header = ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Thời hạn giải quyết", "Mức độ DVC",
              "Ngày hiệu lực", "Quyết định công bố"]
    rows = [
        [1, "P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai", "12 ngày làm việc", "Mức độ 3",
         "15/02/2018", "QĐ 123/QĐ-UBND"],
        [2, "1.000578", "Đăng ký thành lập hộ kinh doanh", "Hộ kinh doanh", "03 ngày làm việc", "Toàn trình",
         "15/02/2018", "QĐ 123/QĐ-UBND"],
        [3, "1.000579", "Thủ tục không tên lĩnh vực", "", "5", "2", "", ""],
    ]
    for c, h in enumerate(header, start=1):
        ws.cell(row=3, column=c, value=h)
    for r, cells in enumerate(rows, start=4):
        for c, v in enumerate(cells, start=1):
            if v != "":
                ws.cell(row=r, column=c, value=v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workbook_bytes(rows: list[list]) -> bytes:
    """A plain one-sheet .xlsx of the given cell rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


EXPECTED_X001 = dict(unit_code="thi-xa", procedure_code="P1", channel="in_person", received_date=date(2018, 2, 1),
                     due_date=date(2018, 2, 22), finished_date=date(2018, 2, 21), returned_date=date(2018, 2, 23),
                     state=10)


# -- hostile files (issue 15 item 5): each is a few KB and used to cost GBs or kill the process --

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def raw_xlsx(sheet_data: str, dimension: str | None = None, extra_entries: dict[str, bytes] | None = None) -> bytes:
    """A minimal .xlsx written by hand (no library would write a hostile one): one sheet whose
    <sheetData> is ``sheet_data``, with an optional <dimension ref=...>."""
    import zipfile

    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra_entries or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def corner_xlsx(far_cell: str = "XFD1048576", dimension: str | None = "A1:XFD1048576") -> bytes:
    """Two cells: A1 and one far away (XFD1048576 asks for a 16384 x 1048576 grid)."""
    row = int("".join(ch for ch in far_cell if ch.isdigit()))
    return raw_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c></row>'
        f'<row r="{row}"><c r="{far_cell}"><v>1</v></c></row>',
        dimension,
    )


def html_span_bomb(cells: int = 40, span: int = 1000, rows: int = 20) -> bytes:
    """An HTML table "saved as .xls" of under 1 KB whose rowspan/colspan ask for ~10^9 cells."""
    first = "".join(f'<td rowspan="{span}" colspan="{span}">x</td>' for _ in range(cells))
    return f"<html><body><table><tr>{first}</tr>{'<tr><td>y</td></tr>' * rows}</table></body></html>".encode()


def zip_bomb_xlsx(megabytes: int = 200, declared: int | None = None) -> bytes:
    """An .xlsx with a member inflating from ~0.2 MB to ``megabytes`` MB of blanks; with
    ``declared``, the member lies about its size (declares that many bytes)."""
    import zipfile
    import zlib

    blanks = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = b"".join(compressor.compress(blanks) for _ in range(megabytes)) + compressor.flush()
    size = megabytes * 1024 * 1024
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(blanks, crc)
    base = raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>')
    # append one more member, written raw (its data already deflated)
    src = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.compress_size, info.file_size = crc, len(body), size if declared is None else declared
        info.header_offset = buffer.tell()
        z.fp.write(info.FileHeader(zip64=False))
        z.fp.write(body)
        z.start_dir = z.fp.tell()
        z.filelist.append(info)
        z.NameToInfo[info.filename] = info
    return buffer.getvalue()
