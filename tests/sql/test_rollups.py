"""The rollups (cchc/store/rollups.py) never change an answer: for random periods and filters,
every period query of queries/ that reads the rollups returns exactly the rows of its
reference in tests/reference_queries/ (the same question written on the schema's
dossier_period alone, reading every dossier), and dossier_period_recent exactly the rows of
dossier_period. Property-based (hypothesis), on a small synthetic city with extra awkward
rows and on the hand-written tiny database."""

import importlib
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.core.dossier_list import ALL_RECEIVED, received_window
from cchc.datagen.city import build_city
from cchc.store import rollups
from cchc.store.db import QUERIES_DIR, query_text
from tests.apptest import open_app
from tests.paths import ROOT

REFERENCE_DIR = ROOT / "tests" / "reference_queries"
# This dossier-list query differs from its reference only in the classification macro
# it reads, so its reference is derived from it rather than kept as a copy.
DERIVED_REFERENCES = ("dossier_list_count",)
REFERENCES = sorted([p.stem for p in REFERENCE_DIR.glob("*.sql")] + list(DERIVED_REFERENCES))


def reference_sql(name: str) -> str:
    """The dossier_period-based reference of a query (file, or derived for the list queries)."""
    if name in DERIVED_REFERENCES:
        return query_text(name).replace("dossier_period_recent(", "dossier_period(")
    return (REFERENCE_DIR / f"{name}.sql").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
LIST_EXTRA = {"states": [], "late_only": False, "procedures": [], "search": ""}


def _awkward_rows(con) -> None:
    """Rows the generator does not make: no due date, a procedure outside the catalogue (no
    field), two supplement requests, waiting for a supplement for a year, finished on the
    day of receipt, withdrawn long after receipt; dossier and procedure codes with Vietnamese
    letters (the search folds those row by row)."""
    con.execute("""
        INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,
                              finished_date, state, supplement_requested_date, supplement_supplied_date,
                              supplement_count)
        SELECT CASE WHEN i % 6 = 1 THEN 'HS-ĐẤT-' ELSE 'AWK-' END || i, u.unit_code,
               CASE WHEN i % 3 = 0 THEN 'X.NOT-IN-CATALOGUE' WHEN i % 6 = 5 THEN 'X.CHỨNG-THỰC' ELSE p.procedure_code END,
               ['in_person', 'online', 'postal'][1 + i % 3],
               DATE '2017-02-01' + (i * 37) % 1700,
               CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2017-02-01' + (i * 37) % 1700 + i % 20 END,
               CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2017-02-01' + (i * 37) % 1700 + (i * 7) % 400 END,
               CASE WHEN i % 5 = 0 THEN (CASE WHEN i % 2 = 0 THEN 5 ELSE 4 END)
                    WHEN i % 7 = 0 THEN 7 ELSE 10 END,
               CASE WHEN i % 2 = 0 THEN DATE '2017-02-01' + (i * 37) % 1700 + 1 END,
               CASE WHEN i % 2 = 0 AND i % 5 <> 0 THEN DATE '2017-02-01' + (i * 37) % 1700 + 3 END,
               CASE WHEN i % 2 = 0 THEN 1 + (i % 4 = 0)::INTEGER ELSE 0 END
        FROM (SELECT range::INTEGER AS i FROM range(1, 400)) AS r
        JOIN (SELECT unit_code, row_number() OVER (ORDER BY unit_code) AS n FROM units) AS u
          ON u.n = 1 + (i * 13) % 600
        JOIN (SELECT procedure_code, row_number() OVER (ORDER BY procedure_code) AS n FROM procedures) AS p
          ON p.n = 1 + (i * 11) % 300
    """)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    path = tmp_path_factory.mktemp("rollups") / "city.duckdb"
    build_city(path, 15_000, seed=11)
    con = duckdb.connect(str(path))
    _awkward_rows(con)
    rollups.refresh(con)
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    yield con, [r[0] for r in con.execute("SELECT unit_code FROM units ORDER BY unit_code").fetchall()]
    con.close()


