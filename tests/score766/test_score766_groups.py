"""Each group's points on a tiny hand-computed fixture, and the portal's published figures
reproduced from the public fixtures of github.com/ChippedTopaz/qd766 (commit 4b89c95).

Fixture (ward U1, January 2018; procedures P5 online level 3, P6 level 2, both fee-bearing;
P5 complete and linked to population data, P6 neither):
dossier  proc  channel    on time  fee/paid  digit.  e-result  reused  population  synced  complaint
W1       P5    online     yes      yes/yes   yes     yes       yes     yes         yes     no
W2       P5    in person  yes      yes/no    no      yes       no      no          yes     yes
W3       P6    in person  yes      no        yes     no        no      yes         no      no
W4       P6    in person  no (finished 01-15, due 01-12), no services row
Feedback: F1 answered on time, satisfied; F2 answered after its due date; F3 open, due after
the period end (on time). Unit U1 provides electronic certified copies in 2018.

By hand: Công khai 2 x 1/2 + 6 x 2/4 = 4 (publication metrics: province only, not applicable);
Tiến độ 20 x 3/4 = 15; DVC trực tuyến min(2, 2 x 0.5/0.8) + 4 x 1/1 + min(6, 6 x 0.25/0.5) = 8.25;
Thanh toán 6 x 1/2 + min(2, 2 x 0.5/0.8) + min(2, 2 x 1/0.8) = 6.25; Hài lòng 6 x 2/3 + 6 x 1/3
+ min(6, 6 x 0.5/0.9) = 9.3333; Số hóa 6 x 2/4 + 4 x 2/4 + 2 + min(2, 2 x 0.25/0.8) + 0
+ 2 x 2/4 + 2 x 1/2 = 9.625. Total 52.4583.
"""

from __future__ import annotations

import duckdb
import pytest

from cchc.score766.compute import compute
from cchc.score766.definitions import metrics_for_year
from tests.score766.test_score766_progress import JAN, build_db

DOSSIERS = [
    ("W1", 10, "2018-01-03", "2018-01-12", "2018-01-10", None, None, None, 0),
    ("W2", 10, "2018-01-03", "2018-01-12", "2018-01-10", None, None, None, 0),
    ("W3", 10, "2018-01-03", "2018-01-12", "2018-01-10", None, None, None, 0),
    ("W4", 10, "2018-01-03", "2018-01-12", "2018-01-15", None, None, None, 0),
]


def _fill(path, feedback=True):
    con = duckdb.connect(str(path))
    try:
        con.execute("INSERT INTO procedures VALUES ('P6', 'Thủ tục sáu', 'f', 'commune', 5, '2')")
        con.execute("INSERT INTO procedure_events VALUES ('P6', DATE '2017-01-01', 'published', NULL)")
        con.execute("UPDATE dossiers SET procedure_code = 'P6' WHERE dossier_code IN ('W3', 'W4')")
        con.execute("UPDATE dossiers SET channel = 'online' WHERE dossier_code = 'W1'")
        con.executemany(
            "INSERT INTO dossier_services_766 (dossier_code, has_fee, paid_online, digitised, e_result,"
            " reused_data, personal_store, population_data, synced_portal, complaint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [("W1", True, True, True, True, True, False, True, True, False),
             ("W2", True, False, False, True, False, False, False, True, True),
             ("W3", False, False, True, False, False, False, True, False, False)])
        con.executemany(
            "INSERT INTO procedure_services_766 (procedure_code, fee_bearing, fully_online_eligible,"
            " content_complete, population_linked) VALUES (?, ?, ?, ?, ?)",
            [("P5", True, True, True, True), ("P6", True, False, False, False)])
        if feedback:
            con.executemany(
                "INSERT INTO feedback_766 (feedback_id, unit_code, received_date, due_date, answered_date,"
                " satisfied) VALUES (?, 'U1', ?, ?, ?, ?)",
                [("F1", "2018-01-03", "2018-01-24", "2018-01-20", True),
                 ("F2", "2018-01-05", "2018-01-26", "2018-01-29", False),
                 ("F3", "2018-01-25", "2018-02-14", None, None)])
        con.execute("INSERT INTO unit_services_766 VALUES ('U1', 2018, true, false)")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def groups_db(tmp_path_factory):
    return _fill(build_db(tmp_path_factory.mktemp("g766") / "g.duckdb", DOSSIERS, []))


