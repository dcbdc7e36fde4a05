"""Copy new and changed dossiers from PostgreSQL into the dashboard's database.

The source is a table shaped like the provincial one-stop system's ``HoSo`` (Thanh Hóa's,
domain.md §6). :data:`DEFAULT_MAPPING` says which of its columns hold which dossier field;
another system's table is read with a mapping file (JSON, same shape). Only the mapped
columns are selected, by name: applicant columns (``ChuHoSo``, ``SoGiayToChuHoSo`` ...) are
never read, and a mapping naming one is refused.

Each batch of rows, in the order (change timestamp, dossier code), is validated exactly as
an imported file (:func:`cchc.importer.validate.build_plan`: units matched like any unit
reference, states and channels as the importer reads them, dates checked), compared and
written by the importer (:func:`cchc.importer.load.apply`: a ``load_log`` row, undoable),
and the run's ``sync_log`` row is written in the same transaction, through
:func:`cchc.store.writer.write_copy` (copy, one transaction, swap). So:

- resumable: the next run starts after the last row of the last batch written;
- idempotent: a row read again is compared by its code and changes nothing;
- a run killed at any point loses nothing already swapped in and counts nothing twice.

A rejected row (unknown unit, impossible dates ...) is reported and not retried until the
source changes it again (its change timestamp moves past the high water mark).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from cchc.importer.columns import Table, is_personal, match_field
from cchc.importer.errors import ImportFileError
from cchc.importer.load import (
    Outcome,
    _changes_anything,
    apply,
    compare,
    ensure_database,
    snapshot,
    target_path,
    write_copy,
)
from cchc.importer.validate import Reference, build_plan

__all__ = ["DEFAULT_MAPPING", "Mapping", "SyncError", "SyncResult", "run_sync", "redact", "select_sql"]

# The provincial system's dossier table (HoSo.cs): field -> column. Not read: MaLinhVuc
# (the catalogue has the field), NgayNopHoSo (registration, not reception), NgayTra (the
# importer takes the finish date), the flags, and every applicant column.
DEFAULT_MAPPING = {
    "table": "HoSo",
    "schema": None,
    "changed_at": "LastModifiedOn",
    "columns": {
        "dossier_code": "MaHoSo",
        "unit": "DonViId",
        "procedure_code": "MaTTHC",
        "channel": "KenhThucHien",
        "received_date": "NgayTiepNhan",
        "due_date": "NgayHenTra",
        "finished_date": "NgayKetThucXuLy",
        "state": "TrangThaiHoSoId",
        "supplement_requested_date": "NgayYeuCauBoSung",
        "supplement_supplied_date": "NgayCongDanBoSung",
    },
}
FIELDS = {"dossier_code", "unit", "procedure_code", "procedure_name", "field_name", "channel", "received_date",
          "due_date", "finished_date", "returned_date", "state", "supplement_requested_date",
          "supplement_supplied_date", "supplement_count"}
BATCH_ROWS = 20_000


class SyncError(Exception):
    """The feed cannot run (bad mapping, unreachable source, missing column); one line."""


def _words(identifier: str) -> str:
    """'SoGiayToChuHoSo' -> 'So Giay To Chu Ho So', so the importer's personal keywords apply."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|_", " ", identifier)
    return spaced


@dataclass(frozen=True)
class Mapping:
    """Where the dossiers are: a table, its change timestamp column, field -> column."""

    table: str
    changed_at: str
    columns: dict[str, str]
    schema: str | None = None

    @staticmethod
    def load(path: Path | str | None = None) -> Mapping:
        """The default mapping, or the one in a JSON file (same keys as :data:`DEFAULT_MAPPING`)."""
        raw = DEFAULT_MAPPING
        if path is not None:
            try:
                raw = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SyncError(f"cannot read the mapping {Path(path).name}: {exc}") from None
        mapping = Mapping(str(raw.get("table", "")), str(raw.get("changed_at", "")), dict(raw.get("columns", {})),
                          raw.get("schema"))
        mapping.check()
        return mapping

    def check(self) -> None:
        """Refuse a mapping that names an unknown field, lacks a needed one, or names a
        personal column."""
        unknown = set(self.columns) - FIELDS
        if unknown:
            raise SyncError(f"unknown fields in the mapping: {', '.join(sorted(unknown))}")
        needed = {"dossier_code", "unit", "received_date"}
        if not needed <= set(self.columns) or not ({"procedure_code", "procedure_name"} & set(self.columns)):
            raise SyncError("the mapping needs dossier_code, unit, received_date and procedure_code (or procedure_name)")
        if not self.table or not self.changed_at:
            raise SyncError("the mapping needs a table and its change timestamp column (changed_at)")
        for name, column in [*self.columns.items(), ("changed_at", self.changed_at)]:
            # a column named exactly as the importer knows that field ('NgayCongDanBoSung' is
            # "Ngày công dân bổ sung", the day the citizen supplied documents) is not personal
            if match_field(_words(column), "dossiers") == (name, True):
                continue
            if is_personal(_words(column)) or is_personal(column):
                raise SyncError(f"the column {column} holds personal data of applicants and is never read")


