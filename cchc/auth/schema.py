"""The DDL of the users table (cchc/store/sql/schema_users.sql, part of the store's schema),
applied idempotently."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "store" / "sql" / "schema_users.sql"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the users table when missing (safe to call on every write)."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
