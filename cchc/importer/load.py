"""Loads: plans are compared with the database and written through the store's one writer
(:mod:`cchc.store.writer`: a copy in one transaction, swapped in atomically under the
database's lock); loads are logged and can be undone.

A preview reads a snapshot of the current file and writes nothing. A load or an undo runs
its work inside :func:`cchc.store.writer.write_copy`: a failure anywhere before the swap
leaves the database byte-for-byte unchanged, readers keep reading the old file until their
next query, and the rollups are rebuilt on the copy.

Undo: every row a load writes is first copied to ``load_before_<table>`` (its previous
values, or only its key when the load added it); undo deletes the load's keys and puts the
previous rows back, in a copy swapped in the same way. A load whose rows were changed again
by a later load that is still active cannot be undone before that later load.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from cchc.importer import services766
from cchc.importer.columns import KINDS_766, find_table
from cchc.importer.errors import ImportFileError
from cchc.importer.readers import Grid, read_grids
from cchc.importer.validate import (
    DOSSIER_COLUMNS,
    PROCEDURE_COLUMNS,
    Plan,
    Reference,
    build_plan,
)
from cchc.store import db, writer

# The tables a load writes, their keys, and the columns it compares.
KEYS = {
    "dossiers": ["dossier_code"],
    "procedures": ["procedure_code"],
    "fields": ["field_code"],
    "procedure_events": ["procedure_code", "effective_date", "event"],
    "par_criteria": ["year", "criterion_code"],
    "par_scores": ["year", "unit_code", "criterion_code"],
    "reported_balances": ["unit_code", "period_start", "period_end"],
    **{services766.TABLES[k]: services766.KEYS[k] for k in KINDS_766},
}
# Undo order: dependent rows first, so a catalogue row is only removed when nothing uses it.
UNDO_ORDER = [*services766.TABLES.values(), "reported_balances", "dossiers", "par_scores", "par_criteria", "procedure_events",
              "procedures", "fields"]

_ARROW = {
    "dossier_code": pa.string(), "unit_code": pa.string(), "procedure_code": pa.string(), "channel": pa.string(),
    "received_date": pa.date32(), "due_date": pa.date32(), "finished_date": pa.date32(),
    "returned_date": pa.date32(), "state": pa.int8(), "received_time": pa.time64("us"),
    "finished_time": pa.time64("us"), "supplement_requested_date": pa.date32(),
    "supplement_supplied_date": pa.date32(), "supplement_count": pa.int8(), "load_id": pa.int32(),
    "name": pa.string(), "field_code": pa.string(), "level": pa.string(), "processing_days": pa.int32(),
    "online_level": pa.string(), "effective_date": pa.date32(), "event": pa.string(), "decision": pa.string(),
    "year": pa.int32(), "criterion_code": pa.string(), "max_points": pa.float64(), "is_demo": pa.bool_(),
    "points": pa.float64(), "period_start": pa.date32(), "period_end": pa.date32(),
    **{name: pa.int64() for name in (
        "received_total", "received_new", "received_online", "received_in_person_postal", "carried_over", "resolved",
        "early", "on_time", "late", "in_progress", "in_progress_within", "in_progress_overdue", "withdrawn")},
    # the Decision 766 inputs (services766.COLUMNS)
    "feedback_id": pa.string(), "ended_date": pa.date32(), "answered_date": pa.date32(),
    "publish_due_date": pa.date32(), "published_date": pa.date32(), "rating": pa.int8(),
    **{name: pa.bool_() for name in (
        "refused_after_reception", "has_fee", "paid_online", "digitised", "e_result", "reused_data", "personal_store",
        "population_data", "synced_portal", "complaint", "satisfied", "fee_bearing", "fully_online_eligible",
        "content_complete", "population_linked", "e_certified_copy")},
}


@dataclass
class Outcome:
    """What a preview found or a load did."""

    plan: Plan
    file_name: str
    sha256: str
    db_path: Path
    load_id: int | None = None           # None: nothing written (dry run, preview, or nothing to change)
    written: bool = False
    procedures_added: list[str] = field(default_factory=list)
    fields_added: list[str] = field(default_factory=list)
    criteria_written: int = 0
    events_added: int = 0


# -- the pipeline --------------------------------------------------------------------------


def sha256_of(data: bytes) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(data).hexdigest()


def plan_file(con: duckdb.DuckDBPyConnection, grids: list[Grid], kind: str | None, today: date | None) -> Plan:
    """Find the table of the right kind in the grids and validate it against ``con``'s data."""
    ref = Reference.load(con)
    criteria_names = {c[k] for rows in ref.criteria.values() for c in rows for k in ("name", "code")}
    table = find_table(grids, kind, criteria_names)
    if table.kind in KINDS_766:
        plan = services766.build_plan(con, table, ref, today or date.today())
        services766.compare(con, plan)
        return plan
    plan = build_plan(table, ref, today)
    compare(con, plan, ref)
    return plan


