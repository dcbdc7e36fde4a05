"""Targets the district sets: an on-time rate to reach and a PAR-score band.

Settings, not constants: ``CCHC_ONTIME_TARGET`` (percent, default 98) and
``CCHC_PAR_BAND`` ("weak,good" totals out of 100, default "70,85"), declared and validated
in :mod:`cchc.settings` (a bad value is an error, not the default). Units below target
are marked the same way everywhere — pages, tables, exports, the PDF report, the summary —
with :data:`BELOW_MARK` and the colour ``BELOW_COLOR`` of :mod:`cchc.charts.theme`.
"""

from __future__ import annotations

import math

from cchc import settings
from cchc.i18n.formats import fmt_pct

BELOW_MARK = "▼"


def ontime_target() -> float:
    """The on-time target in percent (formula A), from ``CCHC_ONTIME_TARGET``."""
    return settings.get("CCHC_ONTIME_TARGET")


def target_text(value: float | None = None, lang: str = "vi") -> str:
    """The on-time target as every page, chart and report writes it: with its own decimals
    ('98 %', '97,5 %'), not the one decimal of a rate ('98,0 %'). ``value`` defaults to the
    setting."""
    value = ontime_target() if value is None else float(value)
    decimals = next(d for d in (0, 1, 2) if round(value, d) == round(value, 2))
    return fmt_pct(value, decimals, lang)


def par_band() -> tuple[float, float]:
    """(weak, good): a PAR total below ``weak`` is weak, at or above ``good`` is good."""
    return settings.get("CCHC_PAR_BAND")


def below_ontime_target(rate) -> bool:
    """True when a known on-time rate, as shown (one decimal), is below the target;
    a missing rate is not."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return False
    return round(float(rate), 1) < ontime_target()


PAR_LEVELS = ("weak", "middle", "good")


def par_level(total) -> str | None:
    """'weak', 'middle' or 'good' for a PAR total; None when missing."""
    if total is None or (isinstance(total, float) and math.isnan(total)):
        return None
    weak, good = par_band()
    return "weak" if total < weak else ("good" if total >= good else "middle")


def mark(text: str) -> str:
    """``text`` with the below-target marker in front: '▼ Kim Sơn'."""
    return f"{BELOW_MARK} {text}"


def mark_if(text: str, below: bool) -> str:
    """``text`` marked when ``below`` is true, unchanged otherwise."""
    return mark(text) if below else text