def redact(url: str) -> str:
    """The source address without its password (for the log and messages)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a malformed address is told without echoing it
        return "postgresql://?"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def select_sql(mapping: Mapping, resume: bool, inclusive: bool = False):
    """The one statement that reads the source: the mapped columns only, by name, a batch
    after the resume point, in (change timestamp, code) order."""
    from psycopg import sql

    table = sql.Identifier(mapping.schema, mapping.table) if mapping.schema else sql.Identifier(mapping.table)
    fields = list(mapping.columns)
    columns = sql.SQL(", ").join(sql.Identifier(mapping.columns[f]) for f in fields)
    changed = sql.Identifier(mapping.changed_at)
    code = sql.Identifier(mapping.columns["dossier_code"])
    where = sql.SQL("{changed} is not null").format(changed=changed)
    if resume:
        where = sql.SQL("{w} and ({changed}, {code}::text) > (%(after)s, %(after_code)s)").format(
            w=where, changed=changed, code=code)
    elif inclusive:
        where = sql.SQL("{w} and {changed} >= %(after)s").format(w=where, changed=changed)
    return sql.SQL("select {changed}, {columns} from {table} where {where} order by {changed}, {code}::text "
                   "limit %(limit)s").format(changed=changed, columns=columns, table=table, where=where, code=code), fields


@dataclass
class SyncResult:
    """What a run did, over all its batches."""

    source: str
    since: datetime | None
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    batches: int = 0
    high_water: datetime | None = None
    rejections: list[str] = field(default_factory=list)   # 'code: column: reason', at most 50


def last_position(path: Path, source: str) -> tuple[datetime | None, str | None]:
    """Where the last written batch from ``source`` ended (None, None: never synced)."""
    with snapshot(path) as con:
        row = con.execute("select high_water, high_water_code from sync_log where source = ? and high_water is not null "
                          "order by run_id desc limit 1", [source]).fetchall()
    return (row[0][0], row[0][1]) if row else (None, None)


def _table(mapping: Mapping, fields: list[str], rows: list[tuple]) -> Table:
    """The batch as the importer's table: one 'sheet' whose headers are the source columns."""
    headers = [mapping.columns[f] for f in fields]
    return Table(kind="dossiers", sheet=mapping.table, header_row=0, headers=headers,
                 columns={f: i for i, f in enumerate(fields)},
                 rows=[(n + 1, list(r[1:])) for n, r in enumerate(rows)], formula_cells=set(), source="postgresql")


