"""Importing ``unit_services_766`` (electronic certified copies per unit and year; issue 16
item 4): ``--kind units766`` into the tiny database (tests/tiny_db.py: thi-xa, le-loi,
kim-son), exact rows, rejections with their reasons, idempotent, undoable, through the CLI
too; and the metric it feeds ("Cung cấp dịch vụ chứng thực bản sao điện tử", 2 points,
flag) going from "no data" to scored."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.importer import load, undo
from cchc.importer.errors import ImportFileError
from cchc.importer.mapping import CellError
from cchc.importer.services766 import parse_year
from cchc.score766.compute import compute
from tests import import_fixtures as fx

TODAY = date(2018, 3, 1)

UNITS = [
    ["DANH SÁCH ĐƠN VỊ CUNG CẤP DỊCH VỤ CHỨNG THỰC BẢN SAO ĐIỆN TỬ"],  # a title row above the header
    [None],
    ["STT", "Đơn vị", "Năm", "Chứng thực bản sao điện tử từ bản chính"],
    [1, "Bộ phận một cửa thị xã Sơn Tây", 2018, "Có"],
    [2, "Phường Lê Lợi", "2018", "Không"],
    [3, "le-loi", 2017, 1],
    [4, "Xã Không Có", 2018, "Có"],           # unknown unit
    [5, "Xã Kim Sơn", 2031, "Có"],            # a year after today's
    [6, "Xã Kim Sơn", "năm 2018", "Có"],      # not a year
    [7, "kim-son", 2017, "Chắc chắn"],        # not a yes/no
    [8, "thi-xa", 2017, "Có"],                # thi-xa 2017 twice
    [9, "Thị xã", 2017, "Không"],
    [10, "Xã Kim Sơn", 2018, None],           # not recorded: NULL
]


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    """A private copy of the tiny database (the session one must stay untouched)."""
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _load(db: Path, cells: list[list]):
    return load(fx.workbook_bytes(cells), "don-vi.xlsx", db, kind="units766", today=TODAY)


def test_years_as_offices_type_them():
    assert [parse_year(v, TODAY) for v in (2018, "2018", 2017.0, " 2000 ")] == [2018, 2018, 2017, 2000]
    assert parse_year(None, TODAY) is None and parse_year("  ", TODAY) is None
    for bad in (2019, 1999, 2017.5, "năm 2018", "18"):
        with pytest.raises(CellError):
            parse_year(bad, TODAY)


def test_load_exact_rows_rejections_idempotent_and_undo(db):
    outcome = _load(db, UNITS)
    assert outcome.written and outcome.plan.kind == "units766"
    assert (outcome.plan.inserted, outcome.plan.updated, outcome.plan.rejected) == (4, 0, 6)
    reasons = {r.row: (r.column, r.value, r.reason()) for r in outcome.plan.rejections}
    unknown_unit = reasons[7]
    assert unknown_unit == ("Đơn vị", "Xã Không Có", "Đơn vị không có trong danh mục đơn vị")
    assert reasons[8][:2] == ("Năm", "2031") and reasons[9][:2] == ("Năm", "năm 2018")
    assert reasons[8][2] == reasons[9][2] == "Năm không hợp lệ"
    assert reasons[10] == ("Chứng thực bản sao điện tử từ bản chính", "Chắc chắn",
                           "Giá trị không hợp lệ: cần Có/Không hoặc 1/0 (ô trống: chưa ghi nhận)")
    assert sorted(reasons) == [7, 8, 9, 10, 11, 12]  # thi-xa 2017 twice: both rows refused
    assert reasons[11][0] == reasons[12][0] == "Đơn vị"
    assert rows(db, "select unit_code, year, e_certified_copy, is_demo from unit_services_766 "
                    "order by unit_code, year") == [
        ("kim-son", 2018, None, False),
        ("le-loi", 2017, True, False),
        ("le-loi", 2018, False, False),
        ("thi-xa", 2018, True, False),
    ]
    assert rows(db, f"select kind, inserted, updated, rejected from load_log where load_id = {outcome.load_id}") == [
        ("units766", 4, 0, 6)]
    again = _load(db, UNITS)
    assert not again.written and (again.plan.inserted, again.plan.updated, again.plan.unchanged) == (0, 0, 4)
    # a later file changes one fact; undo (newest first) puts each state back
    later = _load(db, [["Đơn vị", "Năm", "Chứng thực điện tử"], ["Phường Lê Lợi", 2018, "Có"]])
    assert (later.plan.inserted, later.plan.updated) == (0, 1)
    assert rows(db, "select e_certified_copy from unit_services_766 where unit_code = 'le-loi' and year = 2018") == [
        (True,)]
    undo(later.load_id, db)
    assert rows(db, "select e_certified_copy from unit_services_766 where unit_code = 'le-loi' and year = 2018") == [
        (False,)]
    undo(outcome.load_id, db)
    assert rows(db, "select count(*) from unit_services_766") == [(0,)]


def test_a_file_without_the_three_columns_is_refused(db):
    """No year column: no header row of the kind is found, a clear message, nothing written."""
    with pytest.raises(ImportFileError) as caught:
        _load(db, [["Đơn vị", "Chứng thực bản sao điện tử"], ["thi-xa", "Có"]])
    assert caught.value.key == "imp_err_no_header_kind"
    assert str(caught.value) == "Không tìm thấy dòng tiêu đề cột cho loại dữ liệu «units766»."
    assert rows(db, "select count(*) from unit_services_766") == [(0,)]


def test_the_metric_is_scored_once_loaded(db):
    """January 2018: before the load the metric has no data (the table is empty); after it,
    thi-xa provides the copies in 2018 (2 points), le-loi does not (0 points)."""
    jan = Period.parse("2018-01")

    def metric(unit: str):
        score = compute(jan, [unit], db=db, with_previous=False)
        return next(m for m in score.group("so_hoa").metrics if m.code == "e_certified_copy")

    before = metric("thi-xa")
    assert (before.status, before.missing) == ("no_data", ("unit_services_766",))
    assert main(["import", str(_file(db.parent, UNITS)), "--kind", "units766", "--db", str(db)]) == 0
    thi_xa, le_loi = metric("thi-xa"), metric("le-loi")
    assert (thi_xa.status, thi_xa.numerator, thi_xa.points) == ("scored", True, 2.0)
    assert (le_loi.status, le_loi.numerator, le_loi.points) == ("scored", False, 0.0)
    kim_son = metric("kim-son")  # its 2018 fact is not recorded: still no data, never a zero
    assert (kim_son.status, kim_son.points) == ("no_data", None)


def _file(folder: Path, cells: list[list]) -> Path:
    path = folder / "don-vi-766.xlsx"
    path.write_bytes(fx.workbook_bytes(cells))
    return path
