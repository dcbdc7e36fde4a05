"""Any scope and history as today's units on the pages (issue 12, items 3-4): the sidebar
starts from the scope in the URL and offers only its units, the Overview draws the whole
history of today's units across the 1 July 2025 marker, an unknown scope is a warning and
all the data, the ranking is of the scope's units of the year, and the 2018 report figures
do not move. Hand-computed on tests/lineage_db.py; the last test on the demo."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from cchc.charts.reorganisation import MARKER_NAME
from tests.apptest import open_app
from tests.lineage_db import build_lineage_db

NO_TARGET = {"CCHC_ONTIME_TARGET": None, "CCHC_PAR_BAND": None}


@pytest.fixture(scope="module")
def lineage_db(tmp_path_factory):
    return build_lineage_db(tmp_path_factory.mktemp("scope_pages") / "lineage.duckdb")


def _values(y) -> list:
    # Plotly writes a float array as base64 ({"dtype": "f8", "bdata": ...})
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).tolist()
    return list(y)


def _chart(app, key: str) -> dict:
    found = [c for c in app.get("plotly_chart") if c.proto.id.endswith(key)]
    assert len(found) == 1, key
    return json.loads(found[0].proto.spec)


def test_a_province_as_today_s_units(lineage_db, monkeypatch):
    app = open_app(lineage_db, None, monkeypatch, env=NO_TARGET,
                   params={"scope": "01", "history": "today", "period": "2025-07"})
    assert not app.error and not app.warning
    assert app.selectbox(key="f_scope").value == "01"
    assert app.selectbox(key="f_scope").options == [
        "Toàn bộ dữ liệu", "Thành phố Hà Nội", "Thị xã Sơn Tây (trước 01/7/2025)", "Phường Sơn Tây", "Xã Kim Sơn"]
    # today's units inside Hà Nội: the city's desk, its department, the ward and the commune
    assert app.multiselect(key="f_units").options == [
        "Trung tâm Phục vụ hành chính công Hà Nội", "Sở Tư pháp", "Phường Sơn Tây", "Xã Kim Sơn"]
    assert app.button_group(key="f_unit_group").options == ["Một cửa cấp tỉnh", "Sở, ngành", "Phường", "Xã"]
    # the whole history, whatever the period: every month from the first dossier (12/2017)
    heading = "Tỷ lệ đúng hạn theo tháng của đơn vị hiện nay, 12/2017 – 07/2025"
    assert heading in [s.value for s in app.subheader]
    spec = _chart(app, "history_chart")
    assert [d["name"] for d in spec["data"]] == ["Sơn Tây", "Kim Sơn", "Hà Nội", "Tư pháp"]
    son_tay = spec["data"][0]
    assert len(son_tay["x"]) == 92  # 12/2017 .. 07/2025
    rates = dict(zip((x[:7] for x in son_tay["x"]), _values(son_tay["y"])))
    # 12/2017: le-loi's D8 early; 01/2018: thi-xa + le-loi 3 of 4; 06/2025 1 of 1; 07/2025 1 of 2
    assert (rates["2017-12"], rates["2018-01"], rates["2025-06"], rates["2025-07"]) == (100.0, 75.0, 100.0, 50.0)
    assert [s["x0"] for s in spec["layout"]["shapes"] if s.get("name") == MARKER_NAME] == ["2025-06-16"]
    assert any(c.value.startswith("Số liệu gần đúng: hồ sơ của đơn vị được chia tách (Thị xã)") for c in app.caption)
    # the desks' tile: the city's desk D17 (received 1, resolved late) under its own name
    assert "Bộ phận một cửa cấp tỉnh, sở, ngành" in [s.value for s in app.subheader]
    assert app.query_params["scope"] == "01" and app.query_params["history"] == "today"


def test_a_former_district_as_the_units_were(lineage_db, monkeypatch):
    app = open_app(lineage_db, "app_pages/progress.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "269", "period": "2018-01", "lang": "en"})
    assert not app.error and not app.warning
    assert app.multiselect(key="f_units").options == ["Bộ phận một cửa thị xã Sơn Tây", "Phường Lê Lợi", "Xã Kim Sơn"]
    table = app.dataframe[0].value
    # the tiny database's January 2018 balance (tests/tiny_db.py): received 3 + 2 + 1
    assert list(table.iloc[:, 0]) == ["Thị xã", "Lê Lợi", "Kim Sơn", "Total"]
    assert app.query_params["scope"] == "269"


def test_a_commune_scope_as_today_s_units_brings_its_predecessors(lineage_db, monkeypatch):
    app = open_app(lineage_db, "app_pages/progress.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "09574", "history": "today", "period": "2018-01", "lang": "en"})
    assert app.multiselect(key="f_units").options == ["Phường Sơn Tây"]
    table = app.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["Sơn Tây", "Total"]


def test_an_unknown_scope_is_a_warning_and_all_the_data(lineage_db, monkeypatch):
    app = open_app(lineage_db, None, monkeypatch, env=NO_TARGET, params={"scope": "99999", "period": "2018-01"})
    assert not app.error
    assert [w.value for w in app.warning] == [
        "Tham số trên đường dẫn không hợp lệ, đã dùng giá trị mặc định: scope\\=99999"]  # echoed inert (ui/safety.py)
    assert app.selectbox(key="f_scope").value == ""
    assert "scope" not in app.query_params
    assert app.multiselect(key="f_units").options == [
        "Bộ phận một cửa thị xã Sơn Tây", "Phường Lê Lợi", "Xã Kim Sơn"]  # the units of January 2018


def test_the_ranking_of_a_scope_year_by_year(lineage_db, monkeypatch):
    app = open_app(lineage_db, "app_pages/ranking.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "09574", "period": "2018-01", "year": "2025"})
    ranked = app.dataframe[0].value
    # rank 2 of the year's units (kim-son, 1st, is outside the scope); le-loi's 70 is not of 2025
    assert ranked.iloc[:, :3].values.tolist() == [[2.0, "Phường Sơn Tây", 85.0]]
    app = open_app(lineage_db, "app_pages/ranking.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "09574", "period": "2018-01", "year": "2017"})
    # the old unit of 2017 inside 09574, 2nd after kim-son (the town desk's 95 is not ranked)
    assert app.dataframe[0].value.iloc[:, :3].values.tolist() == [[2.0, "Phường Lê Lợi", 80.0]]


def test_the_2018_report_figures_under_the_city_scope(demo_db, monkeypatch):
    at = open_app(demo_db, None, monkeypatch, params={"period": "2018-H1", "scope": "01"}, timeout=120)
    assert not at.error and not at.warning
    values = {(m.label, m.value) for m in at.metric}
    for expected in [("Tiếp nhận", "1.261"), ("Đã giải quyết", "1.026"), ("Tỷ lệ đúng hạn", "98,8 %"),
                     ("Tiếp nhận", "17.337"), ("Tỷ lệ đúng hạn", "99,6 %")]:
        assert expected in values


def test_the_overview_and_report_name_the_scope(lineage_db, monkeypatch):
    """With no unit selected, a scoped view says which scope it covers (the caption and the
    report's "Đơn vị" line), not "Tất cả đơn vị"."""
    from cchc.report.document import units_text

    app = open_app(lineage_db, "app_pages/overview.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "269", "period": "2018-01"})
    filters = app.session_state["filters"]
    name = filters.scope_label
    assert name == "Thị xã Sơn Tây (trước 01/7/2025)"
    head = [c.value for c in app.caption if c.value.startswith("**")][0]
    assert head.split(" · ")[1] == name
    from cchc.core.kpis import meeting_figures

    assert units_text(meeting_figures(filters)) == name


def test_a_scoped_export_title_and_file_name_say_the_scope(lineage_db, monkeypatch):
    from cchc.tables.export import file_stem, filters_scope
    from cchc.ui.widgets import filters_text

    app = open_app(lineage_db, "app_pages/progress.py", monkeypatch, env=NO_TARGET,
                   params={"scope": "269", "period": "2018-01"})
    filters = app.session_state["filters"]
    assert filters_text(filters) == "Kỳ: Tháng 1/2018; Đơn vị: Thị xã Sơn Tây (trước 01/7/2025)"
    assert "pham-vi-269" in file_stem("tien-do", **filters_scope(filters))
