"""What every page needs before it runs: a database, the reference lists, the filters.

The start-up decisions (which database, build, refresh or refuse it, the default period)
are :mod:`cchc.bootstrap`'s; this module only adds what is Streamlit's: spinners while the
demo is built or the rollups are rebuilt, and the sidebar.
"""

from __future__ import annotations

import streamlit as st

from cchc import bootstrap
from cchc.auth.roles import LOCAL_ADMIN, User, scope_units
from cchc.core.filters import Filters
from cchc.core.kpis import data_notice_key
from cchc.i18n.labels import t
from cchc.store import db
from cchc.ui.safety import echo
from cchc.ui.sidebar import current_lang, render_filters


def ensure_database() -> None:
    """:func:`cchc.bootstrap.open_database` with a spinner while the demo database is built
    on first start or the rollups of an older (or changed) database are rebuilt. Raises
    :class:`cchc.settings.SettingError` or :class:`cchc.store.db.DataError` for the page to
    show."""
    keys = {"build": "first_run_building", "refresh": "rollups_refreshing"}
    bootstrap.open_database(around=lambda step, _path: st.spinner(t(keys[step], current_lang())))


def setup_filters(user: User = LOCAL_ADMIN) -> Filters:
    """Reference lists from the database, then the shared filters in the sidebar, opening
    on :func:`cchc.bootstrap.default_period`.

    The units list is cut to the user's scope here, the one place: the sidebar offers only
    those units and ``Filters.all_units`` (every query's ``$units``) holds only them."""
    units = scope_units(db.run_query("units"), user)  # unit scope (cchc/auth)
    if user.units and units.empty:
        st.error(t("auth_no_units", current_lang(), email=echo(user.email)), icon=":material/lock:")
        st.stop()
    fields = db.run_query("fields")
    info = bootstrap.data_range()
    first = bootstrap.optional_date(info["first_received"])
    last = bootstrap.optional_date(info["last_received"])
    default = bootstrap.default_period_of(info)
    # render_filters opens on the half-year complete on its last argument: the end of the
    # one default half-year makes that exactly bootstrap's default (and only it decides).
    # the scopes offered: those that contain units this user may see
    scopes = db.run_query("unit_scopes")
    scopes = scopes[scopes["unit_code"].isin(set(units["unit_code"]))]
    filters = render_filters(units, fields, first, last, default.end, scopes, limited=bool(user.units))
    notice = data_notice_key(info["dataset_kind"])
    if notice:
        # once per page, at the top of the page (the sidebar is hidden when presenting; the
        # presentation styles move it to the foot of the screen)
        st.container(key="data_notice").caption(f":material/info: {t(notice, filters.lang)}")
    return filters
