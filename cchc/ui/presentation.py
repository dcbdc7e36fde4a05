"""Presentation mode for projecting the dashboard in a meeting: ``?present=1``.

The sidebar (filters, navigation) and the small controls (downloads, chart toolbars) are
hidden, text and KPI tiles are enlarged, and pages draw one chart per screen (see
:func:`chart_height`). The mode is switched by a toggle in the sidebar or by the URL, and
the URL keeps ``present=1`` so a copied link opens the same view. The shared filters in
cchc/ui/sidebar.py write only their own URL keys; ``present`` is written here.
"""

from __future__ import annotations

import streamlit as st

from cchc.i18n.labels import t

URL_KEY = "present"
STATE_KEY = "present_mode"

# Sized for a 1366×768 projector: the chart fills the screen below a heading.
SCREEN_CHART_HEIGHT = 560

_CSS = """
<style>
/* Presentation mode (cchc/presentation.py): no sidebar, no controls, larger text; the
   header keeps only the page links (st.navigation at the top). */
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], [data-testid="stToolbarActions"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stDownloadButton"], [data-testid="stElementToolbar"], .modebar-container
{ display: none !important; }
/* the pages' own input widgets: the view is set up before presenting (the URL keeps it) */
[data-testid="stMain"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
  [data-testid="stTextInput"], [data-testid="stNumberInput"], [data-testid="stDateInput"], [data-testid="stSlider"],
  [data-testid="stCheckbox"], [data-testid="stButtonGroup"], [data-testid="stTextArea"], [data-testid="stTimeInput"],
  [data-testid="stFileUploader"], [data-testid="stColorPicker"]),
[data-testid="stMain"] .stElementContainer:not(.st-key-present_exit):has(> [data-testid="stButton"])
{ display: none !important; }
html { font-size: 19px; }
[data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; padding: 3.5rem 2.2rem 2rem 2.2rem !important;
}
h1 { font-size: 2rem !important; padding: 0 0 0.2rem 0 !important; }
h2, h3 { font-size: 1.45rem !important; }
h1, h2, h3 { scroll-margin-top: 3.8rem; }  /* a heading scrolled to stays below the page links */
.stMarkdown p, .stMarkdown li { font-size: 1.12rem; line-height: 1.55; }
[data-testid="stMetric"] > div { padding: 0.6rem 0.9rem !important; }
[data-testid="stMetricLabel"] p { font-size: 0.92rem !important; font-weight: 600; }
html body [data-testid="stMetricLabel"] { min-height: 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.4rem !important; line-height: 1.15; }
[data-testid="stMetricDelta"] p { font-size: 0.9rem !important; }
.st-key-present_exit { position: fixed; top: 0.7rem; right: 1rem; z-index: 999990; width: auto !important; }
.st-key-present_exit button { opacity: 0.6; }
.st-key-present_exit button:hover { opacity: 1; }
</style>
"""


def _from_url() -> bool:
    return st.query_params.get(URL_KEY, "") in ("1", "true", "yes")


def is_on() -> bool:
    """True when this run is in presentation mode."""
    return bool(st.session_state.get(STATE_KEY, False))


def chart_height(normal: int) -> int:
    """The height a page should give a chart: ``normal``, or one screen when presenting."""
    return SCREEN_CHART_HEIGHT if is_on() else normal


def setup(lang: str = "vi") -> bool:
    """Read the mode from the URL on the first run, draw the toggle in the sidebar and the
    exit button on the page, write ``present`` back to the URL, and apply the styles.
    Returns True in presentation mode. Called once per run by dashboard.py."""
    if not st.session_state.get("_present_url_loaded"):
        st.session_state[STATE_KEY] = _from_url()
        st.session_state["_present_url_loaded"] = True
    st.sidebar.toggle(t("present_toggle", lang), key=STATE_KEY, help=t("present_help", lang))
    on = is_on()
    if on:
        st.query_params[URL_KEY] = "1"
        st.html(_CSS)
        st.button(
            t("present_exit", lang), key="present_exit", icon=":material/close_fullscreen:",
            on_click=_exit, type="tertiary",
        )
    elif URL_KEY in st.query_params:
        del st.query_params[URL_KEY]
    return on


def _exit() -> None:
    st.session_state[STATE_KEY] = False
