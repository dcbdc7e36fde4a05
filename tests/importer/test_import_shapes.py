"""Real export shapes (issue 14 item 1): HTML tables saved as .xls with dates as text
dd/MM/yyyy HH:mm:ss, a log without a procedure code, status words (OpenCPS's English ones and
a table the user extends: data/status_words.csv), and the state read from a title filter row."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from cchc.importer import mapping
from cchc.importer.errors import ImportFileError
from cchc.importer.load import preview
from tests import import_fixtures as fx


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def _html_xls(header: list[str], rows: list[list[str]], title: str = "") -> bytes:
    """What Thanh Hóa's one-stop system saves as .xls: an HTML table, dates as text."""
    cells = lambda r, tag: "".join(f"<{tag}>{c}</{tag}>" for c in r)  # noqa: E731
    caption = f'<tr><td colspan="{len(header)}">{title}</td></tr>' if title else ""
    body = "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows)
    return (f'<html><head><meta charset="utf-8"></head><body><table>{caption}<tr>{cells(header, "th")}</tr>'
            f"{body}</table></body></html>").encode()


def test_html_export_with_text_dates_status_words_and_no_procedure_code(db):
    data = _html_xls(
        ["Mã hồ sơ", "Tên TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý",
         "Trạng thái"],
        [["H-1", "Đăng ký khai sinh", "Lê Lợi", "05/02/2018 08:15:30", "08/02/2018 17:00:00", "07/02/2018 10:20:05",
          "done"],
         ["H-2", "Đăng ký khai sinh", "Kim Sơn", "06/02/2018 14:00:00", "09/02/2018 17:00:00", "", "processing"],
         ["H-3", "Đăng ký khai sinh", "Lê Lợi", "06/02/2018 09:00:00", "", "", "denied"],
         ["H-4", "Đăng ký khai sinh", "Lê Lợi", "07/02/2018 09:00:00", "", "07/02/2018 11:00:00", "cancelled"]],
    )
    plan = preview(data, "export.xls", db).plan
    assert plan.table.source == "html" and plan.rejections == []
    got = {r["dossier_code"]: (r["procedure_code"], r["received_date"], r["received_time"], r["due_date"],
                               r["finished_date"], r["finished_time"], r["state"])
           for r in plan.records.to_dict("records")}
    assert got == {
        "H-1": ("P2", date(2018, 2, 5), time(8, 15, 30), date(2018, 2, 8), date(2018, 2, 7), time(10, 20, 5), 10),
        "H-2": ("P2", date(2018, 2, 6), time(14, 0), date(2018, 2, 9), None, None, 4),
        # refused at reception: no due date is computed for it
        "H-3": ("P2", date(2018, 2, 6), time(9, 0), None, None, None, 3),
        "H-4": ("P2", date(2018, 2, 7), time(9, 0), date(2018, 2, 12), date(2018, 2, 7), time(11, 0), 7),
    }


def test_state_from_a_title_filter_row(db):
    data = fx.workbook_bytes([
        ["SỔ THEO DÕI HỒ SƠ"],
        ["Trạng thái hồ sơ: Đã trả kết quả"],
        ["Mã hồ sơ", "Mã TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả"],
        ["F-1", "P2", "Lê Lợi", "05/02/2018", "08/02/2018", "07/02/2018"],
        ["F-2", "P2", "Lê Lợi", "05/02/2018", "08/02/2018", None],
    ])
    outcome = preview(data, "loc.xlsx", db)
    plan = outcome.plan
    assert [(r["dossier_code"], r["state"], r["finished_date"], r["returned_date"])
            for r in plan.records.to_dict("records")] == [("F-1", 10, date(2018, 2, 7), date(2018, 2, 7))]
    assert [(r.row, r.key) for r in plan.rejections] == [(5, "imp_rej_state_needs_finish")]
    assert ("imp_note_file_state", {"state": 10}) in plan.notes


def test_the_user_extends_the_status_words(db, tmp_path, monkeypatch):
    words = tmp_path / "status_words.csv"
    words.write_text("word,state,source\nXong việc,9,our software\nquá hạn xử lý,,timeliness only\n", encoding="utf-8")
    monkeypatch.setattr(mapping, "STATUS_WORDS_FILE", words)
    data = fx.workbook_bytes([
        ["Mã hồ sơ", "Mã TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý", "Trạng thái"],
        ["W-1", "P2", "Lê Lợi", "05/02/2018", "08/02/2018", "07/02/2018", "XONG VIỆC"],
        ["W-2", "P2", "Lê Lợi", "05/02/2018", "08/02/2018", None, "Quá hạn xử lý"],
        ["W-3", "P2", "Lê Lợi", "05/02/2018", "08/02/2018", None, "done"],  # not in this table: unknown
    ])
    plan = preview(data, "w.xlsx", db).plan
    assert [(r["dossier_code"], r["state"]) for r in plan.records.to_dict("records")] == [("W-1", 9), ("W-2", 4)]
    assert [(r.row, r.key) for r in plan.rejections] == [(4, "imp_rej_bad_state")]
    words.write_text("word,state\nxong,11\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as exc:
        preview(data, "w.xlsx", db)
    assert exc.value.message() == "Bảng từ trạng thái status_words.csv, dòng 2: «11» không phải mã trạng thái 1–10."
    monkeypatch.undo()
    mapping.load_status_words()
