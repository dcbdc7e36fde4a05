"""The units' bubble map figure (cchc/charts/unit_map.py) and its boundary file: exact traces
on a hand-made frame, no trace or layout that fetches from the internet, and every kind of
unusable GeoJSON file giving a note instead of an error."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from cchc import settings
from cchc.charts import unit_map as charts
from cchc.charts.theme import BELOW_COLOR, MAP_BUBBLE_MAX_PX, MAP_NO_RATE, TOWN

# In the query's order (received descending). Rates as judged on the Tiến độ table (one
# decimal against 98 %): 98,8 % meets; 97,96 % is shown 98,0 % and meets; 97,94 % is shown
# 97,9 % and is below; nothing resolved has no rate; a unit without coordinates is not drawn.
FRAME = pd.DataFrame([
    ("thi-xa", "Thị xã", 1261, 1026, 98.830409, 21.116226, 105.495325),
    ("son-loc", "Sơn Lộc", 500, 490, 97.96, 21.114731, 105.496153),
    ("kim-son", "Kim Sơn", 315, 300, 97.94, 21.084771, 105.459531),
    ("co-dong", "Cổ Đông", 0, 0, None, 21.045599, 105.506409),
    ("le-loi", "Lê Lợi", 900, 800, 99.0, None, None),
], columns=["unit_code", "short_name", "received", "resolved", "ontime_rate", "lat", "lon"])
DRAWN = ["thi-xa", "son-loc", "kim-son", "co-dong"]
NET_TRACES = {"scattergeo", "scattermapbox", "scattermap", "choropleth", "choroplethmapbox", "choroplethmap",
              "densitymapbox", "densitymap"}


@pytest.fixture(autouse=True)
def default_target(monkeypatch):
    monkeypatch.delenv("CCHC_ONTIME_TARGET", raising=False)


def units_trace(fig):
    return next(tr for tr in fig.data if tr.name == "units")


def test_only_plain_scatter_traces_and_no_geo_layout():
    fig = charts.unit_map(FRAME)
    assert {tr.type for tr in fig.data} == {"scatter"}
    assert not {tr.type for tr in fig.data} & NET_TRACES
    layout = fig.to_dict()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)
    # equal scale around the units' mean latitude
    mid = (21.116226 + 21.114731 + 21.084771 + 21.045599) / 4
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["yaxis"]["scaleratio"] == pytest.approx(1 / math.cos(math.radians(mid)))


def test_bubbles_sized_by_received_coloured_by_band():
    trace = units_trace(charts.unit_map(FRAME))
    assert list(trace.customdata) == DRAWN
    assert list(trace.x) == [105.495325, 105.496153, 105.459531, 105.506409]
    assert list(trace.y) == [21.116226, 21.114731, 21.084771, 21.045599]
    # area proportional to received: the biggest MAP_BUBBLE_MAX_PX wide
    assert list(trace.marker.size) == [1261, 500, 315, 0]
    assert trace.marker.sizemode == "area"
    assert trace.marker.sizeref == pytest.approx(2 * 1261 / MAP_BUBBLE_MAX_PX ** 2)
    assert list(trace.marker.color) == [TOWN, TOWN, BELOW_COLOR, MAP_NO_RATE]
    assert list(trace.text) == ["Thị xã", "Sơn Lộc", "▼ Kim Sơn", "Cổ Đông"]


def test_hover_in_vietnamese_and_english_formats():
    hover = list(units_trace(charts.unit_map(FRAME)).hovertext)
    assert hover[0] == ("<b>Thị xã</b><br>Tiếp nhận: 1.261 hồ sơ<br>Đã giải quyết: 1.026 hồ sơ<br>"
                        "Tỷ lệ đúng hạn (theo mẫu báo cáo): 98,8 %")
    assert hover[3].endswith("Tỷ lệ đúng hạn (theo mẫu báo cáo): chưa có hồ sơ giải quyết")
    english = list(units_trace(charts.unit_map(FRAME, "en")).hovertext)
    assert english[0] == ("<b>Thị xã</b><br>Received: 1,261 dossiers<br>Resolved: 1,026 dossiers<br>"
                          "On-time rate (reporting forms): 98.8 %")


def test_legend_names_the_bands_against_the_target(monkeypatch):
    monkeypatch.setenv("CCHC_ONTIME_TARGET", "97.5")
    fig = charts.unit_map(FRAME)
    legend = [(tr.name, tr.marker.color) for tr in fig.data if tr.showlegend is not False]
    assert legend == [("▼ Dưới mục tiêu 97,5 %", BELOW_COLOR), ("Đạt mục tiêu 97,5 %", TOWN),
                      ("Chưa có hồ sơ giải quyết", MAP_NO_RATE)]
    assert list(units_trace(fig).marker.color) == [TOWN, TOWN, TOWN, MAP_NO_RATE]  # 97,9 % meets 97,5 %


def test_bands():
    assert [charts.band(r, n) for r, n in [(98.0, 5), (97.95, 5), (97.94, 5), (None, 0), (100.0, 0)]] == \
        ["meets", "meets", "below", "none", "none"]


def test_names_go_where_they_cover_nothing():
    # one unit: above; a second bubble 30 px above the first: the first's name goes below it
    assert charts.text_positions([(0.0, 0.0)], ["A"], [20.0]) == ["top center"]
    assert charts.text_positions([(0.0, 0.0), (0.0, -30.0)], ["A", "B"], [20.0, 20.0]) == \
        ["bottom center", "top center"]


# -- boundaries (setting CCHC_MAP_GEOJSON) ------------------------------------------------------

SQUARE = [[105.45, 21.04], [105.52, 21.04], [105.52, 21.16], [105.45, 21.16], [105.45, 21.04]]
HOLE = [[105.48, 21.10], [105.49, 21.10], [105.49, 21.11], [105.48, 21.10]]
FAR = [[108.0, 16.0], [108.1, 16.0], [108.1, 16.1], [108.0, 16.0]]  # Đà Nẵng: outside the map
GOOD = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Sơn Tây"}, "geometry": {"type": "Polygon", "coordinates": [SQUARE, HOLE]}},
    {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [[FAR]]}},
    {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [105.5, 21.1]}},
    {"type": "Feature", "properties": {}, "geometry": None},
]}


def write(tmp_path, content, name="b.geojson"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_a_good_file_draws_lines_under_the_bubbles(tmp_path):
    boundaries = charts.read_boundaries(write(tmp_path, GOOD))
    assert boundaries.problem is None and len(boundaries.rings) == 3  # the square, its hole, the far ring
    fig = charts.unit_map(FRAME, boundaries=boundaries)
    lines = fig.data[0]  # first: drawn under the bubbles
    assert lines.mode == "lines" and lines.hoverinfo == "skip" and lines.showlegend is False
    # the far ring is left out; each ring is one line, ended by None
    assert list(lines.x) == [p[0] for p in SQUARE] + [None] + [p[0] for p in HOLE] + [None]
    assert list(lines.y) == [p[1] for p in SQUARE] + [None] + [p[1] for p in HOLE] + [None]
    assert fig.data[1].name == "units"


def test_boundary_lines_are_thinned_to_the_budget_and_stay_closed():
    ring = tuple((105.4 + i / 10000, 21.1) for i in range(1000)) + ((105.4, 21.1),)
    lons, lats = charts.boundary_lines(charts.Boundaries(rings=(ring,)), (105.0, 106.0, 21.0, 22.0), budget=100)
    # 1.001 points for 100: every 11th (indices 0, 11, …, 990: 91 points), then the closing
    # point again, then the None that ends the line
    assert len(lons) == len(lats) == 91 + 1 + 1
    assert lons[:2] == [105.4, 105.4011] and lons[90] == pytest.approx(105.499)
    assert (lons[91], lats[91]) == (105.4, 21.1) and lons[92] is None


@pytest.mark.parametrize("content, problem", [
    ("{not json", "map_geojson_bad"),
    ({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}, "map_geojson_bad"),
    ({"type": "FeatureCollection", "features": [GOOD["features"][2]]}, "map_geojson_bad"),  # no area
    ({"type": "FeatureCollection", "features": "none"}, "map_geojson_bad"),
    ({"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [[["a", "b"]] * 4]}}]},
     "map_geojson_bad"),
    ({"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [[[105.0, 95.0]] * 4]}}]},
     "map_geojson_bad"),  # latitude 95
    ({"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [[[105.0]] * 4]}}]},
     "map_geojson_bad"),  # a position without latitude
    ("", "map_geojson_bad"),
])
def test_a_bad_file_is_a_note_not_an_error(tmp_path, content, problem):
    boundaries = charts.read_boundaries(write(tmp_path, content))
    assert boundaries == charts.Boundaries(problem=problem)
    fig = charts.unit_map(FRAME, boundaries=boundaries)  # the map is still drawn, without lines
    assert [tr.name for tr in fig.data][0] == "units"


def test_missing_oversized_and_unset_files(tmp_path):
    assert charts.read_boundaries(None) is None
    assert charts.read_boundaries(tmp_path / "nowhere.geojson") == charts.Boundaries(problem="map_geojson_missing")
    assert charts.read_boundaries(tmp_path) == charts.Boundaries(problem="map_geojson_missing")  # a folder
    path = write(tmp_path, GOOD)
    size = path.stat().st_size
    assert charts.read_boundaries(path, max_bytes=size - 1) == charts.Boundaries(problem="map_geojson_too_big")
    assert charts.read_boundaries(path, max_bytes=size).problem is None
    assert charts.MAX_GEOJSON_BYTES == 50 * 1024 * 1024


def test_a_replaced_file_is_read_again(tmp_path):
    path = write(tmp_path, GOOD)
    assert len(charts.read_boundaries(path).rings) == 3
    write(tmp_path, "{broken")
    assert charts.read_boundaries(path).problem == "map_geojson_bad"


def test_the_setting_is_a_path(tmp_path, monkeypatch):
    monkeypatch.delenv("CCHC_MAP_GEOJSON", raising=False)
    assert settings.get("CCHC_MAP_GEOJSON") is None  # default: a plain background
    monkeypatch.setenv("CCHC_MAP_GEOJSON", str(tmp_path / "b.geojson"))
    assert settings.get("CCHC_MAP_GEOJSON") == (tmp_path / "b.geojson").resolve()


def test_a_province_s_thousands_of_units_are_drawn_without_names():
    """Beyond MAX_NAMED_UNITS the names are in the hover only: a nation's 14.086 units are
    unreadable as text, and placing names is quadratic (it took minutes at nation scale)."""
    n = charts.MAX_NAMED_UNITS + 1
    frame = pd.DataFrame({"unit_code": [f"u{i}" for i in range(n)], "short_name": [f"Xã {i}" for i in range(n)],
                          "received": [10 + i for i in range(n)], "resolved": [10] * n, "ontime_rate": [99.0] * n,
                          "lat": [20 + i / 100 for i in range(n)], "lon": [105 + (i % 7) / 10 for i in range(n)]})
    trace = units_trace(charts.unit_map(frame))
    assert trace.mode == "markers" and trace.text is None and trace.textposition is None
    assert len(trace.customdata) == n and trace.hovertext[0].startswith("<b>Xã 0</b>")
    named = units_trace(charts.unit_map(frame.head(charts.MAX_NAMED_UNITS)))
    assert named.mode == "markers+text" and len(named.text) == charts.MAX_NAMED_UNITS
