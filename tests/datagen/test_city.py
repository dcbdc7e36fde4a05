"""The synthetic city and nation have the real units of admin_units: names, counts before and
since 1 July 2025, validity respected by every dossier, and a lineage for every unit that
ended. Counts are checked against admin_units with SQL of the test's own (not the
generator's pandas), and Hà Nội's 126 against domain.md §7 (Resolution 1656/NQ-UBTVQH15)."""

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cchc.datagen.city import LAST_DAY, build_city
from tests.apptest import open_app
from tests.paths import ROOT

N = 20_000
HANOI_COMMUNES_SINCE_REFORM = 126  # domain.md §7
NATION_COMMUNES_SINCE_REFORM = 3_321  # domain.md §7
NATION_PROVINCES_SINCE_REFORM = 34  # domain.md §7


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("city_units") / "city.duckdb"
    build_city(path, N, seed=3)
    return path


@pytest.fixture(scope="module")
def nation(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nation") / "nation.duckdb"
    build_city(path, N, seed=3, scope="nation")
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _one(path: Path, sql: str):
    (row,) = _rows(path, sql)
    return row


# Hà Nội's districts and communes before the reform and its communes since, straight from
# admin_units (a district's parent is its province, a commune's its district or province).
_HANOI_OLD_DISTRICTS = """select count(*) from admin_units
    where level = 'district' and parent_code = '01' and valid_to = DATE '2025-06-30'"""
_HANOI_OLD_COMMUNES = """select count(*) from admin_units c join admin_units d
      on d.official_code = c.parent_code and d.level = 'district'
    where c.level = 'commune' and c.valid_to = DATE '2025-06-30' and d.parent_code = '01'"""
_HANOI_NEW_COMMUNES = """select count(*) from admin_units
    where level = 'commune' and parent_code = '01' and valid_from = DATE '2025-07-01'"""


def test_city_units_are_hanois_real_units(city):
    districts, old_communes, new_communes = (_one(city, q)[0] for q in
                                             (_HANOI_OLD_DISTRICTS, _HANOI_OLD_COMMUNES, _HANOI_NEW_COMMUNES))
    assert districts == 30 and new_communes == HANOI_COMMUNES_SINCE_REFORM
    desks_old, communes_old, desks_new, communes_new = _one(city, """
        select count(*) filter (where valid_to is not null and kind = 'town'),
               count(*) filter (where valid_to is not null and kind <> 'town'),
               count(*) filter (where valid_from is not null and kind = 'town'),
               count(*) filter (where valid_from is not null and kind <> 'town')
        from units""")
    assert (desks_old, communes_old, desks_new, communes_new) == (districts, old_communes, 1, new_communes)
    # every unit is an admin unit of its era with the same name (a desk: its district's or
    # province's name after the desk's title)
    unmatched = _rows(city, """
        select u.unit_code from units u left join admin_units a
          on a.official_code = u.official_code
         and (a.valid_to is not null) = (u.valid_to is not null)
         and a.level = case u.level when 'desk' then 'district' else u.level end
        where a.official_code is null
           or (u.kind <> 'town' and u.name <> a.name)
           or (u.kind = 'town' and not ends_with(u.name, ' ' || a.name))""")
    assert unmatched == []
    assert _one(city, "select name from units where unit_code = 'old-09574'")[0] == "Phường Ngô Quyền"
    assert _one(city, "select name from units where unit_code = 'new-09574'")[0] == "Phường Sơn Tây"
    assert _one(city, "select name from units where unit_code = 'old-269'")[0] == "Bộ phận một cửa Thị xã Sơn Tây"


def test_units_are_labelled_synthetic(city, nation):
    for path, where in ((city, "Hà Nội"), (nation, "cả nước")):
        synthetic, total = _one(path, "select count(*) filter (where is_synthetic), count(*) from units")
        assert synthetic == total > 0
        info = dict(_rows(path, "select key, value from dataset_info"))
        assert info["kind"] == "synthetic" and "synthetic" in info["description"] and where in info["description"]
        assert info["dossiers"] == str(N)
    unique = _one(nation, "select count(distinct short_name) = count(*), count(distinct unit_code) = count(*) from units")
    assert unique == (True, True)  # names repeat across the country: told apart by their district


def test_no_dossier_outside_its_units_validity(city, nation):
    for path in (city, nation):
        outside, total, before, since = _one(path, """
            select count(*) filter (where d.received_date < u.valid_from or d.received_date > u.valid_to),
                   count(*),
                   count(*) filter (where d.received_date < DATE '2025-07-01'),
                   count(*) filter (where d.received_date >= DATE '2025-07-01')
            from dossiers d join units u using (unit_code)""")
        assert outside == 0 and total == N
        assert before > 0 and since > 0  # both sides of the reform have dossiers


def test_ten_years_ending_october_2026(city):
    first, last = _one(city, "select min(received_date), max(received_date) from dossiers")
    assert first.year == 2016 and first.month == 11
    assert last <= LAST_DAY and (last.year, last.month) == (2026, 10)


def test_every_ended_unit_has_a_lineage(city, nation):
    for path in (city, nation):
        no_default = _rows(path, """
            select u.unit_code from units u
            where u.valid_to is not null
              and (select count(*) from unit_lineage l where l.old_unit_code = u.unit_code and l.is_default) <> 1""")
        assert no_default == []
    # the city's lineage is admin_lineage's for its old communes, row for row
    mine, theirs = _one(city, """
        select (select count(*) from unit_lineage l join units u on u.unit_code = l.old_unit_code
                where u.kind <> 'town'),
               (select count(*) from admin_lineage a join units u
                  on u.official_code = a.old_code and u.valid_to is not null and u.kind <> 'town')""")
    assert mine == theirs > 0
    # Ngô Quyền went wholly into phường Sơn Tây; Sơn Tây's district desk passes to the city's desk
    assert _rows(city, """select new_unit_code, is_whole, is_default from unit_lineage
                          where old_unit_code = 'old-09574'""") == [("new-09574", True, True)]
    assert _rows(city, """select new_unit_code, is_whole, is_default from unit_lineage
                          where old_unit_code = 'old-269'""") == [("new-01", False, True)]


def test_history_today_maps_every_old_unit_of_the_city_to_a_new_one(city):
    # every successor of a Hà Nội unit is in Hà Nội: no dossier is left on an ended unit
    left, moved = _one(city, """
        select count(*) filter (where u.valid_to is not null),
               count(*) filter (where u.valid_to is not null and shown_code like 'new-%')
        from unit_shown('today') s join units u using (unit_code)""")
    assert left == moved == 30 + 526


def test_nation_units_match_admin_units(nation):
    expected = _one(nation, """
        select count(*) filter (where level = 'district'),
               count(*) filter (where level = 'commune' and valid_to is not null),
               count(*) filter (where level = 'province' and valid_from is not null),
               count(*) filter (where level = 'commune' and valid_from is not null)
        from admin_units""")
    assert expected[2:] == (NATION_PROVINCES_SINCE_REFORM, NATION_COMMUNES_SINCE_REFORM)
    got = _one(nation, """
        select count(*) filter (where level = 'desk'),
               count(*) filter (where level = 'commune' and valid_to is not null),
               count(*) filter (where level = 'province'),
               count(*) filter (where level = 'commune' and valid_from is not null)
        from units""")
    assert got == expected
    # the province desks since the reform, one per province, named as the one-stop centres are
    assert _one(nation, "select name from units where unit_code = 'new-79'")[0] == \
        "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh"
    assert _one(nation, "select count(*) from dossiers")[0] == N


def test_par_scores_go_to_the_communes_of_their_year(city):
    wrong = _one(city, """
        select count(*) from par_scores p join units u using (unit_code)
        where u.kind = 'town' or (p.year < 2025 and u.valid_to is null) or (p.year >= 2025 and u.valid_from is null)""")
    assert wrong == (0,)
    assert _one(city, "select count(distinct unit_code) from par_scores where year = 2025")[0] == 126


def test_cli_builds_a_nation(tmp_path):
    path = tmp_path / "nation-cli.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", "build-demo", "--dossiers", "3000", "--scope", "nation", "--db", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "dossiers: 3000" in proc.stdout
    assert _one(path, "select value from dataset_info where key = 'scope'") == ("nation",)
    proc = subprocess.run([sys.executable, "-m", "cchc", "build-demo", "--dossiers", "3000", "--scope", "moon"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_dashboard_runs_on_a_nation(nation, monkeypatch):
    at = open_app(nation, monkeypatch=monkeypatch, timeout=180)
    assert not at.exception and not at.error
    assert at.selectbox(key="f_period").value == "2026-H1"  # the latest complete half-year
    # since the reform: the province desks and the communes, two rows of five tiles
    assert len(at.metric) == 10
