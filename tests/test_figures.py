"""Figures built without Plotly's per-value checks (cchc/figures.py) are exactly the figures
full validation gives.

Every chart builder the pages call is recorded while the pages run on the demo database
(AppTest, several filters); each recorded call is then replayed with the checking
constructors of ``plotly.graph_objects`` and both figures are serialised: the JSON must be
identical. A builder the pages never called fails the test, so a new builder cannot slip by
unchecked, and a property Plotly does not know raises in the replay. (The Overview's charts
are Vega-Lite specifications, checked against the Vega-Lite schema in tests/test_charts.py.)
"""

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from cchc.charts import procedures as charts_procedures
from cchc.charts import progress as charts_progress
from cchc.charts import ranking as charts_ranking

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
MODULES = (charts_progress, charts_ranking, charts_procedures)
BUILDERS = {
    charts_progress: ("rate_dots", "online_share_bars", "unit_trend"),
    charts_ranking: ("ranking_bars", "comparison_dumbbell", "criteria_heatmap"),
    charts_procedures: ("catalogue_bars", "online_bars", "days_bars"),
}
VISITS = (
    ("app_pages/progress.py", {"period": "2018-H1"}),
    ("app_pages/progress.py", {"period": "2018-Q3", "unit": ["xuan-khanh", "thi-xa"]}),
    ("app_pages/ranking.py", {"year": "2017"}),
    ("app_pages/procedures.py", {"period": "2018-H1"}),
)
VALIDATING = {"figure": lambda *traces: go.Figure(data=list(traces)), "scatter": go.Scatter,
              "bar": go.Bar, "heatmap": go.Heatmap}


def _as_json(fig: go.Figure) -> dict:
    spec = json.loads(pio.to_json(fig, validate=False))
    # An unchecked figure that was asked for its annotations (add_vline does) keeps an
    # empty list where a checked one has none; plotly.js draws both the same.
    spec["layout"] = {k: v for k, v in spec["layout"].items() if v != []}
    return spec


@pytest.fixture(scope="module")
def recorded(demo_db, tmp_path_factory) -> list[tuple]:
    calls: list[tuple] = []
    patch = pytest.MonkeyPatch()
    try:
        for module, names in BUILDERS.items():
            for name in names:
                original = getattr(module, name)

                def recording(*args, _original=original, _module=module, _name=name, **kwargs):
                    fig = _original(*args, **kwargs)
                    calls.append((_module, _name, args, kwargs, fig))
                    return fig

                patch.setattr(module, name, recording)
        patch.setenv("CCHC_DB", str(demo_db))
        for page, params in VISITS:
            at = AppTest.from_file(APP, default_timeout=120)
            for key, value in params.items():
                at.query_params[key] = value
            at.run()
            if page != "app_pages/overview.py":
                at.switch_page(page).run()
            assert not at.exception, (page, at.exception)
    finally:
        patch.undo()
    return calls


def test_every_builder_is_exercised(recorded):
    seen = {(module.__name__, name) for module, name, *_ in recorded}
    expected = {(module.__name__, name) for module, names in BUILDERS.items() for name in names}
    assert expected - seen == set()


def test_unchecked_figures_equal_fully_validated_ones(recorded, monkeypatch):
    assert all(fig._validate is False for *_, fig in recorded)
    for module in MODULES:
        for name, constructor in VALIDATING.items():
            if hasattr(module, name):
                monkeypatch.setattr(module, name, constructor)
    for module, name, args, kwargs, fig in recorded:
        validated = getattr(module, name)(*args, **kwargs)
        assert validated._validate is True
        assert _as_json(fig) == _as_json(validated), f"{module.__name__}.{name}"


def test_the_other_trend_measure_too(recorded, monkeypatch):
    # The page draws the on-time measure by default; the dossiers-received measure is a
    # different set of properties.
    args = next(a for m, n, a, k, f in recorded if n == "unit_trend")
    fast = charts_progress.unit_trend(args[0], "vi", "received", 3)
    for name, constructor in VALIDATING.items():
        if hasattr(charts_progress, name):
            monkeypatch.setattr(charts_progress, name, constructor)
    assert _as_json(fast) == _as_json(charts_progress.unit_trend(args[0], "vi", "received", 3))


def test_an_unknown_property_still_fails_in_the_replay():
    from cchc.charts import figures

    fast = figures.figure(figures.bar(x=[1], y=[2], colour="red"))  # accepted unchecked
    with pytest.raises(ValueError):
        go.Figure(data=[go.Bar(x=[1], y=[2], colour="red")])
    assert fast.to_dict()["data"][0]["colour"] == "red"