def run_sync(url: str, db_path: Path | str | None = None, since: datetime | None = None,
             mapping: Mapping | None = None, batch_rows: int = BATCH_ROWS, today: date | None = None,
             progress: Callable[[str], None] | None = None) -> SyncResult:
    """Copy the dossiers changed since the last run (or since ``since``) from ``url`` into
    the database, a batch per write; returns what was done. Raises :class:`SyncError` or
    :class:`cchc.importer.errors.ImportFileError` with a one-line reason."""
    import psycopg

    mapping = mapping or Mapping.load()
    path = target_path(db_path)
    ensure_database(path)
    source = redact(url)
    after, after_code = (since, None) if since is not None else last_position(path, source)
    result = SyncResult(source, after)
    try:
        pg = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.Error as exc:
        raise SyncError(f"cannot connect to {source}: {str(exc).strip().splitlines()[0][:200]}") from None
    try:
        pg.read_only = True
        while True:
            resume = after is not None and after_code is not None
            statement, fields = select_sql(mapping, resume, inclusive=after is not None and after_code is None)
            started = datetime.now().replace(microsecond=0)
            try:
                rows = pg.execute(statement, {"after": after, "after_code": after_code, "limit": batch_rows}).fetchall()
            except psycopg.Error as exc:
                raise SyncError(f"reading {mapping.table} from {source} failed: "
                                f"{str(exc).strip().splitlines()[0][:200]}") from None
            if not rows:
                break
            last = rows[-1]
            high_water, high_code = last[0], str(last[1 + fields.index("dossier_code")])
            _write_batch(path, mapping, fields, rows, result, started, high_water, high_code, today)
            after, after_code = high_water, high_code
            result.high_water = high_water
            if progress:
                progress(f"batch {result.batches}: {len(rows)} rows up to {high_water:%Y-%m-%d %H:%M:%S}")
            if len(rows) < batch_rows:
                break
    finally:
        pg.close()
    return result


def _write_batch(path: Path, mapping: Mapping, fields: list[str], rows: list[tuple], result: SyncResult,
                 started: datetime, high_water: datetime, high_code: str, today: date | None) -> None:
    """Validate and write one batch with its sync_log row, in one transaction on a copy."""
    table = _table(mapping, fields, rows)
    codes = {n + 1: str(r[1 + fields.index("dossier_code")]) for n, r in enumerate(rows)}
    digest = hashlib.sha256(f"{result.source}|{rows[0][0]}|{high_water}|{high_code}|{len(rows)}".encode()).hexdigest()

    def work(con: duckdb.DuckDBPyConnection):
        ref = Reference.load(con)
        try:
            plan = build_plan(table, ref, today)
        except ImportFileError:
            raise
        compare(con, plan, ref)
        outcome = Outcome(plan, f"sync {result.source}", digest, path)
        if plan.accepted and _changes_anything(plan):
            apply(con, plan, outcome)
        run_id = con.execute("select coalesce(max(run_id), 0) + 1 from sync_log").fetchall()[0][0]
        con.execute(
            "insert into sync_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, result.source, started, datetime.now().replace(microsecond=0), result.since, high_water,
             high_code, len(rows), plan.inserted, plan.updated, plan.unchanged, plan.rejected, outcome.load_id])
        return plan

    plan = write_copy(path, work)
    result.batches += 1
    result.read += len(rows)
    result.inserted += plan.inserted
    result.updated += plan.updated
    result.unchanged += plan.unchanged + plan.older
    result.rejected += plan.rejected
    for r in plan.rejections:
        if len(result.rejections) < 50:
            result.rejections.append(f"{codes.get(r.row, r.row)}: {r.column}: {r.reason('vi')}")


def is_stale(finished_at: datetime | None, every_min: int, now: datetime | None = None) -> bool:
    """True when the scheduled feed has not written for more than twice its interval (a
    missed run is normal: nothing changed; two in a row say the schedule is broken)."""
    if finished_at is None:
        return True
    return ((now or datetime.now()) - finished_at).total_seconds() > 2 * every_min * 60


def run_cli(args) -> int:
    """``python -m cchc sync [URL] [--db PATH] [--since ISO] [--mapping FILE.json] [--batch N]``."""
    import sys

    from cchc import settings

    url = args.url or settings.get("CCHC_SYNC_URL")
    if not url:
        print("error: no source: give a postgresql:// address or set CCHC_SYNC_URL", file=sys.stderr)
        return 2
    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            print(f"error: --since {args.since!r} is not a date or time (YYYY-MM-DD[THH:MM:SS])", file=sys.stderr)
            return 2
    try:
        mapping = Mapping.load(args.mapping)
        result = run_sync(url, args.db, since, mapping, batch_rows=args.batch, progress=print)
    except (SyncError, ImportFileError) as exc:
        message = exc.message("vi") if isinstance(exc, ImportFileError) else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 1
    print(f"{result.source}: read {result.read} rows in {result.batches} batches: inserted {result.inserted}, "
          f"updated {result.updated}, unchanged {result.unchanged}, rejected {result.rejected}")
    for line in result.rejections:
        print(f"  rejected {line}")
    return 0
