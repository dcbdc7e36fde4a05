"""The progress page (Tiến độ giải quyết, /tien-do) and what it is built from: its queries,
tables, charts and the drill-down, on the hand-written tiny database (tests/tiny_db.py)."""

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from cchc.charts import progress as charts_progress
from cchc.charts.theme import BELOW_COLOR
from cchc.core.targets import BELOW_MARK
from cchc.store.db import run_query
from cchc.tables import progress
from cchc.tables.export import to_xlsx
from cchc.ui.drilldown import (
    drill_callback,
    drill_to_unit,
    show_all_units,
    unit_from_selection,
)
from tests.apptest import new_app, run_page

UNITS = ["thi-xa", "le-loi", "kim-son"]
JAN = dict(start=date(2018, 1, 1), end=date(2018, 1, 31), units=UNITS, fields=[], channels=[])


@pytest.fixture
def app(tiny_db, monkeypatch):
    return new_app(tiny_db, monkeypatch, env={"CCHC_ONTIME_TARGET": None})


def open_page(app, full=True, **params):
    """The page with ``params`` in the URL; ``full``: with "Hiện đủ cột" on (the balance's
    every column, as these tests read it), else the brief balance that fits 1366 px."""
    run_page(app, "app_pages/progress.py", params)
    if full and any(w.key == "prog_balance_more" for w in app.toggle):
        app.toggle(key="prog_balance_more").set_value(True).run()
    assert not app.error
    return app


def rows(frame: pd.DataFrame) -> list[list[str]]:
    return [list(r) for r in frame.itertuples(index=False)]


def number(text: str) -> int:
    return int(text.replace(".", ""))


# -- the page -------------------------------------------------------------------------------

# Hand-computed January 2018 balance (tests/tiny_db.py), as shown: unit, rate A, carried over,
# received (total, in person, online, postal), resolved (total, early, on time, late),
# in progress (total, within, overdue), withdrawn.
BALANCE_JAN = [
    ["Thị xã", "▼ 66,7 %", "2", "3", "3", "0", "0", "3", "1", "1", "1", "2", "1", "1", "0"],
    ["Lê Lợi", "100,0 %", "0", "2", "1", "1", "0", "1", "1", "0", "0", "0", "0", "0", "1"],
    ["Kim Sơn", "100,0 %", "1", "1", "0", "0", "1", "1", "0", "1", "0", "1", "1", "0", "0"],
    ["Tổng cộng", "▼ 80,0 %", "3", "6", "4", "1", "1", "5", "2", "2", "1", "3", "2", "1", "1"],
]


def test_balance_table_shows_the_hand_computed_january(app):
    open_page(app, period="2018-01")
    balance = app.dataframe[0].value
    assert rows(balance) == BALANCE_JAN
    headers = list(balance.columns)
    assert headers[1] == ("", "Tỷ lệ đúng hạn")
    assert ("Tiếp nhận trong kỳ", "Trực tuyến") in headers
    assert ("Đang giải quyết", "Quá hạn") in headers
    captions = " ".join(c.value for c in app.caption)
    assert "(theo mẫu báo cáo)" in captions and "Quyết định 766" in captions
    assert "công thức" not in captions  # the formulas named in words, not by letter


# The brief balance (issue 16: it fits 1366 px beside the sidebar): unit, rate A, carried
# over, received, resolved (total, early, on time, late), in progress (total, overdue),
# withdrawn; the channels and "within time" are one switch away and in the export.
BRIEF_JAN = [
    ["Thị xã", "▼ 66,7 %", "2", "3", "3", "1", "1", "1", "2", "1", "0"],
    ["Lê Lợi", "100,0 %", "0", "2", "1", "1", "0", "0", "0", "0", "1"],
    ["Kim Sơn", "100,0 %", "1", "1", "1", "0", "1", "0", "1", "0", "0"],
    ["Tổng cộng", "▼ 80,0 %", "3", "6", "5", "2", "2", "1", "3", "1", "1"],
]


def test_the_balance_opens_brief_and_shows_every_column_on_request(app):
    open_page(app, full=False, period="2018-01")
    brief = app.dataframe[0].value
    assert rows(brief) == BRIEF_JAN
    assert list(brief.columns) == [
        ("", "Đơn vị"), ("", "Tỷ lệ đúng hạn"), ("", "Kỳ trước chuyển sang"), ("", "Tiếp nhận trong kỳ"),
        ("Đã giải quyết", "Tổng số"), ("Đã giải quyết", "Trước hạn"), ("Đã giải quyết", "Đúng hạn"),
        ("Đã giải quyết", "Quá hạn"), ("Đang giải quyết", "Tổng số"), ("Đang giải quyết", "Quá hạn"),
        ("", "Trả lại/rút hồ sơ"),
    ]
    app.toggle(key="prog_balance_more").set_value(True).run()
    assert rows(app.dataframe[0].value) == BALANCE_JAN
    app.toggle(key="prog_balance_more").set_value(False).run()
    assert rows(app.dataframe[0].value) == BRIEF_JAN


