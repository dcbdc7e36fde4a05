"""The one start-up path (cchc/bootstrap.py): the one default period, shared by the
dashboard and the report; which databases are built, refreshed or refused."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc import bootstrap
from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.store import db
from tests.apptest import open_app


@pytest.mark.parametrize("covered_until, today, expected", [
    (date(2018, 12, 31), None, "2018-H2"),   # the data cover the half-year's last day
    (date(2018, 12, 30), None, "2018-H1"),
    (date(2018, 6, 30), None, "2018-H1"),
    (date(2018, 1, 31), None, "2017-H2"),
    (None, date(2018, 3, 1), "2017-H2"),    # no data: the latest half-year ended before today
])
def test_the_default_period_rule(covered_until, today, expected):
    assert bootstrap.default_period(covered_until, today) == Period.parse(expected)


def _dashboard_default(monkeypatch, path: Path) -> str:
    at = open_app(path, monkeypatch=monkeypatch, timeout=120)  # no ?period=: the default
    assert not at.exception and not at.error
    return at.session_state["f_period"]


def _report_default(monkeypatch, capsys, path: Path, tmp_path: Path) -> str:
    monkeypatch.setenv("CCHC_DB", str(path))
    assert main(["report", "--out", str(tmp_path / "r.pdf")]) == 0  # no --period: the default
    line = capsys.readouterr().out
    label = re.search(r"KB; (.*); database ", line).group(1)
    return label


def test_report_and_dashboard_open_on_the_same_period_on_the_demo(demo_db, monkeypatch, capsys, tmp_path):
    info = bootstrap.data_range(demo_db)
    # The demo's data end on Friday 30 October 2026 (the last complete month when the demo
    # was extended to today); 31 October - 1 November are a weekend, so the data cover up to
    # 1 November 2026: the latest complete half-year is the first half of 2026. (On the demo
    # of 2017-2018 this was 2018-H2, which needed the days off after Friday 28 December 2018
    # to count: its last received day alone would have said 2018-H1.)
    assert (db.as_date(info["last_received"]), db.as_date(info["covered_until"])) == (date(2026, 10, 30),
                                                                                      date(2026, 11, 1))
    assert _dashboard_default(monkeypatch, demo_db) == "2026-H1"
    assert _report_default(monkeypatch, capsys, demo_db, tmp_path) == Period.parse("2026-H1").label("vi")


def test_report_and_dashboard_open_on_the_same_period_on_the_tiny_fixture(tiny_db, monkeypatch, capsys, tmp_path):
    # tiny: dossiers received up to Wednesday 31 January 2018 (a working day): the latest
    # complete half-year is the second half of 2017.
    assert _dashboard_default(monkeypatch, tiny_db) == "2017-H2"
    assert _report_default(monkeypatch, capsys, tiny_db, tmp_path) == "6 tháng cuối năm 2017"


# -- which databases are refused ----------------------------------------------------------


def test_a_missing_database_that_is_not_the_demo_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "district.duckdb"))
    with pytest.raises(bootstrap.DatabaseMissing) as err:
        bootstrap.open_database()
    assert str(err.value) == f"CCHC_DB points at a file that does not exist: {tmp_path / 'district.duckdb'}"
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_duckdb_database_is_refused(tmp_path, monkeypatch, capsys):
    path = tmp_path / "district.duckdb"
    path.write_text("dossier_code;unit_code\nX-1;thi-xa\n", encoding="utf-8")
    monkeypatch.setenv("CCHC_DB", str(path))
    with pytest.raises(bootstrap.NotADatabase, match=r"district\.duckdb is not a DuckDB database file"):
        bootstrap.open_database()
    assert main(["report", "--period", "2018-H1", "--out", str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "is not a DuckDB database file" in err and err.count("\n") == 1


def test_a_duckdb_file_of_another_product_is_refused_and_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table invoices (id integer)")
    before = path.read_bytes()
    monkeypatch.setenv("CCHC_DB", str(path))
    with pytest.raises(bootstrap.NotADatabase) as err:
        bootstrap.open_database()
    assert str(err.value) == (f"{path} is a DuckDB file but not a database of this dashboard (it has no table "
                              "units, fields, procedures, calendar, dossiers, dataset_info)")
    at = open_app()
    assert not at.exception
    assert [e.value for e in at.error] == [f"Không đọc được dữ liệu: {err.value}"]
    assert main(["refresh-rollups", "--db", str(path)]) == 1
    assert path.read_bytes() == before  # never rewritten


def test_start_removes_copies_of_crashed_writes(tiny_db, tmp_path, monkeypatch):
    import subprocess
    import sys

    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    left = path.with_name(f"district.duckdb.loading-{dead}.duckdb")
    left.write_bytes(b"half")
    monkeypatch.setenv("CCHC_DB", str(path))
    assert bootstrap.open_database() == path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["district.duckdb"]
