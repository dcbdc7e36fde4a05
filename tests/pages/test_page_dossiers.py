"""The dossier list (Hồ sơ, /ho-so): filters, search, sorting and paging in SQL, working days
late from the calendar, the URL, and the export; on the tiny database (tests/tiny_db.py)."""

from datetime import date

import duckdb
import pandas as pd
import pytest

from cchc.core import dossier_list as dl
from cchc.core.filters import Filters
from cchc.core.periods import Period
from cchc.store import rollups
from cchc.store.db import run_query
from cchc.tables import dossiers as dossier_tables
from tests.apptest import new_app, run_page
from tests.tiny_db import build_tiny_db

UNITS = ("thi-xa", "le-loi", "kim-son")
JANUARY = Filters(period=Period.month(2018, 1), all_units=UNITS)
DEMO_UNITS = ("thi-xa", "le-loi", "ngo-quyen", "phu-thinh", "quang-trung", "son-loc", "trung-hung",
              "trung-son-tram", "vien-son", "xuan-khanh", "co-dong", "duong-lam", "kim-son", "son-dong",
              "thanh-my", "xuan-son")

# January 2018 in scope (D8 finished before, D9 refused, D10 not received), by received date
# then code: D5 01/12, D1 20/12, D12 27/12, D2 10/01, D3 10/01, D6 15/01, D7 15/01, D11 31/01, D4 31/01
BY_RECEIVED = ["D5", "D1", "D12", "D2", "D3", "D6", "D7", "D11", "D4"]


@pytest.fixture
def app(tiny_db, monkeypatch):
    return new_app(tiny_db, monkeypatch)


def open_page(app, full=True, **params):
    """The page with ``params`` in the URL; ``full``: with "Hiện đủ cột" on (every column, as
    these tests read the list), else the brief list that fits 1366 px."""
    run_page(app, "app_pages/dossiers.py", params)
    if full and any(w.key == "dl_table_more" for w in app.toggle):
        app.toggle(key="dl_table_more").set_value(True).run()
    assert not app.error
    return app


def codes(app) -> list[str]:
    return app.dataframe[0].value["Mã hồ sơ"].tolist()


def listed(db, filters=JANUARY, **options) -> pd.DataFrame:
    return run_query("dossier_list", db=db, **dl.list_params(filters, **options))


def counted(db, filters=JANUARY, **options) -> int:
    return int(run_query("dossier_list_count", db=db, **dl.count_params(filters, **options))["matching"].iloc[0])


def test_the_count_without_list_filters_is_the_balance_scope(tiny_db, demo_db, monkeypatch):
    # No list filter: the pager's count comes off the balance (carried over + received); it
    # must equal what dossier_list_count counts row by row, for any shared filters.
    cases = [
        (tiny_db, JANUARY), (tiny_db, Filters(period=Period.month(2018, 2), all_units=JANUARY.all_units)),
        (tiny_db, Filters(period=Period.year(2018), all_units=JANUARY.all_units, units=("thi-xa",))),
        (demo_db, Filters(period=Period.half(2018, 1), all_units=DEMO_UNITS)),
        (demo_db, Filters(period=Period.quarter(2018, 4), all_units=DEMO_UNITS, units=DEMO_UNITS[:3],
                          channels=("online",))),
        (demo_db, Filters(period=Period.month(2018, 7), all_units=DEMO_UNITS, fields=("dat-dai",))),
    ]
    for db, filters in cases:
        monkeypatch.setenv("CCHC_DB", str(db))
        expected = counted(db, filters)
        assert expected > 0 or filters.fields
        assert dl.matching_count(filters) == expected, filters
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    assert dl.matching_count(JANUARY, late_only=True) == counted(tiny_db, JANUARY, late_only=True)


# -- the page -----------------------------------------------------------------------------------