def test_decision_766_rate_is_a_separate_table(app):
    open_page(app, period="2018-01")
    b_table = app.dataframe[1].value
    # formula B: D1, D2, D3 (supplement wait), D4 of thi-xa's five; total 7/8
    assert rows(b_table) == [
        ["Thị xã", "5", "4", "80,0 %"],
        ["Lê Lợi", "1", "1", "100,0 %"],
        ["Kim Sơn", "2", "2", "100,0 %"],
        ["Tổng cộng", "8", "7", "87,5 %"],
    ]
    assert all(group == "Theo QĐ 766/QĐ-TTg" for group, _ in list(b_table.columns)[1:])
    # formula B never appears in the balance table
    assert not any("766" in " ".join(c) for c in app.dataframe[0].value.columns)


@pytest.mark.parametrize("params", [
    {"period": "2017-12"}, {"period": "2018-01"}, {"period": "2018-02"}, {"period": "2018-Q1"},
    {"period": "2017-H2"}, {"from": "2018-01-10", "to": "2018-01-24"},
])
def test_balance_identity_for_every_unit(app, params):
    open_page(app, **params)
    for row in rows(app.dataframe[0].value):
        n = [number(v) for v in row[2:]]
        carried, received, in_person, online, postal, resolved, early, on_time, late = n[:9]
        in_progress, within, overdue, withdrawn = n[9:]
        assert carried + received == resolved + in_progress + withdrawn, row
        assert received == in_person + online + postal
        assert resolved == early + on_time + late
        assert in_progress == within + overdue
    # the total row is the sum of the units
    table = [[number(v) for v in r[2:]] for r in rows(app.dataframe[0].value)]
    assert table[-1] == [sum(col) for col in zip(*table[:-1])]


