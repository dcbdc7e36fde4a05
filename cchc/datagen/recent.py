"""The demo's recent years: Sơn Tây's dossiers from January 2019 to the last complete month.

:mod:`cchc.datagen.demo` draws these years with its own building blocks (procedures,
outcomes, supplements, stalls, channels, the dossiers table), so the distributions are the
same kind as in the report years (2017-2018); this module holds what differs, the intake,
the trends and the units (it imports nothing of the demo, which imports it):

- volumes: each desk's rate of the second half of 2018 per working day, with the season,
  Tết, a slow growth (about 1.5 % a year) and the dips of the Covid-19 distancing (April
  2020, July-September 2021) and of the first month of the two-tier government (July 2025);
- late dossiers slowly fewer (the late propensity falls from 0.85 to 0.45 of the 2017
  level), with a bump in the two quarters after the 2025 reorganisation;
- online submissions rising from about 15 % (2019) to about 45 % (2025 on), now for every
  procedure offered online at level 2 or above;
- until 30 June 2025 the 16 desks of 2017-2018 (the town desk ``thi-xa`` and the 15 wards
  and communes); from 1 July 2025 the three units that succeed them (``son-tay``,
  ``tung-thien``, ``doai-phuong``: each ward or commune's intake goes to its default
  successor of ``data/unit_lineage.csv``, so the new volumes are the sums of the old) and
  the city's desk (``ha-noi``). With no district level left, the town desk's land,
  construction and household-business dossiers (about three quarters of them) go to the
  three units, in proportion to their size; its other fields (civil status with a foreign
  element, certification by the justice office, social affairs, education, culture,
  health, environment, agriculture) go to the city's desk.

The data show every dossier as it stands on :data:`AS_OF` (31 October 2026): those received
near the end are still in progress, some overdue. Demo data: nothing here is a real figure.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

__all__ = [
    "FIRST_DAY", "AS_OF", "REFORM_DAY", "DEVOLVED_FIELDS", "CITY_DESK", "NEW_UNITS", "ONLINE", "ONLINE_LEVELS",
    "ONLINE_FULL_FROM", "quarter_late", "rates", "intake", "reassign", "close_stalled",
]

FIRST_DAY = date(2019, 1, 1)
# The last day of the last complete month when the demo was extended (on 29 November 2026):
# a constant, not date.today(), so the build stays deterministic and the tests do not change
# next month. The data show every dossier as it stands on this day.
AS_OF = date(2026, 10, 31)
REFORM_DAY = date(2025, 7, 1)
CITY_DESK = "ha-noi"
NEW_UNITS = ("son-tay", "tung-thien", "doai-phuong")
# The town desk's fields handled by the communes since 1 July 2025 (the rest: the city's desk).
DEVOLVED_FIELDS = ("dat-dai", "xay-dung", "ho-kinh-doanh")
GROWTH = 0.015  # a year
# Month -> intake factor (invented, plausible): the distancing of April 2020 and of summer
# 2021 in Hà Nội, and the first month of the two-tier local government.
SHOCKS = {
    (2020, 2): 0.9, (2020, 4): 0.45, (2020, 5): 0.85, (2021, 5): 0.92, (2021, 6): 0.9,
    (2021, 7): 0.8, (2021, 8): 0.5, (2021, 9): 0.6, (2021, 10): 0.9, (2025, 7): 0.85,
}
LATE_FROM, LATE_TO = 0.85, 0.45  # the late propensity of 2019 Q1 and of 2026 Q4
REFORM_LATE = {26: 1.8, 27: 1.3}  # 2025 Q3 and Q4 (quarters since 2019 Q1)
ONLINE = (0.15, 0.45)  # the online share in January 2019 and in ONLINE_FULL_FROM (rising on at that pace)
ONLINE_FULL_FROM = date(2025, 12, 1)
ONLINE_LEVELS = ("2", "3", "4")  # procedures offered online at level 2 or above


def quarter_late() -> np.ndarray:
    """The late propensity of each quarter from FIRST_DAY to AS_OF."""
    quarters = (AS_OF.year - FIRST_DAY.year) * 4 + (AS_OF.month - 1) // 3 + 1
    late = np.linspace(LATE_FROM, LATE_TO, quarters)
    for q, factor in REFORM_LATE.items():
        late[q] *= factor
    return late


def rates(report_years: pd.DataFrame, old_codes: list[str], weight_h2: float) -> np.ndarray:
    """Dossiers per weighted working day of each old desk in the second half of 2018 (the
    report's campaign in the first half inflates the town desk's); ``weight_h2`` is the sum
    of the day weights (with the season) of that half-year."""
    h2 = (report_years["received_date"] >= pd.Timestamp(2018, 7, 1)) & ~report_years["state"].isin([1, 3])
    counts = report_years.loc[h2, "unit_code"].value_counts()
    return np.array([counts.get(code, 0) for code in old_codes]) / weight_h2


def intake(rng, days: np.ndarray, w_day: np.ndarray, first: int, unit_rates: np.ndarray):
    """Old-desk index and received-day index (``first`` + position in ``days``) of every
    dossier received on ``days`` (the working days from FIRST_DAY to AS_OF, with their
    weights ``w_day``); after the reform the old desk stands for the units it went to."""
    month_list, month_no = np.unique(days.astype("datetime64[M]"), return_inverse=True)
    w_month = np.bincount(month_no, weights=w_day)
    years = (month_list.astype(np.int64) - np.datetime64(FIRST_DAY, "M").astype(np.int64)) / 12
    shock = np.array([SHOCKS.get((int(str(m)[:4]), int(str(m)[5:7])), 1.0) for m in month_list])
    noise = rng.lognormal(0.0, 0.06, size=(len(unit_rates), len(month_list)))
    counts = rng.poisson(unit_rates[:, None] * (w_month * (1 + GROWTH) ** years * shock)[None, :] * noise)
    unit_idx, day_idx = [], []
    for m in range(len(month_list)):
        in_month = np.flatnonzero(month_no == m)
        n = counts[:, m]
        unit_idx.append(np.repeat(np.arange(len(unit_rates)), n))
        day_idx.append(first + rng.choice(in_month, size=int(n.sum()), p=w_day[in_month] / w_day[in_month].sum()))
    unit_idx, day_idx = np.concatenate(unit_idx), np.concatenate(day_idx)
    order = np.lexsort((unit_idx, day_idx))
    return unit_idx[order], day_idx[order]


def _successors(lineage: pd.DataFrame, units: pd.DataFrame, old_codes: list[str]) -> dict[str, str]:
    """Old ward/commune -> its default successor among the demo's units (data/unit_lineage.csv)."""
    default = lineage[(lineage["is_default"] == "true") & lineage["new_unit_code"].isin(units["unit_code"])]
    out = dict(zip(default["old_unit_code"], default["new_unit_code"]))
    missing = [c for c in old_codes if c not in out]
    if missing:
        raise ValueError(f"no successor in data/unit_lineage.csv for {missing}")
    return out