def logged_file_type(file_name: str) -> str:
    """What the load log keeps of an uploaded file's name: its type only ("xlsx"). A file
    name can carry an applicant's name ("ho-so-nguyen-van-a.xlsx"); the log identifies the
    file by its SHA-256 instead."""
    return Path(file_name).suffix.lower().lstrip(".")[:10] or "?"


def preview(data: bytes, file_name: str, db_path: Path | str | None = None, kind: str | None = None,
            today: date | None = None) -> Outcome:
    """Read, validate and compare a file with the database; write nothing."""
    grids = read_grids(data, file_name)
    path = target_path(db_path)
    if not path.exists():
        raise ImportFileError("imp_err_no_database", name=path.name)
    with snapshot(path) as con:
        plan = plan_file(con, grids, kind, today)
    outcome = Outcome(plan, file_name, sha256_of(data), path)
    outcome.procedures_added = sorted(plan.new_procedures)
    outcome.fields_added = sorted(plan.new_fields)
    return outcome


def load(data: bytes, file_name: str, db_path: Path | str | None = None, kind: str | None = None,
         today: date | None = None) -> Outcome:
    """Validate and write a file in one transaction on a copy swapped in atomically."""
    grids = read_grids(data, file_name)
    path = target_path(db_path)
    ensure_database(path)
    digest = sha256_of(data)

    def work(con: duckdb.DuckDBPyConnection) -> Outcome:
        plan = plan_file(con, grids, kind, today)
        outcome = Outcome(plan, file_name, digest, path)
        if plan.accepted == 0:
            raise ImportFileError("imp_err_nothing_accepted", rejected=plan.rejected)
        if not _changes_anything(plan):
            raise _NothingToDo(outcome)
        apply(con, plan, outcome)
        return outcome

    try:
        outcome = write_copy(path, work)
    except _NothingToDo as nothing:
        return nothing.outcome
    outcome.written = True
    return outcome


