"""Aggregate reports (cchc/importer/aggregates.py): Biểu II.06a/VPCP/KSTT, 07a/BTP and a
city's "tổng hợp theo đơn vị", built here in code; the balance identity checked on import;
the reported rows used by the balance query only where a unit has no dossiers; 120 commune
reports loaded in one go and the compiled table (cchc/importer/compiled.py) balancing.

Every expected figure is written by hand or summed here from the generated counts.
"""

from __future__ import annotations

import io
import random
import shutil
from datetime import date

import duckdb
import openpyxl
import pytest

from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.importer.aggregates import FIELDS, load_reports, parse_period_title
from cchc.importer.compiled import compiled_table
from cchc.importer.errors import ImportFileError
from cchc.importer.load import undo
from cchc.store import db as cchc_db
from cchc.store import writer
from tests.apptest import open_app

JAN = dict(start=date(2018, 1, 1), end=date(2018, 1, 31), fields=[], channels=[])
# (1) total (2) new (3) online (4) in person+postal (5) carried (6) resolved (7) early (8) on time
# (9) late (10) in progress (11) within (12) overdue (13) withdrawn
HUNG = [25, 20, 12, 8, 5, 18, 10, 6, 2, 6, 5, 1, 1]    # 25 = 20 + 5 = 18 + 6 + 1


def _header(ws, first_col: int, top: int) -> None:
    """The II.06a header in three merged rows and the (1) … (13) row, from column first_col."""
    c = first_col
    groups = [("Số hồ sơ nhận giải quyết", 5), ("Số hồ sơ đã giải quyết", 4), ("Số hồ sơ đang giải quyết", 3),
              ("Số hồ sơ rút", 1)]
    col = c
    for name, width in groups:
        ws.cell(top, col, name)
        if width > 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + width - 1)
        col += width
    subs = ["Tổng số", "Trong kỳ", None, None, "Kỳ trước chuyển qua", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
            "Tổng số", "Trong hạn", "Quá hạn"]
    for i, text in enumerate(subs):
        if text:
            ws.cell(top + 1, c + i, text)
    ws.merge_cells(start_row=top + 1, start_column=c + 1, end_row=top + 1, end_column=c + 3)
    ws.cell(top + 2, c + 1, "Tổng số")
    ws.cell(top + 2, c + 2, "Trực tuyến")
    ws.cell(top + 2, c + 3, "Trực tiếp, bưu chính")
    for i in range(13):
        ws.cell(top + 3, c + i, f"({i + 1})")


