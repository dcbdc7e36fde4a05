"""Presentation mode at 1366×768, as the projector shows it (issue 16 item 2).

Every slide of every page, stepped through, is measured in tests/browser/test_layout.py.
Here: the balance slides hold every unit and the total, a slide link and the arrow keys,
the switch and the report button at the top, and the pages that are one screen (not slides)
do not scroll sideways. Screenshots are kept in artifacts/screenshots/.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.helpers import errors, open_page, screenshot, wait_idle

H1 = "period=2018-H1&present=1"
VIEWPORT_HEIGHT = 768
# pages that are one screen of their own, not slides
OTHER_PAGES = ["/chi-so-766", "/canh-bao"]

MEASURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    // a slide table (st.table) and the scroll area of a data grid (st.dataframe)
    const tables = '[data-testid="stMain"] :is([data-testid="stTable"], [data-testid="stDataFrame"] .dvn-scroller)';
    const wide = [...document.querySelectorAll(tables)]
        .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
        .map(e => e.getAttribute('data-testid') || e.tagName);
    return {scrollHeight: main.scrollHeight, scrollWidth: main.scrollWidth, clientWidth: main.clientWidth,
            wide: wide, height: window.innerHeight};
}"""


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def open_any(page, url: str) -> None:
    """Like open_page, for pages whose title is an h2 (Chỉ số 766)."""
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMain"] :is(h1, h2)', timeout=60_000)
    wait_idle(page)


def check_no_sideways_scroll(page, where: str, tables: bool = True) -> dict:
    """The page does not scroll sideways; with ``tables``, neither does any table in it."""
    size = page.evaluate(MEASURE)
    assert size["scrollWidth"] <= size["clientWidth"], where
    if tables:
        assert size["wide"] == [], where
    return size


def last_row_visible(page, key: str) -> str:
    """The text of the table's last row, asserting that it lies inside the window."""
    row = page.locator(f'.st-key-slide_table_{key} tbody tr').last
    box = row.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT, (key, box)
    return row.inner_text()


def test_the_balance_slides_hold_every_unit_and_the_total(page, app_url):
    """The chairman's complaint: the table stopped at Sơn Đông. Both halves of the balance
    show the 16 units (the town desk, 15 communes/wards) and the total, whose figures are
    the report's sums (received 18.598 = 1.261 + 17.337)."""
    open_page(page, f"{app_url}/tien-do?{H1}&slide=1")
    rows = page.locator(".st-key-slide_table_prog_balance_1 tbody tr")
    assert rows.count() == 17
    names = [rows.nth(i).locator("td").first.inner_text().strip() for i in range(17)]
    assert names[0] == "Thị xã" and names[-3:] == ["Thanh Mỹ", "Xuân Sơn", "Tổng cộng"]
    total = rows.last.inner_text()
    assert "18.598" in total and "99,6 %" in total
    open_page(page, f"{app_url}/tien-do?{H1}&slide=2")
    assert page.locator(".st-key-slide_table_prog_balance_2 tbody tr").count() == 17
    assert last_row_visible(page, "prog_balance_2").split("\t")[0].strip() == "Tổng cộng"


def test_a_slide_link_reopens_the_same_slide_and_the_keys_step(page, app_url):
    open_page(page, f"{app_url}/?{H1}&slide=4")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert page.locator('[class*="st-key-deck_"][class*="_count"]').inner_text().strip() == "4 / 5"
    page.mouse.click(8, 400)  # the page has the focus, not a chart
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('slide') === '5'", timeout=20_000)
    wait_idle(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => new URLSearchParams(location.search).get('slide') === '4'", timeout=20_000)
    wait_idle(page)
    # another page starts at its first slide
    page.locator('[data-testid="stTopNavLink"]').filter(has_text="Tiến độ giải quyết").first.click()
    page.wait_for_url(re.compile(r"/tien-do"), timeout=20_000)
    wait_idle(page)
    assert page.locator('[class*="st-key-deck_"][class*="_count"]').inner_text().strip() == "1 / 10"


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_the_other_pages_have_no_sideways_scroll(page, app_url, path):
    """Pages not built as slides (yet): the page itself does not scroll sideways. Their wide
    data grids (the dossier list, the worklist) still scroll inside themselves."""
    open_any(page, f"{app_url}{path}?{H1}")
    assert errors(page) == [], path
    check_no_sideways_scroll(page, path, tables=False)
    screenshot(page, f"present-{path.strip('/')}")


def test_the_switch_and_the_report_are_at_the_top_and_the_notice_is_said_once(page, app_url):
    open_page(page, f"{app_url}/?period=2018-H1")
    for name in ("Chế độ trình chiếu", "Tải báo cáo PDF"):
        box = page.get_by_text(name).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 250, name
    assert page.get_by_text("Dữ liệu minh họa (demo)").count() == 1
    screenshot(page, "overview-top")
