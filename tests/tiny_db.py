"""A tiny database of hand-written rows whose every figure is computed by hand.

Period under test: January 2018 (1 Jan 2018 is a public holiday, a Monday).

unit     dossier  received    due         finished    state  Jan 2018 outcome
thi-xa   D1       2017-12-20  2018-01-05  2018-01-04  10     carried over, early
thi-xa   D2       2018-01-10  2018-01-24  2018-01-24  10     received, on time (finished on due date)
thi-xa   D3       2018-01-10  2018-01-24  2018-01-25   9     received, late (working day after due);
                                                             a 3-day supplement wait: on time by formula B
thi-xa   D4       2018-01-31  2018-02-14  -            4     received on the last day, in progress within time
thi-xa   D5       2017-12-01  2017-12-15  -            4     carried over, in progress overdue
le-loi   D6       2018-01-15  2018-01-18  2018-01-16  10     received online, early
le-loi   D7       2018-01-15  2018-01-18  2018-01-17   7     received, withdrawn
le-loi   D8       2017-12-28  2018-01-02  2017-12-29  10     finished before the period: not in scope
le-loi   D9       2018-01-05  -           -            3     refused at reception: never counted
le-loi   D10      2018-01-05  -           -            1     registered online, not received: never counted
kim-son  D11      2018-01-31  2018-01-31  2018-02-01  10     received by post on the last day; due that day,
                                                             in progress within time at period end
kim-son  D12      2017-12-27  2018-01-01  2018-01-02  10     carried over; due on a holiday, which moves to
                                                             2 Jan: on time

Hand-computed January 2018 balance (formula A = (early + on time) / resolved):
  thi-xa : carried 2, received 3, resolved 3 (early 1, on time 1, late 1), in progress 2
           (within 1, overdue 1), withdrawn 0; rate A 2/3; formula B 4/5 (D1, D2, D3, D4).
  le-loi : carried 0, received 2 (1 online, 1 in person), resolved 1 (early 1), withdrawn 1;
           rate A 1/1; B 1/1; online share 1/2.
  kim-son: carried 1, received 1 (postal), resolved 1 (on time 1), in progress 1 (within);
           rate A 1/1; B 2/2.
  total  : carried 3, received 6, resolved 5 (early 2, on time 2, late 1), in progress 3,
           withdrawn 1; rate A 4/5 = 80 %; B 7/8 = 87.5 %.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

from cchc.store import rollups
from cchc.store.db import create_schema

UNITS = [
    ("thi-xa", "Bộ phận một cửa thị xã Sơn Tây", "Thị xã", "town", None),
    ("le-loi", "Phường Lê Lợi", "Lê Lợi", "ward", "thi-xa"),
    ("kim-son", "Xã Kim Sơn", "Kim Sơn", "commune", "thi-xa"),
]

PROCEDURES = [
    ("P1", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "dat-dai", "district", 10, "2"),
    ("P2", "Đăng ký khai sinh", "ho-tich", "commune", 3, "3"),
]

# code, unit, procedure, channel, received, due, finished, state, supp. requested, supplied, count
DOSSIERS = [
    ("D1", "thi-xa", "P1", "in_person", "2017-12-20", "2018-01-05", "2018-01-04", 10, None, None, 0),
    ("D2", "thi-xa", "P1", "in_person", "2018-01-10", "2018-01-24", "2018-01-24", 10, None, None, 0),
    ("D3", "thi-xa", "P1", "in_person", "2018-01-10", "2018-01-24", "2018-01-25", 9, "2018-01-12", "2018-01-15", 1),
    ("D4", "thi-xa", "P1", "in_person", "2018-01-31", "2018-02-14", None, 4, None, None, 0),
    ("D5", "thi-xa", "P1", "in_person", "2017-12-01", "2017-12-15", None, 4, None, None, 0),
    ("D6", "le-loi", "P2", "online", "2018-01-15", "2018-01-18", "2018-01-16", 10, None, None, 0),
    ("D7", "le-loi", "P2", "in_person", "2018-01-15", "2018-01-18", "2018-01-17", 7, None, None, 0),
    ("D8", "le-loi", "P2", "in_person", "2017-12-28", "2018-01-02", "2017-12-29", 10, None, None, 0),
    ("D9", "le-loi", "P2", "in_person", "2018-01-05", None, None, 3, None, None, 0),
    ("D10", "le-loi", "P2", "online", "2018-01-05", None, None, 1, None, None, 0),
    ("D11", "kim-son", "P2", "postal", "2018-01-31", "2018-01-31", "2018-02-01", 10, None, None, 0),
    ("D12", "kim-son", "P2", "in_person", "2017-12-27", "2018-01-01", "2018-01-02", 10, None, None, 0),
]

HOLIDAYS = {date(2018, 1, 1): "Tết Dương lịch"}


def build_tiny_db(path: Path) -> Path:
    """Write the tiny database to ``path`` and return it."""
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        con.executemany("INSERT INTO units (unit_code, name, short_name, kind, parent_code) VALUES (?, ?, ?, ?, ?)", UNITS)
        con.executemany("INSERT INTO fields VALUES (?, ?)", [("dat-dai", "Đất đai"), ("ho-tich", "Hộ tịch")])
        con.executemany("INSERT INTO procedures VALUES (?, ?, ?, ?, ?, ?)", PROCEDURES)
        day = date(2017, 11, 1)
        while day <= date(2018, 3, 31):
            working = day.weekday() < 5 and day not in HOLIDAYS
            con.execute("INSERT INTO calendar VALUES (?, ?, ?)", [day, working, HOLIDAYS.get(day)])
            day += timedelta(days=1)
        con.executemany(
            "INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,"
            " finished_date, state, supplement_requested_date, supplement_supplied_date, supplement_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            DOSSIERS,
        )
        rollups.refresh(con)  # as every writer of dossiers does: the period queries read them
    finally:
        con.close()
    return path
