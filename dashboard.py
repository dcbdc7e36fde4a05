"""Entry point: `streamlit run dashboard.py`. Page config, sign-in, first-run setup, shared
filters, navigation. Pages live in app_pages/, everything else in the cchc package."""

from pathlib import Path

import streamlit as st

from cchc.i18n.labels import t
from cchc.settings import SettingError
from cchc.store.db import DataError
from cchc.ui import framework_text, presentation, signin
from cchc.ui.safety import unexpected_error
from cchc.ui.setup import ensure_database, setup_filters
from cchc.ui.sidebar import current_lang

# A local file: a ":material/...:" icon would be drawn by the browser, and nothing may be
# fetched from outside the machine (docs/security.md).
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"

st.set_page_config(page_title=t("app_title", current_lang()), page_icon=str(ICON), layout="wide")

try:
    email = signin.identify(current_lang())  # the sign-in screen stops the run here
    ensure_database()
    user = signin.authorise(email, current_lang())
    filters = setup_filters(user)
    lang = filters.lang
    present = presentation.setup(lang)  # ?present=1: no sidebar, larger text, one chart per screen
    framework_text.apply(lang)  # the framework's own English words in the language of the page
    pages = [
        st.Page("app_pages/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True),
        st.Page("app_pages/progress.py", title=t("page_progress", lang), icon=":material/timer:", url_path="tien-do"),
        st.Page("app_pages/ranking.py", title=t("page_ranking", lang), icon=":material/leaderboard:", url_path="xep-hang"),
        st.Page("app_pages/procedures.py", title=t("page_procedures", lang), icon=":material/gavel:", url_path="thu-tuc"),
        st.Page("app_pages/dossiers.py", title=t("page_dossiers", lang), icon=":material/folder_open:", url_path="ho-so"),
        st.Page("app_pages/directions.py", title=t("page_directions", lang), icon=":material/checklist:", url_path="ket-luan"),
        st.Page("app_pages/score766.py", title=t("page_score766", lang), icon=":material/military_tech:", url_path="chi-so-766"),
        st.Page("app_pages/warnings.py", title=t("page_warnings", lang), icon=":material/warning:", url_path="canh-bao"),
    ]
    if user.can("import"):  # a viewer neither sees the Dữ liệu page nor reaches its URL
        pages.append(st.Page("app_pages/data.py", title=t("page_data", lang), icon=":material/upload_file:", url_path="du-lieu"))
    st.navigation(pages, position="top" if present else "sidebar").run()
except DataError as exc:
    st.error(f"{t('data_error', current_lang())}: {exc}")
except SettingError as exc:  # a bad CCHC_* value: said once, without a traceback
    st.error(f"{t('settings_error', current_lang())}: {exc}")
except Exception as exc:  # noqa: BLE001 - the traceback goes to the server log, the user gets an id
    unexpected_error(exc, current_lang())