def test_field_and_procedure_tables_worst_first(app):
    open_page(app, period="2018-01")
    by_field = app.dataframe[2].value
    # field, rate, resolved, early or on time, late, overdue in progress, received
    assert rows(by_field) == [
        ["Đất đai", "▼ 66,7 %", "3", "2", "1", "1", "3"],
        ["Hộ tịch", "100,0 %", "2", "2", "0", "0", "3"],
    ]
    by_procedure = app.dataframe[3].value
    assert [r[:4] for r in rows(by_procedure)] == [
        ["P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "▼ 66,7 %", "3"],
        ["P2", "Đăng ký khai sinh", "100,0 %", "2"],
    ]


def test_min_resolved_hides_small_procedures(app):
    open_page(app, period="2018-01")
    app.number_input(key="prog_min_resolved").set_value(3).run()
    assert [r[0] for r in rows(app.dataframe[3].value)] == ["P1"]


def test_unit_from_url_narrows_the_page_and_show_all_restores(app):
    open_page(app, period="2018-01", unit=["le-loi"])
    assert [r[0] for r in rows(app.dataframe[0].value)] == ["Lê Lợi", "Tổng cộng"]
    app.button(key="prog_all_units").click().run()
    assert app.session_state["f_units"] == []
    assert "unit" not in app.query_params
    assert len(app.dataframe[0].value) == 4


def test_filters_that_exclude_everything_show_the_empty_state(app):
    # no postal dossier is a land (dat-dai) dossier
    open_page(app, period="2018-01", field=["dat-dai"], channel=["postal"])
    assert [i.value for i in app.info] == ["Không có hồ sơ nào cho bộ lọc đã chọn."]
    assert len(app.dataframe) == 0
    assert len(app.get("plotly_chart")) == 0


def test_english_labels(app):
    open_page(app, period="2018-01", lang="en")
    balance = app.dataframe[0].value
    assert list(balance.columns)[:2] == [("", "Unit"), ("", "On-time rate")]
    assert rows(balance)[-1][:2] == ["Total", "▼ 80.0 %"]


def test_clicking_a_unit_in_a_chart_narrows_the_page(app):
    """A Plotly selection event sent as the browser sends it: the callback moves the unit
    into the shared unit filter, and the entry point writes it into the URL."""
    open_page(app, period="2018-01")
    charts = {c.proto.id.rsplit("-", 1)[-1]: c for c in app.get("plotly_chart")}
    assert set(charts) >= {"prog_rate_chart", "prog_online_chart", "prog_trend_chart", "prog_field_chart"}
    event = {"selection": {"points": [{"curve_number": 0, "point_number": 1, "point_index": 1,
                                        "x": 100.0, "y": "Kim Sơn", "customdata": "kim-son"}],
                           "point_indices": [1], "box": [], "lasso": []}}
    states = app._tree.get_widget_states()
    states.widgets.append(WidgetState(id=charts["prog_rate_chart"].proto.id, string_value=json.dumps(event)))
    app._run(states)
    assert not app.exception
    assert app.session_state["f_units"] == ["kim-son"]
    assert app.query_params["unit"] == "kim-son"
    assert [r[0] for r in rows(app.dataframe[0].value)] == ["Kim Sơn", "Tổng cộng"]


# -- drill-down callbacks ---------------------------------------------------------------------

def event(*custom):
    return {"selection": {"points": [{"customdata": c} for c in custom], "point_indices": [], "box": [], "lasso": []}}


@pytest.mark.parametrize("value, expected", [
    (event("le-loi"), "le-loi"),
    (event(["kim-son", 12]), "kim-son"),  # 2-D customdata
    (event(), None),  # a click on the background
    ({"selection": {"points": [{"x": 1}]}}, None),
    (None, None),
    ("nonsense", None),
])
def test_unit_from_selection(value, expected):
    assert unit_from_selection(value) == expected


def test_drill_callbacks_on_a_plain_state():
    state = {"chart": event("le-loi"), "f_units": ["thi-xa", "kim-son"]}
    drill_callback(state, "chart", {"thi-xa", "le-loi", "kim-son"})()
    assert state["f_units"] == ["le-loi"]
    state["chart"] = event("no-such-unit")
    drill_to_unit(state, "chart", {"thi-xa", "le-loi"})
    assert state["f_units"] == ["le-loi"]  # unknown codes are ignored
    state["chart"] = event()
    drill_to_unit(state, "chart")
    assert state["f_units"] == ["le-loi"]
    state["fields_chart"] = event("ho-tich")
    drill_to_unit(state, "fields_chart", filter_key="f_fields")
    assert state["f_fields"] == ["ho-tich"]
    show_all_units(state)
    assert state["f_units"] == []


# -- the queries behind the page --------------------------------------------------------------

def test_ontime_by_field_query(tiny_db):
    frame = run_query("ontime_by_field", db=tiny_db, **JAN)
    assert frame[["field_code", "received", "resolved", "resolved_in_time", "late", "in_progress_overdue"]].values.tolist() == [
        ["dat-dai", 3, 3, 2, 1, 1],
        ["ho-tich", 3, 2, 2, 0, 0],
    ]
    assert frame["ontime_rate"].tolist() == pytest.approx([200 / 3, 100.0])


def test_ontime_by_procedure_query_and_min_resolved(tiny_db):
    frame = run_query("ontime_by_procedure", db=tiny_db, min_resolved=0, **JAN)
    assert frame[["procedure_code", "field_code", "resolved", "late"]].values.tolist() == [
        ["P1", "dat-dai", 3, 1], ["P2", "ho-tich", 2, 0],
    ]
    assert run_query("ontime_by_procedure", db=tiny_db, min_resolved=3, **JAN)["procedure_code"].tolist() == ["P1"]
    # kim-son alone in January: D11 in progress, D12 resolved on time
    kim_son = run_query("ontime_by_procedure", db=tiny_db, min_resolved=0, **{**JAN, "units": ["kim-son"]})
    assert kim_son[["procedure_code", "received", "resolved"]].values.tolist() == [["P2", 1, 1]]


def test_trend_by_unit_monthly_query(tiny_db):
    frame = run_query("trend_by_unit_monthly", db=tiny_db, history="then",
                      **{**JAN, "start": date(2017, 12, 1), "end": date(2018, 2, 28)})
    got = {(r.unit_code, r.month.strftime("%Y-%m")): (r.received, r.resolved, r.late, r.volume_rank) for r in frame.itertuples()}
    assert len(got) == 9  # every month x unit, also the empty ones
    assert got[("thi-xa", "2017-12")] == (2, 0, 0, 1)  # D1, D5 received
    assert got[("thi-xa", "2018-01")] == (3, 3, 1, 1)  # D2, D3, D4 received; D1, D2, D3 resolved
    assert got[("le-loi", "2017-12")] == (1, 1, 0, 2)  # D8
    assert got[("kim-son", "2018-02")] == (0, 1, 1, 3)  # D11 finished 1 Feb, a day late
    assert got[("le-loi", "2018-02")] == (0, 0, 0, 2)
    rates = {(r.unit_code, r.month.strftime("%Y-%m")): r.ontime_rate for r in frame.itertuples()}
    assert rates[("thi-xa", "2018-01")] == pytest.approx(200 / 3)
    assert pd.isna(rates[("le-loi", "2018-02")])


def test_export_file_names_carry_period_units_and_fields(app, monkeypatch):
    from cchc.ui import widgets as ui

    names = {}
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **options):
        names[key] = (options["file_name"], options["sheet"])
        original(frame, columns, title, subtitle, key, lang, **options)

    monkeypatch.setattr(ui, "download_buttons", recording)
    open_page(app, period="2018-01", unit=["kim-son"], field=["dat-dai", "ho-tich"])
    assert names == {
        "prog_balance_export": ("can-doi-ho-so-theo-don-vi-2018-01-kim-son-2-linh-vuc", "Cân đối hồ sơ theo đơn vị"),
        "prog_766_export": ("ty-le-tien-do-theo-qd-766-2018-01-kim-son-2-linh-vuc", "Tỷ lệ tiến độ theo QĐ 766"),
        "prog_field_export": ("so-lieu-theo-linh-vuc-2018-01-kim-son-2-linh-vuc", "Số liệu theo lĩnh vực"),
        "prog_procedure_export": ("ty-le-dung-han-theo-thu-tuc-2018-01-kim-son-2-linh-vuc", "Tỷ lệ đúng hạn theo thủ tục"),
        "prog_trend_export": ("dien-bien-theo-thang-2018-01-kim-son-2-linh-vuc", "Diễn biến theo tháng"),
    }


