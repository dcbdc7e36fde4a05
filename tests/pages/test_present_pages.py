"""Presentation mode of the Hồ sơ, Kết luận and Dữ liệu pages (issue 16): slides, not
scrolling tables. The dossier list is pages of rows ("2 / 3"), the directions a slide of
directions, the Data page one slide of what the database holds; on the hand-computed tiny
database (tests/tiny_db.py) and the demo's directions."""

from __future__ import annotations

import pandas as pd
import pytest

from cchc.tables import dossiers as dossier_tables
from tests.apptest import new_app, run_page

PRESENT = {"present": "1"}


def counter(app) -> str:
    """The deck's "n / N" (the Markdown drawn in the counter's container)."""
    texts = [m.value for m in app.markdown if " / " in m.value and m.value.replace(" / ", "").replace(".", "").isdigit()]
    assert len(texts) == 1, texts
    return texts[0]


def slide_table(app) -> pd.DataFrame:
    assert len(app.table) == 1 and len(app.dataframe) == 0  # a slide table, never a scrolling grid
    return app.table[0].value


@pytest.fixture
def app(tiny_db, monkeypatch):
    return new_app(tiny_db, monkeypatch)


def test_the_dossier_list_is_slides_of_rows(app, monkeypatch):
    # January 2018 in received order: D5 D1 D12 D2 | D3 D6 D7 D11 | D4 (4 rows a slide: 3 slides)
    monkeypatch.setattr(dossier_tables, "SLIDE_ROWS", 4)
    run_page(app, "app_pages/dossiers.py", {**PRESENT, "period": "2018-01", "slide": "2"})
    assert counter(app) == "2 / 3"
    table = slide_table(app)
    assert list(table.columns) == ["Mã hồ sơ", "Đơn vị", "Thủ tục", "Hẹn trả", "Kết thúc", "Kết quả", "Ngày trễ"]
    assert table["Mã hồ sơ"].tolist() == ["D3", "D6", "D7", "D11"]
    d3 = table.iloc[0].tolist()
    # due Wed 24 Jan, finished Thu 25 Jan: late by one working day (AppTest reads the values
    # under the Styler's formats; the browser test reads them as shown)
    assert d3 == ["D3", "Thị xã", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", pd.Timestamp("2018-01-24"),
                  pd.Timestamp("2018-01-25"), "GQ quá hạn", 1]
    d7 = table.iloc[2]
    assert d7["Kết quả"] == "Trả lại/rút" and pd.isna(d7["Ngày trễ"])  # withdrawn: not late
    assert "Hồ sơ 5–8 trong 9 hồ sơ" in [c.value for c in app.caption]
    assert not [w for w in app.get("pagination")]  # the pager is the deck's


def test_the_last_dossier_slide_and_a_slide_past_the_end(app, monkeypatch):
    monkeypatch.setattr(dossier_tables, "SLIDE_ROWS", 4)
    run_page(app, "app_pages/dossiers.py", {**PRESENT, "period": "2018-01", "slide": "9"})
    assert counter(app) == "3 / 3"  # past the last: the last
    assert slide_table(app)["Mã hồ sơ"].tolist() == ["D4"]
    assert "Hồ sơ 9–9 trong 9 hồ sơ" in [c.value for c in app.caption]


def test_the_slides_follow_the_list_filters(app, monkeypatch):
    # late or overdue only, by days late, most first: D5 (32 working days), D3 (1)
    run_page(app, "app_pages/dossiers.py", {**PRESENT, "period": "2018-01", "dl_late": "true",
                                            "dl_sort": "days_late", "dl_desc": "true"})
    assert counter(app) == "1 / 1"
    table = slide_table(app)
    assert table["Mã hồ sơ"].tolist() == ["D5", "D3"]
    assert table["Ngày trễ"].tolist() == [32, 1]
    assert table.iloc[0]["Kết quả"] == "Đang GQ, quá hạn"


def test_a_long_procedure_name_is_cut_after_a_word():
    name = "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do đổi tên, thay đổi thông tin"
    assert len(name) == 105
    cut = dossier_tables.shortened(name)
    assert cut == "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do…"
    assert len(cut) <= dossier_tables.SLIDE_NAME_MAX
    assert dossier_tables.shortened("Đăng ký  khai sinh ") == "Đăng ký khai sinh"


def test_the_directions_are_a_slide_without_the_editor(demo_db, monkeypatch):
    app = new_app(demo_db, monkeypatch)
    run_page(app, "app_pages/directions.py", {**PRESENT, "period": "2018-H1"})
    assert counter(app) == "1 / 1"
    table = slide_table(app)
    assert list(table.columns) == ["Nội dung", "Đơn vị thực hiện", "Thời hạn", "Trạng thái"]
    assert len(table) == 5  # the 5 July 2018 meeting's five directions
    assert table.iloc[1].tolist()[:3] == ["Tăng cường kiểm tra công vụ đột xuất đối với các xã, phường", "Phòng Nội vụ",
                                          "31/12/2018"]
    assert not app.get("arrow_data_frame") and not app.get("file_uploader")  # no editor, no upload


def test_the_data_page_is_one_slide_of_what_the_data_hold(app):
    run_page(app, "app_pages/data.py", {**PRESENT, "period": "2018-01"})
    assert counter(app) == "1 / 1"
    table = slide_table(app)
    # tiny_db.py: 12 dossiers received 1 Dec 2017 to 31 Jan 2018 (Wednesday: the next day works,
    # so the data are complete to the 31st), 3 units, no PAR scores, nothing loaded
    assert table.values.tolist() == [
        ["Số hồ sơ", "12"],
        ["Ngày tiếp nhận", "từ 01/12/2017 đến 31/01/2018"],
        ["Số liệu đầy đủ đến hết ngày", "31/01/2018"],
        ["Số đơn vị", "3"],
        ["Năm chỉ số CCHC gần nhất", "—"],
        ["Lần nạp gần nhất", "chưa nạp tệp nào"],
    ]
    assert not app.get("file_uploader")
