"""The framework's own English words on the Vietnamese screen, in a real browser: no Deploy
button or developer menu, the uploader's button and hint, the lists' "No results", the
table and chart toolbars' tooltips (cchc/ui/framework_text.py). Screenshots at 1366×768 of
the Dữ liệu page and of the sidebar go to artifacts/screenshots/."""

from __future__ import annotations

from tests.browser.helpers import errors, open_page, screenshot, wait_idle


def visible_text(page) -> str:
    # innerText leaves out what CSS hides and what a ::after draws, so the words a
    # style sheet replaced are read from the computed style below
    return page.inner_text("body")


def after_content(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")


def test_data_page_uploader_speaks_vietnamese(page, app_url):
    open_page(page, f"{app_url}/du-lieu?period=2018-H1")
    assert errors(page) == []
    text = visible_text(page)
    # the hint "200MB per file • XLSX, XLS, CSV" is hidden; the label says the same in words
    assert "per file" not in text and "Chọn tệp (.xlsx, .xls, .csv; tối đa 200 MB)" in text
    button = "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
    assert after_content(page, button) == '"Chọn tệp"'
    assert page.eval_on_selector(button, "e => getComputedStyle(e).fontSize") == "0px"  # "Upload" not drawn
    # no Deploy button, no developer menu (client.toolbarMode = "minimal")
    assert page.query_selector("[data-testid='stAppDeployButton']") is None
    assert page.query_selector("[data-testid='stMainMenu']") is None
    assert "Deploy" not in text
    screenshot(page, "vi-data-page")


def test_sidebar_lists_say_no_results_in_vietnamese(page, app_url):
    open_page(page, f"{app_url}/du-lieu?period=2018-H1")
    units = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    units.scroll_into_view_if_needed()
    units.click()
    page.wait_for_selector("[data-testid='stMultiSelectDropdown']")
    options = page.inner_text("[data-testid='stMultiSelectDropdown']")
    assert "Select all" not in options and "Xuân Khanh" in options  # select_all=False; empty = all units
    page.keyboard.type("zzzz")
    empty = "[data-testid='stMultiSelectDropdown'] [role='listbox'][data-empty='true'] [role='option'] span"
    page.wait_for_selector(empty, state="attached")
    assert after_content(page, empty) == '"Không có kết quả"'
    screenshot(page, "vi-sidebar-no-results")
    page.keyboard.press("Escape")


def test_table_and_chart_tooltips_in_vietnamese(page, app_url):
    open_page(page, f"{app_url}/tien-do?period=2018-H1")
    page.hover("[data-testid='stDataFrame']")
    toolbar = page.locator("[data-testid='stElementToolbarButton'] button:visible")
    labels = [toolbar.nth(i).get_attribute("aria-label") for i in range(toolbar.count())]
    assert labels and not any(label.startswith("Show/hide columns") for label in labels)  # its menu is English
    page.locator("[data-testid='stElementToolbarButton'] button[aria-label^='Search']").first.hover()
    tip = page.wait_for_selector("[data-testid='stTooltipContent'] p", timeout=5_000)
    assert tip.evaluate("e => getComputedStyle(e, '::after').content") == '"Tìm trong bảng"'
    open_page(page, f"{app_url}/?period=2018-H1")
    wait_idle(page)
    zoom = ".js-plotly-plot .modebar-btn[data-title='Zoom']"
    page.wait_for_selector(zoom, state="attached")
    assert after_content(page, zoom) == '"Phóng một vùng"'
