"""The one place that opens the database and runs queries.

Pages call :func:`run_query` with the name of a file in ``queries/`` and bound
parameters; they never import duckdb. Read-only connections are cached per
database file *version* (inode, size, mtime), so a database swapped in by an import
is picked up on the next query and old cached results are never served for it.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cchc import settings
from cchc.store import sqlfiles

ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
SQL_DIR = Path(__file__).resolve().parent / "sql"
# The tables of every database, in order: the core schema, the meeting directions, the inputs
# of the Decision 766 index, the users and their roles (the audit trail has its own file), the
# aggregate reports and the live feed's log, the units' official codes, hierarchy and lineage.
# Every statement is idempotent (CREATE ... IF NOT EXISTS).
SCHEMA_FILES = tuple(SQL_DIR / name for name in (
    "schema.sql", "schema_directions.sql", "schema_766.sql", "schema_users.sql", "schema_aggregates.sql",
    "schema_units.sql"))
SCHEMA_FILE = SCHEMA_FILES[0]
DEMO_DB = DATA_DIR / "demo.duckdb"

# Small aggregates only: a result above this many rows is not cached (a 610-unit,
# 12-month trend per unit is 7,320 rows).
_CACHE_MAX_ENTRIES = 512
_CACHE_MAX_ROWS = 20_000
PARALLEL_QUERIES = 4  # threads of run_queries: DuckDB already spreads one query over the cores


class DataError(Exception):
    """A query could not be answered; the message is safe to show to users."""


# Bounded work: DuckDB has no statement timeout, so a timer interrupts a query that runs
# longer than the setting CCHC_QUERY_TIMEOUT_S (default 30 s).
def query_timeout() -> float:
    """The time limit of one query in seconds (``CCHC_QUERY_TIMEOUT_S``)."""
    return settings.get("CCHC_QUERY_TIMEOUT_S")


def _execute_limited(cur: duckdb.DuckDBPyConnection, name: str, sql: str, params: dict) -> pd.DataFrame:
    """Run one query on ``cur``, interrupting it after :func:`query_timeout` seconds."""
    limit = query_timeout()
    timer = threading.Timer(limit, cur.interrupt)
    timer.daemon = True
    timer.start()
    try:
        return cur.execute(sql, params).df()
    except duckdb.InterruptException as exc:
        raise DataError(
            f"Query {name} took longer than {limit:g} s and was stopped; narrow the period or the filters"
        ) from exc
    finally:
        timer.cancel()


def db_path() -> Path:
    """The database the dashboard reads: ``$CCHC_DB`` (:mod:`cchc.settings`: a database file,
    or a folder written by ``python -m cchc export-parquet``) or the bundled demo database."""
    return settings.get("CCHC_DB") or DEMO_DB


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and macro of the schema (idempotent): ``SCHEMA_FILES``, then THE
    dossier classification ``dossier_period`` from its template ``sql/dossier_period.sql``
    over every dossier."""
    for schema_file in SCHEMA_FILES:
        con.execute(schema_file.read_text(encoding="utf-8"))
    con.execute(sqlfiles.instantiate("dossier_period", name="dossier_period", dossiers="dossiers"))


