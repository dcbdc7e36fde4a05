"""The "Dữ liệu" page run headless: upload, preview (nothing written), confirm, the other
pages show the data, undo; a broken file gets a clear message and changes nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import import_fixtures as fx
from tests.apptest import open_app

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(tiny_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    monkeypatch.setenv("CCHC_DB", str(path))
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_page() -> AppTest:
    # the URL seeds the shared filters on a session's first run
    return open_app(page="app_pages/data.py", params={"period": "2018-02"})


def metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def test_upload_preview_confirm_then_pages_show_it_then_undo(db):
    at = data_page()
    assert [i.value for i in at.info] == ["Chưa có lần nạp nào."]
    before = file_hash(db)
    at.file_uploader[0].set_value(("so-theo-doi.xlsx", fx.dossiers_xlsx(), XLSX))
    at.run()
    assert not at.exception and not at.error
    assert metrics(at) == [("Dòng hợp lệ", "5"), ("Thêm mới", "5"), ("Cập nhật", "0"), ("Dòng bị loại", "6")]
    text = " ".join(m.value for m in at.markdown)
    assert "Cột dữ liệu cá nhân bị bỏ (không đọc, không lưu): Người nộp, Địa chỉ, Số điện thoại, Số giấy tờ" in text
    new_procedures, rejected = (d.value for d in at.dataframe)  # no history yet: preview tables only
    assert list(rejected.columns) == ["Dòng", "Cột", "Giá trị", "Lý do"]
    assert rejected.iloc[0].tolist() == [14, "Đơn vị tiếp nhận", "Phường Xuân Khanh", "Đơn vị không có trong danh mục đơn vị"]
    assert len(rejected) == 6
    assert new_procedures.iloc[0].tolist() == ["NEW-1", "Đăng ký hoạt động tín ngưỡng", "ton-giao"]
    assert file_hash(db) == before  # the preview wrote nothing

    at.button(key="imp_confirm").click()
    at.run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Đã nạp (lần nạp số 1): thêm mới 5, cập nhật 0, bị loại 6."]
    history = at.dataframe[0].value
    assert history[["Lần nạp", "Tệp", "Loại", "Thêm mới", "Cập nhật", "Dòng bị loại"]].iloc[0].tolist() == [
        1, "xlsx", "Hồ sơ", "5", "0", "6"]

    # the dashboard shows the loaded dossiers: February 2018 on the overview
    at.switch_page("app_pages/overview.py")
    at.run()
    assert not at.exception and not at.error
    # town desk: X-001 received and resolved early; D4, D5 overdue in progress
    assert metrics(at)[:5] == [("Tiếp nhận", "1"), ("Đã giải quyết", "1"), ("Tỷ lệ đúng hạn", "100,0 %"),
                               ("Đang giải quyết quá hạn", "2"), ("Tỷ lệ trực tuyến", "0,0 %")]
    # communes/wards: X-002..X-005 received (X-002 online); early and D11 late; overdue
    assert metrics(at)[5:] == [("Tiếp nhận", "4"), ("Đã giải quyết", "3"), ("Tỷ lệ đúng hạn", "66,7 %"),
                               ("Đang giải quyết quá hạn", "2"), ("Tỷ lệ trực tuyến", "25,0 %")]

    at.switch_page("app_pages/data.py")
    at.run()
    at.checkbox(key="imp_undo_sure").check()
    at.run()
    at.button(key="imp_undo").click()
    at.run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Đã hoàn tác lần nạp số 1."]
    assert at.dataframe[0].value["Hoàn tác lúc"].iloc[0] != ""
    at.switch_page("app_pages/overview.py")
    at.run()
    assert metrics(at)[0] == ("Tiếp nhận", "0")


@pytest.mark.parametrize("name, content, message", [
    ("rong.xlsx", b"", "Tệp rỗng, không có dữ liệu."),
    ("anh.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "Tệp không phải bảng tính Excel (.xlsx, .xls) hoặc CSV."),
])
def test_broken_file_gets_a_clear_message_and_no_change(db, name, content, message):
    at = data_page()
    before = file_hash(db)
    at.file_uploader[0].set_value((name, content, XLSX))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert not [b for b in at.button if b.key == "imp_confirm"]
    assert file_hash(db) == before


def test_page_in_english(db):
    at = open_app(page="app_pages/data.py", params={"lang": "en"})
    at.file_uploader[0].set_value(("so.xlsx", fx.dossiers_xlsx(), XLSX))
    at.run()
    assert not at.exception
    assert metrics(at) == [("Rows accepted", "5"), ("New", "5"), ("Updated", "0"), ("Rows rejected", "6")]
    assert at.dataframe[1].value.iloc[0].tolist()[3] == "Unit not in the list of units"
