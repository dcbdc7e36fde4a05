"""The units' map on the Tiến độ page (cchc/ui/unit_map.py), headless: drawn from the map
fixture (tests/map_fixture.py), the unit without coordinates named, a click on a bubble
narrowing the page, boundaries from the setting or a note, and no map without coordinates."""

from __future__ import annotations

import json

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.apptest import new_app, run_page
from tests.map_fixture import build_map_db

PAGE = "app_pages/progress.py"
SQUARE = [[105.45, 21.04], [105.52, 21.04], [105.52, 21.16], [105.45, 21.16], [105.45, 21.04]]


@pytest.fixture(scope="module")
def map_db(tiny_db, tmp_path_factory):
    return build_map_db(tiny_db, tmp_path_factory.mktemp("map_page") / "map.duckdb")


def open_map(db, monkeypatch, env=None, **params):
    app = new_app(db, monkeypatch, env={"CCHC_ONTIME_TARGET": None, "CCHC_MAP_GEOJSON": None, **(env or {})})
    run_page(app, PAGE, {"period": "2018-01", **params})
    assert not app.error
    return app


def map_chart(app):
    charts = [c for c in app.get("plotly_chart") if c.proto.id.endswith("prog_map_chart")]
    return charts[0] if charts else None


def map_spec(app) -> dict:
    return json.loads(map_chart(app).proto.spec)


def captions(app) -> str:
    return " ".join(c.value for c in app.caption)


def test_the_map_draws_the_units_with_coordinates(map_db, monkeypatch):
    app = open_map(map_db, monkeypatch)
    assert "Bản đồ đơn vị" in [s.value for s in app.subheader]
    units = next(tr for tr in map_spec(app)["data"] if tr.get("name") == "units")
    # received descending: son-dong 4 (its report), thi-xa 3, kim-son 1; le-loi has no code
    assert units["customdata"] == ["son-dong", "thi-xa", "kim-son"]
    assert units["marker"]["size"] == [4, 3, 1]
    assert units["text"] == ["▼ Sơn Đông", "▼ Thị xã", "Kim Sơn"]  # 75 % and 66,7 % are below 98 %
    text = captions(app)
    assert "1 đơn vị chưa có tọa độ nên không hiện trên bản đồ: Lê Lợi." in text
    assert "(theo mẫu báo cáo) so với mục tiêu 98 %" in text


def test_clicking_a_bubble_narrows_the_page(map_db, monkeypatch):
    app = open_map(map_db, monkeypatch)
    event = {"selection": {"points": [{"curve_number": 0, "point_number": 2, "point_index": 2,
                                        "x": 105.46, "y": 21.08, "customdata": "kim-son"}],
                           "point_indices": [2], "box": [], "lasso": []}}
    states = app._tree.get_widget_states()
    states.widgets.append(WidgetState(id=map_chart(app).proto.id, string_value=json.dumps(event)))
    app._run(states)
    assert not app.exception
    assert app.session_state["f_units"] == ["kim-son"]
    assert app.query_params["unit"] == "kim-son"
    assert map_spec(app)["data"][0]["customdata"] == ["kim-son"]


def test_as_todays_units_the_map_draws_the_successor(map_db, monkeypatch):
    app = open_map(map_db, monkeypatch, history="today")
    units = map_spec(app)["data"][0]
    assert units["customdata"] == ["doai-phuong"] and units["marker"]["size"] == [4]
    assert "1 đơn vị chưa có tọa độ nên không hiện trên bản đồ: Lê Lợi." in captions(app)


def test_boundaries_from_the_setting(map_db, monkeypatch, tmp_path):
    good = tmp_path / "good.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}]}))
    app = open_map(map_db, monkeypatch, env={"CCHC_MAP_GEOJSON": str(good)})
    lines = map_spec(app)["data"][0]
    assert lines["mode"] == "lines" and lines["x"] == [p[0] for p in SQUARE] + [None]
    assert "ranh giới" not in captions(app)


@pytest.mark.parametrize("content, note", [
    (None, "Không tìm thấy tệp ranh giới hành chính; bản đồ vẽ trên nền trống."),
    ("{broken", "Tệp ranh giới hành chính không đọc được (cần GeoJSON gồm các vùng Polygon/MultiPolygon); "
                "bản đồ vẽ trên nền trống."),
])
def test_an_unusable_boundary_file_is_a_note(map_db, monkeypatch, tmp_path, content, note):
    path = tmp_path / "b.geojson"
    if content is not None:
        path.write_text(content)
    app = open_map(map_db, monkeypatch, env={"CCHC_MAP_GEOJSON": str(path)})
    assert map_spec(app)["data"][0]["name"] == "units"  # drawn all the same
    assert note in captions(app)
    assert str(path) not in captions(app)  # the screen does not name files


def test_an_oversized_boundary_file_is_a_note(map_db, monkeypatch, tmp_path):
    path = tmp_path / "big.geojson"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: refused by its size, never read
    app = open_map(map_db, monkeypatch, env={"CCHC_MAP_GEOJSON": str(path)})
    assert map_spec(app)["data"][0]["name"] == "units"
    assert ("Tệp ranh giới hành chính quá lớn (trên 50 MB) nên không được đọc; bản đồ vẽ trên nền trống."
            in captions(app))


def test_no_coordinates_no_map(tiny_db, monkeypatch):
    app = open_map(tiny_db, monkeypatch)
    assert map_chart(app) is None
    assert "Chưa có đơn vị nào có tọa độ để vẽ bản đồ." in captions(app)
    assert "3 đơn vị chưa có tọa độ nên không hiện trên bản đồ: Thị xã, Lê Lợi, Kim Sơn." in captions(app)


def test_english(map_db, monkeypatch):
    app = open_map(map_db, monkeypatch, lang="en")
    assert "Map of the units" in [s.value for s in app.subheader]
    assert "Units without coordinates, not shown (1): Lê Lợi." in captions(app)
    legend = [tr["name"] for tr in map_spec(app)["data"][1:]]
    assert legend == ["▼ Below the 98 % target", "At or above the 98 % target", "Nothing resolved"]


def test_a_long_list_of_units_without_coordinates_is_cut():
    from cchc.ui.unit_map import missing_names

    names = [f"Xã {n}" for n in range(1, 15)]
    assert missing_names(names[:12], "vi") == ", ".join(names[:12])
    assert missing_names(names, "vi") == ", ".join(names[:12]) + " và 2 đơn vị khác"
    assert missing_names(names * 100, "en") == ", ".join(names[:12]) + " and 1,388 more"
