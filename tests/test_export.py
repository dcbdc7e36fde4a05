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