@pytest.fixture(scope="module")
def tiny(tiny_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("rollups_tiny") / "tiny.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    rollups.refresh(con)
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    yield con, [r[0] for r in con.execute("SELECT unit_code FROM units ORDER BY unit_code").fetchall()]
    con.close()


FIELDS = ["ho-tich", "chung-thuc", "dat-dai", "xay-dung", "lao-dong-tbxh", "van-hoa"]
CHANNELS = ["in_person", "online", "postal"]


@st.composite
def filters(draw, first: date, days: int, unit_codes: list[str]):
    start = first + timedelta(days=draw(st.integers(0, days)))
    if draw(st.booleans()):  # a calendar month, quarter or half-year, as the pages ask
        start = start.replace(day=1)
        months = draw(st.sampled_from([1, 3, 6, 12, 24]))
        year, month = divmod(start.month - 1 + months, 12)
        end = date(start.year + year, month + 1, 1) - timedelta(days=1)
    else:
        end = start + timedelta(days=draw(st.integers(0, 500)))
    units = unit_codes if draw(st.booleans()) else draw(
        st.lists(st.sampled_from(unit_codes), min_size=1, max_size=12, unique=True))
    fields = draw(st.one_of(st.just([]), st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True)))
    channels = draw(st.one_of(st.just([]), st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=2, unique=True)))
    return {"start": start, "end": end, "units": units, "fields": fields, "channels": channels}


# queries with a $history parameter (as the units were / as today's units): their references
# are the history 'then'; 'today' is checked in test_history_trends.py
HISTORY_QUERIES = ("ontime_trend_monthly", "trend_by_unit_monthly")


def _same(con, name: str, params: dict, fast_only: dict | None = None) -> None:
    """The query (with ``fast_only``, parameters its reference does not have) returns exactly
    the rows of its reference."""
    raw = con.execute(reference_sql(name), params).df()
    fast = con.execute(query_text(name), {**params, **(fast_only or {})}).df()
    if name in HISTORY_QUERIES:  # as the units were: the history columns say nothing is approximate
        assert not fast["is_approx"].any() and fast["approx_from"].isna().all()
        fast = fast.drop(columns=["is_approx", "approx_from"])
    pd.testing.assert_frame_equal(raw, fast, check_exact=True)


@st.composite
def list_options(draw):
    """The dossier list's own filters, order and page, as the page binds them."""
    from cchc.core.dossier_list import LIST_STATES, SORT_KEYS

    return {
        "states": draw(st.one_of(st.just([]), st.lists(st.sampled_from(LIST_STATES), min_size=1, max_size=3,
                                                        unique=True))),
        "late_only": draw(st.booleans()),
        "procedures": [],
        "search": draw(st.sampled_from(["", "", "", "hs", "p0", "đất", "CHỨNG", "đất-1", "Chứng-Thực"])),
        "sort": draw(st.sampled_from([*SORT_KEYS, "not-a-key"])),
        "descending": draw(st.booleans()),
        "limit": draw(st.sampled_from([1, 7, 50])),
        "offset": draw(st.sampled_from([0, 0, 3, 50])),
    }


def _check(con, name: str, params: dict) -> None:
    options = params.pop("options")
    count_options = {k: options[k] for k in LIST_EXTRA}
    extra = {"ontime_by_procedure": {"min_resolved": params.pop("min_resolved")},
             "dossier_list_count": count_options,
             "dossier_list": options}
    params.pop("min_resolved", None)
    every_date = dict(zip(("received_from", "received_to"), ALL_RECEIVED))
    fast_only = every_date if name == "dossier_list" else {"history": "then"} if name in HISTORY_QUERIES else None
    _same(con, name, {**params, **extra.get(name, {})}, fast_only)


