"""The units' bubble map (Tiến độ page): each unit at its coordinates, the bubble's area
proportional to the dossiers it received, its colour the on-time band against the target.

Offline by construction: a plain ``go.Scatter`` on longitude/latitude axes kept at equal
scale (one kilometre is as long north-south as east-west around the units), on a plain
background. No ``scattergeo``/``scattermapbox``/``scattermap`` trace: those make the browser
fetch world outlines or map tiles from the internet, and a district's server or a meeting
room may have none. Boundaries are drawn only when the district supplies a GeoJSON file
(setting ``CCHC_MAP_GEOJSON``), as thin lines under the bubbles; a file that cannot be used
gives a note (:attr:`Boundaries.problem`), never an error, and the map is drawn without it.

Pure functions, no Streamlit: query rows (queries/unit_map.sql) in, a figure out. Every
bubble carries its unit code in ``customdata`` for the click-to-filter of
:mod:`cchc.ui.drilldown`.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from cchc.charts.theme import (
    FONT,
    HOVER_FONT_SIZE,
    MAP_BAND_COLORS,
    MAP_BOUNDARY,
    MAP_BOUNDARY_WIDTH,
    MAP_BUBBLE_MAX_PX,
    MAP_BUBBLE_MIN_PX,
    MAP_FRAME,
    VALUE_FONT_SIZE,
    WHITE,
)
from cchc.core.targets import BELOW_MARK, below_ontime_target, target_text
from cchc.i18n.formats import fmt_int, fmt_pct
from cchc.i18n.labels import t

# A boundary file is read whole (json): refuse one above this size before reading it.
MAX_GEOJSON_BYTES = 50 * 1024 * 1024
# Vertices sent to the browser at most: a province's communes in full detail would make the
# page slow; the lines are thinned evenly beyond this.
MAX_BOUNDARY_POINTS = 60_000
# the bands in the legend's order, with their labels
BAND_LABELS = {"below": "map_band_below", "meets": "map_band_meets", "none": "map_band_none"}
MIN_SPAN_DEG = 0.03  # the smallest extent shown (about 3 km): one unit alone is not a dot in a void
PAD_SHARE = 0.14  # room around the outer bubbles and their names, as a share of the extent
HEIGHT = 560


@dataclass(frozen=True)
class Boundaries:
    """Polygon rings read from a GeoJSON file: each ring a tuple of (lon, lat) points.
    ``problem`` is a label key when the file could not be used (then no rings)."""

    rings: tuple[tuple[tuple[float, float], ...], ...] = ()
    problem: str | None = None


# -- the GeoJSON file ----------------------------------------------------------------------

def read_boundaries(path: Path | str | None, max_bytes: int = MAX_GEOJSON_BYTES) -> Boundaries | None:
    """The rings of the Polygons and MultiPolygons of a GeoJSON FeatureCollection; None when
    no file is set. A missing, oversized or malformed file gives ``Boundaries(problem=key)``
    (keys ``map_geojson_missing``, ``map_geojson_too_big``, ``map_geojson_bad``): the size is
    checked before anything is read, and at most ``max_bytes + 1`` bytes are ever read."""
    if path is None or str(path) == "":
        return None
    file = Path(path)
    try:
        info = file.stat()
    except OSError:
        return Boundaries(problem="map_geojson_missing")
    if not file.is_file():
        return Boundaries(problem="map_geojson_missing")
    if info.st_size > max_bytes:
        return Boundaries(problem="map_geojson_too_big")
    return _read_cached(str(file), info.st_mtime_ns, info.st_size, max_bytes)


@functools.lru_cache(maxsize=4)
def _read_cached(path: str, _mtime_ns: int, _size: int, max_bytes: int) -> Boundaries:
    # keyed by the file's version: a replaced file is read again, an unchanged one once
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError:
        return Boundaries(problem="map_geojson_missing")
    if len(raw) > max_bytes:  # grew since it was measured
        return Boundaries(problem="map_geojson_too_big")
    try:
        rings = _rings(json.loads(raw))
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return Boundaries(problem="map_geojson_bad")
    return Boundaries(rings=rings) if rings else Boundaries(problem="map_geojson_bad")


def _rings(data) -> tuple:
    """Every ring of every Polygon/MultiPolygon feature; other geometries are skipped.
    Raises ValueError when ``data`` is not a FeatureCollection or a ring is malformed."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError("not a FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise ValueError("no features")
    rings = []
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict):
            continue
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
        for polygon in polygons:
            rings += [_ring(ring) for ring in polygon]
    return tuple(rings)


def _ring(points) -> tuple[tuple[float, float], ...]:
    if not isinstance(points, list) or len(points) < 2:
        raise ValueError("a ring needs points")
    ring = []
    for point in points:
        if not isinstance(point, list) or len(point) < 2:
            raise ValueError("a position needs a longitude and a latitude")
        lon, lat = float(point[0]), float(point[1])
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("a position outside longitude/latitude")
        ring.append((lon, lat))
    return tuple(ring)


