"""Plotly figures of the Decision 766 page (pure: a DataFrame in, a figure out).
(To take its colours from cchc/charts/theme.py once that module is merged.)"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc.i18n.labels import t
from cchc.score766.definitions import GROUP_ORDER


def trend_figure(trend: pd.DataFrame, lang: str = "vi", height: int = 360) -> go.Figure:
    """The total and each group's points per month (months without dossiers left empty),
    ``height`` pixels high (a slide's chart height when presenting)."""
    fig = go.Figure()
    fig.add_scatter(x=trend["month"], y=trend["total"], name=t("s766_total", lang), mode="lines+markers",
                    line={"width": 3})
    for code in GROUP_ORDER:
        if code in trend:
            fig.add_scatter(x=trend["month"], y=trend[code], name=t(f"g766_{code}", lang), mode="lines",
                            visible="legendonly" if code != "tien_do" else True)
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, yaxis={"rangemode": "tozero"},
                      legend={"orientation": "h"}, separators=",.")
    return fig