# -- tables, charts and exports of the page ----------------------------------------------------

def test_balance_export_marks_units_below_target(tiny_db):
    table = progress.with_unit_labels(run_query("dossier_balance", db=tiny_db, **JAN))
    out = progress.BALANCE.export_frame(table)
    assert out["unit_label"].tolist() == [f"{BELOW_MARK} Thị xã", "Lê Lợi", "Kim Sơn", f"{BELOW_MARK} Tổng cộng"]
    columns = progress.BALANCE.export_columns()
    assert [c.header for c in columns][:4] == [
        "Đơn vị", "Tỷ lệ đúng hạn (theo mẫu báo cáo)", "Kỳ trước chuyển sang", "Tiếp nhận trong kỳ – Tổng số",
    ]
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_xlsx(out, columns, "Tình hình", "Kỳ: Tháng 1/2018"))).active
    assert [c.value for c in sheet[4]][:4] == [f"{BELOW_MARK} Thị xã", pytest.approx(2 / 3), 2, 3]
    assert sheet.cell(row=4, column=2).number_format == "0.0%"


def test_rate_dots_order_colours_and_drill_codes(tiny_db):
    table = progress.with_unit_labels(run_query("dossier_balance", db=tiny_db, **JAN))
    fig = charts_progress.rate_dots(table[~table["is_total"]])
    dots = fig.data[0]
    assert list(dots.y) == [f"{BELOW_MARK} Thị xã", "Kim Sơn", "Lê Lợi"]  # lowest first, then by name
    assert list(dots.customdata) == ["thi-xa", "kim-son", "le-loi"]
    assert list(dots.marker.color)[0] == BELOW_COLOR
    assert BELOW_COLOR not in list(dots.marker.color)[1:]
    assert list(dots.text) == ["66,7 %", "100,0 %", "100,0 %"]


def test_online_share_bars_leave_out_units_without_dossiers_received(tiny_db):
    table = run_query("dossier_balance", db=tiny_db, **{**JAN, "start": date(2018, 1, 1), "end": date(2018, 1, 9)})
    units = table[~table["is_total"]]
    fig = charts_progress.online_share_bars(units)
    # 1-9 Jan: nothing received anywhere (D9, D10 are refused / not received)
    assert len(fig.data[0].x) == 0
    fig = charts_progress.online_share_bars(run_query("dossier_balance", db=tiny_db, **JAN).query("not is_total"))
    assert dict(zip(fig.data[0].customdata, fig.data[0].x)) == {"thi-xa": 0.0, "kim-son": 0.0, "le-loi": 50.0}


def test_unit_trend_keeps_the_busiest_units(tiny_db):
    trend = run_query("trend_by_unit_monthly", db=tiny_db, **{**JAN, "start": date(2017, 12, 1)}, history="then")
    fig = charts_progress.unit_trend(trend, top=2)
    assert [tr.name for tr in fig.data] == ["Thị xã", "Lê Lợi"]
    assert set(fig.data[0].customdata) == {"thi-xa"}
    # thi-xa's January rate 66,7 % is below the target: a red down-triangle
    january = list(fig.data[0].x).index(pd.Timestamp("2018-01-01"))
    assert fig.data[0].marker.symbol[january] == "triangle-down"
    received = charts_progress.unit_trend(trend, measure="received", top=3)
    assert [list(tr.y) for tr in received.data] == [[2, 3], [1, 2], [1, 1]]