# queries that read the rollups and are proven equal to one of the queries above elsewhere
CHECKED_ELSEWHERE = {
    "dossier_balance_groups": "test_kpis_groups.py",  # = dossier_balance's total rows
}


def test_every_query_reading_the_rollups_has_a_reference():
    rollup_objects = ("dossier_flows_between", "dossier_flows_monthly", "dossier_period_recent",
                      "dossiers_long_running")
    readers = {p.stem for p in QUERIES_DIR.glob("*.sql")
               if p.stem != "rollups_state"  # the freshness check names them, reads none
               and any(o in p.read_text(encoding="utf-8") for o in rollup_objects)}
    for name, test_file in CHECKED_ELSEWHERE.items():
        assert name in (Path(__file__).resolve().parent / test_file).read_text(encoding="utf-8")
    assert readers - set(CHECKED_ELSEWHERE) == set(REFERENCES) == {
        "dossier_balance", "ontime_trend_monthly", "trend_by_unit_monthly", "ontime_by_field",
        "ontime_by_procedure", "dossier_list", "dossier_list_count", "dossier_list_procedures",
        "dossier_list_window",
    }
    for name in REFERENCES:  # a reference reads the schema's macro only
        text = re.sub(r"--[^\n]*", "", reference_sql(name))  # code only, not comments
        assert "dossier_period(" in text and not any(o in text for o in rollup_objects)


@pytest.mark.parametrize("name", REFERENCES)
def test_queries_equal_their_references_on_a_city(city, name):
    con, units = city

    @SETTINGS
    @given(f=filters(date(2016, 12, 1), 5 * 365 + 60, units), min_resolved=st.integers(0, 8), options=list_options())
    def check(f, min_resolved, options):
        _check(con, name, {**f, "min_resolved": min_resolved, "options": options})

    check()


@pytest.mark.parametrize("name", REFERENCES)
def test_queries_equal_their_references_on_the_tiny_database(tiny, name):
    con, units = tiny

    @SETTINGS
    @given(f=filters(date(2017, 11, 15), 120, units), min_resolved=st.integers(0, 2), options=list_options())
    def check(f, min_resolved, options):
        _check(con, name, {**f, "fields": [], "min_resolved": min_resolved, "options": options})

    check()


@pytest.mark.parametrize("db", ["city", "tiny"])
def test_a_page_in_received_order_read_within_its_window_is_the_page(request, db):
    """The list sorted by received date without list filters reads only the received dates
    cchc.core.dossier_list.received_window gives (from the rollups' monthly counts and the
    balance's carried over); the page must be the page of the reference, which reads all."""
    con, units = request.getfixturevalue(db)
    narrowed = []

    @SETTINGS
    @given(f=filters(date(2016, 12, 1), 5 * 365 + 60, units) if db == "city" else filters(date(2017, 11, 15), 120, units),
           descending=st.booleans(), limit=st.sampled_from([1, 7, 50, 400]),
           offset=st.sampled_from([0, 0, 3, 50, 900, 5000]))
    def check(f, descending, limit, offset):
        if db == "tiny":
            f = {**f, "fields": []}
        params = {**f, **LIST_EXTRA, "sort": "received", "descending": descending, "limit": limit, "offset": offset}
        months = con.execute(query_text("dossier_list_window"), f).df()
        balance = con.execute(query_text("dossier_balance"), f).df()
        carried = int(balance.loc[balance["is_total"], "carried_over"].iloc[0])
        window = received_window(params, months, carried)
        narrowed.append(window != ALL_RECEIVED)
        _same(con, "dossier_list", params, dict(zip(("received_from", "received_to"), window)))

    check()
    assert any(narrowed)  # the narrowing was exercised, not only the full read


