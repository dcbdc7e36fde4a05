"""Excel and CSV exports (cchc/export.py): opened again and checked cell by cell."""

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from cchc.tables.export import Column, neutralise, safe_filename, to_csv, to_xlsx

COLUMNS = [
    Column("unit", "Đơn vị"),
    Column("received", "Tiếp nhận", "int"),
    Column("rate", "Tỷ lệ đúng hạn", "percent"),
    Column("score", "Điểm", "number"),
    Column("due", "Ngày hẹn trả", "date"),
    Column("note", "Ghi chú"),
]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "unit": ["Phường Xuân Khanh", "Xã Kim Sơn", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"],
        "received": [1261, 0, 3, 4, 5, 6],
        "rate": [98.8, None, 100.0, 0.0, 50.0, 12.5],
        "score": [91.0, 85.25, 0.0, 1.5, 2.0, 3.0],
        "due": [pd.Timestamp("2018-06-30"), pd.NaT, date(2018, 1, 2), datetime(2018, 1, 3, 14, 30), "2018-01-04", None],
        "note": ["a\x01b", None, "ok", "\tTAB", "x", "y"],
    })


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_title_rows_headers_and_typed_cells(frame):
    sheet = workbook(to_xlsx(frame, COLUMNS, "Tình hình giải quyết hồ sơ – 6 tháng đầu năm 2018",
                             "Kỳ: 6 tháng đầu năm 2018; Đơn vị: Tất cả đơn vị"))
    assert sheet["A1"].value == "Tình hình giải quyết hồ sơ – 6 tháng đầu năm 2018"
    assert sheet["A1"].font.b
    assert sheet["A2"].value == "Kỳ: 6 tháng đầu năm 2018; Đơn vị: Tất cả đơn vị"
    assert [c.value for c in sheet[3]] == ["Đơn vị", "Tiếp nhận", "Tỷ lệ đúng hạn", "Điểm", "Ngày hẹn trả", "Ghi chú"]
    assert all(c.font.b for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.max_row == 3 + len(frame)

    first = sheet[4]
    assert first[0].value == "Phường Xuân Khanh" and first[0].data_type == "s"
    assert (first[1].value, first[1].data_type, first[1].number_format) == (1261, "n", "#,##0")
    assert first[2].value == pytest.approx(0.988) and first[2].number_format == "0.0%"
    assert first[3].value == pytest.approx(91.0) and first[3].number_format == "#,##0.0"
    assert first[4].value == datetime(2018, 6, 30) and first[4].is_date and first[4].number_format == "DD/MM/YYYY"
    # control characters are dropped: Excel would refuse the file
    assert first[5].value == "ab"

    second = sheet[5]
    assert second[2].value is None  # a missing rate stays empty, not 0 or 'nan'
    assert second[4].value is None
    assert second[5].value is None
    # dates given as dates, datetimes (time dropped) and ISO strings all become date cells
    assert [sheet.cell(row=r, column=5).value for r in (6, 7, 8)] == [
        datetime(2018, 1, 2), datetime(2018, 1, 3), datetime(2018, 1, 4),
    ]


def test_xlsx_neutralises_formulas(frame):
    sheet = workbook(to_xlsx(frame, COLUMNS, "=1+1", "@subtitle"))
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("'=1+1", "s")
    assert sheet["A2"].value == "'@subtitle"
    cells = [sheet.cell(row=r, column=1) for r in range(6, 10)]
    assert [c.value for c in cells] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula ('f')
    assert sheet.cell(row=7, column=6).value == "'\tTAB"
    # every cell of the sheet: no formula anywhere
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_xlsx_without_subtitle_has_the_header_on_row_2(frame):
    sheet = workbook(to_xlsx(frame.head(1), COLUMNS, "Tiêu đề"))
    assert [c.value for c in sheet[2]][:2] == ["Đơn vị", "Tiếp nhận"]
    assert sheet.freeze_panes == "A3"
    assert sheet["B3"].value == 1261


def test_xlsx_of_an_empty_table_has_title_and_headers():
    empty = pd.DataFrame({c.name: [] for c in COLUMNS})
    sheet = workbook(to_xlsx(empty, COLUMNS, "Tiêu đề", "Kỳ"))
    assert sheet.max_row == 3
    assert sheet["F3"].value == "Ghi chú"


def test_xlsx_nullable_integers():
    frame = pd.DataFrame({"days": pd.array([1, None, 32], dtype="Int64")})
    sheet = workbook(to_xlsx(frame, [Column("days", "Số ngày", "int")], "T"))
    assert [sheet.cell(row=r, column=1).value for r in (3, 4, 5)] == [1, None, 32]


def test_csv_has_a_bom_and_reads_back(frame):
    data = to_csv(frame, COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == [c.header for c in COLUMNS]
    assert back["Đơn vị"].tolist() == [
        "Phường Xuân Khanh", "Xã Kim Sơn", "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)",
    ]
    assert back["Tiếp nhận"].tolist()[:2] == ["1261", "0"]
    assert back["Tỷ lệ đúng hạn"].tolist()[:2] == ["98.8", ""]  # a dot: any tool reads it back
    assert back["Ngày hẹn trả"].tolist() == ["2018-06-30", "", "2018-01-02", "2018-01-03", "2018-01-04", ""]
    assert back["Ghi chú"].tolist()[3] == "'\tTAB"


def test_csv_headers_are_neutralised_too():
    data = to_csv(pd.DataFrame({"a": [1]}), [Column("a", "=cmd")])
    assert data.decode("utf-8-sig").splitlines()[0] == "'=cmd"


def test_neutralise_leaves_other_values_alone():
    assert neutralise("Xuân Khanh") == "Xuân Khanh"
    assert neutralise(-5) == -5
    assert neutralise(None) is None
    assert neutralise("a=b") == "a=b"


def test_safe_filename():
    assert safe_filename("Danh sách hồ sơ – 6 tháng đầu năm 2018") == "danh-sach-ho-so-6-thang-dau-nam-2018"
    assert safe_filename("Đường Lâm / Sơn Đông") == "duong-lam-son-dong"
    assert safe_filename("///") == "export"


# -- names of files and sheets; rank changes as numbers (issue 16 item 7) ------------------------

def test_file_stem_carries_period_units_and_fields():
    from cchc.tables.export import file_stem

    name = "Cân đối hồ sơ theo đơn vị"
    assert file_stem(name, "2018-H1") == "can-doi-ho-so-theo-don-vi-2018-H1"
    assert file_stem(name, "2018-H1", units=["kim-son"]) == "can-doi-ho-so-theo-don-vi-2018-H1-kim-son"
    assert file_stem(name, "2018-H1", units=["kim-son", "le-loi", "thi-xa"]) == "can-doi-ho-so-theo-don-vi-2018-H1-3-don-vi"
    assert file_stem(name, "2018-Q1", fields=["dat-dai"]) == "can-doi-ho-so-theo-don-vi-2018-Q1-dat-dai"
    assert file_stem(name, "2018-01", units=["le-loi"], fields=["dat-dai", "ho-tich"]) == (
        "can-doi-ho-so-theo-don-vi-2018-01-le-loi-2-linh-vuc")
    assert file_stem("Dossier balance by unit", "2018-H1", units=["a", "b"], fields=["x", "y", "z"], lang="en") == (
        "dossier-balance-by-unit-2018-H1-2-units-3-fields")
    # a unit code from an imported file: ASCII letters, digits and dashes, case kept
    assert file_stem("Danh sách hồ sơ", "20180101-20180130", units=["H15.50.05 Đường Lâm"]) == (
        "danh-sach-ho-so-20180101-20180130-H15-50-05-Duong-Lam")


def test_period_code_and_filters_scope():
    from cchc.core.filters import Filters
    from cchc.core.periods import Period
    from cchc.tables.export import filters_scope, period_code

    assert period_code(Period.half(2018, 1)) == "2018-H1"
    assert period_code(Period.custom(date(2018, 1, 1), date(2018, 1, 30))) == "20180101-20180130"
    scope = filters_scope(Filters(period=Period.month(2018, 1), units=("kim-son",), fields=("dat-dai", "ho-tich"),
                                  all_units=("kim-son", "le-loi")))
    assert scope == {"period": "2018-01", "units": ("kim-son",), "fields": ("dat-dai", "ho-tich")}
    # no unit chosen inside a scope (?scope=01): the scope names the file; a chosen unit wins
    assert filters_scope(Filters(period=Period.month(2018, 1), scope="01"))["units"] == ("pham-vi-01",)
    assert filters_scope(Filters(period=Period.month(2018, 1), units=("kim-son",), scope="01"))["units"] == ("kim-son",)
    assert filters_scope(Filters(period=Period.month(2018, 1)))["units"] == ()


def test_sheet_names_say_what_they_hold():
    from cchc.tables.export import sheet_name

    assert sheet_name("Xếp hạng chỉ số CCHC") == "Xếp hạng chỉ số CCHC"
    # at most 31 characters, cut at a word's end; Excel's forbidden characters dropped
    assert sheet_name("Tình hình giải quyết hồ sơ theo đơn vị – 6 tháng đầu năm 2018") == "Tình hình giải quyết hồ sơ theo"
    assert sheet_name("Kết quả tra cứu: đất/nhà [2018]?") == "Kết quả tra cứu đất nhà 2018"
    assert sheet_name("***") == "Sheet1"
    assert all(len(sheet_name(text)) <= 31 for text in ("x" * 40, "Danh sách " * 5))


def test_xlsx_sheet_is_named_after_the_table(frame):
    book = load_workbook(io.BytesIO(to_xlsx(frame, COLUMNS, "Danh sách hồ sơ – 6 tháng đầu năm 2018", "Kỳ")))
    assert book.sheetnames == ["Danh sách hồ sơ – 6 tháng đầu"]
    book = load_workbook(io.BytesIO(to_xlsx(frame, COLUMNS, "Danh sách hồ sơ – 6 tháng đầu năm 2018", "Kỳ",
                                            sheet="Danh sách hồ sơ")))
    assert book.sheetnames == ["Danh sách hồ sơ"]


def test_changes_are_signed_numbers_that_sort():
    frame = pd.DataFrame({"unit": ["A", "B", "C", "D"], "change": pd.array([2, -1, 0, None], dtype="Int64")})
    columns = [Column("unit", "Đơn vị"), Column("change", "Thay đổi hạng", "change")]
    sheet = workbook(to_xlsx(frame, columns, "Xếp hạng"))
    cells = [sheet.cell(row=r, column=2) for r in range(3, 7)]
    assert [c.value for c in cells] == [2, -1, 0, None]
    assert all(c.data_type == "n" for c in cells[:3])  # numbers, not text such as "'="
    assert cells[0].number_format == '+#,##0;"\u2212"#,##0;0'  # shown +2, −1, 0
    back = to_csv(frame, columns).decode("utf-8-sig").splitlines()
    assert back == ["Đơn vị,Thay đổi hạng", "A,2", "B,-1", "C,0", "D,"]
