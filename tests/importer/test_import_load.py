"""Loading into the tiny database: exact rows, idempotence, updates, all-or-nothing, undo,
no personal data, score sheets and catalogues."""

from __future__ import annotations

import hashlib
import importlib
import shutil
from datetime import date, time
from pathlib import Path

import duckdb
import pytest

from cchc.importer import ImportFileError, load, preview, undo
from cchc.store.db import run_query
from tests import import_fixtures as fx
from tests.paths import ROOT

loader = importlib.import_module("cchc.importer.load")  # the module (cchc.importer.load is also the function)
writer = importlib.import_module("cchc.store.writer")

DOSSIER_COLS = ("dossier_code, unit_code, procedure_code, channel, received_date, due_date, finished_date, "
                "returned_date, state, received_time, finished_time, supplement_count, load_id")


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    """A private copy of the tiny database (the session one must stay untouched)."""
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def rows(path: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table, every row, sorted: the whole content of a database."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database()").fetchall()]
        return {t: sorted(con.execute(f'select * from "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def x_dossiers(path: Path) -> list[tuple]:
    return rows(path, f"select {DOSSIER_COLS} from dossiers where dossier_code like 'X-%' order by dossier_code")


EXPECTED_X = [
    # code, unit, procedure, channel, received, due, finished, returned, state, rec. time, fin. time, supp., load
    ("X-001", "thi-xa", "P1", "in_person", date(2018, 2, 1), date(2018, 2, 22), date(2018, 2, 21), date(2018, 2, 23),
     10, time(8, 30), time(16, 0), 0, 1),
    ("X-002", "le-loi", "P2", "online", date(2018, 2, 5), date(2018, 2, 8), date(2018, 2, 7), None, 9, time(9, 15),
     time(10, 20), 0, 1),
    # Excel serial numbers 43137 / 43140
    ("X-003", "le-loi", "P2", "postal", date(2018, 2, 6), date(2018, 2, 9), None, None, 4, None, None, 0, 1),
    # no due date in the file: P2 has 3 working days, 13-14-15 Feb (tiny calendar: weekends only)
    ("X-004", "kim-son", "P2", "in_person", date(2018, 2, 12), date(2018, 2, 15), None, None, 4, None, None, 0, 1),
    ("X-005", "kim-son", "NEW-1", "in_person", date(2018, 2, 20), date(2018, 2, 27), date(2018, 2, 26),
     date(2018, 2, 26), 10, None, None, 0, 1),
]

EXPECTED_REJECTIONS = [
    (14, "Đơn vị tiếp nhận", "Phường Xuân Khanh", "imp_rej_unknown_unit"),
    (15, "Ngày kết thúc xử lý", "05/03/2018", "imp_rej_finish_before_received"),
    (16, "Ngày tiếp nhận", "31/02/2018", "imp_rej_bad_date"),
    (17, "Ngày tiếp nhận", "05/03/2099", "imp_rej_future_date"),
    (18, "Mã hồ sơ", "X-010", "imp_rej_duplicate_code"),
    (19, "Mã hồ sơ", "X-010", "imp_rej_duplicate_code"),
]


def test_export_loads_exact_rows(db):
    data = fx.dossiers_xlsx()
    before = dump(db)
    outcome = load(data, "so-theo-doi.xlsx", db)
    assert outcome.written and outcome.load_id == 1
    assert x_dossiers(db) == EXPECTED_X
    plan = outcome.plan
    assert (plan.accepted, plan.inserted, plan.updated, plan.unchanged, plan.rejected) == (5, 5, 0, 0, 6)
    assert [(r.row, r.column, r.value, r.key) for r in sorted(plan.rejections, key=lambda r: r.row)] == EXPECTED_REJECTIONS
    assert sorted(plan.rejections, key=lambda r: r.row)[0].reason("vi") == "Đơn vị không có trong danh mục đơn vị"
    # the unknown procedure is added from the file's code, name and field (a new field too)
    assert outcome.procedures_added == ["NEW-1"]
    assert rows(db, "select * from procedures where procedure_code = 'NEW-1'") == [
        ("NEW-1", "Đăng ký hoạt động tín ngưỡng", "ton-giao", "commune", None, None)]
    assert rows(db, "select * from fields where field_code = 'ton-giao'") == [("ton-giao", "Tôn giáo")]
    log = rows(db, "select load_id, file_name, sha256, kind, inserted, updated, rejected, undone_at from load_log")
    # the log keeps the file's type and hash, never its name (a name can carry an applicant's)
    assert log == [(1, "xlsx", hashlib.sha256(data).hexdigest(), "dossiers", 5, 0, 6, None)]
    # nothing else changed: the hand-written rows are all still there, untouched
    after = dump(db)
    assert set(before["dossiers"]) <= set(after["dossiers"])
    assert len(after["dossiers"]) == len(before["dossiers"]) + 5


@pytest.mark.parametrize("make", [
    fx.dossiers_xls,
    lambda: fx.encode_cp1258(fx.dossiers_csv_text(delimiter=";")),
    lambda: fx.dossiers_csv_text().encode("utf-16"),
], ids=["xls", "csv-cp1258", "csv-utf16"])
def test_other_formats_load_the_same_rows(db, make):
    outcome = load(make(), "export", db)
    assert outcome.plan.rejected == 6
    assert x_dossiers(db) == EXPECTED_X


def test_preview_writes_nothing(db):
    before = file_hash(db)
    outcome = preview(fx.dossiers_xlsx(), "so.xlsx", db)
    assert (outcome.plan.inserted, outcome.plan.rejected, outcome.load_id) == (5, 6, None)
    assert file_hash(db) == before
    assert not list(db.parent.glob("*.preview-*")) and not list(db.parent.glob("*.loading-*"))


def test_reimport_changes_nothing(db):
    data = fx.dossiers_xlsx()
    load(data, "so.xlsx", db)
    before, content = file_hash(db), dump(db)
    again = load(data, "so.xlsx", db)
    assert not again.written and again.load_id is None
    assert (again.plan.inserted, again.plan.updated, again.plan.unchanged) == (0, 0, 5)
    assert file_hash(db) == before  # not even a log row: the file was not rewritten
    assert dump(db) == content


def _row(code, pcode, unit, received, due, finished, returned, state, channel="Trực tiếp"):
    return (code, pcode, "Đăng ký khai sinh", "Hộ tịch", "", "", "", "", unit, channel, received, due, finished,
            returned, state)


def test_overlapping_export_updates_by_code_and_never_duplicates(db):
    load(fx.dossiers_xlsx(), "thang-2.xlsx", db)
    # a later export: X-003 has been finished since, X-011 is new, X-002 is the same
    later = [
        _row("X-002", "P2", "UBND phường Lê Lợi", "05/02/2018 09:15", "08/02/2018", "07/02/2018 10:20", "", "Đã xử lý xong",
             "Trực tuyến"),
        _row("X-003", "P2", "le loi", "06/02/2018", "09/02/2018", "09/02/2018 15:00", "12/02/2018", "Đã trả kết quả"),
        _row("X-011", "P2", "Lê Lợi", "01/03/2018", "06/03/2018", "", "", "Đang xử lý"),
    ]
    outcome = load(fx.dossiers_xlsx(rows=later), "thang-3.xlsx", db)
    assert (outcome.plan.inserted, outcome.plan.updated, outcome.plan.unchanged) == (1, 1, 1)
    got = {r[0]: r for r in x_dossiers(db)}
    assert len(got) == 6
    # the channel column says "Trực tiếp" now: a present column overwrites the stored value
    assert got["X-003"] == ("X-003", "le-loi", "P2", "in_person", date(2018, 2, 6), date(2018, 2, 9), date(2018, 2, 9),
                            date(2018, 2, 12), 10, None, time(15, 0), 0, 2)
    assert got["X-002"][-1] == 1  # unchanged: still the first load's row
    assert got["X-011"] == ("X-011", "le-loi", "P2", "in_person", date(2018, 3, 1), date(2018, 3, 6), None, None, 4,
                            None, None, 0, 2)
    # an older export again (X-003 still in progress there) never undoes the finish
    older = load(fx.dossiers_xlsx(), "thang-2.xlsx", db)
    assert (older.plan.older, older.plan.updated) == (1, 0)
    assert {r[0]: r for r in x_dossiers(db)}["X-003"] == got["X-003"]
    assert rows(db, "select count(*), count(distinct dossier_code) from dossiers") == [(18, 18)]  # 12 + 5 + X-011


@pytest.mark.parametrize("where", ["dossiers", "swap"])
def test_crash_mid_load_leaves_database_unchanged(db, monkeypatch, where):
    before, content = file_hash(db), dump(db)
    if where == "dossiers":
        original = loader.upsert

        def crashing(con, table, *args, **kwargs):
            original(con, table, *args, **kwargs)
            if table == "dossiers":  # fields, procedures and dossiers written: then the crash
                raise RuntimeError("disk on fire")

        monkeypatch.setattr(loader, "upsert", crashing)
    else:
        def crashing_replace(src, dst):
            raise OSError("power cut before the swap")

        monkeypatch.setattr(writer.os, "replace", crashing_replace)
    with pytest.raises((RuntimeError, OSError)):
        load(fx.dossiers_xlsx(), "so.xlsx", db)
    assert file_hash(db) == before
    assert dump(db) == content
    assert sorted(p.name for p in db.parent.iterdir()) == ["district.duckdb"]


def test_no_personal_value_anywhere(db):
    for data, name in ((fx.dossiers_xlsx(), "a.xlsx"), (fx.dossiers_xls(), "b.xls"),
                       (fx.encode_cp1258(fx.dossiers_csv_text(delimiter=";")), "c.csv")):
        load(data, name, db)
    outcome = preview(fx.dossiers_xlsx(), "a.xlsx", db)
    content = dump(db)
    text = repr(content)
    for value in fx.PERSONAL_VALUES:
        assert value not in text, value
    # not in what the preview shows either (rejected values come only from used columns)
    shown = repr([(r.column, r.value) for r in outcome.plan.rejections])
    assert not any(value in shown for value in fx.PERSONAL_VALUES)
    assert outcome.plan.table.personal == ["Người nộp", "Địa chỉ", "Số điện thoại", "Số giấy tờ"]
    raw = db.read_bytes()
    for value in fx.PERSONAL_VALUES:
        assert value.encode() not in raw


def test_undo_in_order_restores_everything(db):
    original = dump(db)
    load(fx.dossiers_xlsx(), "thang-2.xlsx", db)
    after_first = dump(db)
    later = [_row("X-003", "P2", "Lê Lợi", "06/02/2018", "09/02/2018", "09/02/2018", "12/02/2018", "Đã trả kết quả")]
    load(fx.dossiers_xlsx(rows=later), "thang-3.xlsx", db)
    with pytest.raises(ImportFileError) as err:
        undo(1, db)
    assert err.value.key == "imp_err_undo_later"
    assert err.value.message() == ("Lần nạp số 2 sau đó đã sửa cùng dữ liệu; hãy hoàn tác lần nạp 2 trước lần 1.")
    undo(2, db)
    undone = dump(db)
    assert {k: v for k, v in undone.items() if k not in ("load_log",) and not k.startswith("load_before")} == \
        {k: v for k, v in after_first.items() if k not in ("load_log",) and not k.startswith("load_before")}
    undo(1, db)
    final = dump(db)
    for table, content in original.items():
        if table == "load_log" or table.startswith("load_before"):
            continue
        assert final[table] == content, table
    assert [(r[0], r[8] is not None) for r in final["load_log"]] == [(1, True), (2, True)]
    with pytest.raises(ImportFileError) as err:
        undo(1, db)
    assert err.value.key == "imp_err_undo_done"


def test_demo_database_is_marked_mixed_and_back(db):
    con = duckdb.connect(str(db))
    con.execute("insert into dataset_info values ('kind', 'demo')")
    con.close()
    load(fx.dossiers_xlsx(), "so.xlsx", db)
    assert rows(db, "select value from dataset_info where key = 'kind'") == [("mixed",)]
    assert run_query("data_range", db=db).iloc[0]["dataset_kind"] == "mixed"
    undo(1, db)
    assert rows(db, "select * from dataset_info where key <> 'rollups_dossiers' order by key") == [("kind", "demo")]


def test_state_and_due_rules(db):
    table = [
        # returned date only, state "Đã trả kết quả": finished = returned
        _row("S-1", "P2", "Lê Lợi", "01/02/2018", "06/02/2018", "", "05/02/2018", "Đã trả kết quả"),
        # "Đã trả kết quả" with no date at all: cannot satisfy 'finished iff state 7/9/10'
        _row("S-2", "P2", "Lê Lợi", "01/02/2018", "06/02/2018", "", "", "Đã trả kết quả"),
        # "Đang xử lý" with a finish date
        _row("S-3", "P2", "Lê Lợi", "01/02/2018", "06/02/2018", "02/02/2018", "", "Đang xử lý"),
        # no due date and a procedure without statutory days
        _row("S-4", "NEW-2", "Lê Lợi", "01/02/2018", "", "", "", "Đang xử lý"),
        # no state column value: finished + returned -> 10
        _row("S-5", "P2", "Lê Lợi", "01/02/2018", "06/02/2018", "02/02/2018", "02/02/2018", ""),
        # received after its due date
        _row("S-6", "P2", "Lê Lợi", "10/02/2018", "06/02/2018", "", "", "Đang xử lý"),
    ]
    outcome = load(fx.dossiers_xlsx(rows=table), "s.xlsx", db)
    got = {r[0]: r for r in rows(db, f"select {DOSSIER_COLS} from dossiers where dossier_code like 'S-%'")}
    assert sorted(got) == ["S-1", "S-5"]
    assert got["S-1"][6:9] == (date(2018, 2, 5), date(2018, 2, 5), 10)
    assert got["S-5"][6:9] == (date(2018, 2, 2), date(2018, 2, 2), 10)
    assert [(r.row, r.key) for r in sorted(outcome.plan.rejections, key=lambda r: r.row)] == [
        (10, "imp_rej_state_needs_finish"), (11, "imp_rej_state_not_finished"), (12, "imp_rej_due_no_days"),
        (14, "imp_rej_due_before_received")]
    assert ("imp_note_finished_from_returned", {"count": 1}) in outcome.plan.notes


def test_formula_cell_rejects_its_row(db):
    outcome = preview(fx.dossiers_xlsx(formula_row=1), "f.xlsx", db)
    first = sorted(outcome.plan.rejections, key=lambda r: r.row)[0]
    assert (first.row, first.column, first.key) == (9, "Ngày hẹn trả", "imp_rej_formula")
    assert outcome.plan.accepted == 4


def test_bad_files_are_refused_without_change(db):
    before = file_hash(db)
    for data, key in ((b"", "imp_err_empty"), (b"\x00\x01binary\x02" * 40, "imp_err_not_spreadsheet"),
                      (fx.workbook_bytes([["Họ tên", "Tuổi"], ["A", 3]]), "imp_err_no_header")):
        with pytest.raises(ImportFileError) as err:
            load(data, "bad", db)
        assert err.value.key == key
    # every row rejected: nothing to load
    only_bad = [fx.ROWS[5], fx.ROWS[6]]
    with pytest.raises(ImportFileError) as err:
        load(fx.dossiers_xlsx(rows=only_bad), "bad.xlsx", db)
    assert err.value.key == "imp_err_nothing_accepted"
    assert file_hash(db) == before


def test_missing_database_is_refused(tmp_path):
    with pytest.raises(ImportFileError) as err:
        load(fx.dossiers_xlsx(), "so.xlsx", tmp_path / "nowhere.duckdb")
    assert err.value.key == "imp_err_no_database"
    assert not (tmp_path / "nowhere.duckdb").exists()


# -- PAR score sheets ----------------------------------------------------------------------


def test_score_sheet_defines_criteria_and_replaces_units_of_the_year(db):
    outcome = load(fx.scores_xlsx(), "diem-2018.xlsx", db)
    assert (outcome.plan.year, outcome.plan.inserted, outcome.plan.rejected) == (2018, 2, 0)
    # no criteria in the tiny database: the sheet's maximum-points row defines them
    assert rows(db, "select year, criterion_code, name, max_points::double, is_demo from par_criteria order by 2") == [
        (2018, "c1", "Công tác chỉ đạo, điều hành", 12.0, False),
        (2018, "c2", "Tổ chức thực hiện văn bản quy phạm pháp luật", 10.0, False),
        (2018, "c3", "TTHC và cơ chế một cửa, một cửa liên thông", 20.0, False),
    ]
    assert rows(db, "select unit_code, criterion_code, points::double from par_scores order by 1, 2") == [
        ("kim-son", "c1", 9.5), ("kim-son", "c2", 7.5), ("kim-son", "c3", 16.0),
        ("le-loi", "c1", 10.0), ("le-loi", "c2", 8.5), ("le-loi", "c3", 18.0),
    ]
    ranking = run_query("par_ranking", db=db, year=2018)
    assert list(zip(ranking["unit_code"], ranking["total"], ranking["rank"])) == [("le-loi", 36.5, 1), ("kim-son", 33.0, 2)]
    # a second sheet for Lê Lợi only replaces Lê Lợi's scores; Kim Sơn keeps its own
    second = load(fx.scores_xlsx(rows=[("Lê Lợi", 11, 9, 19)], with_max_row=False), "le-loi.xlsx", db)
    assert (second.plan.updated, second.plan.inserted) == (1, 0)
    assert rows(db, "select unit_code, sum(points)::double from par_scores group by 1 order by 1") == [
        ("kim-son", 33.0), ("le-loi", 39.0)]
    undo(2, db)
    assert rows(db, "select unit_code, sum(points)::double from par_scores group by 1 order by 1") == [
        ("kim-son", 33.0), ("le-loi", 36.5)]


def test_score_sheet_rejections(db):
    sheet = fx.scores_xlsx(rows=[("Phường Lê Lợi", 13, 8.5, 18), ("xã Kim Sơn", 9.5, "", 16), ("Phường Quang Trung", 1, 1, 1)])
    outcome = preview(sheet, "diem.xlsx", db)
    assert [(r.row, r.column, r.value, r.key) for r in sorted(outcome.plan.rejections, key=lambda r: r.row)] == [
        (5, "1. Công tác chỉ đạo, điều hành", "13", "imp_rej_points_range"),
        (6, "2. Tổ chức thực hiện văn bản quy phạm pháp luật", "", "imp_rej_missing"),
        (7, "Đơn vị", "Phường Quang Trung", "imp_rej_unknown_unit"),
    ]
    assert sorted(outcome.plan.rejections, key=lambda r: r.row)[0].reason() == "Điểm ngoài khoảng 0–12"


def test_score_sheet_without_year_is_refused(db):
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "1. Công tác chỉ đạo, điều hành"])
    ws.append(["Điểm tối đa", 12])
    ws.append(["Lê Lợi", 10])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportFileError) as err:
        load(buf.getvalue(), "diem.xlsx", db, kind="scores")
    assert err.value.key == "imp_err_no_year"


