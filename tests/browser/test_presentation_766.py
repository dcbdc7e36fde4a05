"""The Chỉ số 766 and Cảnh báo pages at 1366×768 (issue 16): in normal mode no tile of the
scorecard is cut ("61,36/…" was); in presentation mode (``present=1``) each page is a deck of
slides (app_pages/score766.py, app_pages/warnings.py) stepped through with "Tiếp ›". On every
slide: no sideways scroll (the page's and every table's scrollWidth <= clientWidth + 1), the
page no taller than the window, the counter n / N, and the last row "Tổng cộng" of a table
that has a total inside the window. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.browser.helpers import after_action, errors, metric_labels, metric_values, screenshot, wait_idle

H1 = "period=2018-H1"
VIEWPORT_HEIGHT = 768
TOLERANCE = 2  # px: sub-pixel rounding of the page's height
# path -> the number of slides, None when it depends on the data (the worklist's pages)
DECKS = {"/chi-so-766": 6, "/canh-bao": None}
# (path, slide) -> key of the slide table whose last row is the total; the worklist's pages
# (w766_dossiers_<n>) and feedback slide are found on the page
TOTAL_TABLES = {("/chi-so-766", 2): "s766_groups"}

MEASURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const tables = '[data-testid="stMain"] :is([data-testid="stTable"], [data-testid="stDataFrame"] .dvn-scroller)';
    const wide = [...document.querySelectorAll(tables)]
        .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
        .map(e => e.getAttribute('data-testid') || e.tagName);
    const totals = [...document.querySelectorAll('[class*="st-key-slide_table_"]')]
        .filter(e => e.offsetParent !== null)
        .map(e => [...e.classList].find(c => c.startsWith('st-key-slide_table_')).slice('st-key-slide_table_'.length));
    return {scrollHeight: main.scrollHeight, scrollWidth: main.scrollWidth, clientWidth: main.clientWidth,
            wide: wide, height: window.innerHeight, tables: totals};
}"""


def open_slide(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    wait_idle(page)


def counter(page) -> str:
    return page.locator('[class*="st-key-deck_"][class*="_count"]').inner_text().strip()


def last_row(page, key: str) -> str:
    """The text of a slide table's last row, asserting that it lies inside the window."""
    row = page.locator(f".st-key-slide_table_{key} tbody tr").last
    box = row.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT, (key, box)
    return row.inner_text()


@pytest.mark.parametrize("path", list(DECKS))
def test_every_slide_fits_the_projector(page, app_url, path):
    name = path.strip("/")
    unit = "&unit=thi-xa" if path == "/chi-so-766" else ""
    open_slide(page, f"{app_url}{path}?{H1}{unit}&present=1")
    count = int(counter(page).split("/")[1])
    if DECKS[path] is not None:
        assert count == DECKS[path]
    assert count >= 2, path  # at least the counts and the feedback or a page of dossiers
    for number in range(1, count + 1):
        if number > 1:
            page.get_by_role("button", name="Tiếp ›").click()
            after_action(page)
        where = f"{path} slide {number}"
        assert errors(page) == [], where
        assert counter(page) == f"{number} / {count}", where
        size = page.evaluate(MEASURE)
        assert size["scrollWidth"] <= size["clientWidth"] + 1 and size["wide"] == [], (where, size)
        assert size["scrollHeight"] <= size["height"] + TOLERANCE, (where, size)
        keys = [TOTAL_TABLES[(path, number)]] if (path, number) in TOTAL_TABLES else []
        keys += [k for k in size["tables"] if k.startswith(("w766_dossiers", "w766_feedback"))]
        for key in keys:
            assert last_row(page, key).split("\t")[0].strip() == "Tổng cộng", (where, key)
        screenshot(page, f"present-{name}-{number}")
    assert page.get_by_role("button", name="Tiếp ›").is_disabled()


def test_the_766_slides_show_the_scorecard_and_every_sub_indicator(page, app_url):
    """Slide 1: the total and the six groups, the maximum in the label; slides 5 and 6: the
    six groups' rows and their 21 sub-indicators (2022 set), none left out."""
    open_slide(page, f"{app_url}/chi-so-766?{H1}&unit=thi-xa&present=1&slide=1")
    assert metric_labels(page) == ["Tổng điểm (/100)", "Công khai, minh bạch (/18)", "Tiến độ giải quyết (/20)",
                                   "Dịch vụ công trực tuyến (/12)", "Thanh toán trực tuyến (/10)",
                                   "Mức độ hài lòng (/18)", "Số hóa hồ sơ (/22)"]
    rows = 0
    for number in (5, 6):
        open_slide(page, f"{app_url}/chi-so-766?{H1}&unit=thi-xa&present=1&slide={number}")
        rows += page.locator(f".st-key-slide_table_s766_metrics_{number - 4} tbody tr").count()
    assert rows == 6 + 21


def test_no_tile_is_cut_in_normal_mode(page, app_url):
    """The complaint: the total tile read "61,36/…" at 1366 px beside the sidebar."""
    open_slide(page, f"{app_url}/chi-so-766?{H1}&unit=thi-xa")
    values = metric_values(page)
    assert len(values) == 7 and all("…" not in v and "/" not in v for v in values)
    cut = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] p')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)""")
    assert cut == []
    screenshot(page, "score766-normal")
