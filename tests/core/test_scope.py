"""Any scope (issue 12, item 4): ?scope=<official code> limits the view to the units inside an
administrative unit (a province, a former district, a commune), resolved in
queries/unit_scopes.sql through the official codes and the dated parent chain, and by
cchc/core/units.py (scope_view) into the units the sidebar offers and the queries read.

Hand-computed on tests/lineage_db.py (its docstring lists the units, codes and scopes)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cchc.auth.roles import User, scope_units
from cchc.core.filters import Filters, parse_url_values
from cchc.core.periods import Period
from cchc.core.units import scope_choices, scope_view, units_inside
from cchc.store.db import run_query
from tests.lineage_db import build_lineage_db


@pytest.fixture(scope="module")
def lineage_db(tmp_path_factory):
    return build_lineage_db(tmp_path_factory.mktemp("scope") / "lineage.duckdb")


@pytest.fixture(scope="module")
def members(lineage_db):
    return run_query("unit_scopes", db=lineage_db)


@pytest.fixture(scope="module")
def units(lineage_db):
    return run_query("units", db=lineage_db)


def test_the_scopes_that_contain_units(members):
    choices = scope_choices(members)
    assert choices.values.tolist() == [
        ["01", "Thành phố Hà Nội", "province", False],
        ["269", "Thị xã Sơn Tây", "district", True],  # a former district: ended on 30 June 2025
        ["09574", "Phường Sơn Tây", "commune", False],  # the code's latest name (it was Lê Lợi's)
        ["09610", "Xã Kim Sơn", "commune", False],
    ]
    # 09988 has no desk in the data: not offered


def test_a_province_holds_its_desks_communes_and_departments_before_and_after(members):
    assert units_inside(members, "01") == {"thi-xa", "le-loi", "kim-son", "son-tay", "ha-noi", "so-tu-phap"}


def test_a_former_district_holds_its_desk_and_its_communes_of_the_time(members):
    # son-tay (since 1 July 2025, parent 01) was never inside 269; kim-son was until the reform
    assert units_inside(members, "269") == {"thi-xa", "le-loi", "kim-son"}


def test_a_commune_holds_itself_and_the_units_shown_as_it(members):
    # le-loi held 09574 before the reform (the code is re-used), son-tay since; the divided town
    # desk goes to son-tay by default
    assert units_inside(members, "09574") == {"le-loi", "son-tay", "thi-xa"}
    assert units_inside(members, "09610") == {"kim-son"}
    assert units_inside(members, "99999") == set()


def test_the_units_a_scope_offers_and_reads_both_ways(units, members):
    def view(scope, history):
        offered, read = scope_view(units, members, scope, history)
        return sorted(offered["unit_code"]), sorted(read)

    assert view("", "then") == (sorted(units["unit_code"]), sorted(units["unit_code"]))
    assert view("269", "then") == (["kim-son", "le-loi", "thi-xa"], ["kim-son", "le-loi", "thi-xa"])
    # as today's units: the current units they are shown as, each with its predecessors
    assert view("269", "today") == (["kim-son", "son-tay"], ["kim-son", "le-loi", "son-tay", "thi-xa"])
    assert view("09574", "today") == (["son-tay"], ["le-loi", "son-tay", "thi-xa"])
    assert view("01", "today") == (["ha-noi", "kim-son", "so-tu-phap", "son-tay"], sorted(units["unit_code"]))


def test_the_user_s_units_limit_the_scope(units, members):
    mine = scope_units(units, User("a@b.vn", "viewer", ("le-loi", "son-tay")))
    offered, read = scope_view(mine, members, "269", "then")
    assert list(offered["unit_code"]) == ["le-loi"] and read == ["le-loi"]
    offered, read = scope_view(mine, members, "01", "today")
    assert list(offered["unit_code"]) == ["son-tay"] and read == ["le-loi", "son-tay"]


def test_the_unit_groups_come_from_the_levels_in_the_data(units):
    kinds = dict(zip(units["unit_code"], units["unit_kind"]))
    assert kinds == {"ha-noi": "province_desk", "thi-xa": "district_desk", "so-tu-phap": "department",
                     "le-loi": "ward", "son-tay": "ward", "kim-son": "commune"}


def test_the_scope_in_the_url_round_trip():
    default = Period.parse("2018-H1")
    f, bad = parse_url_values({"scope": ["01"], "history": ["today"]}, ["le-loi"], [], default,
                              scope_codes=["01", "269"])
    assert (f.scope, f.history, bad) == ("01", "today", [])
    assert f.to_url() == {"period": "2018-H1", "history": "today", "scope": "01"}
    again, bad = parse_url_values({k: [v] for k, v in f.to_url().items()}, ["le-loi"], [], default,
                                  scope_codes=["01", "269"])
    assert (again.scope, again.to_url(), bad) == ("01", f.to_url(), [])


def test_an_unknown_scope_is_a_warning_and_all_the_data():
    f, bad = parse_url_values({"scope": ["99999"]}, ["le-loi"], [], Period.parse("2018-H1"), scope_codes=["01"])
    assert (f.scope, bad, f.to_url()) == ("", ["scope=99999"], {"period": "2018-H1"})


def test_the_ranking_of_any_year_is_cut_to_the_scope_not_to_the_period():
    f = Filters(period=Period.parse("2018-H1"), all_units=("le-loi",), scope_units=("le-loi", "son-tay"))
    assert f.visible_units == ("le-loi", "son-tay")
    assert Filters(period=Period.parse("2018-H1"), all_units=("le-loi",)).visible_units == ("le-loi",)


def test_units_without_codes_are_in_no_scope(tiny_db):
    # the tiny database has no official codes: nothing to choose, all the data
    members = run_query("unit_scopes", db=tiny_db)
    assert members.empty
    units = run_query("units", db=tiny_db)
    offered, read = scope_view(units, members, "", "then")
    assert read == list(units["unit_code"])
    assert isinstance(offered, pd.DataFrame)


def test_selection_text_names_the_view_never_all_units_when_limited():
    from cchc.core.filters import Filters
    from cchc.core.periods import Period
    from cchc.core.units import limited_label, selection_text

    names = {"le-loi": "Phường Lê Lợi", "kim-son": "Xã Kim Sơn"}
    period = Period.parse("2018-01")
    assert selection_text(Filters(period, units=("kim-son", "le-loi")), names) == "Xã Kim Sơn, Phường Lê Lợi"
    assert selection_text(Filters(period, scope_label="Thị xã Sơn Tây"), names) == "Thị xã Sơn Tây"
    assert selection_text(Filters(period), names) == "Tất cả đơn vị"
    assert selection_text(Filters(period), names, "en") == "All units"
    assert limited_label(["A", "B", "C", "D"]) == "A, B, C, D"
    assert limited_label(["A", "B", "C", "D", "E"]) == "5 đơn vị được phân quyền"
    assert limited_label(["A", "B", "C", "D", "E"], "en") == "5 units assigned to you"


def test_resolve_unit_codes_by_the_code_of_the_time():
    from cchc.core.units import resolve_unit_codes

    units = pd.DataFrame({
        "unit_code": ["ngo-quyen", "son-tay", "le-loi", "desk"],
        "official_code": ["09574", "09574", None, "269"],
        "id_code": [None, "H01.38", None, None],
        "valid_from": [None, pd.Timestamp("2025-07-01"), None, None],
        "valid_to": [pd.Timestamp("2025-06-30"), None, pd.Timestamp("2025-06-30"), pd.Timestamp("2025-06-30")],
    })
    q3, may24 = (date(2025, 7, 1), date(2025, 9, 30)), (date(2024, 5, 1), date(2024, 5, 31))
    assert resolve_unit_codes(["09574"], units, *q3) == ["son-tay"]
    assert resolve_unit_codes(["9574", "le-loi"], units, *may24) == ["ngo-quyen", "le-loi"]
    assert resolve_unit_codes(["h01.38"], units, *q3) == ["son-tay"]
    assert resolve_unit_codes(["269"], units, *may24) == ["desk"]
    with pytest.raises(ValueError, match=r"unit '269': 0 units"):
        resolve_unit_codes(["269"], units, *q3)
    with pytest.raises(ValueError, match=r"2 units .* \(ngo-quyen, son-tay\)"):
        resolve_unit_codes(["09574"], units, date(2025, 1, 1), date(2025, 12, 31))
