"""The one start-up path: settings, database, default period.

The dashboard (:mod:`cchc.ui.setup`, which adds a spinner), ``python -m cchc report``,
``python -m cchc import`` (and the import page, through :mod:`cchc.importer.load`) and
``python -m cchc refresh-rollups`` all start here, so they agree on:

- the settings (:func:`cchc.settings.check_all`): a bad ``CCHC_*`` value stops the start
  with one clear message;
- which database, and what to do with it (:func:`open_database`): the default demo
  database is built when it is missing; any other missing file is refused (never created
  silently); a file that is not a DuckDB database written by this product is refused; stale
  rollups are rebuilt (through the store's writer) before anything reads them; a folder
  must be a Parquet export (``python -m cchc export-parquet``), read as it is;
- the default period (:func:`default_period`): the latest complete half-year in the data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from cchc import settings
from cchc.core.periods import Period, latest_complete_half
from cchc.store import db, parquet, rollups, writer

__all__ = [
    "StartupError", "DatabaseMissing", "NotADatabase", "database_path", "open_database",
    "check_database_file", "data_range", "optional_date", "default_period", "default_period_of",
]

# A DuckDB database file has this at bytes 8-11 of its first block.
_DUCKDB_MAGIC = b"DUCK"
# Tables every database written by this product has had since its first version.
PRODUCT_TABLES = ("units", "fields", "procedures", "calendar", "dossiers", "dataset_info")


class StartupError(db.DataError):
    """The database cannot be used; the message says why and is safe to show to users."""


class DatabaseMissing(StartupError):
    """The database file does not exist and is not the demo database (built when missing)."""


class NotADatabase(StartupError):
    """The file exists but is not a DuckDB database written by this product."""


def database_path(path: Path | str | None = None) -> Path:
    """The database to use: ``path`` if given (a ``--db`` option), else ``CCHC_DB``, else the
    demo database."""
    return Path(path).expanduser().resolve() if path else db.db_path()


def _is_default_demo(path: Path) -> bool:
    return path == Path(db.DEMO_DB).expanduser().resolve()


def check_database_file(path: Path) -> None:
    """Raise :class:`NotADatabase` unless ``path`` is a DuckDB file with this product's
    tables (``queries/database_tables.sql``). A folder must be a Parquet export of one
    (:func:`cchc.store.parquet.manifest`)."""
    if path.is_dir():
        try:
            parquet.manifest(path)
        except parquet.FolderError as exc:
            raise NotADatabase(str(exc)) from None
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
    except OSError as exc:
        raise NotADatabase(f"the database {path} cannot be read ({exc.strerror or exc})") from exc
    if head[8:12] != _DUCKDB_MAGIC:
        raise NotADatabase(f"{path} is not a DuckDB database file (CCHC_DB or --db must name a database "
                           f"written by this dashboard, e.g. by python -m cchc build-demo)")
    try:
        found = set(db.run_query("database_tables", path, tables=list(PRODUCT_TABLES))["table_name"])
    except db.DataError as exc:
        raise NotADatabase(f"the database {path} cannot be opened: {str(exc).splitlines()[0][:200]}") from exc
    missing = [t for t in PRODUCT_TABLES if t not in found]
    if missing:
        raise NotADatabase(f"{path} is a DuckDB file but not a database of this dashboard "
                           f"(it has no table {', '.join(missing)})")


def open_database(path: Path | str | None = None, *, refresh: bool = True,
                  around: Callable[[str, Path], contextlib.AbstractContextManager] | None = None) -> Path:
    """Make the database ready to read and return its path.

    Checks the settings; removes working copies left by crashed writes; builds the demo
    database when the default demo path is missing; refuses any other missing file
    (:class:`DatabaseMissing`) and a file that is not a database of this product
    (:class:`NotADatabase`); with ``refresh``, rebuilds stale or missing rollups through the
    store's writer. The slow steps run inside ``around("build", path)`` or
    ``around("refresh", path)`` when given (a spinner, a line on stderr). Raises :class:`cchc.settings.SettingError`
    or :class:`cchc.store.db.DataError` with a message for users.
    """
    settings.check_all()
    path = database_path(path)
    if path.is_dir():
        # A Parquet export (cchc/store/parquet.py): read-only, its rollups exported fresh.
        check_database_file(path)
        return path
    writer.remove_stale_copies(path)
    if not path.exists():
        if not _is_default_demo(path):
            origin = "CCHC_DB points at a file that does not exist" if settings.is_set("CCHC_DB") and \
                path == settings.get("CCHC_DB") else "no database at"
            raise DatabaseMissing(f"{origin}: {path}")
        from cchc.datagen.demo import build_demo

        with (around or _quietly)("build", path):
            build_demo(path)
        db.clear_cache()
        return path
    check_database_file(path)
    if refresh and not rollups.file_is_fresh(path):
        with (around or _quietly)("refresh", path):
            writer.refresh_file(path)  # copy and swap; a clear DataError if it cannot
    return path


def _quietly(step: str, path: Path) -> contextlib.AbstractContextManager:
    return contextlib.nullcontext()


def data_range(path: Path | str | None = None) -> pd.Series:
    """What the database holds (``queries/data_range.sql``): one row as a Series."""
    return db.run_query("data_range", path).iloc[0]


def optional_date(value: Any) -> date | None:
    """A date from a query value, None for a missing one (NULL, NaT)."""
    return None if value is None or pd.isna(value) else db.as_date(value)


def default_period(covered_until: date | None, today: date | None = None) -> Period:
    """THE default period: the latest complete half-year in the data.

    A half-year is complete when the data cover its last day. ``covered_until`` is the last
    received day extended over the days off that follow it (``queries/data_range.sql``):
    data that end on Friday 28 December 2018, with 29-31 December off, cover the second
    half of 2018. (The last received day alone would make that half-year incomplete and
    open the dashboard and the report on the one before.) Without data, the latest
    half-year ended before ``today``.
    """
    return latest_complete_half(covered_until or today or date.today())


def default_period_of(info: pd.Series, today: date | None = None) -> Period:
    """:func:`default_period` of a :func:`data_range` row."""
    return default_period(optional_date(info["covered_until"]), today)
