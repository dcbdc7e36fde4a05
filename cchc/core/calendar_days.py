"""The working-day calendar: which days count towards a statutory deadline.

Vietnamese public holidays (Tết included, with the days off given in lieu and the
Saturdays the government swaps into working days) come from the ``holidays`` library,
so nothing here is computed by rule. Deadlines are then simple index arithmetic on the
sorted array of working days, vectorised with :func:`numpy.searchsorted`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import holidays
import numpy as np
import pandas as pd

__all__ = ["build_calendar", "working_days", "add_working_days"]


def build_calendar(start: date, end: date) -> pd.DataFrame:
    """One row per day from ``start`` to ``end`` inclusive.

    Columns: ``date`` (datetime64), ``is_working_day`` (bool), ``holiday_name``
    (Vietnamese name of the public holiday or day off in lieu, else None). Saturdays and
    Sundays are off except the Saturdays swapped into working days by the government
    (e.g. 2019-01-05, worked in exchange for 2018-12-31 off); those have no holiday name.
    """
    if end < start:
        raise ValueError(f"calendar end {end} is before its start {start}")
    vn = holidays.VN(years=range(start.year, end.year + 1), language="vi")
    days = pd.date_range(start, end, freq="D")
    names = [vn.get(d.date()) for d in days]
    weekend = np.isin(days.day_of_week, sorted(vn.weekend))
    # The library lists swapped working days for any year it knows; keep those in range.
    swapped = {d for d in vn.weekend_workdays if start <= d <= end}
    is_swapped = np.array([d.date() in swapped for d in days], dtype=bool)
    is_holiday = np.array([n is not None for n in names], dtype=bool)
    return pd.DataFrame(
        {
            "date": days,
            "is_working_day": (~weekend | is_swapped) & ~is_holiday,
            "holiday_name": pd.Series(names, dtype=object),
        }
    )


def working_days(calendar: pd.DataFrame | np.ndarray | Any) -> np.ndarray:
    """The sorted working days of a calendar as a ``datetime64[D]`` array.

    Accepts the DataFrame of :func:`build_calendar` (or the ``calendar`` table read into
    pandas) or an array-like of working days, which is returned sorted.
    """
    if isinstance(calendar, pd.DataFrame):
        days = calendar.loc[calendar["is_working_day"].astype(bool), "date"]
        return np.sort(np.asarray(days, dtype="datetime64[D]"))
    return np.sort(np.asarray(calendar, dtype="datetime64[D]"))


def add_working_days(calendar: pd.DataFrame | np.ndarray | Any, start: Any, n: Any) -> Any:
    """The due date: the ``n``-th working day after ``start``.

    ``n = 0`` means due the same day (whatever that day is). Working days are counted
    strictly after ``start``, so a dossier received on a Friday with 1 day is due on the
    next working day. ``start`` and ``n`` may be scalars or arrays (broadcast together);
    a scalar ``start`` and ``n`` give a :class:`datetime.date`, otherwise a
    ``datetime64[D]`` array. Raises ``ValueError`` for negative ``n`` or a due date beyond
    the end of the calendar.
    """
    wd = working_days(calendar)
    scalar = np.ndim(start) == 0 and np.ndim(n) == 0
    start_arr = np.asarray(start, dtype="datetime64[D]")
    n_arr = np.asarray(n, dtype=np.int64)
    if (n_arr < 0).any():
        raise ValueError("the number of working days must be >= 0")
    start_arr, n_arr = np.broadcast_arrays(start_arr, n_arr)
    # index of the first working day strictly after start, then n - 1 further on
    idx = np.searchsorted(wd, start_arr, side="right") + n_arr - 1
    beyond = (n_arr > 0) & (idx >= len(wd))
    if beyond.any():
        raise ValueError("a due date falls beyond the end of the working-day calendar")
    due = np.where(n_arr == 0, start_arr, wd[np.clip(idx, 0, len(wd) - 1)])
    if scalar:
        return due[()].astype(object)
    return due
