"""The tables the Chỉ số 766 and Cảnh báo pages show (cchc/score766/display.py), on the
hand-computed fixture of test_score766_groups.py (ward U1, January 2018: 4 / 15 / 8.25 /
6.25 / 9.3333 / 9.625, total 52.4583), in both languages."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cchc.core.periods import Period
from cchc.score766 import display
from cchc.score766.compute import compute
from tests.score766.test_score766_groups import DOSSIERS, _fill
from tests.score766.test_score766_progress import build_db


@pytest.fixture(scope="module")
def groups_db(tmp_path_factory):
    return _fill(build_db(tmp_path_factory.mktemp("disp766") / "g.duckdb", DOSSIERS, []))


def test_tiles_put_the_maximum_in_the_label(groups_db):
    score = compute(Period.parse("2018-01"), ["U1"], db=groups_db)
    tiles = display.tiles(score, "vi")
    assert [(x.label, x.value) for x in tiles] == [
        ("Tổng điểm (/100)", "52,46"), ("Công khai, minh bạch (/18)", "4,00"), ("Tiến độ giải quyết (/20)", "15,00"),
        ("Dịch vụ công trực tuyến (/12)", "8,25"), ("Thanh toán trực tuyến (/10)", "6,25"),
        ("Mức độ hài lòng (/18)", "9,33"), ("Số hóa hồ sơ (/22)", "9,62"),
    ]
    # December 2017 has no dossiers: nothing to compare with
    assert all(x.delta is None for x in tiles)


def test_groups_table_ends_with_the_total(groups_db):
    score = compute(Period.parse("2018-01"), ["U1"], db=groups_db)
    table = display.groups_table(score, "vi")
    assert list(table.columns) == ["Nhóm", "Điểm", "Tối đa", "% tối đa", "So với kỳ trước", "Ghi chú"]
    # shares by hand: 4/18 = 22.2 %, 15/20 = 75 %, 8.25/12 = 68.75 %, 6.25/10 = 62.5 %,
    # 9.3333/18 = 51.85 %, 9.625/22 = 43.75 %, 52.4583/100
    assert table.values.tolist() == [
        ["Công khai, minh bạch", "4,00", "18", "22,2 %", "", ""],
        ["Tiến độ giải quyết", "15,00", "20", "75,0 %", "", ""],
        ["Dịch vụ công trực tuyến", "8,25", "12", "68,8 %", "", ""],
        ["Thanh toán trực tuyến", "6,25", "10", "62,5 %", "", ""],
        ["Mức độ hài lòng", "9,33", "18", "51,9 %", "", ""],
        ["Số hóa hồ sơ", "9,62", "22", "43,8 %", "", ""],
        ["Tổng cộng", "52,46", "100", "52,5 %", "", ""],
    ]


def test_metrics_table_in_english_has_no_vietnamese(groups_db):
    score = compute(Period.parse("2018-01"), ["U1"], db=groups_db, lang="en")
    table, group_rows = display.metrics_table(score, "en")
    assert list(table.columns) == ["Sub-indicator", "Numerator", "Denominator", "Ratio", "Points", "Maximum", "Note"]
    assert group_rows == [0, 5, 7, 11, 15, 19]  # 4, 1, 3, 3, 3 and 7 sub-indicators
    assert table.iloc[0].tolist() == ["Transparency", "", "", "", "4.00", "18", ""]
    assert table.iloc[1].tolist() == ["Procedures published on time", "0", "0", "—", "—", "6",
                                      "not applicable at this level"]
    assert table.iloc[6].tolist() == ["Dossiers handled on time", "3", "4", "75.00 %", "15.00", "20", ""]
    assert table.iloc[22].tolist() == ["Electronic certified copies provided", "yes", "—", "—", "2.00", "2", ""]
    letters = set("ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỵỷỹ")
    assert [c for c in table.to_numpy().ravel() if letters & set(str(c).lower())] == []
    # a slide's part: the last three groups, 3 + 3 + 7 sub-indicators under their rows
    part, rows = display.metrics_table(score, "en", groups=display.METRIC_SLIDES[1], brief=True)
    assert len(part) == 16 and rows == [0, 4, 8]


def test_changes_and_pages():
    assert display.change_text(0.6) == "+0,60"
    assert display.change_text(-2.1) == "−2,10"
    assert display.change_text(-2.1, "en", "-") == "-2.10"
    assert display.change_text(None) is None
    assert display.pages(30, 14, 5) == [slice(0, 14), slice(14, 28), slice(28, 30)]
    assert display.pages(100, 14, 5)[-1] == slice(56, 70) and len(display.pages(100, 14, 5)) == 5
    assert display.pages(0) == []
    assert display.short("x" * 50, 10) == "xxxxxxxxx…" and display.short("abc", 10) == "abc"


def test_worklist_table_total_is_over_the_whole_list():
    frame = pd.DataFrame({
        "kind": ["overdue", "second_supplement", "due_soon"],
        "unit_code": ["U1", "U1", "U2"],
        "procedure_code": ["P1", "P2", "P3"],
        "procedure_name": ["Đăng ký khai sinh", None, "Cấp giấy phép xây dựng"],
        "dossier_code": ["D1", "D2", "D3"],
        "received_date": [pd.Timestamp("2018-02-01")] * 3,
        "due_date": [pd.Timestamp("2018-02-09"), pd.Timestamp("2018-02-20"), pd.Timestamp("2018-02-21")],
        "working_days_left": [-2, 3, 1],
        "points_at_stake": [0.5, 0.5, None],
    })
    table = display.worklist_table(frame, "en", {"U1": "Lê Lợi"}, rows=slice(0, 2), brief=True)
    assert list(table.columns) == ["Warning", "Unit", "Procedure", "Dossier", "Due", "Working days left",
                                   "Points at stake"]
    assert table.values.tolist() == [
        ["Overdue", "Lê Lợi", "Đăng ký khai sinh", "D1", "9 Feb 2018", "-2", "0.50"],
        ["Second supplement", "Lê Lợi", "P2", "D2", "20 Feb 2018", "3", "0.50"],
        ["Total", "", "3 dossiers", "", "", "", "1.00"],  # the whole list: 3 dossiers, 0.5 + 0.5
    ]
    full = display.worklist_table(frame, "vi")
    assert full.iloc[2].tolist() == ["Sắp đến hạn", "U2", "Cấp giấy phép xây dựng", "D3", "01/02/2018", "21/02/2018",
                                     "1", "—"]
    assert display.kind_counts(frame) == {"overdue": 1, "due_soon": 1, "second_supplement": 1}


def test_feedback_table():
    frame = pd.DataFrame({"feedback_id": ["F1"], "unit_code": ["U1"], "received_date": [date(2018, 1, 3)],
                          "due_date": [date(2018, 1, 24)], "working_days_left": [2], "kind": ["due_soon"]})
    assert display.feedback_table(frame, "vi").values.tolist() == [
        ["Sắp đến hạn", "U1", "F1", "03/01/2018", "24/01/2018", "2"],
        ["Tổng cộng", "", "1 PAKN", "", "", ""],
    ]


def test_errors_are_told_in_the_page_language(groups_db):
    from cchc.score766.compute import Score766Error

    with pytest.raises(Score766Error) as caught:
        compute(Period.parse("2018-01"), ["U1", "NOPE"], db=groups_db)
    assert str(caught.value) == "Không có đơn vị: NOPE"
    assert caught.value.text("en") == "No such unit: NOPE"
