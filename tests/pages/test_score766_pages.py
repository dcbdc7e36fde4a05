"""The Chỉ số 766 and Cảnh báo pages and the score766 command show the same figures as
cchc.score766.compute (tests/score766/test_score766_groups.py computes them by hand: 52.4583)."""

from __future__ import annotations

import json

import pytest

from cchc.__main__ import main
from tests.apptest import open_app
from tests.score766.test_score766_groups import DOSSIERS, _fill
from tests.score766.test_score766_progress import build_db
from tests.score766.test_score766_worklist import DOSSIERS as TET_DOSSIERS


@pytest.fixture(scope="module")
def groups_db(tmp_path_factory):
    return _fill(build_db(tmp_path_factory.mktemp("pg766") / "g.duckdb", DOSSIERS, []))


def open_page(db, page, monkeypatch, **params):
    return open_app(db, page, monkeypatch, params=params, timeout=90)


def test_scorecard(groups_db, monkeypatch):
    app = open_page(groups_db, "app_pages/score766.py", monkeypatch, period="2018-01", unit="U1")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Tổng điểm"] == "52,46/100"
    assert metrics["Tiến độ giải quyết"] == "15,00/20"
    assert metrics["Thanh toán trực tuyến"] == "6,25/10"
    text = " ".join(m.value for m in app.markdown)
    assert "−5,0 điểm tiến độ: 1 hồ sơ quá hạn" in text
    assert "/ho-so?period=2018-01&unit=U1&dl_proc=P6" in text


def test_a_database_of_an_older_version_gets_the_766_tables_at_start(tiny_db, tmp_path, monkeypatch):
    """A file written before the 766 tables existed: the start-up path rewrites it through
    the writer (queries/rollups_state.sql says it is not fresh), so the page works."""
    import shutil

    import duckdb

    old = tmp_path / "old.duckdb"
    shutil.copy(tiny_db, old)
    con = duckdb.connect(str(old))
    for table in ("dossier_services_766", "procedure_services_766", "feedback_766", "unit_services_766"):
        con.execute(f"DROP TABLE {table}")
    con.close()
    app = open_page(old, "app_pages/score766.py", monkeypatch, period="2018-01")
    assert not any("refresh-rollups" in w.value for w in app.warning)
    con = duckdb.connect(str(old), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {"dossier_services_766", "procedure_services_766", "feedback_766", "unit_services_766"} <= tables


def test_warnings_page(tmp_path, monkeypatch):
    db = build_db(tmp_path / "w.duckdb", TET_DOSSIERS, [])
    app = open_page(db, "app_pages/warnings.py", monkeypatch, period="2018-02", unit="U1")
    app.date_input(key="w766_as_of").set_value(__import__("datetime").date(2018, 2, 13)).run()
    assert not app.exception
    assert sorted(app.dataframe[0].value["Mã hồ sơ"]) == ["T1", "T2", "T4", "T5"]


def test_cli_writes_what_the_page_shows(groups_db, tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["score766", "--period", "2018-01", "--unit", "U1", "--db", str(groups_db), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["total"] == 52.46 and result["total_max"] == 100
    assert [g["points"] for g in result["groups"]] == [4.0, 15.0, 8.25, 6.25, 9.33, 9.62]
    assert main(["score766", "--period", "2019-03", "--unit", "U1", "--db", str(groups_db)]) == 0
    assert "no data" in capsys.readouterr().out
    assert main(["score766", "--period", "2019-13", "--unit", "U1", "--db", str(groups_db)]) == 2
