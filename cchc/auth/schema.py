"""The DDL of the users table (cchc/auth/schema.sql), applied idempotently."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.sql"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the users table when missing (safe to call on every write)."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
