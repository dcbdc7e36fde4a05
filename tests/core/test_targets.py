"""Targets: the settings, the one marker, and where the marker shows up (summary, charts,
the Overview's list of units below target), on the tiny database with hand-computed rates."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cchc.core import targets
from cchc.core.filters import Filters
from cchc.core.kpis import meeting_figures
from cchc.core.periods import Period
from cchc.core.summary import summary_paragraphs, target_sentence, weak_par_sentence
from cchc.settings import SettingError
from cchc.store.db import run_query
from tests.par_fixture import build_par_db

TINY_UNITS = ("thi-xa", "le-loi", "kim-son")


@pytest.fixture(autouse=True)
def _no_target_settings(monkeypatch):
    monkeypatch.delenv("CCHC_ONTIME_TARGET", raising=False)
    monkeypatch.delenv("CCHC_PAR_BAND", raising=False)


@pytest.fixture(scope="module")
def par_db(tmp_path_factory):
    return build_par_db(tmp_path_factory.mktemp("par") / "par.duckdb")


def january(lang: str = "vi", units: tuple[str, ...] = ()) -> Filters:
    return Filters(period=Period.month(2018, 1), units=units, lang=lang, all_units=TINY_UNITS)


# A bad value used to fall back to the default silently; since cchc/settings.py (issue 11)
# it is an error naming the setting (tests/structure/test_settings.py has the messages).
@pytest.mark.parametrize("value, expected", [
    (None, 98.0), ("95.5", 95.5), ("100", 100.0), ("abc", SettingError), ("0", SettingError), ("150", SettingError),
])
def test_ontime_target_setting(monkeypatch, value, expected):
    if value is not None:
        monkeypatch.setenv("CCHC_ONTIME_TARGET", value)
    if expected is SettingError:
        with pytest.raises(SettingError, match="CCHC_ONTIME_TARGET"):
            targets.ontime_target()
    else:
        assert targets.ontime_target() == expected


@pytest.mark.parametrize("value, expected", [
    (None, (70.0, 85.0)), ("60,80", (60.0, 80.0)), ("80,60", SettingError), ("x", SettingError),
    ("60", SettingError),
])
def test_par_band_setting(monkeypatch, value, expected):
    if value is not None:
        monkeypatch.setenv("CCHC_PAR_BAND", value)
    if expected is SettingError:
        with pytest.raises(SettingError, match="CCHC_PAR_BAND"):
            targets.par_band()
    else:
        assert targets.par_band() == expected


@pytest.mark.parametrize("rate, below", [
    (97.9, True), (97.94, True), (97.95, False),  # judged as shown, with one decimal
    (98.0, False), (100.0, False), (None, False), (math.nan, False),
])
def test_below_ontime_target(rate, below):
    assert targets.below_ontime_target(rate) is below


@pytest.mark.parametrize("total, level", [(69.9, "weak"), (70, "middle"), (84.9, "middle"), (85, "good"), (None, None)])
def test_par_level(total, level):
    assert targets.par_level(total) == level


def test_marker_helpers():
    assert targets.mark("Kim Sơn") == "▼ Kim Sơn"
    assert targets.mark_if("Kim Sơn", False) == "Kim Sơn"
    from cchc.charts.theme import BELOW_COLOR
    from cchc.ui.widgets import html_mark

    assert html_mark("A<b>") == f'<span style="color:{BELOW_COLOR};font-weight:600">▼ A&lt;b&gt;</span>'


def test_below_target_units_tiny_january(tiny_db, monkeypatch):
    # January 2018 by hand: thi-xa 2 of 3 in time (66.7 %), le-loi 1/1, kim-son 1/1.
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    figures = meeting_figures(january())
    below = figures.below_target()
    assert list(below["unit_code"]) == ["thi-xa"]
    assert below["ontime_rate"].iloc[0] == pytest.approx(200 / 3)
    monkeypatch.setenv("CCHC_ONTIME_TARGET", "60")
    assert figures.below_target().empty


def test_units_with_nothing_resolved_are_not_judged(tiny_db, monkeypatch):
    # February 2018: thi-xa resolves nothing (D4 still open); kim-son resolves D11 late
    # (due 31 Jan, finished 1 Feb): 0 %.
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    figures = meeting_figures(Filters(period=Period.month(2018, 2), all_units=TINY_UNITS))
    below = figures.below_target()
    assert list(below["unit_code"]) == ["kim-son"]
    assert below["ontime_rate"].iloc[0] == 0


def test_summary_marks_units_below_target(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    sentences = meeting_figures(january()).summary()
    assert sentences[-1] == "Đơn vị có tỷ lệ đúng hạn dưới mục tiêu 98 %: ▼ Thị xã (66,7 %)."
    english = meeting_figures(january("en")).summary()
    assert english[-1] == "Units below the on-time target of 98 %: ▼ Thị xã (66.7 %)."


def test_summary_all_units_on_target(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    monkeypatch.setenv("CCHC_ONTIME_TARGET", "66.5")
    sentences = meeting_figures(january()).summary()
    assert sentences[-1] == "Tất cả các đơn vị đạt mục tiêu tỷ lệ đúng hạn 66,5 %."


def test_summary_without_dossiers_has_no_target_sentence(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tiny_db))
    # June 2017 is before the first dossier (D5, received 1 Dec 2017); later months carry D5 over.
    figures = meeting_figures(Filters(period=Period.month(2017, 6), all_units=TINY_UNITS))
    assert not figures.has_dossiers
    assert not any("mục tiêu" in s for s in figures.summary())


def test_weak_par_units_marked_in_summary(par_db, monkeypatch):
    # par_fixture: kim-son totals 60 in 2017, below the weak line 70; shown for 2018 periods.
    monkeypatch.setenv("CCHC_DB", str(par_db))
    units = run_query("units")
    figures = meeting_figures(Filters(period=Period.year(2018), all_units=tuple(units["unit_code"])), units)
    assert figures.par_year == 2017
    assert list(figures.weak_par()["unit_code"]) == ["kim-son"]
    assert figures.summary()[-1] == "Đơn vị có điểm chỉ số CCHC dưới 70 điểm: ▼ Kim Sơn (60,0)."
    monkeypatch.setenv("CCHC_PAR_BAND", "50,80")
    assert figures.weak_par().empty


def test_sentences_from_frames():
    below = pd.DataFrame({"short_name": ["Sơn Đông", "Kim Sơn"], "ontime_rate": [95.04, 97.96]})
    assert target_sentence(below) == "Đơn vị có tỷ lệ đúng hạn dưới mục tiêu 98 %: ▼ Sơn Đông (95,0 %), ▼ Kim Sơn (98,0 %)."
    assert weak_par_sentence(pd.DataFrame({"short_name": [], "total": []})) == ""
    # target sentences only when given: older callers keep their sentences
    assert summary_paragraphs(None, None, None, None, None, None, None) == []


def test_long_lists_in_sentences_name_ten_units_and_count_the_rest():
    below = pd.DataFrame({"short_name": [f"Xã {i:02d}" for i in range(12)], "ontime_rate": [90.0 + i / 10 for i in range(12)]})
    named = ", ".join(f"▼ Xã {i:02d} (90,{i} %)" for i in range(10))
    assert target_sentence(below) == f"Đơn vị có tỷ lệ đúng hạn dưới mục tiêu 98 %: {named} … và 2 đơn vị khác."
    assert target_sentence(below, "en").endswith("(90.9 %) … and 2 more.")
    # the weak list comes in rank order: the ten lowest (the last ten) are named, the weakest
    # first, as the meeting report names the lowest (deliberately changed: was rank order)
    weak = pd.DataFrame({"short_name": [f"P{i:02d}" for i in range(1, 1013)], "total": [69.0] * 1012})
    sentence = weak_par_sentence(weak)
    assert sentence.startswith("Đơn vị có điểm chỉ số CCHC dưới 70 điểm: ▼ P1012 (69,0), ▼ P1011 (69,0), ")
    assert sentence.endswith("▼ P1003 (69,0) … và 1.002 đơn vị khác.")
    assert weak_par_sentence(weak.head(10)).endswith("▼ P01 (69,0).")


def test_ranking_ends_keeps_the_first_and_last_rows():
    from cchc.core.kpis import ranking_ends

    ranked = pd.DataFrame({"rank": range(1, 8), "short_name": list("ABCDEFG")})
    assert list(ranking_ends(ranked, each=2)["short_name"]) == ["A", "B", "F", "G"]
    assert list(ranking_ends(ranked, each=3)["short_name"]) == ["A", "B", "C", "E", "F", "G"]
    assert ranking_ends(ranked, each=4) is ranked  # 7 rows, at most 8: all of them
