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
    # the maximum moved from the value ("52,46/100", cut in its tile at 1366 px) to the label
    assert metrics["Tổng điểm (/100)"] == "52,46"
    assert metrics["Tiến độ giải quyết (/20)"] == "15,00"
    assert metrics["Thanh toán trực tuyến (/10)"] == "6,25"
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
    listed = app.dataframe[0].value
    # the last row is the total of the list (added with the presentation slides)
    assert sorted(listed["Mã hồ sơ"].iloc[:-1]) == ["T1", "T2", "T4", "T5"]
    assert listed["Cảnh báo"].iloc[-1] == "Tổng cộng"


def test_cli_writes_what_the_page_shows(groups_db, tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["score766", "--period", "2018-01", "--unit", "U1", "--db", str(groups_db), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["total"] == 52.46 and result["total_max"] == 100
    assert [g["points"] for g in result["groups"]] == [4.0, 15.0, 8.25, 6.25, 9.33, 9.62]
    assert main(["score766", "--period", "2019-03", "--unit", "U1", "--db", str(groups_db)]) == 0
    assert "no data" in capsys.readouterr().out
    assert main(["score766", "--period", "2019-13", "--unit", "U1", "--db", str(groups_db)]) == 2


VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹàáèéìíòóùúý")


def _vietnamese(texts) -> list[str]:
    return [x for x in texts if VIETNAMESE_LETTERS & set(str(x).lower())]


def test_score766_page_in_english(groups_db, monkeypatch):
    app = open_page(groups_db, "app_pages/score766.py", monkeypatch, period="2018-01", unit="U1", lang="en")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Total (/100)": "52.46", "Transparency (/18)": "4.00", "Processing progress (/20)": "15.00",
                       "Online public services (/12)": "8.25", "Online payment (/10)": "6.25",
                       "Satisfaction (/18)": "9.33", "Digitisation (/22)": "9.62"}
    groups, metrics_table = (frame.value for frame in app.dataframe)
    assert list(groups.columns) == ["Group", "Points", "Maximum", "% of maximum", "Change", "Note"]
    assert groups.iloc[-1].tolist() == ["Total", "52.46", "100", "52.5 %", "", ""]
    assert list(metrics_table.columns) == ["Sub-indicator", "Numerator", "Denominator", "Ratio", "Points", "Maximum",
                                           "Note"]
    # no Vietnamese header, cell, heading or sentence left on the English page
    assert _vietnamese([*groups.columns, *metrics_table.columns, *groups.to_numpy().ravel(),
                        *metrics_table.to_numpy().ravel()]) == []
    shown = [*(h.value for h in app.subheader), *(m.value for m in app.markdown), *(c.value for c in app.caption)]
    assert _vietnamese(shown) == []
    assert "−5.0 progress points: 1 late dossiers" in " ".join(m.value for m in app.markdown)


def test_warnings_page_in_english(tmp_path, monkeypatch):
    db = build_db(tmp_path / "w.duckdb", TET_DOSSIERS, [])
    app = open_page(db, "app_pages/warnings.py", monkeypatch, period="2018-02", unit="U1", lang="en")
    app.date_input(key="w766_as_of").set_value(__import__("datetime").date(2018, 2, 13)).run()
    assert not app.exception
    listed = app.dataframe[0].value
    assert list(listed.columns) == ["Warning", "Unit", "Procedure", "Dossier", "Received", "Due", "Working days left",
                                    "Points at stake"]
    assert listed.iloc[-1, 0] == "Total" and listed.iloc[-1, 2] == "4 dossiers"
    assert _vietnamese([*listed.columns, *listed["Warning"]]) == []
    assert [m.label for m in app.metric] == ["Overdue", "Due soon", "Second supplement", "Feedback",
                                             "Points at stake (total)"]
    assert _vietnamese([*(h.value for h in app.subheader), *(c.value for c in app.caption)]) == []


def test_cli_and_page_agree_on_a_quarter(groups_db, tmp_path, monkeypatch):
    """Issue 13's done-when: ``score766 --period Q --unit U --json`` agrees with the page,
    which computes through the same function (cchc.score766.compute.compute): the six
    groups and the total, exactly as each shows them."""
    out = tmp_path / "q.json"
    assert main(["score766", "--period", "2018-Q1", "--unit", "U1", "--db", str(groups_db), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    # by hand: January's groups (test_score766_groups.py) except Hài lòng, where F3 (open,
    # due 14/02) is late by the quarter's end: 6 x 1/3 + 6 x 1/3 + min(6, 6 x 0.5/0.9) = 7.3333;
    # total 4 + 15 + 8.25 + 6.25 + 7.3333 + 9.625 = 50.4583
    assert [g["points"] for g in result["groups"]] == [4.0, 15.0, 8.25, 6.25, 7.33, 9.62]
    assert result["total"] == 50.46 and result["period"] == "2018-Q1"
    app = open_page(groups_db, "app_pages/score766.py", monkeypatch, period="2018-Q1", unit="U1", lang="en")
    on_page = [m.value for m in app.metric]
    in_json = [f"{result['total']:.2f}"] + [f"{g['points']:.2f}" for g in result["groups"]]
    assert on_page == in_json
    groups = app.dataframe[0].value
    assert groups["Points"].tolist() == in_json[1:] + in_json[:1]