def reassign(rng, unit_idx: np.ndarray, is_town: np.ndarray, field: np.ndarray, received: np.ndarray,
             units: pd.DataFrame, old_codes: list[str], lineage: pd.DataFrame) -> np.ndarray:
    """Index into ``units`` of each dossier's desk: the old desk (``unit_idx`` into
    ``old_codes``) before REFORM_DAY; after it the successor of a ward/commune, and for the
    town desk's dossiers a new unit (devolved fields, by the units' size) or the city's desk."""
    index = {code: i for i, code in enumerate(units["unit_code"])}
    successor = _successors(lineage, units, old_codes)
    old_to_new = np.array([index[successor[c]] for c in old_codes])
    after = received >= np.datetime64(REFORM_DAY)
    out = np.where(after, old_to_new[unit_idx], unit_idx)
    town = after & is_town
    # the new units' share of the devolved dossiers: their communes' intake after the reform
    new_idx = np.array([index[c] for c in NEW_UNITS])
    size = np.array([(out[after & ~is_town] == i).sum() for i in new_idx], dtype=float)
    devolved = town & np.isin(field, DEVOLVED_FIELDS)
    out[devolved] = rng.choice(new_idx, size=int(devolved.sum()), p=size / size.sum())
    out[town & ~devolved] = index[CITY_DESK]
    return out


def close_stalled(rng, fin: np.ndarray, r: np.ndarray, days: np.ndarray, never: int) -> None:
    """Stalled dossiers the demo's outcomes leave open for ever (``fin`` >= ``never``) are
    done within about a year (late) here: only those received in the last months are still
    open at the end."""
    stuck = fin >= never
    fin[stuck] = r[stuck] + days[stuck] + rng.integers(160, 320, int(stuck.sum()))
