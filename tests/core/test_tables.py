"""Tables above STYLER_MAX_CELLS go to the screen as plain formatted text (no pandas Styler,
which Streamlit marshals cell by cell); smaller ones keep their Styler. Values by hand."""

import math

import pandas as pd
from pandas.io.formats.style import Styler

from cchc.i18n.formats import STYLER_MAX_CELLS
from cchc.tables import progress, style
from cchc.tables.spec import Column, TableSpec

ROWS_OVER = STYLER_MAX_CELLS // 4 + 1  # four columns: just over the limit


def _ranking(rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Hạng": [float(i + 1) for i in range(rows - 1)] + [math.nan],
        "Đơn vị": [f"Xã {i}" for i in range(rows)],
        "Tổng điểm": [91.0, 1234.56] + [80.04] * (rows - 2),
        "Tỷ lệ": [97.26, None] + [100.0] * (rows - 2),
    })


KINDS = {"Hạng": "int", "Tổng điểm": "num", "Tỷ lệ": "pct"}


def test_small_ranking_tables_keep_their_styler():
    assert isinstance(style.styled(_ranking(3), KINDS), Styler)


def test_large_ranking_tables_are_plain_text_in_the_same_formats():
    frame = _ranking(ROWS_OVER)
    assert frame.size == STYLER_MAX_CELLS + 4
    out = style.styled(frame, KINDS)
    assert not isinstance(out, Styler)
    assert list(out.columns) == list(frame.columns)
    assert out.iloc[0].tolist() == ["1", "Xã 0", "91,0", "97,3 %"]
    assert out.iloc[1].tolist() == ["2", "Xã 1", "1.234,6", "—"]
    assert out.iloc[-1].tolist() == ["—", f"Xã {ROWS_OVER - 1}", "80,0", "100,0 %"]
    assert style.styled(frame, KINDS, "en").iloc[1].tolist() == ["2", "Xã 1", "1,234.6", "—"]


def test_progress_tables_over_the_limit_are_sent_plain_with_their_marks():
    frame = pd.DataFrame({"unit_label": [f"Xã {i}" for i in range(ROWS_OVER)],
                          "resolved": [1261] * ROWS_OVER, "late": [15] * ROWS_OVER,
                          "ontime_rate": [97.0] + [98.8] * (ROWS_OVER - 1)})
    spec = TableSpec((Column("unit_label", "unit"), Column("resolved", "resolved", "int"), Column("late", "late", "int"),
                      Column("ontime_rate", "ontime_rate", "pct", judged=True)),
                     text_cells=True, total_row=True, mark_column="unit_label")
    display = spec.screen(frame)
    assert not isinstance(display, Styler)
    assert display.iloc[0].tolist() == ["Xã 0", "1.261", "15", "▼ 97,0 %"]
    assert display.iloc[1].tolist() == ["Xã 1", "1.261", "15", "98,8 %"]
    assert isinstance(spec.screen(frame.head(10)), Styler)
    exported = spec.export_frame(frame)
    assert exported["unit_label"].head(2).tolist() == ["▼ Xã 0", "Xã 1"]
    assert exported["ontime_rate"].head(2).tolist() == [97.0, 98.8]


def test_lowest_units_for_the_charts():
    rows = pd.DataFrame({"short_name": ["A", "B", "C", "D", "E"], "ontime_rate": [99.0, 97.0, None, 97.0, 100.0],
                         "resolved": [5, 3, 0, 2, 1]})
    assert list(progress.lowest_units(rows, "ontime_rate", among="resolved", count=3)["short_name"]) == ["B", "D", "A"]
    assert list(progress.lowest_units(rows, "ontime_rate", among="resolved")["short_name"]) == ["B", "D", "A", "E"]


# -- one declaration per table: screen, export, sheet and file names ---------------------------

def test_progress_specs_name_their_sheets_and_files():
    from cchc.tables.progress import BALANCE, BY_FIELD, TREND

    assert BALANCE.sheet_name() == "Cân đối hồ sơ theo đơn vị"
    assert BALANCE.sheet_name("en") == "Dossier balance by unit"
    assert BALANCE.file_name(period="2018-H1") == "can-doi-ho-so-theo-don-vi-2018-H1"
    assert BY_FIELD.file_name(period="2018-H1", units=("kim-son",), fields=("dat-dai", "ho-tich")) == (
        "so-lieu-theo-linh-vuc-2018-H1-kim-son-2-linh-vuc")
    assert TREND.file_name("en", period="2018-Q1", units=("a", "b", "c")) == "monthly-trend-per-unit-2018-Q1-3-units"
    assert all(len(spec.sheet_name(lang)) <= 31 for spec in (BALANCE, BY_FIELD, TREND) for lang in ("vi", "en"))


