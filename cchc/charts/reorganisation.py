"""The marker of the reorganisation of 1 July 2025 on monthly trend charts: a vertical line
between June and July 2025 with a short label, drawn when the chart's months span that day
(the units before and after it are not the same units; cchc/core/units.py). No Streamlit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from cchc.charts import theme
from cchc.core.units import REORGANISATION_DAY
from cchc.i18n.labels import t

# The shapes and annotations of the marker carry this name, so a test (or a later change of
# the chart) can find them among the target line's.
MARKER_NAME = "reorganisation"


def spans_reorganisation(months: Iterable) -> bool:
    """True when the months (first days, any date-like) include one before 1 July 2025 and
    one from it on: a trend across the reorganisation."""
    days = [pd.Timestamp(m).date() for m in months]
    return bool(days) and min(days) < REORGANISATION_DAY <= max(days)


def first_month_after(months: Iterable) -> int:
    """The position, in the ordered ``months``, of the first month from 1 July 2025 on."""
    days = [pd.Timestamp(m).date() for m in months]
    return next(i for i, d in enumerate(days) if d >= REORGANISATION_DAY)


def marker(x, lang: str = "vi", font_size: int = theme.FONT_SIZE) -> tuple[dict, dict]:
    """The line and the label of the marker at ``x`` (a category position or a date), as a
    layout shape and a layout annotation."""
    line = dict(type="line", name=MARKER_NAME, xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1,
                line=dict(color=theme.REORGANISATION_COLOR, width=theme.REORGANISATION_LINE_WIDTH,
                          dash=theme.REORGANISATION_LINE_DASH))
    label = dict(name=MARKER_NAME, text=t("reorganisation_marker", lang), xref="x", x=x, xanchor="left", xshift=4,
                 yref="paper", y=1, yanchor="top", showarrow=False,
                 font=dict(color=theme.REORGANISATION_COLOR, size=font_size - 2))
    return line, label


def date_axis_x() -> date:
    """Where the marker goes on a date axis with a point on each month's first day: half-way
    between the June and the July 2025 points, so neither month's point sits on the line."""
    june = date(REORGANISATION_DAY.year, REORGANISATION_DAY.month - 1, 1)
    return june + (REORGANISATION_DAY - june) / 2
