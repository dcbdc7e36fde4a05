"""The security settings (declared, parsed and validated in cchc/settings.py; README's
settings table): the trusted identity header of a signing-in reverse proxy
(``CCHC_AUTH_HEADER``), serving other machines without sign-in (``CCHC_ALLOW_ANONYMOUS``).
"""

from __future__ import annotations

from cchc import settings

# Values echoed back to the user (a bad URL parameter, an unknown unit) are cut to this length.
ECHO_MAX_CHARS = 80


def auth_header() -> str | None:
    """The trusted identity header of a reverse proxy, or None (the default: header mode off)."""
    return settings.get("CCHC_AUTH_HEADER") or None


def allow_anonymous() -> bool:
    """Whether a dashboard without sign-in may answer browsers on other machines."""
    return settings.get("CCHC_ALLOW_ANONYMOUS")
