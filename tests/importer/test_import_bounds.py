"""Bounded work for any input (issue 15 item 5): crafted files of a few KB are refused in one
line, in bounded memory and time, and the database is left unchanged; formula-like text is
refused or neutralised while negative numbers and dates still load."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cchc.importer import readers
from cchc.importer.errors import ImportFileError
from cchc.importer.mapping import CellError, parse_code, parse_number, parse_text
from cchc.importer.readers import check_xlsx_bounds, read_grids
from tests import import_fixtures as fx
from tests.paths import ROOT

# file builder, its name, the one-line refusal (stderr of the command)
HOSTILE = {
    "xfd": (lambda: fx.corner_xlsx("XFD1048576", "A1:XFD1048576"), "xfd.xlsx",
            "error: Trang tính «Sheet1» khai báo vùng dữ liệu A1:XFD1048576, vượt giới hạn (1.000.000 dòng, "
            "200 cột): không đọc."),
    "xfd-no-dimension": (lambda: fx.corner_xlsx("XFD1048576", None), "xfd2.xlsx",
                         "error: Trang tính «Sheet1» có dữ liệu tới dòng 1.048.576, vượt giới hạn 1.000.000 dòng: "
                         "hãy xoá ô thừa hoặc chia tệp."),
    "l1048576": (lambda: fx.corner_xlsx("L1048576", None), "l.xlsx",
                 "error: Trang tính «Sheet1» có dữ liệu tới dòng 1.048.576, vượt giới hạn 1.000.000 dòng: "
                 "hãy xoá ô thừa hoặc chia tệp."),
    "l999999": (lambda: fx.corner_xlsx("L999999", None), "l2.xlsx",
                "error: Trang tính «Sheet1» có một ô ở L999999 xa vùng dữ liệu (chỉ 2 ô có giá trị trong "
                "11.999.988 ô): hãy xoá ô thừa."),
    "zip-bomb": (lambda: fx.zip_bomb_xlsx(200), "bomb.xlsx",
                 "error: Tệp nén bất thường: giải nén ra 200 MB (giới hạn 2.048 MB, hoặc lớn hơn nhiều lần tệp gốc): "
                 "không đọc."),
    "zip-lies": (lambda: fx.zip_bomb_xlsx(50, declared=1000), "lies.xlsx",
                 "error: Tệp nén hỏng hoặc bất thường: phần «xl/sharedStrings.xml» giải nén ra nhiều hơn 1.000 byte "
                 "đã khai báo: không đọc."),
    # rowspan/colspan asking for 40 x 1000 x 1000 cells: laid out bounded, then no header in it
    "html-spans": (lambda: fx.html_span_bomb(), "bomb.xls",
                   "error: Không tìm thấy dòng tiêu đề cột (ví dụ: Mã hồ sơ, Ngày tiếp nhận; Mã TTHC, Tên TTHC; "
                   "Đơn vị, Điểm)."),
}

MEASURE = r"""
import io, json, resource, sys, time, contextlib
from cchc.__main__ import main
import python_calamine, pandas, duckdb  # loaded before the baseline
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
err = io.StringIO()
with contextlib.redirect_stderr(err):
    rc = main(["import", sys.argv[1], "--db", sys.argv[2]])
