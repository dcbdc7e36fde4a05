"""Importing the Decision 766 inputs (issue 13 item 3): ``--kind services766 | feedback766 |
procedures766`` into the tiny database (tests/tiny_db.py), through the one writer, logged,
idempotent and undoable; bad rows rejected with their reasons; personal columns dropped; and
the Hài lòng group, "no data" before, scored by hand after."""

from __future__ import annotations

import argparse
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc.core.periods import Period
from cchc.importer import load, undo
from cchc.importer.cli import run as cli_run
from cchc.importer.mapping import CellError
from cchc.importer.services766 import parse_flag
from cchc.score766.compute import compute
from tests import import_fixtures as fx

TODAY = date(2018, 3, 1)

SERVICES = [
    ["STT", "Mã hồ sơ", "Người nộp", "Số điện thoại", "Có phí", "Thanh toán trực tuyến", "Số hóa thành phần hồ sơ",
     "Số hóa kết quả", "Xác thực VNeID", "Đồng bộ lên Cổng DVCQG", "Khiếu nại"],
    [1, "D1", "Nguyễn Văn Bình", "0912345678", "Có", "Có", "x", 1, 0, "Có", "Không"],
    [2, "D2", "Trần Thị Hoa", "0987654321", "Có", "Không", None, None, None, "Có", "Có"],
    [3, "D3", "Lê Minh Tuấn", None, 1, 1, "Có", "Có", "Có", "Không", None],
    [4, "D4", "Phạm Thu Trang", None, "Không", "Không", "Có", "Không", "Không", "Có", "Không"],
    [5, "DX-404", "Hoàng Văn Nam", None, "Có", "Có", None, None, None, None, None],     # not a dossier
    [6, "D5", "Đỗ Thị Lan", None, "Có", "Chắc chắn", None, None, None, None, None],     # not a yes/no
]

FEEDBACK = [
    ["Mã PAKN", "Người gửi", "Số điện thoại", "Nội dung phản ánh", "Đơn vị xử lý", "Ngày tiếp nhận", "Hạn xử lý",
     "Ngày trả lời", "Hài lòng"],
    ["F1", "Nguyễn Văn Bình", "0912345678", "Cán bộ Nguyễn Văn Bình hẹn sai", "Thị xã Sơn Tây", "03/01/2018",
     "24/01/2018", "10/01/2018", "Có"],
    ["F2", "Trần Thị Hoa", "0987654321", "Chậm trả", "Bộ phận một cửa thị xã Sơn Tây", "05/01/2018", "19/01/2018",
     "22/01/2018", "Không"],
    ["F3", "Lê Minh Tuấn", None, "Hỏi thủ tục", "thi-xa", "20/01/2018", "09/02/2018", None, None],
    ["F4", "Phạm Thu Trang", None, "Khác", "Phường Lê Lợi", "08/01/2018", "29/01/2018", "09/01/2018", "Có"],
    ["F5", "Hoàng Văn Nam", None, "Khác", "Xã Không Có", "08/01/2018", None, None, None],         # unknown unit
    ["F6", "Đỗ Thị Lan", None, "Khác", "Phường Lê Lợi", "10/01/2018", "31/01/2018", "09/01/2018", "Có"],  # answered first
    ["F7", None, None, None, "Phường Lê Lợi", "10/01/2018", None, None, "Rất tốt"],           # not a yes/no
]

PROCEDURES = [
    ["Mã TTHC", "Tên TTHC", "Có phí", "Đủ điều kiện trực tuyến toàn trình", "Hạn công bố", "Ngày công bố"],
    ["P1", "Cấp Giấy chứng nhận", "Có", "Không", "01/07/2017", "03/07/2017"],
    ["P2", "Đăng ký khai sinh", "Không", "Có", None, "15/06/2017"],
    ["P9", "Không có", "Có", "Có", None, None],     # not in the catalogue
]

PERSONAL = ["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Minh Tuấn", "Phạm Thu Trang", "Hoàng Văn Nam", "Đỗ Thị Lan",
            "0912345678", "0987654321", "hẹn sai", "Chậm trả"]


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