@pytest.fixture(scope="module")
def no_feedback_db(tmp_path_factory):
    return _fill(build_db(tmp_path_factory.mktemp("n766") / "n.duckdb", DOSSIERS, []), feedback=False)


EXPECTED = {"cong_khai": 4.0, "tien_do": 15.0, "dvc_truc_tuyen": 8.25, "thanh_toan": 6.25,
            "hai_long": 6 * 2 / 3 + 6 * 1 / 3 + 6 * 0.5 / 0.9, "so_hoa": 9.625}


def test_each_group_by_hand(groups_db):
    score = compute(JAN, ["U1"], db=groups_db, with_previous=False)
    for code, points in EXPECTED.items():
        assert score.group(code).points == pytest.approx(points), code
    assert score.total == pytest.approx(sum(EXPECTED.values()))
    assert round(score.total, 4) == 52.4583
    assert score.complete and score.total_max == 100


def test_not_applicable_is_marked_not_scored(groups_db):
    metrics = {m.code: m for m in compute(JAN, ["U1"], db=groups_db, with_previous=False).group("cong_khai").metrics}
    assert metrics["publish_on_time"].status == "not_applicable" and metrics["publish_on_time"].points is None
    assert metrics["public_update_on_time"].status == "not_applicable"
    assert (metrics["dossier_sync"].numerator, metrics["dossier_sync"].denominator) == (2, 4)


def test_a_group_without_inputs_has_no_score(no_feedback_db):
    score = compute(JAN, ["U1"], db=no_feedback_db, with_previous=False)
    group = score.group("hai_long")
    assert group.points is None and group.missing == ("feedback_766",)
    assert not score.complete and score.total_max == 82
    assert score.total == pytest.approx(sum(v for k, v in EXPECTED.items() if k != "hai_long"))


# Carried over into January (C1) and received in it (C2-C4): the portal's 1.4, 4.3 and 4.4
# count the dossiers RECEIVED in the period (qd766 web/src/formula-document.ts), and 5.4 is
# 100 % - late rate - complaint rate.
PERIOD_DOSSIERS = [
    ("C1", 10, "2017-12-20", "2018-01-10", "2018-01-09", None, None, None, 0),  # carried over, on time
    ("C2", 10, "2018-01-03", "2018-01-12", "2018-01-15", None, None, None, 0),  # late
    ("C3", 10, "2018-01-03", "2018-01-12", "2018-01-10", None, None, None, 0),  # on time
    ("C4", 10, "2018-01-04", "2018-01-12", "2018-01-10", None, None, None, 0),  # on time
]
# dossier, synced, reused, personal store, complaint
PERIOD_SERVICES = [("C1", True, True, True, False), ("C2", True, False, False, True),
                   ("C3", False, True, False, True), ("C4", True, False, True, False)]


def test_received_in_the_period_and_the_satisfaction_rates(tmp_path):
    path = build_db(tmp_path / "c.duckdb", PERIOD_DOSSIERS, [])
    con = duckdb.connect(str(path))
    con.executemany("INSERT INTO dossier_services_766 (dossier_code, synced_portal, reused_data, personal_store,"
                    " complaint) VALUES (?, ?, ?, ?, ?)", PERIOD_SERVICES)
    con.close()
    score = compute(JAN, ["U1"], db=path, with_previous=False)
    metrics = {m.code: m for g in score.groups for m in g.metrics}
    counts = {code: (metrics[code].numerator, metrics[code].denominator)
              for code in ("progress_on_time", "dossier_sync", "reused_data", "personal_store", "dossier_satisfaction")}
    assert counts == {
        "progress_on_time": (3, 4),      # C1 counted too (carried over), C2 late
        "dossier_sync": (2, 3),          # C2, C4 of the three received (C1 synced, not received in January)
        "reused_data": (1, 3),           # C3
        "personal_store": (1, 3),        # C4
        "dossier_satisfaction": (1, 4),  # 4 - 1 late - 2 complaints (C2 late and complaining counts twice)
    }
    assert metrics["dossier_sync"].points == pytest.approx(6 * 2 / 3)
    assert metrics["dossier_satisfaction"].points == pytest.approx(6 * 0.25 / 0.9)


