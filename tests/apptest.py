"""One way for the page tests to open the dashboard headless with Streamlit's AppTest.

Every page test used to carry its own copy of the same few lines: point CCHC_DB at a
database, build ``AppTest.from_file(dashboard.py)``, put parameters in the URL, run, switch
to a page, check that nothing raised. They live here once:

- :func:`new_app` prepares an app that has not run yet (for tests that set the URL or the
  session state themselves before the first run);
- :func:`run_page` runs a prepared app with URL parameters and moves to a page;
- :func:`open_app` does both: the usual one-line "open this page of this database".

The app is always ``dashboard.py`` (tests/paths.py APP), so the sign-in gate, start-up,
sidebar and navigation run exactly as for a user; a page is then reached with
``switch_page`` as a click in the navigation would. What a test does beyond that (a session
state preset, a download recorder, another monkeypatch) stays in the test and builds on
these functions.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.paths import APP

# The header mode the security tests use (cchc/auth): a trusted proxy puts the signed-in
# e-mail in this header. AppTest cannot send headers, so the reader of the header is replaced.
AUTH_HEADER = "X-Remote-User"


def new_app(db: Path | str | None = None, monkeypatch=None, *, timeout: float = 60,
            signed_in_as: str | None = None, env: dict[str, str | None] | None = None) -> AppTest:
    """An AppTest of the dashboard that has not run yet.

    - ``db``: the database the app reads (set as CCHC_DB); None leaves CCHC_DB as the test
      set it (e.g. in a fixture).
    - ``monkeypatch``: the test's pytest monkeypatch, which undoes every change after the
      test; needed whenever ``db``, ``signed_in_as`` or ``env`` is given.
    - ``timeout``: seconds each run may take (AppTest's default_timeout); a city-sized or
      demo database may need 90-120.
    - ``signed_in_as``: an e-mail; the app then runs in header sign-in mode
      (CCHC_AUTH_HEADER=X-Remote-User) with that e-mail as the header's value.
    - ``env``: other settings to set for this test, a value of None removing the setting
      (e.g. ``{"CCHC_ONTIME_TARGET": None}`` for the built-in target).
    """
    if (db is not None or signed_in_as is not None or env) and monkeypatch is None:
        raise TypeError("new_app needs the test's monkeypatch to change the environment")
    if db is not None:
        monkeypatch.setenv("CCHC_DB", str(db))
    for name, value in (env or {}).items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    if signed_in_as is not None:
        from cchc.ui import signin

        monkeypatch.setenv("CCHC_AUTH_HEADER", AUTH_HEADER)
        monkeypatch.setattr(signin, "identify", lambda lang: signed_in_as)
    return AppTest.from_file(APP, default_timeout=timeout)


def run_page(app: AppTest, page: str | None = None, params: dict | None = None, *,
             check: bool = True) -> AppTest:
    """Run ``app`` with the URL parameters ``params``, then switch to ``page``.

    - ``page``: a page file such as "app_pages/progress.py"; None or the Overview's file
      stays on the Overview (the page the dashboard opens on).
    - ``params``: URL parameters, a value being a string or, for a repeated parameter
      (``?unit=a&unit=b``), a list of strings. They seed the filters on the first run only,
      as a user's URL does.
    - ``check``: assert that no run raised (the exception is shown when one did); a test
      that looks at the exception itself passes False.

    Returns ``app`` after its last run.
    """
    for key, value in (params or {}).items():
        app.query_params[key] = value
    app.run()
    if page is not None and page != "app_pages/overview.py":
        app.switch_page(page).run()
    if check:
        assert not app.exception, app.exception
    return app


def open_app(db: Path | str | None = None, page: str | None = None, monkeypatch=None, *,
             params: dict | None = None, timeout: float = 60, signed_in_as: str | None = None,
             env: dict[str, str | None] | None = None, check: bool = True) -> AppTest:
    """The dashboard on ``db``, opened on ``page`` with the URL ``params``: :func:`new_app`
    then :func:`run_page` (see them for the arguments). Asserts that nothing raised unless
    ``check`` is False."""
    app = new_app(db, monkeypatch, timeout=timeout, signed_in_as=signed_in_as, env=env)
    return run_page(app, page, params, check=check)