def test_list_shows_every_dossier_in_scope_with_labels(app):
    open_page(app, period="2018-01")
    table = app.dataframe[0].value
    assert codes(app) == BY_RECEIVED
    assert list(table.columns) == [
        "Mã hồ sơ", "Đơn vị", "Thủ tục", "Lĩnh vực", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả",
        "Ngày kết thúc xử lý", "Trạng thái", "Kết quả trong kỳ", "Số ngày làm việc quá hạn",
    ]
    d3 = table[table["Mã hồ sơ"] == "D3"].iloc[0]
    assert d3["Đơn vị"] == "Thị xã"
    assert d3["Thủ tục"] == "P1 · Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"
    assert d3["Kênh nộp"] == "Trực tiếp"
    assert pd.Timestamp(d3["Ngày hẹn trả"]) == pd.Timestamp("2018-01-24")
    assert d3["Trạng thái"] == "Đã xử lý xong"
    assert d3["Kết quả trong kỳ"] == "Đã giải quyết quá hạn"
    d11 = table[table["Mã hồ sơ"] == "D11"].iloc[0]
    # finished on 1 Feb: in progress (within time) at the end of January
    assert (d11["Kênh nộp"], d11["Kết quả trong kỳ"]) == ("Bưu chính công ích", "Đang giải quyết trong hạn")
    assert "Hồ sơ 1–9 trong 9 hồ sơ · trang 1/1" in [c.value for c in app.caption]


def test_the_list_opens_brief_with_short_words(app):
    """The brief list (issue 16: fits 1366 px beside the sidebar): no field, channel or
    procedure code; short headers, state and outcome words; the same rows and order."""
    open_page(app, full=False, period="2018-01")
    table = app.dataframe[0].value
    assert codes(app) == BY_RECEIVED
    assert list(table.columns) == [
        "Mã hồ sơ", "Đơn vị", "Thủ tục", "Tiếp nhận", "Hẹn trả", "Kết thúc", "Trạng thái", "Kết quả trong kỳ",
        "Ngày trễ",
    ]
    by_code = table.set_index("Mã hồ sơ")
    assert by_code.loc["D3", "Thủ tục"] == "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"
    assert (by_code.loc["D3", "Trạng thái"], by_code.loc["D3", "Kết quả trong kỳ"]) == ("Đã xử lý xong", "GQ quá hạn")
    assert by_code.loc["D3", "Ngày trễ"] == 1 and by_code.loc["D5", "Ngày trễ"] == 32
    assert by_code.loc["D11", "Kết quả trong kỳ"] == "Đang GQ, trong hạn"
    assert (by_code.loc["D7", "Trạng thái"], by_code.loc["D7", "Kết quả trong kỳ"]) == ("Công dân rút", "Trả lại/rút")
    app.toggle(key="dl_table_more").set_value(True).run()
    assert "Lĩnh vực" in app.dataframe[0].value.columns


def test_days_late_in_working_days(app):
    open_page(app, period="2018-01")
    table = app.dataframe[0].value.set_index("Mã hồ sơ")
    late = table["Số ngày làm việc quá hạn"]
    # D3: due Wed 24 Jan, finished Thu 25 Jan: 1 working day.
    assert late["D3"] == 1
    # D5: due Fri 15 Dec 2017, still in progress on 31 Jan 2018: working days 18-22 and
    # 25-29 Dec (10), 2-5 Jan (4: 1 Jan is a holiday), 8-12, 15-19, 22-26 Jan (15), 29-31 Jan (3).
    assert late["D5"] == 32
    assert late.drop(["D3", "D5"]).isna().all()


def test_days_late_counts_to_the_period_end(tiny_db):
    # a custom period ending Fri 12 Jan: D5 is 10 + 4 + 5 = 19 working days late
    filters = Filters(period=Period.custom(date(2018, 1, 1), date(2018, 1, 12)), all_units=UNITS)
    frame = listed(tiny_db, filters, late_only=True)
    assert dict(zip(frame["dossier_code"], frame["days_late"])) == {"D5": 19}


@pytest.fixture(scope="module")
def weekend_db(tmp_path_factory):
    """The tiny database plus three late dossiers around a weekend (Fri 19 - Mon 22 Jan)."""
    path = build_tiny_db(tmp_path_factory.mktemp("weekend") / "weekend.duckdb")
    con = duckdb.connect(str(path))
    con.executemany(
        "INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,"
        " finished_date, state) VALUES (?, 'le-loi', 'P2', 'in_person', '2018-01-16', ?, ?, 10)",
        [("W1", "2018-01-19", "2018-01-20"),  # finished on the Saturday after a Friday due date
         ("W2", "2018-01-19", "2018-01-22"),  # the Monday after
         ("W3", "2018-01-20", "2018-01-23")],  # due on a Saturday (moves to Monday), finished Tuesday
    )
    rollups.refresh(con)  # as every writer of dossiers does
    con.close()
    return path


