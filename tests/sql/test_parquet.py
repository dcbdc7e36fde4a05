"""The Parquet export (cchc/store/parquet.py): every query of queries/ returns the same frame
on the exported folder as on the database file, on the tiny fixture and on the demo; the
overview page shows the 2018-H1 report figures from the folder; the folder is read-only."""

import json
import re
from datetime import date

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cchc import bootstrap
from cchc.core.filters import Filters
from cchc.core.periods import Period
from cchc.store import db, parquet, writer
from cchc.store.db import run_query
from tests.paths import APP

QUERY_NAMES = sorted(p.stem for p in db.QUERIES_DIR.glob("*.sql"))


@pytest.fixture(scope="module")
def tiny_folder(tiny_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_pq") / "tiny"
    parquet.export(tiny_db, folder)
    return folder


@pytest.fixture(scope="module")
def demo_folder(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_pq") / "demo"
    parquet.export(demo_db, folder, province="01")
    return folder


def _params(name: str, filters: Filters, year: int) -> dict:
    """The bound parameters of query ``name``: those its SQL names, from ``filters`` and the
    values the pages give the others."""
    sql = "\n".join(line for line in db.query_text(name).splitlines() if not line.lstrip().startswith("--"))
    wanted = set(re.findall(r"\$([a-z_]+)", sql))
    values = {
        **filters.query_params(),
        "on_date": filters.period.end, "as_of": filters.period.end, "year": year, "meeting": "2018-H1",
        "email": "nobody@example.vn", "tables": list(bootstrap.PRODUCT_TABLES), "pattern": "đăng ký",
        "min_resolved": 1, "sort": "received", "descending": True, "limit": 50, "offset": 0, "states": [],
        "late_only": False, "procedures": [], "search": "", "received_from": date(2000, 1, 1),
        "received_to": filters.period.end, "finish_states": [7, 9, 10], "refusal_finishes": True,
        "warn_days": 3, "history": "then",
    }
    missing = wanted - set(values)
    assert not missing, f"no test value for {missing} of {name}"
    return {k: values[k] for k in wanted}


def _same_on_both(file, folder, name, filters, year):
    params = _params(name, filters, year)
    expected = run_query(name, db=file, **params)
    got = run_query(name, db=folder, **params)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    return expected


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_same_on_tiny_folder(tiny_db, tiny_folder, name):
    filters = Filters(Period.parse("2018-01"), all_units=("thi-xa", "le-loi", "kim-son"))
    _same_on_both(tiny_db, tiny_folder, name, filters, 2018)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_same_on_demo_folder(demo_db, demo_folder, name):
    units = tuple(run_query("units", db=demo_db)["unit_code"])
    filters = Filters(Period.parse("2018-H1"), all_units=units)
    _same_on_both(demo_db, demo_folder, name, filters, 2017)


def test_tiny_folder_balance_is_the_hand_computed_one(tiny_folder):
    # tests/tiny_db.py: January 2018 total carried 3, received 6, resolved 5, in progress 3, withdrawn 1
    frame = run_query("dossier_balance", db=tiny_folder, start=date(2018, 1, 1), end=date(2018, 1, 31),
                      units=["thi-xa", "le-loi", "kim-son"], fields=[], channels=[])
    total = frame[frame["is_total"]].iloc[0]
    assert (total["carried_over"], total["received"], total["resolved"], total["in_progress"],
            total["withdrawn"]) == (3, 6, 5, 3, 1)


def test_demo_folder_layout_and_manifest(demo_folder, demo_db):
    manifest = json.loads((demo_folder / parquet.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["layout_version"] == parquet.LAYOUT_VERSION
    assert manifest["province"] == "01"
    # every dossier of the demo (January 2017 - October 2026), one partition per year
    with duckdb.connect(str(demo_db), read_only=True) as con:
        assert manifest["tables"]["dossiers"]["rows"] == con.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    assert manifest["tables"]["dossiers"]["partition_by"] == ["province", "year"]
    years = sorted(p.name for p in (demo_folder / "dossiers" / "province=01").iterdir())
    assert years == [f"year={y}" for y in range(2017, 2027)]
    assert (demo_folder / "dossier_flows_monthly" / "province=01" / "year=2018").is_dir()
    assert manifest["tables"]["units"]["partition_by"] == []


def test_overview_page_on_the_folder_shows_the_report_figures(demo_folder, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(demo_folder))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2018-H1"
    at.run()
    assert not at.exception and not at.error
    values = {(m.label, m.value) for m in at.metric}
    for expected in [("Tiếp nhận", "1.261"), ("Đã giải quyết", "1.026"), ("Tỷ lệ đúng hạn", "98,8 %")]:
        assert expected in values


def test_folder_is_read_only(tiny_folder):
    with pytest.raises(parquet.ReadOnlyFolder, match="single database file"):
        writer.write_copy(tiny_folder, lambda con: None)
    with pytest.raises(db.DataError, match="read-only"):
        writer.refresh_file(tiny_folder)
    assert bootstrap.open_database(tiny_folder) == tiny_folder


def test_folder_without_manifest_is_refused(tmp_path):
    (tmp_path / "dossiers").mkdir()
    with pytest.raises(bootstrap.NotADatabase, match="export-parquet"):
        bootstrap.open_database(tmp_path)
    with pytest.raises(db.DataError, match="export-parquet"):
        run_query("units", db=tmp_path)


def test_export_refuses_a_folder_that_is_not_an_export(tiny_db, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(parquet.FolderError, match="not a Parquet export"):
        parquet.export(tiny_db, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "x"
