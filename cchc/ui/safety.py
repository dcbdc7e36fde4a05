"""Showing untrusted text and unexpected errors safely.

* :func:`echo` turns a value taken from the URL (or a file) into inert text for a Markdown
  element: cut to 80 characters and every Markdown/HTML/LaTeX/Streamlit directive character
  escaped, so ``![x](http://host/)`` is shown, never fetched.
* :func:`unexpected_error` logs a traceback on the server under a short id and shows the
  user only "Lỗi hệ thống, mã lỗi XXXX" (no path, no code).
"""

from __future__ import annotations

import logging
import re
import secrets

from cchc.auth.config import ECHO_MAX_CHARS

_LOG = logging.getLogger("cchc.errors")
# CommonMark escapes any ASCII punctuation with a backslash; these are the ones that start
# Markdown, HTML, LaTeX ($) or Streamlit's own directives (:red[...], :material/...:).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|:$~=&\"'])")


def echo(value, limit: int = ECHO_MAX_CHARS) -> str:
    """``value`` as inert Markdown text: control characters dropped, cut to ``limit``
    characters (with an ellipsis), Markdown characters escaped."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _SPECIAL.sub(r"\\\1", text)


def new_error_id() -> str:
    """A short id a user can read out over the phone (8 hex digits)."""
    return secrets.token_hex(4).upper()


def log_unexpected(exc: BaseException) -> str:
    """Log ``exc`` with its traceback on the server under a new id; return the id."""
    error_id = new_error_id()
    _LOG.error("unexpected error %s", error_id, exc_info=(type(exc), exc, exc.__traceback__))
    return error_id


def unexpected_error(exc: BaseException, lang: str = "vi") -> str:
    """Log ``exc`` and show the user only the error id (no message, no traceback)."""
    import streamlit as st

    from cchc.i18n.labels import t

    error_id = log_unexpected(exc)
    st.error(t("system_error", lang, code=error_id), icon=":material/error:")
    return error_id
