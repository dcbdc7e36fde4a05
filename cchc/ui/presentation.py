"""Presentation mode for projecting the dashboard in a meeting: ``?present=1``.

Built for a 1366×768 projector. The sidebar (filters, navigation) and the small controls
(downloads, chart toolbars, the pages' own inputs) are hidden, text is enlarged, and a page
that declares its sections with a :class:`Deck` shows them one per screen, like slides:
"‹ Trước" / "Tiếp ›" buttons (also the ← and → keys, Streamlit's own button shortcuts, no
custom script) and a counter at the top, the current slide kept in the URL as ``slide=N``
so that a copied link reopens the same slide. Nothing on a slide scrolls: a chart gets
:func:`chart_height`, a table is drawn whole by :func:`table` (all rows, the total
included, larger type, no horizontal scroll), the rest of a wide table on the next slide.

The mode is switched by the toggle at the top right of every page or by the URL, and the
URL keeps ``present=1``. The shared filters in cchc/ui/sidebar.py write only their own URL
keys; ``present`` and ``slide`` are written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from cchc.i18n.formats import fmt_int
from cchc.i18n.labels import t

URL_KEY = "present"
SLIDE_KEY = "slide"
STATE_KEY = "present_mode"

# Measured at 1366×768 (tests/browser/test_layout.py): the top links, the title row with the
# slide buttons, a heading, a one-line note, the margins and the footer line leave this for a
# chart.
SCREEN_CHART_HEIGHT = 455
# A slide table's rows: 18 px text (the screen's tables have 14) in 28 px rows, so 16 units,
# the total and the header (18 rows) stand in 504 px below the title row and a heading.
TABLE_FONT_PX = 18
TABLE_ROW_PX = 28
# The foot of the screen (the demo notice left, the exit button right): no slide reaches it.
FOOTER_PX = 24

_CSS = """
<style>
/* Presentation mode (cchc/ui/presentation.py): no sidebar, no controls, larger text; the
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
  [data-testid="stFileUploader"], [data-testid="stColorPicker"], [data-testid="stPageLink"],
  [data-testid="stPagination"], [data-testid="stExpander"]),
[data-testid="stMain"] .stElementContainer:not(.st-key-present_exit):not([class*="st-key-deck_"]):has(> [data-testid="stButton"])
{ display: none !important; }
/* a page's own rows of controls (containers keyed '..._controls'): gone, gaps and all */
[data-testid="stMain"] [class*="_controls"] { display: none !important; }
html { font-size: 19px; }
[data-testid="stMainBlockContainer"], .block-container {
    /* the bottom padding keeps the slide off the footer line: a slide that would reach it
       makes the page scroll, which the browser test catches */
    max-width: 100% !important; padding: 3.4rem 2.2rem FOOTER_PXpx 2.2rem !important;
}
/* the page's vertical gaps, tighter: a slide must not scroll */
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.55rem; }
h1 { font-size: 1.75rem !important; padding: 0 !important; }
h2, h3 { font-size: 1.35rem !important; padding: 0.2rem 0 0.3rem 0 !important; }
h1, h2, h3 { scroll-margin-top: 3.8rem; }  /* a heading scrolled to stays below the page links */
.stMarkdown p, .stMarkdown li { font-size: 1.12rem; line-height: 1.5; }
[data-testid="stCaptionContainer"] p { font-size: 0.9rem; }
[data-testid="stMetric"] > div { padding: 0.6rem 0.9rem !important; }
[data-testid="stMetricLabel"] p { font-size: 0.92rem !important; font-weight: 600; }
html body [data-testid="stMetricLabel"] { min-height: 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.4rem !important; line-height: 1.15; }
[data-testid="stMetricDelta"] p { font-size: 0.9rem !important; }
/* bottom right: the top bar is full of page links at 1366 px. The exit button and the demo
   notice share one line at the foot of the screen, FOOTER_PX high, which no slide reaches
   (a slide's last table row ends above it: tests/browser/test_layout.py) */
.st-key-present_exit { position: fixed; bottom: 2px; right: 1rem; z-index: 999990; width: auto !important; }
.st-key-present_exit button { opacity: 0.6; min-height: 0 !important; height: FOOTER_INNER_PXpx; padding: 0 0.4rem;
    line-height: 1; }
.st-key-present_exit button p { font-size: 0.75rem; line-height: 1; }
.st-key-present_exit button :is(span, svg) { font-size: 0.85rem !important; }
.st-key-present_exit button:hover { opacity: 1; }
/* the demo notice: a small line at the foot of the screen, out of the slide's height */
.st-key-data_notice { position: fixed; bottom: 2px; left: 2.2rem; z-index: 999980; width: auto !important;
    height: FOOTER_INNER_PXpx; overflow: hidden; }