@pytest.mark.parametrize("db", ["city", "tiny"])
def test_the_list_count_is_the_number_of_rows_of_the_reference_list(request, db):
    """dossier_list_count's reference is derived from its own text, so its search (codes
    folded only when not ASCII, names once per procedure) is checked here against the rows of
    the dossier_list reference, which folds every value of every row."""
    con, units = request.getfixturevalue(db)

    @SETTINGS
    @given(f=filters(date(2016, 12, 1), 5 * 365 + 60, units) if db == "city" else filters(date(2017, 11, 15), 120, units),
           options=list_options())
    def check(f, options):
        if db == "tiny":
            f = {**f, "fields": []}
        count_options = {k: options[k] for k in LIST_EXTRA}
        matching = con.execute(query_text("dossier_list_count"), {**f, **count_options}).fetchone()[0]
        rows = con.execute(reference_sql("dossier_list"),
                           {**f, **options, "limit": 10**9, "offset": 0}).df()
        assert matching == len(rows)

    check()


@pytest.mark.parametrize("search", ["đất-1", "CHỨNG-thực"])
def test_a_search_folds_codes_with_vietnamese_letters(city, search):
    # 'HS-ĐẤT-1…' dossier codes and the 'X.CHỨNG-THỰC' procedure code of the awkward rows match
    # only when the code itself is folded (no procedure name holds 'dat-1' or 'chung-thuc')
    con, units = city
    f = {"start": date(2016, 12, 1), "end": date(2022, 1, 31), "units": units, "fields": [], "channels": []}
    options = {**LIST_EXTRA, "search": search, "sort": "code", "descending": False, "limit": 10**9, "offset": 0}
    reference = con.execute(reference_sql("dossier_list"), {**f, **options}).df()
    assert len(reference) > 10
    assert all(code.startswith("HS-ĐẤT-1") for code in reference["dossier_code"]) if search == "đất-1" else \
        set(reference["procedure_code"]) == {"X.CHỨNG-THỰC"}
    _same(con, "dossier_list", {**f, **options}, dict(zip(("received_from", "received_to"), ALL_RECEIVED)))
    count = con.execute(query_text("dossier_list_count"), {**f, **{k: options[k] for k in LIST_EXTRA}}).fetchone()[0]
    assert count == len(reference)


def test_received_window_reads_the_months_a_page_needs():
    months = pd.DataFrame({"month": pd.to_datetime(["2018-01-01", "2018-02-01", "2018-03-01"]),
                           "received": [30, 40, 50]})
    base = {**LIST_EXTRA, "start": date(2018, 1, 10), "end": date(2018, 3, 20), "sort": "received", "limit": 10}
    # ascending: 25 carried over come first, then January's 30, February's 40 ...
    assert received_window({**base, "descending": False, "offset": 10}, months, 25) == (date(1, 1, 1), date(2018, 1, 9))
    assert received_window({**base, "descending": False, "offset": 20}, months, 25) == (date(1, 1, 1), date(2018, 1, 31))
    assert received_window({**base, "descending": False, "offset": 85}, months, 25) == (date(1, 1, 1), date(2018, 2, 28))
    assert received_window({**base, "descending": False, "offset": 136}, months, 25) == ALL_RECEIVED
    # descending: March's 50 (to the period's end), then February's 40 ...
    assert received_window({**base, "descending": True, "offset": 40}, months, 25) == (date(2018, 3, 1), date(9999, 12, 31))
    assert received_window({**base, "descending": True, "offset": 41}, months, 25) == (date(2018, 2, 1), date(9999, 12, 31))
    assert received_window({**base, "descending": True, "offset": 110}, months, 25) == (date(2018, 1, 10), date(9999, 12, 31))
    assert received_window({**base, "descending": True, "offset": 111}, months, 25) == ALL_RECEIVED
    # another order or a list filter of its own: every date
    assert received_window({**base, "descending": False, "offset": 0, "sort": "code"}, months, 25) == ALL_RECEIVED
    assert received_window({**base, "descending": False, "offset": 0, "late_only": True}, months, 25) == ALL_RECEIVED