def test_progress_balance_screen_and_export_from_one_declaration():
    from cchc.tables.progress import BALANCE

    frame = pd.DataFrame({
        "unit_label": ["Thị xã", "Tổng cộng"], "ontime_rate": [66.66, None], "carried_over": [2, 3],
        "received": [3, 6], "received_in_person": [3, 4], "received_online": [0, 1], "received_postal": [0, 1],
        "resolved": [3, 5], "early": [1, 2], "on_time": [1, 2], "late": [1, 1], "in_progress": [2, 3],
        "in_progress_within": [1, 2], "in_progress_overdue": [1, 1], "withdrawn": [0, 1],
    })
    shown = BALANCE.screen(frame).data
    # the header names the rate in words, no "(A)" (the formula is explained beside the table)
    assert list(shown.columns)[:4] == [("", "Đơn vị"), ("", "Tỷ lệ đúng hạn"), ("", "Kỳ trước chuyển sang"),
                                       ("Tiếp nhận trong kỳ", "Tổng số")]
    assert shown.iloc[0].tolist()[:4] == ["Thị xã", "▼ 66,7 %", "2", "3"]
    assert shown.iloc[1].tolist()[:2] == ["Tổng cộng", "—"]
    config = BALANCE.column_config("vi", frame)
    # by position (two-level headers); 'Tổng cộng' (9 letters) is the longest name: 7 * 9 + 24
    assert config[1] == {"pinned": True, "width": 87}
    assert config[2] == {"pinned": True, "alignment": "right"}
    assert config[15] == {"alignment": "right"}
    assert BALANCE.height(2) == 35 * 4 + 3 and BALANCE.height(600) == 35 * 602 + 3  # every unit shown
    exported = BALANCE.export_frame(frame)
    assert exported["unit_label"].tolist() == ["▼ Thị xã", "Tổng cộng"]
    headers = [c.header for c in BALANCE.export_columns()]
    assert headers[:4] == ["Đơn vị", "Tỷ lệ đúng hạn (theo mẫu báo cáo)", "Kỳ trước chuyển sang", "Tiếp nhận trong kỳ – Tổng số"]
    assert len(headers) == len(BALANCE.screen_columns()) == 15


def test_ranking_changes_as_text_on_screen_and_numbers_in_the_export():
    from cchc.tables.ranking import RANKING, rank_change, ranking_table

    assert [rank_change(1, 3), rank_change(5, 2), rank_change(4, 4), rank_change(4, None), rank_change(None, 2)] == [
        2, -3, 0, None, None]
    ranking = pd.DataFrame({
        "unit_code": ["a", "b", "c", "d"], "rank": [1, 2, 3, None], "name": ["Phường A", "Phường B", "Xã C", "Xã D"],
        "short_name": ["A", "B", "C", "D"], "total": [91.0, 85.0, 60.0, None], "max_total": [100.0] * 4,
        "previous_rank": [2, 1, None, 3], "previous_total": [80.0, 88.0, None, 70.0],
    })
    table = ranking_table(ranking)
    assert table["rank_change"].tolist() == ["↑ 1", "↓ 1", "mới", "—"]
    assert table["rank_delta"].tolist()[:2] == [1, -1]
    assert table["rank_delta"].isna().tolist() == [False, False, True, True]
    columns = RANKING.export_columns(year=2016)
    assert [(c.name, c.header, c.kind) for c in columns] == [
        ("rank", "Hạng", "int"), ("name", "Đơn vị", "text"), ("total", "Tổng điểm", "number"),
        ("max_total", "Điểm tối đa", "number"), ("rank_delta", "Thay đổi hạng so với 2016", "change"),
        ("previous_rank", "Hạng 2016", "int"), ("previous_total", "Điểm 2016", "number"), ("band", "Mức", "text"),
    ]
    assert [c.header(year=2016) for c in RANKING.screen_columns()] == [
        "Hạng", "Đơn vị", "Tổng điểm", "Thay đổi hạng so với 2016", "Hạng 2016", "Điểm 2016", "Mức"]


