from datetime import date

from cchc.formats import fmt_date, fmt_delta_int, fmt_delta_pct_points, fmt_int, fmt_num, fmt_pct


def test_vietnamese_formats():
    assert fmt_int(1261) == "1.261"
    assert fmt_int(17337) == "17.337"
    assert fmt_pct(98.8304) == "98,8 %"
    assert fmt_pct(99.64) == "99,6 %"
    assert fmt_num(91) == "91,0"
    assert fmt_date(date(2018, 6, 30)) == "30/06/2018"


def test_english_formats():
    assert fmt_int(1261, "en") == "1,261"
    assert fmt_pct(98.8304, lang="en") == "98.8 %"
    assert fmt_date(date(2018, 6, 30), "en") == "30 Jun 2018"


def test_missing_values_are_dashes():
    assert fmt_int(None) == "—"
    assert fmt_pct(float("nan")) == "—"


def test_deltas_signs_for_st_metric():
    assert fmt_delta_int(120) == "+120"
    assert fmt_delta_int(-1500) == "-1.500"
    assert fmt_delta_int(0) == "0"
    assert fmt_delta_pct_points(0.44) == "+0,4 điểm %"
    assert fmt_delta_pct_points(-1.26, "en") == "-1.3 pp"
    assert fmt_delta_pct_points(0.01) == "0 điểm %"
