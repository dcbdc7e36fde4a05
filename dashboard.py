"""Entry point: `streamlit run dashboard.py`. Page config, first-run setup, shared filters,
navigation. Pages live in pages/, everything else in the cchc package."""

import streamlit as st

from cchc.app import ensure_database, setup_filters
from cchc.db import DataError
from cchc.filters import current_lang
from cchc.labels import t

st.set_page_config(page_title=t("app_title", current_lang()), page_icon="🏛️", layout="wide")

try:
    ensure_database()
    filters = setup_filters()
    lang = filters.lang
    pages = [
        st.Page("pages/overview.py", title=t("page_overview", lang), icon="📊", default=True),
    ]
    st.navigation(pages).run()
except DataError as exc:
    st.error(f"{t('data_error', current_lang())}: {exc}")
