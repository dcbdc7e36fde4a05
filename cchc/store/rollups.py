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
    The schema's ``dossier_period`` macro, text for text, reading those two sources instead
    of the whole ``dossiers`` table: same rows, same columns, same values.

``dossier_flows_between(range_start, range_end)``
    The flows of any date range, per month: the whole months from the monthly table, the
    days of a month cut by the range from ``dossier_period_recent`` of those days.

The stocks of a period (carried over, in progress, overdue at its end) are
``dossier_period_recent`` of a single day, which touches a few thousand rows. The period
queries of ``queries/`` combine the two, and return exactly what their references written
on ``dossier_period`` alone (``tests/reference_queries/``) return (tests/test_rollups.py).

These tables are copies: they must be rebuilt after anything writes ``dossiers`` (the demo
and city builders, every import and undo). ``dataset_info.rollups_dossiers`` records the
dossier count they were built from, and :func:`is_fresh` checks it (the app refreshes a
stale database before reading it: :func:`cchc.ui.setup.ensure_database`).
"""

from __future__ import annotations

import re

import duckdb

from cchc.store.db import SCHEMA_FILE

__all__ = ["refresh", "is_fresh", "LONG_DAYS", "RollupError"]

LONG_DAYS = 45  # calendar days; about six weeks of rows are read before a period

_FROM_DOSSIERS = re.compile(r"\n(\s*)FROM dossiers\n")


class RollupError(RuntimeError):
    """The rollups cannot be derived from the schema (its macro changed shape)."""


def recent_macro_sql() -> str:
    """The ``dossier_period_recent`` macro: the schema's ``dossier_period`` with its source
    rows limited to those received since ``period_start - LONG_DAYS`` plus the long-running
    dossiers."""
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    match = re.search(r"CREATE OR REPLACE MACRO dossier_period\(.*?;\n", schema, re.S)
    if not match:
        raise RollupError("the schema has no dossier_period macro")
    macro = match.group(0).replace("MACRO dossier_period(", "MACRO dossier_period_recent(", 1)
    source = (
        "\n\\1FROM (\n"
        "\\1    SELECT * FROM dossiers\n"
        f"\\1    WHERE received_date >= period_start - {LONG_DAYS} AND received_date <= period_end\n"
        "\\1    UNION ALL\n"
        "\\1    SELECT * FROM dossiers_long_running\n"
        f"\\1    WHERE received_date < period_start - {LONG_DAYS}\n"
        "\\1) AS dossiers\n"
    )
    macro, n = _FROM_DOSSIERS.subn(source, macro)
    if n != 1:
        raise RollupError("the dossier_period macro does not read 'FROM dossiers' exactly once")
    return macro


_FLOWS_SQL = """
CREATE OR REPLACE TABLE dossier_flows_monthly AS
WITH classified AS (
    -- over all time every finished dossier is resolved or withdrawn in the period, and its
    -- outcome is the same as in any period containing its finish day
    SELECT * FROM dossier_period(DATE '0001-01-01', DATE '9999-12-31')
),
events AS (
    SELECT date_trunc('month', received_date)::DATE AS month, unit_code, procedure_code, field_code, channel,
           1 AS received, 0 AS resolved_early, 0 AS resolved_on_time, 0 AS resolved_late,
           0 AS withdrawn, 0 AS resolved_b_on_time
    FROM classified
    UNION ALL
    SELECT date_trunc('month', finished_date)::DATE, unit_code, procedure_code, field_code, channel, 0,
           (outcome = 'early')::INTEGER, (outcome = 'on_time')::INTEGER, (outcome = 'late')::INTEGER,
           (outcome = 'withdrawn')::INTEGER,
           (outcome IN ('early', 'on_time', 'late') AND b_on_time)::INTEGER
    FROM classified
    WHERE finished_date IS NOT NULL
)
SELECT month, unit_code, procedure_code, field_code, channel,
       sum(received)::INTEGER AS received,
       sum(resolved_early)::INTEGER AS resolved_early,
       sum(resolved_on_time)::INTEGER AS resolved_on_time,
       sum(resolved_late)::INTEGER AS resolved_late,
       sum(withdrawn)::INTEGER AS withdrawn,
       sum(resolved_b_on_time)::INTEGER AS resolved_b_on_time
