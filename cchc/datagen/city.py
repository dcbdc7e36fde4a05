"""Build a synthetic city of any size, for benchmarks: ``python -m cchc build-demo --dossiers N``.

A city the size of Hà Nội: 30 synthetic districts (12 urban "Quận Mẫu", one "Thị xã Mẫu",
17 rural "Huyện Mẫu") with 580 wards and communes between them, five years of dossiers
(2017–2021). Every unit is marked ``is_synthetic`` and named "Mẫu" (sample); the file says
``dataset_info.kind = 'synthetic'``. Nothing in it is real.

The dossiers follow the distributions of the Sơn Tây demo (:mod:`cchc.datagen.demo`): each
synthetic unit copies one Sơn Tây unit (its size and its propensity to be late), the
procedures, outcomes, supplements, stalls and channels are drawn by the demo's own
functions, and the working-day calendar, procedure catalogue and PAR criteria are the
demo's reference data.

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

__all__ = ["build_city", "city_units", "FIRST_DAY", "LAST_DAY"]

FIRST_DAY = date(2017, 1, 1)  # first received date
LAST_DAY = date(2021, 12, 31)  # last received date; the data show the state on this day
CALENDAR_START = date(2016, 1, 1)
CALENDAR_END = date(2023, 12, 31)  # room for due dates and finishes after LAST_DAY

URBAN_DISTRICTS = 12  # Quận: wards only
TOWN_DISTRICT = 13  # Thị xã: wards and communes
DISTRICTS = 30  # the rest are Huyện: communes only
COMMUNES = 580  # wards and communes in the city
PAR_YEARS = range(2016, LAST_DAY.year + 1)

DESCRIPTION = (
    "Dữ liệu tổng hợp (synthetic) để đo hiệu năng — thành phố mẫu {districts} quận/huyện, "
    "{communes} phường/xã, {dossiers} hồ sơ {first}–{last}; không phải số liệu thật"
)

# Columns of one generated chunk, as handed to DuckDB (dates as days since 1970-01-01,
# -1 = NULL; times as minutes after midnight, -1 = NULL).
_INSERT_SQL = """
INSERT INTO dossiers
SELECT
    u.desk || '-' || strftime(DATE '1970-01-01' + c.received, '%y%m%d') || '-'
        || lpad(c.seq::VARCHAR, 4, '0') AS dossier_code,
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


