"""Sign-in in real Chromium against a local OpenID Connect provider, and what leaves the machine.

The test starts oidc-provider-mock on localhost and its own `streamlit run dashboard.py` on
127.0.0.1 with a secrets file naming that provider (``--secrets.files``), on a copy of the
demo database with two users: a viewer limited to Phường Xuân Khanh and a data manager. Every
request the browser makes is logged; requests to any other host are aborted and fail the test.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import ROOT, VIEWPORT, _free_port, _wait_healthy
from tests.browser.helpers import metric_values, screenshot, wait_idle

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
VIEWER = "officer@xuan-khanh.example"
MANAGER = "manager@son-tay.example"
H1 = "period=2018-H1"


@pytest.fixture(scope="module")
def provider():
    from oidc_provider_mock import User, run_server_in_thread

    users = [User(sub=email, claims={"email": email, "name": email.split("@")[0]}) for email in (VIEWER, MANAGER)]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def signin_url(provider, demo_db_path, tmp_path_factory):
    from cchc.auth.users import add_user

    folder = tmp_path_factory.mktemp("signin")
    database = folder / "district.duckdb"
    shutil.copyfile(demo_db_path, database)
    add_user(VIEWER, "viewer", ["xuan-khanh"], database, actor="test")
    add_user(MANAGER, "data_manager", [], database, actor="test")
    port = _free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "cchc-dashboard"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    log = folder / "streamlit.log"
    env = {**os.environ, "CCHC_DB": str(database), "PYTHONUNBUFFERED": "1"}
    for name in ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "CCHC_AUTH_HEADER", "CCHC_ALLOW_ANONYMOUS"):
        env.pop(name, None)
    # No address flag: .streamlit/config.toml's 127.0.0.1 is what is being served on.
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.port", str(port), "--secrets.files", str(secrets_file),
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url, database, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def logged_page(browser):
    """A fresh browser context (of the session's Chromium) whose requests are logged; any
    request to another host than this machine is aborted and kept in ``page.outside``."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    ctx.set_default_timeout(30_000)
    requests: list[str] = []
    outside: list[tuple[str, str]] = []

    def guard(route):
        url = route.request.url
        requests.append(url)
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            try:
                origin = route.request.frame.url
            except Exception:  # noqa: BLE001 (a service worker's request has no frame)
                origin = ""
            outside.append((url, origin))
            route.abort()

    ctx.route("**/*", guard)
    page = ctx.new_page()
    page.requests, page.outside = requests, outside
    try:
        yield page
    finally:
        ctx.close()


def from_dashboard(page, url: str) -> list[str]:
    """The aborted requests made by the dashboard's pages (the test provider's own page
    loads a stylesheet from a CDN: that is the mock's, not the dashboard's)."""
    return [u for u, origin in page.outside if origin.startswith(url) or not origin]


def sign_in(page, url: str, email: str) -> None:
    page.goto(f"{url}/?{H1}")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=email).click()  # the provider's one-click predefined user
    page.wait_for_url(f"{url}/**")
    wait_idle(page)
    try:
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    except Exception:
        screenshot(page, f"signin-failed-{email.split('@')[0]}")
        raise
    wait_idle(page)


def nav_links(page) -> list[str]:
    # a link's text is its icon's name, then its title
    return [e.inner_text().strip().splitlines()[-1] for e in page.query_selector_all('[data-testid="stSidebarNav"] a')]


def test_signin_screen_then_viewer_sees_only_his_unit(logged_page, signin_url):
    url, database, _ = signin_url
    page = logged_page
    page.goto(f"{url}/tien-do?{H1}")
    wait_idle(page)
    # before signing in: only the sign-in screen, no figures
    assert page.get_by_role("button", name="Đăng nhập").count() == 1
    assert metric_values(page) == []
    sign_in(page, url, VIEWER)
    page.goto(f"{url}/?{H1}")  # the provider sends the user back to the home page
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_idle(page)
    screenshot(page, "signin-viewer")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert f"Đăng nhập: {VIEWER} (xem)" in sidebar
    assert "Dữ liệu" not in nav_links(page)
    assert "Tổng quan" in nav_links(page)
    summary = page.locator('[data-testid="stMain"]').inner_text()
    assert "Xếp hạng chỉ số CCHC năm 2017: Phường Xuân Khanh xếp thứ 1 (91/100 điểm)." in summary
    # the figures equal those of Xuân Khanh chosen by hand by an unrestricted user: one group,
    # five tiles, computed by the same definitions (the AppTest suite checks hand-computed values)
    from cchc.core.periods import Period
    from cchc.i18n.formats import fmt_int
    from cchc.store import db

    assert len(metric_values(page)) == 5
    balance = db.run_query("dossier_balance", database, start=Period.parse("2018-H1").start,
                           end=Period.parse("2018-H1").end, units=["xuan-khanh"], fields=[], channels=[])
    total = balance[balance["is_total"]].iloc[0]
    assert metric_values(page)[0] == fmt_int(total["received"], "vi")
    # another unit asked for in the URL is refused, the figures stay his own
    page.goto(f"{url}/?{H1}&unit=kim-son")
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_idle(page)
    assert "unit\\=kim\\-son" not in page.content()  # shown as text, not as Markdown source
    alerts = " ".join(e.inner_text() for e in page.query_selector_all('[data-testid="stAlertContainer"]'))
    assert "unit=kim-son" in alerts, alerts
    assert metric_values(page)[0] == fmt_int(total["received"], "vi")
    # the import page cannot be reached by its URL either
    page.goto(f"{url}/du-lieu?{H1}")
    wait_idle(page)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert "Dữ liệu" not in [h.inner_text() for h in page.query_selector_all('[data-testid="stMain"] h1')]
    assert from_dashboard(page, url) == []
    # the sign-in is in the audit trail
    from cchc.store import audit

    events = audit.events(database)
    assert ((events["actor"] == VIEWER) & (events["action"] == "signin")).any()


def test_data_manager_sees_the_import_page(logged_page, signin_url):
    url, _, _ = signin_url
    page = logged_page
    sign_in(page, url, MANAGER)
    assert "Dữ liệu" in nav_links(page)
    page.goto(f"{url}/du-lieu")
    wait_idle(page)
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
    assert from_dashboard(page, url) == []


def test_nothing_leaves_the_machine_while_browsing(logged_page, app_url):
    """Every page of the local (no sign-in) dashboard: no request to any other host; the tab
    icon is the app's own file, not a font service."""
    page = logged_page
    for path in ("/", "/tien-do", "/xep-hang", "/thu-tuc", "/ho-so", "/du-lieu"):
        page.goto(f"{app_url}{path}?{H1}")
        wait_idle(page)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        wait_idle(page)
    page.wait_for_timeout(1000)
    assert page.requests, "no request was logged"
    assert page.outside == []  # nothing at all: no provider page was opened here
    icon = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert icon and all(urlparse(h).hostname in LOCAL_HOSTS for h in icon), icon
    # no Deploy button, no developer menu
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0
