"""Chart and table builders whose results are kept between runs.

A page re-runs from the top on every click, and most of what it draws does not change with
every click: the PAR ranking of a year does not depend on the period chosen, the procedure
catalogue not on the unit. :func:`kept` wraps a pure builder (query results in, figure or
table out) so that it runs once per distinct input and the result is reused by later runs
and other sessions.

The key is the content of the arguments, plus the settings the builders read (the on-time
target and the PAR band), so a changed database, filter, language or setting is a new key,
never a stale figure. A DataFrame's content is digested from its Arrow form (schema with
column names, types and index, then every buffer of every column): about 1 ms for a city's
table, against 10–20 ms for Streamlit's own row hashing of Arrow strings.
Results live in ``st.cache_resource`` (shared, not copied: st.plotly_chart only reads a
figure); DataFrames are handed out as copies, so a page that changes one cannot change the
kept one.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from cchc.core.targets import ontime_target, par_band

KEPT_RESULTS = 64  # figures and tables of ten or so views; a city's heatmap is a few MB
F = TypeVar("F", bound=Callable[..., Any])
_builders: dict[str, Callable[..., Any]] = {}


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a DataFrame's content: equal for equal frames (same columns, types,
    index and values), different otherwise."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=True)
    except (pa.ArrowException, TypeError, ValueError):
        digest.update(pickle.dumps(frame, protocol=5))  # a column Arrow cannot hold
        return "p" + digest.hexdigest()
    digest.update(table.schema.serialize())
    for column in table.columns:
        for chunk in column.chunks:
            # a chunk may be a slice of larger buffers: its offset and length say which part
            digest.update(f"{chunk.offset}:{len(chunk)}:{chunk.null_count};".encode())
            for buffer in chunk.buffers():
                digest.update(b"-" if buffer is None else buffer)
    return digest.hexdigest()


@st.cache_resource(max_entries=KEPT_RESULTS, show_spinner=False, hash_funcs={pd.DataFrame: frame_digest})
def _build(builder: str, settings: tuple, *args: Any, **kwargs: Any) -> Any:
    return _builders[builder](*args, **kwargs)


def _handed_out(result: Any) -> Any:
    if isinstance(result, pd.DataFrame):
        return result.copy()
    if isinstance(result, tuple):
        return tuple(_handed_out(part) for part in result)
    return result


def settings() -> tuple:
    """The settings a builder may read besides its arguments."""
    return (float(ontime_target()), tuple(par_band()))


def kept(builder: F) -> F:
    """``builder`` with its results kept per distinct arguments and settings."""
    # the object's id too: two closures may share a qualified name
    name = f"{builder.__module__}.{builder.__qualname__}@{id(builder)}"
    _builders[name] = builder

    @functools.wraps(builder)
    def call(*args: Any, **kwargs: Any) -> Any:
        return _handed_out(_build(name, settings(), *args, **kwargs))

    return call  # type: ignore[return-value]
