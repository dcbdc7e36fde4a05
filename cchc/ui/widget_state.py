"""Keep widget values across runs even when Streamlit gives a widget a new identity.

A widget's value belongs to its identity; when the identity changes between runs (the
first session of a server with a ``pages/`` folder runs once in legacy multipage mode, so
its widgets are re-created on the next run), the widget would fall back to its default and
the view would reset on the first click. Re-assigning the values through session state at
the start of every run makes them owned by session state instead of by one widget instance.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

_SAVED = "_widget_values_saved"


def keep(keys: Iterable[str]) -> None:
    """Call before drawing the widgets with these keys, on every run."""
    saved = st.session_state.get(_SAVED, {})
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        elif key in saved:
            st.session_state[key] = saved[key]


def save(keys: Iterable[str]) -> None:
    """Call after drawing the widgets: remembers their values in a plain key."""
    saved = dict(st.session_state.get(_SAVED, {}))
    saved.update({k: st.session_state[k] for k in keys if k in st.session_state})
    st.session_state[_SAVED] = saved
