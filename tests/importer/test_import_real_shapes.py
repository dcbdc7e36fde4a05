"""The last real export shapes (domain.md §6): Thanh Hóa's list export whose header has one
cell more than the rows below it (every value shifted one column left) is refused, never
loaded; without unit and reception date columns, both are read from dossier codes
{unit ID code}-{yyMMdd}-{sequence}. Fixtures built here; expected values written by hand
against the tiny database (units thi-xa, le-loi, kim-son; P2 = Đăng ký khai sinh, 3 days).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc.__main__ import main
from cchc.importer.errors import ImportFileError
from cchc.importer.load import load, preview

TODAY = date(2018, 3, 31)


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def _html_xls(header: list[str], rows: list[list[str]]) -> bytes:
    """An HTML table saved as .xls, as the provincial system exports it; dates as text."""
    cells = lambda r, tag: "".join(f"<{tag}>{c}</{tag}>" for c in r)  # noqa: E731
    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows)
    return (f'<html><head><meta charset="utf-8"></head><body><table><tr>{cells(header, "th")}</tr>'
            f"{body}</table></body></html>").encode()


HEADER_12 = ["STT", "Mã hồ sơ", "Tên TTHC", "Mã TTHC", "Đơn vị tiếp nhận", "Kênh", "Ngày tiếp nhận", "Ngày hẹn trả",
             "Ngày kết thúc xử lý", "Trạng thái", "Ghi chú", "Chủ hồ sơ"]
# 11 cells: the STT is missing, every value sits one column left of its header
ROWS_11 = [
    ["H-1", "Đăng ký khai sinh", "P2", "Lê Lợi", "Trực tuyến", "05/02/2018 08:15:30", "08/02/2018 17:00:00",
     "07/02/2018 10:20:05", "Đã trả kết quả", "", "Nguyễn Văn Bình"],
    ["H-2", "Đăng ký khai sinh", "P2", "Kim Sơn", "Trực tiếp", "06/02/2018 14:00:00", "09/02/2018 17:00:00", "",
     "Đang xử lý", "", "Trần Thị Hoa"],
    ["H-3", "Đăng ký khai sinh", "P2", "Lê Lợi", "Trực tiếp", "07/02/2018 09:00:00", "12/02/2018 17:00:00", "",
     "Đang xử lý", "", "Lê Minh Tuấn"],
]


def test_a_list_shifted_one_column_left_is_refused_never_loaded(db, tmp_path, capsys):
    data = _html_xls(HEADER_12, ROWS_11)
    with pytest.raises(ImportFileError) as caught:
        preview(data, "danh-sach.xls", db, today=TODAY)
    assert caught.value.key == "imp_err_shifted"
    assert caught.value.message("vi").startswith("Cột «Kênh» chứa ngày ở các dòng 2, 3, 4, có vẻ lệch cột")
    before = db.read_bytes()
    f = tmp_path / "danh-sach.xls"
    f.write_bytes(data)
    assert main(["import", str(f), "--db", str(db)]) == 1
    assert capsys.readouterr().err.startswith("error: Cột «Kênh» chứa ngày ở các dòng 2, 3, 4, có vẻ lệch cột")
    assert db.read_bytes() == before
    # the same list with its STT cells is read as usual
    fixed = _html_xls(HEADER_12, [[str(i + 1), *r] for i, r in enumerate(ROWS_11)])
    plan = preview(fixed, "danh-sach.xls", db, today=TODAY).plan
    assert (plan.accepted, plan.rejected) == (3, 0)


def test_unit_and_reception_date_from_the_dossier_code(db):
    data = _html_xls(
        ["Mã hồ sơ", "Mã TTHC", "Kênh", "Ngày hẹn trả", "Trạng thái"],
        [["le-loi-180205-0001", "P2", "Trực tuyến", "08/02/2018", "Đang xử lý"],
         ["kim-son-180212-0002", "P2", "Trực tiếp", "15/02/2018", "Đang xử lý"],
         ["H15.50.05.13-180208-0975", "P2", "Trực tiếp", "13/02/2018", "Đang xử lý"],
         ["le-loi-180230-0003", "P2", "Trực tiếp", "13/02/2018", "Đang xử lý"]],  # 30 Feb: no such day
    )
    outcome = load(data, "hoso.xls", db, today=TODAY)
    plan = outcome.plan
    assert (plan.accepted, plan.rejected) == (2, 2)
    reasons = {r.value: r.reason("vi") for r in plan.rejections}
    assert reasons["H15.50.05.13-180208-0975"] == (
        "Mã đơn vị «H15.50.05.13» trong mã hồ sơ không khớp đơn vị nào trong danh mục (chưa có mã định danh đơn vị); "
        "hãy thêm cột Đơn vị tiếp nhận")
    assert reasons["le-loi-180230-0003"].startswith("Mã hồ sơ không có dạng mã đơn vị-yyMMdd-số")
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select dossier_code, unit_code, channel, received_date, due_date, state from dossiers "
                       "where load_id is not null order by dossier_code").fetchall()
    con.close()
    assert rows == [("kim-son-180212-0002", "kim-son", "in_person", date(2018, 2, 12), date(2018, 2, 15), 4),
                    ("le-loi-180205-0001", "le-loi", "online", date(2018, 2, 5), date(2018, 2, 8), 4)]


def test_the_unit_id_code_is_used_once_units_have_one(db):
    # units.id_code (the unit ID code, mã định danh) is read when a unit has one
    con = duckdb.connect(str(db))
    con.execute("update units set id_code = 'H15.50.05.13' where unit_code = 'le-loi'")
    con.close()
    data = _html_xls(["Mã hồ sơ", "Mã TTHC", "Ngày hẹn trả", "Trạng thái"],
                     [["H15.50.05.13-180208-0975", "P2", "13/02/2018", "Đang xử lý"],
                      ["H15.50.05.13-180209-0976", "P2", "14/02/2018", "Đang xử lý"]])
    plan = preview(data, "hoso.xls", db, today=TODAY).plan
    got = sorted((r["dossier_code"], r["unit_code"], r["received_date"]) for r in plan.records.to_dict("records"))
    assert got == [("H15.50.05.13-180208-0975", "le-loi", date(2018, 2, 8)),
                   ("H15.50.05.13-180209-0976", "le-loi", date(2018, 2, 9))]


def test_codes_without_parts_and_no_unit_column_are_refused_as_before(db):
    data = _html_xls(["Mã hồ sơ", "Mã TTHC", "Ngày tiếp nhận", "Trạng thái"],
                     [["X-1", "P2", "05/02/2018", "Đang xử lý"], ["X-2", "P2", "06/02/2018", "Đang xử lý"]])
    with pytest.raises(ImportFileError) as caught:
        preview(data, "hoso.xls", db, today=TODAY)
    assert caught.value.key == "imp_err_no_unit_column"
