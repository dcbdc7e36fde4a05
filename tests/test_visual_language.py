"""One visual language on every page (issue 16 item 5), checked on the demo database with
AppTest: the PAR bands of CCHC_PAR_BAND colour the Overview's ranking and the ranking page
alike, a dropped rank is ↓ (▼ means below target), changes in counts are grey, the target is
written with its own decimals, the lowest units are named as the report names them; and the
Overview's slides (presentation mode) are kept in the URL.

Expected values are the demo's 2017 PAR totals (docs/demo-data.md, the report's ranking):
Xuân Khanh 91, Lê Lợi 88,5, Ngô Quyền 87, Sơn Lộc 85,5, Trung Hưng 84, Quang Trung 83,
Viên Sơn 81,5, Trung Sơn Trầm 80, Đường Lâm 79, Cổ Đông 77,5, Thanh Mỹ 76, Xuân Sơn 74,5,
Phú Thịnh 72, Sơn Đông 71,5, Kim Sơn 70.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from cchc.charts import theme
from cchc.charts.progress import online_axis_max
from cchc.core.targets import target_text

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
GREEN, GREY, RED = theme.LEVEL_COLORS["good"], theme.LEVEL_COLORS["middle"], theme.LEVEL_COLORS["weak"]


@pytest.fixture
def demo(demo_db, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    for name in ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["period"] = "2018-H1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> dict[str, dict]:
    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_the_same_par_bands_on_the_overview_and_the_ranking_page(demo):
    """Default band 70/85: four units from 85 green, Trung Hưng's 84 (below the good line,
    once green as a 'top five') and the rest grey, none weak. A band of 75/84 moves Trung
    Hưng to good and Xuân Sơn, Phú Thịnh, Sơn Đông, Kim Sơn (74,5 .. 70) to weak, on both
    pages."""
    overview = charts(run())["ranking_chart"]["data"]
    assert overview[0]["marker"]["color"] == [GREEN] * 4 + [GREY] * 11
    # the legend: the three bands, in their colours
    assert [(t["name"], t["marker"]["color"]) for t in overview[1:]] == [
        ("Tốt: từ 85 điểm", GREEN), ("Trung bình: 70 – dưới 85", GREY), ("▼ Yếu: dưới 70", RED)]
    ranking = charts(run("app_pages/ranking.py", year="2017"))["xh_bars"]["data"]
    assert ranking[0]["marker"]["color"] == overview[0]["marker"]["color"]
    assert [t["name"] for t in ranking[1:]] == [t["name"] for t in overview[1:]]

    demo.setenv("CCHC_PAR_BAND", "75,84")
    expected = [GREEN] * 5 + [GREY] * 6 + [RED] * 4
    overview = charts(run())["ranking_chart"]["data"][0]
    ranking = charts(run("app_pages/ranking.py", year="2017"))["xh_bars"]["data"][0]
    assert overview["marker"]["color"] == ranking["marker"]["color"] == expected
    assert overview["y"][-4:] == ["▼ 12. Xuân Sơn", "▼ 13. Phú Thịnh", "▼ 14. Sơn Đông", "▼ 15. Kim Sơn"]


def test_a_dropped_rank_is_an_arrow_not_the_below_target_mark(demo):
    """2016 -> 2017 in the demo: Xuân Khanh 2 -> 1 (↑ 1), Lê Lợi 1 -> 2 (↓ 1), Quang Trung
    3 -> 6 (↓ 3), Ngô Quyền 3 -> 3 (=)."""
    at = run("app_pages/ranking.py", year="2017")
    table = next(f.value for f in at.dataframe if "Thay đổi hạng so với 2016" in f.value.columns)
    change = dict(zip(table["Đơn vị"], table["Thay đổi hạng so với 2016"]))
    assert (change["Phường Xuân Khanh"], change["Phường Lê Lợi"], change["Phường Quang Trung"],
            change["Phường Ngô Quyền"]) == ("↑ 1", "↓ 1", "↓ 3", "=")
    assert not any("▼" in str(v) for v in table["Thay đổi hạng so với 2016"])


def test_counts_change_in_grey_rates_and_overdue_in_colour(demo):
    """The communes received 1.119 fewer dossiers than in H2 2017: grey, not red. The town
    desk's overdue rose by 12: red (more is worse). Tiles: received, resolved, rate, overdue,
    online share, for the town then the communes."""
    metrics = run().metric
    assert [m.value for m in metrics[:2]] == ["1.261", "1.026"]
    assert (metrics[5].value, metrics[5].proto.delta) == ("17.337", "-1.119")
    colours = [m.proto.color for m in metrics]
    assert colours[0] == colours[1] == colours[5] == colours[6] == Metric.MetricColor.GRAY
    assert (metrics[3].proto.delta, colours[3]) == ("+12", Metric.MetricColor.RED)
    assert colours[2] == Metric.MetricColor.GREEN  # 98,8 %, +1,5 points


def test_the_target_is_written_with_its_own_decimals_everywhere(demo):
    assert (target_text(98.0), target_text(97.5), target_text(97.5, "en"), target_text(97.25)) == (
        "98 %", "97,5 %", "97.5 %", "97,25 %")
    overview, progress = run(), run("app_pages/progress.py")
    for at in (overview, progress):
        text = markdown(at)
        assert "98 %" in text and "98,0 %" not in text
    assert any(a["text"] == "Mục tiêu 98 %" for a in charts(progress)["prog_rate_chart"]["layout"]["annotations"])
    assert any(a["text"] == "Mục tiêu 98 %" for a in charts(overview)["trend_chart"]["layout"]["annotations"])
    demo.setenv("CCHC_ONTIME_TARGET", "97.5")
    assert "Mục tiêu 97,5 %" in markdown(run("app_pages/progress.py")) + json.dumps(
        charts(run("app_pages/progress.py"))["prog_rate_chart"]["layout"]["annotations"], ensure_ascii=False)


def test_the_lowest_units_are_named_as_the_report_names_them(demo):
    """Report (domain.md §1): 'low: Kim Sơn, Sơn Đông, Phú Thịnh' — the weakest first."""
    text = markdown(run())
    assert "Một số đơn vị còn đạt thấp như Kim Sơn, Sơn Đông, Phú Thịnh" in text


def test_the_online_share_axis_fits_its_values():
    """Shares of 9,2-11,5 %: the axis ends a fifth above the highest (13,8), not at 112."""
    assert online_axis_max([9.2, 10.8, 11.5]) == 13.8
    assert online_axis_max([]) == 5.0 and online_axis_max([2.0]) == 5.0
    assert online_axis_max([100.0]) == 112.0


def test_the_overviews_slides_are_kept_in_the_url(demo):
    """Five slides: tiles, summary, trend, ranking, lists. slide=4 opens the ranking alone;
    Tiếp › goes to 5, ‹ Trước back to 4; a number past the end opens the last, a bad one
    the first."""
    at = run(present="1", slide="4")
    assert list(charts(at)) == ["ranking_chart"]
    assert at.metric == [] and at.query_params["slide"] == "4"
    assert [b.label for b in at.button if b.key.startswith("deck_")] == ["‹ Trước", "Tiếp ›"]
    assert "4 / 5" in markdown(at)
    at.button(key="deck_overview_next").click().run()
    assert at.query_params["slide"] == "5" and list(charts(at)) == []
    assert at.button(key="deck_overview_next").disabled
    at.button(key="deck_overview_prev").click().run()
    assert at.query_params["slide"] == "4"

    at = run(present="1", slide="99")
    assert at.query_params["slide"] == "5"
    at = run(present="1", slide="x")
    assert at.query_params["slide"] == "1" and len(at.metric) == 10
    # normal mode: every section, no slide in the URL
    at = run(slide="3")
    assert list(charts(at)) == ["trend_chart", "ranking_chart"] and "slide" not in at.query_params
