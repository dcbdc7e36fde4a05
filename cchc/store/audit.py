"""The audit trail: who signed in, who loaded, undid or synced what, who exported which
table with which filters, and when.

It lives in a small DuckDB file next to the database (``district.duckdb`` ->
``district.audit.duckdb``, or ``$CCHC_AUDIT_DB``), not inside it: the dashboard opens the
database read-only and only ever replaces it whole (copy, write, swap), which would cost a
copy of every dossier for each sign-in or export. Each event is one short append here.
"""

from __future__ import annotations

import getpass
import json
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cchc import settings
from cchc.store import db

SCHEMA_FILE = Path(__file__).resolve().parent / "sql" / "schema_audit.sql"
ACTIONS = ("signin", "load", "undo", "sync", "export", "user_add", "user_remove")
_LOCK = threading.Lock()
_RETRY_S = 5.0  # another process (the CLI, a second server) may hold the file for a moment


def audit_path(db_file: Path | str | None = None) -> Path:
    """The audit file: ``$CCHC_AUDIT_DB`` or ``<database stem>.audit.duckdb`` beside it."""
    explicit = settings.get("CCHC_AUDIT_DB")
    if explicit is not None:
        return explicit
    base = Path(db_file).resolve() if db_file is not None else db.db_path()
    return base.with_name(f"{base.stem}.audit.duckdb")


def cli_actor() -> str:
    """The actor of a command-line action: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 (no user name in some containers)
        return "cli"


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + _RETRY_S
    while True:
        try:
            con = duckdb.connect(str(path))
            con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
            return con
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def record(actor: str, action: str, db_file: Path | str | None = None, **detail: Any) -> None:
    """Append one event. ``detail`` is stored as JSON (dates as ISO text)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    path = audit_path(db_file)
    with _LOCK:
        con = _connect(path)
        try:
            con.execute("insert into audit_log (actor, action, detail) values (?, ?, ?)", [actor, action, text])
        finally:
            con.close()


def events(db_file: Path | str | None = None, limit: int = 1000) -> pd.DataFrame:
    """The latest ``limit`` events, newest first (columns id, event_at, actor, action, detail)."""
    path = audit_path(db_file)
    if not path.exists():
        return pd.DataFrame({"id": [], "event_at": [], "actor": [], "action": [], "detail": []})
    with _LOCK:
        con = _connect(path)
        try:
            return con.execute(
                "select id, event_at, actor, action, detail from audit_log order by id desc limit ?", [int(limit)]
            ).df()
        finally:
            con.close()