elapsed = time.perf_counter() - start
growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
print(json.dumps({"rc": rc, "growth_mb": growth / 1024, "seconds": elapsed, "stderr": err.getvalue()}))
"""


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_refused_in_bounded_memory_and_time(name, db, tmp_path):
    build, file_name, message = HOSTILE[name]
    path = tmp_path / file_name
    path.write_bytes(build())
    assert path.stat().st_size < 300_000  # each is small: the danger is what it asks for
    before = _digest(db)
    run = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(db)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["rc"] == 1
    assert result["stderr"] == message + "\n"
    assert result["growth_mb"] < 300, result
    assert result["seconds"] < 10, result
    assert _digest(db) == before


@pytest.mark.parametrize("name", ["xfd", "html-spans"])
def test_the_command_exits_1_with_the_message_not_134(name, db, tmp_path):
    build, file_name, message = HOSTILE[name]
    path = tmp_path / file_name
    path.write_bytes(build())
    before = _digest(db)
    run = subprocess.run([sys.executable, "-m", "cchc", "import", str(path), "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr == message + "\n"
    assert "Traceback" not in run.stdout + run.stderr
    assert _digest(db) == before


def _bounds(sheet_data: str, dimension: str | None = None):
    data = fx.raw_xlsx(sheet_data, dimension)
    return check_xlsx_bounds(data, zipfile.ZipFile(io.BytesIO(data)))


def test_limits_are_exact():
    # the last row and column allowed pass; one more is refused. Empty styled cells do not count.
    extent = _bounds('<row r="1"><c r="A1"><v>1</v></c><c r="GR1"><v>2</v></c></row>'
                     '<row r="9"><c r="B9"><v>3</v></c><c r="ZZ9" s="1"/></row>')[0]
    assert (extent.max_row, extent.max_col, extent.cells) == (9, 200, 3)
    with pytest.raises(ImportFileError) as exc:
        _bounds('<row r="1"><c r="GS1"><v>1</v></c></row>')
    assert exc.value.message() == "Trang tính «Sheet1» có dữ liệu tới cột GS (201 cột), vượt giới hạn 200 cột."
    assert _bounds("".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in (1, 999_999, 1_000_000))
                   )[0].max_row == 1_000_000
    with pytest.raises(ImportFileError) as exc:
        _bounds('<row r="1000001"><c r="A1000001"><v>1</v></c></row>')
    assert exc.value.key == "imp_err_limit_rows"
    # a declared dimension beyond the limits is refused even when the cells are few
    with pytest.raises(ImportFileError) as exc:
        _bounds('<row r="1"><c r="A1"><v>1</v></c></row>', "A1:HA10")
    assert exc.value.message() == ("Trang tính «Sheet1» khai báo vùng dữ liệu A1:HA10, vượt giới hạn "
                                   "(1.000.000 dòng, 200 cột): không đọc.")
    # cells without a reference count by position
    assert _bounds('<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>')[0].max_col == 2


def test_limits_are_constants_the_reader_uses(monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>v{r}</t></is></c>'
                   f'<c r="B{r}"><v>{r}</v></c></row>' for r in range(1, 5))
    with pytest.raises(ImportFileError) as exc:
        read_grids(fx.raw_xlsx(rows))
    assert exc.value.message() == ("Trang tính «Sheet1» có dữ liệu tới dòng 4, vượt giới hạn 3 dòng: "
                                   "hãy xoá ô thừa hoặc chia tệp.")
    with pytest.raises(ImportFileError) as exc:
        read_grids("Mã hồ sơ,Ngày\n1,2\n3,4\n5,6\n".encode())
    assert exc.value.key == "imp_err_limit_rows"
    html = "<html><table>" + "<tr><td>a</td><td>b</td></tr>" * 4 + "</table></html>"
    with pytest.raises(ImportFileError) as exc:
        read_grids(html.encode())
    assert exc.value.message() == "Bảng HTML có hơn 3 dòng: hãy chia tệp."


def test_xls_dimensions_are_checked_before_the_parser(monkeypatch):
    data = fx.dossiers_xls()
    import olefile
    ole = olefile.OleFileIO(io.BytesIO(data))
    stream = ole.openstream("Workbook").read()
    ole.close()
    extents = readers.xls_extents(stream)
    # the fixture: 6 title rows, header, 11 rows (+ a blank row and the footer), 17 columns
    assert [(e.declared_cols, e.max_col) for e in extents] == [(17, 17)]
    assert extents[0].max_row == extents[0].declared_rows
    monkeypatch.setattr(readers, "MAX_COLUMNS", 16)
    with pytest.raises(ImportFileError) as exc:
        read_grids(data)
    assert exc.value.key == "imp_err_limit_declared"


def test_html_spans_are_laid_out_bounded():
    html = (b'<html><table><tr><td rowspan="99999999" colspan="99999">T</td></tr>'
            b'<tr><td>a</td><td>b</td></tr></table></html>')
    rows = read_grids(html)[0].rows
    # the colspan is capped at the 200 columns a row may have; the rowspan covers the rows that exist
    assert rows[0] == ["T"] * 200
    assert rows[1] == ["T"] * 200  # the span from above fills the row; a and b fall beyond the limit


def test_merged_ranges_are_clipped_to_the_grid():
    rows = [["a", None], [None, None]]
    readers._fill_merged(rows, [((0, 0), (1_000_000, 16_383))])
    assert rows == [["a", "a"], ["a", "a"]]


@pytest.mark.parametrize("value, key", [
    ("=1+2", "imp_rej_formula_text"), ("+SUM(A1:A9)", "imp_rej_formula_text"), ("@x", "imp_rej_formula_text"),
    ("\t=cmd|' /C calc'!A0", "imp_rej_formula_text"), ("\r+1", "imp_rej_formula_text"),
    ("-2+3+cmd|' /C calc'!A0", "imp_rej_formula_dash"), ("-A1+B1", "imp_rej_formula_dash"),
    ("-(1)", "imp_rej_formula_dash"), ("- =1", "imp_rej_formula_dash"), ("-cmd|x", "imp_rej_formula_dash"),
])
def test_formula_like_text_is_refused(value, key):
    for parse in (parse_text, parse_code):
        with pytest.raises(CellError) as exc:
            parse(value)
        assert exc.value.key == key


@pytest.mark.parametrize("value, stored", [
    ("- Đăng ký khai sinh", "Đăng ký khai sinh"), ("\tĐăng ký kết hôn", "Đăng ký kết hôn"), ("-5", "-5"),
    ("-2,5", "-2,5"), ("Cấp đổi / cấp lại - bản sao", "Cấp đổi / cấp lại - bản sao"),
    ("H15.50-261008-0975", "H15.50-261008-0975"),
])
def test_safe_text_is_kept_or_neutralised(value, stored):
    assert parse_text(value) == stored


def test_negative_numbers_and_dates_still_load():
    assert parse_number("-2,5") == -2.5 and parse_number(-3) == -3.0
    grid = read_grids("Mã hồ sơ;Ngày tiếp nhận;Điểm\nX-1;05/02/2018 09:15:00;-1,5\n".encode())[0]
    assert grid.rows[1] == ["X-1", "05/02/2018 09:15:00", "-1,5"]
