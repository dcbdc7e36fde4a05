"""The Overview page run headless with AppTest on the tiny database: numbers, URL, errors."""


import pytest

from tests.apptest import new_app, open_app, run_page


@pytest.fixture
def app(tiny_db, monkeypatch):
    return new_app(tiny_db, monkeypatch)


def metrics(at):
    return [(m.label, m.value) for m in at.metric]


def test_overview_shows_january_figures(app):
    run_page(app, params={"period": "2018-01"})
    assert not app.exception
    assert not app.error
    assert metrics(app)[:5] == [
        ("Tiếp nhận", "3"), ("Đã giải quyết", "3"), ("Tỷ lệ đúng hạn", "66,7 %"),
        ("Đang giải quyết quá hạn", "1"), ("Tỷ lệ trực tuyến", "0,0 %"),
    ]
    # communes/wards: received D6, D7, D11; resolved D6, D12 (both in time); online D6 of 3
    assert metrics(app)[5:] == [
        ("Tiếp nhận", "3"), ("Đã giải quyết", "2"), ("Tỷ lệ đúng hạn", "100,0 %"),
        ("Đang giải quyết quá hạn", "0"), ("Tỷ lệ trực tuyến", "33,3 %"),
    ]
    summary = " ".join(m.value for m in app.markdown)
    assert "Tại bộ phận một cửa thị xã tiếp nhận 3 hồ sơ, đã giải quyết 3 hồ sơ, tỷ lệ đúng hạn đạt 66,7 %" in summary


def test_unit_filter_from_url_and_written_back(app):
    run_page(app, params={"period": "2018-01", "unit": ["le-loi"]})
    assert not app.exception
    # only the communes/wards group is shown, for Lê Lợi alone: D6, D7 received; D6 resolved
    assert metrics(app)[:3] == [("Tiếp nhận", "2"), ("Đã giải quyết", "1"), ("Tỷ lệ đúng hạn", "100,0 %")]
    assert len(app.metric) == 5
    assert app.query_params["unit"] == "le-loi"
    assert app.query_params["period"] == "2018-01"


def test_custom_range_url(app):
    run_page(app, params={"from": "2018-01-01", "to": "2018-01-30"})
    assert not app.exception and not app.error
    # D4 received on 31 Jan is outside the range
    assert metrics(app)[0] == ("Tiếp nhận", "2")
    assert app.session_state["f_kind"] == "custom"
    assert (app.query_params["from"], app.query_params["to"]) == ("2018-01-01", "2018-01-30")


@pytest.mark.parametrize("params", [
    {"period": "2018-Q9"}, {"period": "nonsense"}, {"from": "2018-02-30", "to": "2018-03-01"},
    {"unit": ["no-such-unit"]}, {"lang": "fr"}, {"channel": ["fax"]},
])
def test_bad_url_values_warn_and_fall_back(app, params):
    run_page(app, params=params)
    assert not app.exception
    assert not app.error
    assert any("không hợp lệ" in w.value for w in app.warning)
    # default period: latest complete half-year in the data (tiny data end 31 Jan 2018 -> 2017-H2)
    if "period" in params or "from" in params:
        assert app.query_params["period"] == "2017-H2"


def test_english_switch(app):
    run_page(app, params={"period": "2018-01", "lang": "en"})
    assert not app.exception
    assert metrics(app)[:3] == [("Received", "3"), ("Resolved", "3"), ("On-time rate", "66.7 %")]
    assert app.query_params["lang"] == "en"


def test_url_round_trip_into_fresh_session(app, tiny_db, monkeypatch):
    run_page(app, params={"period": "2018-01"})
    app.multiselect(key="f_units").set_value(["kim-son", "thi-xa"]).run()
    app.selectbox(key="f_kind").set_value("quarter").run()
    app.selectbox(key="f_period").set_value("2018-Q1").run()
    url = dict(app.query_params)
    shown = metrics(app)

    fresh = run_page(new_app(), params=url)
    assert not fresh.exception
    assert fresh.session_state["f_units"] == ["kim-son", "thi-xa"]
    assert fresh.session_state["f_period"] == "2018-Q1"
    assert metrics(fresh) == shown


def test_missing_database_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    at = open_app(tmp_path / "missing.duckdb", monkeypatch=monkeypatch)
    assert not at.exception
    assert at.error and "missing.duckdb" in at.error[0].value


def test_valid_period_outside_the_data_stays_chosen(app):
    run_page(app, params={"period": "2016-05"})
    assert not app.exception and not app.error
    assert app.session_state["f_period"] == "2016-05"
    assert app.query_params["period"] == "2016-05"
    assert any("Không có hồ sơ" in i.value for i in app.info)


@pytest.mark.parametrize("kind,expected", [
    ("demo", "Dữ liệu minh họa (demo)"),
    ("mixed", "gồm dữ liệu minh họa (demo) và dữ liệu thật"),
    ("synthetic", "Dữ liệu tổng hợp (synthetic)"),
    (None, None),
])
def test_the_ui_says_what_the_data_are(tiny_db, tmp_path, monkeypatch, kind, expected):
    import shutil

    import duckdb

    path = tmp_path / "db.duckdb"
    shutil.copy(tiny_db, path)
    if kind:
        with duckdb.connect(str(path)) as con:
            con.execute("INSERT INTO dataset_info VALUES ('kind', ?)", [kind])
    at = open_app(path, monkeypatch=monkeypatch, params={"period": "2018-01"})
    notices = [i.value for i in at.sidebar.info] + [c.value for c in at.caption]
    if expected:
        assert any(expected in n for n in notices)
    else:
        assert not any("minh họa" in n or "synthetic" in n for n in notices)


def test_unit_group_chip_selects_the_group(app):
    run_page(app, params={"period": "2018-01"})
    assert app.button_group(key="f_unit_group").options == ["Một cửa cấp huyện", "Phường", "Xã"]
    app.button_group(key="f_unit_group").set_value("ward").run()
    assert not app.exception
    assert app.session_state["f_units"] == ["le-loi"]
    assert app.query_params["unit"] == "le-loi"
    # only the communes/wards tiles: Lê Lợi received D6, D7 in January
    assert len(app.metric) == 5 and app.metric[0].value == "2"
