"""The security settings, read from the environment at call time (so a test can change them).

The lead folds these into cchc/settings.py; until then each is one environment variable:

| variable | default | meaning |
|---|---|---|
| ``CCHC_AUTH_HEADER`` | (off) | name of a request header set by a reverse proxy that has already authenticated the user (e.g. ``X-Remote-User`` behind CAS); its value is the user's e-mail |
| ``CCHC_ALLOW_ANONYMOUS`` | ``0`` | ``1`` lets a dashboard without sign-in answer browsers on other machines (with a warning banner) |
| ``CCHC_AUDIT_DB`` | ``<database>.audit.duckdb`` | the file of the audit trail |
"""

from __future__ import annotations

import os

AUTH_HEADER_ENV = "CCHC_AUTH_HEADER"
ALLOW_ANONYMOUS_ENV = "CCHC_ALLOW_ANONYMOUS"
AUDIT_DB_ENV = "CCHC_AUDIT_DB"

# Values echoed back to the user (a bad URL parameter, an unknown unit) are cut to this length.
ECHO_MAX_CHARS = 80


def auth_header() -> str | None:
    """The trusted identity header of a reverse proxy, or None (the default: header mode off)."""
    name = os.environ.get(AUTH_HEADER_ENV, "").strip()
    return name or None


def allow_anonymous() -> bool:
    """Whether a dashboard without sign-in may answer browsers on other machines."""
    return os.environ.get(ALLOW_ANONYMOUS_ENV, "").strip().lower() in {"1", "true", "yes"}


def audit_db_env() -> str | None:
    """An explicit audit-trail file, or None (next to the database)."""
    return os.environ.get(AUDIT_DB_ENV) or None
