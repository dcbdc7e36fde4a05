"""The new tables of the Decision 766 index (cchc/store/schema_766.sql) and how to apply them.

The file is idempotent (CREATE TABLE IF NOT EXISTS), so it runs on any database. The demo
builder applies it; an existing database gets it with ``python -m cchc score766-schema``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_766_FILE = Path(__file__).resolve().parents[1] / "store" / "schema_766.sql"


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the 766 input tables on ``con`` when missing (idempotent)."""
    con.execute(SCHEMA_766_FILE.read_text(encoding="utf-8"))
