"""Directions (kết luận chỉ đạo) followed up: late computed by hand around the deadline, a
meeting's directions in the next meeting's report with counts computed by hand, the demo
seed, the Excel list, and the page (editing only from the server itself)."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import docx
import duckdb
import openpyxl
import pypdf
import pytest
from streamlit.testing.v1 import AppTest

from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.directions import store
from cchc.directions.excel import DirectionsFileError, read_directions
from cchc.directions.model import (
    DONE,
    OPEN,
    Direction,
    DirectionsInputError,
    FollowUp,
    from_editor,
    status_on,
)
from cchc.store import db
from tests.apptest import open_app

PAGE = "app_pages/directions.py"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(path)).pages)


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs] + [p.text for t in d.tables for c in t._cells for p in c.paragraphs]
    return " ".join(" ".join(parts).split())


# -- late, by hand ---------------------------------------------------------------------------
def test_late_is_computed_around_the_deadline():
    due = Direction("A", "Phòng Nội vụ", date(2018, 10, 31), OPEN)
    assert status_on(due, date(2018, 10, 30)) == "open"
    assert status_on(due, date(2018, 10, 31)) == "open"  # due today: not late yet
    assert status_on(due, date(2018, 11, 1)) == "late"
    done = Direction("B", "", date(2018, 10, 31), DONE)
    assert status_on(done, date(2019, 1, 1)) == "done"  # done is never late
    assert status_on(Direction("C"), date(2030, 1, 1)) == "open"  # no deadline: never late


def test_follow_up_counts_and_sentence():
    meeting = Period.parse("2018-H1")
    items = (Direction("A", "P1", date(2018, 9, 30), DONE), Direction("B", "P2", date(2018, 10, 31), OPEN),
             Direction("C", "P3", date(2018, 11, 30), OPEN), Direction("D", "", None, OPEN))
    # on 15/11/2018: A done; B late (31/10 passed); C and D open -> 1/4 done, 1 late
    f = FollowUp(meeting, date(2018, 11, 15), items)
    assert (f.total, f.done, [d.content for d in f.late]) == (4, 1, ["B"])
    assert f.sentence() == ("Kết luận chỉ đạo kỳ 6 tháng đầu năm 2018: 1/4 kết luận đã hoàn thành (tính đến ngày "
                            "15/11/2018); 1 quá hạn: B (P2, hạn 31/10/2018).")
    # on 01/12/2018 C is late too
    assert [d.content for d in FollowUp(meeting, date(2018, 12, 1), items).late] == ["B", "C"]
    assert FollowUp(meeting, date(2018, 9, 1), items).sentence().endswith("; không có kết luận nào quá hạn.")
    assert FollowUp(meeting, date(2018, 9, 1), ()).sentence() == \
        "Kỳ 6 tháng đầu năm 2018 chưa có kết luận chỉ đạo nào được ghi nhận."


# -- the demo: the 5 July 2018 meeting's directions, followed up in the H2 2018 report -------------
@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_h2_report_follows_up_the_h1_directions(demo_db, tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    out = tmp_path / f"r.{suffix}"
    # 15/11/2018: of the 5 seeded directions 1-3 are done, 4 (due 31/10) is late, 5 (due 30/11) is open
    assert main(["report", "--period", "2018-H2", "--date", "2018-11-15", "--out", str(out)]) == 0
    text = pdf_text(out) if suffix == "pdf" else docx_text(out)
    assert ("Kết luận chỉ đạo kỳ 6 tháng đầu năm 2018: 3/5 kết luận đã hoàn thành (tính đến ngày 15/11/2018); "
            "1 quá hạn: Đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính từ thị xã đến "
            "các xã, phường (Văn phòng HĐND - UBND thị xã; UBND các xã, phường, hạn 31/10/2018).") in text
    assert "Thời hạn và trạng thái của các kết luận là minh họa." in text
    assert "Chưa có kết luận chỉ đạo nào được ghi nhận cho kỳ 6 tháng cuối năm 2018." in text


def test_h2_report_after_both_deadlines(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    out = tmp_path / "r.pdf"
    assert main(["report", "--period", "2018-H2", "--date", "2019-01-05", "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "3/5 kết luận đã hoàn thành (tính đến ngày 05/01/2019); 2 quá hạn:" in text
    assert text.count("▼ Quá hạn") == 2 and text.count("Đã hoàn thành") == 3


def test_demo_seed_rows(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute("select meeting, seq, status, deadline, is_demo from directions order by seq").fetchall()
    finally:
        con.close()
    assert [(m, s, st_) for m, s, st_, _, _ in rows] == [("2018-H1", i, s) for i, s in
                                                         enumerate(["done", "done", "done", "open", "open"], 1)]
    assert all(demo for *_, demo in rows)


# -- saving through the writer, and the next meeting's report -----------------------------------
@pytest.fixture
def tiny_copy(tiny_db, tmp_path) -> Path:
    path = tmp_path / "tiny.duckdb"
    shutil.copyfile(tiny_db, path)
    db.clear_cache()
    return path


def test_saved_directions_reach_the_next_meeting(tiny_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_copy))
    assert store.load(Period.parse("2018-01")) == []  # an older file without the table reads as none
    january = [Direction("Rà soát hồ sơ quá hạn", "Bộ phận một cửa", date(2018, 2, 10), DONE),
               Direction("Niêm yết thủ tục mới", "UBND các xã, phường", date(2018, 2, 20), OPEN),
               Direction("Báo cáo tiến độ", "Văn phòng", None, OPEN)]
    store.save(Period.parse("2018-01"), january)
    assert store.load(Period.parse("2018-01")) == january
    out = tmp_path / "feb.pdf"
    # on 21/02/2018: 1 done, "Niêm yết" late (due 20/02), "Báo cáo" open (no deadline) -> 1/3, 1 late
    assert main(["report", "--period", "2018-02", "--date", "2018-02-21", "--out", str(out)]) == 0
    assert ("Kết luận chỉ đạo kỳ Tháng 1/2018: 1/3 kết luận đã hoàn thành (tính đến ngày 21/02/2018); 1 quá hạn: "
            "Niêm yết thủ tục mới (UBND các xã, phường, hạn 20/02/2018).") in pdf_text(out)
    # the January report lists them as its last part
    out = tmp_path / "jan.docx"
    assert main(["report", "--period", "2018-01", "--date", "2018-02-02", "--out", str(out)]) == 0
    assert (". Kết luận chỉ đạo 1. Rà soát hồ sơ quá hạn (Bộ phận một cửa; thời hạn 10/02/2018). "
            "2. Niêm yết thủ tục mới (UBND các xã, phường; thời hạn 20/02/2018). "
            "3. Báo cáo tiến độ (Văn phòng).") in docx_text(out)
    # saving again replaces the list
    store.save(Period.parse("2018-01"), january[:1])
    assert store.load(Period.parse("2018-01")) == january[:1]


def test_editor_rows():
    import pandas as pd

    frame = pd.DataFrame({"content": ["  A  ", None, "B"], "units": ["P", None, None],
                          "deadline": [date(2018, 9, 30), None, None], "status": [DONE, None, None]})
    assert from_editor(frame) == [Direction("A", "P", date(2018, 9, 30), DONE), Direction("B", "", None, OPEN)]
    frame.loc[1, "units"] = "P2"
    with pytest.raises(DirectionsInputError, match="Dòng 2: thiếu nội dung kết luận."):
        from_editor(frame)


# -- the Excel list ------------------------------------------------------------------------------
def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_list_is_read():
    data = xlsx([
        ["KẾT LUẬN CHỈ ĐẠO HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM 2018"],
        [],
        ["STT", "Nội dung", "Đơn vị thực hiện", "Thời hạn", "Trạng thái"],
        [1, "Kiểm tra công vụ", "Phòng Nội vụ", datetime(2018, 12, 31), "Đã hoàn thành"],
        [2, "Dịch vụ công mức độ 4", "Văn phòng", "30/11/2018", "Quá hạn"],
        [3, "Hướng dẫn xã, phường", None, None, None],
        [None, None, None, None, None],
    ])
    assert read_directions(data) == [
        Direction("Kiểm tra công vụ", "Phòng Nội vụ", date(2018, 12, 31), DONE),
        Direction("Dịch vụ công mức độ 4", "Văn phòng", date(2018, 11, 30), OPEN),  # late is computed, not read
        Direction("Hướng dẫn xã, phường", "", None, OPEN),
    ]


@pytest.mark.parametrize("rows, message", [
    ([["Nội dung", "Thời hạn"], ["A", "31/13/2018"]], "Dòng 2: thời hạn «31/13/2018» không phải ngày"),
    ([["Nội dung", "Trạng thái"], ["A", "hủy"]], "Dòng 2: trạng thái «hủy» không rõ"),
    ([["Việc", "Hạn"], ["A", "1/1/2018"]], "Không thấy cột «Nội dung»"),
    ([["Nội dung"]], "Tệp không có kết luận nào"),
])
def test_bad_excel_lists_are_sentences(rows, message):
    with pytest.raises(DirectionsFileError, match=message):
        read_directions(xlsx(rows))
    with pytest.raises(DirectionsFileError, match="Không đọc được tệp Excel"):
        read_directions(b"not a workbook")


# -- the page ------------------------------------------------------------------------------------
def open_page(monkeypatch, path: Path, period: str, signed_in_as: str | None = None) -> AppTest:
    return open_app(path, PAGE, monkeypatch, params={"period": period}, signed_in_as=signed_in_as)


def test_page_shows_statuses_and_offers_editing_locally(demo_db, monkeypatch):
    # without sign-in configured the local user is an admin (cchc/auth/roles.py), who may edit
    at = open_page(monkeypatch, demo_db, "2018-H1")
    assert at.title[0].value == "Kết luận chỉ đạo"
    table = at.dataframe[0].value
    assert list(table["Trạng thái"]) == ["Đã hoàn thành"] * 3 + ["Quá hạn"] * 2  # today is after 30/11/2018
    assert len(at.dataframe) == 2 and at.dataframe[1].proto.editing_mode  # the list and its editor
    assert at.button(key="dir_save").label == "Lưu danh sách"
    assert not at.warning


def test_page_refuses_edits_to_a_viewer(demo_db, tmp_path, monkeypatch):
    from cchc.auth.users import add_user

    path = tmp_path / "viewer.duckdb"
    shutil.copyfile(demo_db, path)
    add_user("viewer@son-tay.example", "viewer", [], path, actor="test")
    at = open_page(monkeypatch, path, "2018-H1", signed_in_as="viewer@son-tay.example")
    assert at.warning[0].value == "Chỉ cán bộ quản lý dữ liệu hoặc quản trị mới sửa được danh sách kết luận."
    assert not [b for b in at.button if b.key == "dir_save"]
    assert len(at.dataframe) == 1  # the list is still shown


def test_page_for_a_custom_range_says_why(demo_db, monkeypatch):
    at = open_app(demo_db, PAGE, monkeypatch, params={"from": "2018-01-01", "to": "2018-01-30"})
    assert not at.exception
    assert "hãy chọn kỳ thay cho khoảng ngày tự chọn" in at.info[0].value
