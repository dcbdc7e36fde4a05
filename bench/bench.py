"""The benchmark: ``python -m cchc bench --dossiers N [--scope city|nation] [--json FILE]``.

For every page of the dashboard it measures, at N dossiers of the synthetic city or nation
(:mod:`cchc.datagen.city`: real units, synthetic dossiers; built once and kept as
``data/scale-<N>.duckdb`` or ``data/scale-nation-<N>.duckdb``), with every unit (the
row's ``scope``: ``city`` or ``nation``) and, on a nation, also as a province's office sees
it (``scope`` ``province <code>``: the province's units, before and since the reform,
selected through the unit filter of the URL, ``--province``, default 01):

- ``rerun_ms``: the median time of an AppTest re-run of the page after a change of the
  period filter, each re-run with a period not seen before (so no cached query result
  answers it), after a warm-up re-run;
- ``sql_ms``: the median over those re-runs of the sum of the page's raw query times:
  every ``run_query`` call of the re-run, timed again alone with the result cache empty;
- ``pandas_rerun_ms``: the same re-runs of the same page built the tutorial way
  (:mod:`bench.pandas_pages`: all dossiers in pandas through ``st.cache_data``);
- ``rss_mb`` / ``pandas_rss_mb``: the peak resident memory of each approach, each page in
  a process of its own;
- ``start_ms`` / ``pandas_start_ms``: from launching that process to the end of its
  first complete run (imports, opening the data, the first page drawn).

Each (page, approach) runs in a child process (``python -m bench.bench --child ...``).
``server_start_ms`` is the median of three timings of ``streamlit run dashboard.py`` to the
first page drawn in headless Chromium (when Playwright and Chromium are installed).

Optional settings, as flags where the command line has them or as environment variables:
``CCHC_BENCH_RERUNS`` (5–8, default 7), ``CCHC_BENCH_PAGES`` (comma-separated),
``CCHC_BENCH_DB`` (the database file to build or reuse) and
``CCHC_BENCH_SERVER_START=0`` (skip the server measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard.py"
PANDAS_APP = Path(__file__).resolve().parent / "pandas_pages.py"
PAGES = ("overview", "tien_do", "xep_hang", "thu_tuc", "ho_so", "du_lieu")
PERIOD_KIND = "half"
MIN_RERUNS, MAX_RERUNS = 5, 8  # distinct half-years available after the default and warm-up
SERVER_START_RUNS = 5  # a server start varies by ±0.5 s or more on a shared 2-core machine: the median


def _shown_path(path: Path) -> str:
    """The database as the results name it: relative to the repository, else the file name
    (results are committed; no machine's folders in them)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return Path(path).name


def scale_db_path(dossiers: int, scope: str = "city") -> Path:
    """Where the synthetic build of ``dossiers`` dossiers is kept (``data/`` is gitignored)."""
    from cchc.datagen.city import scale_path

    return scale_path(dossiers, scope)


def _existing_build(path: Path) -> tuple[int, str] | None:
    """(dossiers, scope) of a synthetic build at ``path`` (scope 'city' when the file
    predates scopes), or None when it is not one."""
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = dict(con.execute("SELECT key, value FROM dataset_info").fetchall())
        if rows.get("kind") != "synthetic" or "dossiers" not in rows:
            return None
        return int(rows["dossiers"]), rows.get("scope", "city")
    except (duckdb.Error, KeyError, ValueError):
        return None
    finally:
        con.close()


def ensure_scale_db(dossiers: int, path: Path | None = None, out=print, scope: str = "city") -> tuple[Path, float | None]:
    """The synthetic build of ``dossiers`` dossiers at ``scope``, built unless a matching
    file exists.

    Returns its path and the build time in seconds (None when an existing file was reused).
    """
    from cchc.datagen.city import build_city

    path = Path(path) if path else scale_db_path(dossiers, scope)
    if path.exists() and _existing_build(path) == (dossiers, scope):
        _refresh_if_stale(path, out)
        return path, None
    out(f"building {path} ({dossiers:,} dossiers, {scope}) ...")
    summary = build_city(path, dossiers, scope=scope, progress=lambda msg: out(f"  {msg}"))
    return path, float(summary["seconds"])


# The units of one province as its office sees them: since the reform, the province's
# desk and the communes under it; before, every unit whose default successor is one of
# them (its old communes, and its district desks, which pass to the province's desk).
# Only units and unit_lineage are read, so any database with a lineage answers it.
_PROVINCE_UNITS_SQL = """
WITH province_desk AS (
    SELECT unit_code FROM units WHERE level = 'province' AND official_code = $province
), today AS (
    SELECT unit_code FROM province_desk
    UNION SELECT unit_code FROM units WHERE parent_code IN (SELECT unit_code FROM province_desk)
)
SELECT unit_code FROM today
UNION
SELECT old_unit_code FROM unit_lineage WHERE is_default AND new_unit_code IN (SELECT unit_code FROM today)
ORDER BY unit_code
"""


def province_units(path: Path, province: str) -> list[str]:
    """The unit codes of ``province`` (official code, e.g. '01') in the database at ``path``,
    before and since the reform; empty when it has none."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return [r[0] for r in con.execute(_PROVINCE_UNITS_SQL, {"province": province}).fetchall()]
    finally:
        con.close()


def _refresh_if_stale(path: Path, out=print) -> None:
    """Bring a city file written by an older version up to date, as the dashboard would
    (schema and rollups, on a copy swapped in), before anything is measured on it."""
    from cchc.store import rollups, writer

    if rollups.file_is_fresh(path):  # read-only: a dashboard may have the file open
        return
    out(f"refreshing the rollups of {path} ...")
    writer.refresh_file(path)


# --------------------------------------------------------------------------- the parent


def _run_child(approach: str, page: str, path: Path, reruns: int, units: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        env = {**os.environ, "CCHC_DB": str(path), "CCHC_BENCH_LAUNCH": repr(time.time())}
        cmd = [sys.executable, "-m", "bench.bench", "--child", approach, "--page", page,
               "--reruns", str(reruns), "--out", str(out)]
        if units:
            units_file = Path(tmp) / "units.json"
            units_file.write_text(json.dumps(units))
            cmd += ["--units", str(units_file)]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
            raise RuntimeError(f"the {approach} run of page {page} failed:\n{tail}")
        return json.loads(out.read_text())


def _summary(duck: dict, pand: dict | None) -> dict:
    rerun, sql = statistics.median(duck["rerun_ms"]), statistics.median(duck["sql_ms"])
    prerun = statistics.median(pand["rerun_ms"]) if pand else None
    return {
        "rerun_ms": round(rerun, 1),
        "sql_ms": round(sql, 1),
        "rss_mb": round(duck["rss_mb"], 1),
        "start_ms": round(duck["start_ms"], 1),
        "speedup": round(prerun / rerun, 1) if rerun and prerun else None,
        "rerun_over_sql": round(rerun / sql, 2) if sql else None,
        "rss_ratio": round(duck["rss_mb"] / pand["rss_mb"], 3) if pand and pand["rss_mb"] else None,
        "rerun_ms_all": [round(v, 1) for v in duck["rerun_ms"]],
        "queries_ms": duck["queries_ms"],
    }


def _measure_server_start(path: Path, out) -> tuple[float | None, list, list]:
    """The median of SERVER_START_RUNS server starts (None without a browser), the single
    starts and their parts."""
    out(f"server start ({SERVER_START_RUNS} times) ...")
    starts, parts = [], []
    for _ in range(SERVER_START_RUNS):
        ms = measure_server_start(path)
        if ms is None:
            break
        starts.append(round(ms, 1))
        parts.append(measure_server_start.last)
    return (statistics.median(starts) if starts else None), starts, parts


def _scopes(path: Path, scope: str, province: str) -> list[tuple[str, list[str] | None]]:
    """(scope label, units selected or None for every unit) to measure: every unit, and on a
    nation the units of ``province`` as well."""
    scopes: list[tuple[str, list[str] | None]] = [(scope, None)]
    if scope == "nation":
        units = province_units(path, province)
        if not units:
            raise RuntimeError(f"the database has no units of province {province}")
        scopes.append((f"province {province}", units))
    return scopes


def _row(page: str, label: str, dossiers: int, duck: dict, pand: dict | None, server_start_ms) -> dict:
    """One result row: a page at one scope, the dashboard (and the pandas approach)."""
    main = _summary(duck, pand)
    return {
        "page": page,
        "scope": label,
        "dossiers": dossiers,
        "rerun_ms": main.pop("rerun_ms"),
        "sql_ms": main.pop("sql_ms"),
        "pandas_rerun_ms": round(statistics.median(pand["rerun_ms"]), 1) if pand else None,
        "rss_mb": main.pop("rss_mb"),
        "pandas_rss_mb": round(pand["rss_mb"], 1) if pand else None,
        "start_ms": main.pop("start_ms"),
        "server_start_ms": None if server_start_ms is None else round(server_start_ms, 1),
        "pandas_start_ms": round(pand["start_ms"], 1) if pand else None,
        **main,
        "reruns": len(duck["rerun_ms"]),
        "periods": duck["periods"],
        "pandas_rerun_ms_all": [round(v, 1) for v in pand["rerun_ms"]] if pand else None,
    }


def run_benchmark(dossiers: int, pages=PAGES, reruns: int = 7, path: Path | None = None, out=print,
                  server_start: bool = True, pandas: bool = True, scope: str = "city",
                  province: str = "01") -> dict:
    """Build or reuse the city or nation (refreshing stale rollups), run every page both
    ways (on a nation: with every unit, then with ``province``'s units), return the results."""
    path, build_seconds = ensure_scale_db(dossiers, path, out, scope)
    server_start_ms, server_starts, server_parts = None, [], []
    if server_start:
        server_start_ms, server_starts, server_parts = _measure_server_start(path, out)
    rows = []
    for label, units in _scopes(path, scope, province):
        for page in pages:
            out(f"page {page} ({label}): duckdb ...")
            duck = _run_child("duckdb", page, path, reruns, units)
            pand = None
            if pandas and units is None:  # the tutorial's pages have no unit filter
                out(f"page {page}: pandas ...")
                pand = _run_child("pandas", page, path, reruns)
            rows.append(_row(page, label, dossiers, duck, pand, server_start_ms))
    return {"dossiers": dossiers, "scope": scope, "province": province if scope == "nation" else None,
            "database": _shown_path(path), "build_seconds": build_seconds,
            "server_start_ms": None if server_start_ms is None else round(server_start_ms, 1),
            "server_start_all_ms": server_starts or None,
            "server_start_parts": server_parts or None,
            "rows": rows}


def _fmt(v, unit="") -> str:
    if v is None:
        return "–"
    if abs(v) >= 100:
        return f"{v:,.0f}{unit}"
    return f"{v:,.1f}{unit}" if abs(v) >= 1 else f"{v:.2f}{unit}"


def format_table(result: dict) -> str:
    """The results as a Markdown table (also what the command prints)."""
    head = ("| page | re-run ms | SQL ms | re-run/SQL | pandas re-run ms | speed-up | RSS MB | pandas RSS MB "
            "| RSS ratio | start ms | pandas start ms |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in result["rows"]:
        page = r["page"] if not str(r.get("scope", "")).startswith("province") else f"{r['page']} ({r['scope']})"
        lines.append(
            f"| {page} | {_fmt(r['rerun_ms'])} | {_fmt(r['sql_ms'])} | {_fmt(r['rerun_over_sql'])} "
            f"| {_fmt(r['pandas_rerun_ms'])} | {_fmt(r['speedup'], '×')} | {_fmt(r['rss_mb'])} "
            f"| {_fmt(r['pandas_rss_mb'])} | {_fmt(r['rss_ratio'])} | {_fmt(r['start_ms'])} "
            f"| {_fmt(r['pandas_start_ms'])} |"
        )
    return "\n".join(lines)


def _option(args: argparse.Namespace, name: str, env: str, default):
    value = getattr(args, name, None)
    if value is None:
        value = os.environ.get(env) or default
    return value


def run_cli(args: argparse.Namespace) -> int:
    """`python -m cchc bench --dossiers N [--json FILE]`: run, print the table, write JSON."""
    if args.dossiers < 1_000:
        print("error: --dossiers must be at least 1000", file=sys.stderr)
        return 2
    # optional settings: flags when the parser has them, else environment variables
    try:
        reruns = int(_option(args, "reruns", "CCHC_BENCH_RERUNS", 7))
    except ValueError:
        print("error: the number of re-runs must be a whole number", file=sys.stderr)
        return 2
    server = _option(args, "server_start", "CCHC_BENCH_SERVER_START", "1") not in ("0", False)
    db_file = _option(args, "db", "CCHC_BENCH_DB", None)
    if not MIN_RERUNS <= reruns <= MAX_RERUNS:
        print(f"error: the number of re-runs must be between {MIN_RERUNS} and {MAX_RERUNS}", file=sys.stderr)
        return 2
    pages = _option(args, "pages", "CCHC_BENCH_PAGES", ",".join(PAGES))
    pages = [p.strip() for p in pages.split(",") if p.strip()]
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        print(f"error: unknown page(s) {', '.join(unknown)}; pages: {', '.join(PAGES)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result = run_benchmark(args.dossiers, pages, reruns, db_file, server_start=server,
                               pandas=getattr(args, "pandas", True), scope=getattr(args, "scope", None) or "city",
                               province=getattr(args, "province", None) or "01")
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["machine"] = machine_description()
    print()
    print(f"{args.dossiers:,} dossiers ({result['scope']}), {reruns} re-runs per page (medians); "
          f"{'built in ' + str(result['build_seconds']) + ' s' if result['build_seconds'] else 'database reused'}")
    print(format_table(result))
    if result["server_start_ms"] is not None:
        print(f"server start to first page drawn in Chromium: {result['server_start_ms']:,.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(result["rows"], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        meta = Path(args.json).with_suffix(".meta.json")
        meta.write_text(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=2) + "\n",
                        encoding="utf-8")
        print(f"wrote {args.json} and {meta}")
    return 0


def machine_description() -> dict:
    """CPU model, cores and memory of this machine (Linux), for the benchmark notes."""
    info = {"cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    import duckdb
    import pandas
    import streamlit

    info.update(python=sys.version.split()[0], duckdb=duckdb.__version__, pandas=pandas.__version__,
                streamlit=streamlit.__version__)
    return info


# --------------------------------------------------------------------------- a real server


CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
_APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
# Every chart on the page drawn: each Plotly chart has its main SVG.
_CHARTS_DRAWN = """() => {
  const plotly = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return plotly.length > 0 && plotly.every(e => e.querySelector('.main-svg'));
}"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_command(port: int) -> list[str]:
    """``streamlit run dashboard.py`` headless on 127.0.0.1:``port``, without file watching
    or usage statistics."""
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def _open_browser(p, profile: Path | None):
    """(the browser or persistent context to close, a page at 1366×768): a new context
    without ``profile``, else a persistent one keeping its cache in ``profile``."""
    options = dict(executable_path=CHROMIUM, headless=True,
                   args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
    if profile is None:
        browser = p.chromium.launch(**options)
        return browser, browser.new_page(viewport={"width": 1366, "height": 768})
    browser = p.chromium.launch_persistent_context(str(profile), viewport={"width": 1366, "height": 768},
                                                   **options)
    return browser, (browser.pages[0] if browser.pages else browser.new_page())


def _wait_until_listening(server: subprocess.Popen, url: str, started: float, timeout: float) -> bool:
    """Poll the server's health check until it answers (True), or the server ends or
    ``timeout`` seconds pass since ``started`` (False)."""
    import urllib.request

    while True:
        if time.perf_counter() - started > timeout or server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)


def _wait_until_drawn(page, url: str, timeout: float) -> None:
    """Open ``url`` and wait for the first page drawn: KPI tiles shown, the script
    finished, every chart drawn."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout * 1000)
    page.wait_for_selector(_APP_IDLE, timeout=timeout * 1000)
    page.wait_for_function(_CHARTS_DRAWN, timeout=timeout * 1000)


def _stop(server: subprocess.Popen) -> None:
    """End the server: politely, then (after 10 s) by force."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def measure_server_start(path: Path, timeout: float = 120.0, profile: Path | None = None,
                         port: int | None = None) -> float | None:
    """Milliseconds from launching ``streamlit run dashboard.py`` on ``path`` to the first
    page drawn in a headless Chromium: its KPI tiles shown, the script finished and every
    chart drawn. Each start uses a new browser context, so nothing is cached in the browser;
    with ``profile`` (a folder), the browser runs with that profile, keeping its cache from
    one start to the next (a warm start: Streamlit's and Plotly's scripts already cached;
    give the same ``port`` too, since the browser's cache is kept per address).

    The browser is started first and is not counted. None when Playwright or Chromium is
    not installed (they are test dependencies).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    port = port or free_port()
    env = {**os.environ, "CCHC_DB": str(path)}
    with sync_playwright() as p:
        browser, page = _open_browser(p, profile)
        started = time.perf_counter()
        server = subprocess.Popen(_server_command(port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            if not _wait_until_listening(server, url, started, timeout):
                return None
            listening = time.perf_counter()
            _wait_until_drawn(page, url, timeout)
            done = time.perf_counter()
            measure_server_start.last = {"listening_ms": round((listening - started) * 1000, 1),
                                         "first_page_ms": round((done - listening) * 1000, 1)}
            return (done - started) * 1000
        finally:
            _stop(server)
            browser.close()


# --------------------------------------------------------------------------- the child


# Page ids are the URL paths with "_" for "-"; the files are named in English.
PAGE_FILES = {"overview": "overview", "tien_do": "progress", "xep_hang": "ranking", "thu_tuc": "procedures",
              "ho_so": "dossiers", "du_lieu": "data"}


def page_file(page: str) -> str:
    """The dashboard's file of a page id: ``tien_do`` -> ``app_pages/progress.py``."""
    if page not in PAGE_FILES:
        raise SystemExit(f"no page file for {page} in app_pages/")
    return f"app_pages/{PAGE_FILES[page]}.py"


def _periods(path: str) -> list[str]:
    import duckdb

    from cchc.core.filters import period_options

    con = duckdb.connect(path, read_only=True)
    try:
        first, last = con.execute("SELECT min(received_date), max(received_date) FROM dossiers").fetchone()
    finally:
        con.close()
    return period_options(PERIOD_KIND, first, last)


def _record_queries(dbmod) -> tuple[dict[tuple, tuple], object]:
    """Replace ``run_query`` by one that also records each distinct call (name, database,
    parameters) in the returned dict; returns it with the original ``run_query``."""
    calls: dict[tuple, tuple] = {}
    original = dbmod.run_query

    def recording(name, db=None, **params):
        key = (name, str(db), repr(sorted(params.items(), key=lambda kv: kv[0])))
        calls.setdefault(key, (name, db, params))
        return original(name, db, **params)

    dbmod.run_query = recording  # before any page imports it
    return calls, original


def _first_run(approach: str, page: str, launched: float, units: list[str] | None = None):
    """The app of ``approach`` run once and shown at ``page`` (with ``units`` selected in the
    URL, as a link to a province's view would); returns it and the milliseconds from
    ``launched`` to the end of its first run."""
    from streamlit.testing.v1 import AppTest

    if approach == "pandas":
        os.environ["CCHC_BENCH_PAGE"] = page
        at = AppTest.from_file(str(PANDAS_APP), default_timeout=900)
    else:
        at = AppTest.from_file(str(APP), default_timeout=900)
    if units:
        at.query_params["unit"] = units
    at.run()
    start_ms = (time.time() - launched) * 1000
    _check(at, approach, page)
    if approach == "duckdb" and page != "overview":
        at.switch_page(page_file(page))
        at.run()
        _check(at, approach, page)
    return at, start_ms


def _period_sequence(at, path: str, reruns: int) -> list[str]:
    """The periods to switch to: ``reruns`` + 1, none the current one. The newest are
    measured, newest first (so both sides of the 1 July 2025 reform are measured: the
    half-years since it and those before); the oldest of them is the warm-up, run first."""
    options = _periods(path)
    current = at.selectbox(key="f_period").value
    chosen = [p for p in options if p != current][: reruns + 1]
    if len(chosen) < reruns + 1:
        raise SystemExit(f"only {len(chosen)} periods to switch to; need {reruns + 1}")
    return [chosen[-1], *chosen[:-1]]


def _time_queries_alone(dbmod, calls: dict[tuple, tuple], original, per_query: dict[str, list]) -> float:
    """Each query of a re-run again, alone, with the result cache empty (its time added to
    ``per_query``); then the cache as the re-run left it, so that the next re-run starts as
    a user's would. Returns the sum of the times in milliseconds."""
    with dbmod._lock:
        kept_results = dbmod._cache.copy()
    total = 0.0
    for name, db_, params in calls.values():
        with dbmod._lock:
            dbmod._cache.clear()
        t0 = time.perf_counter()
        original(name, db_, **params)
        ms = (time.perf_counter() - t0) * 1000
        total += ms
        per_query.setdefault(name, []).append(ms)
    with dbmod._lock:
        dbmod._cache.clear()
        dbmod._cache.update(kept_results)
    return total


def _child(approach: str, page: str, reruns: int, out: Path, units: list[str] | None = None) -> None:
    """One (approach, page) measurement in this process: the first run, then re-runs after
    a change of period (the first a warm-up), their queries timed alone; the results go to
    ``out`` as JSON."""
    import logging

    launched = float(os.environ.get("CCHC_BENCH_LAUNCH", time.time()))
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from cchc.store import db as dbmod

    calls, original = _record_queries(dbmod)
    path = os.environ["CCHC_DB"]
    at, start_ms = _first_run(approach, page, launched, units)
    sequence = _period_sequence(at, path, reruns)
    rerun_ms, sql_ms, per_query = [], [], {}
    for i, code in enumerate(sequence):
        calls.clear()
        at.selectbox(key="f_period").set_value(code)
        t0 = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - t0) * 1000
        _check(at, approach, page)
        if i == 0:
            continue  # warm-up
        rerun_ms.append(elapsed)
        if approach == "duckdb":
            sql_ms.append(_time_queries_alone(dbmod, calls, original, per_query))
    rss_mb = peak_rss_mb()
    out.write_text(json.dumps({
        "rerun_ms": rerun_ms, "sql_ms": sql_ms, "rss_mb": rss_mb, "start_ms": start_ms,
        "periods": sequence[1:],
        "queries_ms": {k: round(statistics.median(v), 1) for k, v in sorted(per_query.items())},
    }))


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM of /proc/self/status (Linux).

    Not ``getrusage``: its ``ru_maxrss`` survives fork and exec, so a child would report
    its parent's peak when that was higher.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check(at, approach: str, page: str) -> None:
    if at.exception:
        raise SystemExit(f"{approach} {page}: {at.exception[0].value}")
    if approach == "duckdb" and at.error:
        raise SystemExit(f"{approach} {page}: {at.error[0].value}")


def _child_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench")
    parser.add_argument("--child", choices=["duckdb", "pandas"], required=True)
    parser.add_argument("--page", choices=PAGES, required=True)
    parser.add_argument("--reruns", type=int, default=7)
    parser.add_argument("--out", required=True)
    parser.add_argument("--units", help="a JSON file listing the unit codes to select")
    args = parser.parse_args(argv)
    units = json.loads(Path(args.units).read_text()) if args.units else None
    _child(args.child, args.page, args.reruns, Path(args.out), units)
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
