"""The procedures page (Thủ tục hành chính, /thu-tuc) run headless with AppTest.

On the PAR fixture's procedure history (tests/par_fixture.py, hand-computed there): the count
in force around publish/abolish boundaries, changes in a period, online levels, processing
times, the search. On the demo database: the figures of the source report for 2018-H1
(292 district procedures in 11 fields, 2 new, 2 abolished, 17 amended).
"""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cchc.store.db import run_query
from tests.apptest import open_app
from tests.par_fixture import build_par_db

PAGE = "app_pages/procedures.py"

IN_FORCE_DISTRICT = "TTHC cấp huyện/thị xã"
FIELDS_DISTRICT = "Số lĩnh vực – cấp huyện/thị xã"
IN_FORCE_COMMUNE = "TTHC cấp xã"
FIELDS_COMMUNE = "Số lĩnh vực – cấp xã"


@pytest.fixture(scope="module")
def par_db(tmp_path_factory) -> Path:
    return build_par_db(tmp_path_factory.mktemp("procedures") / "par.duckdb")


def open_page(db: Path, monkeypatch, **params) -> AppTest:
    return open_app(db, PAGE, monkeypatch, params=params)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_with(at: AppTest, column: str):
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def in_force(at: AppTest) -> tuple[str, str, str, str]:
    m = metrics(at)
    return (m[IN_FORCE_DISTRICT], m[FIELDS_DISTRICT], m[IN_FORCE_COMMUNE], m[FIELDS_COMMUNE])


def test_quarter_catalogue_changes_and_levels(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    assert not at.exception and not at.error
    # default day: the period end, 31 Mar 2018: P1 (district); P2, P3, P5 (commune)
    assert at.date_input(key="tt_on_date").value == date(2018, 3, 31)
    assert in_force(at) == ("1", "1", "3", "2")
    catalogue = table_with(at, "Lĩnh vực")
    assert [tuple(r) for r in catalogue[["Lĩnh vực", "Cấp huyện/thị xã", "Cấp xã", "Tổng"]].itertuples(index=False)] == [
        ("Hộ tịch", 0, 2, 2), ("Chứng thực", 0, 1, 1), ("Đất đai", 1, 0, 1),
    ]
    counts = table_with(at, "Ban hành mới")
    assert [tuple(r) for r in counts.itertuples(index=False)] == [
        ("Cấp huyện/thị xã", 0, 1, 1), ("Cấp xã", 2, 0, 0),
    ]
    changes = table_with(at, "Quyết định")
    assert [(d.date(), e, c, q) for d, e, c, q in zip(changes["Ngày hiệu lực"], changes["Nội dung thay đổi"],
                                                        changes["Mã TTHC"], changes["Quyết định"])] == [
        (date(2018, 2, 1), "Ban hành mới", "P3", "QĐ 10/2018"),
        (date(2018, 2, 15), "Bãi bỏ", "P4", "QĐ 20/2018"),
        (date(2018, 2, 15), "Ban hành mới", "P5", "QĐ 20/2018"),
        (date(2018, 3, 15), "Sửa đổi, bổ sung", "P1", "QĐ 30/2018"),
    ]
    online = table_with(at, "Mức độ trực tuyến")
    assert list(online["Mức độ trực tuyến"]) == ["Mức độ 2", "Mức độ 3", "Toàn trình", "Một phần"]
    assert list(online["Cấp xã"]) == ["0 (0,0 %)", "1 (33,3 %)", "1 (33,3 %)", "1 (33,3 %)"]
    assert list(online["Cấp huyện/thị xã"]) == ["1 (100,0 %)", "0 (0,0 %)", "0 (0,0 %)", "0 (0,0 %)"]
    days = table_with(at, "Trung vị")
    hotich = days[days["Lĩnh vực"] == "Hộ tịch"].iloc[0]
    assert (hotich["Số TTHC"], hotich["Ngắn nhất"], hotich["Trung vị"], hotich["Dài nhất"]) == (2, 3, 4.0, 5)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2018, 1, 31), ("2", "2", "1", "1")),   # P1, P4 | P2
    (date(2018, 2, 1), ("2", "2", "2", "1")),    # P3 published that day: in force
    (date(2018, 2, 14), ("2", "2", "2", "1")),
    (date(2018, 2, 15), ("1", "1", "3", "2")),   # P4 abolished that day: not; P5 published: in force
])
def test_in_force_on_publish_and_abolish_boundaries(par_db, monkeypatch, day, expected):
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    at.date_input(key="tt_on_date").set_value(day).run()
    assert not at.exception
    assert in_force(at) == expected
    # the period's changes do not depend on the day
    assert len(table_with(at, "Quyết định")) == 4


