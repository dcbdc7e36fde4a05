"""The sign-in gate of every run: who is this, may they be here, what may they see.

Three modes, chosen by configuration:

* ``oidc``: ``.streamlit/secrets.toml`` has an ``[auth]`` section (OpenID Connect through
  ``st.login``); the user's e-mail from the identity token must be in ``app_users``.
* ``header``: ``CCHC_AUTH_HEADER`` names a header set by a reverse proxy that has already
  authenticated the user (CAS); its value is the e-mail, looked up the same way.
* ``local``: neither; the dashboard answers only browsers on the server itself (the
  configured address is 127.0.0.1) and the user is an admin of every unit, unless
  ``CCHC_ALLOW_ANONYMOUS=1`` opens it to the network, with a warning banner.
"""

from __future__ import annotations

import streamlit as st

from cchc.auth import config
from cchc.auth.roles import LOCAL_ADMIN, User, lookup, normalise_email
from cchc.i18n.labels import t
from cchc.store import audit

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_USER_KEY = "auth_user"


def oidc_configured() -> bool:
    """Whether secrets.toml has an ``[auth]`` section for st.login."""
    from streamlit.runtime.secrets import secrets_singleton

    try:
        if not secrets_singleton.load_if_toml_exists():
            return False
        section = secrets_singleton.get("auth")
    except Exception:  # noqa: BLE001 (an unreadable secrets file is "not configured"; Streamlit says why)
        return False
    return bool(section) and "redirect_uri" in section and "cookie_secret" in section


def mode() -> str:
    """``oidc``, ``header`` or ``local`` (see the module's docstring)."""
    if oidc_configured():
        return "oidc"
    if config.auth_header():
        return "header"
    return "local"


def _served_on_network() -> bool:
    from streamlit import config as st_config

    address = st_config.get_option("server.address") or "0.0.0.0"  # unset: every interface
    return address not in _LOOPBACK


def identify(lang: str) -> str | None:
    """The e-mail of the person in front of the browser, None for the local user; draws the
    sign-in screen (or a refusal) and stops the run when there is nobody to let in."""
    current = mode()
    if current == "local":
        remote = st.context.ip_address  # None for a browser on the server itself
        remote = remote if isinstance(remote, str) and remote else None  # (AppTest gives a mock)
        if remote is not None and not config.allow_anonymous():
            st.error(t("auth_local_only", lang), icon=":material/lock:")
            st.stop()
        if config.allow_anonymous() and (remote is not None or _served_on_network()):
            st.warning(t("auth_anonymous_banner", lang), icon=":material/warning:")
        return None
    if current == "oidc":
        if not st.user.is_logged_in:
            st.title(t("auth_title", lang))
            st.write(t("auth_intro", lang))
            st.button(t("auth_sign_in", lang), on_click=st.login, type="primary", key="auth_sign_in",
                      icon=":material/login:")
            st.stop()
        email = st.user.get("email") or ""
    else:
        email = st.context.headers.get(config.auth_header() or "", "") or ""
        if not email.strip():
            st.error(t("auth_no_header", lang), icon=":material/lock:")
            st.stop()
    return normalise_email(email)


def authorise(email: str | None, lang: str) -> User:
    """The stored user for ``email`` (the local admin for None); a refusal otherwise.
    Records one sign-in event per session."""
    if email is None:
        user = LOCAL_ADMIN
    else:
        user = lookup(email)
        if user is None:
            st.error(t("auth_not_authorised", lang, email=_plain(email)), icon=":material/lock:")
            _sign_out_button(lang)
            st.stop()
        if not st.session_state.get("_auth_signin_recorded"):
            audit.record(user.email, "signin", via=mode(), role=user.role)
            st.session_state["_auth_signin_recorded"] = True
        with st.sidebar:
            st.caption(t("auth_signed_in_as", lang, email=_plain(user.email), role=t(f"role_{user.role}", lang)))
            _sign_out_button(lang)
    st.session_state[_USER_KEY] = user
    return user


def _plain(text: str) -> str:
    from cchc.ui.safety import echo

    return echo(text)


def _sign_out_button(lang: str) -> None:
    if mode() == "oidc":
        st.button(t("auth_sign_out", lang), on_click=st.logout, key="auth_sign_out", icon=":material/logout:")


def current_user() -> User:
    """The user of this session (the local admin when nothing has been decided, e.g. a page
    run on its own by a test)."""
    return st.session_state.get(_USER_KEY, LOCAL_ADMIN)


def actor() -> str:
    """The e-mail to record in the audit trail for this session."""
    return current_user().email


def require(action: str, lang: str) -> None:
    """Stop the page unless the user may do ``action`` (a page reached by its URL)."""
    if not current_user().can(action):
        st.error(t("auth_forbidden_page", lang), icon=":material/lock:")
        st.stop()
