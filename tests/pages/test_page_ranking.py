"""The PAR-ranking page (Xếp hạng CCHC, /xep-hang) run headless with AppTest.

On the PAR fixture (tests/par_fixture.py, every figure hand-computed there): ranks with a
tie, units without a score listed unranked, rank-change signs, heatmap percentages, the
weakest criteria, the year in the URL. On the demo database: the 2017 ranking of the source
report (Xuân Khanh first with 91).
"""

import json
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cchc.charts import ranking as cr
from tests.apptest import open_app
from tests.par_fixture import build_par_db

PAGE = "app_pages/ranking.py"


@pytest.fixture(scope="module")
def par_db(tmp_path_factory) -> Path:
    return build_par_db(tmp_path_factory.mktemp("par") / "par.duckdb")


def open_page(db: Path, monkeypatch, **params) -> AppTest:
    return open_app(db, PAGE, monkeypatch, params=params)


def table_with(at: AppTest, column: str):
    """The first dataframe shown with ``column`` (its raw values, as a DataFrame)."""
    for frame in at.dataframe:
        value = frame.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with column {column!r}")


def display_values(at: AppTest, column: str) -> list[str]:
    """The formatted cells (what the user sees) of a styled table's column."""
    from streamlit import dataframe_util

    for frame in at.dataframe:
        if column in frame.value.columns:
            shown = dataframe_util.convert_arrow_bytes_to_pandas_df(frame.proto.arrow_data.styler.display_values)
            return list(shown[column])
    raise AssertionError(f"no table with column {column!r}")


def figure(at: AppTest, key: str) -> dict:
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-{key}"):
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no chart {key}")


def test_ranking_2017_ranks_tie_missing_and_changes(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2017")
    assert not at.exception and not at.error and not at.warning
    table = table_with(at, "Thay đổi hạng so với 2016")
    rows = [
        (None if r != r or r is None else int(r), name, None if total != total else float(total), change)
        for r, name, total, change in zip(table["Hạng"], table["Đơn vị"], table["Tổng điểm"],
                                          table["Thay đổi hạng so với 2016"])
    ]
    assert rows == [
        (1, "Phường Xuân Khanh", 91.0, "↑ 1"),
        (2, "Phường Lê Lợi", 85.0, "↓ 1"),  # ↓ for a rank dropped: ▼ is "below target"
        (2, "Phường Sơn Lộc", 85.0, "mới"),
        (4, "Xã Kim Sơn", 60.0, "="),
        (None, "Xã Cổ Đông", None, "—"),
        (None, "Xã Đường Lâm", None, "—"),
    ]
    # Vietnamese number format in what is shown; the weak unit carries the shared mark
    assert display_values(at, "Tổng điểm")[:4] == ["91,0", "85,0", "85,0", "60,0"]
    assert list(table["Mức"])[3] == "▼ Yếu (dưới 70)"
    assert display_values(at, "Hạng 2016")[:4] == ["2", "1", "—", "4"]
    assert any("Chưa có điểm năm 2017 (không xếp hạng): Cổ Đông, Đường Lâm." == i.value for i in at.info)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Dẫn đầu": "Xuân Khanh", "Điểm cao nhất": "91,0", "Đơn vị dưới 70 điểm": "1",
                       "Đơn vị chưa có điểm": "2"}
    assert any("số liệu minh họa" in c.value for c in at.caption)  # demo max points
    assert at.query_params["year"] == "2017"
    bars = figure(at, "xh_bars")["data"][0]
    assert bars["y"] == ["1. Xuân Khanh", "2. Lê Lợi", "2. Sơn Lộc", "▼ 4. Kim Sơn"]