class _NothingToDo(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__("nothing to do")
        self.outcome = outcome


def _changes_anything(plan: Plan) -> bool:
    return bool(plan.inserted or plan.updated or plan.new_procedures or plan.new_fields or plan.criteria
                or plan.new_events)


def database_version(db_path: Path | str | None = None) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of the target database, None when missing: a preview made
    against one version is stale once a load or an undo has swapped in another."""
    try:
        st = target_path(db_path).stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def target_path(db_path: Path | str | None) -> Path:
    """The database a load writes: the given path, else ``$CCHC_DB``, else the demo database."""
    return Path(db_path).expanduser().resolve() if db_path else db.db_path()


def ensure_database(path: Path) -> None:
    """The one start-up rule (:func:`cchc.bootstrap.open_database`): the demo database is
    built when missing, any other missing database is refused, never created silently, and
    a file that is not a database of this product is refused. The rollups are not refreshed
    here: a load rebuilds them on its copy anyway, and a preview does not read them."""
    from cchc import bootstrap

    try:
        bootstrap.open_database(path, refresh=False)
    except bootstrap.DatabaseMissing:
        raise ImportFileError("imp_err_no_database", name=path.name) from None


# -- comparing a plan with the database ----------------------------------------------------


def _arrow_table(rows: list[dict[str, Any]], columns: list[str]) -> pa.Table:
    return pa.table({c: pa.array([r.get(c) for r in rows], type=_ARROW.get(c, pa.string())) for c in columns})


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def _fetch(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def compare(con: duckdb.DuckDBPyConnection, plan: Plan, ref: Reference) -> None:
    """Split the accepted records into inserts, updates, unchanged (and older, for dossiers)."""
    if plan.kind == "dossiers":
        _compare_dossiers(con, plan)
    elif plan.kind == "procedures":
        _compare_procedures(plan, ref)
    else:
        _compare_scores(con, plan)


def _compare_dossiers(con, plan: Plan) -> None:
    records = plan.records.to_dict("records")
    for r in records:
        for k, v in r.items():
            if v is not None and v != v:  # pandas NaN/NaT for missing values
                r[k] = None
    codes = _arrow_table([{"dossier_code": r["dossier_code"]} for r in records], ["dossier_code"])
    con.register("_incoming_codes", codes)
    try:
        existing = {r["dossier_code"]: r for r in _fetch(
            con, "select d.* from dossiers as d semi join _incoming_codes as i using (dossier_code)")}
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister("_incoming_codes")
    inserts, updates = [], []
    unchanged = older = 0
    for r in records:
        row = {c: r[c] for c in DOSSIER_COLUMNS}
        row["supplement_count"] = int(row["supplement_count"] or 0)
        row["state"] = int(row["state"])
        old = existing.get(r["dossier_code"])
        if old is None:
            inserts.append(row)
            continue
        if old["finished_date"] is not None and row["finished_date"] is None:
            older += 1  # an older export of a dossier finished since: keep what we have
            continue
        merged = {c: (row[c] if c in plan.present else old[c]) for c in DOSSIER_COLUMNS}
        if all(_same(merged[c], old[c]) for c in DOSSIER_COLUMNS):
            unchanged += 1
            continue
        if merged["due_date"] is not None and merged["due_date"] < merged["received_date"]:
            merged["due_date"] = row["due_date"]
        updates.append(merged)
    plan.to_insert, plan.to_update = inserts, updates
    plan.inserted, plan.updated, plan.unchanged, plan.older = len(inserts), len(updates), unchanged, older


def _compare_procedures(plan: Plan, ref: Reference) -> None:
    inserts, updates = [], []
    unchanged = 0
    for r in plan.records.to_dict("records"):
        row = {c: (None if (r[c] is not None and r[c] != r[c]) else r[c]) for c in PROCEDURE_COLUMNS}
        if row["processing_days"] is not None:
            row["processing_days"] = int(row["processing_days"])
        old = ref.procedures.get(row["procedure_code"])
        if old is None:
            inserts.append(row)
            continue
        merged = dict(old)
        for c in PROCEDURE_COLUMNS:
            if c in plan.present and (row[c] is not None or c in ("processing_days", "online_level")):
                merged[c] = row[c]
        if all(_same(merged[c], old[c]) for c in PROCEDURE_COLUMNS):
            unchanged += 1
        else:
            updates.append(merged)
    plan.to_insert, plan.to_update = inserts, updates
    plan.inserted, plan.updated, plan.unchanged = len(inserts), len(updates), unchanged
    plan.new_events = [e for e in plan.events if (e[0], e[1], e[2]) not in ref.events]


def _compare_scores(con, plan: Plan) -> None:
    groups: dict[tuple[int, str], dict[str, float]] = {}
    for r in plan.records.to_dict("records"):
        groups.setdefault((int(r["year"]), r["unit_code"]), {})[r["criterion_code"]] = float(r["points"])
    old: dict[tuple[int, str], dict[str, float]] = {}
    years = sorted({y for y, _ in groups})
    if years:
        for r in _fetch(con, "select year, unit_code, criterion_code, points from par_scores where year in ("
                        + ", ".join("?" for _ in years) + ")", years):
            old.setdefault((int(r["year"]), r["unit_code"]), {})[r["criterion_code"]] = float(r["points"])
    inserts, updates = [], []
    unchanged = 0
    for key, points in groups.items():
        before = old.get(key)
        if before is None:
            inserts.append(key)
        elif before.keys() == points.keys() and all(_same(points[c], before[c]) for c in points):
            unchanged += 1
        else:
            updates.append(key)
    plan.to_insert, plan.to_update = inserts, updates
    plan.inserted, plan.updated, plan.unchanged = len(inserts), len(updates), unchanged
    plan.score_groups = groups
    # criteria rows that change nothing are dropped
    current = {(y, c["code"]): c for y, rows in _criteria_by_year(con).items() for c in rows}
    plan.criteria = [c for c in plan.criteria if (c["year"], c["code"]) not in current
                     or not _same(current[(c["year"], c["code"])]["max_points"], c["max_points"])]


def _criteria_by_year(con) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for r in _fetch(con, "select year, criterion_code as code, max_points from par_criteria"):
        out.setdefault(int(r["year"]), []).append({"code": r["code"], "max_points": float(r["max_points"])})
    return out


# -- writing -------------------------------------------------------------------------------


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select column_name from duckdb_columns() where table_name = ? and schema_name = 'main' "
        "and database_name = current_database() order by column_index", [table]).fetchall()]


def _common_columns(con, table: str) -> list[str]:
    """The columns a table shares with its ``load_before_`` shadow (both may grow apart)."""
    shadow = set(_columns(con, f"load_before_{table}")) - {"change_load_id", "row_existed"}
    return [c for c in _columns(con, table) if c in shadow]


def upsert(con, table: str, rows: list[dict[str, Any]], columns: list[str], load_id: int,
           replace_groups: list[str] | None = None) -> None:
    """Write ``rows`` into ``table`` by key, recording what each key held before in
    ``load_before_<table>``. With ``replace_groups`` (key columns), every existing row of the
    groups the new rows belong to is replaced, not only the rows with the same key."""
    if not rows:
        return
    keys = KEYS[table]
    name = f"_new_{table}"
    con.register(name, _arrow_table(rows, columns))
    try:
        if replace_groups:
            group_join = " and ".join(f"t.{k} = g.{k}" for k in replace_groups)
            group_cols = ", ".join(replace_groups)
            affected = (f"select {', '.join('t.' + k for k in keys)} from {table} as t "
                        f"join (select distinct {group_cols} from {name}) as g on {group_join} "
                        f"union select {', '.join(keys)} from {name}")
        else:
            affected = f"select {', '.join(keys)} from {name}"
        shadow = f"load_before_{table}"
        common = _common_columns(con, table)
        con.execute(f"create or replace temp table _affected as {affected}")
        aff_join = " and ".join(f"t.{k} = a.{k}" for k in keys)
        con.execute(
            f"insert into {shadow} (change_load_id, row_existed, {', '.join(common)}) "
            f"select ?, true, {', '.join('t.' + c for c in common)} from {table} as t semi join _affected as a on {aff_join}",
            [load_id])
        con.execute(
            f"insert into {shadow} (change_load_id, row_existed, {', '.join(keys)}) "
            f"select ?, false, {', '.join('a.' + k for k in keys)} from _affected as a anti join {table} as t on {aff_join}",
            [load_id])
        con.execute(f"delete from {table} using _affected as a where "
                    + " and ".join(f"{table}.{k} = a.{k}" for k in keys))
        con.execute(f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)} from {name}")
        con.execute("drop table _affected")
    finally:
        with contextlib.suppress(duckdb.Error):  # never hide the error that got us here
            con.unregister(name)


def apply(con: duckdb.DuckDBPyConnection, plan: Plan, outcome: Outcome) -> None:
    """Write a compared plan (inside the caller's transaction) and log the load."""
    load_id = con.execute("select coalesce(max(load_id), 0) + 1 from load_log").fetchall()[0][0]
    outcome.load_id = int(load_id)
    if plan.new_fields:
        upsert(con, "fields", [{"field_code": k, "name": v} for k, v in plan.new_fields.items()],
               ["field_code", "name"], load_id)
        outcome.fields_added = sorted(plan.new_fields)
    if plan.kind == "dossiers":
        if plan.new_procedures:
            upsert(con, "procedures", list(plan.new_procedures.values()), PROCEDURE_COLUMNS, load_id)
            outcome.procedures_added = sorted(plan.new_procedures)
        rows = [{**r, "load_id": load_id} for r in plan.to_insert + plan.to_update]
        upsert(con, "dossiers", rows, DOSSIER_COLUMNS + ["load_id"], load_id)
    elif plan.kind in KINDS_766:
        upsert(con, services766.TABLES[plan.kind], plan.to_insert + plan.to_update, services766.COLUMNS[plan.kind],
               load_id)
    elif plan.kind == "procedures":
        upsert(con, "procedures", plan.to_insert + plan.to_update, PROCEDURE_COLUMNS, load_id)
        outcome.procedures_added = sorted(r["procedure_code"] for r in plan.to_insert)
        events = [dict(procedure_code=c, effective_date=d, event=e, decision=n) for c, d, e, n in plan.new_events]
        upsert(con, "procedure_events", events, ["procedure_code", "effective_date", "event", "decision"], load_id)
        outcome.events_added = len(events)
    else:
        if plan.criteria:
            upsert(con, "par_criteria", [dict(year=c["year"], criterion_code=c["code"], name=c["name"],
                                              max_points=c["max_points"], is_demo=c["is_demo"]) for c in plan.criteria],
                   ["year", "criterion_code", "name", "max_points", "is_demo"], load_id)
            outcome.criteria_written = len(plan.criteria)
        rows = [dict(year=y, unit_code=u, criterion_code=c, points=p)
                for (y, u) in plan.to_insert + plan.to_update for c, p in plan.score_groups[(y, u)].items()]
        upsert(con, "par_scores", rows, ["year", "unit_code", "criterion_code", "points"], load_id,
               replace_groups=["year", "unit_code"])
    con.execute(
        "insert into load_log (load_id, file_name, sha256, kind, inserted, updated, rejected, loaded_at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, logged_file_type(outcome.file_name), outcome.sha256, plan.kind, plan.inserted, plan.updated,
         plan.rejected, datetime.now().replace(microsecond=0)])
    _mark_dataset(con)


def _mark_dataset(con) -> None:
    # Real rows in the demo database: the demo banner must not say "all generated" any more.
    row = con.execute("select value from dataset_info where key = 'kind'").fetchall()
    if row and row[0][0] == "demo":
        con.execute("update dataset_info set value = 'mixed' where key = 'kind'")
        con.execute("insert or replace into dataset_info values ('kind_before_import', 'demo')")


# -- undo ----------------------------------------------------------------------------------


def undo(load_id: int, db_path: Path | str | None = None) -> dict[str, int]:
    """Undo one load (copy, revert, swap). Returns the rows put back per table."""
    path = target_path(db_path)
    if not path.exists():
        raise ImportFileError("imp_err_no_database", name=path.name)

    def work(con) -> dict[str, int]:
        row = con.execute("select undone_at from load_log where load_id = ?", [load_id]).fetchall()
        if not row:
            raise ImportFileError("imp_err_undo_unknown", load=load_id)
        if row[0][0] is not None:
            raise ImportFileError("imp_err_undo_done", load=load_id)
        later = blocking_load(con, load_id)
        if later is not None:
            raise ImportFileError("imp_err_undo_later", load=load_id, later=later)
        counts = {}
        for table in UNDO_ORDER:
            counts[table] = _undo_table(con, table, load_id)
        con.execute("update load_log set undone_at = ? where load_id = ?", [datetime.now().replace(microsecond=0), load_id])
        active = con.execute("select count(*) from load_log where undone_at is null").fetchall()[0][0]
        before = con.execute("select value from dataset_info where key = 'kind_before_import'").fetchall()
        if active == 0 and before:
            con.execute("update dataset_info set value = ? where key = 'kind'", [before[0][0]])
            con.execute("delete from dataset_info where key = 'kind_before_import'")
        return counts

    return write_copy(path, work)


def blocking_load(con, load_id: int) -> int | None:
    """The first later, still active load that changed a row this load changed (or None)."""
    found = []
    for table, keys in KEYS.items():
        on = " and ".join(f"a.{k} = b.{k}" for k in keys)
        value = con.execute(
            f"select min(b.change_load_id) from load_before_{table} as a join load_before_{table} as b on {on} "
            "where a.change_load_id = ? and b.change_load_id > ? "
            "and b.change_load_id in (select load_id from load_log where undone_at is null)",
            [load_id, load_id]).fetchall()[0][0]
        if value is not None:
            found.append(int(value))
    return min(found) if found else None


_STILL_USED = {
    # a catalogue row the load added stays when rows the undo keeps still use it
    "procedures": "exists (select 1 from dossiers as d where d.procedure_code = b.procedure_code)",
    "fields": "exists (select 1 from procedures as p where p.field_code = b.field_code)",
    "par_criteria": "exists (select 1 from par_scores as s where s.year = b.year and s.criterion_code = b.criterion_code)",
}


def _undo_table(con, table: str, load_id: int) -> int:
    shadow = f"load_before_{table}"
    keys = KEYS[table]
    on = " and ".join(f"{table}.{k} = b.{k}" for k in keys)
    keep = _STILL_USED.get(table)
    condition = f"b.change_load_id = ? and {on}" + (f" and (b.row_existed or not {keep})" if keep else "")
    con.execute(f"delete from {table} using {shadow} as b where {condition}", [load_id])
    common = _common_columns(con, table)
    restored = con.execute(
        f"insert into {table} ({', '.join(common)}) select {', '.join(common)} from {shadow} as b "
        "where b.change_load_id = ? and b.row_existed", [load_id]).fetchall()
    return int(restored[0][0]) if restored else 0


# -- through the store's writer ---------------------------------------------------------


def write_copy(path: Path, work: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
    """:func:`cchc.store.writer.write_copy`, with the writer's lock timeout told as an import
    error (``imp_err_busy``)."""
    try:
        return writer.write_copy(path, work)
    except writer.WriterBusy:
        raise ImportFileError("imp_err_busy") from None


@contextlib.contextmanager
def snapshot(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """:func:`cchc.store.writer.snapshot`, with a file that cannot be opened told as an
    import error (``imp_err_open_database``)."""
    with contextlib.ExitStack() as stack:
        try:
            con = stack.enter_context(writer.snapshot(path))
        except writer.SnapshotError as exc:
            raise ImportFileError("imp_err_open_database", name=path.name, error=str(exc)) from None
        yield con