.st-key-data_notice p { font-size: 0.62rem !important; margin: 0; }
/* the slide row: the page title left, the buttons and the counter right */
[class*="st-key-deck_"][class*="_nav"] h1 { margin: 0 !important; }
/* the ‹ › of the labels say it; the keys are named in the switch's help (no tooltip over the page links) */
[class*="st-key-deck_"] kbd { display: none; }
[class*="st-key-deck_"][class*="_count"] p { font-size: 1rem; white-space: nowrap; margin: 0; }
/* a slide's table (presentation.table): every row, larger type, no scrolling */
[class*="st-key-slide_table"] table { font-size: TABLE_FONT_PXpx; width: 100%; }
[class*="st-key-slide_table"] :is(th, td) { padding: 0 0.45rem !important; height: TABLE_ROW_PXpx;
    line-height: 1.2; white-space: nowrap; }
[class*="st-key-slide_table"] th { font-weight: 600; }
/* st.table writes cells as Markdown: '7. Tác động …' is a list item; keep it on the line */
[class*="st-key-slide_table"] td :is(ol, ul) { margin: 0 !important; padding: 0 !important; list-style-position: inside; }
[class*="st-key-slide_table"] td li { margin: 0 !important; padding: 0 !important; }
/* a table with wrapped columns (table(wrap=)): a cell's text may use the cell's whole width
   (st.table caps it at 475 px and wraps it there) and wraps only where its cell does */
[class*="st-key-slide_wrap_"] td [data-testid="stMarkdownContainer"] { max-width: none; }
[class*="st-key-slide_wrap_"] :is(th, td) * { white-space: inherit !important; }
/* a cell's text follows the cell's alignment (numbers right: presentation.table) */
[class*="st-key-slide_table"] td * { text-align: inherit !important; }
</style>
""".replace("TABLE_FONT_PX", str(TABLE_FONT_PX)).replace("TABLE_ROW_PX", str(TABLE_ROW_PX)).replace(
    "FOOTER_INNER_PX", str(FOOTER_PX - 4)).replace("FOOTER_PX", str(FOOTER_PX))

# Normal mode: the page uses the width a 1366-pixel screen has beside the sidebar (Streamlit's
# wide layout keeps 5rem on each side), and the switch sits at the top right of every page.
_NORMAL_CSS = """
<style>
[data-testid="stMainBlockContainer"], .block-container {
    padding-left: 1.6rem !important; padding-right: 1.6rem !important; padding-top: 3.2rem !important;
}
.st-key-present_switch { position: fixed; top: 0.85rem; right: 1.2rem; z-index: 999990; width: auto !important;
    background: var(--st-background-color, transparent); }
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
    """Read the mode from the URL on the first run, draw the switch at the top right of the
    page (the exit button when presenting), write ``present`` back to the URL, and apply the
    styles. Returns True in presentation mode. Called once per run by dashboard.py, before
    the page, so the switch is the first thing on every page."""
    if not st.session_state.get("_present_url_loaded"):
        st.session_state[STATE_KEY] = _from_url()
        st.session_state["_present_url_loaded"] = True
    # In the page's top right corner, in both modes (hidden with the other inputs when presenting).
    st.container(key="present_switch").toggle(t("present_toggle", lang), key=STATE_KEY, help=t("present_help", lang))
    on = is_on()
    if on:
        st.query_params[URL_KEY] = "1"
        st.html(_CSS)
        st.button(
            t("present_exit", lang), key="present_exit", icon=":material/close_fullscreen:",
            on_click=_exit, type="tertiary",
        )
    else:
        st.html(_NORMAL_CSS)
        for key in (URL_KEY, SLIDE_KEY):
            if key in st.query_params:
                del st.query_params[key]
    return on


def _exit() -> None:
    st.session_state[STATE_KEY] = False


def slide_from_url() -> int:
    """The slide the URL asks for (``slide=3``), 1 when missing or not a positive number."""
    raw = str(st.query_params.get(SLIDE_KEY, "1")).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) >= 1 else 1


def _go(number: int) -> None:
    st.query_params[SLIDE_KEY] = str(number)


