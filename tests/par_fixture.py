"""The tiny database plus hand-written PAR-index scores and a procedure history.

Built on tests/tiny_db.py (its units, dossiers and calendar unchanged) with four more
communes/wards, two years of PAR scores and five procedures with their events. Every
figure below is computed by hand.

PAR criteria (both years, demo max points): c1 10, c2 15, c3 20, c4 15, c5 10, c6 15, c7 15
(total 100).

unit        2016 total  2016 rank   2017 points c1..c7         2017 total  2017 rank  change
xuan-khanh  78          2           9 14 18 14 9 13 14         91          1          ▲ 1
le-loi      80          1           8 13 17 13 8 13 13         85          2          ▼ 1
son-loc     -           -           10 12 16 12 9 12 14        85          2 (tie)    mới (new)
kim-son     65          4           7 9 12 9 5 9 9             60 (weak)   4          =
duong-lam   66          3           -                          -           missing    -
co-dong     -           -           -                          -           missing    -

Percent of max, 2017:
  xuan-khanh 90, 93.33, 90, 93.33, 90, 86.67, 93.33 -> weakest c6 (86.67), then c1 (90, ties by order)
  le-loi     80, 86.67, 85, 86.67, 80, 86.67, 86.67 -> weakest c1 (80), then c5 (80)
  son-loc    100, 80, 80, 80, 90, 80, 93.33         -> weakest c2 (80), then c3 (80)
  kim-son    70, 60, 60, 60, 50, 60, 60             -> weakest c5 (50), then c2 (60)

Procedures (fields: dat-dai, ho-tich from the tiny DB; xay-dung, chung-thuc added):
code  level     field       days  online   events
P1    district  dat-dai     10    2        published 2010-01-01 (QĐ 1/2010), amended 2018-03-15 (QĐ 30/2018)
P2    commune   ho-tich     3     3        published 2015-06-01 (QĐ 5/2015)
P3    commune   ho-tich     5     full     published 2018-02-01 (QĐ 10/2018)
P4    district  xay-dung    15    4        published 2012-01-01 (QĐ 2/2012), abolished 2018-02-15 (QĐ 20/2018)
P5    commune   chung-thuc  1     partial  published 2018-02-15 (QĐ 20/2018)

In force on 2018-01-31: P1, P2, P4 (district 2 in 2 fields, commune 1)
            2018-02-01: P1, P2, P3, P4 (P3 published that day: in force)
            2018-02-14: P1, P2, P3, P4
            2018-02-15: P1, P2, P3, P5 (P4 abolished that day: not in force; P5 in force)
Changes 2018-Q1: published 2 (P3, P5; commune), abolished 1 (P4; district), amended 1 (P1; district).
Changes 2018-02: published 2, abolished 1, amended 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from cchc.store import rollups
from tests.tiny_db import build_tiny_db

CRITERIA = [
    ("c1", "Công tác chỉ đạo, điều hành", 10),
    ("c2", "Tổ chức thực hiện văn bản quy phạm pháp luật", 15),
    ("c3", "Thủ tục hành chính và cơ chế một cửa, một cửa liên thông", 20),
    ("c4", "Nâng cao chất lượng đội ngũ cán bộ, công chức", 15),
    ("c5", "Quản lý tài chính", 10),
    ("c6", "Hiện đại hóa hành chính", 15),
    ("c7", "Tác động đến phát triển kinh tế – xã hội", 15),
]

EXTRA_UNITS = [
    ("xuan-khanh", "Phường Xuân Khanh", "Xuân Khanh", "ward", "thi-xa"),
    ("son-loc", "Phường Sơn Lộc", "Sơn Lộc", "ward", "thi-xa"),
    ("duong-lam", "Xã Đường Lâm", "Đường Lâm", "commune", "thi-xa"),
    ("co-dong", "Xã Cổ Đông", "Cổ Đông", "commune", "thi-xa"),
]

SCORES = {
    2016: {
        "le-loi": (8, 12, 16, 12, 8, 12, 12),      # 80
        "xuan-khanh": (8, 12, 16, 12, 8, 11, 11),  # 78
        "duong-lam": (7, 10, 13, 10, 7, 10, 9),    # 66
        "kim-son": (7, 10, 13, 10, 7, 9, 9),       # 65
    },
    2017: {
        "xuan-khanh": (9, 14, 18, 14, 9, 13, 14),  # 91
        "le-loi": (8, 13, 17, 13, 8, 13, 13),      # 85
        "son-loc": (10, 12, 16, 12, 9, 12, 14),    # 85
        "kim-son": (7, 9, 12, 9, 5, 9, 9),         # 60
    },
}

EXTRA_FIELDS = [("xay-dung", "Xây dựng"), ("chung-thuc", "Chứng thực")]

EXTRA_PROCEDURES = [
    ("P3", "Đăng ký kết hôn", "ho-tich", "commune", 5, "full"),
    ("P4", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "xay-dung", "district", 15, "4"),
    ("P5", "Chứng thực bản sao từ bản chính", "chung-thuc", "commune", 1, "partial"),
]

EVENTS = [
    ("P1", "2010-01-01", "published", "QĐ 1/2010"),
    ("P1", "2018-03-15", "amended", "QĐ 30/2018"),
    ("P2", "2015-06-01", "published", "QĐ 5/2015"),
    ("P3", "2018-02-01", "published", "QĐ 10/2018"),
    ("P4", "2012-01-01", "published", "QĐ 2/2012"),
    ("P4", "2018-02-15", "abolished", "QĐ 20/2018"),
    ("P5", "2018-02-15", "published", "QĐ 20/2018"),
]


def build_par_db(path: Path) -> Path:
    """Write the tiny database with the PAR scores and procedure history to ``path``."""
    base = path.with_name(path.stem + "_base.duckdb")
    build_tiny_db(base)
    shutil.copyfile(base, path)
    con = duckdb.connect(str(path))
    try:
        con.executemany(
            "INSERT INTO units (unit_code, name, short_name, kind, parent_code) VALUES (?, ?, ?, ?, ?)", EXTRA_UNITS
        )
        for year in SCORES:
            con.executemany(
                "INSERT INTO par_criteria VALUES (?, ?, ?, ?, true)",
                [(year, code, name, points) for code, name, points in CRITERIA],
            )
        con.executemany(
            "INSERT INTO par_scores VALUES (?, ?, ?, ?)",
            [
                (year, unit, code, points)
                for year, units in SCORES.items()
                for unit, row in units.items()
                for (code, _, _), points in zip(CRITERIA, row)
            ],
        )
        con.executemany("INSERT INTO fields VALUES (?, ?)", EXTRA_FIELDS)
        con.executemany("INSERT INTO procedures VALUES (?, ?, ?, ?, ?, ?)", EXTRA_PROCEDURES)
        con.executemany("INSERT INTO procedure_events VALUES (?, ?, ?, ?)", EVENTS)
        rollups.refresh(con)  # the flows carry each procedure's field: rebuilt after any write
    finally:
        con.close()
    return path
