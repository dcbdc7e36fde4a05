"""What every page needs before it runs: a database, the reference lists, the filters."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from cchc.auth.roles import LOCAL_ADMIN, User, scope_units
from cchc.store import db
from cchc.ui.safety import echo
from cchc.store import rollups
from cchc.ui.sidebar import Filters, current_lang, render_filters
from cchc.core.kpis import data_notice_key
from cchc.i18n.labels import t


def ensure_database() -> None:
    """Build the demo database on first start when the dashboard points at it and it is
    missing; bring the rollups of an existing database up to date when it was written by an
    older version without them (or they are stale), before any query reads them."""
    path = db.db_path()
    if path.exists():
        if not rollups.file_is_fresh(path):
            with st.spinner(t("rollups_refreshing", current_lang())):
                rollups.refresh_file(path)  # copy and swap; a clear DataError if it cannot
        return
    if os.environ.get("CCHC_DB"):
        # Someone else's database: never create it silently.
        raise db.DataError(f"CCHC_DB points at a file that does not exist: {path.name}")
    from cchc.datagen.demo import build_demo

    with st.spinner(t("first_run_building", current_lang())):
        build_demo(path)
    db.clear_cache()


def setup_filters(user: User = LOCAL_ADMIN) -> Filters:
    """Reference lists from the database, then the shared filters in the sidebar.

    The units list is cut to the user's scope here, the one place: the sidebar offers only
    those units and ``Filters.all_units`` (every query's ``$units``) holds only them."""
    units = scope_units(db.run_query("units"), user)  # security: unit scope (cchc/auth)
    if user.units and units.empty:
        st.error(t("auth_no_units", current_lang(), email=echo(user.email)), icon=":material/lock:")
        st.stop()
    fields = db.run_query("fields")
    info = db.run_query("data_range").iloc[0]
    first = None if pd.isna(info["first_received"]) else db.as_date(info["first_received"])
    last = None if pd.isna(info["last_received"]) else db.as_date(info["last_received"])
    covered = None if pd.isna(info["covered_until"]) else db.as_date(info["covered_until"])
    filters = render_filters(units, fields, first, last, covered)
    notice = data_notice_key(info["dataset_kind"])
    if notice:
        st.sidebar.info(t(notice, filters.lang), icon=":material/info:")
    return filters