def test_recent_macro_gives_the_rows_of_the_schema_macro(city):
    con, _ = city

    @SETTINGS
    @given(start=st.dates(date(2016, 6, 1), date(2022, 6, 1)), days=st.integers(0, 700))
    def check(start, days):
        end = start + timedelta(days=days)
        raw = con.execute("SELECT * FROM dossier_period($s, $e) ORDER BY dossier_code", {"s": start, "e": end}).df()
        fast = con.execute("SELECT * FROM dossier_period_recent($s, $e) ORDER BY dossier_code",
                           {"s": start, "e": end}).df()
        pd.testing.assert_frame_equal(raw, fast, check_exact=True)

    check()


def test_flows_of_whole_months_and_cut_months_add_up(city):
    con, _ = city
    # a range cut at both ends = its two edges + the whole months between, exactly
    whole = con.execute("""SELECT sum(received), sum(resolved_late) FROM dossier_flows_between(
                               DATE '2019-03-01', DATE '2019-08-31')""").fetchone()
    raw = con.execute("""SELECT count(*) FILTER (WHERE is_received), count(*) FILTER (WHERE outcome = 'late')
                         FROM dossier_period(DATE '2019-03-01', DATE '2019-08-31')""").fetchone()
    assert whole == raw and whole[0] > 0


def test_refresh_records_what_it_was_built_from(tmp_path):
    path = tmp_path / "fresh.duckdb"
    build_city(path, 2_000, seed=5)
    con = duckdb.connect(str(path))
    try:
        assert rollups.is_fresh(con)
        con.execute("DELETE FROM dossiers WHERE rowid IN (SELECT rowid FROM dossiers LIMIT 3)")
        assert not rollups.is_fresh(con)
        counts = rollups.refresh(con)
        assert rollups.is_fresh(con)
        assert counts["dossier_flows_monthly"] > 0
        assert con.execute("SELECT sum(received) FROM dossier_flows_monthly").fetchone()[0] == con.execute(
            "SELECT count(*) FROM dossiers WHERE state NOT IN (1, 3)").fetchone()[0]
    finally:
        con.close()


def test_a_classification_template_of_another_shape_is_refused(tmp_path, monkeypatch):
    # The one classification is a template (cchc/store/sql/dossier_period.sql) instantiated
    # for the schema and for the rollups: a template without the rows placeholder cannot
    # silently give a dossier_period_recent that reads every dossier (or nothing).
    from cchc.store import sqlfiles

    (tmp_path / "dossier_period.sql").write_text(
        "-- header\nCREATE OR REPLACE MACRO {{name}}(a, b) AS TABLE SELECT * FROM other;\n")
    (tmp_path / "recent_dossiers.sql").write_text(sqlfiles.text("recent_dossiers"))
    monkeypatch.setattr(sqlfiles, "SQL_DIR", tmp_path)
    sqlfiles.text.cache_clear()
    try:
        with pytest.raises(rollups.RollupError, match=r"dossier_period\.sql has no placeholder \{\{dossiers\}\}"):
            rollups.recent_macro_sql()
    finally:
        sqlfiles.text.cache_clear()


def test_the_two_classification_macros_are_one_text():
    # dossier_period and dossier_period_recent differ only in the rows they read.
    from cchc.store import sqlfiles

    recent_rows = sqlfiles.instantiate("recent_dossiers", long_days=rollups.LONG_DAYS).strip()
    full = sqlfiles.instantiate("dossier_period", name="dossier_period", dossiers="dossiers")
    recent = rollups.recent_macro_sql()
    assert recent.count(recent_rows) == 1
    assert recent.replace(recent_rows, "dossiers").replace("dossier_period_recent(", "dossier_period(") == full
    assert "received_date >= period_start - 45 AND received_date <= period_end" in recent


# -- databases written by an older version (no rollups) or changed behind their back ------

