"""Drill-down from a chart to one unit: clicking a unit's bar narrows every page to it.

Charts carry the unit code of each point in ``customdata``; ``st.plotly_chart(...,
on_select=callback, selection_mode="points", key=...)`` stores the selection event under
the chart's key, and the callback below copies the unit into the shared unit filter
(session key ``f_units``), which the entry point then writes into the URL as ``unit=``.
Nothing here imports Streamlit: the session state is passed in, so tests can use a dict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

UNIT_FILTER_KEY = "f_units"
FIELD_FILTER_KEY = "f_fields"


def unit_from_selection(event: Any) -> str | None:
    """The unit code of the first selected point of a Plotly selection event, if any.

    The event looks like ``{"selection": {"points": [{"customdata": "xuan-khanh", ...}]}}``;
    ``customdata`` may also be a list whose first item is the unit code (2-D customdata).
    """
    if not isinstance(event, Mapping):
        return None
    selection = event.get("selection")
    if not isinstance(selection, Mapping):
        return None
    for point in selection.get("points") or []:
        if not isinstance(point, Mapping):
            continue
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and custom:
            return custom
    return None


def drill_to_unit(
    state: MutableMapping, chart_key: str, valid_units: set[str] | None = None, filter_key: str = UNIT_FILTER_KEY
) -> None:
    """Selection callback: narrow the shared unit filter (or ``filter_key``, e.g. the field
    filter ``f_fields``) to the clicked point's code.

    Reads the chart's event from ``state[chart_key]``; ignores an empty selection (a click
    on the background) and codes outside ``valid_units`` when given."""
    code = unit_from_selection(state.get(chart_key))
    if code is None or (valid_units is not None and code not in valid_units):
        return
    state[filter_key] = [code]


def drill_callback(
    state: MutableMapping, chart_key: str, valid_units: set[str] | None = None, filter_key: str = UNIT_FILTER_KEY
) -> Callable[[], None]:
    """A no-argument callback for ``st.plotly_chart(on_select=...)`` bound to one chart."""

    def callback() -> None:
        drill_to_unit(state, chart_key, valid_units, filter_key)

    return callback


def show_all_units(state: MutableMapping) -> None:
    """Button callback: clear the unit filter (all units again)."""
    state[UNIT_FILTER_KEY] = []
