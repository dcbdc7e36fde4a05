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
        st.Page("pages/tien_do.py", title=t("page_progress", lang), icon="⏱️", url_path="tien-do"),
        st.Page("pages/xep_hang.py", title=t("page_ranking", lang), icon="🏆", url_path="xep-hang"),
        st.Page("pages/thu_tuc.py", title=t("page_procedures", lang), icon="📜", url_path="thu-tuc"),
        st.Page("pages/ho_so.py", title=t("page_dossiers", lang), icon="🗂️", url_path="ho-so"),
        st.Page("pages/du_lieu.py", title=t("page_data", lang), icon="📥", url_path="du-lieu"),
    ]
    st.navigation(pages).run()
except DataError as exc:
    st.error(f"{t('data_error', current_lang())}: {exc}")
