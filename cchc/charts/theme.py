"""The one place for the product's colours, chart fonts and chart sizes.

Every colour the screen charts (Plotly), the tables' highlights, the Excel export and the
PDF report (reportlab) use is defined here, once, as a hex string; no other module writes a
colour literal (``tests/core/test_theme.py`` greps for them). Plain values only, no imports, so
any module — the PDF, the tables, :mod:`cchc.core.targets` — can read it without loading a
chart library.
"""

from __future__ import annotations

# -- the palette ---------------------------------------------------------------------------
TOWN = "#1f5fa8"  # the town one-stop desk; also the product's accent (PDF headings, table heads)
COMMUNE_WARD = "#e07b00"  # the communes and wards
TOP = "#2e8b57"  # green: the top places of a ranking, a good PAR band, a move up
BOTTOM = "#d9822b"  # amber: the last places; red stays the below-target colour
NEUTRAL = "#8aa1b8"  # the places between
BELOW_COLOR = "#c0392b"  # red: below the on-time target, in the weak PAR band (with the mark ▼)
RANK_DOWN = "#b9770e"  # dark amber: a unit that moved down the ranking (table text)
PREVIOUS = "#9aa9b9"  # last year's dot of the ranking comparison
CONNECTOR = "#c8d1db"  # the line joining last year's dot to this year's
DIFFERENCE_FILL = "#fde2e1"  # a cell where our 766 score differs from the portal's
AMBER = "#f3c04b"  # the middle of the criteria heatmap's scale
WHITE = "#ffffff"  # chart backgrounds; text inside dark bars and table heads
INK = "#1d2733"  # chart text: charts are white cards with dark text in a light or a dark app theme

COLORS = {"town": TOWN, "commune_ward": COMMUNE_WARD, "top": TOP, "bottom": BOTTOM, "neutral": NEUTRAL}
# The PAR bands (cchc.core.targets.par_level): the same three colours on every chart, table and
# the report, with a legend; weak also carries the mark ▼.
LEVEL_COLORS = {"weak": BELOW_COLOR, "middle": NEUTRAL, "good": TOP}
# A qualitative palette that stays readable for up to ten lines (the trend per unit).
LINE_COLORS = (
    TOWN, COMMUNE_WARD, TOP, "#8e44ad", "#16a085",
    "#d35400", "#2c3e50", "#b8860b", "#7f8c8d", "#c2185b",
)
# The units' bubble map (cchc/charts/unit_map.py): a bubble's colour is its on-time band, as on
# the Tiến độ table and dot chart (below the target red, at or above it the accent blue); a
# unit that resolved nothing is grey. Boundaries are thin lines under the bubbles.
MAP_NO_RATE = "#b3bdc8"
MAP_BAND_COLORS = {"below": BELOW_COLOR, "meets": TOWN, "none": MAP_NO_RATE}
MAP_BOUNDARY = "#a7b3c0"
MAP_FRAME = "#d5dbe2"  # the thin frame around the map's plain background
# Red (low) -> amber -> green (high), for percent of the maximum points.
HEATMAP_SCALE = [[0.0, BELOW_COLOR], [0.5, AMBER], [1.0, TOP]]

# -- chart furniture -------------------------------------------------------------------------
GRID_COLOR = "#e5e8ec"
GRID_LIGHT = "#eef1f4"  # the grid of the rate dot charts, lighter behind 600 dots
AXIS_COLOR = "#9aa5b1"  # axis lines and ticks

# -- chart text ------------------------------------------------------------------------------
FONT_FAMILY = "Segoe UI, Roboto, Arial, sans-serif"
FONT_SIZE = 14  # chart text on screen
PROJECTOR_FONT_SIZE = 18  # chart text in presentation mode (the Overview on a projector)
HOVER_FONT_SIZE = 14
NOTE_FONT_SIZE = 12  # target-line labels, heatmap column names
VALUE_FONT_SIZE = 13  # values written beside dots and inside heatmap cells
FONT = dict(family=FONT_FAMILY, size=FONT_SIZE, color=INK)

# -- chart sizes -----------------------------------------------------------------------------
TREND_LINE_WIDTH = 3
TREND_MARKER_SIZE = 8
BELOW_MARKER_SIZE = 14  # the ▼ of a month below target
TARGET_LINE = dict(color=BELOW_COLOR, width=1.5, dash="6px,4px")
BAND_LINE_WIDTH = 1
BAND_LINE_DASH = "2px,3px"
MAP_BUBBLE_MAX_PX = 44  # the diameter of the biggest bubble of the units' map
MAP_BUBBLE_MIN_PX = 8  # the smallest (a unit that received nothing stays visible)
MAP_BOUNDARY_WIDTH = 1
# the reorganisation of 1 July 2025 on a monthly trend (cchc/charts/reorganisation.py): a grey
# violet, neither the target's red nor a unit line's colour
REORGANISATION_COLOR = "#6c5b7b"
REORGANISATION_LINE_WIDTH = 1.5
REORGANISATION_LINE_DASH = "dot"

# -- tables and the Excel export --------------------------------------------------------------
EXCEL_HEADER = "#DCE6F1"  # the header row of an exported sheet
DIFFERENCE_FILL = "#fde2e1"  # a cell that differs from the portal's value (Chỉ số 766)

# -- the PDF report (reportlab) ------------------------------------------------------------------
PDF_INK = "#1d2733"  # body text
PDF_MUTED = "#5b6775"  # notes, axis labels, the footer
PDF_RULE = "#d5dbe2"  # table rules and chart grid lines
PDF_BAND = "#f2f5f8"  # every other table row
PDF_CURRENT = "#e8eff8"  # the current period's column of the KPI table
PDF_PERIOD_SHADE = "#eef3f9"  # the report period behind the trend
PDF_DEMO_TEXT = "#6b4e00"  # the demo-data notice box
PDF_DEMO_FILL = "#fff6dd"
PDF_DEMO_BORDER = "#e0b84c"
PDF_TABLE_HEAD = "#e6ebf1"  # the head row of the official report's tables
PDF_TABLE_GRID = "#9aa5b1"  # their grid lines
PDF_HIGHLIGHT = "#f1f5fa"  # the current period's column
# chart text sizes in points (A4)
PDF_CHART_TEXT = 7.5  # legend and unit names
PDF_CHART_AXIS = 6.5  # axis values
PDF_CHART_VALUE = 7  # the score after a bar
