"""The tiny database (tests/tiny_db.py) with official codes and coordinates, for the units' map
(queries/unit_map.sql, cchc/charts/unit_map.py). tiny_db.py itself is left as it is, so
every test on it keeps its values; this fixture adds to a copy.

Added to the tiny units (thi-xa, le-loi, kim-son) and their dossiers:

unit         official  validity          coordinates drawn
thi-xa       269       ... - 2025-06-30  district 269 has no lat/lon: the centroid of its three
                                         communes valid then, (21.08 + 21.07 + 21.05) / 3 =
                                         21.0666…, (105.46 + 105.48 + 105.50) / 3 = 105.48
le-loi       (none)    always            not drawn: no official code
kim-son      09610     ... - 2025-06-30  21.08, 105.46 (the old 09610; the code's row valid from
                                         2025-07-01 is at 22.0, 106.0 and must not be used)
son-dong     09613     always            21.07, 105.48; no dossiers, an aggregate report for
                                         January 2018: received 4, early 2, on time 1, late 1
doai-phuong  09616     2025-07-01 - ...  21.0682, 105.486 (the new 09616, not the old 09616 at
                                         21.05, 105.50); no dossiers

Lineage to today's units: thi-xa (in part, default), kim-son and son-dong (whole) ->
doai-phuong; le-loi has none (shown as itself).

Hand-computed January 2018 (tiny_db.py's balance; formula A = (early + on time) / resolved):
  as the units were: son-dong 4 received, 4 resolved, 3 in time, 75 % (reported);
                     thi-xa 3, 3, 2, 66.7 %; le-loi 2, 1, 1, 100 %; kim-son 1, 1, 1, 100 %.
  as today's units:  doai-phuong = thi-xa + kim-son (+ son-dong's dossiers: none; reports are
                     not re-mapped) = 4 received, 4 resolved, 3 in time, 75 %; le-loi as above.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

MAP_UNITS = ["thi-xa", "le-loi", "kim-son", "son-dong"]  # the units of January 2018
ALL_UNITS = [*MAP_UNITS, "doai-phuong"]

# official_code, name, short_name, level, kind, parent_code, valid_from, valid_to, lat, lon
ADMIN_UNITS = [
    ("269", "Thị xã Sơn Tây", "Sơn Tây", "district", "district", "01", None, "2025-06-30", None, None),
    ("09610", "Xã Kim Sơn", "Kim Sơn", "commune", "commune", "269", None, "2025-06-30", 21.08, 105.46),
    ("09610", "Xã Mới", "Mới", "commune", "commune", "01", "2025-07-01", None, 22.0, 106.0),
    ("09613", "Xã Sơn Đông", "Sơn Đông", "commune", "commune", "269", None, "2025-06-30", 21.07, 105.48),
    ("09616", "Xã Cổ Đông", "Cổ Đông", "commune", "commune", "269", None, "2025-06-30", 21.05, 105.50),
    ("09616", "Xã Đoài Phương", "Đoài Phương", "commune", "commune", "01", "2025-07-01", None, 21.0682, 105.486),
    ("09999", "Xã Khác", "Khác", "commune", "commune", "270", None, "2025-06-30", 20.0, 104.0),  # not under 269
]


def build_map_db(tiny: Path, path: Path) -> Path:
    """A copy of the tiny database ``tiny`` at ``path`` with the codes, coordinates, units,
    lineage and aggregate report above."""
    shutil.copyfile(tiny, path)
    con = duckdb.connect(str(path))
    try:
        con.execute("UPDATE units SET official_code = '269', level = 'desk', valid_to = DATE '2025-06-30' "
                    "WHERE unit_code = 'thi-xa'")
        con.execute("UPDATE units SET official_code = '09610', level = 'commune', valid_to = DATE '2025-06-30' "
                    "WHERE unit_code = 'kim-son'")
        con.execute("INSERT INTO units (unit_code, name, short_name, kind, parent_code, official_code, level) "
                    "VALUES ('son-dong', 'Xã Sơn Đông', 'Sơn Đông', 'commune', 'thi-xa', '09613', 'commune')")
        con.execute("INSERT INTO units (unit_code, name, short_name, kind, valid_from, official_code, level) "
                    "VALUES ('doai-phuong', 'Xã Đoài Phương', 'Đoài Phương', 'commune', DATE '2025-07-01', "
                    "'09616', 'commune')")
        con.executemany("INSERT INTO admin_units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ADMIN_UNITS)
        con.executemany("INSERT INTO unit_lineage VALUES (?, ?, ?, ?, ?)", [
            ("thi-xa", "doai-phuong", "09616", False, True),
            ("kim-son", "doai-phuong", "09616", True, True),
            ("son-dong", "doai-phuong", "09616", True, True),
        ])
        # columns (1)-(13) of form II.06a: total received = new + carried over, resolved = 2 + 1 + 1
        con.execute(
            "INSERT INTO reported_balances (unit_code, period_start, period_end, received_total, received_new,"
            " received_online, received_in_person_postal, carried_over, resolved, early, on_time, late,"
            " in_progress, in_progress_within, in_progress_overdue, withdrawn)"
            " VALUES ('son-dong', DATE '2018-01-01', DATE '2018-01-31', 4, 4, 1, 3, 0, 4, 2, 1, 1, 0, 0, 0, 0)")
    finally:
        con.close()
    return path
