"""The tiny database (tests/tiny_db.py, January 2018) carried across the reorganisation of
1 July 2025: official codes, a dated parent chain, a lineage, dossiers on both sides of the
reform and PAR scores of old and new units. Every figure below is computed by hand.

Administrative units (admin_units; a code is re-used across the reform):
  01     Thành phố Hà Nội        province               before and since 1 July 2025
  269    Thị xã Sơn Tây          district, parent 01    until 30 June 2025
  09574  Phường Lê Lợi           ward, parent 269       until 30 June 2025
  09574  Phường Sơn Tây          ward, parent 01        since 1 July 2025
  09610  Xã Kim Sơn              commune, parent 269    until 30 June 2025
  09610  Xã Kim Sơn              commune, parent 01     since 1 July 2025 (unchanged)
  09988  Xã Ngoài                commune, parent 01     since 1 July 2025 (no desk in units)

Units (desks):
  thi-xa     town desk of 269 (level desk), until 30 June 2025: DIVIDED, son-tay its default
             successor, a part to 09988 (not in units)
  le-loi     ward 09574 (level commune), until 30 June 2025: merged WHOLE into son-tay
  kim-son    commune 09610, no end: UNCHANGED
  son-tay    ward 09574, since 1 July 2025
  ha-noi     the city's desk (kind town, level province, official code 01), since 1 July 2025
  so-tu-phap a department (kind town, level department, no code, parent desk ha-noi)

Dossiers added to the tiny database's (received, due, finished, state; all in person):
  D13 le-loi   2025-06-10  2025-06-13  2025-06-12  10  June: received, resolved early
  D14 thi-xa   2025-06-16  2025-06-30  2025-07-02  10  June: received; July: resolved late
  D15 son-tay  2025-07-07  2025-07-10  2025-07-09  10  July: received, resolved early
  D16 kim-son  2025-07-08  2025-07-10  2025-07-10  10  July: received, resolved on time
  D17 ha-noi   2025-07-15  2025-07-25  2025-07-28  10  July: received, resolved late

Monthly flows as the units were (received / resolved (in time, late)):
  2018-01  thi-xa 3 / 3 (2, 1); le-loi 2 / 1 (1, 0); kim-son 1 / 1 (1, 0)   [tiny_db.py]
  2018-02  kim-son 0 / 1 (0, 1): D11, due 31 January, finished 1 February  [tiny_db.py]
  2025-06  le-loi 1 / 1 (1, 0); thi-xa 1 / 0
  2025-07  thi-xa 0 / 1 (0, 1); son-tay 1 / 1 (1, 0); kim-son 1 / 1 (1, 0); ha-noi 1 / 1 (0, 1)
As today's units (son-tay = thi-xa + le-loi + son-tay; approximate where thi-xa, divided,
brought dossiers):
  2018-01  son-tay 5 / 4 (3, 1) rate 75 %, approximate; kim-son 1 / 1 (1, 0) 100 %
  2018-02  kim-son 0 / 1 (0, 1) 0 %
  2025-06  son-tay 2 / 1 (1, 0) 100 %, approximate
  2025-07  son-tay 1 / 2 (1, 1) 50 %, approximate; kim-son 1 / 1 100 %; ha-noi 1 / 1 (0, 1) 0 %

Scopes (queries/unit_scopes.sql), the units inside:
  01     all six (so-tu-phap through its parent desk ha-noi)
  269    thi-xa, le-loi, kim-son (their rows before the reform have parent 269)
  09574  le-loi (old 09574), son-tay (new 09574), thi-xa (shown as son-tay today)
  09610  kim-son

PAR scores (one criterion each; only wards and communes that existed on 31 December are ranked):
  2017: thi-xa 95 (a desk: never ranked), kim-son 90 (1st), le-loi 80 (2nd)
  2024: le-loi 75 (1st), kim-son 60 (2nd)
  2025: kim-son 88 (1st, up from 2nd), son-tay 85 (2nd, new), le-loi 70 (ended on 30 June
        2025: not a unit of 2025, not ranked)
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

from cchc.store import rollups
from tests.tiny_db import build_tiny_db

ADMIN_UNITS = [  # official_code, name, short_name, level, kind, parent_code, valid_from, valid_to
    ("01", "Thành phố Hà Nội", "Hà Nội", "province", "province", None, None, "2025-06-30"),
    ("01", "Thành phố Hà Nội", "Hà Nội", "province", "province", None, "2025-07-01", None),
    ("269", "Thị xã Sơn Tây", "Sơn Tây", "district", "district", "01", None, "2025-06-30"),
    ("09574", "Phường Lê Lợi", "Lê Lợi", "commune", "ward", "269", None, "2025-06-30"),
    ("09574", "Phường Sơn Tây", "Sơn Tây", "commune", "ward", "01", "2025-07-01", None),
    ("09610", "Xã Kim Sơn", "Kim Sơn", "commune", "commune", "269", None, "2025-06-30"),
    ("09610", "Xã Kim Sơn", "Kim Sơn", "commune", "commune", "01", "2025-07-01", None),
    ("09988", "Xã Ngoài", "Ngoài", "commune", "commune", "01", "2025-07-01", None),
]

NEW_UNITS = [  # unit_code, name, short_name, kind, parent_code, valid_from, official_code, level
    ("son-tay", "Phường Sơn Tây", "Sơn Tây", "ward", None, "2025-07-01", "09574", "commune"),
    ("ha-noi", "Trung tâm Phục vụ hành chính công Hà Nội", "Hà Nội", "town", None, "2025-07-01", "01", "province"),
    ("so-tu-phap", "Sở Tư pháp", "Tư pháp", "town", "ha-noi", "2025-07-01", None, "department"),
]

LINEAGE = [  # old_unit_code, new_unit_code, new_official_code, is_whole, is_default
    ("le-loi", "son-tay", "09574", True, True),
    ("thi-xa", "son-tay", "09574", False, True),
    ("thi-xa", None, "09988", False, False),
]

DOSSIERS = [  # code, unit, procedure, channel, received, due, finished, state
    ("D13", "le-loi", "P2", "in_person", "2025-06-10", "2025-06-13", "2025-06-12", 10),
    ("D14", "thi-xa", "P1", "in_person", "2025-06-16", "2025-06-30", "2025-07-02", 10),
    ("D15", "son-tay", "P2", "in_person", "2025-07-07", "2025-07-10", "2025-07-09", 10),
    ("D16", "kim-son", "P2", "in_person", "2025-07-08", "2025-07-10", "2025-07-10", 10),
    ("D17", "ha-noi", "P1", "in_person", "2025-07-15", "2025-07-25", "2025-07-28", 10),
]

PAR_SCORES = [(2017, "thi-xa", 95), (2017, "kim-son", 90), (2017, "le-loi", 80),
              (2024, "le-loi", 75), (2024, "kim-son", 60),
              (2025, "kim-son", 88), (2025, "son-tay", 85), (2025, "le-loi", 70)]


def build_lineage_db(path: Path) -> Path:
    """Write the tiny database with the reform of 1 July 2025 to ``path`` and return it."""
    build_tiny_db(path)
    con = duckdb.connect(str(path))
    try:
        con.executemany("INSERT INTO admin_units (official_code, name, short_name, level, kind, parent_code,"
                        " valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ADMIN_UNITS)
        con.execute("UPDATE units SET valid_to = DATE '2025-06-30', official_code = '269', level = 'desk'"
                    " WHERE unit_code = 'thi-xa'")
        con.execute("UPDATE units SET valid_to = DATE '2025-06-30', official_code = '09574', level = 'commune'"
                    " WHERE unit_code = 'le-loi'")
        con.execute("UPDATE units SET official_code = '09610', level = 'commune' WHERE unit_code = 'kim-son'")
        con.executemany("INSERT INTO units (unit_code, name, short_name, kind, parent_code, valid_from, official_code,"
                        " level) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NEW_UNITS)
        con.executemany("INSERT INTO unit_lineage VALUES (?, ?, ?, ?, ?)", LINEAGE)
        day = date(2025, 5, 1)
        while day <= date(2025, 8, 31):
            con.execute("INSERT INTO calendar VALUES (?, ?, ?)", [day, day.weekday() < 5, None])
            day += timedelta(days=1)
        con.executemany(
            "INSERT INTO dossiers (dossier_code, unit_code, procedure_code, channel, received_date, due_date,"
            " finished_date, state, supplement_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)", DOSSIERS)
        con.execute("INSERT INTO par_criteria (year, criterion_code, name, max_points, is_demo)"
                    " SELECT y, 'c1', 'Tổng', 100, true FROM unnest([2017, 2024, 2025]) AS t(y)")
        con.executemany("INSERT INTO par_scores VALUES (?, ?, 'c1', ?)", PAR_SCORES)
        rollups.refresh(con)  # as every writer of dossiers does
    finally:
        con.close()
    return path