FROM events
GROUP BY ALL
ORDER BY month, unit_code, procedure_code, channel
"""

# The flows of any date range: whole months from the monthly table, the days of a month
# cut by the range classified on the fly. An edge that is not needed gets the single day
# 1900-01-01, which holds no dossier and whose rows DuckDB skips by their zone maps.
_FLOWS_BETWEEN_SQL = """
CREATE OR REPLACE MACRO dossier_flows_between(range_start, range_end) AS TABLE
WITH whole AS (
    SELECT month, unit_code, procedure_code, field_code, channel, received, resolved_early,
           resolved_on_time, resolved_late, withdrawn, resolved_b_on_time
    FROM dossier_flows_monthly
    WHERE month >= range_start AND last_day(month) <= range_end
),
first_edge AS (
    SELECT * FROM dossier_period_recent(
        CASE WHEN range_start > date_trunc('month', range_start)::DATE
                  OR range_end < last_day(range_start)
             THEN range_start::DATE ELSE DATE '1900-01-01' END,
        CASE WHEN range_start > date_trunc('month', range_start)::DATE
                  OR range_end < last_day(range_start)
             THEN least(range_end::DATE, last_day(range_start)) ELSE DATE '1900-01-01' END)
),
last_edge AS (
    SELECT * FROM dossier_period_recent(
        CASE WHEN range_end < last_day(range_end)
                  AND date_trunc('month', range_end) > date_trunc('month', range_start)
             THEN date_trunc('month', range_end)::DATE ELSE DATE '1900-01-01' END,
        CASE WHEN range_end < last_day(range_end)
                  AND date_trunc('month', range_end) > date_trunc('month', range_start)
             THEN range_end::DATE ELSE DATE '1900-01-01' END)
),
edge_rows AS (
    SELECT * FROM first_edge
    UNION ALL
    SELECT * FROM last_edge
),
edges AS (
    -- an edge lies within one month: a dossier received and finished in it counts in both
    SELECT date_trunc('month', coalesce(CASE WHEN is_received THEN received_date END, finished_date))::DATE AS month,
           unit_code, procedure_code, field_code, channel,
           count(*) FILTER (WHERE is_received)::INTEGER AS received,
           count(*) FILTER (WHERE outcome = 'early')::INTEGER AS resolved_early,
           count(*) FILTER (WHERE outcome = 'on_time')::INTEGER AS resolved_on_time,
           count(*) FILTER (WHERE outcome = 'late')::INTEGER AS resolved_late,
           count(*) FILTER (WHERE outcome = 'withdrawn')::INTEGER AS withdrawn,
           count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late') AND b_on_time)::INTEGER
               AS resolved_b_on_time
    FROM edge_rows
    WHERE is_received OR outcome IN ('early', 'on_time', 'late', 'withdrawn')
    GROUP BY ALL
)
SELECT * FROM whole
UNION ALL
SELECT * FROM edges
"""

# The balance counts of one period per selected unit, for queries/dossier_balance.sql (per
# unit and total) and queries/dossier_balance_groups.sql (per unit group): flows from
# dossier_flows_between, stocks (carried over, in progress at the end) from
# dossier_period_recent of the day before the period and of its last day.
_BALANCE_COUNTS_SQL = """
CREATE OR REPLACE MACRO dossier_balance_counts(period_start, period_end, sel_units, sel_fields, sel_channels) AS TABLE
WITH selected_units AS (
    SELECT unit_code, kind FROM units WHERE unit_code IN (SELECT unnest(sel_units))
),
flows AS (
    SELECT unit_code,
           sum(received) AS received,
           sum(received) FILTER (WHERE channel = 'in_person') AS received_in_person,
           sum(received) FILTER (WHERE channel = 'online') AS received_online,
           sum(received) FILTER (WHERE channel = 'postal') AS received_postal,
           sum(resolved_early) AS early,
           sum(resolved_on_time) AS on_time,
           sum(resolved_late) AS late,
           sum(withdrawn) AS withdrawn,
           sum(resolved_b_on_time) AS resolved_b_on_time
    FROM dossier_flows_between(period_start::DATE, period_end::DATE)
    WHERE unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
),
opening AS (
    SELECT unit_code, count(*) AS carried_over
    FROM dossier_period_recent(period_start::DATE - 1, period_start::DATE - 1)
    WHERE outcome IN ('in_progress_within', 'in_progress_overdue')
      AND unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
),
closing AS (
    SELECT unit_code,
           count(*) AS in_progress,
           count(*) FILTER (WHERE outcome = 'in_progress_overdue') AS in_progress_overdue,
           count(*) FILTER (WHERE b_on_time) AS open_b_on_time
    FROM dossier_period_recent(period_end::DATE, period_end::DATE)
    WHERE outcome IN ('in_progress_within', 'in_progress_overdue')
      AND unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
)
SELECT
    u.unit_code,
    u.kind,
    coalesce(o.carried_over, 0) AS carried_over,
    coalesce(f.received, 0) AS received,
    coalesce(f.received_in_person, 0) AS received_in_person,
    coalesce(f.received_online, 0) AS received_online,
    coalesce(f.received_postal, 0) AS received_postal,
    coalesce(f.early, 0) AS early,
    coalesce(f.on_time, 0) AS on_time,
    coalesce(f.late, 0) AS late,
    coalesce(c.in_progress, 0) AS in_progress,
    coalesce(c.in_progress_overdue, 0) AS in_progress_overdue,
    coalesce(f.withdrawn, 0) AS withdrawn,
    coalesce(f.resolved_b_on_time, 0) + coalesce(c.open_b_on_time, 0) AS b_on_time
