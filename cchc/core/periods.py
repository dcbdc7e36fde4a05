"""Reporting periods: month, quarter, half-year, year or a custom range.

A period knows its dates, its previous period of the same kind and length, and the same
period a year earlier. It is written in the URL as ``2018-05``, ``2018-Q2``, ``2018-H1``,
``2018``, or as a custom ``from``/``to`` range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cchc.i18n.labels import t


class PeriodError(ValueError):
    """A period string or range that cannot be understood."""


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")

KINDS = ("month", "quarter", "half", "year", "custom")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] with the kind it was chosen as."""

    kind: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"unknown period kind {self.kind!r}")
        if self.end < self.start:
            raise PeriodError("the end of a period is before its start")

    # -- construction -------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", date(year, month, 1), _month_end(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls("quarter", date(year, first, 1), _month_end(year, first + 2))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        first = 1 if half == 1 else 7
        return cls("half", date(year, first, 1), _month_end(year, first + 5))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        return cls("custom", start, end)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2018-05``, ``2018-Q2``, ``2018-H1`` or ``2018``."""
        text = (text or "").strip()
        try:
            if m := _MONTH.match(text):
                year, month = int(m[1]), int(m[2])
                if not 1 <= month <= 12:
                    raise PeriodError(f"no month {month}")
                return cls.month(year, month)
            if m := _QUARTER.match(text):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := _HALF.match(text):
                return cls.half(int(m[1]), int(m[2]))
            if m := _YEAR.match(text):
                return cls.year(int(m[1]))
        except ValueError as exc:
            raise PeriodError(str(exc)) from exc
        raise PeriodError(f"not a period: {text!r}")

    @classmethod
    def parse_range(cls, start: str, end: str) -> Period:
        """A custom range from two ISO dates (``2018-01-01``)."""
        try:
            first, last = date.fromisoformat(start.strip()), date.fromisoformat(end.strip())
        except (ValueError, AttributeError) as exc:
            raise PeriodError(f"not a date range: {start!r}..{end!r}") from exc
        period = cls.custom(first, last)
        # A custom range that is exactly a calendar period is that period.
        for candidate in period._calendar_equivalents():
            if candidate.start == first and candidate.end == last:
                return candidate
        return period

    def _calendar_equivalents(self) -> list[Period]:
        y, m = self.start.year, self.start.month
        out = [Period.month(y, m), Period.year(y), Period.half(y, 1 if m <= 6 else 2)]
        out.append(Period.quarter(y, (m - 1) // 3 + 1))
        return out

    # -- navigation ---------------------------------------------------------------
    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(self.kind, 0)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before, of the same kind and length."""
        if self.kind == "custom":
            end = self.start - timedelta(days=1)
            return Period.custom(end - timedelta(days=self.days - 1), end)
        start = shift_months(self.start, -self.months)
        return Period(self.kind, start, _month_end(*_ym(shift_months(start, self.months - 1))))

    def year_earlier(self) -> Period:
        """The same period one year earlier."""
        start = shift_months(self.start, -12)
        if self.kind == "custom":
            return Period.custom(start, shift_months(self.end, -12))
        return Period(self.kind, start, _month_end(*_ym(shift_months(self.end, -12))))

    # -- text ---------------------------------------------------------------------
    @property
    def code(self) -> str:
        """The URL form: ``2018-H1``; custom ranges have none (they use from/to)."""
        y = self.start.year
        if self.kind == "month":
            return f"{y}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        if self.kind == "year":
            return str(y)
        return ""

    def label(self, lang: str = "vi") -> str:
        """A human label: '6 tháng đầu năm 2018', 'Quý 2/2018', '01/01/2018 – 15/03/2018'."""
        y = self.start.year
        if self.kind == "month":
            month = str(self.start.month) if lang == "vi" else self.start.strftime("%B")
            return t("period_month", lang, month=month, year=y)
        if self.kind == "quarter":
            return t("period_quarter", lang, quarter=(self.start.month - 1) // 3 + 1, year=y)
        if self.kind == "half":
            return t("period_half_1" if self.start.month == 1 else "period_half_2", lang, year=y)
        if self.kind == "year":
            return t("period_year", lang, year=y)
        # a custom range is two dates, no words: the date format of the language
        fmt = "%d/%m/%Y" if lang == "vi" else "%d %b %Y"
        return f"{self.start.strftime(fmt)} – {self.end.strftime(fmt)}"

    def to_query_params(self) -> dict[str, str]:
        """The URL parameters that reopen this period."""
        if self.kind == "custom":
            return {"from": self.start.isoformat(), "to": self.end.isoformat()}
        return {"period": self.code}


def _ym(d: date) -> tuple[int, int]:
    return d.year, d.month


def latest_complete_half(last_day: date) -> Period:
    """The latest half-year that ends on or before ``last_day`` (the last day with data)."""
    half = Period.half(last_day.year, 1 if last_day.month <= 6 else 2)
    return half if half.end <= last_day else half.previous()


def months_between(start: date, end: date) -> list[Period]:
    """The calendar months that overlap [start, end], in order."""
    out, current = [], date(start.year, start.month, 1)
    while current <= end:
        out.append(Period.month(current.year, current.month))
        current = shift_months(current, 1)
    return out
