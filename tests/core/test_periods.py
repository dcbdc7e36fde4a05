from datetime import date

import pytest

from cchc.core.periods import Period, PeriodError, latest_complete_half, months_between


@pytest.mark.parametrize("text,start,end,kind", [
    ("2018-05", date(2018, 5, 1), date(2018, 5, 31), "month"),
    ("2018-02", date(2018, 2, 1), date(2018, 2, 28), "month"),
    ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),
    ("2018-Q2", date(2018, 4, 1), date(2018, 6, 30), "quarter"),
    ("2018-q4", date(2018, 10, 1), date(2018, 12, 31), "quarter"),
    ("2018-H1", date(2018, 1, 1), date(2018, 6, 30), "half"),
    ("2018-H2", date(2018, 7, 1), date(2018, 12, 31), "half"),
    ("2018", date(2018, 1, 1), date(2018, 12, 31), "year"),
])
def test_parse(text, start, end, kind):
    p = Period.parse(text)
    assert (p.start, p.end, p.kind) == (start, end, kind)
    assert Period.parse(p.code) == p


@pytest.mark.parametrize("text", ["", "2018-13", "2018-00", "2018-Q5", "2018-H3", "18", "abc", "2018-1", None])
def test_parse_rejects(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_previous_and_year_earlier():
    h1 = Period.parse("2018-H1")
    assert h1.previous() == Period.parse("2017-H2")
    assert h1.year_earlier() == Period.parse("2017-H1")
    assert Period.parse("2018-01").previous() == Period.parse("2017-12")
    assert Period.parse("2018-03").previous() == Period.parse("2018-02")
    assert Period.parse("2018-Q1").previous() == Period.parse("2017-Q4")
    assert Period.parse("2018").previous() == Period.parse("2017")
    assert Period.parse("2016-02").year_earlier() == Period.parse("2015-02")


def test_custom_range_previous_has_same_length():
    p = Period.parse_range("2018-03-10", "2018-03-19")
    assert p.kind == "custom" and p.days == 10
    assert p.previous() == Period.custom(date(2018, 2, 28), date(2018, 3, 9))
    assert p.year_earlier() == Period.custom(date(2017, 3, 10), date(2017, 3, 19))


def test_range_that_is_a_calendar_period_becomes_it():
    assert Period.parse_range("2018-01-01", "2018-06-30") == Period.parse("2018-H1")
    assert Period.parse_range("2018-04-01", "2018-06-30") == Period.parse("2018-Q2")


@pytest.mark.parametrize("a,b", [("2018-06-30", "2018-01-01"), ("2018-02-30", "2018-03-01"), ("x", "2018-01-01")])
def test_bad_ranges(a, b):
    with pytest.raises(PeriodError):
        Period.parse_range(a, b)


def test_labels():
    assert Period.parse("2018-H1").label("vi") == "6 tháng đầu năm 2018"
    assert Period.parse("2018-H2").label("en") == "Second half of 2018"
    assert Period.parse("2018-Q2").label("vi") == "Quý 2/2018"
    assert Period.parse("2018-05").label("vi") == "Tháng 5/2018"
    assert Period.parse_range("2018-03-10", "2018-03-19").label("vi") == "10/03/2018 – 19/03/2018"


def test_latest_complete_half():
    assert latest_complete_half(date(2018, 12, 31)) == Period.parse("2018-H2")
    assert latest_complete_half(date(2018, 12, 28)) == Period.parse("2018-H1")
    assert latest_complete_half(date(2018, 6, 30)) == Period.parse("2018-H1")
    assert latest_complete_half(date(2018, 3, 1)) == Period.parse("2017-H2")


def test_months_between():
    assert [p.code for p in months_between(date(2017, 11, 15), date(2018, 2, 1))] == [
        "2017-11", "2017-12", "2018-01", "2018-02"]