NEW_DOSSIER = ("D99", "le-loi", "P2", "in_person", "2018-01-10", "2018-01-12", "2018-01-19", 10)
BALANCE = {"start": date(2018, 1, 1), "end": date(2018, 1, 31), "fields": [], "channels": []}


def _outdated_copy(tiny_db, tmp_path, how: str):
    """A copy of the tiny database with a dossier the rollups do not know of; ``missing``:
    also without any rollup object, as written by a version before them."""
    path = tmp_path / "district.duckdb"
    shutil.copy(tiny_db, path)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,"
                " finished_date, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(NEW_DOSSIER))
    if how == "missing":
        con.execute("DROP MACRO TABLE dossier_flows_between")
        con.execute("DROP MACRO TABLE dossier_period_recent")
        con.execute("DROP TABLE dossier_flows_monthly")
        con.execute("DROP TABLE dossiers_long_running")
        con.execute("DELETE FROM dataset_info WHERE key = 'rollups_dossiers'")
    con.close()
    return path


def _reference_balance(path, units):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute((REFERENCE_DIR / "dossier_balance.sql").read_text(encoding="utf-8"),
                           {**BALANCE, "units": units}).df()
    finally:
        con.close()


@pytest.mark.parametrize("how", ["stale", "missing"])
def test_the_app_brings_an_outdated_database_up_to_date_before_reading_it(tiny_db, tmp_path, monkeypatch, how):
    from cchc.store import db

    path = _outdated_copy(tiny_db, tmp_path, how)
    assert not rollups.file_is_fresh(path)
    units = ["le-loi", "kim-son", "trung-hung", "xuan-khanh"]
    expected = _reference_balance(path, units)
    at = open_app(path, monkeypatch=monkeypatch, params={"period": "2018-01"})
    assert not at.exception and not at.error
    assert rollups.file_is_fresh(path)
    got = db.run_query("dossier_balance", path, **BALANCE, units=units)
    pd.testing.assert_frame_equal(expected, got, check_exact=True)
    # the new dossier is counted: one more received at le-loi than in the tiny database
    assert got.loc[got["unit_code"] == "le-loi", "received"].iloc[0] == db.run_query(
        "dossier_balance", tiny_db, **BALANCE, units=units).loc[lambda f: f["unit_code"] == "le-loi", "received"].iloc[0] + 1


def test_an_outdated_database_that_cannot_be_rewritten_is_refused_clearly(tiny_db, tmp_path, monkeypatch):
    from cchc.store import db
    writer = importlib.import_module("cchc.store.writer")

    path = _outdated_copy(tiny_db, tmp_path, "missing")
    before = path.read_bytes()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer, "write_copy", read_only)
    with pytest.raises(db.DataError, match=r"district\.duckdb .*refresh-rollups"):
        writer.refresh_file(path)
    at = open_app(path, monkeypatch=monkeypatch, params={"period": "2018-01"})
    assert not at.exception
    assert [e.value for e in at.error] and "refresh-rollups" in at.error[0].value
    assert path.read_bytes() == before  # nothing half-written


def test_an_import_into_a_database_without_rollups_builds_them(tiny_db, tmp_path):
    from cchc.importer.load import load
    from tests import import_fixtures as fx

    path = _outdated_copy(tiny_db, tmp_path, "missing")
    load(fx.dossiers_xlsx(), "so.xlsx", path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert rollups.is_fresh(con)
    finally:
        con.close()
    assert rollups.file_is_fresh(path)


def test_the_command_line_refreshes_a_database(tiny_db, tmp_path, capsys):
    from cchc.__main__ import main

    path = _outdated_copy(tiny_db, tmp_path, "stale")
    assert main(["refresh-rollups", "--db", str(path)]) == 0
    assert rollups.file_is_fresh(path)
    assert "rebuilt the rollups" in capsys.readouterr().out