def test_days_late_around_a_weekend(weekend_db):
    frame = listed(weekend_db, search="w")
    assert dict(zip(frame["dossier_code"], frame["days_late"])) == {"W1": 1, "W2": 1, "W3": 1}
    assert set(frame["outcome"]) == {"late"}
    assert frame.loc[frame["dossier_code"] == "W3", "due_date"].iloc[0] == pd.Timestamp("2018-01-22")


def test_pagination_second_page(app, monkeypatch):
    monkeypatch.setattr(dl, "PAGE_SIZE", 3)
    open_page(app, period="2018-01")
    assert codes(app) == BY_RECEIVED[:3]
    pager = app.get("pagination")[0]
    assert pager.num_pages == 3
    pager.set_value(2).run()
    assert codes(app) == BY_RECEIVED[3:6]
    assert "Hồ sơ 4–6 trong 9 hồ sơ · trang 2/3" in [c.value for c in app.caption]
    # a new search starts again on page 1
    app.text_input(key="dl_q").set_value("P1").run()
    assert codes(app) == ["D5", "D1", "D2"]
    assert app.session_state["dl_page"] == 1


def test_page_controls_from_the_url(app):
    open_page(app, period="2018-01", dl_late="true", dl_sort="days_late", dl_desc="true")
    assert codes(app) == ["D5", "D3"]
    assert app.session_state["dl_late"] is True
    assert app.query_params["dl_sort"] == "days_late"


def test_coded_controls_written_to_the_url_and_read_back(app, tiny_db):
    open_page(app, period="2018-01")
    app.multiselect(key="dl_state").set_value([9, 10]).run()
    app.selectbox(key="dl_sort").set_value("code").run()
    assert app.query_params["dl_state"] == ["9", "10"]
    assert app.query_params["dl_sort"] == "code"
    shown = codes(app)
    assert shown == ["D1", "D11", "D12", "D2", "D3", "D6"]
    # the same URL in a new session (English this time: codes, not labels, in the URL)
    fresh = new_app()
    open_page(fresh, **{**dict(app.query_params), "lang": "en"})
    assert fresh.dataframe[0].value["Dossier code"].tolist() == shown
    # back to the default: the parameter goes away
    app.selectbox(key="dl_sort").set_value("received").run()
    assert "dl_sort" not in app.query_params


def test_bad_coded_url_values_are_ignored(app):
    open_page(app, period="2018-01", dl_state=["99", "x", "4"], dl_sort="nonsense", dl_proc=["P9"])
    assert app.session_state["dl_state"] == [4]
    assert app.session_state["dl_sort"] == "received"
    assert app.session_state["dl_proc"] == []
    assert codes(app) == ["D5", "D4"]


def test_state_procedure_and_search_filters(app):
    open_page(app, period="2018-01")
    app.multiselect(key="dl_state").set_value([4]).run()
    assert codes(app) == ["D5", "D4"]
    app.multiselect(key="dl_state").set_value([]).run()
    app.multiselect(key="dl_proc").set_value(["P2"]).run()
    assert codes(app) == ["D12", "D6", "D7", "D11"]
    app.multiselect(key="dl_proc").set_value([]).run()
    app.text_input(key="dl_q").set_value("  khai SINH ").run()
    assert codes(app) == ["D12", "D6", "D7", "D11"]


def test_nothing_matching_is_a_message(app):
    open_page(app, period="2018-01", dl_q="không có thủ tục này")
    assert [i.value for i in app.info] == ["Không có hồ sơ nào khớp với bộ lọc."]
    assert len(app.dataframe) == 0