@functools.cache
def query_text(name: str) -> str:
    """The SQL text of ``queries/<name>.sql``."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise DataError(f"Unknown query: {name}")
    return path.read_text(encoding="utf-8")


def _file_version(path: Path) -> tuple[int, int, int]:
    # a Parquet folder's version is its manifest's: an export writes a new one
    st = (path / FOLDER_MANIFEST).stat() if path.is_dir() else path.stat()
    return (st.st_ino, st.st_size, st.st_mtime_ns)


_ALIAS = "cchc"

# A Parquet export (cchc/store/parquet.py, which writes it): the manifest names every table,
# its columns and partitioning, and the schema's views and macros to create over them.
FOLDER_MANIFEST = "cchc_manifest.json"
FOLDER_LAYOUT = 1  # bump when the folder's layout or the manifest's keys change


def folder_manifest(folder: Path) -> dict:
    """The manifest of a Parquet export; :class:`DataError` when it is missing, unreadable or
    of another layout version."""
    try:
        data = json.loads((Path(folder) / FOLDER_MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{folder} is a folder without {FOLDER_MANIFEST}: CCHC_DB or --db must name a "
                        f"database file or a folder written by python -m cchc export-parquet") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"the manifest of {folder} cannot be read ({exc})") from None
    version = data.get("layout_version") if isinstance(data, dict) else None
    if version != FOLDER_LAYOUT:
        raise DataError(f"{folder} was exported with Parquet layout version {version!r}, this dashboard "
                        f"reads version {FOLDER_LAYOUT}: export it again")
    return data


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def open_folder(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Create in ``con``'s current database a view per table of the Parquet export at
    ``folder`` (DuckDB's built-in reader), then the schema's views and macros the export
    recorded. Raises :class:`DataError`."""
    data = folder_manifest(folder)
    # Parquet is built into DuckDB; never fetch an extension from outside the machine.
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    try:
        for table, entry in data["tables"].items():
            directory = Path(folder) / table
            names = ", ".join(_sql_name(c) for c in entry["columns"])
            if entry["partition_by"]:
                source = f"read_parquet({_sql_text(str(directory / '**' / '*.parquet'))}, hive_partitioning = true)"
            else:
                source = f"read_parquet({_sql_text(str(directory / '*.parquet'))})"
            # only the table's columns: the partition columns are in the folder names
            con.execute(f"CREATE VIEW {_sql_name(table)} AS SELECT {names} FROM {source}")
            # the row count, for the catalog queries that list tables with their sizes
            # (queries/score766_inputs.sql reads it where a file has duckdb_tables().estimated_size)
            con.execute(f"COMMENT ON VIEW {_sql_name(table)} IS {_sql_text(str(int(entry['rows'])))}")
        for statement in data["statements"]:
            con.execute(statement)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"the manifest of {folder} is incomplete ({exc}): export it again") from None
    except duckdb.Error as exc:
        raise DataError(f"the Parquet folder {folder} cannot be read: {str(exc).splitlines()[0][:200]}") from None


