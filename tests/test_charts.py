"""The Overview's two charts (Vega-Lite specifications from cchc/charts.py): the rows they
draw, the target line and marks, the ranking's colours and band, that each specification
is valid Vega-Lite (checked with the schema Altair ships), and what the Overview draws on
the demo data against figures of the 2018 meeting report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import altair
import jsonschema
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from cchc.charts import overview as charts
from cchc.core import targets

ROOT = Path(__file__).resolve().parent.parent
TOWN, COMMUNES = "Bộ phận một cửa thị xã", "Các xã, phường"
SCHEMA = json.loads((Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json").read_text())


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


def layer(spec: dict, mark: str, **props) -> dict:
    found = [item for item in spec["layer"] if item["mark"]["type"] == mark
             and all(item["mark"].get(k) == v for k, v in props.items())]
    assert len(found) == 1, (mark, props)
    return found[0]


def test_trend_rows_target_line_and_marked_months():
    spec = charts.ontime_trend(small_trend(), "vi", target=98.0)
    rows = [(r["group"], r["month"], r["rate"], r["rate_text"], r["resolved_text"], r["late_text"], r["below"])
            for r in spec["data"]["values"]]
    assert rows == [
        (TOWN, "01/2018", 97.0, "97,0 %", "100", "3", True),
        (TOWN, "02/2018", 99.0, "99,0 %", "1.200", "12", False),
        (COMMUNES, "01/2018", 99.5, "99,5 %", "50", "0", False),
    ]
    line = layer(spec, "line")
    assert line["encoding"]["x"]["sort"] == ["01/2018", "02/2018"]
    assert line["encoding"]["color"]["scale"] == {"domain": [TOWN, COMMUNES],
                                                  "range": [charts.COLORS["town"], charts.COLORS["commune_ward"]]}
    # the lowest rate 97 is under the target 98: the axis starts 1.5 points below it
    assert line["encoding"]["y"]["scale"] == {"domain": [95.5, 100.5], "nice": False}
    rule = layer(spec, "rule")
    assert rule["data"]["values"] == [{"target": 98.0, "label": "Mục tiêu 98 %"}]
    assert rule["mark"]["color"] == targets.BELOW_COLOR
    marks = layer(spec, "point", shape="triangle-down")
    assert marks["transform"] == [{"filter": "datum.below"}] and marks["mark"]["color"] == targets.BELOW_COLOR


def test_trend_without_target_has_no_line_and_no_marks():
    spec = charts.ontime_trend(small_trend(), "en")
    assert [item["mark"]["type"] for item in spec["layer"]] == ["line"]
    assert not any(r["below"] for r in spec["data"]["values"])
    assert [r["resolved_text"] for r in spec["data"]["values"]] == ["100", "1,200", "50"]
    assert spec["layer"][0]["encoding"]["y"]["scale"] == {"zero": False}


def test_trend_labels_every_third_month_over_fifteen_months():
    months = pd.date_range("2017-01-01", periods=18, freq="MS")
    trend = pd.DataFrame({"unit_group": "town", "month": months, "ontime_rate": 99.0, "resolved": 10, "late": 0})
    axis = charts.ontime_trend(trend, "vi")["layer"][0]["encoding"]["x"]["axis"]
    # counted back from the last month, so the latest month is always labelled
    assert axis["values"] == ["03/2017", "06/2017", "09/2017", "12/2017", "03/2018", "06/2018"]
    assert [charts.month_ticks(n) for n in (1, 6, 7, 15, 16)] == [1, 1, 2, 2, 3]


def test_ranking_band_marks_weak_units():
    spec = charts.par_ranking(small_ranking(), "vi", top=1, bottom=1, band=(70.0, 85.0))
    rows = [(r["label"], r["total"], r["score"], r["color"]) for r in spec["data"]["values"]]
    # the first place is marked as top; the last is weak, which wins over "bottom"
    assert rows == [
        ("1. A", 90.0, "90,0", charts.COLORS["top"]),
        ("2. B", 75.0, "75,0", charts.COLORS["neutral"]),
        ("▼ 3. C", 60.0, "60,0", targets.BELOW_COLOR),
    ]
    assert layer(spec, "rule")["data"]["values"] == [{"x": 70.0, "color": targets.BELOW_COLOR},
                                                      {"x": 85.0, "color": charts.COLORS["top"]}]
    bar = layer(spec, "bar")
    assert bar["encoding"]["y"]["sort"] == ["1. A", "2. B", "▼ 3. C"]  # best at the top
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 115.0]  # room for '99,4' after a full bar
    # a last place above the weak line is marked as a bottom place only
    spec = charts.par_ranking(small_ranking((90.0, 80.0, 72.0)), "vi", top=1, bottom=1, band=(70.0, 85.0))
    assert [(r["label"], r["color"]) for r in spec["data"]["values"]] == [
        ("1. A", charts.COLORS["top"]), ("2. B", charts.COLORS["neutral"]), ("3. C", charts.COLORS["bottom"])]
    assert [item["mark"]["type"] for item in charts.par_ranking(small_ranking(), "vi")["layer"]] == ["bar", "text"]


@pytest.mark.parametrize("spec", [
    charts.ontime_trend(small_trend(), "vi", target=98.0),
    charts.ontime_trend(small_trend(), "en", font_size=18),
    charts.par_ranking(small_ranking(), "vi", band=(70.0, 85.0)),
    charts.par_ranking(small_ranking(), "en", font_size=18),
], ids=["trend-target", "trend-projector", "ranking-band", "ranking-projector"])
def test_specs_are_valid_vega_lite(spec):
    jsonschema.validate(spec, SCHEMA)


def test_schema_check_rejects_an_unknown_property():
    spec = charts.par_ranking(small_ranking(), "vi")
    spec["layer"][0]["mark"]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(spec, SCHEMA)


def chart_rows(at: AppTest) -> list[list[dict]]:
    """The rows each Vega-Lite chart of a run draws, in page order (Streamlit takes them out
    of the specification and sends them as Arrow)."""
    return [dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.data.data).to_dict("records")
            for chart in at.get("vega_lite_chart")]


def test_overview_draws_the_meeting_figures(demo_db, monkeypatch):
    """2018-H1 on the demo data: the town desk resolved 1.026 dossiers at 98,8 % on time
    (report); so 12 were late (1.014/1.026 = 98,83 %; 11 or 13 late would round to 98,9 or
    98,7). The 2017 ranking: Xuân Khanh first with 91/100, then Lê Lợi, Ngô Quyền, Sơn Lộc,
    Trung Hưng; Phú Thịnh, Sơn Đông and Kim Sơn last (report)."""
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["period"] = "2018-H1"
    at.run()
    assert not at.exception
    trend, ranking = chart_rows(at)
    half = [r for r in trend if r["group"] == TOWN and r["month"].endswith("/2018")
            and int(r["month"][:2]) <= 6]
    assert len(half) == 6
    assert sum(int(r["resolved_text"].replace(".", "")) for r in half) == 1026
    assert sum(int(r["late_text"].replace(".", "")) for r in half) == 12
    assert (ranking[0]["label"], ranking[0]["score"]) == ("1. Xuân Khanh", "91,0")
    assert [r["label"] for r in ranking[1:5]] == ["2. Lê Lợi", "3. Ngô Quyền", "4. Sơn Lộc", "5. Trung Hưng"]
    assert [r["label"].split(". ", 1)[1] for r in ranking[-3:]] == ["Phú Thịnh", "Sơn Đông", "Kim Sơn"]
    assert [r["color"] for r in ranking] == [charts.COLORS["top"]] * 5 + [charts.COLORS["neutral"]] * 7 + [
        charts.COLORS["bottom"]] * 3
