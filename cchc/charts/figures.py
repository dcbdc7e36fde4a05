"""Plotly figures built without Plotly's per-value checks.

``plotly.graph_objects`` checks and coerces every value of every array property while a
figure is built: for the 610-unit dot chart of a city that is about 50 ms of a 20 ms
figure, and Streamlit checks nothing more when it serialises a built figure. The chart
builders therefore construct their figures with these functions, which pass Plotly's own
``_validate=False`` switch (the one ``plotly.io`` uses when it reads a figure back).

Nothing is lost: ``tests/test_figures.py`` rebuilds every builder's figure with full
validation and checks that it serialises to exactly the same JSON, so an invalid property
name or value still fails the suite.
"""

from __future__ import annotations

import plotly.graph_objects as go


def figure(*traces: go.Scatter | go.Bar | go.Heatmap) -> go.Figure:
    """A figure holding ``traces`` (possibly none); later ``add_trace``, ``update_layout``
    and the like are not checked either."""
    return go.Figure(data=list(traces), _validate=False)


def scatter(**props) -> go.Scatter:
    return go.Scatter(_validate=False, **props)


def bar(**props) -> go.Bar:
    return go.Bar(_validate=False, **props)


def heatmap(**props) -> go.Heatmap:
    return go.Heatmap(_validate=False, **props)