class _Reader:
    """A read-only connection to one version of a database file, or of a Parquet folder.

    The file is ATTACHed to a private in-memory database rather than opened with
    ``duckdb.connect(path)``: DuckDB hands every ``connect`` of a path the instance already
    open for it in the process, which after an import's swap is the old file as long as
    anything still holds it. An attached file is opened anew, so a new version is always
    the new file.

    A Parquet folder (:mod:`cchc.store.parquet`) gets an in-memory database under the same
    alias, with a view per table over the folder's files and the schema's macros.
    """

    def __init__(self, path: Path, version: tuple[int, int, int]):
        self.path = path
        self.version = version
        self.con = duckdb.connect(":memory:")
        try:
            if path.is_dir():
                self.con.execute(f"ATTACH ':memory:' AS {_ALIAS}")
                self.con.execute(f"USE {_ALIAS}")
                open_folder(self.con, path)
            else:
                quoted = str(path).replace("'", "''")
                self.con.execute(f"ATTACH '{quoted}' AS {_ALIAS} (READ_ONLY)")
                self.con.execute(f"USE {_ALIAS}")
        except (duckdb.Error, DataError):
            self.con.close()
            raise
        self.users = 0          # queries running on it right now
        self.retired = False    # a newer version exists: close when the last query ends

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query, on the attached file."""
        cur = self.con.cursor()
        cur.execute(f"USE {_ALIAS}")
        return cur


_lock = threading.Lock()
_readers: dict[Path, _Reader] = {}
_retired: list[_Reader] = []
_cache: OrderedDict[tuple, pd.DataFrame] = OrderedDict()


def _close(reader: _Reader) -> None:
    try:
        reader.con.close()
    except duckdb.Error:
        pass


def _retire(reader: _Reader) -> None:
    # Under _lock. A connection is never closed under a running query (DuckDB refuses or
    # fails that query); it is closed by the last query that uses it.
    reader.retired = True
    if reader.users == 0:
        _close(reader)
    else:
        _retired.append(reader)


def _acquire(path: Path) -> _Reader:
    """The reader of the current version of ``path``, marked in use until :func:`_release`."""
    try:
        version = _file_version(path)
    except FileNotFoundError as exc:
        if path.is_dir():
            folder_manifest(path)  # raises its clear message
        raise DataError(f"Database file not found: {path.name}") from exc
    with _lock:
        reader = _readers.get(path)
        if reader is None or reader.version != version:
            if reader is not None:
                del _readers[path]
                _retire(reader)
            try:
                reader = _Reader(path, version)
            except DataError:
                raise
            except duckdb.Error as exc:
                raise DataError(f"Cannot open the database {path.name}: {exc}") from exc
            _readers[path] = reader
        reader.users += 1
        return reader


def _release(reader: _Reader) -> None:
    with _lock:
        reader.users -= 1
        if reader.retired and reader.users == 0:
            _close(reader)
            if reader in _retired:
                _retired.remove(reader)


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_freeze(v) for v in value)
    return value


def _bind(value: Any) -> Any:
    # Parameters go to DuckDB bound, never formatted into SQL text.
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    return value


def run_query(name: str, db: Path | str | None = None, **params: Any) -> pd.DataFrame:
    """Run the named query of ``queries/`` with bound parameters and return a DataFrame.

    Results of up to a few thousand rows are cached per database version; the caller
    gets a copy, so changing it never changes the cache. Errors become :class:`DataError`.
    """
    path = Path(db).resolve() if db is not None else db_path()
    reader = _acquire(path)
    try:
        key = (str(path), reader.version, name, tuple(sorted((k, _freeze(v)) for k, v in params.items())))
        with _lock:
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
                return hit.copy()
        sql = query_text(name)
        try:
            cur = reader.cursor()
            try:
                frame = _execute_limited(cur, name, sql, {k: _bind(v) for k, v in params.items()})
            finally:
                cur.close()
        except duckdb.Error as exc:
            raise DataError(f"Query {name} failed: {exc}") from exc
    finally:
        _release(reader)
    if len(frame) <= _CACHE_MAX_ROWS:
        with _lock:
            _cache[key] = frame
            while len(_cache) > _CACHE_MAX_ENTRIES:
                _cache.popitem(last=False)
        return frame.copy()
    return frame


def run_queries(calls: dict[str, tuple[str, dict[str, Any]]], db: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Several named queries at once (``{key: (query name, parameters)}``), each through
    :func:`run_query` on a thread of its own, so that DuckDB works on them side by side and
    one query's planning and conversion to pandas overlap another's scan. The first
    :class:`DataError` is raised after all have ended."""
    if len(calls) <= 1:
        return {key: run_query(name, db, **params) for key, (name, params) in calls.items()}
    with ThreadPoolExecutor(max_workers=min(PARALLEL_QUERIES, len(calls))) as pool:
        futures = {key: pool.submit(run_query, name, db, **params) for key, (name, params) in calls.items()}
        wait(futures.values())
    return {key: future.result() for key, future in futures.items()}


def clear_cache() -> None:
    """Forget cached results and close readers (after an import or a rebuild); a reader in
    use by a running query is closed when that query ends."""
    with _lock:
        _cache.clear()
        for reader in _readers.values():
            _retire(reader)
        _readers.clear()


def as_date(value: Any) -> date:
    """A date from a date, datetime, Timestamp or ISO string."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # datetime -> date
    return date.fromisoformat(str(value)[:10])