def test_2026_set_has_one_online_metric():
    assert [m.code for m in metrics_for_year(2026)["dvc_truc_tuyen"]] == ["fully_online_dossiers"]
    assert [m.code for m in metrics_for_year(2024)["dvc_truc_tuyen"]] == [
        "procedures_online", "procedures_with_online_dossiers", "online_dossiers"]
    assert sum(m.max_points for ms in metrics_for_year(2018).values() for m in ms) == 100


# -- the portal's own figures (Phú Thọ, September 2026 month fixtures of ChippedTopaz/qd766) --
def _metric(group, code):
    return next(m for m in metrics_for_year(2026)[group] if m.code == code)


@pytest.mark.parametrize("on_time, received, score", [
    (144625, 184513, 15.68),   # tests/fixtures/dvc-progress-tree/month-all.json, parent H44
    (486, 588, 16.53),         # same file, H44.03
    (2348, 2971, 15.81),       # same file, H44.100 UBND Phường Việt Trì
])
def test_portal_progress_scores(on_time, received, score):
    assert round(_metric("tien_do", "progress_on_time").points(on_time, received), 2) == score


@pytest.mark.parametrize("a, b, c, score", [
    ((82913, 98459), (93, 310), (56, 310), 6.25),  # formality-online-payment-tree/month-all.json, H44
    ((1516, 1707), (12, 35), (7, 35), 6.69),       # same file, H44.100
    ((7, 7), (2, 3), (0, 3), 7.67),                # same file, H44.03
])
def test_portal_payment_scores(a, b, c, score):
    total = (_metric("thanh_toan", "online_payment_dossiers").points(*a)
             + _metric("thanh_toan", "fee_procedures_paid_online").points(*b)
             + _metric("thanh_toan", "fee_procedures_with_dossiers").points(*c))
    assert round(total, 2) == score


@pytest.mark.parametrize("group, code, num, den, score", [
    ("hai_long", "dossier_satisfaction", 486, 588, 5.51),     # handling-satisfaction/month-all.json H44.03
    ("hai_long", "dossier_satisfaction", 939, 1038, 6.0),     # same, Xuân Lũng: full from 90 %
    ("hai_long", "feedback_on_time", 2, 2, 6.0),              # same, Lâm Thao
    ("hai_long", "feedback_satisfaction", 0, 2, 0.0),         # same, Lâm Thao
    ("hai_long", "feedback_on_time", 0, 0, 6.0),              # same, no feedback: 6
    ("hai_long", "feedback_on_time", 182, 247, 4.42),         # same, parent H44
    ("cong_khai", "public_content_full", 87, 89, 1.96),       # transparency/month-all.json
    ("so_hoa", "e_result", 385, 588, 3.93),                   # dossier-digitized/month-all.json H44.03
    ("so_hoa", "digitised", 312, 588, 2.12),                  # same
    ("so_hoa", "reused_data", 3160, 184513, 0.04),            # same, parent H44
    ("so_hoa", "population_data", 1137, 2971, 0.77),          # same, H44.100
    ("so_hoa", "procedures_population_linked", 10, 42, 0.48),  # same, H44.03
])
def test_portal_metric_scores(group, code, num, den, score):
    assert round(_metric(group, code).points(num, den), 2) == score
