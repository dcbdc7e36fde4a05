"""Roles, permissions and unit scope of a user, as stored in the ``app_users`` table.

Three roles, each including the one before: a *viewer* reads and exports; a *data manager*
also imports, undoes and syncs; an *admin* also manages users and settings and reads the
audit trail. A user's ``units`` limit every figure to those units (a commune officer sees
his commune); an empty scope means every unit (a provincial office).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cchc.store import db

ROLES = ("viewer", "data_manager", "admin")
_ACTIONS = {
    "viewer": frozenset({"read", "export"}),
    "data_manager": frozenset({"read", "export", "import", "undo", "sync", "directions"}),
    "admin": frozenset({"read", "export", "import", "undo", "sync", "directions", "users", "settings", "audit"}),
}


class AccessError(Exception):
    """The user may not do this; the message is safe to show."""


@dataclass(frozen=True)
class User:
    """A signed-in user: e-mail (lower case), role, and unit scope (empty = every unit)."""

    email: str
    role: str
    units: tuple[str, ...] = ()

    def can(self, action: str) -> bool:
        """Whether the role allows ``action`` (read, export, import, undo, sync, directions, users, settings, audit)."""
        return action in _ACTIONS.get(self.role, frozenset())

    def scope(self, all_units) -> tuple[str, ...]:
        """The units of ``all_units`` this user may see, in their order."""
        if not self.units:
            return tuple(all_units)
        allowed = set(self.units)
        return tuple(u for u in all_units if u in allowed)


# The user of a dashboard without sign-in (on 127.0.0.1): today's behaviour, everything.
LOCAL_ADMIN = User(email="local", role="admin", units=())


def normalise_email(email: str) -> str:
    """E-mails compare in lower case without surrounding spaces."""
    return (email or "").strip().lower()


def lookup(email: str, db_file: Path | str | None = None) -> User | None:
    """The stored user with this e-mail, or None when unknown (or no users table yet)."""
    try:
        rows = db.run_query("app_user", db_file, email=normalise_email(email))
    except db.DataError:
        return None  # a database without the users table: nobody is authorised yet
    if rows.empty:
        return None
    row = rows.iloc[0]
    units = row["units"]
    # a DuckDB list arrives as a numpy array (or None)
    units = tuple(units) if units is not None and hasattr(units, "__len__") and not isinstance(units, str) else ()
    return User(email=row["email"], role=row["role"], units=tuple(str(u) for u in units))


def scope_units(units: pd.DataFrame, user: User) -> pd.DataFrame:
    """The rows of the units list that ``user`` may see: the one place the scope is set.

    Everything downstream (the sidebar's choices, ``Filters.all_units`` and so every bound
    ``$units`` of a query, export and report) is built from this list."""
    if not user.units:
        return units
    return units[units["unit_code"].isin(set(user.units))].reset_index(drop=True)


def in_scope(frame: pd.DataFrame, all_units, column: str = "unit_code") -> pd.DataFrame:
    """Rows of a per-unit result (e.g. the PAR ranking, whose query ranks every unit) whose
    unit is in ``all_units``; ranks computed over the whole district are kept."""
    if frame is None or column not in frame.columns or not len(all_units):
        return frame  # no list of units (a Filters built without one, e.g. by a test): all
    kept = frame[frame[column].isin(set(all_units))].reset_index(drop=True)
    if len(kept) < len(frame):
        # sentences about "the first, the next, the lowest" of the district no longer apply
        kept.attrs["scoped"] = True
    return kept
