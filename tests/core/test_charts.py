"""The Overview's two charts (cchc/charts/overview.py): the rows and series they draw, the
Plotly figures built from them (traces, values, colours, the target line, the ▼ marks, the
band lines, the projector's text size), that the PDF draws the very same rows, and what the
Overview draws on the demo data against figures of the 2018 meeting report. Expected values
are worked out by hand from the small frames below."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from reportlab.graphics.shapes import Polygon, Rect, String
from reportlab.lib import colors
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from cchc.charts import overview as charts
from cchc.charts import theme
from tests.apptest import open_app

TOWN, COMMUNES = "Bộ phận một cửa thị xã", "Các xã, phường"
RED, GREEN, AMBER, GREY = theme.BELOW_COLOR, theme.COLORS["top"], theme.COLORS["bottom"], theme.COLORS["neutral"]


@pytest.fixture(autouse=True)
def _no_target_settings(monkeypatch):
    monkeypatch.delenv("CCHC_ONTIME_TARGET", raising=False)
    monkeypatch.delenv("CCHC_PAR_BAND", raising=False)


def small_trend() -> pd.DataFrame:
    return pd.DataFrame({
        "unit_group": ["town", "town", "commune_ward"],
        "month": pd.to_datetime([date(2018, 1, 1), date(2018, 2, 1), date(2018, 1, 1)]),
        "ontime_rate": [97.0, 99.0, 99.5], "resolved": [100, 1200, 50], "late": [3, 12, 0],
    })


def small_ranking(totals=(90.0, 75.0, 60.0)) -> pd.DataFrame:
    return pd.DataFrame({
        "unit_code": ["a", "b", "c"], "short_name": ["A", "B", "C"], "rank": [1, 2, 3],
        "total": list(totals), "max_total": [100.0] * 3,
    })


def spec(fig) -> dict:
    """The figure as Streamlit sends it to the browser."""
    return json.loads(fig.to_json())


# -- the trend ---------------------------------------------------------------------------------

def test_trend_data_rows_and_marked_months():
    data = charts.trend_data(small_trend(), "vi", target=98.0)
    assert data.months == (date(2018, 1, 1), date(2018, 2, 1))
    assert [(s.group, s.name, s.color) for s in data.series] == [
        ("town", TOWN, theme.TOWN), ("commune_ward", COMMUNES, theme.COMMUNE_WARD)]
    rows = [(s.name, p.label, p.rate, p.rate_text, p.resolved_text, p.late_text, p.below)
            for s in data.series for p in s.points]
    # 97 % is under the target of 98 %; 99 and 99,5 are not
    assert rows == [
        (TOWN, "01/2018", 97.0, "97,0 %", "100", "3", True),
        (TOWN, "02/2018", 99.0, "99,0 %", "1.200", "12", False),
        (COMMUNES, "01/2018", 99.5, "99,5 %", "50", "0", False),
    ]
    assert (data.target, data.target_label, data.low) == (98.0, "Mục tiêu 98 %", 97.0)


def test_trend_figure_lines_target_line_and_marks():
    fig = spec(charts.ontime_trend(small_trend(), "vi", target=98.0))
    town, communes, marks = fig["data"]
    assert (town["name"], town["x"], town["y"], town["line"]["color"]) == (TOWN, ["01/2018", "02/2018"], [97.0, 99.0],
                                                                          theme.TOWN)
    assert town["customdata"] == [["97,0 %", "100", "3"], ["99,0 %", "1.200", "12"]]
    assert (communes["name"], communes["x"], communes["y"], communes["line"]["color"]) == (
        COMMUNES, ["01/2018"], [99.5], theme.COMMUNE_WARD)
    # the ▼ of the one month under target, in red, out of the legend
    assert (marks["x"], marks["y"], marks["showlegend"]) == (["01/2018"], [97.0], False)
    assert marks["marker"] == {"color": RED, "symbol": "triangle-down", "size": theme.BELOW_MARKER_SIZE}
    assert marks["customdata"] == [["97,0 %", "100", "3"]]
    assert "Tỷ lệ đúng hạn: %{customdata[0]}" in town["hovertemplate"]
    [line] = fig["layout"]["shapes"]
    assert (line["y0"], line["y1"], line["line"]["color"], line["line"]["dash"]) == (98.0, 98.0, RED, "6px,4px")
    [label] = fig["layout"]["annotations"]
    assert (label["text"], label["font"]["color"], label["y"]) == ("Mục tiêu 98 %", RED, 98.0)
    # the lowest rate 97 is under the target 98: the axis starts 1.5 points below it
    assert fig["layout"]["yaxis"]["range"] == [95.5, 100.5]
    assert fig["layout"]["xaxis"]["categoryarray"] == ["01/2018", "02/2018"]
    assert fig["layout"]["separators"] == ",."
    assert fig["layout"]["font"]["size"] == theme.FONT_SIZE


def test_trend_without_target_has_no_line_and_no_marks():
    fig = spec(charts.ontime_trend(small_trend(), "en"))
    assert [trace["name"] for trace in fig["data"]] == ["Town one-stop desk", "Communes and wards"]
    assert "shapes" not in fig["layout"] and "annotations" not in fig["layout"]
    assert [row[1] for row in fig["data"][0]["customdata"]] == ["100", "1,200"]
    assert "range" not in fig["layout"]["yaxis"]
    assert fig["layout"]["separators"] == ".,"


def test_trend_labels_every_third_month_over_fifteen_months():
    months = pd.date_range("2017-01-01", periods=18, freq="MS")
    trend = pd.DataFrame({"unit_group": "town", "month": months, "ontime_rate": 99.0, "resolved": 10, "late": 0})
    axis = spec(charts.ontime_trend(trend, "vi"))["layout"]["xaxis"]
    # counted back from the last month, so the latest month is always labelled
    assert axis["tickvals"] == ["03/2017", "06/2017", "09/2017", "12/2017", "03/2018", "06/2018"]
    assert [charts.month_ticks(n) for n in (1, 6, 7, 15, 16)] == [1, 1, 2, 2, 3]


# -- the ranking -------------------------------------------------------------------------------

def test_ranking_colours_every_bar_by_its_par_band_with_a_legend():
    """The PAR bands of CCHC_PAR_BAND (default 70, 85), not top five / bottom three: 90 is
    good (green), 75 middle (grey), 60 weak (red, marked ▼), as on the ranking page."""
    fig = spec(charts.par_ranking(small_ranking(), "vi", band=(70.0, 85.0)))
    bars, *legend = fig["data"]
    assert bars["y"] == ["1. A", "2. B", "▼ 3. C"]
    assert bars["x"] == [90.0, 75.0, 60.0]
    assert bars["text"] == ["90,0", "75,0", "60,0"]
    assert bars["marker"]["color"] == [GREEN, GREY, RED]
    assert bars["customdata"] == ["a", "b", "c"]  # the drill-down's unit codes
    assert bars["showlegend"] is False
    # the legend: one entry per band, in the bands' colours, best first
    assert [(t["name"], t["marker"]["color"]) for t in legend] == [
        ("Tốt: từ 85 điểm", GREEN), ("Trung bình: 70 – dưới 85", GREY), ("▼ Yếu: dưới 70", RED)]
    assert [(s["x0"], s["line"]["color"]) for s in fig["layout"]["shapes"]] == [(70.0, RED), (85.0, GREEN)]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"  # best at the top
    # room for '90,0' after the longest bar (90 x 1.12 = 100.8), not an axis running to 115
    assert fig["layout"]["xaxis"]["range"] == [0, 100.8]
    # a total on the good line is good, one on the weak line is middle (weak is below it)
    fig = spec(charts.par_ranking(small_ranking((85.0, 84.9, 70.0)), "vi", band=(70.0, 85.0)))
    assert (fig["data"][0]["y"], fig["data"][0]["marker"]["color"]) == (["1. A", "2. B", "3. C"], [GREEN, GREY, GREY])
    # without a band: no lines, the colours and the mark still follow the setting
    fig = spec(charts.par_ranking(small_ranking(), "vi"))
    assert "shapes" not in fig["layout"]
    assert (fig["data"][0]["y"][2], fig["data"][0]["marker"]["color"][2]) == ("▼ 3. C", RED)


def test_ranking_leaves_out_unranked_units_and_orders_ties_by_name():
    frame = pd.DataFrame({"unit_code": ["z", "y", "x", "w"], "short_name": ["Z", "Y", "X", "W"],
                          "rank": [2, 1, 2, None], "total": [80.0, 95.0, 80.0, None], "max_total": 100.0})
    data = charts.ranking_data(frame, "vi")
    assert [(b.unit_code, b.label, b.color) for b in data.bars] == [
        ("y", "1. Y", GREEN), ("x", "2. X", GREY), ("z", "2. Z", GREY)]


def test_charts_are_white_cards_with_dark_text_in_any_app_theme():
    """In a dark app theme a transparent chart showed its black values on near-black."""
    for fig in (charts.par_ranking(small_ranking(), "vi"), charts.ontime_trend(small_trend(), "vi", target=98.0)):
        layout = spec(fig)["layout"]
        assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == theme.WHITE
        assert layout["font"]["color"] == theme.INK


def test_presentation_mode_writes_chart_text_at_18_px():
    trend = spec(charts.ontime_trend(small_trend(), "vi", target=98.0, font_size=theme.PROJECTOR_FONT_SIZE))
    assert theme.PROJECTOR_FONT_SIZE == 18
    assert trend["layout"]["font"]["size"] == 18 and trend["layout"]["legend"]["font"]["size"] == 18
    assert trend["layout"]["yaxis"]["tickfont"]["size"] == 17 and trend["layout"]["annotations"][0]["font"]["size"] == 17
    assert trend["layout"]["yaxis"]["title"] == {"text": "Tỷ lệ đúng hạn (%)", "font": {"size": 17}}
    ranking = spec(charts.par_ranking(small_ranking(), "vi", font_size=18))
    assert ranking["data"][0]["textfont"]["size"] == 17 and ranking["layout"]["xaxis"]["tickfont"]["size"] == 17


# -- the PDF draws the same rows -----------------------------------------------------------------

def test_the_pdf_draws_the_same_bars_and_months(demo_db, monkeypatch):
    """The report's reportlab charts come from the same data functions: the ranking's labels,
    values and colours, and one red ▼ per month below target within the trend window."""
    from cchc.core.kpis import meeting_figures
    from cchc.core.periods import Period, months_between
    from cchc.report.pdf import ranking_drawing, register_fonts, trend_drawing
    from cchc.store.db import run_query
    from cchc.ui.sidebar import Filters

    monkeypatch.setenv("CCHC_DB", str(demo_db))
    register_fonts()
    units = run_query("units", db=demo_db)
    filters = Filters(period=Period.parse("2018-H1"), units=(), lang="vi", all_units=tuple(units["unit_code"]))
    figures = meeting_figures(filters)
    bars = charts.ranking_data(figures.ranking_rows(), "vi", band=(70.0, 85.0)).bars
    drawing = ranking_drawing(figures)
    # after the axis values, each bar's label then its value
    texts = [s.text for s in drawing.contents if isinstance(s, String)][-2 * len(bars):]
    assert texts[0::2] == [b.label for b in bars]
    assert texts[1::2] == [b.score_text for b in bars]
    fills = [s.fillColor for s in drawing.contents if isinstance(s, Rect)]
    assert fills == [colors.HexColor(b.color) for b in bars]
    assert len(bars) == 15 and bars[0].label == "1. Xuân Khanh"

    data = charts.trend_data(figures.trend, "vi", 98.0)
    window = {p.start for p in months_between(figures.trend_window.start, figures.trend_window.end)}
    below = sum(p.below for s in data.series for p in s.points if p.rate is not None and p.month in window)
    triangles = [s for s in trend_drawing(figures).contents if isinstance(s, Polygon)]
    assert below > 0 and len(triangles) == below
    assert all(s.fillColor == colors.HexColor(RED) for s in triangles)


# -- on the demo data ----------------------------------------------------------------------------

def overview(demo_db, monkeypatch) -> AppTest:
    return open_app(demo_db, monkeypatch=monkeypatch, params={"period": "2018-H1"})


def chart_specs(at: AppTest) -> dict[str, dict]:
    """The Plotly figures of a run by chart key, as sent to the browser."""
    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def test_overview_draws_the_meeting_figures(demo_db, monkeypatch):
    """2018-H1 on the demo data: the town desk resolved 1.026 dossiers at 98,8 % on time
    (report); so 12 were late (1.014/1.026 = 98,83 %; 11 or 13 late would round to 98,9 or
    98,7). The 2017 ranking: Xuân Khanh first with 91/100, then Lê Lợi, Ngô Quyền, Sơn Lộc,
    Trung Hưng; Phú Thịnh, Sơn Đông and Kim Sơn last (report). Coloured by PAR band:
    91, 88,5, 87 and 85,5 are good (from 85), Trung Hưng's 84 down to Kim Sơn's 70 middle."""
    specs = chart_specs(overview(demo_db, monkeypatch))
    assert list(specs) == ["trend_chart", "ranking_chart"]
    town = next(trace for trace in specs["trend_chart"]["data"] if trace["name"] == TOWN and trace["mode"] == "lines+markers")
    half = [c for month, c in zip(town["x"], town["customdata"]) if month.endswith("/2018") and int(month[:2]) <= 6]
    assert len(half) == 6
    assert sum(int(resolved.replace(".", "")) for _, resolved, _ in half) == 1026
    assert sum(int(late.replace(".", "")) for _, _, late in half) == 12
    bars, *legend = specs["ranking_chart"]["data"]
    assert len(legend) == 3
    assert (bars["y"][0], bars["text"][0]) == ("1. Xuân Khanh", "91,0")
    assert bars["y"][1:5] == ["2. Lê Lợi", "3. Ngô Quyền", "4. Sơn Lộc", "5. Trung Hưng"]
    assert [label.split(". ", 1)[1] for label in bars["y"][-3:]] == ["Phú Thịnh", "Sơn Đông", "Kim Sơn"]
    assert bars["marker"]["color"] == [GREEN] * 4 + [GREY] * 11


def test_clicking_a_ranking_bar_drills_down_to_the_unit(demo_db, monkeypatch):
    """A Plotly selection event as the browser sends it for the bar of Xuân Khanh: the unit
    filter and the URL narrow to it, as a click does on the other pages."""
    at = overview(demo_db, monkeypatch)
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("ranking_chart"))
    event = {"selection": {"points": [{"curve_number": 0, "point_number": 0, "point_index": 0, "x": 91.0,
                                        "y": "1. Xuân Khanh", "customdata": "xuan-khanh"}],
                           "point_indices": [0], "box": [], "lasso": []}}
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(event)))
    at._run(states)
    assert not at.exception
    assert at.session_state["f_units"] == ["xuan-khanh"]
    assert at.query_params["unit"] == "xuan-khanh"
