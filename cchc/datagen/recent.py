"""The demo's recent years: Sơn Tây's dossiers from January 2019 to the last complete month.

Built on the report years (2017-2018, :mod:`cchc.datagen.demo`) with the demo's own building
blocks (procedures, outcomes, supplements, stalls, channels, the dossiers table), so the
distributions are the same kind; only the intake and the trends are set here:

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

The data show every dossier as it stands on :data:`cchc.datagen.demo.AS_OF` (31 October
2026): those received near the end are still in progress, some overdue. Demo data: nothing
here is a real figure.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cchc.datagen import demo

__all__ = ["generate_recent", "FIRST_DAY", "REFORM_DAY", "DEVOLVED_FIELDS", "CITY_DESK", "NEW_UNITS"]

FIRST_DAY = date(2019, 1, 1)
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
ONLINE = (0.15, 0.45)  # the online share in January 2019 and from December 2025 on


def _quarter_late() -> np.ndarray:
    quarters = (demo.AS_OF.year - FIRST_DAY.year) * 4 + (demo.AS_OF.month - 1) // 3 + 1
    late = np.linspace(LATE_FROM, LATE_TO, quarters)
    for q, factor in REFORM_LATE.items():
        late[q] *= factor
    return late


def _rates(calendar, wd, old_codes: list[str], report_years: pd.DataFrame) -> np.ndarray:
    """Dossiers per weighted working day of each old desk in the second half of 2018 (the
    report's campaign in the first half inflates the town desk's)."""
    h2 = (report_years["received_date"] >= pd.Timestamp(2018, 7, 1)) & ~report_years["state"].isin([1, 3])
    counts = report_years.loc[h2, "unit_code"].value_counts()
    days = wd[(wd >= np.datetime64("2018-07-01")) & (wd <= np.datetime64(demo.LAST_DAY))]
    w = demo.day_weights(calendar, days) * _season(days)
    return np.array([counts.get(code, 0) for code in old_codes]) / w.sum()


def _season(days: np.ndarray) -> np.ndarray:
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return np.array([demo.SEASON.get(int(m), 1.0) for m in month])


def _intake(rng, calendar, wd, rates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Old-desk index and received-day index of every dossier received from FIRST_DAY to
    AS_OF (after the reform, the old desk stands for the units it went to)."""
    first = int(np.searchsorted(wd, np.datetime64(FIRST_DAY)))
    last = int(np.searchsorted(wd, np.datetime64(demo.AS_OF), side="right")) - 1
    days = wd[first:last + 1]
    w_day = demo.day_weights(calendar, days) * _season(days)
    months = days.astype("datetime64[M]")
    month_list, month_no = np.unique(months, return_inverse=True)
    w_month = np.bincount(month_no, weights=w_day)
    years = (month_list.astype(np.int64) - np.datetime64(FIRST_DAY, "M").astype(np.int64)) / 12
    shock = np.array([SHOCKS.get((int(str(m)[:4]), int(str(m)[5:7])), 1.0) for m in month_list])
    noise = rng.lognormal(0.0, 0.06, size=(len(rates), len(month_list)))
    expected = rates[:, None] * (w_month * (1 + GROWTH) ** years * shock)[None, :] * noise
    counts = rng.poisson(expected)
    unit_idx, day_idx = [], []
    for m in range(len(month_list)):
        in_month = np.flatnonzero(month_no == m)
        p = w_day[in_month] / w_day[in_month].sum()
        n = counts[:, m]
        unit_idx.append(np.repeat(np.arange(len(rates)), n))
        day_idx.append(first + rng.choice(in_month, size=int(n.sum()), p=p))
    unit_idx, day_idx = np.concatenate(unit_idx), np.concatenate(day_idx)
    order = np.lexsort((unit_idx, day_idx))
    return unit_idx[order], day_idx[order]


def _successors(units: pd.DataFrame, old_codes: list[str]) -> dict[str, str]:
    """Old ward/commune -> its default successor among the demo's units (data/unit_lineage.csv)."""
    lineage = demo.read_reference_csv("unit_lineage.csv")
    default = lineage[(lineage["is_default"] == "true") & lineage["new_unit_code"].isin(units["unit_code"])]
    out = dict(zip(default["old_unit_code"], default["new_unit_code"]))
    missing = [c for c in old_codes if c not in out]
    if missing:
        raise ValueError(f"no successor in data/unit_lineage.csv for {missing}")
    return out


def _reassign(rng, plan, units: pd.DataFrame, old_codes: list[str], wd) -> np.ndarray:
    """Index into ``units`` of each dossier's desk: the old desk before REFORM_DAY; after it
    the successor of a ward/commune, and for the town desk's dossiers a new unit (devolved
    fields, by size) or the city's desk (the other fields)."""
    index = {code: i for i, code in enumerate(units["unit_code"])}
    successor = _successors(units, old_codes)
    old_to_new = np.array([index[successor[c]] for c in old_codes])
    after = wd[plan.r] >= np.datetime64(REFORM_DAY)
    out = np.where(after, old_to_new[plan.unit_idx], plan.unit_idx)
    town = after & plan.is_town
    # the new units' share of the devolved dossiers: their communes' intake after the reform
    new_idx = np.array([index[c] for c in NEW_UNITS])
    size = np.array([(out[after & ~plan.is_town] == i).sum() for i in new_idx], dtype=float)
    devolved = town & np.isin(plan.field, DEVOLVED_FIELDS)
    out[devolved] = rng.choice(new_idx, size=int(devolved.sum()), p=size / size.sum())
    out[town & ~devolved] = index[CITY_DESK]
    return out


def _close_stalled(rng, plan) -> None:
    """Stalled dossiers the demo's outcomes leave open for ever are done within about a year
    (late) here: only those received in the last months are still open at the end."""
    never = plan.fin >= demo.NEVER
    plan.fin[never] = plan.r[never] + plan.days[never] + rng.integers(160, 320, int(never.sum()))


def generate_recent(rng, calendar, wd, units: pd.DataFrame, procs: pd.DataFrame, events: pd.DataFrame,
                    report_years: pd.DataFrame) -> pd.DataFrame:
    """The dossiers received from FIRST_DAY to :data:`cchc.datagen.demo.AS_OF`, as the table
    of :func:`cchc.datagen.demo.dossier_table` (``unit_idx`` indexes ``units``, the whole of
    data/units.csv). ``report_years`` (the 2017-2018 table) gives each desk's volume."""
    old = units[units["valid_from"] <= demo.LAST_DAY.isoformat()]
    old_codes = old["unit_code"].tolist()
    unit_idx, day_idx = _intake(rng, calendar, wd, _rates(calendar, wd, old_codes, report_years))
    kinds = old["kind"].to_numpy()[unit_idx]
    proc_idx = demo.assign_procedures(rng, wd, day_idx, kinds, procs, events)
    plan = demo.plan_outcomes(rng, wd, unit_idx, day_idx, proc_idx, old, procs,
                              quarter_late=_quarter_late(), first_day=FIRST_DAY)
    _close_stalled(rng, plan)
    channel = demo.draw_channels(rng, plan, procs, wd, first_day=FIRST_DAY, last_day=date(2025, 12, 1),
                                 shares=ONLINE, online_levels=("2", "3", "4"))
    plan.unit_idx = _reassign(rng, plan, units, old_codes, wd)
    return demo.dossier_table(rng, plan, channel, wd, units, procs)