FROM selected_units AS u
LEFT JOIN flows AS f USING (unit_code)
LEFT JOIN opening AS o USING (unit_code)
LEFT JOIN closing AS c USING (unit_code)
"""

_LONG_SQL = f"""
CREATE OR REPLACE TABLE dossiers_long_running AS
SELECT *
FROM dossiers
WHERE state NOT IN (1, 3)
  AND (finished_date IS NULL OR finished_date - received_date > {LONG_DAYS})
ORDER BY received_date, dossier_code
"""


def refresh(con: duckdb.DuckDBPyConnection) -> dict:
    """Rebuild the rollup tables and the macro from the dossiers (call after every write).

    Runs in one transaction; returns the row counts of the two tables. The connection
    must be writable and the schema (:func:`cchc.store.db.create_schema`) in place.
    """
    macro = recent_macro_sql()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_FLOWS_SQL)
        con.execute(_LONG_SQL)
        con.execute(macro)
        con.execute(_FLOWS_BETWEEN_SQL)
        con.execute(_BALANCE_COUNTS_SQL)
        dossiers = con.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        con.execute("DELETE FROM dataset_info WHERE key = 'rollups_dossiers'")
        con.execute("INSERT INTO dataset_info VALUES ('rollups_dossiers', ?)", [str(dossiers)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
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


def refresh_file(path) -> None:
    """Bring the rollups of the database file at ``path`` up to date the way an import
    writes: on a copy (schema brought up to date, rollups rebuilt) swapped in atomically,
    so readers never see a half-written file. Raises :class:`cchc.store.db.DataError`, with a
    message for users, when the file cannot be rewritten (read-only file or folder, disk
    full, locked by another writer)."""
    from pathlib import Path

    from cchc.store import db
    from cchc.importer.errors import ImportFileError
    from cchc.importer.load import write_copy

    path = Path(path)
    try:
        write_copy(path, lambda con: None)  # write_copy itself rebuilds the rollups
    except (OSError, duckdb.Error, RollupError, ImportFileError) as exc:
        raise db.DataError(
            f"{path.name} was written by an older version of the dashboard and its summary "
            f"tables (rollups) are missing or out of date; they could not be rebuilt "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}). "
            f"Make the file and its folder writable, or rebuild them with: "
            f"python -m cchc refresh-rollups --db {path}"
        ) from exc
    db.clear_cache()