def every_text(path: Path) -> str:
    """Every text value of every table of the database, joined (to look for personal data)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = []
        for table, column in con.execute(
                "select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR' "
                "and database_name = current_database()").fetchall():
            out += [str(v[0]) for v in con.execute(f'select "{column}" from "{table}"').fetchall()]
        return "\n".join(out)
    finally:
        con.close()


def _load(db: Path, cells: list[list], kind: str):
    return load(fx.workbook_bytes(cells), "tep.xlsx", db, kind=kind, today=TODAY)


def rejected(outcome) -> dict[int, tuple[str, str, str]]:
    return {r.row: (r.column, r.value, r.reason()) for r in outcome.plan.rejections}


def test_flags_as_offices_type_them():
    assert [parse_flag(v) for v in ("Có", "có", "x", 1, 1.0, True, "Đạt", "Hài lòng")] == [True] * 8
    assert [parse_flag(v) for v in ("Không", "KHÔNG", 0, False, "Chưa", "Không hài lòng")] == [False] * 6
    assert parse_flag(None) is None and parse_flag("  ") is None
    for bad in ("Chắc chắn", 2, "Rất tốt"):
        with pytest.raises(CellError):
            parse_flag(bad)


def test_services_load_exact_rows_rejections_and_no_personal_data(db):
    outcome = _load(db, SERVICES, "services766")
    assert outcome.written and outcome.plan.kind == "services766"
    assert (outcome.plan.inserted, outcome.plan.updated, outcome.plan.rejected) == (4, 0, 2)
    assert rejected(outcome) == {
        6: ("Mã hồ sơ", "DX-404", "Mã hồ sơ không có trong cơ sở dữ liệu: hãy nạp sổ theo dõi hồ sơ trước"),
        7: ("Thanh toán trực tuyến", "Chắc chắn",
            "Giá trị không hợp lệ: cần Có/Không hoặc 1/0 (ô trống: chưa ghi nhận)"),
    }
    assert outcome.plan.table.personal == ["Người nộp", "Số điện thoại"]
    assert rows(db, "select dossier_code, has_fee, paid_online, digitised, e_result, population_data, "
                    "synced_portal, complaint, ended_date, rating, is_demo from dossier_services_766 "
                    "order by dossier_code") == [
        ("D1", True, True, True, True, False, True, False, None, None, False),
        ("D2", True, False, None, None, None, True, True, None, None, False),
        ("D3", True, True, True, True, True, False, None, None, None, False),
        ("D4", False, False, True, False, False, True, False, None, None, False),
    ]
    assert rows(db, f"select kind, inserted, updated, rejected, file_name from load_log "
                    f"where load_id = {outcome.load_id}") == [("services766", 4, 0, 2, "xlsx")]
    text = every_text(db)
    assert [v for v in PERSONAL if v in text] == []


def test_reload_is_idempotent_and_a_partial_file_keeps_the_other_columns(db):
    first = _load(db, SERVICES, "services766")
    again = _load(db, SERVICES, "services766")
    assert not again.written and (again.plan.inserted, again.plan.updated, again.plan.unchanged) == (0, 0, 4)
    assert rows(db, "select count(*) from load_log") == [(1,)]
    # only payments: D2 is now paid online, its other facts stay; D1 unchanged
    second = _load(db, [["Mã hồ sơ", "Thanh toán trực tuyến"], ["D2", "Có"], ["D1", "Có"]], "services766")
    assert (second.plan.inserted, second.plan.updated, second.plan.unchanged) == (0, 1, 1)
    assert rows(db, "select has_fee, paid_online, synced_portal, complaint from dossier_services_766 "
                    "where dossier_code = 'D2'") == [(True, True, True, True)]
    # undo the later load first: D2 is back as the first load wrote it
    undo(second.load_id, db)
    assert rows(db, "select has_fee, paid_online, synced_portal, complaint from dossier_services_766 "
                    "where dossier_code = 'D2'") == [(True, False, True, True)]
    undo(first.load_id, db)
    assert rows(db, "select count(*) from dossier_services_766") == [(0,)]
    assert rows(db, "select count(*) from load_log where undone_at is null") == [(0,)]


def test_undo_restores_a_demo_row_it_overwrote(db):
    con = duckdb.connect(str(db))
    con.execute("insert into dossier_services_766 (dossier_code, has_fee, paid_online, is_demo) "
                "values ('D1', false, false, true)")
    con.close()
    outcome = _load(db, [["Mã hồ sơ", "Có phí", "Thanh toán trực tuyến"], ["D1", "Có", "Có"]], "services766")
    assert (outcome.plan.inserted, outcome.plan.updated) == (0, 1)
    assert rows(db, "select has_fee, paid_online, is_demo from dossier_services_766") == [(True, True, False)]
    undo(outcome.load_id, db)
    assert rows(db, "select has_fee, paid_online, is_demo from dossier_services_766") == [(False, False, True)]


def test_feedback_load_rejections_and_personal_columns_dropped(db):
    outcome = _load(db, FEEDBACK, "feedback766")
    assert (outcome.plan.inserted, outcome.plan.rejected) == (4, 3)
    assert rejected(outcome) == {
        6: ("Đơn vị xử lý", "Xã Không Có", "Đơn vị không có trong danh mục đơn vị"),
        7: ("Ngày trả lời", "09/01/2018", "Ngày trả lời trước ngày tiếp nhận"),
        8: ("Hài lòng", "Rất tốt", "Giá trị không hợp lệ: cần Có/Không hoặc 1/0 (ô trống: chưa ghi nhận)"),
    }
    table = outcome.plan.table
    assert table.personal == ["Người gửi", "Số điện thoại"]
    assert table.free_text == ["Nội dung phản ánh"]
    assert rows(db, "select * from feedback_766 order by feedback_id") == [
        ("F1", "thi-xa", date(2018, 1, 3), date(2018, 1, 24), date(2018, 1, 10), True, False),
        ("F2", "thi-xa", date(2018, 1, 5), date(2018, 1, 19), date(2018, 1, 22), False, False),
        ("F3", "thi-xa", date(2018, 1, 20), date(2018, 2, 9), None, None, False),
        ("F4", "le-loi", date(2018, 1, 8), date(2018, 1, 29), date(2018, 1, 9), True, False),
    ]
    assert [v for v in PERSONAL if v in every_text(db)] == []
    assert not _load(db, FEEDBACK, "feedback766").written  # idempotent
    undo(outcome.load_id, db)
    assert rows(db, "select count(*) from feedback_766") == [(0,)]


def test_procedures_load_and_undo(db):
    outcome = _load(db, PROCEDURES, "procedures766")
    assert (outcome.plan.inserted, outcome.plan.rejected) == (2, 1)
    assert rejected(outcome) == {
        4: ("Mã TTHC", "P9", "Mã TTHC không có trong danh mục thủ tục: hãy nạp danh mục trước")}
    assert rows(db, "select procedure_code, fee_bearing, fully_online_eligible, publish_due_date, published_date, "
                    "content_complete, population_linked, is_demo from procedure_services_766 "
                    "order by procedure_code") == [
        ("P1", True, False, date(2017, 7, 1), date(2017, 7, 3), None, None, False),
        ("P2", False, True, None, date(2017, 6, 15), None, None, False),
    ]
    assert not _load(db, PROCEDURES, "procedures766").written
    undo(outcome.load_id, db)
    assert rows(db, "select count(*) from procedure_services_766") == [(0,)]


def _hai_long(db: Path):
    score = compute(Period.parse("2018-01"), ["thi-xa"], db, with_previous=False)
    group = next(g for g in score.groups if g.code == "hai_long")
    return group.points, group.missing, {m.code: (m.numerator, m.denominator, m.points) for m in group.metrics}


def test_hai_long_shows_no_data_then_its_hand_computed_points(db):
    points, missing, _ = _hai_long(db)
    assert points is None and missing == ("feedback_766", "dossier_services_766")
    _load(db, SERVICES, "services766")
    _load(db, FEEDBACK, "feedback766")
    points, missing, metrics = _hai_long(db)
    # thi-xa, January 2018 (tests/tiny_db.py): D1-D5 counted; the portal's rule judges D1, D2, D3
    # (3-day supplement wait), D4 (open, not yet due) on time and D5 (overdue) late; D2 has a
    # complaint: 3 on time without complaint of 5 = 60 %, full marks from 90 %: 6 x 0,6 / 0,9 = 4.
    # Feedback of thi-xa received in January: F1 (answered 10/01, due 24/01: on time, satisfied),
    # F2 (answered 22/01 after its due 19/01: late, not satisfied), F3 (open, due 09/02, after the
    # period end: on time, not rated): on time 2 of 3 -> 6 x 2/3 = 4; satisfied 1 of 3 -> 2.
    assert {k: v[:2] for k, v in metrics.items()} == {"feedback_on_time": (2, 3), "feedback_satisfaction": (1, 3),
                                                      "dossier_satisfaction": (3, 5)}
    assert {k: v[2] for k, v in metrics.items()} == pytest.approx(
        {"feedback_on_time": 4.0, "feedback_satisfaction": 2.0, "dossier_satisfaction": 4.0})
    assert missing == () and points == pytest.approx(10.0)


def test_command_line_kind(db, capsys):
    path = db.parent / "pakn.xlsx"
    path.write_bytes(fx.workbook_bytes(FEEDBACK[:2]))
    args = argparse.Namespace(file=[str(path)], db=str(db), kind="feedback766", period=None, dry_run=False)
    assert cli_run(args) == 0
    out = capsys.readouterr().out
    assert "Phản ánh, kiến nghị (chỉ số 766)" in out
    assert rows(db, "select feedback_id, unit_code from feedback_766") == [("F1", "thi-xa")]