def test_criteria_points_headers_from_the_criteria():
    from cchc.tables.ranking import criteria_points_spec

    spec = criteria_points_spec([("c1", "1. Công tác chỉ đạo, điều hành", 10.0), ("c5", "5. Quản lý tài chính", 7.5)])
    assert [c.header() for c in spec.screen_columns()] == [
        "Hạng", "Đơn vị", "Tổng điểm", "1. Công tác chỉ đạo, điều hành (10)", "5. Quản lý tài chính (8)"]
    assert [(c.name, c.header, c.kind) for c in spec.export_columns()] == [
        ("rank", "Hạng", "int"), ("name", "Đơn vị", "text"), ("total", "Tổng điểm", "number"),
        ("pts_c1", "1. Công tác chỉ đạo, điều hành – Điểm (10)", "number"),
        ("pct_c1", "1. Công tác chỉ đạo, điều hành – % điểm tối đa", "percent"),
        ("pts_c5", "5. Quản lý tài chính – Điểm (8)", "number"),
        ("pct_c5", "5. Quản lý tài chính – % điểm tối đa", "percent"),
    ]
    assert spec.sheet_name() == "Điểm theo tiêu chí"


def test_dossier_list_screen_and_export_columns():
    from cchc.tables.dossiers import LIST

    assert [c.header() for c in LIST.screen_columns()] == [
        "Mã hồ sơ", "Đơn vị", "Thủ tục", "Lĩnh vực", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả",
        "Ngày kết thúc xử lý", "Trạng thái", "Kết quả trong kỳ", "Số ngày làm việc quá hạn"]
    assert [c.name for c in LIST.export_columns()] == [
        "dossier_code", "unit_name", "procedure_code", "procedure_name", "field_name", "channel_label",
        "received_date", "due_date", "finished_date", "state_label", "outcome_label", "days_late"]
    config = LIST.column_config("en")
    assert config["Dossier code"] == {"pinned": True, "type_config": {"type": "text"}}
    assert config["Procedure"] == {"width": 280, "type_config": {"type": "text"}}
    assert config["Received"] == {"type_config": {"type": "date", "format": "D MMM YYYY"}}
    assert LIST.column_config()["Ngày hẹn trả"] == {"type_config": {"type": "date", "format": "DD/MM/YYYY"}}
    assert LIST.column_config()["Số ngày làm việc quá hạn"] == {"type_config": {"type": "number", "format": "%d"}}
    assert LIST.file_name(period="2018-H1", units=("kim-son",)) == "danh-sach-ho-so-2018-H1-kim-son"


def test_a_brief_view_leaves_the_more_columns_and_merges_a_lone_sub_total():
    from cchc.tables.progress import BALANCE, BY_FIELD

    brief = BALANCE.brief()
    assert BALANCE.has_more() and not brief.has_more() and not BY_FIELD.has_more()
    assert [c.key for c in brief.columns] == [
        "unit_label", "ontime_rate", "carried_over", "received", "resolved", "early", "on_time", "late",
        "in_progress", "in_progress_overdue", "withdrawn"]
    # 'Tiếp nhận trong kỳ' keeps only its 'Tổng số': one column under the group's name
    assert [(c.group, c.label) for c in brief.columns[3:5]] == [(None, "prog_received_group"), ("resolved", "prog_sub_total")]
    assert len(BALANCE.export_columns()) == 15  # the export keeps every column


def test_the_data_summary_lines():
    from cchc.tables.data_summary import data_summary

    info = {"first_received": pd.Timestamp("2017-01-03"), "last_received": pd.Timestamp("2018-12-28"),
            "covered_until": pd.Timestamp("2019-01-01"), "dossiers": 76151, "dataset_description": None,
            "last_par_year": 2018}
    loads = pd.DataFrame({"load_id": [1, 2, 3], "kind": ["dossiers", "scores", "dossiers"],
                          "loaded_at": pd.to_datetime(["2019-01-05 08:00", "2019-01-06 09:30", "2019-01-07 10:15"]),
                          "is_active": [True, True, False]})
    sync = pd.DataFrame({"finished_at": pd.to_datetime(["2019-01-08 07:45"])})
    table = data_summary(info, 19, loads, sync)
    assert table.values.tolist() == [
        ["Số hồ sơ", "76.151"],
        ["Ngày tiếp nhận", "từ 03/01/2017 đến 28/12/2018"],
        ["Số liệu đầy đủ đến hết ngày", "01/01/2019"],
        ["Số đơn vị", "19"],
        ["Năm chỉ số CCHC gần nhất", "2018"],
        ["Lần nạp gần nhất", "#2 · Điểm CCHC · 06/01/2019 09:30"],  # load 3 was undone
        ["Đồng bộ gần nhất", "08/01/2019 07:45"],
    ]
    english = data_summary({**info, "dataset_description": "Demo"}, 19, loads.iloc[:0], sync.iloc[:0], "en")
    assert english.values.tolist()[0] == ["Source", "Demo"]
    assert english.values.tolist()[-1] == ["Last load", "no file loaded yet"]
