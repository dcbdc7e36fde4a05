"""Build a synthetic city or nation of any size, for benchmarks: ``python -m cchc build-demo
--dossiers N [--scope city|nation]``.

The units are real, the dossiers are not. Scope ``city`` (the default) is Hà Nội: its 30
districts and their 526 wards and communes until 30 June 2025, its 126 wards and communes
since 1 July 2025 (Resolution 1656/NQ-UBTVQH15) and one province-level desk; scope
``nation`` is the whole country the same way (34 provinces and 3,321 communes since the
reform). Names, official codes, hierarchy and lineage come from ``data/admin_units.csv`` and
``admin_lineage.csv`` (the package vietnamadminunits, see :mod:`cchc.datagen.units`). Every
unit is marked ``is_synthetic`` and the file says ``dataset_info.kind = 'synthetic'``: the
dossiers, volumes and PAR scores are generated.

Ten years of dossiers, November 2016 to October 2026. A unit receives dossiers only while it
exists: the old units up to 30 June 2025, the new ones from 1 July 2025. The dossiers follow
the distributions of the Sơn Tây demo (:mod:`cchc.datagen.demo`): each unit copies one Sơn
Tây unit (its size and its propensity to be late), the procedures, outcomes, supplements,
stalls and channels are drawn by the demo's own functions, and the working-day calendar,
procedure catalogue and PAR criteria are the demo's reference data.

Volumes (relative sizes, scaled so that the total is exactly N): a district draws a size
(lognormal, σ 0.3); its desk receives ``DESK_SIZE`` times that, each commune that times its
Sơn Tây template's size (wards ``WARD_SIZE`` more) with noise. A new commune receives what
its predecessors did (a divided commune shared equally among its successors) times
``NEW_COMMUNE_GROWTH`` (the communes took over work of the abolished districts); a province
desk ``PROVINCE_DESK_SHARE`` of its old district desks' together. At 300 M over ten years
this gives about 30 M dossiers a year nationally and 2–3 thousand per commune and year, the
orders of domain.md §7.

Memory stays bounded whatever N: the months are generated a chunk at a time (about
``chunk_rows`` dossiers) with numpy and appended in received-date order, the order the
dashboard's period queries want (DuckDB skips whole row groups by their date ranges).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from cchc.core.calendar_days import build_calendar, working_days
from cchc.datagen import demo
from cchc.store import rollups, writer
from cchc.store.db import DATA_DIR

__all__ = ["build_city", "city_units", "unit_lineage", "scale_path", "FIRST_DAY", "LAST_DAY", "REFORM_DAY", "SCOPES"]

FIRST_DAY = date(2016, 11, 1)  # first received date: ten years of dossiers
LAST_DAY = date(2026, 10, 31)  # last received date; the data show the state on this day
REFORM_DAY = date(2025, 7, 1)  # two-tier local government: the new units start
LAST_OLD_DAY = date(2025, 6, 30)
CALENDAR_START = date(2016, 1, 1)
CALENDAR_END = date(2028, 12, 31)  # room for due dates and finishes after LAST_DAY

SCOPES = ("city", "nation")
CITY_PROVINCE = "01"  # Hà Nội
DESK_SIZE = 3.0  # a district desk receives about three communes' worth
WARD_SIZE = 1.3  # urban wards receive more than rural communes
NEW_COMMUNE_GROWTH = 1.15
PROVINCE_DESK_SHARE = 0.4
PAR_YEARS = range(2016, 2026)  # assessed years: the old communes until 2024, the new ones from 2025

DESCRIPTION = (
    "Dữ liệu tổng hợp (synthetic) để đo hiệu năng — đơn vị hành chính thật của {where} "
    "({districts} quận/huyện và {old} phường/xã đến 30/06/2025; {new} phường/xã từ 01/07/2025), "
    "{dossiers} hồ sơ {first}–{last}; số hồ sơ và điểm không phải số liệu thật"
)

def scale_path(dossiers: int, scope: str = "city") -> Path:
    """Where a build of ``dossiers`` dossiers is kept by default (``data/`` is gitignored):
    ``data/scale-<N>.duckdb`` for the city, ``data/scale-nation-<N>.duckdb`` for the nation."""
    return DATA_DIR / (f"scale-{dossiers}.duckdb" if scope == "city" else f"scale-{scope}-{dossiers}.duckdb")


# Columns of one generated chunk, as handed to DuckDB (dates as days since 1970-01-01,
# -1 = NULL; times as minutes after midnight, -1 = NULL).
_INSERT_SQL = """
INSERT INTO dossiers
SELECT
    u.desk || '-' || strftime(DATE '1970-01-01' + c.received, '%y%m%d') || '-'
        || lpad(c.seq::VARCHAR, greatest(4, length(c.seq::VARCHAR))::INTEGER, '0') AS dossier_code,
    u.unit_code,
    p.procedure_code,
    ['in_person', 'online', 'postal'][c.channel + 1] AS channel,
    DATE '1970-01-01' + c.received AS received_date,
    CASE WHEN c.due >= 0 THEN DATE '1970-01-01' + c.due END AS due_date,
    CASE WHEN c.finished >= 0 THEN DATE '1970-01-01' + c.finished END AS finished_date,
    CASE WHEN c.returned >= 0 THEN DATE '1970-01-01' + c.returned END AS returned_date,
    c.state,
    make_time(c.rec_min // 60, c.rec_min % 60, 0) AS received_time,
    CASE WHEN c.fin_min >= 0 THEN make_time(c.fin_min // 60, c.fin_min % 60, 0) END AS finished_time,
    CASE WHEN c.sup_req >= 0 THEN DATE '1970-01-01' + c.sup_req END AS supplement_requested_date,
    CASE WHEN c.sup_sup >= 0 THEN DATE '1970-01-01' + c.sup_sup END AS supplement_supplied_date,
    c.sup_count AS supplement_count,
    NULL AS load_id
FROM chunk AS c
JOIN unit_lookup AS u USING (unit_idx)
JOIN procedure_lookup AS p USING (proc_idx)
ORDER BY c.row_no
"""


# --------------------------------------------------------------------------- units


def _admin() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The country's administrative units and their lineage across 1 July 2025, as the demo
    loads them (data/admin_units.csv, admin_lineage.csv; all text)."""
    admin = demo.read_reference_csv("admin_units.csv")
    lineage = demo.read_reference_csv("admin_lineage.csv")
    lineage["is_whole"] = lineage["is_whole"].eq("true")
    lineage["is_default"] = lineage["is_default"].eq("true")
    return admin, lineage


def _scope_provinces(admin: pd.DataFrame, scope: str) -> tuple[set[str], set[str]]:
    """The official codes of the provinces in scope: (before the reform, since it)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; scopes: {', '.join(SCOPES)}")
    provinces = admin[admin["level"] == "province"]
    old = set(provinces.loc[provinces["valid_to"] != "", "official_code"])
    new = set(provinces.loc[provinces["valid_from"] != "", "official_code"])
    if scope == "city":
        return old & {CITY_PROVINCE}, new & {CITY_PROVINCE}
    return old, new


def _template(kind: str, code: str) -> str:
    """The Sơn Tây unit whose size and lateness a unit copies: a ward for a ward, a commune
    otherwise, chosen by the unit's official code (stable whatever the scope)."""
    pool = _TEMPLATE_WARDS if kind == "ward" else _TEMPLATE_COMMUNES
    return pool[int(code) % len(pool)]


def _old_units(rng, admin: pd.DataFrame, provinces: set[str]) -> list[dict]:
    """District desks (kind town, level desk) and their wards and communes, valid until
    30 June 2025; each district's size scales its desk and its communes."""
    districts = admin[(admin["level"] == "district") & admin["parent_code"].isin(provinces)]
    communes = admin[(admin["level"] == "commune") & (admin["valid_to"] != "")]
    by_district = {code: group for code, group in communes.groupby("parent_code")}
    rows = []
    for d in districts.itertuples():
        district_size = float(rng.lognormal(0.0, 0.3))
        rows.append(_unit_row(f"old-{d.official_code}", f"Bộ phận một cửa {d.name}", d.name, "town", None,
                              d.official_code, "desk", demo.TOWN, district_size * DESK_SIZE, d.short_name))
        members = by_district.get(d.official_code, communes.iloc[:0])
        noise = rng.lognormal(0.0, 0.25, size=len(members))
        for c, extra in zip(members.itertuples(), noise):
            kind = "ward" if c.kind == "ward" else "commune"
            template = _template(kind, c.official_code)
            size = district_size * demo.UNIT_SIZE[template] * float(extra) * (WARD_SIZE if kind == "ward" else 1.0)
            rows.append(_unit_row(f"old-{c.official_code}", c.name, c.short_name, kind, f"old-{d.official_code}",
                                  c.official_code, "commune", template, size, d.short_name))
    return rows


def _new_units(admin: pd.DataFrame, lineage: pd.DataFrame, provinces: set[str], old: pd.DataFrame) -> list[dict]:
    """One province-level desk (Trung tâm Phục vụ hành chính công) per province and the
    communes since 1 July 2025. A commune's size is what its predecessors brought (a
    divided old commune shared equally between its new ones) times NEW_COMMUNE_GROWTH;
    a province desk's is PROVINCE_DESK_SHARE of its old district desks' together."""
    communes = admin[(admin["level"] == "commune") & (admin["valid_from"] != "")
                     & admin["parent_code"].isin(provinces)]
    old_size = dict(zip(old["official_code"], old["size"]))
    shares = lineage[lineage["old_code"].isin(old_size)].copy()
    shares["size"] = shares["old_code"].map(old_size) / shares.groupby("old_code")["new_code"].transform("size")
    brought = shares.groupby("new_code")["size"].sum()
    desk_sizes = old[old["kind"] == "town"].groupby("province")["size"].sum()
    province_rows = admin[(admin["level"] == "province") & admin["official_code"].isin(provinces)
                          & (admin["valid_from"] != "")]
    province_short = dict(zip(province_rows["official_code"], province_rows["short_name"]))
    rows = []
    for p in province_rows.itertuples():
        size = float(desk_sizes.get(p.official_code, 1.0)) * PROVINCE_DESK_SHARE
        rows.append(_unit_row(f"new-{p.official_code}", f"Trung tâm Phục vụ hành chính công {p.name}",
                              f"TTPVHCC {p.short_name}", "town", None, p.official_code, "province", demo.TOWN,
                              size, p.short_name))
    for c in communes.itertuples():
        kind = "ward" if c.kind == "ward" else "commune"  # special zones (đặc khu) count as communes
        size = float(brought.get(c.official_code, 1.0)) * NEW_COMMUNE_GROWTH
        rows.append(_unit_row(f"new-{c.official_code}", c.name, c.short_name, kind, f"new-{c.parent_code}",
                              c.official_code, "commune", _template(kind, c.official_code), size,
                              province_short[c.parent_code]))
    return rows


def _unit_row(code, name, short, kind, parent, official, level, template, size, where) -> dict:
    return {"unit_code": code, "name": name, "short_name": short, "kind": kind, "parent_code": parent,
            "official_code": official, "level": level, "template": template, "size": size, "where": where}


def _unique_short_names(units: pd.DataFrame) -> pd.Series:
    """Short names, made unique where real names repeat (the country has many a "Tân Lập"):
    the district (before the reform) or province (since) in brackets, then the unit code."""
    short = units["short_name"].copy()
    dup = short.duplicated(keep=False)
    short[dup] = short[dup] + " (" + units.loc[dup, "where"] + ")"
    dup = short.duplicated(keep=False)
    short[dup] = short[dup] + " " + units.loc[dup, "unit_code"]
    return short


def city_units(seed: int = 2018, scope: str = "city") -> pd.DataFrame:
    """The units of a synthetic build, from the real lists of ``admin_units``.

    ``scope`` 'city': Hà Nội (official code 01); 'nation': every province. Before 1 July
    2025 (``valid_to`` 2025-06-30): one desk per district (kind ``town``, level ``desk``,
    the district's code) followed by its wards and communes; since (``valid_from``
    2025-07-01): one province-level desk per province (kind ``town``, level ``province``)
    and the communes. Unit codes are the official code prefixed by the era (``old-09574``,
    ``new-09574``: codes are re-used across the reform). Every unit is ``is_synthetic``.

    Extra columns: ``template`` (the Sơn Tây unit whose size and lateness the unit takes),
    ``size`` (relative monthly intake), ``desk`` (the desk part of dossier codes),
    ``province`` (its province's code since the reform) and ``where`` (its district or
    province, used to tell equal names apart).
    """
    admin, lineage = _admin()
    old_provinces, new_provinces = _scope_provinces(admin, scope)
    rng = np.random.default_rng([seed, 1])
    old = pd.DataFrame(_old_units(rng, admin, old_provinces))
    old["province"] = _new_province_of_old(admin, lineage, old)
    new = pd.DataFrame(_new_units(admin, lineage, new_provinces, old))
    new["province"] = [c.split("-", 1)[1] if lvl == "province" else p.split("-", 1)[1]
                       for c, lvl, p in zip(new["unit_code"], new["level"], new["parent_code"].fillna(""))]
    old["valid_from"], old["valid_to"] = None, LAST_OLD_DAY
    new["valid_from"], new["valid_to"] = REFORM_DAY, None
    units = pd.concat([old, new], ignore_index=True)
    units["short_name"] = _unique_short_names(units)
    units["desk"] = units["unit_code"]
    units["is_synthetic"] = True
    units["id_code"] = None
    return units


def _new_province_of_old(admin: pd.DataFrame, lineage: pd.DataFrame, old: pd.DataFrame) -> list[str]:
    """The province since the reform of each old unit: that of its default successor (a
    district desk: that of its communes' successors, the most frequent)."""
    parent = dict(zip(admin.loc[admin["valid_from"] != "", "official_code"],
                      admin.loc[admin["valid_from"] != "", "parent_code"]))
    default = lineage[lineage["is_default"]]
    province_of = {o: parent.get(n) for o, n in zip(default["old_code"], default["new_code"])}
    commune_province = {c: province_of.get(o) for c, o in zip(old["unit_code"], old["official_code"])}
    by_desk: dict[str, list] = {}
    for parent_code, code in zip(old["parent_code"], old["unit_code"]):
        if parent_code:
            by_desk.setdefault(parent_code, []).append(commune_province[code])
    out = []
    for code, official, kind in zip(old["unit_code"], old["official_code"], old["kind"]):
        found = [p for p in by_desk.get(code, []) if p] if kind == "town" else [commune_province[code]]
        found = found or [province_of.get(official)]  # an island district without communes
        out.append(max(set(found), key=found.count) if found[0] else None)
    return out


def unit_lineage(units: pd.DataFrame) -> pd.DataFrame:
    """The ``unit_lineage`` rows of the build's old units, from ``admin_lineage``: each old
    commune (and island district) to its new ones, ``new_unit_code`` empty when the new
    unit is outside the build; a district desk to its province's new desk (its work went
    to the province and the communes: in part, the province's desk by default)."""
    _, lineage = _admin()
    old = units[units["valid_to"].notna()]
    codes = set(units["unit_code"])
    rows = lineage.merge(old[["unit_code", "official_code"]], left_on="old_code", right_on="official_code")
    rows = pd.DataFrame({
        "old_unit_code": rows["unit_code"],
        "new_unit_code": [f"new-{n}" if f"new-{n}" in codes else None for n in rows["new_code"]],
        "new_official_code": rows["new_code"], "is_whole": rows["is_whole"], "is_default": rows["is_default"],
    })
    desks = old[(old["kind"] == "town") & ~old["unit_code"].isin(rows["old_unit_code"]) & old["province"].notna()]
    to_province = pd.DataFrame({
        "old_unit_code": desks["unit_code"],
        "new_unit_code": [f"new-{p}" if f"new-{p}" in codes else None for p in desks["province"]],
        "new_official_code": desks["province"], "is_whole": False, "is_default": True,
    })
    return pd.concat([rows, to_province], ignore_index=True)


_TEMPLATE_WARDS = [
    "le-loi", "ngo-quyen", "phu-thinh", "quang-trung", "son-loc", "trung-hung", "trung-son-tram", "vien-son",
    "xuan-khanh",
]
_TEMPLATE_COMMUNES = ["co-dong", "duong-lam", "kim-son", "son-dong", "thanh-my", "xuan-son"]


# --------------------------------------------------------------------------- intake


def _monthly_counts(rng, calendar, wd, units: pd.DataFrame, total: int):
    """Dossiers per unit and month (summing to ``total``), with the day weights of each month."""
    first = int(np.searchsorted(wd, np.datetime64(FIRST_DAY)))
    last = int(np.searchsorted(wd, np.datetime64(LAST_DAY), side="right")) - 1
    days = wd[first:last + 1]
    w_day = demo.day_weights(calendar, days)
    months = days.astype("datetime64[M]")
    month_list = np.unique(months)
    month_no = np.searchsorted(month_list, months)
    w_month = np.bincount(month_no, weights=w_day, minlength=len(month_list))
    t = np.arange(len(month_list))
    month_of_year = month_list.astype(np.int64) % 12 + 1
    season = np.array([{11: 1.03, 12: 1.08, 7: 0.97, 8: 0.96}.get(int(m), 1.0) for m in month_of_year])
    growth = 1.0 + 0.04 * t / 12  # a few percent more dossiers every year
    trend = np.broadcast_to(growth[None, :], (len(units), len(month_list)))
    noise = rng.lognormal(0.0, 0.06, size=(len(units), len(month_list)))
    expected = units["size"].to_numpy()[:, None] * trend * season[None, :] * w_month[None, :] * noise
    expected = expected * _active(units, month_list)  # nothing outside a unit's validity
    counts = rng.multinomial(total, (expected / expected.sum()).ravel()).reshape(expected.shape)
    return counts, month_no, w_day, first


def _active(units: pd.DataFrame, month_list: np.ndarray) -> np.ndarray:
    """Whether each unit exists in each month (1.0 or 0.0): the reform falls on the first
    of a month, so a month belongs wholly to the old units or to the new ones."""
    starts = month_list.astype("datetime64[D]")
    end_of = (month_list + 1).astype("datetime64[D]") - 1
    valid_from = np.array([np.datetime64(d, "D") if d else np.datetime64("NaT") for d in units["valid_from"]])
    valid_to = np.array([np.datetime64(d, "D") if d else np.datetime64("NaT") for d in units["valid_to"]])
    begun = np.isnat(valid_from)[:, None] | (starts[None, :] >= valid_from[:, None])
    ongoing = np.isnat(valid_to)[:, None] | (end_of[None, :] <= valid_to[:, None])
    return (begun & ongoing).astype(float)


def _chunks(counts: np.ndarray, chunk_rows: int) -> list[list[int]]:
    """Consecutive months grouped so that each group holds about ``chunk_rows`` dossiers."""
    per_month = counts.sum(axis=0)
    groups, current, size = [], [], 0
    for m, n in enumerate(per_month):
        if current and size + n > chunk_rows:
            groups.append(current)
            current, size = [], 0
        current.append(m)
        size += int(n)
    if current:
        groups.append(current)
    return groups


def _intake(rng, counts, month_no, w_day, first, months) -> tuple[np.ndarray, np.ndarray]:
    """Unit index and received-day index of the dossiers of some months, in day order."""
    unit_idx, day_idx = [], []
    for m in months:
        in_month = np.flatnonzero(month_no == m)
        n_units = counts[:, m]
        n = int(n_units.sum())
        if n == 0:
            continue
        p = w_day[in_month] / w_day[in_month].sum()
        unit_idx.append(np.repeat(np.arange(len(n_units)), n_units))
        day_idx.append(first + in_month[rng.choice(len(in_month), size=n, p=p)])
    if not unit_idx:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unit_idx = np.concatenate(unit_idx)
    day_idx = np.concatenate(day_idx)
    order = np.lexsort((unit_idx, day_idx))
    return unit_idx[order], day_idx[order]


# --------------------------------------------------------------------------- one chunk


@dataclass
class _States:
    """Each dossier's state as of the data's last day (the codes of the demo's status words)
    and the working-day indexes the table shows (-1: none)."""

    state: np.ndarray
    is_finished: np.ndarray  # finished by then (a finish date shown)
    due: np.ndarray
    finished: np.ndarray
    returned: np.ndarray
    sup_req: np.ndarray
    sup_sup: np.ndarray
    sup_count: np.ndarray


def _states_as_of(rng, plan, as_of: int) -> _States:
    """The states and dates as of ``as_of`` (an index into the working days), derived as the
    demo derives them: withdrawn, finished and returned (most results collected within three
    days), waiting for a supplement, stalled, just received, or in progress."""
    n = len(plan.r)
    fin = plan.fin
    finished = fin <= as_of
    withdrawn = plan.withdrawn & finished
    ret_delay = rng.choice(4, size=n, p=[0.55, 0.25, 0.12, 0.08])
    collected = (fin + ret_delay <= as_of) & (rng.random(n) > 0.015)
    sup_pending = plan.supplement & ~finished & (plan.req <= as_of) & (plan.sup > as_of)
    state = np.select(
        [withdrawn, finished & collected, finished, sup_pending,
         plan.stalled & (plan.field == "dat-dai"), plan.stalled, plan.r >= as_of - 1],
        [7, 10, 9, 5, 6, 8, 2], 4,
    )
    show_sup = plan.supplement & (plan.req <= as_of)
    return _States(
        state=state,
        is_finished=finished,
        due=plan.due.copy(),
        finished=np.where(finished, fin, -1),
        returned=np.where(withdrawn, fin, np.where(finished & collected, fin + ret_delay, -1)),
        sup_req=np.where(show_sup, plan.req, -1),
        sup_sup=np.where(show_sup & (plan.sup <= as_of), plan.sup, -1),
        sup_count=np.where(show_sup, plan.sup_count, 0),
    )


def _clock_times(rng, plan, is_finished: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Minutes after midnight of reception and of the finish (-1 while open); a dossier
    finished the day it came in finishes 15 minutes to 2½ hours later, by 17:00."""
    n = len(plan.r)
    rec_min = demo.clock_minutes(rng, n)
    same_day = plan.fin == plan.r
    fin_min = np.where(same_day, np.minimum(rec_min + rng.integers(15, 151, n), 1020), demo.clock_minutes(rng, n))
    return rec_min, np.where(is_finished, fin_min, -1)


def _never_received(rng, states: _States, code: np.ndarray, fin_min: np.ndarray) -> None:
    """Mark in place the dossiers never received: about 0.3 % refused at reception (state 3,
    any channel) and 4 % of the other online ones registered only (state 1); they have no
    dates but the received one."""
    n = len(code)
    refused = rng.random(n) < 0.003
    registered = ~refused & (code == 1) & (rng.random(n) < 0.04)
    not_received = refused | registered
    states.state = np.where(refused, 3, np.where(registered, 1, states.state))
    for arr in (states.due, states.finished, states.returned, states.sup_req, states.sup_sup, fin_min):
        arr[not_received] = -1
    states.sup_count = np.where(not_received, 0, states.sup_count)


def _in_reception_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted by received day, desk and reception time, with the running number of
    the day's dossiers at each desk (``seq``, for the dossier codes) and ``row_no``."""
    n = len(frame)
    order = np.lexsort((frame["rec_min"].to_numpy(), frame["unit_idx"].to_numpy(), frame["received"].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    key = frame["received"].to_numpy().astype(np.int64) * 1_000_000 + frame["unit_idx"].to_numpy()
    starts = np.r_[True, key[1:] != key[:-1]]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    frame["seq"] = (np.arange(n) - group_start + 1).astype(np.int32)
    frame["row_no"] = np.arange(n, dtype=np.int64)
    return frame


def _chunk(rng, wd, as_of: int, unit_idx, day_idx, units_tpl, units, procs, events) -> pd.DataFrame:
    """The dossiers of one chunk as numeric columns, sorted by received day, unit and time.

    Outcomes come from the demo's own generators; the states are derived as the demo
    derives them, as of ``as_of`` (an index into ``wd``). About 0.3 % of rows become
    refusals at reception (state 3) and 4 % of online rows registrations never received
    (state 1), as in the demo.
    """
    # the random draws happen in this order; changing it changes every city built
    kinds = units["kind"].to_numpy()[unit_idx]
    proc_idx = demo.assign_procedures(rng, wd, day_idx, kinds, procs, events)
    plan = demo.plan_outcomes(rng, wd, unit_idx, day_idx, proc_idx, units_tpl, procs)
    channel = demo.draw_channels(rng, plan, procs, wd)
    states = _states_as_of(rng, plan, as_of)
    rec_min, fin_min = _clock_times(rng, plan, states.is_finished)
    code = np.select([channel == "online", channel == "postal"], [1, 2], 0).astype(np.int8)
    _never_received(rng, states, code, fin_min)

    day_no = wd.astype(np.int64)  # days since 1970-01-01 of each working day

    def days(idx: np.ndarray) -> np.ndarray:
        """Working-day indexes as days since 1970-01-01 (-1 stays -1)."""
        return np.where(idx >= 0, day_no[np.clip(idx, 0, len(wd) - 1)], -1).astype(np.int32)

    return _in_reception_order(pd.DataFrame({
        "unit_idx": unit_idx.astype(np.int32),
        "proc_idx": proc_idx.astype(np.int32),
        "channel": code,
        "received": days(plan.r),
        "due": days(states.due),
        "finished": days(states.finished),
        "returned": days(states.returned),
        "state": states.state.astype(np.int8),
        "rec_min": rec_min.astype(np.int16),
        "fin_min": fin_min.astype(np.int16),
        "sup_req": days(states.sup_req),
        "sup_sup": days(states.sup_sup),
        "sup_count": states.sup_count.astype(np.int8),
    }))


# --------------------------------------------------------------------------- reference data


def _par(rng, units: pd.DataFrame, criteria: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Demo PAR criteria for every assessed year (the last known year repeated) and
    generated scores of every ward/commune existing in that year (the old ones until 2024,
    the new ones from 2025): a unit's standing drifts slowly year to year."""
    last = int(criteria["year"].astype(int).max())
    extra = []
    for year in PAR_YEARS:
        if year > last:
            extra.append(criteria[criteria["year"].astype(int) == last].assign(year=str(year)))
    criteria = pd.concat([criteria, *extra], ignore_index=True)
    criteria["is_demo"] = "true"
    communes = units[units["kind"] != "town"]
    scored_all = communes["unit_code"].to_numpy()
    is_new = communes["valid_from"].notna().to_numpy()
    base = rng.beta(8, 2, size=len(scored_all))  # share of the maximum a unit tends to get
    rows = []
    for year in PAR_YEARS:
        base = np.clip(base + rng.normal(0, 0.03, size=len(scored_all)), 0.45, 0.98)
        exists = is_new if year >= REFORM_DAY.year else ~is_new
        scored, unit_base = scored_all[exists], base[exists]
        crit = criteria[criteria["year"].astype(int) == year]
        for code, mx in zip(crit["criterion_code"], crit["max_points"].astype(float)):
            share = np.clip(unit_base + rng.normal(0, 0.06, size=len(scored)), 0.2, 1.0)
            pts = np.round(share * mx, 1)
            rows.append(pd.DataFrame({"year": year, "unit_code": scored, "criterion_code": code, "points": pts}))
    return criteria, pd.concat(rows, ignore_index=True)


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class _CityPlan:
    """Everything drawn or read before the file is written: the calendar, the units (and
    the Sơn Tây units they copy), the demo's catalogue, the PAR criteria and scores, and the
    dossiers per unit and month."""

    calendar: pd.DataFrame
    wd: np.ndarray  # the working days
    as_of: int  # index in ``wd`` of the data's last day
    units: pd.DataFrame
    units_tpl: pd.DataFrame  # the units as the demo's generators see them (their template's code)
    procs: pd.DataFrame
    events: pd.DataFrame
    criteria: pd.DataFrame
    scores: pd.DataFrame
    lineage: pd.DataFrame  # unit_lineage rows
    scope: str
    counts: np.ndarray  # dossiers per unit and month
    month_no: np.ndarray
    w_day: np.ndarray
    first: int


def _plan_city(rng, seed: int, dossiers: int, scope: str) -> _CityPlan:
    """The build's reference data and monthly counts (the PAR scores from a random stream of
    their own: the same whatever the number of dossiers)."""
    calendar = build_calendar(CALENDAR_START, CALENDAR_END)
    wd = working_days(calendar)
    units = city_units(seed, scope)
    criteria, scores = _par(np.random.default_rng([seed, 2]), units, demo.read_reference_csv("par_criteria.csv"))
    counts, month_no, w_day, first = _monthly_counts(rng, calendar, wd, units, dossiers)
    return _CityPlan(
        calendar=calendar, wd=wd, as_of=int(np.searchsorted(wd, np.datetime64(LAST_DAY), side="right")) - 1,
        units=units, units_tpl=units.assign(unit_code=units["template"]),
        procs=demo.read_reference_csv("procedures.csv"), events=demo.read_reference_csv("procedure_events.csv"),
        criteria=criteria, scores=scores, lineage=unit_lineage(units), scope=scope, counts=counts,
        month_no=month_no, w_day=w_day, first=first,
    )


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, select: str = "*") -> None:
    """Append ``frame`` to ``table`` (by column name unless ``select`` names the columns)."""
    con.register("frame_df", frame)
    if select == "*":
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame_df")
    else:
        con.execute(f"INSERT INTO {table} SELECT {select} FROM frame_df")
    con.unregister("frame_df")


def _insert_reference(con: duckdb.DuckDBPyConnection, city: _CityPlan) -> None:
    """The demo's fields and procedure catalogue, the country's administrative units and
    lineage (as the demo loads them), the build's units and their lineage, PAR criteria and
    scores, and the calendar."""
    for table in ("fields", "procedures", "procedure_events", "admin_units", "admin_lineage"):
        demo.insert_reference_csv(con, table, f"{table}.csv")
    _insert_frame(con, "units", city.units[["unit_code", "name", "short_name", "kind", "parent_code",
                                            "valid_from", "valid_to", "is_synthetic", "official_code",
                                            "id_code", "level"]])
    _insert_frame(con, "unit_lineage", city.lineage)
    _insert_frame(con, "par_criteria", city.criteria)
    _insert_frame(con, "par_scores", city.scores)
    _insert_frame(con, "calendar", city.calendar, "CAST(date AS DATE), is_working_day, holiday_name")


def _create_lookups(con: duckdb.DuckDBPyConnection, city: _CityPlan) -> None:
    """Temporary tables from the chunks' unit and procedure indexes to their codes (and the
    unit's desk), read by the insert of every chunk."""
    # read by name by the two statements below (DuckDB's scan of Python variables)
    lookup_units = pd.DataFrame({"unit_idx": np.arange(len(city.units), dtype=np.int32),  # noqa: F841
                                 "unit_code": city.units["unit_code"], "desk": city.units["desk"]})
    lookup_procs = pd.DataFrame({"proc_idx": np.arange(len(city.procs), dtype=np.int32),  # noqa: F841
                                 "procedure_code": city.procs["procedure_code"]})
    con.execute("CREATE TEMP TABLE unit_lookup AS SELECT * FROM lookup_units")
    con.execute("CREATE TEMP TABLE procedure_lookup AS SELECT * FROM lookup_procs")


def _insert_dossiers(con: duckdb.DuckDBPyConnection, rng, city: _CityPlan, chunk_rows: int, dossiers: int,
                     started: float, progress=None) -> int:
    """Generate and append the dossiers a chunk of months at a time, in received-date order;
    returns how many were written."""
    written = 0
    for months in _chunks(city.counts, chunk_rows):
        unit_idx, day_idx = _intake(rng, city.counts, city.month_no, city.w_day, city.first, months)
        if len(day_idx) == 0:
            continue
        chunk = _chunk(rng, city.wd, city.as_of, unit_idx, day_idx, city.units_tpl, city.units, city.procs,
                       city.events)
        con.register("chunk", chunk)
        con.execute(_INSERT_SQL)
        con.unregister("chunk")
        written += len(chunk)
        del chunk  # before the next chunk is generated: memory stays bounded
        if progress:
            progress(f"{written:,} / {dossiers:,} dossiers ({time.perf_counter() - started:.0f} s)")
    return written


def _insert_dataset_info(con: duckdb.DuckDBPyConnection, city: _CityPlan, seed: int, dossiers: int) -> None:
    """What the file holds: synthetic dossiers of real units, described in words; its
    scope, province (the city's code; none for the nation), seed and size."""
    units = city.units
    old, new = units[units["valid_to"].notna()], units[units["valid_from"].notna()]
    where = "Hà Nội" if city.scope == "city" else "cả nước"
    rows = [
        ("kind", "synthetic"),
        ("description", DESCRIPTION.format(
            where=where, districts=_vn((old["kind"] == "town").sum()), old=_vn((old["kind"] != "town").sum()),
            new=_vn((new["kind"] != "town").sum()), dossiers=_vn(dossiers), first=FIRST_DAY.year,
            last=LAST_DAY.year)),
        ("scope", city.scope),
        ("seed", str(seed)),
        ("dossiers", str(dossiers)),
    ]
    if city.scope == "city":
        rows.append(("province", CITY_PROVINCE))  # the export's partition key (cchc/store/parquet.py)
    con.executemany("INSERT INTO dataset_info VALUES (?, ?)", rows)


def _vn(n) -> str:
    """A count in Vietnamese format (1.261)."""
    return f"{int(n):,}".replace(",", ".")


def build_city(path: Path, dossiers: int, seed: int = 2018, *, scope: str = "city", chunk_rows: int = 1_000_000,
               threads: int | None = None, memory_limit: str | None = None, progress=None) -> dict:
    """Build a synthetic city (``scope`` 'city': Hà Nội) or nation (``scope`` 'nation') of
    exactly ``dossiers`` dossiers at ``path``, with the real units of :func:`city_units`.

    Deterministic for a given ``seed`` and ``chunk_rows``. Written by the store's writer
    (:func:`cchc.store.writer.write_new`: a new file next to ``path``, under the database's
    lock, moved into place), so readers never see a half-built database. The rollups of
    :mod:`cchc.store.rollups` are built with it.
    ``progress``, if given, is called with a short message after each chunk. ``memory_limit``
    (DuckDB's): by default 4 GB for a city and 10 GB for a nation, whose rollups (14.086 units
    by procedure, channel and month) ran out of 4 GB at 30 M dossiers (docs/benchmarks.md).
    Returns row counts per table and the build time in seconds (``seconds``).
    """
    if dossiers < 1:
        raise ValueError("the number of dossiers must be at least 1")
    started = time.perf_counter()
    path = Path(path)
    rng = np.random.default_rng(seed)
    city = _plan_city(rng, seed, dossiers, scope)

    def build(con: duckdb.DuckDBPyConnection) -> dict:
        con.execute(f"SET memory_limit = '{memory_limit or ('10GB' if scope == 'nation' else '4GB')}'")
        con.execute("SET enable_progress_bar = false")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        _insert_reference(con, city)
        _create_lookups(con, city)
        _insert_dossiers(con, rng, city, chunk_rows, dossiers, started, progress)
        _insert_dataset_info(con, city, seed, dossiers)
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("units", "fields", "procedures", "procedure_events", "calendar",
                          "par_criteria", "par_scores", "dossiers", "unit_lineage")
        }

    rollup_counts: dict = {}  # the writer builds the rollups after build(), then calls finish
    summary = writer.write_new(path, build, finish=lambda con: rollup_counts.update(rollups.row_counts(con)))
    summary.update(rollup_counts)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    return summary
