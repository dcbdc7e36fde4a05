"""Meeting-grade layout at 1366×768 (issue 16), measured in Chromium on the demo (H1 2018).

Presentation mode, every page: each slide is stepped through with "Tiếp ›" (the dossier
list, thousands of slides of rows, its first two and its last); on each one no table or data
grid scrolls sideways (scrollWidth <= clientWidth + 1), nothing scrolls vertically (neither
the document nor Streamlit's main area, which is where a Streamlit page scrolls), and a
"Tổng cộng" row is inside the window and above the footer line (the demo notice and the exit
button). Normal mode, with the sidebar open: the Tiến độ balance and the Hồ sơ list fit the
width. Screenshots of every screen are kept in artifacts/screenshots/ (layout-<page>-<n>.png).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.helpers import after_action, errors, screenshot, wait_idle

H1 = "period=2018-H1"
TOLERANCE = 1  # pixels: sub-pixel rounding
# (path, slides on the demo data in H1 2018; Tiến độ's third is the units' map); None: one screen, not a deck.
# Chỉ số 766 and Cảnh báo: the same checks, slide by slide, in test_presentation_766.py
PAGES = [
    ("/", 5), ("/tien-do", 10), ("/xep-hang", 6), ("/thu-tuc", 7), ("/ho-so", 2096), ("/ket-luan", 1),
    ("/du-lieu", 1),
]
# a deck of up to LONG slides is stepped through whole; a longer one (the dossier list) on
# its first STEPPED slides and its last
LONG = 10
STEPPED = 2
# (path, slide) -> the total rows ("Tổng cộng") the slide must show
TOTALS = {("/tien-do", 1): 1, ("/tien-do", 2): 1, ("/tien-do", 5): 1}  # slide 3: the units' map

MEASURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    // what can scroll sideways: any box of the page that scrolls (overflow-x auto or scroll: a
    // data grid's scroll area, a slide table's wrapper), and the tables themselves
    const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const wide = [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter(e => (e.tagName === 'TABLE' || scrolls(e)) && e !== main && shown(e))
        .filter(e => e.scrollWidth > e.clientWidth + TOLERANCE)
        .map(e => `${e.getAttribute('data-testid') || e.className || e.tagName}: ${e.scrollWidth} > ${e.clientWidth}`);
    const footer = [...document.querySelectorAll('.st-key-present_exit button, .st-key-data_notice')].filter(shown)
        .map(e => e.getBoundingClientRect().top);
    const totals = [...document.querySelectorAll('[data-testid="stMain"] :is(td, th)')]
        .filter(e => shown(e) && e.innerText.trim() === 'Tổng cộng')
        .map(e => { const r = e.closest('tr').getBoundingClientRect(); return [r.top, r.bottom]; });
    return {wide, totals, footerTop: footer.length ? Math.min(...footer) : innerHeight,
            docHeight: document.scrollingElement.scrollHeight, mainHeight: main.scrollHeight,
            mainWidth: main.scrollWidth, mainClient: main.clientWidth, height: innerHeight};
}""".replace("TOLERANCE", str(TOLERANCE))


def counter(page) -> str | None:
    found = page.locator('[class*="st-key-deck_"][class*="_count"]')
    return found.inner_text().strip() if found.count() else None


def check_screen(page, where: str, totals: int = 0) -> dict:
    """Assert the rules of a projected screen on what the page shows now."""
    assert errors(page) == [], where
    m = page.evaluate(MEASURE)
    assert m["wide"] == [], (where, m["wide"])
    assert m["mainWidth"] <= m["mainClient"] + TOLERANCE, (where, m)
    assert m["docHeight"] <= m["height"] + TOLERANCE, (where, m)
    assert m["mainHeight"] <= m["height"] + TOLERANCE, (where, "the slide scrolls", m)
    assert len(m["totals"]) >= totals, (where, "no total row", m["totals"])
    for top, bottom in m["totals"]:
        assert 0 <= top and bottom <= m["footerTop"] + TOLERANCE, (where, "total row hidden or under the footer", m)
    return m


def open_slide(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMain"] :is(h1, h2)', timeout=60_000)
    wait_idle(page)


def shot_name(path: str) -> str:
    return path.strip("/") or "overview"


@pytest.mark.parametrize(("path", "slides"), PAGES)
def test_every_screen_of_every_page_fits_the_projector(page, app_url, path, slides):
    open_slide(page, f"{app_url}{path}?{H1}&present=1")
    if slides is None:  # one screen
        check_screen(page, path)
        screenshot(page, f"layout-{shot_name(path)}")
        return
    for number in range(1, (slides if slides <= LONG else STEPPED) + 1):
        if number > 1:
            page.get_by_role("button", name="Tiếp ›").click()
            after_action(page)
        assert counter(page) == f"{number} / {slides:,}".replace(",", "."), (path, number)
        assert parse_qs(urlparse(page.url).query).get("slide") == [str(number)]  # a copied link reopens it
        check_screen(page, f"{path} slide {number}", TOTALS.get((path, number), 0))
        screenshot(page, f"layout-{shot_name(path)}-{number}")
    if slides > LONG:  # the last slide, by its link
        open_slide(page, f"{app_url}{path}?{H1}&present=1&slide={slides}")
        assert counter(page) == f"{slides:,} / {slides:,}".replace(",", ".")
        check_screen(page, f"{path} slide {slides}")
        screenshot(page, f"layout-{shot_name(path)}-last")
    assert page.get_by_role("button", name="Tiếp ›").is_disabled()


def test_a_dossier_slide_shows_its_rows_as_formatted(page, app_url):
    """The list's slides (nine dossiers, in received order) in the slides' formats; the
    slide after the last row's slide does not exist."""
    open_slide(page, f"{app_url}/ho-so?{H1}&present=1&slide=2")
    rows = page.locator(".st-key-slide_table_dl_slide tbody tr")
    assert rows.count() == 9
    assert "Hồ sơ 10–18 trong 18.863 hồ sơ" in page.locator('[data-testid="stMain"]').inner_text()
    cells = [c.strip() for c in rows.first.inner_text().split("\t")]
    assert len(cells) == 7 and cells[0].startswith("000.") and cells[3].count("/") == 2


@pytest.mark.parametrize("path", ["/tien-do", "/ho-so"])
def test_the_main_tables_fit_beside_the_sidebar(page, app_url, path):
    """Normal mode, the sidebar open: the balance and the dossier list do not scroll sideways
    (their data grids' scrollWidth <= clientWidth), the brief view as the page opens."""
    open_slide(page, f"{app_url}{path}?{H1}")
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    page.wait_for_timeout(500)  # the grid sizes its columns after it is drawn
    scroller = grid.locator(".dvn-scroller")
    widths = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1] + TOLERANCE, (path, widths)
    assert errors(page) == []
    screenshot(page, f"layout-normal-{shot_name(path)}")
