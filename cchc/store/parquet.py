"""The database as a folder of Parquet files: one engine-neutral copy that several dashboard
servers, or any other engine a province already runs, read at the same time.

:func:`export` writes every table of a database file to ``DIR/<table>/``: the dossiers and
the monthly rollup partitioned Hive-style by province and year
(``DIR/dossiers/province=<p>/year=<y>/data_0.parquet``), the other tables as one file each,
plus ``DIR/cchc_manifest.json`` (layout version, tables, their columns, row counts and
partitioning). The folder is written next to ``DIR`` and renamed into place, so a reader
never sees half an export.

:func:`open_folder` makes a DuckDB connection read such a folder as if it were the file:
a VIEW per table over DuckDB's built-in Parquet reader (statically linked: no extension is
downloaded), then the views and macros of the schema and of the rollups
(``dossier_period``, ``dossier_period_recent``, ``dossier_flows_between`` ...), from the
same SQL files as the file's, with their CREATE TABLE / ALTER TABLE statements left out.
Every query of ``queries/`` returns the same frame on the folder as on the file
(tests/sql/test_parquet.py).

The folder is read-only: writes (imports, sync, rollup refresh, users) need the single
file (:func:`refuse_write`, called by :mod:`cchc.store.writer`); export again after them.

Province key: the units table has no province column, and its official codes do not give
one for every row (desks without a code, codes re-used across the 2025 reform under other
parents, synthetic cities without codes). So the province partition is one constant per
export: ``dataset_info.province`` when the database has it, else ``--province``, else
``unknown``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import duckdb

from cchc.store import db, rollups, sqlfiles

__all__ = ["MANIFEST", "LAYOUT_VERSION", "FolderError", "ReadOnlyFolder", "is_folder", "manifest",
           "export", "open_folder", "refuse_write"]

MANIFEST = "cchc_manifest.json"
LAYOUT_VERSION = 1  # bump when the folder's layout or the manifest's keys change
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
    folder = Path(folder)
    file = folder / MANIFEST
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FolderError(f"{folder} is a folder without {MANIFEST}: CCHC_DB or --db must name a database "
                          f"file or a folder written by python -m cchc export-parquet") from None
    except (OSError, ValueError) as exc:
        raise FolderError(f"the manifest of {folder} cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("layout_version") != LAYOUT_VERSION:
        raise FolderError(f"{folder} was exported with Parquet layout version {data.get('layout_version')!r}, "
                          f"this dashboard reads version {LAYOUT_VERSION}: export it again")
    return data


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
    data = {"layout_version": LAYOUT_VERSION, "province": key, "tables": entries}
    (work / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    old = folder.with_name(f"{folder.name}.replaced-{os.getpid()}")
    if folder.exists():
        folder.rename(old)
    work.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    db.clear_cache()
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


def _schema_statements() -> list[str]:
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


def open_folder(con: duckdb.DuckDBPyConnection, folder: Path | str) -> None:
    """Create in ``con``'s current database a view per table of the export at ``folder``
    and the schema's views and macros. Raises :class:`FolderError`."""
    folder = Path(folder)
    data = manifest(folder)
    # Parquet is built in; never fetch anything from outside the machine.
    with contextlib.suppress(duckdb.Error):
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
    try:
        for table, entry in data["tables"].items():
            directory = folder / table
            names = ", ".join(_quote_ident(c) for c in entry["columns"])
            if entry["partition_by"]:
                source = f"read_parquet({_quote_text(str(directory / '**' / '*.parquet'))}, hive_partitioning = true)"
            else:
                source = f"read_parquet({_quote_text(str(directory / '*.parquet'))})"
            con.execute(f"CREATE VIEW {_quote_ident(table)} AS SELECT {names} FROM {source}")
            # the row count, for the catalog queries that list tables with their sizes
            # (queries/score766_inputs.sql reads it where a file has duckdb_tables().estimated_size)
            con.execute(f"COMMENT ON VIEW {_quote_ident(table)} IS {_quote_text(str(int(entry['rows'])))}")
        for statement in _schema_statements():
            con.execute(statement)
    except (KeyError, TypeError) as exc:
        raise FolderError(f"the manifest of {folder} is incomplete ({exc}): export it again") from None
    except duckdb.Error as exc:
        raise FolderError(f"the Parquet folder {folder} cannot be read: {str(exc).splitlines()[0][:200]}") from None
