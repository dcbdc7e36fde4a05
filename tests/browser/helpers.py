"""Small Playwright helpers for a Streamlit app: wait for a run to finish, read tiles,
take screenshots, find overflowing text."""

from __future__ import annotations

import re

from tests.browser.conftest import SCREENSHOTS

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
ERRORS = '[data-testid="stException"]'
# st.error of a page: the app's own data-error message (labels "data_error").
ERROR_TEXTS = ("Không đọc được dữ liệu", "The data could not be read", "Traceback")


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished its run and no element is stale."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-stale="true"]')
                && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')""",
        timeout=timeout,
    )
    page.wait_for_timeout(250)
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def after_action(page, timeout: float = 60_000) -> None:
    """Wait for the rerun an interaction starts (if it starts) and for it to finish."""
    try:
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1_500)
    except Exception:  # noqa: BLE001 (a fast rerun may be over before we look)
        pass
    wait_idle(page, timeout)


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until the page has been drawn, with its title."""
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    wait_idle(page)


def errors(page) -> list[str]:
    """The texts of exception boxes and of error messages on the page."""
    found = [e.inner_text() for e in page.query_selector_all(ERRORS)]
    found += [
        e.inner_text() for e in page.query_selector_all('[data-testid="stAlertContainer"]')
        if any(text in e.inner_text() for text in ERROR_TEXTS)
    ]
    return found


def metric_values(page) -> list[str]:
    return [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricValue"]')]


def metric_labels(page) -> list[str]:
    return [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricLabel"]')]


def cut_off_texts(page) -> list[str]:
    """Visible texts in the main area whose box is narrower than their content (ellipsis)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] .stMarkdownEllipsis, """
        """[data-testid="stMain"] .stMarkdownEllipsis p, [data-testid="stMain"] h1, """
        """[data-testid="stMain"] h2, [data-testid="stMain"] h3')]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.innerText)"""
    )


def screenshot(page, name: str, full: bool = False) -> None:
    """Keep a 1366×768 screenshot under artifacts/screenshots/ (``full``: the whole page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    if full:
        # Streamlit scrolls inside its main container, so grow the window to the content.
        height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 6000))})
        page.wait_for_timeout(600)
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
    else:
        page.screenshot(path=str(path))
