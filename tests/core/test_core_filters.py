"""cchc/core/filters.py reads a URL given as plain values (no Streamlit), and a TableSpec
(cchc/tables/spec.py) gives the same headers, widths and kinds on screen and in the export.
Expected values by hand."""

from datetime import date

from cchc.core.filters import Filters, parse_url_values, period_options
from cchc.core.periods import Period
from cchc.tables.spec import Column, TableSpec

UNITS = ["thi-xa", "le-loi", "kim-son"]
FIELDS = ["dat-dai", "tu-phap"]
DEFAULT = Period.half(2018, 1)


def test_a_good_url():
    got, bad = parse_url_values(
        {"period": ["2018-Q2"], "unit": ["le-loi", "thi-xa", "le-loi"], "channel": ["online"], "lang": ["en"]},
        UNITS, FIELDS, DEFAULT,
    )
    assert bad == []
    assert got == Filters(period=Period.quarter(2018, 2), units=("le-loi", "thi-xa"), channels=("online",),
                          lang="en", all_units=tuple(UNITS))
    assert got.to_url() == {"period": "2018-Q2", "unit": ["le-loi", "thi-xa"], "channel": ["online"], "lang": "en"}


def test_bad_values_fall_back_and_are_named():
    got, bad = parse_url_values(
        {"period": ["2018-H3"], "unit": ["nowhere", "kim-son", ""], "field": ["dat-dai", "x"], "lang": ["fr"]},
        UNITS, FIELDS, DEFAULT,
    )
    assert bad == ["period=2018-H3", "unit=nowhere", "field=x", "lang=fr"]
    assert (got.period, got.units, got.fields, got.lang) == (DEFAULT, ("kim-son",), ("dat-dai",), "vi")


def test_a_range_wins_over_a_period_and_a_calendar_range_is_that_period():
    got, bad = parse_url_values({"period": ["2017"], "from": ["2018-04-01"], "to": ["2018-06-30"]}, UNITS, FIELDS, DEFAULT)
    assert (got.period, bad) == (Period.quarter(2018, 2), [])
    got, bad = parse_url_values({"to": ["2018-06-30"]}, UNITS, FIELDS, DEFAULT)
    assert (got.period, bad) == (DEFAULT, ["from=&to=2018-06-30"])


def test_period_options_overlap_the_data_newest_first():
    assert period_options("quarter", date(2017, 11, 5), date(2018, 4, 2)) == ["2018-Q2", "2018-Q1", "2017-Q4"]
    assert period_options("custom", date(2017, 1, 1), date(2018, 1, 1)) == []


SPEC = TableSpec((
    Column("name", "tt_field", width=200),
    Column("count", "tt_total", "int"),
    Column("share", "tt_share", "pct", group="level_commune", screen=False),
    Column("status", "tt_status", export_label="tt_status_on"),
), max_rows=3)


def test_one_spec_for_screen_and_export():
    import pandas as pd

    frame = pd.DataFrame({"name": ["Đất đai", "Tư pháp"], "count": [1261, 5], "share": [98.8, None],
                          "status": ["x", "y"]})
    shown = SPEC.screen(frame, "vi").data
    assert list(shown.columns) == ["Lĩnh vực", "Tổng", "Tình trạng"]
    html = SPEC.screen(frame, "vi").to_html()  # a Styler: the numbers in Vietnamese format
    assert html.count(">1.261<") == 1 and html.count(">5<") == 1
    assert SPEC.column_config("vi") == {"Lĩnh vực": {"width": 200}}
    assert SPEC.height(2) == 35 * 3 + 3 and SPEC.height(10) == 35 * 4 + 3
    exported = [(c.name, c.header, c.kind) for c in SPEC.export_columns("vi", date="30/06/2018")]
    assert exported == [("name", "Lĩnh vực", "text"), ("count", "Tổng", "int"), ("share", "Cấp xã – Tỷ lệ", "percent"),
                        ("status", "Tình trạng hiệu lực tính đến ngày 30/06/2018", "text")]
