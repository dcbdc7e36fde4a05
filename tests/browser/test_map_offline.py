"""The units' map of Tiến độ in Chromium with no internet: every request that is not for the
dashboard's own server (127.0.0.1 or localhost) is blocked and recorded; the map must still
draw its bubbles as SVG, and nothing may have tried to leave the machine (no tiles, no world
outlines, no web fonts)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.helpers import after_action, errors, open_page, screenshot

MAP = ".st-key-prog_map_chart"
POINTS = f"{MAP} .scatterlayer .trace .points path"
NAMES = f"{MAP} .scatterlayer .trace .textpoint text"


@pytest.fixture
def offline(context):
    """The test's browser context with every outside request blocked; the list of those tried."""
    tried: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).hostname in ("127.0.0.1", "localhost"):
            request_route.continue_()
        else:
            tried.append(url)
            request_route.abort()

    context.route("**/*", route)
    return tried


def show_map(page) -> None:
    page.locator(MAP).scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('{POINTS}').length > 0", timeout=30_000)


def names(page) -> list[str]:
    return [(e.text_content() or "").strip() for e in page.query_selector_all(NAMES)]


def test_the_map_draws_the_units_with_no_network(context, offline, app_url):
    page = context.new_page()
    open_page(page, f"{app_url}/tien-do?period=2018-H1")
    show_map(page)
    assert errors(page) == []
    # the town desk and 13 communes and wards; Lê Lợi and Quang Trung have no official code
    assert page.locator(POINTS).count() == 14
    assert sorted(names(page))[:3] == ["Cổ Đông", "Kim Sơn", "Ngô Quyền"] and "Thị xã" in names(page)
    # Plotly keeps an empty layer for geo subplots: nothing in it, and no tile map
    assert page.locator(f"{MAP} :is(.geolayer > *, .mapboxgl-map, .maplibregl-map)").count() == 0
    caption = page.get_by_text("chưa có tọa độ nên không hiện trên bản đồ")
    assert "2 đơn vị chưa có tọa độ nên không hiện trên bản đồ: Lê Lợi, Quang Trung." in caption.inner_text()
    screenshot(page, "map-tien-do")
    assert offline == []


def test_the_three_new_units_and_a_click_on_one(context, offline, app_url):
    page = context.new_page()
    open_page(page, f"{app_url}/tien-do?period=2018-H1&history=today")
    show_map(page)
    # today's units: the three communes and the city's desk (TP Hà Nội, which took none of 2018)
    assert sorted(names(page)) == ["Sơn Tây", "TP Hà Nội", "Tùng Thiện", "Đoài Phương"]
    assert page.locator(POINTS).count() == 4
    index = names(page).index("Tùng Thiện")
    box = page.locator(POINTS).nth(index).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    after_action(page)
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('unit').join() === 'tung-thien'",
                           timeout=20_000)
    after_action(page)
    assert parse_qs(urlparse(page.url).query)["unit"] == ["tung-thien"]
    show_map(page)
    assert names(page) == ["Tùng Thiện"]
    assert errors(page) == []
    assert offline == []


def test_the_map_slide_fits_the_projector(context, offline, app_url):
    page = context.new_page()
    open_page(page, f"{app_url}/tien-do?period=2018-H1&present=1&slide=3")
    show_map(page)
    assert page.locator(POINTS).count() == 14
    size = page.evaluate("() => ({h: document.querySelector('[data-testid=\"stMain\"]').scrollHeight,"
                         " w: window.innerHeight})")
    assert size["h"] <= size["w"] == 768
    box = page.locator(MAP).bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 768
    screenshot(page, "present-map")
    assert offline == []