def boundary_lines(boundaries: Boundaries, extent: tuple[float, float, float, float],
                   budget: int = MAX_BOUNDARY_POINTS) -> tuple[list, list]:
    """(lons, lats) of the rings that reach into ``extent`` (lon0, lon1, lat0, lat1), one
    line each (separated by None), thinned evenly to about ``budget`` vertices."""
    lon0, lon1, lat0, lat1 = extent
    near = [r for r in boundaries.rings
            if min(p[0] for p in r) <= lon1 and max(p[0] for p in r) >= lon0
            and min(p[1] for p in r) <= lat1 and max(p[1] for p in r) >= lat0]
    step = max(1, math.ceil(sum(len(r) for r in near) / budget))
    lons: list = []
    lats: list = []
    for ring in near:
        kept = list(ring[::step])
        if kept[-1] != ring[-1]:
            kept.append(ring[-1])  # a ring stays closed
        lons += [p[0] for p in kept] + [None]
        lats += [p[1] for p in kept] + [None]
    return lons, lats


# -- the figure ----------------------------------------------------------------------------

def located(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(units with coordinates, units without), in the query's order."""
    has = frame["lat"].notna() & frame["lon"].notna()
    return frame[has], frame[~has]


def band(rate, resolved) -> str:
    """'below' the on-time target, 'meets' it, or 'none' (nothing resolved): the bands of
    the Tiến độ table (a rate is judged as shown, to one decimal)."""
    if not resolved or rate is None or pd.isna(rate):
        return "none"
    return "below" if below_ontime_target(rate) else "meets"


def extent(data: pd.DataFrame) -> tuple[float, float, float, float]:
    """(lon0, lon1, lat0, lat1) around the units, with room for the bubbles and names."""
    lon0, lon1 = float(data["lon"].min()), float(data["lon"].max())
    lat0, lat1 = float(data["lat"].min()), float(data["lat"].max())
    pad_lon = max(lon1 - lon0, MIN_SPAN_DEG) * PAD_SHARE + max(0.0, MIN_SPAN_DEG - (lon1 - lon0)) / 2
    pad_lat = max(lat1 - lat0, MIN_SPAN_DEG) * PAD_SHARE + max(0.0, MIN_SPAN_DEG - (lat1 - lat0)) / 2
    return lon0 - pad_lon, lon1 + pad_lon, lat0 - pad_lat, lat1 + pad_lat


def _hover(row, lang: str, marked: str) -> str:
    dossiers = t("dossiers_unit", lang)
    rate = fmt_pct(row.ontime_rate, 1, lang) if row.resolved else t("map_no_rate", lang)
    return (f"<b>{marked}</b><br>{t('received', lang)}: {fmt_int(row.received, lang)} {dossiers}<br>"
            f"{t('resolved', lang)}: {fmt_int(row.resolved, lang)} {dossiers}<br>"
            f"{t('prog_formula_a_short', lang)}: {rate}")


# Names are written beside the bubbles only up to this many units (a commune, a former district,
# a province's communes); a province's or the nation's thousands of units would be unreadable,
# and placing the names costs O(n²): beyond it, the name is in the bubble's hover text.
MAX_NAMED_UNITS = 60

# Where a name may go around its bubble, in the order tried when several are free.
TEXT_PLACES = ("top center", "bottom center", "middle right", "middle left")
ASSUMED_WIDTH_PX = 1000  # the plot's width for placing names (the page's width is not known here)
CHAR_PX = 0.56 * VALUE_FONT_SIZE  # an average character of the names
LINE_PX = 1.35 * VALUE_FONT_SIZE


def _overlap(a: tuple, b: tuple) -> float:
    """The overlapping area of two boxes (x0, y0, x1, y1)."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def text_positions(points: list[tuple[float, float]], names: list[str], diameters: list[float]) -> list[str]:
    """Where to write each unit's name (:data:`TEXT_PLACES`) so that names cover other names
    and bubbles as little as possible: greedy, in the given order (biggest first), each name
    takes the least covered side. ``points`` are screen pixels (x right, y down). Sơn Tây's
    town desk and phường Sơn Lộc are 200 m apart: their names must not be written over each
    other."""
    circles = [(x - d / 2, y - d / 2, x + d / 2, y + d / 2) for (x, y), d in zip(points, diameters)]
    taken: list[tuple] = []
    positions = []
    for index, ((x, y), name, d) in enumerate(zip(points, names, diameters)):
        w, h, r = CHAR_PX * len(name), LINE_PX, d / 2 + 2
        boxes = {
            "top center": (x - w / 2, y - r - h, x + w / 2, y - r),
            "bottom center": (x - w / 2, y + r, x + w / 2, y + r + h),
            "middle right": (x + r, y - h / 2, x + r + w, y + h / 2),
            "middle left": (x - r - w, y - h / 2, x - r, y + h / 2),
        }
        others = circles[:index] + circles[index + 1:]
        # covering a name costs more than covering a bubble; ties keep TEXT_PLACES' order
        cost = {place: round(3 * sum(_overlap(box, other) for other in taken)
                             + sum(_overlap(box, c) for c in others), 3) for place, box in boxes.items()}
        best = min(TEXT_PLACES, key=lambda place: (cost[place], TEXT_PLACES.index(place)))
        taken.append(boxes[best])
        positions.append(best)
    return positions


def _screen(data: pd.DataFrame, box: tuple, height: int) -> tuple[list, list]:
    """The units' positions in pixels and their bubbles' diameters, as Plotly will draw them
    (equal scale: the axis that needs more room sets the pixels per degree)."""
    cos = math.cos(math.radians(float(data["lat"].mean())))
    plot_h = max(height - 50, 100)  # less the top and bottom margins (the legend is in the top one)
    per_degree = min(plot_h / (box[3] - box[2]), ASSUMED_WIDTH_PX / ((box[1] - box[0]) * cos))
    points = [(lon * cos * per_degree, -lat * per_degree) for lon, lat in zip(data["lon"], data["lat"])]
    biggest = max(float(data["received"].max()), 1.0)
    diameters = [max(MAP_BUBBLE_MIN_PX, MAP_BUBBLE_MAX_PX * math.sqrt(max(float(v), 0.0) / biggest))
                 for v in data["received"]]
    return points, diameters


def unit_map(frame: pd.DataFrame, lang: str = "vi", boundaries: Boundaries | None = None,
             height: int | None = None) -> go.Figure:
    """The bubble map of the units of ``frame`` (rows of queries/unit_map.sql) that have
    coordinates: area ∝ received (the biggest :data:`MAP_BUBBLE_MAX_PX` wide, none smaller
    than :data:`MAP_BUBBLE_MIN_PX`), colour by :func:`band`, names written beside, a legend
    of the bands, and ``boundaries`` as lines underneath."""
    data, _missing = located(frame)
    bands = [band(r, n) for r, n in zip(data["ontime_rate"], data["resolved"])]
    names = [f"{BELOW_MARK} {n}" if b == "below" else n for n, b in zip(data["short_name"], bands)]
    box = extent(data)
    height = height or HEIGHT
    named = len(data) <= MAX_NAMED_UNITS
    if named:
        points, diameters = _screen(data, box, height)
    fig = go.Figure()
    if boundaries is not None and boundaries.rings:
        lons, lats = boundary_lines(boundaries, box)
        fig.add_trace(go.Scatter(x=lons, y=lats, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(color=MAP_BOUNDARY, width=MAP_BOUNDARY_WIDTH), name="boundaries"))
    biggest = max(float(data["received"].max()), 1.0)
    fig.add_trace(go.Scatter(
        x=list(data["lon"]), y=list(data["lat"]), mode="markers+text" if named else "markers", name="units",
        showlegend=False, customdata=list(data["unit_code"]), text=names if named else None,
        textposition=text_positions(points, names, diameters) if named else None,
        textfont=dict(size=VALUE_FONT_SIZE), cliponaxis=False,
        marker=dict(size=[int(v) for v in data["received"]], sizemode="area",
                    sizeref=2.0 * biggest / MAP_BUBBLE_MAX_PX ** 2, sizemin=MAP_BUBBLE_MIN_PX,
                    color=[MAP_BAND_COLORS[b] for b in bands], opacity=0.85, line=dict(color=WHITE, width=1.5)),
        hovertext=[_hover(row, lang, name) for row, name in zip(data.itertuples(), names)], hoverinfo="text",
    ))
    target = target_text(lang=lang)
    for key, label in BAND_LABELS.items():  # legend entries only: the bubbles are one trace, small over big
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(label, lang, target=target),
                                 marker=dict(size=12, color=MAP_BAND_COLORS[key]), hoverinfo="skip"))
    return _layout(fig, lang, box, float(data["lat"].mean()), height)


def _layout(fig: go.Figure, lang: str, box: tuple, mid_lat: float, height: int) -> go.Figure:
    hidden = dict(visible=False, showgrid=False, zeroline=False, fixedrange=False)
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=36, b=10), font=FONT,
        separators=",." if lang == "vi" else ".,",
        plot_bgcolor=WHITE, paper_bgcolor=WHITE, hoverlabel=dict(font_size=HOVER_FONT_SIZE),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, itemclick=False, itemdoubleclick=False),
        clickmode="event+select", dragmode="pan",
        xaxis=dict(range=[box[0], box[1]], **hidden),
        # equal scale: a degree of latitude is 1/cos(latitude) times a degree of longitude
        yaxis=dict(range=[box[2], box[3]], scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)),
                   **hidden),
        shapes=[dict(type="rect", xref="paper", yref="paper", x0=0, y0=0, x1=1, y1=1,
                     line=dict(color=MAP_FRAME, width=1), layer="below")],
    )
    return fig
