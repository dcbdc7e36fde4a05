"""Tables above STYLER_MAX_CELLS go to the screen as plain formatted text (no pandas Styler,
which Streamlit marshals cell by cell); smaller ones keep their Styler. Values by hand."""

import math

import pandas as pd
from pandas.io.formats.style import Styler

from cchc.i18n.formats import STYLER_MAX_CELLS
from cchc.tables import progress, style
from cchc.tables.spec import Column, TableSpec

ROWS_OVER = STYLER_MAX_CELLS // 4 + 1  # four columns: just over the limit


def _ranking(rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Hạng": [float(i + 1) for i in range(rows - 1)] + [math.nan],
        "Đơn vị": [f"Xã {i}" for i in range(rows)],
        "Tổng điểm": [91.0, 1234.56] + [80.04] * (rows - 2),
        "Tỷ lệ": [97.26, None] + [100.0] * (rows - 2),
    })


KINDS = {"Hạng": "int", "Tổng điểm": "num", "Tỷ lệ": "pct"}


def test_small_ranking_tables_keep_their_styler():
    assert isinstance(style.styled(_ranking(3), KINDS), Styler)


def test_large_ranking_tables_are_plain_text_in_the_same_formats():
    frame = _ranking(ROWS_OVER)
    assert frame.size == STYLER_MAX_CELLS + 4
    out = style.styled(frame, KINDS)
    assert not isinstance(out, Styler)
    assert list(out.columns) == list(frame.columns)
    assert out.iloc[0].tolist() == ["1", "Xã 0", "91,0", "97,3 %"]
    assert out.iloc[1].tolist() == ["2", "Xã 1", "1.234,6", "—"]
    assert out.iloc[-1].tolist() == ["—", f"Xã {ROWS_OVER - 1}", "80,0", "100,0 %"]
    assert style.styled(frame, KINDS, "en").iloc[1].tolist() == ["2", "Xã 1", "1,234.6", "—"]


def test_progress_tables_over_the_limit_are_sent_plain_with_their_marks():
    frame = pd.DataFrame({"unit_label": [f"Xã {i}" for i in range(ROWS_OVER)],
                          "resolved": [1261] * ROWS_OVER, "late": [15] * ROWS_OVER,
                          "ontime_rate": [97.0] + [98.8] * (ROWS_OVER - 1)})
    spec = TableSpec((Column("unit_label", "unit"), Column("resolved", "resolved", "int"), Column("late", "late", "int"),
                      Column("ontime_rate", "ontime_rate", "pct", judged=True)),
                     text_cells=True, total_row=True, mark_column="unit_label")
    display = spec.screen(frame)
    assert not isinstance(display, Styler)
    assert display.iloc[0].tolist() == ["Xã 0", "1.261", "15", "▼ 97,0 %"]
    assert display.iloc[1].tolist() == ["Xã 1", "1.261", "15", "98,8 %"]
    assert isinstance(spec.screen(frame.head(10)), Styler)
    exported = spec.export_frame(frame)
    assert exported["unit_label"].head(2).tolist() == ["▼ Xã 0", "Xã 1"]
    assert exported["ontime_rate"].head(2).tolist() == [97.0, 98.8]


def test_lowest_units_for_the_charts():
    rows = pd.DataFrame({"short_name": ["A", "B", "C", "D", "E"], "ontime_rate": [99.0, 97.0, None, 97.0, 100.0],
                         "resolved": [5, 3, 0, 2, 1]})
    assert list(progress.lowest_units(rows, "ontime_rate", among="resolved", count=3)["short_name"]) == ["B", "D", "A"]
    assert list(progress.lowest_units(rows, "ontime_rate", among="resolved")["short_name"]) == ["B", "D", "A", "E"]