def test_heatmap_percent_of_max_matches_independent_sql(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2017")
    heat = figure(at, "xh_heatmap")["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["y"] == ["1. Xuân Khanh", "2. Lê Lợi", "2. Sơn Lộc", "▼ 4. Kim Sơn"]
    assert len(heat["x"]) == 7 and heat["x"][0].startswith("1. Công tác")
    assert all(len(line) <= 20 for label in heat["x"] for line in label.split("<br>"))  # wrapped names
    con = duckdb.connect(str(par_db), read_only=True)
    try:
        expected = {
            (unit, code): pct
            for unit, code, pct in con.execute(
                "select s.unit_code, s.criterion_code, round(100 * s.points / c.max_points, 2)::DOUBLE "
                "from par_scores s join par_criteria c using (year, criterion_code) where s.year = 2017"
            ).fetchall()
        }
    finally:
        con.close()
    order = ["xuan-khanh", "le-loi", "son-loc", "kim-son"]
    codes = [f"c{i}" for i in range(1, 8)]
    assert heat["z"] == [[expected[(u, c)] for c in codes] for u in order]
    # hand check: Kim Sơn's financial management 5 of 10 points
    assert heat["z"][3][4] == 50.0 and heat["text"][3][4] == "50 %"


def test_weakest_criteria_per_unit(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2017")
    weakest = table_with(at, "Tiêu chí yếu nhất")
    got = list(zip(weakest["Đơn vị"], weakest["Tiêu chí yếu nhất"], weakest["Tiêu chí yếu thứ hai"]))
    # ties in percent go to the criterion that comes first
    assert got == [
        ("Xuân Khanh", "6. Hiện đại hóa hành chính – 86,7 %", "1. Công tác chỉ đạo, điều hành – 90,0 %"),
        ("Lê Lợi", "1. Công tác chỉ đạo, điều hành – 80,0 %", "5. Quản lý tài chính – 80,0 %"),
        ("Sơn Lộc", "2. Tổ chức thực hiện văn bản quy phạm pháp luật – 80,0 %",
         "3. Thủ tục hành chính và cơ chế một cửa, một cửa liên thông – 80,0 %"),
        ("Kim Sơn", "5. Quản lý tài chính – 50,0 %", "2. Tổ chức thực hiện văn bản quy phạm pháp luật – 60,0 %"),
    ]


def test_previous_year_and_selectbox_writes_url(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2016")
    assert not at.exception
    table = table_with(at, "Thay đổi hạng so với 2015")
    assert list(table["Đơn vị"]) == ["Phường Lê Lợi", "Phường Xuân Khanh", "Xã Đường Lâm", "Xã Kim Sơn",
                                     "Xã Cổ Đông", "Phường Sơn Lộc"]
    assert list(table["Thay đổi hạng so với 2015"])[:4] == ["mới"] * 4
    assert any("Chưa có điểm năm 2015 để so sánh." == i.value for i in at.info)
    at.selectbox(key="xh_year").set_value(2017).run()
    assert not at.exception
    assert at.query_params["year"] == "2017"
    assert list(table_with(at, "Thay đổi hạng so với 2016")["Tổng điểm"])[0] == 91.0


@pytest.mark.parametrize("bad", ["2030", "abc", "", "2017x"])
def test_bad_year_warns_and_falls_back_to_latest(par_db, monkeypatch, bad):
    at = open_page(par_db, monkeypatch, year=bad)
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [
        f"Năm trên đường dẫn không hợp lệ hoặc chưa có điểm ({bad}); hiển thị năm 2017."
    ]
    assert at.selectbox(key="xh_year").value == 2017
    assert at.query_params["year"] == "2017"


def test_default_year_follows_the_shared_period(par_db, monkeypatch):
    # 2017-H2 ends on 31 Dec 2017: the 2017 ranking; a range ending on 30 Dec 2017: the
    # 2016 ranking was the latest announced
    assert open_page(par_db, monkeypatch, period="2017-H2").query_params["year"] == "2017"
    at = open_page(par_db, monkeypatch, **{"from": "2017-12-01", "to": "2017-12-30"})
    assert at.query_params["year"] == "2016"
    assert not at.warning


def test_unit_filter_narrows_but_keeps_ranks(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2017", unit=["kim-son", "son-loc", "thi-xa"])
    assert not at.exception
    table = table_with(at, "Thay đổi hạng so với 2016")
    assert list(table["Đơn vị"]) == ["Phường Sơn Lộc", "Xã Kim Sơn"]
    assert [int(r) for r in table["Hạng"]] == [2, 4]
    assert figure(at, "xh_heatmap")["data"][0]["y"] == ["2. Sơn Lộc", "▼ 4. Kim Sơn"]
    # only the town desk selected: nothing to narrow to, every commune/ward shown
    at = open_page(par_db, monkeypatch, year="2017", unit=["thi-xa"])
    assert len(table_with(at, "Thay đổi hạng so với 2016")) == 6


def test_english_labels(par_db, monkeypatch):
    at = open_page(par_db, monkeypatch, year="2017", lang="en")
    assert not at.exception
    table = table_with(at, "Rank change vs 2016")
    assert list(table["Rank change vs 2016"])[:4] == ["↑ 1", "↓ 1", "new", "="]
    assert display_values(at, "Total score")[0] == "91.0"


def test_downloads_offered_for_every_table(par_db, monkeypatch):
    import io

    import openpyxl

    from cchc.tables import export
    from cchc.ui import widgets as ui

    calls = []
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **names):
        calls.append((key, frame.copy(), columns, title, subtitle))
        original(frame, columns, title, subtitle, key, lang, **names)

    monkeypatch.setattr(ui, "download_buttons", recording)
    at = open_page(par_db, monkeypatch, year="2017", unit=["kim-son", "son-loc"])
    keys = sorted(b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button"))
    assert keys == sorted(f"xh_dl_{name}_{kind}" for name in ("ranking", "criteria", "weakest")
                          for kind in ("xlsx", "csv"))
    key, frame, columns, title, subtitle = calls[0]
    assert key == "xh_dl_ranking"
    assert title == "Xếp hạng chỉ số CCHC năm 2017"
    assert subtitle.startswith("Năm đánh giá: 2017; Đơn vị: Xã Kim Sơn, Phường Sơn Lộc")
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, columns, title, subtitle))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == title and rows[1][0] == subtitle
    assert rows[2][:3] == ("Hạng", "Đơn vị", "Tổng điểm")
    assert [r[:3] for r in rows[3:]] == [(2, "Phường Sơn Lộc", 85), (4, "Xã Kim Sơn", 60)]


def record_downloads(monkeypatch) -> dict:
    """Every export the page offers, by key: the rows, columns, title, file name and sheet."""
    from cchc.ui import widgets as ui

    calls = {}
    original = ui.download_buttons

    def recording(frame, columns, title, subtitle, key, lang, **names):
        calls[key] = dict(frame=frame.copy(), columns=columns, title=title, subtitle=subtitle, **names)
        original(frame, columns, title, subtitle, key, lang, **names)

    monkeypatch.setattr(ui, "download_buttons", recording)
    return calls


def test_ranking_export_has_sortable_rank_changes_and_named_files(par_db, monkeypatch):
    import io

    import openpyxl

    from cchc.tables import export

    calls = record_downloads(monkeypatch)
    open_page(par_db, monkeypatch, year="2017")
    assert {k: (c["file_name"], c["sheet"]) for k, c in calls.items()} == {
        "xh_dl_ranking": ("xep-hang-chi-so-cchc-2017", "Xếp hạng chỉ số CCHC"),
        "xh_dl_criteria": ("diem-theo-tieu-chi-2017", "Điểm theo tiêu chí"),
        "xh_dl_weakest": ("tieu-chi-yeu-nhat-2017", "Tiêu chí yếu nhất"),
    }
    ranking = calls["xh_dl_ranking"]
    data = export.to_xlsx(ranking["frame"], ranking["columns"], ranking["title"], ranking["subtitle"], ranking["sheet"])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Xếp hạng chỉ số CCHC"]
    sheet = book.active
    assert sheet["E3"].value == "Thay đổi hạng so với 2016"
    # ranks 2016 -> 2017 (tests/par_fixture.py): Xuân Khanh 2 -> 1, Lê Lợi 1 -> 2, Sơn Lộc new,
    # Kim Sơn 4 -> 4; Cổ Đông and Đường Lâm have no 2017 score
    changes = [sheet.cell(row=r, column=5) for r in range(4, 10)]
    assert [c.value for c in changes] == [1, -1, None, 0, None, None]
    assert all(c.data_type == "n" and c.number_format == '+#,##0;"\u2212"#,##0;0' for c in changes if c.value is not None)
    assert not any(str(c.value).startswith("'") for row in sheet.iter_rows(min_row=4) for c in row)
    csv_rows = export.to_csv(ranking["frame"], ranking["columns"]).decode("utf-8-sig").splitlines()
    assert [line.split(",")[4] for line in csv_rows[1:]] == ["1", "-1", "", "0", "", ""]

    calls.clear()
    open_page(par_db, monkeypatch, year="2017", unit=["kim-son", "son-loc"])
    assert calls["xh_dl_ranking"]["file_name"] == "xep-hang-chi-so-cchc-2017-2-don-vi"
    calls.clear()
    open_page(par_db, monkeypatch, year="2017", unit=["kim-son"], lang="en")
    assert calls["xh_dl_ranking"]["file_name"] == "par-index-ranking-2017-kim-son"
    assert calls["xh_dl_weakest"]["sheet"] == "Weakest criteria"


def test_rank_change_text_cases():
    assert cr.rank_change_text(1, 3) == "↑ 2"
    assert cr.rank_change_text(5, 2) == "↓ 3"  # not ▼, the below-target mark
    assert cr.rank_change_text(4, 4) == "="
    assert cr.rank_change_text(4, None) == "mới"
    assert cr.rank_change_text(None, 2) == "—"


# -- the demo database: the 2017 ranking of the source report -----------------------------------

@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    demo = pytest.importorskip("cchc.datagen.demo")
    path = tmp_path_factory.getbasetemp() / "demo_shared" / "demo.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        demo.build_demo(path)
    return path


@pytest.mark.parametrize("period", [None, "2018-H2"])
def test_demo_2017_ranking_order(demo_db, monkeypatch, period):
    # /xep-hang?year=2017 (docs/demo-data.md) ranks 2017's units whatever the period: the
    # default period is 2026-H1 since the demo reaches October 2026, when those units are gone
    at = open_page(demo_db, monkeypatch, year="2017", **({"period": period} if period else {}))
    assert not at.exception and not at.error and not at.warning
    table = table_with(at, "Thay đổi hạng so với 2016")
    ranked = table[table["Hạng"].notna()]
    names = [n.split(" ", 1)[1] for n in ranked["Đơn vị"]]
    assert len(ranked) == 15
    assert (names[0], float(ranked["Tổng điểm"].iloc[0]), int(ranked["Hạng"].iloc[0])) == ("Xuân Khanh", 91.0, 1)
    assert names[1:5] == ["Lê Lợi", "Ngô Quyền", "Sơn Lộc", "Trung Hưng"]
    assert set(names[-3:]) == {"Kim Sơn", "Sơn Đông", "Phú Thịnh"}
    assert display_values(at, "Tổng điểm")[0] == "91,0"
    assert {m.label: m.value for m in at.metric}["Dẫn đầu"] == "Xuân Khanh"