def city_units(seed: int = 2018) -> pd.DataFrame:
    """The synthetic units of the city, with the Sơn Tây unit each one copies.

    Columns: the ``units`` table's, plus ``template`` (a Sơn Tây unit code whose size and
    lateness the unit takes), ``size`` (relative daily intake) and ``desk`` (the desk part
    of dossier codes). District desks come first, each followed by its wards/communes.
    """
    rng = np.random.default_rng([seed, 1])
    # communes per district: 10..30, summing to COMMUNES
    counts = rng.integers(12, 27, size=DISTRICTS)
    while counts.sum() != COMMUNES:
        i = rng.integers(DISTRICTS)
        step = 1 if counts.sum() < COMMUNES else -1
        if 10 <= counts[i] + step <= 30:
            counts[i] += step
    wards = [c for c, s in demo.UNIT_SIZE.items() if c in _SON_TAY_WARDS]
    communes = [c for c in demo.UNIT_SIZE if c not in _SON_TAY_WARDS]
    rows = []
    for d in range(1, DISTRICTS + 1):
        if d <= URBAN_DISTRICTS:
            prefix, urban = "Quận", 1.0
        elif d == TOWN_DISTRICT:
            prefix, urban = "Thị xã", 0.5
        else:
            prefix, urban = "Huyện", 0.0
        dcode = f"mau-{d:02d}"
        district_size = float(rng.lognormal(0.0, 0.3)) * (1.3 if urban == 1.0 else 1.0)
        rows.append({
            "unit_code": dcode, "name": f"Bộ phận một cửa {prefix} Mẫu {d:02d}",
            "short_name": f"{prefix} Mẫu {d:02d}", "kind": "town", "parent_code": None,
            "template": demo.TOWN, "size": district_size * 3.0, "desk": f"000.00.{d:02d}.H26",
        })
        n = int(counts[d - 1])
        n_wards = n if urban == 1.0 else (n // 2 if urban == 0.5 else 0)
        for k in range(1, n + 1):
            is_ward = k <= n_wards
            template = (wards[(d + k) % len(wards)] if is_ward else communes[(d + k) % len(communes)])
            kind, word = ("ward", "Phường") if is_ward else ("commune", "Xã")
            rows.append({
                "unit_code": f"{dcode}-{k:02d}", "name": f"{word} Mẫu {d:02d}-{k:02d}",
                "short_name": f"Mẫu {d:02d}-{k:02d}", "kind": kind, "parent_code": dcode,
                "template": template,
                "size": district_size * demo.UNIT_SIZE[template] * float(rng.lognormal(0.0, 0.25)),
                "desk": f"000.{k:02d}.{d:02d}.H26",
            })
    units = pd.DataFrame(rows)
    units["valid_from"] = date(2008, 8, 1)
    units["valid_to"] = None
    units["is_synthetic"] = True
    return units


_SON_TAY_WARDS = {
    "le-loi", "ngo-quyen", "phu-thinh", "quang-trung", "son-loc", "trung-hung",
    "trung-son-tram", "vien-son", "xuan-khanh",
}


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
    counts = rng.multinomial(total, (expected / expected.sum()).ravel()).reshape(expected.shape)
    return counts, month_no, w_day, first


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
    key = frame["received"].to_numpy().astype(np.int64) * 10_000 + frame["unit_idx"].to_numpy()
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
    """Demo PAR criteria for every year of the city (the last known year repeated) and
    generated scores of every ward/commune: a unit's standing drifts slowly year to year."""
    last = int(criteria["year"].astype(int).max())
    extra = []
    for year in PAR_YEARS:
        if year > last:
            extra.append(criteria[criteria["year"].astype(int) == last].assign(year=str(year)))
    criteria = pd.concat([criteria, *extra], ignore_index=True)
    criteria["is_demo"] = "true"
    scored = units[units["kind"] != "town"]["unit_code"].to_numpy()
    base = rng.beta(8, 2, size=len(scored))  # share of the maximum a unit tends to get
    rows = []
    for year in PAR_YEARS:
        base = np.clip(base + rng.normal(0, 0.03, size=len(scored)), 0.45, 0.98)
        crit = criteria[criteria["year"].astype(int) == year]
        for code, mx in zip(crit["criterion_code"], crit["max_points"].astype(float)):
            share = np.clip(base + rng.normal(0, 0.06, size=len(scored)), 0.2, 1.0)
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
    counts: np.ndarray  # dossiers per unit and month
    month_no: np.ndarray
    w_day: np.ndarray
    first: int


def _plan_city(rng, seed: int, dossiers: int) -> _CityPlan:
    """The city's reference data and monthly counts (the PAR scores from a random stream of
    their own: the same whatever the number of dossiers)."""
    calendar = build_calendar(CALENDAR_START, CALENDAR_END)
    wd = working_days(calendar)
    units = city_units(seed)
    criteria, scores = _par(np.random.default_rng([seed, 2]), units, demo.read_reference_csv("par_criteria.csv"))
    counts, month_no, w_day, first = _monthly_counts(rng, calendar, wd, units, dossiers)
    return _CityPlan(
        calendar=calendar, wd=wd, as_of=int(np.searchsorted(wd, np.datetime64(LAST_DAY), side="right")) - 1,
        units=units, units_tpl=units.assign(unit_code=units["template"]),
        procs=demo.read_reference_csv("procedures.csv"), events=demo.read_reference_csv("procedure_events.csv"),
        criteria=criteria, scores=scores, counts=counts, month_no=month_no, w_day=w_day, first=first,
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
    """The demo's fields and procedure catalogue, the city's units, PAR criteria and scores,
    and the calendar."""
    for table in ("fields", "procedures", "procedure_events"):
        demo.insert_reference_csv(con, table, f"{table}.csv")
    _insert_frame(con, "units", city.units[["unit_code", "name", "short_name", "kind", "parent_code",
                                            "valid_from", "valid_to", "is_synthetic"]])
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


def _insert_dataset_info(con: duckdb.DuckDBPyConnection, seed: int, dossiers: int) -> None:
    """What the file holds: a synthetic city, described in words, its seed and size."""
    con.executemany("INSERT INTO dataset_info VALUES (?, ?)", [
        ("kind", "synthetic"),
        ("description", DESCRIPTION.format(
            districts=DISTRICTS, communes=COMMUNES, dossiers=f"{dossiers:,}".replace(",", "."),
            first=FIRST_DAY.year, last=LAST_DAY.year)),
        ("seed", str(seed)),
        ("dossiers", str(dossiers)),
    ])


def build_city(path: Path, dossiers: int, seed: int = 2018, *, chunk_rows: int = 1_000_000,
               threads: int | None = None, memory_limit: str = "4GB", progress=None) -> dict:
    """Build a synthetic city of exactly ``dossiers`` dossiers at ``path``.

    Deterministic for a given ``seed`` and ``chunk_rows``. Written by the store's writer
    (:func:`cchc.store.writer.write_new`: a new file next to ``path``, under the database's
    lock, moved into place), so readers never see a half-built database. The rollups of
    :mod:`cchc.store.rollups` are built with it.
    ``progress``, if given, is called with a short message after each chunk.
    Returns row counts per table and the build time in seconds (``seconds``).
    """
    if dossiers < 1:
        raise ValueError("the number of dossiers must be at least 1")
    started = time.perf_counter()
    path = Path(path)
    rng = np.random.default_rng(seed)
    city = _plan_city(rng, seed, dossiers)

    def build(con: duckdb.DuckDBPyConnection) -> dict:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute("SET enable_progress_bar = false")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        _insert_reference(con, city)
        _create_lookups(con, city)
        _insert_dossiers(con, rng, city, chunk_rows, dossiers, started, progress)
        _insert_dataset_info(con, seed, dossiers)
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("units", "fields", "procedures", "procedure_events", "calendar",
                          "par_criteria", "par_scores", "dossiers")
        }

    rollup_counts: dict = {}  # the writer builds the rollups after build(), then calls finish
    summary = writer.write_new(path, build, finish=lambda con: rollup_counts.update(rollups.row_counts(con)))
    summary.update(rollup_counts)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    return summary
