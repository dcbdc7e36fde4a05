"""Tiến độ giải quyết (20 points) exactly as the national portal counts it: one hand-computed
dossier per rule of queries/score766_dossiers.sql (docs/766.md, domain.md §8).

Period under test: January 2018 (1 Jan is a holiday, a Monday; Tết 2018 is 14-20 Feb).
Procedure P5 has a statutory time of 5 working days. Every due date below is a working day.

code  state  received  due    ended (how)                 supplement          verdict
A     10     01-03     01-12  finished 01-10              -                   on time
B     10     01-03     01-12  finished 01-15, back 01-16  -                   late (finished after due)
C     10     01-03     01-12  finished 01-12, back 01-20  -                   on time: 9 wins over 10
D      9     01-03     01-12  finished 01-16              01-05 -> 01-09 (x1) on time: 4 days subtracted
E      9     01-03     01-12  finished 01-16              01-05 -> 01-09 (x2) late: a second request
F      5     01-03     01-12  -                           01-10 -> waiting    on time: judged at 01-10
G      5     01-03     01-12  -                           01-15 -> waiting    late: request after due
H      4     01-03     02-05  -                           -                   on time: within at period end
I      4     01-03     01-19  -                           -                   late: overdue at period end
J      7     01-03     01-12  withdrawn 01-08             -                   on time, and counted
K      8     01-03     01-12  stopped 01-11 (services)    -                   on time (8 finishes by default)
L      3     01-05     01-12  refused after reception 01-09                   on time, counted
M      9     01-02     -      finished 01-09              -                   on time: 5 working days <= 5
N      9     01-02     -      finished 01-10              -                   late: 6 working days > 5
O     10     2017-12-20 12-28 finished 2017-12-29         -                   ended before: not counted
P      1     01-05     -      registered online           -                   not counted
R      3     01-05     -      refused at reception        -                   not counted
Q     10     01-03     02-05  finished 02-02              -                   on time: open at period end

Counted 15 (A-N, Q); on time 10 (A C D F H J K L M Q); late 5: B finished, E second supplement,
G waiting supplement, I open, N no due date; late with a supplement: E, G. Points 20 x 10/15.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from cchc.core.calendar_days import build_calendar
from cchc.core.periods import Period
from cchc.score766.compute import compute
from cchc.score766.inputs import apply_schema
from cchc.score766.settings import Settings766
from cchc.store import rollups
from cchc.store.db import create_schema, run_query

JAN = Period.month(2018, 1)

UNITS = [("U1", "Phường Một", "Một", "ward", None), ("U2", "Xã Hai", "Hai", "commune", None)]
PROCEDURES = [("P5", "Thủ tục năm ngày", "f", "commune", 5, "3")]

# code, state, received, due, finished, returned, supp requested, supplied, count
DOSSIERS = [
    ("A", 10, "2018-01-03", "2018-01-12", "2018-01-10", None, None, None, 0),
    ("B", 10, "2018-01-03", "2018-01-12", "2018-01-15", "2018-01-16", None, None, 0),
    ("C", 10, "2018-01-03", "2018-01-12", "2018-01-12", "2018-01-20", None, None, 0),
    ("D", 9, "2018-01-03", "2018-01-12", "2018-01-16", None, "2018-01-05", "2018-01-09", 1),
    ("E", 9, "2018-01-03", "2018-01-12", "2018-01-16", None, "2018-01-05", "2018-01-09", 2),
    ("F", 5, "2018-01-03", "2018-01-12", None, None, "2018-01-10", None, 1),
    ("G", 5, "2018-01-03", "2018-01-12", None, None, "2018-01-15", None, 1),
    ("H", 4, "2018-01-03", "2018-02-05", None, None, None, None, 0),
    ("I", 4, "2018-01-03", "2018-01-19", None, None, None, None, 0),
    ("J", 7, "2018-01-03", "2018-01-12", "2018-01-08", None, None, None, 0),
    ("K", 8, "2018-01-03", "2018-01-12", None, None, None, None, 0),
    ("L", 3, "2018-01-05", "2018-01-12", None, None, None, None, 0),
    ("M", 9, "2018-01-02", None, "2018-01-09", None, None, None, 0),
    ("N", 9, "2018-01-02", None, "2018-01-10", None, None, None, 0),
    ("O", 10, "2017-12-20", "2017-12-28", "2017-12-29", None, None, None, 0),
    ("P", 1, "2018-01-05", None, None, None, None, None, 0),
    ("R", 3, "2018-01-05", None, None, None, None, None, 0),
    ("Q", 10, "2018-01-03", "2018-02-05", "2018-02-02", None, None, None, 0),
]
# dossier_services_766: code, ended_date, refused_after_reception
SERVICES = [("K", "2018-01-11", False), ("L", "2018-01-09", True)]


def build_db(path, dossiers=DOSSIERS, services=SERVICES, unit="U1"):
    """A database with the core schema, the 766 schema, a real calendar and ``dossiers``."""
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        apply_schema(con)
        con.executemany("INSERT INTO units (unit_code, name, short_name, kind, parent_code) VALUES (?, ?, ?, ?, ?)", UNITS)
        con.execute("INSERT INTO fields VALUES ('f', 'Lĩnh vực')")
        con.executemany("INSERT INTO procedures VALUES (?, ?, ?, ?, ?, ?)", PROCEDURES)
        con.execute("INSERT INTO procedure_events VALUES ('P5', DATE '2017-01-01', 'published', NULL)")
        cal = build_calendar(date(2017, 11, 1), date(2018, 4, 30))
        con.register("cal", cal)
        con.execute("INSERT INTO calendar SELECT date::DATE, is_working_day, holiday_name FROM cal")
        con.executemany(
            "INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,"
            " finished_date, returned_date, state, supplement_requested_date, supplement_supplied_date,"
            " supplement_count) VALUES (?, ?, 'P5', 'in_person', ?, ?, ?, ?, ?, ?, ?, ?)",
            [(c, unit, r, due, fin, back, st, rq, sp, n) for c, st, r, due, fin, back, rq, sp, n in dossiers],
        )
        if services:
            con.executemany("INSERT INTO dossier_services_766 (dossier_code, ended_date, refused_after_reception)"
                            " VALUES (?, ?, ?)", services)
        rollups.refresh(con)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def progress_db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("p766") / "p766.duckdb")


DEFAULT_SETTINGS = Settings766()


def counts(db, settings: Settings766 = DEFAULT_SETTINGS):
    frame = run_query("score766_dossiers", db=db, start=JAN.start, end=JAN.end, units=["U1"],
                      finish_states=list(settings.finish_states), refusal_finishes=settings.refusal_finishes)
    return frame.drop(columns=["unit_code", "procedure_code"]).sum().to_dict()


def test_every_rule_by_hand(progress_db):
    c = counts(progress_db)
    assert (c["counted"], c["on_time"], c["late"]) == (15, 10, 5)
    assert (c["late_finished"], c["late_second_supplement"], c["late_waiting_supplement"],
            c["late_open"], c["late_no_due"]) == (1, 1, 1, 1, 1)
    assert c["late_with_supplement"] == 2
    # received in January: all counted but M, N received 01-02 too -> every counted one is
    assert c["received"] == 15


def test_points_are_twenty_times_the_share(progress_db):
    score = compute(JAN, ["U1"], db=progress_db, with_previous=False)
    metric = score.group("tien_do").metrics[0]
    assert (metric.numerator, metric.denominator) == (10, 15)
    assert metric.points == pytest.approx(20 * 10 / 15)
    assert score.group("tien_do").points == pytest.approx(13.333333, abs=1e-6)


def test_ten_alone_finishes_at_the_hand_back(progress_db):
    # without 9 among the finishing states, C ends when handed back (01-20 > due): late;
    # A (no return date) ends at its finish date; D, E, M, N (state 9) stay open at period end:
    # D, E judged 01-31 less the wait / second request -> late; M, N no due: 21 working days > 5
    c = counts(progress_db, Settings766(finish_states=(7, 8, 10)))
    assert c["counted"] == 15
    assert c["on_time"] == 10 - 3  # C, D, M become late
    assert (c["late_finished"], c["late_open"], c["late_no_due"]) == (2, 2, 2)


def test_stopped_is_a_setting(progress_db):
    # Thanh Hóa's reading: 8 is paused, so K is open at period end and overdue (due 01-12)
    c = counts(progress_db, Settings766(finish_states=(7, 9, 10)))
    assert (c["counted"], c["on_time"], c["late_open"]) == (15, 9, 2)


def test_refusal_after_reception_is_a_setting(progress_db):
    c = counts(progress_db, Settings766(refusal_finishes=False))
    assert (c["counted"], c["on_time"], c["late_open"]) == (15, 9, 2)


def test_previous_month_and_change(progress_db):
    # December 2017: O only (received 12-20, due 12-28, finished 12-29): late -> 0 points
    score = compute(JAN, ["U1"], db=progress_db)
    assert score.previous.progress["counted"] == 1 and score.previous.progress["on_time"] == 0
    assert score.delta("tien_do") == pytest.approx(20 * 10 / 15)


def test_domain_figure_reproduced():
    # domain.md §8 / qd766: "7,368 of 8,253 gives 17.86 points"
    from cchc.score766.definitions import metrics_for_year

    metric = metrics_for_year(2026)["tien_do"][0]
    assert round(metric.points(7368, 8253), 2) == 17.86