class Deck:
    """A page's sections. In normal mode each :meth:`slide` is an ordinary container and
    :meth:`columns` ordinary columns, so the page keeps its layout; when presenting, each
    of them is one slide and only the current one stays on the screen.

    The page's code runs for every section in both modes (a section may compute what a
    later one needs); a slide that is not shown is drawn into a placeholder emptied at once.
    The title row with the buttons and the counter is filled in by :meth:`finish`, when the
    number of slides is known."""

    def __init__(self, name: str, title: str, lang: str):
        self.name, self.lang = name, lang
        self._open = None
        self.on = is_on()
        self.count = 0
        self.current = slide_from_url()
        if self.on:
            self._nav = st.container(key=f"deck_{name}_nav", horizontal=True, vertical_alignment="center",
                                     gap="small")
            self._nav.markdown(f"# {title}")
        else:
            st.title(title)

    @contextmanager
    def slide(self) -> Iterator[None]:
        """One section: a slide when presenting, a container otherwise. Ends a section
        :meth:`section` left open."""
        self.end_section()
        self.count += 1
        if not self.on:
            with st.container():
                yield
        elif self.count == self.current:
            with st.container(key=f"deck_{self.name}_slide_{self.count}"):
                yield
        else:
            hidden = st.empty()
            with hidden.container():
                yield
            hidden.empty()

    def section(self) -> None:
        """Start the next section here, ending the one started by the previous call: for a
        page written top to bottom, like a page break in a document (:meth:`finish` or
        :meth:`end_section` ends the last one)."""
        opening = self.slide()
        opening.__enter__()  # ends the open one first
        self._open = opening

    def end_section(self) -> None:
        """End the section :meth:`section` started, if one is open."""
        if self._open is not None:
            opened, self._open = self._open, None
            opened.__exit__(None, None, None)

    def columns(self, spec: int | list, **kwargs) -> list:
        """``st.columns(spec, **kwargs)`` in normal mode; one slide per column when
        presenting (each used once, with ``with``)."""
        if not self.on:
            return list(st.columns(spec, **kwargs))
        return [self.slide() for _ in range(spec if isinstance(spec, int) else len(spec))]

    def pages(self, count: int) -> int | None:
        """Reserve ``count`` slides for a long list shown a page at a time (the dossier list:
        pages of rows, never a scrolling table) and return which of them is on the screen,
        from 0, or None when none is (the current slide is elsewhere, or not presenting).
        Only the page on the screen is read and drawn, so a list of any length costs one
        page; the caller draws it in :meth:`page_container`."""
        self.end_section()
        first = self.count + 1
        self.count += max(0, int(count))
        if self.on and first <= self.current <= self.count:
            return self.current - first
        return None

    def page_container(self):
        """The container of the slide on the screen, for what :meth:`pages` said to draw."""
        return st.container(key=f"deck_{self.name}_slide_{self.current}")

    def finish(self) -> None:
        """Draw the buttons and the counter (presenting only); a slide number past the last
        opens the last slide."""
        self.end_section()
        if not self.on:
            return
        if self.count and self.current > self.count:
            _go(self.count)
            st.rerun()
        nav = self._nav
        nav.space("stretch")
        nav.button(t("slide_previous", self.lang), key=f"deck_{self.name}_prev", on_click=_go,
                   args=(self.current - 1,), disabled=self.current <= 1, shortcut="Left")
        nav.container(key=f"deck_{self.name}_count", width="content").markdown(
            t("slide_counter", self.lang, n=fmt_int(self.current, self.lang), count=fmt_int(self.count, self.lang)))
        nav.button(t("slide_next", self.lang), key=f"deck_{self.name}_next", on_click=_go,
                   args=(self.current + 1,), disabled=self.current >= self.count, shortcut="Right",
                   type="primary")
        if st.query_params.get(SLIDE_KEY) != str(self.current):
            st.query_params[SLIDE_KEY] = str(self.current)


def flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A display table with one header row for a slide: of a two-level header, the lower
    label, or the group's name where the lower label is only a sub-total ('Tiếp nhận trong
    kỳ' over 'Tổng số'). One header row is one table row more on the screen."""
    if not isinstance(frame.columns, pd.MultiIndex):
        return frame
    total = {t("prog_sub_total", "vi"), t("prog_sub_total", "en")}
    out = frame.copy()
    out.columns = [group if label in total and group else label for group, label in frame.columns]
    return out


_NUMBER = re.compile(r"^[▼↑↓=\s]*[-+]?\d[\d.,]*\s*%?$")


def numeric_columns(frame: pd.DataFrame) -> list:
    """The columns to right-align: numbers, or texts that are numbers as shown ('1.261',
    '▼ 97,0 %', '↑ 2'), empty cells and dashes allowed."""
    found = []
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values):
            found.append(column)
            continue
        texts = [str(v).strip() for v in values if v is not None and not pd.isna(v)]
        texts = [v for v in texts if v not in ("", "—", "–", "-")]
        if texts and all(_NUMBER.match(v) for v in texts):
            found.append(column)
    return found


def table(data, key: str, wrap=()) -> None:
    """A table for a slide: every row, no scroll bars, in the larger type of presentation
    mode, numbers right-aligned; ``data`` is a display DataFrame (see :func:`flat`) or a
    pandas Styler of one (its formats, colours, marks and bold total row kept). The columns
    named in ``wrap`` (headers as shown) may wrap their text over lines; the others keep
    theirs on one line."""
    styler = data.style if isinstance(data, pd.DataFrame) else data
    numbers = numeric_columns(styler.data)
    if numbers:
        # !important: st.table writes "text-align: left" on the cells of a text column
        styler = styler.set_properties(subset=numbers, **{"text-align": "right !important"})
    wrap = [column for column in wrap if column in styler.data.columns]
    if wrap:  # the Styler's cell styles reach st.table by the cells' ids, classes do not
        styler = styler.set_properties(subset=wrap, **{"white-space": "normal !important", "line-height": "1.25"})
    where = st.container(key=f"slide_wrap_{key}") if wrap else st
    where.container(key=f"slide_table_{key}").table(styler, hide_index=True, border="horizontal")
