"""`python -m cchc users add EMAIL --role viewer --unit xuan-khanh ... | list | remove EMAIL`.

Users are written through the importer's all-or-nothing writer (copy, write, swap), so a
running dashboard keeps reading while the list changes and picks it up on its next query.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import duckdb

from cchc.auth.roles import ROLES, normalise_email
from cchc.auth.schema import ensure_tables
from cchc.store import audit, db

# the writer is moving to cchc.store.writer; imported from where it is today
from cchc.store.writer import write_copy

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


class UserError(Exception):
    """A bad users command; the message is safe to print."""


def _path(db_file: str | None) -> Path:
    path = Path(db_file).expanduser().resolve() if db_file else db.db_path()
    if not path.exists():
        raise UserError(f"no database at {path.name}")
    return path


def add_user(email: str, role: str, units: list[str], db_file: str | Path | None = None,
             actor: str | None = None) -> None:
    """Add a user or replace the role and units of an existing one (unit codes are checked)."""
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise UserError(f"not an e-mail address: {email[:80]!r}")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    units = list(dict.fromkeys(units))
    path = _path(str(db_file) if db_file else None)
    actor = actor or audit.cli_actor()

    def work(con: duckdb.DuckDBPyConnection) -> None:
        ensure_tables(con)
        known = {r[0] for r in con.execute("select unit_code from units").fetchall()}
        wrong = [u for u in units if u not in known]
        if wrong:
            raise UserError(f"unknown unit(s): {', '.join(w[:80] for w in wrong)}")
        con.execute("delete from app_users where email = ?", [email])
        con.execute("insert into app_users (email, role, units, added_by) values (?, ?, ?, ?)",
                    [email, role, units, actor])

    write_copy(path, work)
    audit.record(actor, "user_add", path, email=email, role=role, units=units)


def remove_user(email: str, db_file: str | Path | None = None, actor: str | None = None) -> bool:
    """Remove a user; False when there was none with this e-mail."""
    email = normalise_email(email)
    path = _path(str(db_file) if db_file else None)
    actor = actor or audit.cli_actor()

    def work(con: duckdb.DuckDBPyConnection) -> int:
        ensure_tables(con)
        return con.execute("delete from app_users where email = ? returning email", [email]).fetchall()

    removed = bool(write_copy(path, work))
    if removed:
        audit.record(actor, "user_remove", path, email=email)
    return removed


def list_users(db_file: str | Path | None = None):
    """Every user (email, role, units, added_at, added_by); empty when the table is missing."""
    import pandas as pd

    try:
        return db.run_query("app_users", _path(str(db_file) if db_file else None))
    except db.DataError:
        return pd.DataFrame({"email": [], "role": [], "units": [], "added_at": [], "added_by": []})


def add_parser(commands) -> None:
    """The ``users`` command of ``python -m cchc``."""
    users = commands.add_parser("users", help="who may sign in, with which role and units")
    sub = users.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="add a user (or change one's role and units)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--unit", action="append", default=[], help="a unit code the user may see; repeat; none = all units")
    add.add_argument("--db", help="the database (default: $CCHC_DB or the demo database)")
    lst = sub.add_parser("list", help="list the users")
    lst.add_argument("--db")
    rem = sub.add_parser("remove", help="remove a user")
    rem.add_argument("email")
    rem.add_argument("--db")
    users.set_defaults(run=run_cli)


def run_cli(args: argparse.Namespace) -> int:
    """Run ``users add|list|remove``; returns the exit code."""
    try:
        if args.users_command == "add":
            add_user(args.email, args.role, args.unit, args.db)
            scope = ", ".join(dict.fromkeys(args.unit)) or "all units"
            print(f"{normalise_email(args.email)}: {args.role}, {scope}")
        elif args.users_command == "remove":
            if not remove_user(args.email, args.db):
                print(f"error: no user {normalise_email(args.email)}", file=sys.stderr)
                return 1
            print(f"removed {normalise_email(args.email)}")
        else:
            rows = list_users(args.db)
            if rows.empty:
                print("no users (anyone may use the dashboard only on 127.0.0.1 without sign-in)")
            for row in rows.itertuples():
                units = ", ".join(row.units) if len(row.units) else "all units"
                print(f"{row.email}\t{row.role}\t{units}")
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
