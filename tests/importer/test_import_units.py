"""The importer's one unit resolver (cchc/importer/units.py): units matched by official code
(leading zeros restored), by unit ID code, by the unit part of a dossier code and by old or
new names with or without their prefixes, on the row's date; an ended unit names its
successors. Used by the dossier log, the aggregate reports, the PAR score sheets and the 766
inputs.

Fixture units mirror the reform of 1 July 2025 in Sơn Tây (data/units.csv: the official code
09574 was phường Ngô Quyền until 30/06/2025 and is phường Sơn Tây since). The unit ID codes,
the second "Phường Lê Lợi" (le-loi-hd), Đặc khu Bạch Long Vĩ and Thị trấn Phùng with their
dates are invented for the test. Expected values are written by hand.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from cchc.__main__ import main
from cchc.i18n.labels import t
from cchc.importer.aggregates import load_reports
from cchc.importer.errors import ImportFileError
from cchc.importer.load import load, preview
from cchc.importer.mapping import CellError
from cchc.importer.units import DossierCode, UnitMatcher, parse_dossier_code
from tests.importer.test_import_aggregates import HUNG, _header

OLD_FROM, OLD_TO, NEW_FROM = date(2008, 8, 1), date(2025, 6, 30), date(2025, 7, 1)
UNITS = [
    ("thi-xa", "Bộ phận một cửa thị xã Sơn Tây", "Thị xã", "town", "269", None, OLD_FROM, OLD_TO),
    ("ngo-quyen", "Phường Ngô Quyền", "Ngô Quyền", "ward", "09574", "000.00.22.H15", OLD_FROM, OLD_TO),
    ("son-loc", "Phường Sơn Lộc", "Sơn Lộc", "ward", "09586", None, OLD_FROM, OLD_TO),
    ("kim-son", "Xã Kim Sơn", "Kim Sơn", "commune", "09610", None, OLD_FROM, OLD_TO),
    ("le-loi", "Phường Lê Lợi", "Lê Lợi", "ward", None, None, OLD_FROM, OLD_TO),
    ("le-loi-hd", "Phường Lê Lợi", "Lê Lợi", "ward", None, None, None, OLD_TO),
    ("phung", "Thị trấn Phùng", "Phùng", "commune", None, None, None, OLD_TO),
    ("son-tay", "Phường Sơn Tây", "Sơn Tây", "ward", "09574", "H15.50.05.13", NEW_FROM, None),
    ("tung-thien", "Phường Tùng Thiện", "Tùng Thiện", "ward", "09604", None, NEW_FROM, None),
    ("bach-long-vi", "Đặc khu Bạch Long Vĩ", "Bạch Long Vĩ", "commune", None, None, NEW_FROM, None),
    ("ha-noi", "Thành phố Hà Nội", "Hà Nội", "town", "01", None, None, None),
]
# old, new, is_default (unit_lineage); kim-son has none in this fixture; the town's desk also
# went partly to a unit not in the list (None)
LINEAGE = [("ngo-quyen", "son-tay", True), ("son-loc", "son-tay", True), ("son-loc", "tung-thien", False),
           ("thi-xa", "son-tay", True), ("thi-xa", "tung-thien", False), ("thi-xa", None, False)]
Y2018, Y2026 = date(2018, 2, 5), date(2026, 10, 8)


@pytest.fixture(scope="module")
def units() -> UnitMatcher:
    return UnitMatcher(UNITS, LINEAGE)


# -- dossier codes -------------------------------------------------------------------------

@pytest.mark.parametrize("code, parts", [
    ("H15.50.05.13-261008-0975", DossierCode("H15.50.05.13", date(2026, 10, 8), "0975")),   # Thanh Hóa's shape
    ("000.00.22.H15-180105-0001", DossierCode("000.00.22.H15", date(2018, 1, 5), "0001")),  # the older shape
    ("H56.14-240823-0001", DossierCode("H56.14", date(2024, 8, 23), "0001")),
    (" le-loi-180205-0001 ", DossierCode("le-loi", date(2018, 2, 5), "0001")),  # a slug, blanks around
    ("H15.50.05.13-261308-0975", None),    # month 13
    ("H15.50.05.13-260229-0975", None),    # 29 Feb 2026: no such day
    ("H15.50.05.13-2610080975", None),     # no dash before the sequence
    ("H15.50.05.13-261008-", None),        # no sequence
    ("-261008-0975", None),                # no unit
    ("H15 50-261008-0975", None),          # a blank inside the unit
    ("X-001", None), ("", None), (None, None), (261008, None),
])
def test_dossier_codes_are_read_or_left_alone(code, parts):
    assert parse_dossier_code(code) == parts


# -- the resolver --------------------------------------------------------------------------

@pytest.mark.parametrize("value, day, code", [
    # official code; Excel drops the leading zero of a number cell
    ("09574", Y2018, "ngo-quyen"), (9574, Y2018, "ngo-quyen"), (9574.0, Y2026, "son-tay"), ("9574", Y2026, "son-tay"),
    (269, Y2018, "thi-xa"), (1, Y2026, "ha-noi"), ("01", None, "ha-noi"), (" 09604 ", Y2026, "tung-thien"),
    # unit ID code (mã định danh), both shapes, case ignored
    ("H15.50.05.13", Y2026, "son-tay"), ("h15.50.05.13", Y2026, "son-tay"), ("000.00.22.H15", Y2018, "ngo-quyen"),
    # names, old and new, with or without prefixes, diacritics and case ignored
    ("UBND phường Ngô Quyền", Y2018, "ngo-quyen"), ("ngo quyen", Y2018, "ngo-quyen"), ("NGÔ QUYỀN", Y2018, "ngo-quyen"),
    ("Sơn Tây", Y2018, "thi-xa"), ("Sơn Tây", Y2026, "son-tay"), ("Thị xã Sơn Tây", Y2018, "thi-xa"),
    ("UBND phường Sơn Tây", Y2026, "son-tay"), ("Trung tâm Phục vụ hành chính công phường Sơn Tây", Y2026, "son-tay"),
    ("Đặc khu Bạch Long Vĩ", Y2026, "bach-long-vi"), ("UBND đặc khu Bạch Long Vĩ", Y2026, "bach-long-vi"),
    ("Bạch Long Vĩ", Y2026, "bach-long-vi"), ("UBND thị trấn Phùng", Y2018, "phung"), ("Phùng", Y2018, "phung"),
    ("son-tay", Y2026, "son-tay"), ("Tùng Thiện", None, "tung-thien"),
])
def test_each_way_of_matching(units, value, day, code):
    assert units.match(value, day) == code


def test_a_period_across_the_reform_takes_the_unit_valid_at_its_end(units):
    assert units.match("Sơn Tây", date(2025, 1, 1), date(2025, 12, 31)) == "son-tay"
    assert units.match("09574", date(2025, 4, 1), date(2025, 6, 30)) == "ngo-quyen"
    assert units.match("Ngô Quyền", date(2025, 1, 1), date(2025, 12, 31)) == "ngo-quyen"  # existed in part of it


def _error(units, value, first, last=None) -> tuple[str, str]:
    with pytest.raises(CellError) as caught:
        units.match(value, first, last)
    return caught.value.key, t(caught.value.key, "vi", **caught.value.values)


def test_a_unit_after_its_end_names_its_successors(units):
    assert _error(units, "Phường Ngô Quyền", Y2026) == (
        "imp_rej_unit_ended",
        "Phường Ngô Quyền đã sáp nhập vào Phường Sơn Tây từ 01/07/2025; hồ sơ nhận ngày 08/10/2026 phải ghi cho đơn vị mới")
    assert _error(units, "Sơn Lộc", Y2026)[1] == (
        "Phường Sơn Lộc đã sáp nhập vào Phường Sơn Tây và Phường Tùng Thiện từ 01/07/2025; hồ sơ nhận ngày 08/10/2026 "
        "phải ghi cho đơn vị mới")
    # the part that went to a unit outside the list is not named
    assert _error(units, "Thị xã Sơn Tây", Y2026)[1] == (
        "Bộ phận một cửa thị xã Sơn Tây đã sáp nhập vào Phường Sơn Tây và Phường Tùng Thiện từ 01/07/2025; "
        "hồ sơ nhận ngày 08/10/2026 phải ghi cho đơn vị mới")
    assert _error(units, "Xã Kim Sơn", Y2026) == (
        "imp_rej_unit_closed",
        "Xã Kim Sơn chỉ hoạt động đến ngày 30/06/2025; hồ sơ nhận ngày 08/10/2026 không thể ghi cho đơn vị này")
    assert _error(units, "Phường Sơn Tây", Y2018) == (
        "imp_rej_unit_not_yet",
        "Phường Sơn Tây chỉ có từ ngày 01/07/2025; hồ sơ nhận ngày 05/02/2018 phải ghi cho đơn vị có ngày đó")
    # the re-used code on a date before the new unit and after the old one: never both
    assert units.match("09574", OLD_TO) == "ngo-quyen" and units.match("09574", NEW_FROM) == "son-tay"


def test_ambiguous_and_unknown_units_are_refused(units):
    assert _error(units, "Lê Lợi", Y2018) == (
        "imp_rej_unit_ambiguous",
        "Đơn vị khớp nhiều đơn vị: Phường Lê Lợi (le-loi) và Phường Lê Lợi (le-loi-hd); hãy ghi mã đơn vị")
    # without a date the re-used code fits two units
    assert _error(units, "09574", None)[1] == (
        "Đơn vị khớp nhiều đơn vị: Phường Ngô Quyền (ngo-quyen) và Phường Sơn Tây (son-tay); hãy ghi mã đơn vị")
    assert _error(units, "Phường Quang Trung", Y2018)[0] == "imp_rej_unknown_unit"
    assert _error(units, "99999", Y2018)[0] == "imp_rej_unknown_unit"
    assert _error(units, 9574.5, Y2018)[0] == "imp_rej_unknown_unit"
    assert _error(units, None, Y2018)[0] == "imp_rej_missing"
    assert _error(units, "  ", Y2018)[0] == "imp_rej_missing"


# -- through the dossier import ------------------------------------------------------------

TODAY = date(2026, 11, 1)


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    """The tiny database (thi-xa, le-loi, kim-son; P2 = Đăng ký khai sinh) with the units of
    the reform: the town's desk ends on 30/06/2025; Ngô Quyền (09574, ID 000.00.22.H15) until
    then, Sơn Tây (09574, ID H15.50.05.13) and Tùng Thiện since; a second Phường Lê Lợi."""
    path = tmp_path / "units.duckdb"
    shutil.copyfile(tiny_db, path)
    con = duckdb.connect(str(path))
    con.execute("update units set official_code = '269', valid_from = ?, valid_to = ? where unit_code = 'thi-xa'",
                [OLD_FROM, OLD_TO])
    rows = [u for u in UNITS if u[0] in ("ngo-quyen", "son-loc", "son-tay", "tung-thien", "le-loi-hd")]
    con.executemany("insert into units (unit_code, name, short_name, kind, official_code, id_code, valid_from, valid_to,"
                    " parent_code) values (?, ?, ?, ?, ?, ?, ?, ?, null)", rows)
    con.executemany("insert into unit_lineage values (?, ?, ?, ?, ?)",
                    [("ngo-quyen", "son-tay", "09574", True, True), ("son-loc", "son-tay", "09574", False, True),
                     ("son-loc", "tung-thien", "09604", False, False)])
    con.close()
    return path


HEADER = ["Mã hồ sơ", "Mã TTHC", "Đơn vị tiếp nhận", "Kênh", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]
ROWS = [  # spreadsheet rows 2 …
    ["H15.50.05.13-261008-0975", "P2", "09574", "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 2 son-tay
    ["HS-3", "P2", 9574, "Trực tiếp", "05/02/2018", "08/02/2018", "Đang xử lý"],       # 3 number cell: ngo-quyen
    ["HS-4", "P2", "Phường Ngô Quyền", "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 4 ended
    ["H15.50.05.13-261009-0976", "P2", None, "Trực tiếp", "09/10/2026", "14/10/2026", "Đang xử lý"],  # 5 code: son-tay
    ["000.00.22.H15-180105-0001", "P2", None, "Trực tiếp", "05/01/2018", "10/01/2018", "Đang xử lý"],  # 6 ngo-quyen
    ["HS-7", "P2", None, "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],       # 7 no unit at all
    ["HS-8", "P2", "Sơn Tây", "Trực tiếp", "06/02/2018", "09/02/2018", "Đang xử lý"],   # 8 the town's desk then
    ["HS-9", "P2", "Sơn Tây", "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],   # 9 the ward now
    ["HS-10", "P2", "Lê Lợi", "Trực tiếp", "07/02/2018", "12/02/2018", "Đang xử lý"],   # 10 two Lê Lợi
    ["H15.50.05.13-261001-0977", "P2", None, "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 11 noted
    ["H15.50.05.13-261002-0978", "P2", None, "Trực tuyến", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 12 online
    ["H15.50.05.13-261012-0979", "P2", None, "Trực tuyến", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 13 noted
    ["000.00.22.H15-261008-0001", "P2", None, "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 14 ended
    ["H99.1-261008-0001", "P2", None, "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],  # 15 unknown ID
]


def _xlsx(header: list, rows: list[list], title: list[str] = ()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for text in title:
        ws.append([text])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_dossier_import_resolves_units_by_code_name_and_date(db):
    outcome = load(_xlsx(HEADER, ROWS), "hoso.xlsx", db, today=TODAY)
    plan = outcome.plan
    assert (plan.accepted, plan.rejected) == (9, 5)
    reasons = {r.row: (r.column, r.value, r.reason("vi")) for r in plan.rejections}
    assert reasons == {
        4: ("Đơn vị tiếp nhận", "Phường Ngô Quyền",
            "Phường Ngô Quyền đã sáp nhập vào Phường Sơn Tây từ 01/07/2025; hồ sơ nhận ngày 08/10/2026 phải ghi cho "
            "đơn vị mới"),
        7: ("Đơn vị tiếp nhận", "", "Thiếu giá trị bắt buộc"),
        10: ("Đơn vị tiếp nhận", "Lê Lợi",
             "Đơn vị khớp nhiều đơn vị: Phường Lê Lợi (le-loi) và Phường Lê Lợi (le-loi-hd); hãy ghi mã đơn vị"),
        14: ("Mã hồ sơ", "000.00.22.H15-261008-0001",
             "Phường Ngô Quyền đã sáp nhập vào Phường Sơn Tây từ 01/07/2025; hồ sơ nhận ngày 08/10/2026 phải ghi cho "
             "đơn vị mới"),
        15: ("Mã hồ sơ", "H99.1-261008-0001",
             "Mã đơn vị «H99.1» trong mã hồ sơ không khớp mã định danh, mã đơn vị hay tên đơn vị nào trong danh mục; "
             "hãy thêm cột Đơn vị tiếp nhận"),
    }
    notes = [t(key, "vi", **values) for key, values in plan.notes]
    assert notes == ["2 hồ sơ có ngày trong mã hồ sơ khác ngày tiếp nhận (dòng 11, 13): đã dùng ngày tiếp nhận."]
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute("select dossier_code, unit_code, received_date from dossiers where load_id is not null "
                      "order by dossier_code").fetchall()
    con.close()
    assert got == [
        ("000.00.22.H15-180105-0001", "ngo-quyen", date(2018, 1, 5)),
        ("H15.50.05.13-261001-0977", "son-tay", date(2026, 10, 8)),
        ("H15.50.05.13-261002-0978", "son-tay", date(2026, 10, 8)),
        ("H15.50.05.13-261008-0975", "son-tay", date(2026, 10, 8)),
        ("H15.50.05.13-261009-0976", "son-tay", date(2026, 10, 9)),
        ("H15.50.05.13-261012-0979", "son-tay", date(2026, 10, 8)),
        ("HS-3", "ngo-quyen", date(2018, 2, 5)),
        ("HS-8", "thi-xa", date(2018, 2, 6)),
        ("HS-9", "son-tay", date(2026, 10, 8)),
    ]


def test_a_file_of_an_ended_unit_changes_nothing(db, tmp_path, capsys):
    data = _xlsx(HEADER, [ROWS[2]])  # Ngô Quyền, received 08/10/2026
    before = db.read_bytes()
    with pytest.raises(ImportFileError) as caught:
        load(data, "hoso.xlsx", db, today=TODAY)
    assert caught.value.key == "imp_err_nothing_accepted"
    assert db.read_bytes() == before
    f = tmp_path / "hoso.xlsx"
    f.write_bytes(data)
    assert main(["import", str(f), "--db", str(db), "--dry-run"]) == 1  # prints the rows, then refuses
    out, err = capsys.readouterr()
    assert ("  dòng 2 · Đơn vị tiếp nhận · «Phường Ngô Quyền» · Phường Ngô Quyền đã sáp nhập vào Phường Sơn Tây từ "
            "01/07/2025; hồ sơ nhận ngày 08/10/2026 phải ghi cho đơn vị mới") in out.splitlines()
    assert err == "error: Không có dòng hợp lệ nào để nạp (1 dòng bị loại).\n"
    assert db.read_bytes() == before


def test_the_unit_of_the_title_is_checked_on_each_date(db):
    data = _xlsx(["Mã hồ sơ", "Mã TTHC", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"],
                 [["NQ-1", "P2", "05/02/2018", "08/02/2018", "Đang xử lý"],
                  ["NQ-2", "P2", "08/10/2026", "13/10/2026", "Đang xử lý"]],
                 title=["SỔ THEO DÕI HỒ SƠ - UBND PHƯỜNG NGÔ QUYỀN"])
    plan = preview(data, "hoso.xlsx", db, today=TODAY).plan
    assert list(plan.records["dossier_code"]) == ["NQ-1"] and set(plan.records["unit_code"]) == {"ngo-quyen"}
    [rejection] = plan.rejections
    assert (rejection.column, rejection.value, rejection.key) == ("Ngày tiếp nhận", "08/10/2026", "imp_rej_unit_ended")


# -- aggregate reports and score sheets ----------------------------------------------------

def _city_report(period_title: str, rows: list[tuple[object, str]]) -> bytes:
    """A compiled II.06a with a "Mã đơn vị" column before the unit's name; every row HUNG."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu II.06a"
    ws.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    ws.append([period_title])
    top = 4
    ws.cell(top, 1, "STT")
    ws.cell(top, 2, "Mã đơn vị")
    ws.cell(top, 3, "Tên đơn vị")
    _header(ws, 4, top)
    for i, (code, name) in enumerate(rows):
        r = top + 4 + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, code)
        ws.cell(r, 3, name)
        for k, v in enumerate(HUNG):
            ws.cell(r, 4 + k, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_aggregate_reports_match_units_by_official_code_in_their_period(db):
    # the code column decides (text, or a number cell that lost its zero), whatever the name says
    data = _city_report("Quý III năm 2025", [("09574", "Sơn Tây (mới)"), (9604, "Tùng Thiện")])
    report, load_id = load_reports([("tong-hop.xlsx", data)], db)
    assert load_id is not None
    assert sorted((r.unit_code, r.row) for r in report.rows) == [("son-tay", 8), ("tung-thien", 9)]
    # the same code in the quarter before the reform is phường Ngô Quyền
    report, _ = load_reports([("q2.xlsx", _city_report("Quý II năm 2025", [(9574, "")]))], db, dry_run=True)
    assert [r.unit_code for r in report.rows] == ["ngo-quyen"]


def test_an_aggregate_report_of_an_ended_unit_is_refused(db):
    before = db.read_bytes()
    data = _city_report("Quý III năm 2025", [("09574", "Sơn Tây"), ("09586", "Sơn Lộc")])
    with pytest.raises(ImportFileError) as caught:
        load_reports([("tong-hop.xlsx", data)], db)
    assert caught.value.message("vi") == (
        "tong-hop.xlsx / Biểu II.06a, dòng 9: Phường Sơn Lộc chỉ có hiệu lực 01/08/2008 – 30/06/2025, không có trong "
        "kỳ 01/07/2025 – 30/09/2025 (đơn vị kế thừa: Phường Sơn Tây và Phường Tùng Thiện)")
    assert db.read_bytes() == before


def test_766_feedback_matches_its_unit_on_its_reception_date(db):
    data = _xlsx(["Mã PAKN", "Đơn vị xử lý", "Ngày tiếp nhận", "Hạn xử lý", "Ngày trả lời", "Hài lòng"],
                 [["F1", "09574", "08/10/2026", "20/10/2026", "10/10/2026", "Có"],
                  ["F2", "Phường Ngô Quyền", "08/10/2026", "20/10/2026", None, None],
                  ["F3", 9574, "05/02/2018", "20/02/2018", "06/02/2018", "Không"]])
    plan = load(data, "pakn.xlsx", db, kind="feedback766", today=TODAY).plan
    assert sorted(zip(plan.records["feedback_id"], plan.records["unit_code"])) == [("F1", "son-tay"), ("F3", "ngo-quyen")]
    assert [(r.row, r.key, r.values["successors"]) for r in plan.rejections] == [(3, "imp_rej_unit_ended", "Phường Sơn Tây")]


def test_score_sheets_match_the_unit_of_their_year(db):
    from tests import import_fixtures as fx

    plan = preview(fx.scores_xlsx(2018, rows=[("Sơn Tây", 10, 8, 18)]), "diem.xlsx", db, today=TODAY).plan
    assert set(plan.records["unit_code"]) == {"thi-xa"}
    plan = preview(fx.scores_xlsx(2026, rows=[("Sơn Tây", 10, 8, 18)]), "diem.xlsx", db, today=TODAY).plan
    assert set(plan.records["unit_code"]) == {"son-tay"}


def test_the_demo_units_and_lineage_resolve_the_reused_code(demo_db):
    # the real data/units.csv and unit_lineage.csv as the demo database holds them
    con = duckdb.connect(str(demo_db), read_only=True)
    procedure = con.execute("select min(procedure_code) from procedures where level = 'commune'").fetchall()[0][0]
    con.close()
    data = _xlsx(HEADER, [["T-1", procedure, 9574, "Trực tiếp", "08/10/2026", "13/10/2026", "Đang xử lý"],
                          ["T-2", procedure, 9574, "Trực tiếp", "05/02/2018", "08/02/2018", "Đang xử lý"],
                          ["T-3", procedure, "UBND phường Ngô Quyền", "Trực tiếp", "08/10/2026", "13/10/2026",
                           "Đang xử lý"]])
    plan = preview(data, "hoso.xlsx", demo_db, today=TODAY).plan
    assert sorted(zip(plan.records["dossier_code"], plan.records["unit_code"])) == [("T-1", "son-tay"),
                                                                                   ("T-2", "ngo-quyen")]
    assert [r.reason("vi") for r in plan.rejections] == [
        "Phường Ngô Quyền đã sáp nhập vào Phường Sơn Tây từ 01/07/2025; hồ sơ nhận ngày 08/10/2026 phải ghi cho "
        "đơn vị mới"]
