"""Who may edit the directions: until sign-in and roles land (cchc/auth/), only a browser on
the server itself (127.0.0.1 / ::1)."""

from __future__ import annotations

import streamlit as st


def editing_allowed() -> bool:
    """True when this session's browser runs on the server itself.

    Streamlit reports no IP address (None) for a connection from 127.0.0.1 or ::1 and the
    remote address otherwise (st.context.ip_address). A reverse proxy on the same machine
    would look local too: such a deployment needs the roles, not this check.
    """
    return st.context.ip_address is None
