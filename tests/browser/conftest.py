"""Real-browser tests: Playwright drives Debian's Chromium against `streamlit run`.

A demo database is built once per session into a temp folder, `streamlit run dashboard.py`
is started on 127.0.0.1 on a free port with CCHC_DB pointing at it, and each test gets a
fresh 1366×768 browser context. Screenshots go to artifacts/screenshots/ (not in git).
Without Chromium (or the playwright package) every test here is skipped, and the run
says so at the end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


def _why_not() -> str | None:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium): browser tests skipped"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt): browser tests skipped"
    return None


SKIP_REASON = _why_not()


def pytest_collection_modifyitems(config, items):
    if SKIP_REASON:
        here = Path(__file__).parent
        for item in items:
            if here in Path(str(item.fspath)).parents:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter):
    if SKIP_REASON:
        terminalreporter.write_line(f"NOTE: {SKIP_REASON}.", yellow=True, bold=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer in {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    from cchc.datagen.demo import build_demo

    path = tmp_path_factory.mktemp("browser_demo") / "demo.duckdb"
    build_demo(path)
    return path


@pytest.fixture(scope="session")
def app_url(demo_db_path, tmp_path_factory):
    """The base URL of a `streamlit run dashboard.py` on the demo database."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "CCHC_DB": str(demo_db_path), "PYTHONUNBUFFERED": "1"}
    env.pop("CCHC_ONTIME_TARGET", None)
    env.pop("CCHC_PAR_BAND", None)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        _first_session(chromium, app_url)
        yield chromium
        chromium.close()


# What the very first session of the server showed after its first click (see below).
FIRST_SESSION: dict[str, str] = {}


def _first_session(chromium, url: str) -> None:
    """Use the server's very first session before any test does: with a ``pages/`` folder
    next to dashboard.py, Streamlit runs that session once as a folder-based multipage app,
    which used to show "Page not found" for a deep link and reset the filters on the first
    click. test_first_session_deep_link_and_first_click checks what happened."""
    from tests.browser.helpers import after_action, open_page

    ctx = chromium.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        open_page(page, f"{url}/tien-do?period=2018-H1&unit=thi-xa")  # a deep link, not the root
        FIRST_SESSION["title"] = page.inner_text('[data-testid="stMain"] h1')
        FIRST_SESSION["dialog"] = str(page.query_selector('[role="dialog"]') is not None)
        FIRST_SESSION["before"] = page.url
        page.locator('[data-testid="stSidebar"] button', has_text="EN").first.click()
        after_action(page)
        FIRST_SESSION["after"] = page.url
    finally:
        ctx.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="vi-VN")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()

