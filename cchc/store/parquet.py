"""The database as a folder of Parquet files: one engine-neutral copy that several dashboard
servers, or any other engine a province already runs, read at the same time.

:func:`export` writes every table of a database file to ``DIR/<table>/``: the dossiers and
the monthly rollup partitioned Hive-style by province and year
(``DIR/dossiers/province=<p>/year=<y>/data_0.parquet``), the other tables as one file each,
plus ``DIR/cchc_manifest.json`` (layout version, tables, their columns, row counts and
partitioning). The folder is written next to ``DIR`` and renamed into place, so a reader
never sees half an export.

The manifest also holds the views and macros of the schema and of the rollups
(``dossier_period``, ``dossier_period_recent``, ``dossier_flows_between`` ...), made at
export from the same SQL files as the file's (:func:`schema_statements`: their CREATE TABLE
and ALTER TABLE statements left out), as a database file holds those it was written with.
:func:`cchc.store.db.open_folder` reads the folder as if it were the file: a VIEW per table
over DuckDB's built-in Parquet reader (statically linked: no extension is downloaded), then
those statements. Every query of ``queries/`` returns the same frame on the folder as on the
file (tests/sql/test_parquet.py).

The folder is read-only: writes (imports, sync, rollup refresh, users) need the single
file (:func:`refuse_write`, called by :mod:`cchc.store.writer`); export again after them.

Province key: the units table has no province column, and its official codes do not give
one for every row (desks without a code, codes re-used across the 2025 reform under other
parents, synthetic cities without codes). So the province partition is one constant per
export: ``dataset_info.province`` when the database has it, else ``--province``, else
``unknown``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from cchc.store import db, rollups, sqlfiles

__all__ = ["MANIFEST", "LAYOUT_VERSION", "FolderError", "ReadOnlyFolder", "is_folder", "manifest",
           "export", "schema_statements", "refuse_write"]

MANIFEST = db.FOLDER_MANIFEST
LAYOUT_VERSION = db.FOLDER_LAYOUT
# Partitioned tables: the table -> the date column whose year is the year partition.
PARTITIONED = {"dossiers": "received_date", "dossier_flows_monthly": "month"}
DEFAULT_PROVINCE = "unknown"


class FolderError(db.DataError):
    """A folder that is not a Parquet export of this dashboard; the message says why."""


class ReadOnlyFolder(db.DataError):
    """A write was asked of a Parquet folder."""


def is_folder(path: Path | str) -> bool:
    """True when ``path`` is a directory (a Parquet export, or meant to be one)."""
    return Path(path).is_dir()


def manifest(folder: Path | str) -> dict:
    """The manifest of an export; :class:`FolderError` when it is missing, unreadable or of
    another layout version."""
    try:
        return db.folder_manifest(Path(folder))
    except db.DataError as exc:
        raise FolderError(str(exc)) from None


def refuse_write(path: Path | str) -> None:
    """Raise :class:`ReadOnlyFolder` when ``path`` is a folder: imports and every other write
    need the single database file."""
    if is_folder(path):
        raise ReadOnlyFolder(f"{Path(path).name} is a Parquet folder and is read-only: imports, sync and "
                             f"other changes need the single database file (write to it, then run "
                             f"python -m cchc export-parquet again)")


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _province(con: duckdb.DuckDBPyConnection, given: str | None) -> str:
    row = con.execute("SELECT value FROM dataset_info WHERE key = 'province'").fetchone()
    value = (row[0] if row and row[0] else None) or given or DEFAULT_PROVINCE
    # a Hive partition value is a folder name
    if "/" in value or value in (".", "..") or "=" in value:
        raise FolderError(f"the province key {value!r} cannot name a folder")
    return value


def export(source: Path | str, folder: Path | str, province: str | None = None) -> dict:
    """Write every table of the database file ``source`` to ``folder`` as Parquet (see the
    module's docstring) and return the manifest. An existing export at ``folder`` is
    replaced; any other existing non-empty folder or file is refused."""
    source, folder = Path(source), Path(folder)
    if folder.exists() and not (folder.is_dir() and ((folder / MANIFEST).exists() or not any(folder.iterdir()))):
        raise FolderError(f"{folder} exists and is not a Parquet export: choose a new or empty folder")
    work = folder.with_name(f"{folder.name}.exporting-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_quote_text(str(source))} AS src (READ_ONLY)")
        con.execute("USE src")
        key = _province(con, province)
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' AND schema_name = 'main' "
            "ORDER BY table_name").fetchall()]
        entries = {}
        for table in tables:
            entries[table] = _export_table(con, table, work / table, key)
    finally:
        con.close()
    data = {"layout_version": LAYOUT_VERSION, "province": key, "tables": entries,
            "statements": schema_statements()}
    (work / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    old = folder.with_name(f"{folder.name}.replaced-{os.getpid()}")
    if folder.exists():
        folder.rename(old)
    work.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return data


def _export_table(con: duckdb.DuckDBPyConnection, table: str, target: Path, province: str) -> dict:
    columns = [(r[0], r[1]) for r in con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'src' AND table_name = ? "
        "ORDER BY column_index", [table]).fetchall()]
    rows = con.execute(f"SELECT count(*) FROM {_quote_ident(table)}").fetchone()[0]
    names = ", ".join(_quote_ident(c) for c, _ in columns)
    date_column = PARTITIONED.get(table)
    partition_by: list[str] = []
    target.mkdir()
    if date_column and rows:
        partition_by = ["province", "year"]
        # rows in date order inside each file, so that Parquet's row-group statistics skip
        # what a period does not need (as the file's zone maps do)
        con.execute(
            f"COPY (SELECT {names}, {_quote_text(province)} AS province, year({_quote_ident(date_column)}) AS year "
            f"FROM {_quote_ident(table)} ORDER BY {_quote_ident(date_column)}) "
            f"TO {_quote_text(str(target))} (FORMAT parquet, PARTITION_BY (province, year), OVERWRITE_OR_IGNORE)")
    else:
        # an empty table is still one file, so that its view has its columns
        con.execute(f"COPY (SELECT {names} FROM {_quote_ident(table)}) "
                    f"TO {_quote_text(str(target / 'data_0.parquet'))} (FORMAT parquet)")
    return {"rows": rows, "columns": [c for c, _ in columns], "types": [t for _, t in columns],
            "partition_by": partition_by}


def _is_table_statement(sql: str) -> bool:
    words = sql.lstrip().split(None, 5)
    head = [w.upper() for w in words[:5]]
    return head[:1] == ["ALTER"] or (head[:1] == ["CREATE"] and "TABLE" in head[1:5] and "MACRO" not in head[1:5]) \
        or (head[:1] == ["CREATE"] and "SEQUENCE" in head[1:5])


def schema_statements() -> list[str]:
    """The views and macros of the schema and the rollups, in the order the file gets them."""
    texts = [path.read_text(encoding="utf-8") for path in db.SCHEMA_FILES]
    texts.append(sqlfiles.instantiate("dossier_period", name="dossier_period", dossiers="dossiers"))
    texts += [rollups.recent_macro_sql(), sqlfiles.instantiate("rollup_flows_between"),
              sqlfiles.instantiate("rollup_balance_counts")]
    parser = duckdb.connect(":memory:")
    try:
        statements = [s.query for text in texts for s in parser.extract_statements(text)]
    finally:
        parser.close()
    return [s for s in statements if not _is_table_statement(s)]
