"""The compiled Biểu II.06a table of a whole scope: one row per unit, the 13 numbered columns,
a total row, from the balance query (``queries/dossier_balance.sql``: counts computed from
dossiers, or what a unit without dossiers reported, flagged).

    compiled_table(period, units=None, db=None) -> DataFrame   the rows, balanced by construction
    write_xlsx(frame, period, path)                           the form as an Excel workbook
    compiled_xlsx(period, units=None, db=None) -> bytes       the same, for the Tiến độ page's download
    run_cli(args)                                             python -m cchc export-aggregates

The columns are those :mod:`cchc.importer.aggregates` reads, so a compiled table loads back.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from cchc.core.periods import Period, PeriodError
from cchc.importer.aggregates import FIELDS
from cchc.store.db import DataError, run_query

__all__ = ["compiled_table", "compiled_xlsx", "write_xlsx", "run_cli", "HEADERS"]

# The form's header: group, sub-group, column (the merged cells of the first two rows).
HEADERS = [
    ("Số hồ sơ nhận giải quyết", "Tổng số", ""),
    ("Số hồ sơ nhận giải quyết", "Trong kỳ", "Tổng số"),
    ("Số hồ sơ nhận giải quyết", "Trong kỳ", "Trực tuyến"),
    ("Số hồ sơ nhận giải quyết", "Trong kỳ", "Trực tiếp, bưu chính"),
    ("Số hồ sơ nhận giải quyết", "Kỳ trước chuyển qua", ""),
    ("Số hồ sơ đã giải quyết", "Tổng số", ""),
    ("Số hồ sơ đã giải quyết", "Trước hạn", ""),
    ("Số hồ sơ đã giải quyết", "Đúng hạn", ""),
    ("Số hồ sơ đã giải quyết", "Quá hạn", ""),
    ("Số hồ sơ đang giải quyết", "Tổng số", ""),
    ("Số hồ sơ đang giải quyết", "Trong hạn", ""),
    ("Số hồ sơ đang giải quyết", "Quá hạn", ""),
    ("Số hồ sơ rút", "", ""),
]


def compiled_table(period: Period, units: list[str] | None = None, db: Path | str | None = None) -> pd.DataFrame:
    """One row per unit of the scope (every unit when ``units`` is None) with the 13 counts
    of the form, ``reported`` (the unit's own report, no dossiers) and a last total row."""
    all_units = run_query("units", db)
    codes = list(all_units["unit_code"]) if units is None else list(units)
    balance = run_query("dossier_balance", db, start=period.start, end=period.end, units=codes, fields=[], channels=[])
    rows = []
    for _, b in balance.iterrows():
        counts = {
            "received_total": b["carried_over"] + b["received"],
            "received_new": b["received"],
            "received_online": b["received_online"],
            "received_in_person_postal": b["received_in_person"] + b["received_postal"],
            "carried_over": b["carried_over"],
            "resolved": b["resolved"],
            "early": b["early"],
            "on_time": b["on_time"],
            "late": b["late"],
            "in_progress": b["in_progress"],
            "in_progress_within": b["in_progress_within"],
            "in_progress_overdue": b["in_progress_overdue"],
            "withdrawn": b["withdrawn"],
        }
        rows.append({"unit_code": b["unit_code"], "name": b["name"] if not b["is_total"] else "Tổng cộng",
                     "is_total": bool(b["is_total"]), "reported": bool(b["reported"]),
                     **{k: int(v) for k, v in counts.items()}})
    return pd.DataFrame(rows, columns=["unit_code", "name", "is_total", "reported", *FIELDS])


def compiled_xlsx(period: Period, units: list[str] | None = None, db: Path | str | None = None) -> bytes:
    """The compiled II.06a of ``units`` for ``period`` as the bytes of an .xlsx (the Tiến độ
    page's download)."""
    buffer = io.BytesIO()
    write_xlsx(compiled_table(period, units, db), period, buffer)
    return buffer.getvalue()


def write_xlsx(frame: pd.DataFrame, period: Period, path) -> Path:
    """Write the compiled table as the form: title, merged three-row header, the "(1) … (13)"
    row, one row per unit (a note on reported rows), the total row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "II.06a"
    ws.append(["Biểu II.06a/VPCP/KSTT"])
    ws.append([f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — {period.label('vi')}"])
    ws.append([f"Kỳ báo cáo: từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"])
    top = ws.max_row + 1
    ws.append(["STT", "Đơn vị", *[h[0] for h in HEADERS], "Ghi chú"])
    ws.append(["", "", *[h[1] for h in HEADERS], ""])
    ws.append(["", "", *[h[2] for h in HEADERS], ""])
    ws.append(["", "", *[f"({i})" for i in range(1, 14)], ""])
    # merge what is one cell on the form: the groups across, the single cells down
    for col in (1, 2, 16):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
    for first, last in ((3, 7), (8, 11), (12, 14)):
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    ws.merge_cells(start_row=top, start_column=15, end_row=top + 2, end_column=15)
    ws.merge_cells(start_row=top + 1, start_column=4, end_row=top + 1, end_column=6)
    for col in (3, 7, 8, 9, 10, 11, 12, 13, 14):
        ws.merge_cells(start_row=top + 1, start_column=col, end_row=top + 2, end_column=col)
    number = 0
    for _, row in frame.iterrows():
        if row["is_total"]:
            ws.append(["", row["name"], *[int(row[k]) for k in FIELDS], ""])
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
            continue
        number += 1
        ws.append([number, row["name"], *[int(row[k]) for k in FIELDS],
                   "số liệu do đơn vị báo cáo" if row["reported"] else ""])
    for r in range(top, top + 4):
        for cell in ws[r]:
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.font = Font(bold=True)
    ws.column_dimensions["B"].width = 32
    if not hasattr(path, "write"):
        path = Path(path)
    wb.save(path)
    return path


def run_cli(args: argparse.Namespace) -> int:
    """``python -m cchc export-aggregates --period P --out FILE.xlsx [--db PATH] [--unit CODE ...]``."""
    from cchc import bootstrap

    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        print(f"error: --period {args.period}: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print("error: --out must name an .xlsx file", file=sys.stderr)
        return 2
    path = bootstrap.database_path(args.db)
    try:
        bootstrap.open_database(path)
        frame = compiled_table(period, args.unit or None, path)
    except (DataError, bootstrap.DatabaseMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_xlsx(frame, period, out)
    units = int((~frame["is_total"]).sum())
    reported = int(frame.loc[~frame["is_total"], "reported"].sum())
    print(f"wrote {out}: {units} units ({reported} from their own reports), period {period.code}")
    return 0
