"""The units' bubble map on the Tiến độ page: one call, :func:`show`, below the balance table.

The figure is :func:`cchc.charts.unit_map.unit_map` (offline: no tiles, no world outlines),
the data queries/unit_map.sql for the page's filters (as the units were, or as today's
units), and a click on a bubble narrows every page to that unit through the same
drill-down as the page's other charts (:mod:`cchc.ui.drilldown`). In presentation mode the
map is one slide of the page's deck, one screen high at 1366×768.
"""

from __future__ import annotations

import streamlit as st

from cchc import settings
from cchc.charts import unit_map as charts
from cchc.core.filters import Filters
from cchc.core.targets import target_text
from cchc.i18n.formats import fmt_int
from cchc.i18n.labels import t
from cchc.store.db import run_query
from cchc.ui import presentation
from cchc.ui.drilldown import drill_callback

CHART_KEY = "prog_map_chart"
CHART_CONFIG = {"displaylogo": False, "scrollZoom": False,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}
# On a projector the map has the slide's chart height less the caption lines under it.
PRESENT_CAPTION_PX = 40
MAX_NAMED = 12  # units named in the note under the map, at most


def boundary_note(boundaries: charts.Boundaries | None, lang: str) -> str | None:
    """The note shown when the boundary file is set but cannot be used (None otherwise)."""
    if boundaries is None or boundaries.problem is None:
        return None
    return t(boundaries.problem, lang, mb=charts.MAX_GEOJSON_BYTES // (1024 * 1024))


def missing_names(names: list[str], lang: str) -> str:
    """The units not drawn, by name; beyond :data:`MAX_NAMED` (a city's synthetic units have
    no official codes), the first ones and how many more."""
    if len(names) <= MAX_NAMED:
        return ", ".join(names)
    more = t("map_more_units", lang, count=fmt_int(len(names) - MAX_NAMED, lang))
    return f"{', '.join(names[:MAX_NAMED])} {more}"


def show(f: Filters, deck: presentation.Deck) -> None:
    """The map section of the page: heading, map (or why there is none), and its notes."""
    lang = f.lang
    with deck.slide():
        st.subheader(t("map_heading", lang))
        frame = run_query("unit_map", **f.query_params(history=f.history))
        drawn, missing = charts.located(frame)
        notes = []
        if drawn.empty:
            st.caption(t("map_no_coordinates", lang))
        else:
            boundaries = charts.read_boundaries(settings.get("CCHC_MAP_GEOJSON"))
            height = presentation.chart_height(charts.HEIGHT)
            if presentation.is_on():
                height -= PRESENT_CAPTION_PX
            st.plotly_chart(
                charts.unit_map(drawn, lang, boundaries, height=height), key=CHART_KEY, config=CHART_CONFIG,
                on_select=drill_callback(st.session_state, CHART_KEY, set(f.all_units)), selection_mode="points",
            )
            notes.append(t("map_size_note", lang, target=target_text(lang=lang)))
            notes.append(t("prog_drill_hint", lang))
            if note := boundary_note(boundaries, lang):
                notes.append(note)
        if not missing.empty:
            notes.append(t("map_missing_units", lang, count=fmt_int(len(missing), lang),
                           units=missing_names(list(missing["short_name"]), lang)))
        if notes:
            st.caption(" ".join(notes))