# -- procedure catalogues ------------------------------------------------------------------


def test_catalogue_adds_and_amends_procedures(db):
    outcome = load(fx.catalogue_xlsx(), "danh-muc.xlsx", db)
    assert (outcome.plan.inserted, outcome.plan.updated, outcome.plan.rejected) == (1, 1, 1)
    assert rows(db, "select * from procedures order by procedure_code") == [
        ("1.000578", "Đăng ký thành lập hộ kinh doanh", "ho-kinh-doanh", "district", 3, "full"),
        ("P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "dat-dai", "district", 12, "3"),
        ("P2", "Đăng ký khai sinh", "ho-tich", "commune", 3, "3"),
    ]
    assert rows(db, "select * from fields where field_code = 'ho-kinh-doanh'") == [("ho-kinh-doanh", "Hộ kinh doanh")]
    assert rows(db, "select * from procedure_events order by procedure_code") == [
        ("1.000578", date(2018, 2, 15), "published", "QĐ 123/QĐ-UBND"),
        ("P1", date(2018, 2, 15), "amended", "QĐ 123/QĐ-UBND"),
    ]
    rejection = outcome.plan.rejections[0]
    assert (rejection.row, rejection.column, rejection.key) == (6, "Lĩnh vực", "imp_rej_new_procedure_incomplete")
    undo(1, db)
    assert rows(db, "select procedure_code, processing_days from procedures order by 1") == [("P1", 10), ("P2", 3)]
    assert rows(db, "select count(*) from procedure_events") == [(0,)]
    assert rows(db, "select count(*) from fields") == [(2,)]


def test_rollups_are_rebuilt_after_load_and_undo(db, tmp_path):
    """Databases with the city-scale rollups (cchc/store/rollups.py) get them rebuilt in the same swap."""
    from cchc.store import rollups

    con = duckdb.connect(str(db))
    rollups.refresh(con)
    con.close()

    def flows(path):
        return rows(path, "select * from dossier_flows_monthly order by all")

    load(fx.dossiers_xlsx(), "so.xlsx", db)
    fresh = tmp_path / "fresh.duckdb"
    shutil.copyfile(db, fresh)
    con = duckdb.connect(str(fresh))
    rollups.refresh(con)
    con.close()
    assert flows(db) == flows(fresh)
    assert rows(db, "select value from dataset_info where key = 'rollups_dossiers'") == [("17",)]
    undo(1, db)
    assert rows(db, "select value from dataset_info where key = 'rollups_dossiers'") == [("12",)]


def test_missing_demo_database_is_built_first(tmp_path, monkeypatch):
    """Loading into the default (demo) database that does not exist yet builds it first,
    as the dashboard's first start would; the banner then says demo and real data are mixed."""
    from cchc.store import db as cchc_db

    demo = tmp_path / "demo.duckdb"
    monkeypatch.setattr(cchc_db, "DEMO_DB", demo)
    monkeypatch.delenv("CCHC_DB", raising=False)
    rows_ = [("HS-1", "P-NEW", "Cấp phép", "Xây dựng", "", "", "", "", "Phường Xuân Khanh", "Trực tiếp",
              "02/01/2018", "12/01/2018", "", "", "Đang xử lý")]
    outcome = load(fx.dossiers_xlsx(rows=rows_), "so.xlsx")
    assert outcome.written and outcome.db_path == demo.resolve()
    assert rows(demo, "select unit_code, procedure_code, load_id from dossiers where dossier_code = 'HS-1'") == [
        ("xuan-khanh", "P-NEW", 1)]
    assert rows(demo, "select value from dataset_info where key = 'kind'") == [("mixed",)]


# -- two writers at once -------------------------------------------------------------------


def _export(prefix: str, n: int) -> bytes:
    rows = [["Mã hồ sơ", "Mã TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]]
    for i in range(n):
        day = date(2018, 1, 2) + __import__("datetime").timedelta(days=i % 80)
        due = day + __import__("datetime").timedelta(days=5)
        rows.append([f"{prefix}-{i:05d}", "P2", "Lê Lợi", day.strftime("%d/%m/%Y"), due.strftime("%d/%m/%Y"),
                     "Đang xử lý"])
    return fx.workbook_bytes(rows)


def test_two_imports_at_once_with_different_tmpdirs_both_land(db, tmp_path):
    """Two processes with their own temporary directories import two files into the same
    database at the same moment: the lock next to the database serialises them, so neither
    swap throws the other's load away (with the lock in $TMPDIR, one of them was lost)."""
    import os
    import subprocess
    import sys

    n = 1500
    procs = []
    for prefix in ("A", "B"):
        export = tmp_path / f"{prefix}.xlsx"
        export.write_bytes(_export(prefix, n))
        tmpdir = tmp_path / f"tmp-{prefix}"
        tmpdir.mkdir()
        env = {**os.environ, "TMPDIR": str(tmpdir), "TMP": str(tmpdir), "TEMP": str(tmpdir)}
        procs.append(subprocess.Popen([sys.executable, "-m", "cchc", "import", str(export), "--db", str(db)],
                                      cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert rows(db, "select left(dossier_code, 2), count(*) from dossiers where dossier_code similar to '[AB]-.*' "
                    "group by 1 order by 1") == [("A-", n), ("B-", n)]
    assert rows(db, "select load_id, inserted from load_log order by load_id") == [(1, n), (2, n)]
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith("district")) == ["district.duckdb"]


def test_the_lock_is_next_to_the_database_whatever_the_tmpdir(db, tmp_path):
    import os
    import subprocess
    import sys

    other_tmp = tmp_path / "other-tmp"
    other_tmp.mkdir()
    probe = ("import sys; from pathlib import Path; from cchc.store import writer\n"
             "try:\n"
             "    with writer.lock(Path(sys.argv[1]), timeout=0.3):\n"
             "        print('locked')\n"
             "except writer.WriterBusy:\n"
             "    print('busy')\n")
    env = {**os.environ, "TMPDIR": str(other_tmp)}
    with writer.lock(db):
        assert writer.lock_path(db) == db.with_name("district.duckdb.lock") and writer.lock_path(db).exists()
        held = subprocess.run([sys.executable, "-c", probe, str(db)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
    assert held.stdout == "busy\n", held.stderr
    assert not writer.lock_path(db).exists()  # its holder removes it
    free = subprocess.run([sys.executable, "-c", probe, str(db)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert free.stdout == "locked\n", free.stderr


def test_copies_left_by_crashed_loads_are_removed_at_the_next_write(db):
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # a process that has ended
    leftovers = [db.with_name(f"district.duckdb.loading-{dead}.duckdb"),
                 db.with_name(f"district.duckdb.loading-{dead}.duckdb.wal"),
                 db.with_name(f"district.duckdb.preview-{dead}-3.duckdb")]
    for p in leftovers:
        p.write_bytes(b"half a copy")
    running = db.with_name("district.duckdb.loading-1.duckdb")  # pid 1 is always alive
    running.write_bytes(b"another process at work")
    load(fx.dossiers_xlsx(), "so.xlsx", db)
    assert [p.exists() for p in leftovers] == [False, False, False]
    assert running.exists()
    assert x_dossiers(db) == EXPECTED_X
