"""The demo database: the figures of the 5 July 2018 review, determinism, integrity.

The database is built once per session; every figure is checked with SQL written here,
independently of the checks inside :func:`cchc.datagen.demo.build_demo`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest

from cchc.core.calendar_days import add_working_days, build_calendar, working_days
from cchc.datagen.demo import build_demo

H1 = {"s": date(2018, 1, 1), "e": date(2018, 6, 30)}
RESOLVED = "outcome IN ('early', 'on_time', 'late')"
ON_TIME = "outcome IN ('early', 'on_time')"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    summary = build_demo(path, seed=2018)
    return path, summary


@pytest.fixture(scope="session")
def con(demo_build):
    connection = duckdb.connect(str(demo_build[0]), read_only=True)
    yield connection
    connection.close()


def one(con, sql: str, params: dict | None = None):
    return con.execute(sql, params or {}).fetchone()[0]


def dossiers_fingerprint(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as c:
        return c.execute("""
            SELECT md5(string_agg(concat_ws('|', dossier_code, unit_code, procedure_code, channel,
                       received_date, due_date, finished_date, returned_date, state, received_time,
                       finished_time, supplement_requested_date, supplement_supplied_date,
                       supplement_count), ';' ORDER BY dossier_code))
            FROM dossiers
        """).fetchone()[0]


# --------------------------------------------------------------------------- the report


def test_town_desk_first_half_2018(con):
    received, resolved, on_time, late, rate = con.execute(f"""
        SELECT count(*) FILTER (WHERE is_received),
               count(*) FILTER (WHERE {RESOLVED}),
               count(*) FILTER (WHERE {ON_TIME}),
               count(*) FILTER (WHERE outcome = 'late'),
               round(100.0 * count(*) FILTER (WHERE {ON_TIME}) / count(*) FILTER (WHERE {RESOLVED}), 1)
        FROM dossier_period($s, $e) WHERE unit_code = 'thi-xa'
    """, H1).fetchone()
    assert (received, resolved, on_time, late) == (1261, 1026, 1014, 12)
    assert rate == 98.8


def test_communes_first_half_2018(con):
    received, rate = con.execute(f"""
        SELECT count(*) FILTER (WHERE is_received),
               round(100.0 * count(*) FILTER (WHERE {ON_TIME}) / count(*) FILTER (WHERE {RESOLVED}), 1)
        FROM dossier_period($s, $e) d JOIN units u USING (unit_code)
        WHERE u.kind IN ('ward', 'commune')
    """, H1).fetchone()
    assert received == 17337
    assert rate == 99.6


def test_district_procedures_in_force(con):
    count, fields = con.execute("""
        SELECT count(*), count(DISTINCT field_code)
        FROM procedures_in_force(DATE '2018-06-30') WHERE level = 'district'
    """).fetchone()
    assert (count, fields) == (292, 11)


def test_district_procedure_changes_first_half_2018(con):
    rows = dict(con.execute("""
        SELECT e.event, count(*) FROM procedure_events e JOIN procedures p USING (procedure_code)
        WHERE p.level = 'district' AND e.effective_date BETWEEN $s AND $e GROUP BY e.event
    """, H1).fetchall())
    assert rows == {"published": 2, "abolished": 2, "amended": 17}


def test_par_2017_ranking(con):
    ranked = con.execute("""
        SELECT unit_code, total, rank() OVER (ORDER BY total DESC) AS rnk
        FROM (SELECT unit_code, sum(points) AS total FROM par_scores WHERE year = 2017 GROUP BY unit_code)
        ORDER BY total DESC, unit_code
    """).fetchall()
    assert len(ranked) == 15
    top = ranked[:5]
    assert [u for u, _, _ in top] == ["xuan-khanh", "le-loi", "ngo-quyen", "son-loc", "trung-hung"]
    assert float(top[0][1]) == 91.0
    assert [r for _, _, r in top] == [1, 2, 3, 4, 5]  # strictly decreasing, no ties
    assert {u for u, _, r in ranked if r >= 13} == {"kim-son", "son-dong", "phu-thinh"}


def test_par_data(con):
    # 2016-2018 by hand; 2019-2025 by cchc/datagen/par_years.py (since the demo reaches 2026)
    assert con.execute("""
        SELECT year, sum(max_points), count(*), bool_and(is_demo) FROM par_criteria GROUP BY year ORDER BY year
    """).fetchall() == [(y, 100, 7, True) for y in range(2016, 2026)]
    # every commune/ward scored on every criterion, never above the maximum; the town is not ranked
    assert one(con, """
        SELECT count(*) FROM par_scores s JOIN par_criteria c USING (year, criterion_code)
        WHERE s.points > c.max_points OR s.points < 0
    """) == 0
    # 15 wards and communes 2016-2024, the three units of 1 July 2025 in 2025
    assert one(con, "SELECT count(*) FROM par_scores") == 9 * 15 * 7 + 3 * 7
    assert one(con, "SELECT count(*) FROM par_scores s JOIN units u USING (unit_code) "
                    "WHERE make_date(s.year, 12, 31) NOT BETWEEN coalesce(u.valid_from, DATE '2000-01-01') "
                    "AND coalesce(u.valid_to, DATE '2100-01-01')") == 0  # a unit scored only while it exists
    assert one(con, "SELECT count(*) FROM par_scores WHERE unit_code = 'thi-xa'") == 0
    assert one(con, """
        SELECT count(*) FROM par_scores s LEFT JOIN units u USING (unit_code)
        WHERE u.kind IS NULL OR u.kind NOT IN ('ward', 'commune')
    """) == 0
    # a shared rank exists in 2016 or 2018, so the dashboard can show one
    assert one(con, """
        SELECT count(*) FROM (
            SELECT year, total FROM (SELECT year, unit_code, sum(points) AS total FROM par_scores
                                     WHERE year IN (2016, 2018) GROUP BY ALL)
            GROUP BY ALL HAVING count(*) > 1)
    """) >= 1


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_dossiers(demo_build, tmp_path):
    path, summary = demo_build
    again = tmp_path / "again.duckdb"
    assert build_demo(again, seed=2018) == summary
    assert dossiers_fingerprint(again) == dossiers_fingerprint(path)


def test_other_seed_other_dossiers_same_figures(demo_build, tmp_path):
    # build_demo raises DemoFigureError if the report figures are not reproduced
    other = tmp_path / "other.duckdb"
    build_demo(other, seed=7)
    assert dossiers_fingerprint(other) != dossiers_fingerprint(demo_build[0])


def test_rebuild_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "demo.duckdb"
    path.write_text("not a database")
    build_demo(path, seed=3)
    assert not path.with_name(path.name + ".tmp").exists()
    with duckdb.connect(str(path), read_only=True) as c:
        assert c.execute("SELECT value FROM dataset_info WHERE key = 'seed'").fetchone()[0] == "3"


# --------------------------------------------------------------------------- integrity


def test_summary_matches_tables(con, demo_build):
    summary = demo_build[1]
    for table, count in summary.items():
        assert one(con, f"SELECT count(*) FROM {table}") == count
    # the 16 desks of 2017-2018, and (since the units' lineage, issue 12) the three units
    # that succeed them on 1 July 2025 and the city's desk (since the demo reaches 2026)
    assert one(con, "SELECT count(*) FROM units WHERE valid_from <= DATE '2018-12-31'") == 16
    assert summary["units"] == 16 + 3 + 1
    assert summary["calendar"] == 4383  # 2016-01-01 .. 2027-12-31: 12 years, 3 of them leap years


def test_balance_for_every_unit_and_month(con):
    # carried over + received = resolved + in progress + withdrawn, computed straight from
    # the dossiers (not through the macro), for every desk and month of 2017-2018
    bad = con.execute("""
        WITH months AS (
            SELECT m::DATE AS s, (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS e
            FROM generate_series(TIMESTAMP '2017-01-01', TIMESTAMP '2018-12-01', INTERVAL 1 MONTH) t(m)
        ), counted AS (
            SELECT m.s, u.unit_code,
                count(*) FILTER (WHERE d.received_date < m.s
                                 AND (d.finished_date IS NULL OR d.finished_date >= m.s)) AS carried,
                count(*) FILTER (WHERE d.received_date BETWEEN m.s AND m.e) AS received,
                count(*) FILTER (WHERE d.state IN (9, 10) AND d.finished_date BETWEEN m.s AND m.e) AS resolved,
                count(*) FILTER (WHERE d.state = 7 AND d.finished_date BETWEEN m.s AND m.e) AS withdrawn,
                count(*) FILTER (WHERE d.received_date <= m.e
                                 AND (d.finished_date IS NULL OR d.finished_date > m.e)) AS in_progress
            FROM months m CROSS JOIN units u
            LEFT JOIN dossiers d ON d.unit_code = u.unit_code AND d.state NOT IN (1, 3)
            GROUP BY m.s, u.unit_code
        )
        SELECT * FROM counted WHERE carried + received <> resolved + in_progress + withdrawn
    """).fetchall()
    assert bad == []
    # and the macro agrees with the direct count for one month
    direct = one(con, """SELECT count(*) FROM dossiers WHERE state NOT IN (1, 3)
                         AND received_date <= DATE '2018-03-31'
                         AND (finished_date IS NULL OR finished_date >= DATE '2018-03-01')""")
    assert one(con, "SELECT count(*) FROM dossier_period(DATE '2018-03-01', DATE '2018-03-31')") == direct


def test_schema_rules_hold(con):
    assert one(con, """
        SELECT count(*) FROM dossiers
        WHERE (state IN (7, 9, 10)) <> (finished_date IS NOT NULL)
           OR finished_date < received_date
           OR due_date < received_date
           OR returned_date < finished_date
           OR (state = 10) <> (returned_date IS NOT NULL AND state <> 7)
           OR (state IN (1, 3)) <> (due_date IS NULL)
           OR received_date NOT BETWEEN DATE '2017-01-01' AND DATE '2026-10-31'
           OR finished_date > DATE '2026-10-31'
           OR returned_date > DATE '2026-10-31'
           OR load_id IS NOT NULL
    """) == 0
    assert one(con, "SELECT count(*) - count(DISTINCT dossier_code) FROM dossiers") == 0
    assert one(con, """
        SELECT count(*) FROM dossiers
        WHERE supplement_requested_date < received_date
           OR supplement_supplied_date < supplement_requested_date
           OR supplement_supplied_date > finished_date
           OR (supplement_count > 0) <> (supplement_requested_date IS NOT NULL)
           OR (state = 5 AND (supplement_requested_date IS NULL OR supplement_supplied_date IS NOT NULL))
    """) == 0
    assert one(con, """
        SELECT count(*) FROM dossiers
        WHERE received_time NOT BETWEEN TIME '08:00' AND TIME '17:00'
           OR finished_time NOT BETWEEN TIME '08:00' AND TIME '17:00'
           OR (finished_date = received_date AND finished_time < received_time)
    """) == 0


def test_references_and_levels(con):
    # district procedures at the town desk, commune procedures at the communes/wards; since
    # 1 July 2025 (no district level) the communes also take the town desk's land,
    # construction and household-business procedures, the city's desk (kind town) the others
    assert one(con, """
        SELECT count(*) FROM dossiers d
        LEFT JOIN units u USING (unit_code) LEFT JOIN procedures p USING (procedure_code)
        WHERE u.unit_code IS NULL OR p.procedure_code IS NULL
           OR (u.kind = 'town') <> (p.level = 'district')
              AND NOT (d.received_date >= DATE '2025-07-01' AND u.kind <> 'town' AND p.level = 'district'
                       AND p.field_code IN ('dat-dai', 'xay-dung', 'ho-kinh-doanh'))
           OR u.unit_code = 'ha-noi' AND p.field_code IN ('dat-dai', 'xay-dung', 'ho-kinh-doanh')
    """) == 0
    assert one(con, "SELECT count(*) FROM procedures p LEFT JOIN fields f USING (field_code) WHERE f.name IS NULL") == 0
    assert one(con, "SELECT count(*) FROM procedure_events e ANTI JOIN procedures p USING (procedure_code)") == 0
    assert one(con, "SELECT count(*) FROM units WHERE unit_code <> 'thi-xa' AND parent_code <> 'thi-xa'") == 0


def test_dossiers_only_for_procedures_in_force(con):
    assert one(con, """
        WITH periods AS (
            SELECT procedure_code, effective_date AS published,
                   (SELECT min(a.effective_date) FROM procedure_events a
                    WHERE a.procedure_code = e.procedure_code AND a.event = 'abolished'
                      AND a.effective_date > e.effective_date) AS abolished
            FROM procedure_events e WHERE event = 'published'
        )
        SELECT count(*) FROM dossiers d
        WHERE NOT EXISTS (SELECT 1 FROM periods p
                          WHERE p.procedure_code = d.procedure_code AND p.published <= d.received_date
                            AND (p.abolished IS NULL OR p.abolished > d.received_date))
    """) == 0


def test_dates_fall_on_working_days(con):
    for column in ("received_date", "due_date", "finished_date", "returned_date"):
        assert one(con, f"""
            SELECT count(*) FROM dossiers d JOIN calendar c ON c.date = d.{column}
            WHERE NOT c.is_working_day
        """) == 0, column


def test_due_dates_follow_the_calendar(con):
    rows = con.execute("""
        SELECT d.received_date, p.processing_days, d.due_date
        FROM dossiers d JOIN procedures p USING (procedure_code) WHERE d.due_date IS NOT NULL
    """).fetchnumpy()
    calendar = con.execute("SELECT date, is_working_day FROM calendar ORDER BY date").df()
    due = add_working_days(calendar, rows["received_date"], rows["processing_days"])
    assert np.array_equal(due, np.asarray(rows["due_date"], dtype="datetime64[D]"))


def test_dossiers_physically_in_received_order(con):
    assert one(con, """
        SELECT count(*) FROM (
            SELECT received_date, lag(received_date) OVER (ORDER BY rowid) AS previous FROM dossiers)
        WHERE received_date < previous
    """) == 0


def test_dataset_info(con):
    info = dict(con.execute("SELECT key, value FROM dataset_info").fetchall())
    assert info["kind"] == "demo"
    assert info["seed"] == "2018"
    assert info["description"].startswith("Dữ liệu minh họa (demo)")


def test_reference_units(con):
    # the desks of 2017-2018 (the units formed on 1 July 2025 are checked in test_units*.py)
    rows = con.execute("SELECT kind, count(*) FROM units WHERE valid_from <= DATE '2018-12-31' "
                       "GROUP BY kind ORDER BY kind").fetchall()
    assert rows == [("commune", 6), ("town", 1), ("ward", 9)]
    assert con.execute("SELECT name, short_name FROM units WHERE unit_code = 'duong-lam'").fetchone() == (
        "Xã Đường Lâm", "Đường Lâm")
    assert one(con, """SELECT count(*) FROM units WHERE valid_from < DATE '2025-07-01' AND (valid_from <> DATE '2008-08-01'
                       OR valid_to <> DATE '2025-06-30' OR is_synthetic)""") == 0


# --------------------------------------------------------------------------- plausibility


def test_all_states_and_situations_present(con):
    states = dict(con.execute("SELECT state, count(*) FROM dossiers GROUP BY state").fetchall())
    assert set(states) == set(range(1, 11))
    outcomes = dict(con.execute("""
        SELECT outcome, count(*) FROM dossier_period(DATE '2018-12-31', DATE '2018-12-31') GROUP BY outcome
    """).fetchall())
    assert outcomes["in_progress_within"] > 0
    assert 0 < outcomes["in_progress_overdue"] < 100
    share = one(con, "SELECT avg((supplement_count > 0)::INT) FROM dossiers")
    assert 0.01 < share < 0.06


def test_tet_dips(con):
    monthly = dict(con.execute("""
        SELECT strftime(received_date, '%Y-%m'), count(*) FROM dossiers
        WHERE state NOT IN (1, 3) GROUP BY 1
    """).fetchall())
    assert monthly["2017-02"] < 0.8 * min(monthly["2017-01"], monthly["2017-03"])
    assert monthly["2018-02"] < 0.8 * min(monthly["2018-01"], monthly["2018-03"])


def test_online_share_rises(con):
    early, late = con.execute("""
        SELECT avg((channel = 'online')::INT) FILTER (WHERE received_date < DATE '2017-04-01'),
               avg((channel = 'online')::INT) FILTER (WHERE received_date BETWEEN DATE '2018-10-01'
                                                                      AND DATE '2018-12-31')
        FROM dossiers WHERE state NOT IN (1, 3)
    """).fetchone()
    assert early < 0.06
    assert 0.12 < late < 0.2


def test_wards_mostly_civil_status_and_certification(con):
    share = one(con, """
        SELECT avg((p.field_code IN ('ho-tich', 'chung-thuc'))::INT)
        FROM dossiers d JOIN procedures p USING (procedure_code) JOIN units u USING (unit_code)
        WHERE u.kind = 'ward'
    """)
    assert share > 0.8


def test_land_and_construction_carry_most_late_dossiers(con):
    share = one(con, """
        SELECT avg((p.field_code IN ('dat-dai', 'xay-dung'))::INT)
        FROM dossiers d JOIN procedures p USING (procedure_code)
        WHERE d.state IN (9, 10) AND d.finished_date > d.due_date
    """)
    assert share > 0.5


def test_unit_sizes_and_rates_vary(con):
    sizes = dict(con.execute("SELECT unit_code, count(*) FROM dossiers GROUP BY 1").fetchall())
    assert min(sizes["le-loi"], sizes["quang-trung"]) > 1.8 * max(sizes["xuan-son"], sizes["trung-son-tram"])
    rates = [r for (r,) in con.execute(f"""
        SELECT 100.0 * count(*) FILTER (WHERE {ON_TIME}) / count(*) FILTER (WHERE {RESOLVED})
        FROM dossier_period(DATE '2017-07-01', DATE '2017-12-31') GROUP BY unit_code
    """).fetchall()]
    assert min(rates) >= 94.0
    assert max(rates) - min(rates) > 1.0


# --------------------------------------------------------------------------- calendar


def test_calendar_table(con):
    days = dict(con.execute("SELECT date, is_working_day FROM calendar").fetchall())
    assert len(days) == 4383 and min(days) == date(2016, 1, 1) and max(days) == date(2027, 12, 31)
    assert not days[date(2018, 2, 16)]  # Tết 2018
    assert not days[date(2017, 1, 30)]  # Tết 2017
    assert not days[date(2018, 12, 31)]  # day off given for Saturday 5 January 2019 ...
    assert days[date(2019, 1, 5)]  # ... which is worked
    assert not days[date(2018, 3, 3)]  # an ordinary Saturday
    assert one(con, "SELECT holiday_name FROM calendar WHERE date = DATE '2018-09-02'") == "Quốc khánh"


def test_add_working_days():
    calendar = build_calendar(date(2017, 12, 1), date(2019, 1, 31))
    assert add_working_days(calendar, date(2018, 3, 2), 0) == date(2018, 3, 2)
    assert add_working_days(calendar, date(2018, 3, 3), 0) == date(2018, 3, 3)  # 0 days: same day
    assert add_working_days(calendar, date(2018, 3, 2), 1) == date(2018, 3, 5)  # Friday -> Monday
    assert add_working_days(calendar, date(2018, 2, 13), 1) == date(2018, 2, 21)  # over Tết
    assert add_working_days(calendar, date(2018, 12, 28), 1) == date(2019, 1, 2)
    assert add_working_days(calendar, date(2019, 1, 4), 1) == date(2019, 1, 5)  # swapped Saturday
    wd = working_days(calendar)
    starts = np.array(["2018-01-05", "2018-02-10"], dtype="datetime64[D]")
    assert add_working_days(wd, starts, [0, 1]).tolist() == [date(2018, 1, 5), date(2018, 2, 12)]
    with pytest.raises(ValueError):
        add_working_days(calendar, date(2018, 3, 2), -1)
    with pytest.raises(ValueError):
        add_working_days(calendar, date(2019, 1, 30), 5)
