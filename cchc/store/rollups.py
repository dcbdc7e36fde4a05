"""Tables that make period queries fast at city scale, derived from THE classification.

:func:`refresh` (re)builds, inside the database:

``dossier_flows_monthly``
    One row per month, unit, procedure and channel with the *flows* of that month: dossiers
    received in it, and dossiers finished in it by outcome (early, on time, late, withdrawn)
    and by formula B. For a finished dossier these outcomes do not depend on the period
    (they compare its finish and due dates only), so they are read off the schema's own
    ``dossier_period`` macro over all time, never re-defined here.

``dossiers_long_running``
    Copies of the dossiers still open, or that took more than ``LONG_DAYS`` calendar days.
    A dossier in scope of a period [s, e] that was received before ``s - LONG_DAYS`` is
    necessarily one of them, so the period classification only needs the rows received
    from ``s - LONG_DAYS`` to ``e`` (DuckDB skips the rest by the received-date zone maps,
    the rows being stored in received-date order) plus this small table.

``dossier_period_recent(period_start, period_end)``
    THE classification, the template ``sql/dossier_period.sql`` that also makes the schema's
    ``dossier_period``, instantiated over ``sql/recent_dossiers.sql`` (those two sources)
    instead of the whole ``dossiers`` table: same rows, same columns, same values.

``dossier_flows_between(range_start, range_end)``
    The flows of any date range, per month: the whole months from the monthly table, the
    days of a month cut by the range from ``dossier_period_recent`` of those days.

The stocks of a period (carried over, in progress, overdue at its end) are
``dossier_period_recent`` of a single day, which touches a few thousand rows. The period
queries of ``queries/`` combine the two, and return exactly what their references written
on ``dossier_period`` alone (``tests/reference_queries/``) return (tests/sql/test_rollups.py).

These tables are copies: they must be rebuilt after anything writes ``dossiers`` (the demo
and city builders, every import and undo). ``dataset_info.rollups_dossiers`` records the
dossier count they were built from, and :func:`is_fresh` checks it (the app refreshes a
stale database before reading it: :func:`cchc.bootstrap.open_database`, through
:func:`cchc.store.writer.refresh_file`).

The SQL is in ``cchc/store/sql/`` (``rollup_*.sql``, ``recent_dossiers.sql``,
``dossier_period.sql``); this module only runs it.
"""

from __future__ import annotations

import duckdb

from cchc.store import sqlfiles

__all__ = ["refresh", "is_fresh", "file_is_fresh", "row_counts", "LONG_DAYS", "RollupError"]

LONG_DAYS = 45  # calendar days; about six weeks of rows are read before a period


class RollupError(RuntimeError):
    """The rollups cannot be built from their SQL files (a template and its values differ)."""


def recent_macro_sql() -> str:
    """The ``dossier_period_recent`` macro: THE classification template with its source
    rows limited to those received since ``period_start - LONG_DAYS`` plus the long-running
    dossiers."""
    try:
        source = sqlfiles.instantiate("recent_dossiers", long_days=LONG_DAYS).strip()
        return sqlfiles.instantiate("dossier_period", name="dossier_period_recent", dossiers=source)
    except sqlfiles.SqlTemplateError as exc:
        raise RollupError(str(exc)) from exc


def _statements() -> list[str]:
    """The rollup statements in the order they depend on each other."""
    try:
        return [
            sqlfiles.instantiate("rollup_flows_monthly"),
            sqlfiles.instantiate("rollup_long_running", long_days=LONG_DAYS),
            recent_macro_sql(),
            sqlfiles.instantiate("rollup_flows_between"),
            sqlfiles.instantiate("rollup_balance_counts"),
        ]
    except sqlfiles.SqlTemplateError as exc:
        raise RollupError(str(exc)) from exc


def refresh(con: duckdb.DuckDBPyConnection) -> dict:
    """Rebuild the rollup tables and the macro from the dossiers (call after every write).

    Runs in one transaction; returns the row counts of the two tables. The connection
    must be writable and the schema (:func:`cchc.store.db.create_schema`) in place.
    """
    statements = _statements()
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in statements:
            con.execute(statement)
        dossiers = con.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        con.execute("DELETE FROM dataset_info WHERE key = 'rollups_dossiers'")
        con.execute("INSERT INTO dataset_info VALUES ('rollups_dossiers', ?)", [str(dossiers)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return row_counts(con)


def row_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """The row counts of the two rollup tables."""
    return {
        "dossier_flows_monthly": con.execute("SELECT count(*) FROM dossier_flows_monthly").fetchone()[0],
        "dossiers_long_running": con.execute("SELECT count(*) FROM dossiers_long_running").fetchone()[0],
    }


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the rollups exist and were built from the current number of dossiers."""
    try:
        stamp = con.execute("SELECT value FROM dataset_info WHERE key = 'rollups_dossiers'").fetchone()
        count = con.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    except duckdb.Error:
        return False
    return stamp is not None and stamp[0] == str(count)


def file_is_fresh(path) -> bool:
    """True when the database file at ``path`` has its rollups, built from its current
    dossiers (``queries/rollups_state.sql``, cached per version of the file). A file the
    schema of which is too old to tell is not fresh."""
    from cchc.store import db

    try:
        return bool(db.run_query("rollups_state", path)["fresh"].iloc[0])
    except db.DataError:
        return False
