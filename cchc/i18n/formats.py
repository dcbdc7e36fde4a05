"""Number, percent and date formats in the chosen language (Babel's CLDR data).

Vietnamese: 1.261 hồ sơ; 98,8 %; 30/06/2018. English: 1,261; 98.8 %; 30 Jun 2018.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from functools import cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from cchc.i18n.labels import t

LOCALES = {"vi": "vi_VN", "en": "en_GB"}

# Above this many cells a table goes to the screen as plain formatted text, without a
# pandas Styler: Streamlit turns a Styler into display values and CSS cell by cell, about
# 20 µs a cell (170 ms for the 611-row balance table of a city), while plain text costs
# about a millisecond. Below-target values keep their ▼ mark in the text either way.
STYLER_MAX_CELLS = 2_000


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["vi"])


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The (group, decimal) separators of the language, read once from Babel's CLDR data."""
    locale = Locale.parse(_locale(lang))
    return get_group_symbol(locale), get_decimal_symbol(locale)


@cache
def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _grouped(value, decimals: int, lang: str) -> str:
    """``babel.numbers.format_decimal(value, "#,##0[.0…]", locale)`` without its per-call
    parsing of the pattern and locale (it costs ~10-100 µs a number, and a page formats
    thousands): the same Decimal steps as Babel's ``NumberPattern.apply`` (``str`` of the
    value, ``normalize``, ``quantize`` half-even in the current context), then grouping by
    threes. tests/core/test_formats.py checks it against Babel on many values."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=_locale(lang))
    negative = number.is_signed()
    rounded = abs(number).normalize().quantize(_quantum(decimals))
    whole, _, fraction = f"{rounded:f}".partition(".")
    group, point = _symbols(lang)
    text = f"{int(whole):,}"
    if group != ",":
        text = text.replace(",", group)
    if decimals:
        text += point + fraction
    return "-" + text if negative else text


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_missing(value) -> bool:
    """True for a cell with no value (None, NaN, pandas' NA or NaT): shown as '—'."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value
        return False


def number_or_none(value) -> float | None:
    """The cell as a float, or None when it has no value."""
    return None if is_missing(value) else float(value)


def fmt_int(value, lang: str = "vi") -> str:
    """1.261 (vi) / 1,261 (en); an em dash for a missing value."""
    if _missing(value):
        return "—"
    number = int(round(value))
    if abs(number) >= 10**27:  # beyond the 28 digits of Babel's Decimal context: its own steps
        return _grouped(number, 0, lang)
    text = f"{abs(number):,}"
    group = _symbols(lang)[0]
    if group != ",":
        text = text.replace(",", group)
    return "-" + text if number < 0 else text


def fmt_num(value, decimals: int = 1, lang: str = "vi") -> str:
    """A decimal number with a fixed count of decimals: 91,0 (vi) / 91.0 (en)."""
    if _missing(value):
        return "—"
    return _grouped(value, decimals, lang)


def fmt_pct(value, decimals: int = 1, lang: str = "vi") -> str:
    """A percentage given in percent units (98.8 -> '98,8 %'); em dash when missing."""
    if _missing(value):
        return "—"
    return f"{fmt_num(value, decimals, lang)} %"


def fmt_delta_pct_points(value, lang: str = "vi") -> str:
    """A signed change in percentage points: '+0,4 điểm %' / '+0.4 pp'."""
    if _missing(value):
        return "—"
    unit = t("unit_pct_points", lang)
    if round(value, 1) == 0:
        return f"0 {unit}"
    # An ASCII minus: st.metric reads the sign of a delta from its first character.
    return f"{'+' if value > 0 else '-'}{fmt_num(abs(value), 1, lang)} {unit}"


def fmt_delta_int(value, lang: str = "vi") -> str:
    """A signed count change: '+120' / '−35'."""
    if _missing(value):
        return "—"
    if value == 0:
        return "0"
    return f"{'+' if value > 0 else '-'}{fmt_int(abs(value), lang)}"


def fmt_date(value: date | None, lang: str = "vi") -> str:
    """30/06/2018 (vi) / 30 Jun 2018 (en)."""
    if value is None:
        return "—"
    pattern = "dd/MM/yyyy" if lang == "vi" else "d MMM yyyy"
    return format_date(value, pattern, locale=_locale(lang))

