from datetime import date

from cchc.i18n.formats import (
    fmt_date,
    fmt_delta_int,
    fmt_delta_pct_points,
    fmt_int,
    fmt_num,
    fmt_pct,
)


def test_vietnamese_formats():
    assert fmt_int(1261) == "1.261"
    assert fmt_int(17337) == "17.337"
    assert fmt_pct(98.8304) == "98,8 %"
    assert fmt_pct(99.64) == "99,6 %"
    assert fmt_num(91) == "91,0"
    assert fmt_date(date(2018, 6, 30)) == "30/06/2018"


def test_english_formats():
    assert fmt_int(1261, "en") == "1,261"
    assert fmt_pct(98.8304, lang="en") == "98.8 %"
    assert fmt_date(date(2018, 6, 30), "en") == "30 Jun 2018"


def test_missing_values_are_dashes():
    assert fmt_int(None) == "—"
    assert fmt_pct(float("nan")) == "—"


def test_deltas_signs_for_st_metric():
    assert fmt_delta_int(120) == "+120"
    assert fmt_delta_int(-1500) == "-1.500"
    assert fmt_delta_int(0) == "0"
    assert fmt_delta_pct_points(0.44) == "+0,4 điểm %"
    assert fmt_delta_pct_points(-1.26, "en") == "-1.3 pp"
    assert fmt_delta_pct_points(0.01) == "0 điểm %"


# The fast formatter must give exactly what plain Babel gives.
import math  # noqa: E402
from decimal import Decimal  # noqa: E402

from babel.numbers import format_decimal  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def _babel_num(value, decimals, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])


def _babel_int(value, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return format_decimal(int(round(value)), format="#,##0", locale=BABEL_LOCALES[lang])


halves = st.integers(-10**7, 10**7).map(lambda n: n / 2)  # x.5: rounding ties
hundredths = st.integers(-10**8, 10**8).map(lambda n: n / 100)  # x.x5: ties at one decimal
numbers = st.one_of(
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15), st.just(float("nan")),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1.0, max_value=1.0),
    halves, hundredths, st.none(),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**12, places=4),
)


@settings(max_examples=3000, deadline=None)
@given(value=numbers, decimals=st.integers(0, 3), lang=st.sampled_from(["vi", "en"]))
@example(value=-0.04, decimals=1, lang="vi")
@example(value=-0.0, decimals=0, lang="vi")
@example(value=0.05, decimals=1, lang="vi")
@example(value=0.15, decimals=1, lang="en")
@example(value=2.5, decimals=0, lang="en")
@example(value=999999.95, decimals=1, lang="vi")
@example(value=1e15, decimals=2, lang="vi")
@example(value=float("nan"), decimals=1, lang="vi")
@example(value=None, decimals=1, lang="en")
def test_fast_formats_equal_babel(value, decimals, lang):
    assert fmt_num(value, decimals, lang) == _babel_num(value, decimals, lang)
    expected_pct = _babel_num(value, decimals, lang)
    assert fmt_pct(value, decimals, lang) == (expected_pct if expected_pct == "—" else f"{expected_pct} %")
    if not isinstance(value, Decimal):
        assert fmt_int(value, lang) == _babel_int(value, lang)


def test_fast_formats_infinity_and_numpy_equal_babel():
    import numpy as np

    assert fmt_num(float("inf")) == _babel_num(float("inf"), 1, "vi")
    assert fmt_num(float("-inf"), 0, "en") == _babel_num(float("-inf"), 0, "en")
    assert fmt_num(np.float64(1234.25), 1) == _babel_num(np.float64(1234.25), 1, "vi") == "1.234,2"
    assert fmt_int(np.int64(-1234567), "en") == "-1,234,567"
    assert fmt_num(np.float32(0.1), 2) == _babel_num(np.float32(0.1), 2, "vi")
    for big in (10**27 - 1, -(10**27), 10**27 + 5, 12345678901234567890123456789):
        assert _outcome(fmt_int, big, "vi") == _outcome(_babel_int, big, "vi")


def _outcome(func, *args):
    try:
        return func(*args)
    except Exception as error:  # Babel's Decimal context overflows past 28 digits: same error
        return type(error)