def ii06a(unit_title: str | None, period_title: str, rows: list[tuple[str, list[int]]], *, blank_first: bool = False,
          sheets: list[tuple[str, str, list[tuple[str, list[int]]]]] | None = None) -> bytes:
    """A workbook of the form: title rows, the header, one row per (label, 13 counts)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, title, body in sheets or [("Biểu II.06a", unit_title, rows)]:
        ws = wb.create_sheet(sheet)
        ws.append(["Biểu số II.06a/VPCP/KSTT"])
        if title:
            ws.append([title])
        ws.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
        ws.append([period_title])
        top = ws.max_row + 2
        off = 1 if blank_first else 0  # 07a/BTP: a blank first column
        ws.cell(top, 1 + off, "STT")
        ws.cell(top, 2 + off, "Lĩnh vực, đơn vị")
        _header(ws, 3 + off, top)
        r = top + 4
        for i, (label, counts) in enumerate(body):
            ws.cell(r, 1 + off, i + 1 if not label.lower().startswith("tổng") else None)
            ws.cell(r, 2 + off, label)
            for k, v in enumerate(counts):
                ws.cell(r, 3 + off + k, v)
            r += 1
        ws.cell(r + 1, 2 + off, "Người lập biểu")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def db(tiny_db, tmp_path):
    """A copy of the tiny database with a commune that has no dossiers (Xã Hùng Vương)."""
    path = tmp_path / "agg.duckdb"
    shutil.copyfile(tiny_db, path)
    con = duckdb.connect(str(path))
    con.execute("insert into units (unit_code, name, short_name, kind, parent_code) values "
                "('hung-vuong', 'Xã Hùng Vương', 'Hùng Vương', 'commune', 'thi-xa')")
    con.close()
    return path


def _balance(path, units=("thi-xa", "le-loi", "kim-son", "hung-vuong")):
    cchc_db.clear_cache()
    frame = cchc_db.run_query("dossier_balance", path, **JAN, units=list(units))
    return frame.set_index(frame["unit_code"].fillna("TOTAL"))


def test_the_period_comes_from_the_title():
    assert parse_period_title(["Kỳ báo cáo: Quý I năm 2025"]) == Period.quarter(2025, 1)
    assert parse_period_title(["(6 tháng đầu năm 2018)"]) == Period.half(2018, 1)
    assert parse_period_title(["Tháng 1 năm 2018"]) == Period.month(2018, 1)
    assert parse_period_title(["Năm 2017"]) == Period.year(2017)
    assert parse_period_title(["Từ ngày 01/01/2018 đến ngày 31/01/2018"]) == Period.month(2018, 1)
    assert parse_period_title(["Biểu số II.06a"]) is None


def test_a_commune_report_is_used_where_the_commune_has_no_dossiers(db):
    # field rows and a total row; the unit is named in the title
    data = ii06a("UBND XÃ HÙNG VƯƠNG", "Kỳ báo cáo: Tháng 1 năm 2018",
                 [("Hộ tịch", [15, 12, 7, 5, 3, 11, 6, 4, 1, 3, 3, 0, 1]),
                  ("Chứng thực", [10, 8, 5, 3, 2, 7, 4, 2, 1, 3, 2, 1, 0]),
                  ("Tổng cộng", HUNG)])
    before = _balance(db)
    report, load_id = load_reports([("hung-vuong.xlsx", data)], db)
    assert (report.inserted, report.updated, report.unchanged, len(report.rows)) == (1, 0, 0, 1)
    after = _balance(db)
    row = after.loc["hung-vuong"]
    assert bool(row["reported"]) is True
    assert (row["carried_over"], row["received"], row["received_online"], row["received_in_person"]) == (5, 20, 12, 8)
    assert (row["resolved"], row["early"], row["on_time"], row["late"]) == (18, 10, 6, 2)
    assert (row["in_progress"], row["in_progress_within"], row["in_progress_overdue"], row["withdrawn"]) == (6, 5, 1, 1)
    assert row["ontime_rate"] == pytest.approx(100 * 16 / 18)
    # the other units are exactly as before (computed, not reported); the total adds the commune
    for unit in ("thi-xa", "le-loi", "kim-son"):
        assert not after.loc[unit, "reported"]
        assert list(after.loc[unit].drop("reported")) == list(before.loc[unit].drop("reported"))
    total = after.loc["TOTAL"]
    assert (total["carried_over"], total["received"], total["resolved"], total["in_progress"], total["withdrawn"]) == \
        (3 + 5, 6 + 20, 5 + 18, 3 + 6, 1 + 1)
    assert bool(total["reported"]) is True
    # another period, or a field filter: no reported figures
    cchc_db.clear_cache()
    feb = cchc_db.run_query("dossier_balance", db, **{**JAN, "start": date(2018, 2, 1), "end": date(2018, 2, 28)},
                            units=["hung-vuong"])
    assert not feb["reported"].any() and int(feb["received"].sum()) == 0
    ho_tich = cchc_db.run_query("dossier_balance", db, **{**JAN, "fields": ["ho-tich"]}, units=["hung-vuong"])
    assert not ho_tich["reported"].any()
    # loading the same report again changes nothing; undo removes it
    again, none = load_reports([("hung-vuong.xlsx", data)], db)
    assert (again.unchanged, none) == (1, None)
    undo(load_id, db)
    assert not _balance(db)["reported"].any()


def test_reported_and_computed_counts_are_never_added(db):
    # Lê Lợi has dossiers in January: its report is stored but the computed counts are used
    data = ii06a(None, "Tháng 1 năm 2018", [("Phường Lê Lợi", [100, 100, 50, 50, 0, 100, 100, 0, 0, 0, 0, 0, 0]),
                                           ("Xã Hùng Vương", HUNG)])
    before = _balance(db)
    report, _ = load_reports([("tong-hop.xlsx", data)], db)
    assert report.with_dossiers == ["le-loi 2018-01"]
    after = _balance(db)
    assert not after.loc["le-loi", "reported"] and after.loc["le-loi", "received"] == before.loc["le-loi", "received"] == 2
    assert after.loc["hung-vuong", "reported"] and after.loc["hung-vuong", "received"] == 20
    groups = cchc_db.run_query("dossier_balance_groups", db, **JAN, units=["thi-xa", "le-loi", "kim-son", "hung-vuong"])
    communes = groups.set_index("unit_group").loc["commune_ward"]
    # le-loi 2 + kim-son 1 computed, hung-vuong 20 reported
    assert (communes["received"], communes["carried_over"], bool(communes["reported"])) == (2 + 1 + 20, 0 + 1 + 5, True)


@pytest.mark.parametrize("counts, message", [
    ([120, 100, 60, 40, 15, 100, 50, 40, 10, 19, 10, 9, 1],
     "hung-vuong.xlsx / Biểu II.06a, dòng 10: tổng tiếp nhận 120 ≠ trong kỳ 100 + kỳ trước 15"),
    ([115, 100, 60, 30, 15, 100, 50, 40, 10, 14, 10, 4, 1],
     "hung-vuong.xlsx / Biểu II.06a, dòng 10: tiếp nhận trong kỳ 100 ≠ trực tuyến 60 + trực tiếp, bưu chính 30"),
    ([115, 100, 60, 40, 15, 100, 50, 40, 9, 14, 10, 4, 1],
     "hung-vuong.xlsx / Biểu II.06a, dòng 10: đã giải quyết 100 ≠ trước hạn 50 + đúng hạn 40 + quá hạn 9"),
    ([1115, 1100, 1060, 40, 15, 1000, 950, 40, 10, 114, 100, 4, 1],
     "hung-vuong.xlsx / Biểu II.06a, dòng 10: đang giải quyết 114 ≠ trong hạn 100 + quá hạn 4"),
    ([1115, 1100, 1060, 40, 15, 1000, 950, 40, 10, 104, 100, 4, 1],
     "hung-vuong.xlsx / Biểu II.06a, dòng 10: tổng tiếp nhận 1.115 ≠ đã giải quyết 1.000 + đang giải quyết 104 + rút 1"),
])
def test_a_report_that_does_not_add_up_is_refused_with_the_arithmetic(db, counts, message):
    data = ii06a("UBND xã Hùng Vương", "Tháng 1 năm 2018", [("Tổng cộng", counts)])
    version = writer.lock_path(db), db.stat().st_mtime_ns
    with pytest.raises(ImportFileError) as caught:
        load_reports([("hung-vuong.xlsx", data)], db)
    assert caught.value.message("vi") == message
    assert db.stat().st_mtime_ns == version[1]  # nothing written


def test_07a_with_a_blank_first_column_and_a_sheet_per_unit(db):
    sheets = [("Hùng Vương", "UBND xã Hùng Vương", [("Tổng số", HUNG)]),
              ("Kim Sơn", "UBND xã Kim Sơn", [("Tổng số", [4, 4, 0, 4, 0, 4, 4, 0, 0, 0, 0, 0, 0])])]
    data = ii06a(None, "Kỳ báo cáo: Quý I năm 2018", [], blank_first=True, sheets=sheets)
    report, _ = load_reports([("07a-BTP.xlsx", data)], db)
    assert sorted((r.unit_code, r.period.code, r.counts["received_new"]) for r in report.rows) == [
        ("hung-vuong", "2018-Q1", 20), ("kim-son", "2018-Q1", 4)]
    q1 = cchc_db.run_query("dossier_balance", db, **{**JAN, "end": date(2018, 3, 31)}, units=["hung-vuong", "kim-son"])
    q1 = q1.set_index(q1["unit_code"].fillna("TOTAL"))
    assert q1.loc["hung-vuong", "reported"] and q1.loc["hung-vuong", "received"] == 20
    assert not q1.loc["kim-son", "reported"]  # it has dossiers in Q1


def test_a_city_table_whose_total_row_is_wrong_is_refused(db):
    data = ii06a(None, "Tháng 1 năm 2018", [("Xã Hùng Vương", HUNG), ("Xã Kim Sơn", HUNG),
                                            ("Tổng cộng", [50, 40, 24, 16, 10, 37, 21, 12, 4, 12, 10, 2, 1])])
    with pytest.raises(ImportFileError) as caught:
        load_reports([("city.xlsx", data)], db)
    # the total row balances by itself (50 = 37 + 12 + 1) but is not the sum of the units
    assert caught.value.message("vi") == ("city.xlsx / Biểu II.06a, dòng 11: dòng tổng cộng cột (6) là 37, "
                                          "cộng các dòng trên được 36")


def test_an_unknown_unit_or_period_is_refused(db):
    data = ii06a(None, "Tháng 1 năm 2018", [("Xã Hùng Vương", HUNG), ("Xã Không Có", HUNG)])
    with pytest.raises(ImportFileError) as caught:
        load_reports([("city.xlsx", data)], db)
    assert caught.value.message("vi") == "city.xlsx / Biểu II.06a, dòng 10: đơn vị «Xã Không Có» không có trong danh mục đơn vị"
    no_period = ii06a("UBND xã Hùng Vương", "Báo cáo định kỳ", [("Tổng cộng", HUNG)])
    with pytest.raises(ImportFileError) as caught:
        load_reports([("x.xlsx", no_period)], db)
    assert caught.value.key == "agg_err_no_period"
    # --period gives it
    report, _ = load_reports([("x.xlsx", no_period)], db, Period.month(2018, 1))
    assert report.inserted == 1


def _commune_counts(rng: random.Random) -> list[int]:
    online, other, carried = rng.randint(0, 60), rng.randint(0, 60), rng.randint(0, 20)
    new = online + other
    total = new + carried
    withdrawn = rng.randint(0, min(2, total))
    resolved = rng.randint(0, total - withdrawn)
    early = rng.randint(0, resolved)
    on_time = rng.randint(0, resolved - early)
    late = resolved - early - on_time
    in_progress = total - withdrawn - resolved
    within = rng.randint(0, in_progress)
    return [total, new, online, other, carried, resolved, early, on_time, late, in_progress, within,
            in_progress - within, withdrawn]


def test_120_commune_reports_load_in_one_go_and_the_compiled_table_balances(tiny_db, tmp_path, capsys):
    path = tmp_path / "province.duckdb"
    shutil.copyfile(tiny_db, path)
    con = duckdb.connect(str(path))
    communes = [(f"xa-{i:03d}", f"Xã Thử Nghiệm {i:03d}", f"Thử Nghiệm {i:03d}", "commune", "thi-xa")
                for i in range(1, 121)]
    con.executemany("insert into units (unit_code, name, short_name, kind, parent_code) values (?, ?, ?, ?, ?)", communes)
    con.close()
    rng = random.Random(766)
    expected = {}
    files = []
    for code, name, *_ in communes:
        counts = _commune_counts(rng)
        expected[code] = counts
        f = tmp_path / f"{code}.xlsx"
        f.write_bytes(ii06a(f"UBND {name.upper()}", "Kỳ báo cáo: Tháng 1 năm 2018", [("Tổng cộng", counts)]))
        files.append(str(f))
    assert main(["import", *files, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "120 tệp, 120 trang tính, 120 dòng đơn vị – kỳ: thêm mới 120" in out
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*), sum(received_total) from reported_balances").fetchone() == (
        120, sum(c[0] for c in expected.values()))
    assert con.execute("select kind, inserted from load_log").fetchall() == [("aggregates", 120)]
    con.close()

    cchc_db.clear_cache()
    table = compiled_table(Period.month(2018, 1), None, path)
    units = table[~table["is_total"]].set_index("unit_code")
    assert len(units) == 123 and int(units["reported"].sum()) == 120
    for code, counts in expected.items():
        assert [int(units.loc[code, k]) for k in FIELDS] == counts
    # the tiny database's own units as computed by hand (tests/tiny_db.py): thi-xa carried 2, received 3 ...
    assert [int(units.loc["thi-xa", k]) for k in FIELDS] == [5, 3, 0, 3, 2, 3, 1, 1, 1, 2, 1, 1, 0]
    total = table[table["is_total"]].iloc[0]
    for i, k in enumerate(FIELDS):
        hand = sum(c[i] for c in expected.values()) + int(units.loc[["thi-xa", "le-loi", "kim-son"], k].sum())
        assert int(total[k]) == hand, k
    # the compiled table balances, row by row and in total
    for _, row in table.iterrows():
        assert row["received_total"] == row["received_new"] + row["carried_over"]
        assert row["received_new"] == row["received_online"] + row["received_in_person_postal"]
        assert row["resolved"] == row["early"] + row["on_time"] + row["late"]
        assert row["in_progress"] == row["in_progress_within"] + row["in_progress_overdue"]
        assert row["received_total"] == row["resolved"] + row["in_progress"] + row["withdrawn"]

    # the export command writes it; the file is a II.06a the importer reads back, same counts
    out_file = tmp_path / "compiled.xlsx"
    assert main(["export-aggregates", "--period", "2018-01", "--out", str(out_file), "--db", str(path)]) == 0
    assert "123 units (120 from their own reports)" in capsys.readouterr().out
    from cchc.importer.aggregates import _units, read_reports

    con = duckdb.connect(str(path), read_only=True)
    back = read_reports([("compiled.xlsx", out_file.read_bytes())], _units(con))
    con.close()
    assert {r.unit_code: [r.counts[k] for k in FIELDS] for r in back.rows if r.unit_code.startswith("xa-")} == expected


def test_a_refused_file_among_many_refuses_the_whole_load(db, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(ii06a("UBND xã Hùng Vương", "Tháng 1 năm 2018", [("Tổng cộng", HUNG)]))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(ii06a("UBND xã Kim Sơn", "Tháng 1 năm 2018", [("Tổng cộng", [9, 4, 0, 4, 4, 4, 4, 0, 0, 4, 4, 0, 0])]))
    before = db.read_bytes()
    assert main(["import", str(good), str(bad), "--db", str(db), "--kind", "aggregates"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: bad.xlsx / Biểu II.06a, dòng 10: tổng tiếp nhận 9 ≠ trong kỳ 4 + kỳ trước 4"
    assert db.read_bytes() == before


def test_the_progress_page_says_which_figures_a_unit_reported(db, monkeypatch):
    load_reports([("hung-vuong.xlsx", ii06a("UBND xã Hùng Vương", "Tháng 1 năm 2018", [("Tổng cộng", HUNG)]))], db)
    app = open_app(db, "app_pages/progress.py", monkeypatch, params={"period": "2018-01"})
    assert not app.exception and not app.error
    notes = [c.value for c in app.caption if "do đơn vị báo cáo" in c.value]
    assert notes == ["Số liệu do đơn vị báo cáo (đơn vị không có hồ sơ trong kỳ, số liệu lấy từ báo cáo tổng hợp): "
                     "Xã Hùng Vương."]
    # the balance table on the page counts the commune's 20 received with the 6 computed
    table = app.dataframe[0].value
    assert "26" in table.astype(str).to_numpy().ravel().tolist()
