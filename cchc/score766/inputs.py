"""The new tables of the Decision 766 index (cchc/store/sql/schema_766.sql) and how to apply them.

The file is idempotent (CREATE TABLE IF NOT EXISTS), so it runs on any database. The store's
``create_schema`` applies it to every database it writes, and the start-up path rewrites a
database that lacks these tables (queries/rollups_state.sql).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_766_FILE = Path(__file__).resolve().parents[1] / "store" / "sql" / "schema_766.sql"


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the 766 input tables on ``con`` when missing (idempotent)."""
    con.execute(SCHEMA_766_FILE.read_text(encoding="utf-8"))
