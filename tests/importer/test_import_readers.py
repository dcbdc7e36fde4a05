"""The import reader: formats, encodings, header detection, cell parsing, refused files, fuzzing."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.importer.columns import find_table, fold, is_personal, match_field
from cchc.importer.errors import ImportFileError
from cchc.importer.mapping import (
    CellError,
    parse_channel,
    parse_code,
    parse_datetime,
    parse_days,
    parse_online_level,
    parse_state,
)
from cchc.importer.readers import decode_text, read_grids
from cchc.importer.units import UnitMatcher
from tests import import_fixtures as fx

EXPECTED_CODES = ["X-001", "X-002", "X-003", "X-004", "X-005", "X-006", "X-007", "X-008", "X-009", "X-010", "X-010"]
EXPECTED_COLUMNS = {
    "dossier_code": 1, "procedure_code": 2, "procedure_name": 3, "field_name": 4, "unit": 9, "channel": 10,
    "received_date": 11, "due_date": 12, "finished_date": 13, "returned_date": 14, "state": 15,
}


def _html_export() -> bytes:
    # what several one-stop programs call an Excel export: an HTML table saved as .xls
    cells = "".join(
        "<tr>" + "".join(f"<td>{fx._csv_cell(v)}</td>" for v in row) + "</tr>" for row in fx.dossier_table()
    )
    return f'<html><head><meta charset="utf-8"></head><body><table>{cells}</table></body></html>'.encode()


FORMATS = {
    "xlsx": lambda: fx.dossiers_xlsx(),
    "xls": lambda: fx.dossiers_xls(),
    "csv-cp1258-semicolon": lambda: fx.encode_cp1258(fx.dossiers_csv_text(delimiter=";")),
    "csv-utf16": lambda: fx.dossiers_csv_text(delimiter="\t").encode("utf-16"),
    "csv-utf8-bom": lambda: fx.dossiers_csv_text().encode("utf-8-sig"),
    "csv-utf8": lambda: fx.dossiers_csv_text().encode("utf-8"),
    "html-as-xls": _html_export,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_table(fmt):
    table = find_table(read_grids(FORMATS[fmt](), "export"), None)
    assert table.kind == "dossiers"
    assert table.header_row == 7  # found under five title rows and a blank one
    assert table.columns == EXPECTED_COLUMNS
    assert table.personal == ["Người nộp", "Địa chỉ", "Số điện thoại", "Số giấy tờ"]
    assert table.ignored == ["STT", "Ghi chú"]
    codes = [cells[1] for _, cells in table.rows if len(cells) > 1 and cells[1]]
    assert codes == EXPECTED_CODES
    # the column-number row under the header is not data; data starts on row 9
    assert table.rows[0][0] == 9
    assert table.title[0].startswith("UỶ BAN NHÂN DÂN THỊ XÃ SƠN TÂY")


def test_windows_1258_combining_tone_marks_become_nfc():
    raw = fx.encode_cp1258("Mã hồ sơ;Ngày tiếp nhận;Đơn vị tiếp nhận\r\n")
    assert b"h\xf4\xcc" in raw  # "hồ": ô precomposed, then the combining grave tone mark (0xCC)
    text, encoding = decode_text(raw)
    assert encoding == "cp1258"
    grid = read_grids(raw + fx.encode_cp1258("A1;01/02/2018;Lê Lợi\r\n"))[0]
    assert grid.rows[0] == ["Mã hồ sơ", "Ngày tiếp nhận", "Đơn vị tiếp nhận"]
    assert grid.rows[1][2] == "Lê Lợi"


def test_merged_title_cells_are_filled_and_header_found_below():
    grid = read_grids(fx.dossiers_xlsx())[0]
    # A1:E1 merged: every cell of the range holds the title
    assert grid.rows[0][:5] == ["UỶ BAN NHÂN DÂN THỊ XÃ SƠN TÂY"] * 5
    assert grid.rows[3][16] == "SỔ THEO DÕI HỒ SƠ"


def test_two_level_header_with_merged_cells():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Báo cáo hồ sơ"
    ws["A3"], ws["B3"], ws["C3"], ws["E3"], ws["F3"] = "Mã hồ sơ", "Mã TTHC", "Ngày", "Đơn vị", "Trạng thái"
    ws["C4"], ws["D4"] = "nhận", "hẹn"  # alone they name nothing: the header is both rows
    for rng in ("A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4"):
        ws.merge_cells(rng)
    ws.append(["HS1", "P1", "01/02/2018", "15/02/2018", "Lê Lợi", "Đang xử lý"])
    buf = io.BytesIO()
    wb.save(buf)
    table = find_table(read_grids(buf.getvalue()), None)
    assert table.header_row == 3
    assert table.headers[:4] == ["Mã hồ sơ", "Mã TTHC", "Ngày nhận", "Ngày hẹn"]
    assert table.columns == {"dossier_code": 0, "procedure_code": 1, "received_date": 2, "due_date": 3, "unit": 4,
                             "state": 5}
    assert [r for r, _ in table.rows] == [5]


@pytest.mark.parametrize("header, field", [
    ("Mã hồ sơ", "dossier_code"), ("Ma ho so", "dossier_code"), ("MÃ HỒ SƠ", "dossier_code"),
    ("Số biên nhận", "dossier_code"), ("Ngày tiếp nhận", "received_date"), ("Ngày nhận", "received_date"),
    ("Ngay nhan", "received_date"), ("Ngày tiếp nhận (dd/mm/yyyy)", "received_date"),
    ("Ngày\ntiếp nhận", "received_date"), ("Ngày hẹn trả kết quả", "due_date"), ("Hẹn trả", "due_date"),
    ("Ngày kết thúc xử lý", "finished_date"), ("Ngày trả kết quả", "returned_date"), ("Ngày trả", "returned_date"),
    ("Trạng thái", "state"), ("Tình trạng hồ sơ", "state"), ("Kênh nộp", "channel"), ("Hình thức nộp", "channel"),
    ("Đơn vị tiếp nhận", "unit"), ("Mã TTHC", "procedure_code"), ("Tên TTHC", "procedure_name"),
    ("Lĩnh vực", "field_name"), ("Ngày nhận bổ sung", "supplement_supplied_date"), ("Ngày nộp", None),
])
def test_header_aliases(header, field):
    assert match_field(header, "dossiers")[0] == field


@pytest.mark.parametrize("header", ["Người nộp", "Chủ hồ sơ", "Họ và tên", "Địa chỉ", "Số điện thoại", "SĐT",
                                    "Email", "E-mail", "Số giấy tờ", "Số CMND/CCCD", "Số định danh cá nhân",
                                    "Tên tổ chức, cá nhân", "Ngày sinh"])
def test_personal_headers(header):
    assert is_personal(header)


@pytest.mark.parametrize("header", ["Mã hồ sơ", "Ngày nộp", "Tên TTHC", "Đơn vị tiếp nhận", "Trạng thái", "Ghi chú"])
def test_not_personal_headers(header):
    assert not is_personal(header)


@pytest.mark.parametrize("value, expected", [
    ("05/02/2018", (date(2018, 2, 5), None)),
    ("5/2/2018", (date(2018, 2, 5), None)),
    ("05-02-2018", (date(2018, 2, 5), None)),
    ("05.02.2018", (date(2018, 2, 5), None)),
    ("05/02/2018 09:15", (date(2018, 2, 5), time(9, 15))),
    ("05/02/2018 09:15:30", (date(2018, 2, 5), time(9, 15, 30))),
    ("05/02/2018 02:15 PM", (date(2018, 2, 5), time(14, 15))),
    ("09:15 05/02/2018", (date(2018, 2, 5), time(9, 15))),
    ("2018-02-05", (date(2018, 2, 5), None)),
    ("2018-02-05T09:15:00", (date(2018, 2, 5), time(9, 15))),
    (datetime(2018, 2, 5, 9, 15), (date(2018, 2, 5), time(9, 15))),
    (datetime(2018, 2, 5), (date(2018, 2, 5), None)),
    (date(2018, 2, 5), (date(2018, 2, 5), None)),
    (43136, (date(2018, 2, 5), None)),               # Excel serial number
    (43136.5, (date(2018, 2, 5), time(12, 0))),
    ("43136", (date(2018, 2, 5), None)),
    (None, None),
])
def test_dates(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize("value", ["31/02/2018", "2018", "abc", "05/13/2018", 12, True, "05/02/18", time(8, 0)])
def test_bad_dates(value):
    with pytest.raises(CellError) as err:
        parse_datetime(value)
    assert err.value.key == "imp_rej_bad_date"


@pytest.mark.parametrize("value, code", [
    ("Đã trả kết quả", 10), ("da tra ket qua", 10), ("Đã trả kết quả (trễ hạn)", 10), ("Chờ trả kết quả", 9),
    ("Đã xử lý xong", 9), ("Đã giải quyết", 9), ("Đang xử lý", 4), ("Đang giải quyết", 4),
    ("Yêu cầu bổ sung giấy tờ", 5), ("Chờ bổ sung", 5), ("Đã bổ sung", 4),
    ("Yêu cầu thực hiện nghĩa vụ tài chính", 6), ("Công dân yêu cầu rút hồ sơ", 7), ("Dừng xử lý", 8),
    ("Được tiếp nhận", 2), ("Không được tiếp nhận", 3), ("Từ chối tiếp nhận", 3), ("Mới đăng ký", 1),
    ("Quá hạn", None), ("Đúng hạn", None), ("10", 10), (9, 9), (None, None),
])
def test_states(value, code):
    assert parse_state(value) == code


def test_unknown_state():
    with pytest.raises(CellError):
        parse_state("Xin chào")


@pytest.mark.parametrize("value, channel", [
    ("Trực tiếp", "in_person"), ("Trực tuyến", "online"), ("Qua mạng", "online"), ("DVC trực tuyến mức 3", "online"),
    ("Bưu chính công ích", "postal"), ("BCCI", "postal"), (1, "in_person"), ("2", "online"), (None, None),
])
def test_channels(value, channel):
    assert parse_channel(value) == channel


UNITS = [("thi-xa", "Bộ phận một cửa thị xã Sơn Tây", "Thị xã", "town"),
         ("xuan-khanh", "Phường Xuân Khanh", "Xuân Khanh", "ward"),
         ("duong-lam", "Xã Đường Lâm", "Đường Lâm", "commune"),
         ("le-loi", "Phường Lê Lợi", "Lê Lợi", "ward")]


@pytest.mark.parametrize("value, code", [
    ("Phường Xuân Khanh", "xuan-khanh"), ("xuan khanh", "xuan-khanh"), ("XUÂN KHANH", "xuan-khanh"),
    ("UBND phường Xuân Khanh", "xuan-khanh"), ("UBND xã Đường Lâm", "duong-lam"), ("Ủy ban nhân dân xã Đường Lâm", "duong-lam"),
    ("duong-lam", "duong-lam"), ("P. Lê Lợi", "le-loi"), ("Thị xã Sơn Tây", "thi-xa"), ("UBND thị xã Sơn Tây", "thi-xa"),
    ("Bộ phận một cửa thị xã", "thi-xa"),
])
def test_unit_names(value, code):
    assert UnitMatcher(UNITS).match(value) == code


def test_unknown_unit_and_title_unit():
    matcher = UnitMatcher(UNITS)
    with pytest.raises(CellError) as err:
        matcher.match("Phường Quang Trung")
    assert err.value.key == "imp_rej_unknown_unit"
    assert matcher.find_in(["SỔ THEO DÕI HỒ SƠ - UBND PHƯỜNG LÊ LỢI - THỊ XÃ SƠN TÂY"]) == "le-loi"


def test_codes_days_and_online_levels():
    assert parse_code(1234567.0) == "1234567"
    assert parse_code(1.000578, procedure=True) == "1.000578"
    assert parse_code(1.00401, procedure=True) == "1.004010"  # Excel drops the trailing zero
    with pytest.raises(CellError):
        parse_code("=HYPERLINK(\"x\")")
    assert [parse_days(v) for v in ("10 ngày làm việc", "Không quá 15 ngày", "Trong ngày", 3, None)] == [10, 15, 0, 3, None]
    assert [parse_online_level(v) for v in ("Mức độ 3", 4, "Toàn trình", "DVC một phần", None)] == [
        "3", "4", "full", "partial", None]


def test_fold():
    assert fold("Ngày tiếp nhận (dd/mm/yyyy)") == "ngay tiep nhan"
    assert fold("ĐƯỜNG LÂM") == "duong lam"


# -- formula cells -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [fx.dossiers_xlsx, fx.dossiers_xls], ids=["xlsx", "xls"])
def test_formula_cells_are_found(make):
    table = find_table(read_grids(make(formula_row=1)), None)
    assert table.formula_cells == {(9, 12)}  # the due date of the first data row


# -- refused files -------------------------------------------------------------------------


def _encrypted_xlsx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(fx.workbook_bytes([["Mã hồ sơ", "Ngày tiếp nhận"], ["A", "01/01/2018"]]))).encrypt("mk", out)
    return out.getvalue()


def _docx_like() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize("data, key", [
    (b"", "imp_err_empty"),
    (b"  \r\n \t", "imp_err_empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "imp_err_not_spreadsheet"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"\x00\x01\x02" * 50, "imp_err_not_spreadsheet"),
    (_docx_like(), "imp_err_not_spreadsheet"),
    (b"PK\x03\x04broken zip" + bytes(100), "imp_err_not_spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "imp_err_not_spreadsheet"),  # OLE header, no workbook
    (_encrypted_xlsx(), "imp_err_password"),
    (fx.workbook_bytes([[None]]), "imp_err_no_data"),
    ("Tên,Tuổi\nAn,3\n".encode(), "imp_err_no_header"),
    (b"just one line of text\nand another\n", "imp_err_not_spreadsheet"),
])
def test_refused_files(data, key):
    with pytest.raises(ImportFileError) as err:
        find_table(read_grids(data, "f"), None)
    assert err.value.key == key
    assert "\n" not in err.value.message("vi") and err.value.message("en")


def test_size_limit(monkeypatch):
    monkeypatch.setenv("CCHC_MAX_UPLOAD_MB", "1")
    with pytest.raises(ImportFileError) as err:
        read_grids(b"a,b\n" * 300_000)
    assert err.value.key == "imp_err_too_large"
    assert err.value.message() == "Tệp quá lớn (1 MB), vượt giới hạn 1 MB."


def test_no_header_of_the_requested_kind():
    with pytest.raises(ImportFileError) as err:
        find_table(read_grids(fx.catalogue_xlsx()), "dossiers")
    assert err.value.key == "imp_err_no_header_kind"


# -- fuzzing: the reader returns rows or a clear error, nothing else -------------------------

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(data: bytes) -> None:
    try:
        grids = read_grids(data, "fuzz")
        assert grids and all(any(c is not None for row in g.rows for c in row) for g in grids)
        find_table(grids, None, ["Công tác chỉ đạo, điều hành"])
    except ImportFileError as exc:
        assert exc.message("vi") and exc.message("en")


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes(data):
    _read_or_refuse(data)


WORDS = ["Mã hồ sơ", "Ngày tiếp nhận", "Đơn vị", "Mã TTHC", "Trạng thái", "Điểm", "Tiêu chí", "Tên TTHC",
         "01/02/2018", "31/02/2018", "Lê Lợi", "=1+1", "Đã trả kết quả", "", "x", "12", "43136", "\x00", "\"", ";", ","]


@FUZZ
@given(st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=8), max_size=12),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]), st.sampled_from([",", ";", "\t"]))
def test_fuzz_csv_like_text(rows, encoding, delimiter):
    text = "\r\n".join(delimiter.join(cells) for cells in rows)
    try:
        data = fx.encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return
    _read_or_refuse(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["xlsx", "xls"]), st.integers(1, 40))
def test_fuzz_damaged_workbooks(seed, fmt, flips):
    data = bytearray(_WORKBOOKS[fmt])
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        del data[rng.randrange(len(data)):]
    _read_or_refuse(bytes(data))


_WORKBOOKS = {"xlsx": fx.dossiers_xlsx(), "xls": fx.dossiers_xls()}