def test_shared_filters_that_exclude_everything(app):
    # no postal dossier is a land (dat-dai) dossier
    open_page(app, period="2018-01", field=["dat-dai"], channel=["postal"])
    assert [i.value for i in app.info] == ["Không có hồ sơ nào cho bộ lọc đã chọn."]
    assert len(app.dataframe) == 0


def test_english_list(app):
    open_page(app, period="2018-01", lang="en")
    table = app.dataframe[0].value
    assert list(table.columns)[:2] == ["Dossier code", "Unit"]
    d7 = table[table["Dossier code"] == "D7"].iloc[0]
    assert (d7["State"], d7["Outcome in the period"]) == ("Withdrawn by the applicant", "Returned/withdrawn")


def test_export_cap_note(app, monkeypatch):
    monkeypatch.setattr(dl, "EXPORT_CAP", 5)
    open_page(app, period="2018-01")
    assert any("chỉ gồm 5 hồ sơ đầu tiên" in c.value and "trong 9 hồ sơ" in c.value for c in app.caption)


# -- the queries ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sort, descending, expected", [
    ("received", False, BY_RECEIVED),
    ("code", False, ["D1", "D11", "D12", "D2", "D3", "D4", "D5", "D6", "D7"]),
    ("code", True, ["D7", "D6", "D5", "D4", "D3", "D2", "D12", "D11", "D1"]),
    ("unit", False, ["D11", "D12", "D6", "D7", "D1", "D2", "D3", "D4", "D5"]),  # Kim Sơn, Lê Lợi, Thị xã
    ("days_late", True, ["D5", "D3", "D1", "D11", "D12", "D2", "D4", "D6", "D7"]),  # NULLs last
    ("days_late", False, ["D3", "D5", "D1", "D11", "D12", "D2", "D4", "D6", "D7"]),
    ("due", False, ["D5", "D12", "D1", "D6", "D7", "D2", "D3", "D11", "D4"]),
    ("state", False, ["D4", "D5", "D7", "D3", "D1", "D11", "D12", "D2", "D6"]),
    # anything outside the whitelist sorts by received date; it never reaches the SQL text
    ("received_date; drop table dossiers", False, BY_RECEIVED),
])
def test_sorting(tiny_db, sort, descending, expected):
    assert listed(tiny_db, sort=sort, descending=descending)["dossier_code"].tolist() == expected


def test_paging_in_sql(tiny_db):
    page2 = listed(tiny_db, page=2, page_size=4)
    assert page2["dossier_code"].tolist() == BY_RECEIVED[4:8]
    assert listed(tiny_db, page=3, page_size=4)["dossier_code"].tolist() == BY_RECEIVED[8:]
    assert listed(tiny_db, page=0, page_size=4)["dossier_code"].tolist() == BY_RECEIVED[:4]
    assert (dl.page_count(9, 4), dl.page_count(0, 4), dl.page_count(8, 4)) == (3, 1, 2)


@pytest.mark.parametrize("options, expected", [
    ({}, BY_RECEIVED),
    ({"late_only": True}, ["D5", "D3"]),
    ({"states": [9, 10]}, ["D1", "D12", "D2", "D3", "D6", "D11"]),
    ({"states": [3, 1]}, BY_RECEIVED),  # states never in scope are ignored
    ({"procedures": ["P1"]}, ["D5", "D1", "D2", "D3", "D4"]),
    ({"search": "dang ky"}, ["D12", "D6", "D7", "D11"]),  # no diacritics: Đăng ký
    ({"search": "QUYỀN SỬ DỤNG ĐẤT"}, ["D5", "D1", "D2", "D3", "D4"]),
    ({"search": "d1"}, ["D1", "D12", "D11"]),
    ({"search": "p2"}, ["D12", "D6", "D7", "D11"]),
    ({"search": "%"}, []),  # no LIKE wildcards
    ({"search": "'; delete from dossiers; --"}, []),
])
def test_filters_and_the_count_agree(tiny_db, options, expected):
    assert listed(tiny_db, **options)["dossier_code"].tolist() == expected
    assert counted(tiny_db, **options) == len(expected)


