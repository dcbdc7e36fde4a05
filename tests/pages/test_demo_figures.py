"""The demo database reproduces the figures of the source report through the same
queries and page the dashboard uses (issue 2, item 3)."""


import pytest

from cchc.core.periods import Period
from cchc.i18n.formats import fmt_pct
from cchc.store.db import run_query
from tests.apptest import open_app

H1_2018 = Period.parse("2018-H1")
WARDS = ["le-loi", "ngo-quyen", "phu-thinh", "quang-trung", "son-loc", "trung-hung", "trung-son-tram",
         "vien-son", "xuan-khanh", "co-dong", "duong-lam", "kim-son", "son-dong", "thanh-my", "xuan-son"]


def total(db, units):
    frame = run_query("dossier_balance", db=db, start=H1_2018.start, end=H1_2018.end, units=units,
                      fields=[], channels=[])
    return frame[frame["is_total"]].iloc[0]


def test_town_desk_h1_2018(demo_db):
    row = total(demo_db, ["thi-xa"])
    assert (row["received"], row["resolved"]) == (1261, 1026)
    assert fmt_pct(row["ontime_rate"]) == "98,8 %"


def test_communes_wards_h1_2018(demo_db):
    row = total(demo_db, WARDS)
    assert row["received"] == 17337
    assert fmt_pct(row["ontime_rate"]) == "99,6 %"


def test_procedure_catalogue_h1_2018(demo_db):
    frame = run_query("procedure_summary", db=demo_db, start=H1_2018.start, end=H1_2018.end)
    district = frame[frame["level"] == "district"].iloc[0]
    assert (district["in_force"], district["fields"]) == (292, 11)
    assert (district["published"], district["abolished"], district["amended"]) == (2, 2, 17)


def test_par_2017_ranking(demo_db):
    frame = run_query("par_ranking", db=demo_db, year=2017)
    ranked = frame[frame["rank"].notna()].sort_values("rank")
    assert list(ranked["unit_code"][:5]) == ["xuan-khanh", "le-loi", "ngo-quyen", "son-loc", "trung-hung"]
    assert list(ranked["rank"][:5]) == [1, 2, 3, 4, 5]
    assert ranked.iloc[0]["total"] == pytest.approx(91.0)
    assert set(ranked["unit_code"][-3:]) == {"kim-son", "son-dong", "phu-thinh"}
    assert ranked["rank"].max() >= 13


def test_overview_page_shows_the_report_figures(demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch=monkeypatch, params={"period": "2018-H1"}, timeout=120)
    assert not at.exception and not at.error
    values = {(m.label, m.value) for m in at.metric}
    for expected in [("Tiếp nhận", "1.261"), ("Đã giải quyết", "1.026"), ("Tỷ lệ đúng hạn", "98,8 %"),
                     ("Tiếp nhận", "17.337"), ("Tỷ lệ đúng hạn", "99,6 %")]:
        assert expected in values
    text = " ".join(m.value for m in at.markdown)
    assert "tiếp nhận 1.261 hồ sơ, đã giải quyết 1.026 hồ sơ, tỷ lệ đúng hạn đạt 98,8 %" in text
    assert "292 TTHC" in text and "11 lĩnh vực" in text
    assert "Xuân Khanh" in text and "91/100" in text