def test_day_kept_on_reruns_and_follows_a_new_period(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    at.date_input(key="tt_on_date").set_value(date(2018, 2, 14)).run()
    at.text_input(key="tt_search").input("p1").run()
    assert at.date_input(key="tt_on_date").value == date(2018, 2, 14)
    at.selectbox(key="f_period").set_value("2017-Q4").run()
    assert not at.exception
    assert at.date_input(key="tt_on_date").value == date(2017, 12, 31)
    assert in_force(at) == ("2", "2", "1", "1")


def test_changes_in_a_month_and_a_period_without_changes(par_db, monkeypatch):
    # February lies after the fixture's dossier data, so it is chosen as a custom range
    # (a whole calendar month would be read as the month and fall back to the data's months)
    at = open_page(par_db, monkeypatch, **{"from": "2018-02-01", "to": "2018-02-27"})
    counts = table_with(at, "Ban hành mới")
    assert [tuple(r) for r in counts.itertuples(index=False)] == [
        ("Cấp huyện/thị xã", 0, 0, 1), ("Cấp xã", 2, 0, 0),
    ]
    assert at.date_input(key="tt_on_date").value == date(2018, 2, 27)
    at = open_page(par_db, monkeypatch, period="2018-01")
    assert any("Không có TTHC nào" in i.value for i in at.info)
    assert not at.exception


def test_field_filter_applies(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, period="2018-Q1", field=["ho-tich"])
    assert in_force(at) == ("0", "0", "2", "1")
    assert list(table_with(at, "Quyết định")["Mã TTHC"]) == ["P3"]


@pytest.mark.parametrize(("text", "codes"), [
    ("dang ky", ["P3", "P2"]),            # no diacritics, 'Đ' read as 'd'; by name (kết < khai)
    ("ĐĂNG KÝ KHAI", ["P2"]),
    ("p4", ["P4"]),                       # by code, case-insensitive; abolished: listed, not in force
    ("xay dung nha", ["P4"]),
    ("100%", []),                         # '%' is literal, not a wildcard
    ("_", []),
])
def test_search(par_db, monkeypatch, text, codes):
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    at.text_input(key="tt_search").input(text).run()
    assert not at.exception
    if codes:
        hits = table_with(at, "Ngày công bố")
        assert list(hits["Mã TTHC"]) == codes
        assert any(c.value.startswith(f"{len(codes)} thủ tục phù hợp.") for c in at.caption)
    else:
        assert any("Không tìm thấy" in i.value for i in at.info)


def test_search_status_on_the_day(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    at.text_input(key="tt_search").input("p4").run()
    hits = table_with(at, "Ngày công bố")
    assert list(hits["Tình trạng"]) == ["Không có hiệu lực"]
    assert any("Tình trạng hiệu lực tính đến ngày 31/03/2018." in c.value for c in at.caption)
    assert hits["Ngày bãi bỏ"].iloc[0].date() == date(2018, 2, 15)
    at.date_input(key="tt_on_date").set_value(date(2018, 2, 14)).run()
    assert list(table_with(at, "Ngày công bố")["Tình trạng"]) == ["Đang có hiệu lực"]


def test_search_query_against_independent_count(par_db):
    # the query itself: every procedure whose name holds 'ng' (any case/diacritics) or code 'ng'
    import unicodedata

    def fold(text):
        text = text.replace("đ", "d").replace("Đ", "D")
        return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()

    frame = run_query("procedure_search", db=par_db, pattern="ng", on_date=date(2018, 3, 31), fields=[])
    names = {"P1": "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "P2": "Đăng ký khai sinh",
             "P3": "Đăng ký kết hôn", "P4": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
             "P5": "Chứng thực bản sao từ bản chính"}
    assert set(frame["procedure_code"]) == {c for c, n in names.items() if "ng" in fold(n)}


def test_downloads_and_english(par_db, monkeypatch):
    from cchc.ui import widgets as ui

    calls = {}
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **names):
        calls[key] = (frame.copy(), title, subtitle)
        original(frame, columns, title, subtitle, key, lang, **names)

    monkeypatch.setattr(ui, "download_buttons", recording)
    at = open_page(par_db, monkeypatch, period="2018-Q1")
    at.text_input(key="tt_search").input("dang").run()
    keys = sorted(b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button"))
    assert keys == sorted(f"tt_dl_{name}_{kind}" for name in ("catalogue", "changes", "online", "days", "search")
                          for kind in ("xlsx", "csv"))
    frame, title, subtitle = calls["tt_dl_changes"]
    assert title == "TTHC thay đổi trong kỳ Quý 1/2018"
    assert subtitle == "Tính đến ngày: 31/03/2018; Kỳ: Quý 1/2018"
    assert list(frame["procedure_code"]) == ["P3", "P4", "P5", "P1"]
    assert calls["tt_dl_catalogue"][1] == "Danh mục TTHC theo lĩnh vực ngày 31/03/2018"
    assert calls["tt_dl_search"][1] == "Kết quả tra cứu TTHC: dang"
    at = open_page(par_db, monkeypatch, period="2018-Q1", lang="en")
    assert not at.exception
    assert metrics(at)["Town-level procedures"] == "1"
    assert list(table_with(at, "Published")["Level"]) == ["District/town level", "Commune level"]


def test_export_file_and_sheet_names(par_db, monkeypatch):
    from cchc.ui import widgets as ui

    names = {}
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **options):
        names[key] = (options["file_name"], options["sheet"])
        original(frame, columns, title, subtitle, key, lang, **options)

    monkeypatch.setattr(ui, "download_buttons", recording)
    at = open_page(par_db, monkeypatch, period="2018-Q1", field=["ho-tich"])
    at.text_input(key="tt_search").input("dang").run()
    # the catalogue is the same for every unit: the day (or the period) and the fields only
    assert names["tt_dl_catalogue"] == ("danh-muc-tthc-theo-linh-vuc-2018-03-31-ho-tich", "Danh mục TTHC theo lĩnh vực")
    assert names["tt_dl_search"] == ("ket-qua-tra-cuu-tthc-2018-03-31-ho-tich", "Kết quả tra cứu TTHC")
    assert names["tt_dl_online"] == ("muc-do-truc-tuyen-cua-tthc-2018-03-31-ho-tich", "Mức độ trực tuyến của TTHC")
    assert names["tt_dl_changes"] == ("tthc-thay-doi-trong-ky-2018-Q1-ho-tich", "TTHC thay đổi trong kỳ")


# -- the demo database: the figures of the source report --------------------------------------

@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    demo = pytest.importorskip("cchc.datagen.demo")
    path = tmp_path_factory.getbasetemp() / "demo_shared" / "demo.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        demo.build_demo(path)
    return path


def test_demo_2018_h1_report_figures(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, period="2018-H1")
    assert not at.exception and not at.error
    assert at.date_input(key="tt_on_date").value == date(2018, 6, 30)
    m = metrics(at)
    assert (m[IN_FORCE_DISTRICT], m[FIELDS_DISTRICT]) == ("292", "11")
    counts = table_with(at, "Ban hành mới")
    district = counts[counts["Cấp thực hiện"] == "Cấp huyện/thị xã"].iloc[0]
    assert (district["Ban hành mới"], district["Bãi bỏ"], district["Sửa đổi, bổ sung"]) == (2, 2, 17)
    assert any("Thủ tục hành chính (TTHC) có hiệu lực tính đến ngày 30/06/2018" in c.value for c in at.caption)