def test_shared_filters_apply(tiny_db):
    online = Filters(period=Period.month(2018, 1), channels=("online",), all_units=UNITS)
    assert listed(tiny_db, online)["dossier_code"].tolist() == ["D6"]
    kim_son = Filters(period=Period.month(2018, 1), units=("kim-son",), all_units=UNITS)
    assert listed(tiny_db, kim_son)["dossier_code"].tolist() == ["D12", "D11"]
    procedures = run_query("dossier_list_procedures", db=tiny_db, **kim_son.query_params())
    assert procedures[["procedure_code", "dossiers"]].values.tolist() == [["P2", 2]]


def test_export_rows_are_capped_labelled_and_typed(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    monkeypatch.setattr(dl, "EXPORT_CAP", 5)
    rows = dl.export_rows(JANUARY, sort="days_late", descending=True)
    assert rows["dossier_code"].tolist() == ["D5", "D3", "D1", "D11", "D12"]
    first = rows.iloc[0]
    assert (first["state_label"], first["outcome_label"], first["days_late"]) == ("Đang xử lý", "Đang giải quyết quá hạn", 32)
    assert first["received_date"] == pd.Timestamp("2017-12-01")
    assert pd.isna(first["finished_date"])
    headers = [c.header for c in dossier_tables.LIST.export_columns()]
    assert headers[:4] == ["Mã hồ sơ", "Đơn vị", "Mã thủ tục", "Thủ tục"]
    assert dl.list_filters_text(states=[4], late_only=True, search=" khai ") == (
        "Trạng thái: Đang xử lý; Chỉ hồ sơ quá hạn; Tìm theo mã hồ sơ, mã hoặc tên thủ tục: “khai”"
    )


def test_export_file_name_and_sheet(app, monkeypatch):
    from cchc.ui import widgets as ui

    names = {}
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **options):
        names[key] = (options["file_name"], options["sheet"], [c.header for c in columns][:4])
        original(frame, columns, title, subtitle, key, lang, **options)

    monkeypatch.setattr(ui, "download_buttons", recording)
    open_page(app, period="2018-01", unit=["le-loi", "kim-son"], field=["ho-tich"])
    assert names == {"dl_export": ("danh-sach-ho-so-2018-01-2-don-vi-ho-tich", "Danh sách hồ sơ",
                                   ["Mã hồ sơ", "Đơn vị", "Mã thủ tục", "Thủ tục"])}


def test_page_reset_logs_no_session_state_warning(app, monkeypatch):
    """A new search moves the pager back to page 1 through session state; Streamlit's
    "default value and Session State" warning for dl_page is not logged (app_pages/dossiers.py)."""
    import logging

    from streamlit.elements.lib import policies

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    policies._LOGGER.addHandler(handler)
    try:
        monkeypatch.setattr(dl, "PAGE_SIZE", 3)
        open_page(app, period="2018-01")
        app.get("pagination")[0].set_value(2).run()
        app.text_input(key="dl_q").set_value("P1").run()
        assert app.session_state["dl_page"] == 1
        assert codes(app) == ["D5", "D1", "D2"]
    finally:
        policies._LOGGER.removeHandler(handler)
    assert [r.getMessage() for r in records if "dl_page" in r.getMessage()] == []



def test_a_page_in_received_order_is_the_same_when_read_within_its_window(demo_db, monkeypatch):
    # dl.page_rows reads only the received dates the page can lie within (tests/sql/test_rollups.py
    # proves the query part for random filters); here the page function itself, end to end
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    half = Filters(period=Period.half(2018, 1), all_units=DEMO_UNITS)
    reads = []
    original = dl.run_query

    def recording(name, db=None, **params):
        if name == "dossier_list":
            reads.append((params["received_from"], params["received_to"]))
        return original(name, db, **params)

    monkeypatch.setattr(dl, "run_query", recording)
    for descending in (False, True):
        for page in (1, 3, 40):
            options = {"sort": "received", "descending": descending, "page": page}
            narrowed = dl.page_rows(half, **options)
            assert len(narrowed) == 50
            pd.testing.assert_frame_equal(narrowed, listed(demo_db, half, **options))
    # the newest pages read the period's last month; the oldest ones what came before it
    assert (date(2018, 6, 1), date(9999, 12, 31)) in reads
    assert any(to < date(2018, 6, 30) for _, to in reads)
