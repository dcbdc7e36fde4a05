"""Aggregate reports: what a unit reported for a period, not dossiers.

Many communes keep no dossier log the dashboard can read, only the periodic form: Biểu
II.06a/VPCP/KSTT, 07a/BTP (the same counts, a blank first column), or a city's compiled
"tổng hợp theo đơn vị" with merged multi-row headers and a "(1) (2) … (13)" row. Each
gives, per unit (a row per unit) or per field of one unit (the unit in the title, the
"Tổng cộng" row or the sum of the field rows), the 13 counts of :data:`FIELDS`.

    read_reports(files, ref_units, period=None) -> list of rows (one per unit and period)
    load_reports(files, db_path, period=None)   -> those rows written in ONE load (all or nothing)

Columns are found by their header text (the words down each column's header rows, merged
cells filled by the reader); a sheet whose headers say too little but that has a
"(1) … (13)" row is read by those numbers. Every row must balance (:func:`check_balance`):
a report whose columns do not add up is refused with the row and the arithmetic, and so is
a whole load when any file is refused. Rows are stored in ``reported_balances``
(``cchc/store/sql/schema_aggregates.sql``), apart from the dossiers, and used by the balance
queries only for a unit and period without dossiers (``queries/dossier_balance.sql``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from cchc.core.periods import Period, PeriodError
from cchc.i18n.formats import fmt_int
from cchc.importer.columns import HEADER_SCAN_ROWS, _is_numbering_row, fold_keep_parens
from cchc.importer.errors import ImportFileError
from cchc.importer.mapping import CellError, guard_formula
from cchc.importer.readers import Grid, read_grids
from cchc.importer.units import UnitMatcher, load_units

__all__ = ["FIELDS", "ReportRow", "Report", "read_reports", "check_balance", "looks_like_report", "plan_reports",
           "write_reports", "parse_period_title"]

# The 13 numbered columns of the form, in their order (1) … (13).
FIELDS = [
    "received_total",             # (1) Tiếp nhận: tổng số
    "received_new",               # (2) trong kỳ
    "received_online",            # (3) trong kỳ: trực tuyến
    "received_in_person_postal",  # (4) trong kỳ: trực tiếp, bưu chính
    "carried_over",               # (5) kỳ trước chuyển qua
    "resolved",                   # (6) Đã giải quyết: tổng số
    "early",                      # (7) trước hạn
    "on_time",                    # (8) đúng hạn
    "late",                       # (9) quá hạn
    "in_progress",                # (10) Đang giải quyết: tổng số
    "in_progress_within",         # (11) trong hạn
    "in_progress_overdue",        # (12) quá hạn
    "withdrawn",                  # (13) rút hồ sơ
]
# The parts every report must give; the totals (and withdrawn) may be missing: the totals
# are then the sums of their parts, withdrawn is 0.
REQUIRED = ["received_online", "received_in_person_postal", "carried_over", "early", "on_time", "late",
            "in_progress_within", "in_progress_overdue"]
MAX_COUNT = 10_000_000  # a unit's dossiers in one period; more is a typing error


@dataclass
class ReportRow:
    """One unit's counts for one period, and where they were read (for messages)."""

    unit_code: str
    period: Period
    counts: dict[str, int]
    where: str          # 'file.xlsx / Sheet1'
    row: int            # its spreadsheet row
    changed: bool = True  # new or different from what is stored


@dataclass
class Report:
    """What one load of aggregate reports would write."""

    rows: list[ReportRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sheets: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    with_dossiers: list[str] = field(default_factory=list)  # unit/period pairs whose dossiers win


def _group(path: str) -> str | None:
    if "rut" in path.split():
        return "withdrawn"
    if "da giai quyet" in path or "da xu ly" in path:
        return "resolved"
    if "dang giai quyet" in path or "dang xu ly" in path or "chua giai quyet" in path:
        return "in_progress"
    if "tiep nhan" in path or "nhan giai quyet" in path or "so ho so nhan" in path:
        return "received"
    return None


def classify(path: str) -> str | None:
    """The field a column's folded header path names ('tiep nhan | trong ky | truc tuyen' ->
    received_online), or None."""
    group = _group(path)
    words = f" {path} "
    if group == "withdrawn":
        return "withdrawn"
    if group == "received":
        if " truc tuyen" in words:
            return "received_online"
        if " truc tiep" in words or " buu chinh" in words:
            return "received_in_person_postal"
        if " ky truoc" in words or " chuyen qua" in words or " ton " in words:
            return "carried_over"
        if " trong ky" in words or " moi tiep nhan" in words:
            return "received_new"
        if " tong" in words:
            return "received_total"
    if group == "resolved":
        if " truoc han" in words:
            return "early"
        if " dung han" in words:
            return "on_time"
        if " qua han" in words or " tre han" in words:
            return "late"
        if " tong" in words:
            return "resolved"
    if group == "in_progress":
        if " qua han" in words:
            return "in_progress_overdue"
        if " trong han" in words or " chua den han" in words or " dung han" in words:
            return "in_progress_within"
        if " tong" in words:
            return "in_progress"
    return None


def _number_cell(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", value.strip()))


def _is_data_row(cells: list[Any]) -> bool:
    return sum(1 for c in cells if _number_cell(c)) >= 5 and not _is_numbering_row(cells)


def _numbering(cells: list[Any]) -> dict[int, int]:
    """column -> number of a '(1) (2) … (13)' row."""
    out = {}
    for c, v in enumerate(cells):
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
            out[c] = int(v)
        elif isinstance(v, str) and (m := re.fullmatch(r"\(?\s*(\d{1,2})\s*\)?", v.strip())):
            out[c] = int(m[1])
    return out


def looks_like_report(grids: list[Grid]) -> bool:
    """True when a sheet has a header naming received and resolved counts (an aggregate
    report, whatever its form number), so the import reads it as one."""
    return any(_header_top(g) is not None and _columns(g) is not None for g in grids)


def _header_top(grid: Grid) -> int | None:
    for r, cells in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        text = " | ".join(fold_keep_parens(c) for c in cells if isinstance(c, str))
        if ("tiep nhan" in text or "nhan giai quyet" in text) and ("giai quyet" in text or "xu ly" in text) \
                and ("da giai quyet" in text or "tong so" in text or "truc tuyen" in text):
            return r
    return None


@dataclass
class _Layout:
    columns: dict[str, int]      # field -> column index
    first_data: int              # row index of the first row after the header (and numbering)
    first_count: int             # leftmost count column
    code_column: int | None = None  # a "Mã đơn vị" column left of the counts (official or ID codes)


def _columns(grid: Grid) -> _Layout | None:
    top = _header_top(grid)
    if top is None:
        return None
    rows = grid.rows
    end = top
    numbering: dict[int, int] = {}
    while end < len(rows) and end < top + 8 and not _is_data_row(rows[end]):
        if end > top and _is_numbering_row(rows[end]):
            numbering = _numbering(rows[end])
            end += 1
            break
        end += 1
    header_end = end - (1 if numbering else 0)
    width = max((len(rows[r]) for r in range(top, header_end)), default=0)
    columns: dict[str, int] = {}
    for c in range(width):
        parts: list[str] = []
        for r in range(top, header_end):
            cell = rows[r][c] if c < len(rows[r]) else None
            text = fold_keep_parens(cell) if isinstance(cell, str) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        name = classify(" | ".join(parts)) if parts else None
        if name and name not in columns:
            columns[name] = c
    if not set(REQUIRED) <= set(columns):
        # headers that say too little: the form's own numbering, when it has all 13
        by_number = {n: c for c, n in numbering.items()}
        if all(n in by_number for n in range(1, 14)) and len(numbering) >= 13:
            columns = {name: by_number[i + 1] for i, name in enumerate(FIELDS)}
        else:
            return None
    return _Layout(columns, end, min(columns.values()), _code_column(rows, top, header_end, min(columns.values())))


def _code_column(rows: list[list[Any]], top: int, header_end: int, first_count: int) -> int | None:
    """The column left of the counts whose header names a unit code ("Mã đơn vị", "Mã ĐVHC",
    "Mã định danh"): its cells are codes even as number cells (an STT column is not)."""
    for c in range(first_count):
        text = " ".join(fold_keep_parens(rows[r][c]) for r in range(top, max(header_end, top + 1))
                        if c < len(rows[r]) and isinstance(rows[r][c], str))
        if re.search(r"\bma (?:so )?(?:don vi|dvhc|dinh danh|hanh chinh)", text):
            return c
    return None


_ROMAN = re.compile(r"^(?:[ivxlc]+|\d+|[a-z])[.)]?$")


def _label(cells: list[Any], before: int) -> str | None:
    """The row's name: the last text cell left of the counts that is not a number (STT)."""
    for c in range(min(before, len(cells)) - 1, -1, -1):
        v = cells[c]
        if isinstance(v, str) and not _ROMAN.match(fold_keep_parens(v)):
            return v
    return None


def _count(value: Any, where: str, row: int, header: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        text = value.strip()
        if text in ("-", "–", "—", ""):
            return 0
        try:
            guard_formula(text)
        except CellError:
            raise ImportFileError("agg_err_bad_count", where=where, row=row, column=header, value=text[:40]) from None
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
            text = text.replace(".", "")
        if not text.isdigit():
            raise ImportFileError("agg_err_bad_count", where=where, row=row, column=header, value=text[:40])
        number = int(text)
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        raise ImportFileError("agg_err_bad_count", where=where, row=row, column=header, value=str(value)[:40])
    else:
        number = int(value)
    if not 0 <= number <= MAX_COUNT:
        raise ImportFileError("agg_err_bad_count", where=where, row=row, column=header, value=str(value)[:40])
    return number


def complete(counts: dict[str, int | None]) -> dict[str, int]:
    """The 13 counts with missing totals made the sums of their parts, withdrawn 0."""
    c = dict(counts)
    if c.get("received_new") is None:
        c["received_new"] = c["received_online"] + c["received_in_person_postal"]
    if c.get("received_total") is None:
        c["received_total"] = c["received_new"] + c["carried_over"]
    if c.get("resolved") is None:
        c["resolved"] = c["early"] + c["on_time"] + c["late"]
    if c.get("in_progress") is None:
        c["in_progress"] = c["in_progress_within"] + c["in_progress_overdue"]
    if c.get("withdrawn") is None:
        c["withdrawn"] = 0
    return {k: int(c[k]) for k in FIELDS}


def check_balance(c: dict[str, int], where: str, row: int) -> None:
    """Refuse counts that do not add up, naming the row and the arithmetic."""
    n = fmt_int
    if c["received_total"] != c["received_new"] + c["carried_over"]:
        raise ImportFileError("agg_err_total", where=where, row=row, total=n(c["received_total"]), new=n(c["received_new"]),
                              carried=n(c["carried_over"]))
    if c["received_new"] != c["received_online"] + c["received_in_person_postal"]:
        raise ImportFileError("agg_err_new", where=where, row=row, new=n(c["received_new"]), online=n(c["received_online"]),
                              other=n(c["received_in_person_postal"]))
    if c["resolved"] != c["early"] + c["on_time"] + c["late"]:
        raise ImportFileError("agg_err_resolved", where=where, row=row, resolved=n(c["resolved"]), early=n(c["early"]),
                              on_time=n(c["on_time"]), late=n(c["late"]))
    if c["in_progress"] != c["in_progress_within"] + c["in_progress_overdue"]:
        raise ImportFileError("agg_err_in_progress", where=where, row=row, in_progress=n(c["in_progress"]),
                              within=n(c["in_progress_within"]), overdue=n(c["in_progress_overdue"]))
    if c["received_total"] != c["resolved"] + c["in_progress"] + c["withdrawn"]:
        raise ImportFileError("agg_err_outcome", where=where, row=row, total=n(c["received_total"]), resolved=n(c["resolved"]),
                              in_progress=n(c["in_progress"]), withdrawn=n(c["withdrawn"]))


_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"


def parse_period_title(texts: Iterable[str]) -> Period | None:
    """The reporting period a form's title rows name: 'Kỳ báo cáo: Quý I năm 2025', '6 tháng
    đầu năm 2025', 'Tháng 5 năm 2025', 'năm 2025', 'từ ngày 01/01/2025 đến ngày 31/03/2025';
    None when they name none."""
    texts = list(texts)
    for raw in texts:
        low = raw.lower()
        m = re.search(r"t[uừ]\s*ng[aà]y\s*" + _DATE + r".*?đ?[eế]n\s*ng[aà]y\s*" + _DATE, low)
        if m:
            try:
                start = date(int(m[3]), int(m[2]), int(m[1]))
                end = date(int(m[6]), int(m[5]), int(m[4]))
                return Period.parse_range(start.isoformat(), end.isoformat())
            except (ValueError, PeriodError):
                return None
    for raw in texts:
        key = fold_keep_parens(raw)
        try:
            if m := re.search(r"\bquy (iv|iii|ii|i|[1-4]) (?:nam )?(\d{4})\b", key):
                return Period.quarter(int(m[2]), _ROMAN_Q[m[1]])
            if m := re.search(r"\b6 thang (dau|cuoi) nam (\d{4})\b", key):
                return Period.half(int(m[2]), 1 if m[1] == "dau" else 2)
            if m := re.search(r"\bthang (\d{1,2}) (?:nam )?(\d{4})\b", key):
                return Period.month(int(m[2]), int(m[1]))
            if m := re.search(r"\bnam (\d{4})\b", key):
                return Period.year(int(m[1]))
        except (ValueError, PeriodError):
            return None
    return None


def _title(grid: Grid, top: int) -> list[str]:
    return [" ".join(c for c in row if isinstance(c, str)) for row in grid.rows[:top]]


def _span(period: Period) -> str:
    """'01/07/2025 – 30/09/2025': a period in words any language reads."""
    return f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"


def _row_unit(cells: list[Any], label: str | None, layout, units: UnitMatcher, period: Period, where: str,
              row: int) -> str | None:
    """The unit a row names in its code column (when the sheet has one and the cell is
    filled) or its label, valid in ``period``; None when it names none. A unit that did not
    exist in the period refuses the report, saying when it existed and its successors."""
    code_cell = cells[layout.code_column] if layout.code_column is not None and layout.code_column < len(cells) else None
    named = code_cell if code_cell is not None and str(code_cell).strip() else label
    if not named:
        return None
    try:
        return units.match(named, period.start, period.end)
    except CellError as exc:
        if exc.key in ("imp_rej_unit_ended", "imp_rej_unit_closed", "imp_rej_unit_not_yet"):
            raise ImportFileError("agg_err_unit_outside", where=where, row=row, period=_span(period),
                                  **exc.values) from None
        return None


def _sort_rows(grid: Grid, layout, here: str, units: UnitMatcher, period: Period) -> tuple[list, list, list]:
    """The sheet's numeric rows, each checked for balance, sorted into unit rows (row, unit
    code, counts, label), total rows (row, counts) and other rows (row, counts, label)."""
    headers = {name: f"({FIELDS.index(name) + 1})" for name in FIELDS}
    unit_rows, total_rows, other_rows = [], [], []
    for r in range(layout.first_data, len(grid.rows)):
        cells = grid.rows[r]
        values = [cells[c] if c < len(cells) else None for c in layout.columns.values()]
        if not any(_number_cell(v) for v in values):
            continue  # a note, a signature, an empty line
        row = r + 1
        raw = {name: _count(cells[c] if c < len(cells) else None, here, row, headers[name])
               for name, c in layout.columns.items()}
        counts = complete({**{k: None for k in FIELDS}, **raw})
        check_balance(counts, here, row)
        label = _label(cells, layout.first_count)
        key = fold_keep_parens(label) if label else ""
        if key.startswith("tong") or key.startswith("cong"):
            total_rows.append((row, counts))
            continue
        code = _row_unit(cells, label, layout, units, period, here, row)
        if code:
            unit_rows.append((row, code, counts, label))
        else:
            other_rows.append((row, counts, label))
    return unit_rows, total_rows, other_rows


def _check_total_row(total_rows: list, parts: list, here: str) -> None:
    """The sheet's total row must be the sum of the rows above it."""
    for row, total in total_rows[:1]:
        if parts:
            summed = {k: sum(p[k] for p in parts) for k in FIELDS}
            for i, k in enumerate(FIELDS):
                if summed[k] != total[k]:
                    raise ImportFileError("agg_err_total_row", where=here, row=row, column=f"({i + 1})",
                                          total=fmt_int(total[k]), summed=fmt_int(summed[k]))


def read_sheet(grid: Grid, file_name: str, units: UnitMatcher, period: Period | None) -> list[ReportRow]:
    """The report rows of one sheet (none when the sheet is not an aggregate report): one row
    per unit when the sheet lists units, else one row for the unit named in its title or
    sheet name (its total row, or the sum of its field rows)."""
    layout = _columns(grid)
    if layout is None:
        return []
    top = _header_top(grid)
    title = _title(grid, top)
    here = f"{file_name} / {grid.sheet}"
    chosen = period or parse_period_title(title)
    if chosen is None:
        raise ImportFileError("agg_err_no_period", where=here)
    unit_rows, total_rows, other_rows = _sort_rows(grid, layout, here, units, chosen)
    if unit_rows:
        # a table per unit: every other row must be a unit too
        if other_rows:
            row, _, label = other_rows[0]
            raise ImportFileError("agg_err_unknown_unit", where=here, row=row, unit=(label or "")[:60])
        parts = [c for _, _, c, _ in unit_rows]
        out = [ReportRow(code, chosen, counts, here, row) for row, code, counts, _ in unit_rows]
    else:
        code = units.find_in(title + [grid.sheet])
        if code is None:
            raise ImportFileError("agg_err_no_unit", where=here)
        try:
            units.check(code, chosen.start, chosen.end)
        except CellError as exc:
            raise ImportFileError("agg_err_unit_outside", where=here, row=top, period=_span(chosen), **exc.values) from None
        parts = [c for _, c, _ in other_rows]
        if total_rows:
            row, counts = total_rows[0]
        elif parts:
            row = other_rows[0][0]
            counts = {k: sum(p[k] for p in parts) for k in FIELDS}
        else:
            return []
        out = [ReportRow(code, chosen, counts, here, row)]
    _check_total_row(total_rows, parts, here)
    return out


def read_reports(files: list[tuple[str, bytes]], units: UnitMatcher, period: Period | None = None) -> Report:
    """Every aggregate report of the files (several files, or one workbook with a sheet per
    unit). Refused as a whole when any sheet is (its reason names the file, sheet and row)
    or when a unit and period come twice."""
    report = Report()
    seen: dict[tuple[str, date, date], str] = {}
    for name, data in files:
        found = 0
        for grid in read_grids(data, name):
            rows = read_sheet(grid, name, units, period)
            found += bool(rows)
            report.sheets += bool(rows)
            for row in rows:
                key = (row.unit_code, row.period.start, row.period.end)
                if key in seen:
                    raise ImportFileError("agg_err_duplicate", where=row.where, row=row.row, other=seen[key],
                                          unit=row.unit_code)
                seen[key] = f"{row.where} [{row.row}]"
                report.rows.append(row)
        if not found:
            raise ImportFileError("agg_err_not_report", where=name)
        report.files.append(name)
    return report


def _units(con: duckdb.DuckDBPyConnection) -> UnitMatcher:
    return UnitMatcher(*load_units(con))


def plan_reports(con: duckdb.DuckDBPyConnection, files: list[tuple[str, bytes]], period: Period | None = None) -> Report:
    """Read the reports against ``con``'s units and compare them with what is stored."""
    report = read_reports(files, _units(con), period)
    existing = {}
    for row in con.execute(f"select unit_code, period_start, period_end, {', '.join(FIELDS)} from reported_balances").fetchall():
        existing[(row[0], row[1], row[2])] = dict(zip(FIELDS, row[3:]))
    for row in report.rows:
        old = existing.get((row.unit_code, row.period.start, row.period.end))
        if old is None:
            report.inserted += 1
        elif old == row.counts:
            report.unchanged += 1
            row.changed = False
        else:
            report.updated += 1
    # dossiers in scope of the period (received by its end, not finished before its start):
    # for these units and periods the pages keep the counts computed from dossiers
    report.with_dossiers = sorted(
        f"{r.unit_code} {r.period.code}" for r in report.rows
        if con.execute("select exists (select 1 from dossiers where unit_code = ? and received_date <= ? "
                       "and (finished_date is null or finished_date >= ?))",
                       [r.unit_code, r.period.end, r.period.start]).fetchall()[0][0])
    return report


def write_reports(con: duckdb.DuckDBPyConnection, report: Report, load_id: int) -> None:
    """Write the changed rows (inside the caller's transaction), keeping what they replace
    for undo (``load_before_reported_balances``)."""
    from cchc.importer.load import upsert  # the importer's one way to write with undo

    rows = [{"unit_code": r.unit_code, "period_start": r.period.start, "period_end": r.period.end, **r.counts,
             "load_id": load_id} for r in report.rows if r.changed]
    upsert(con, "reported_balances", rows, ["unit_code", "period_start", "period_end", *FIELDS, "load_id"], load_id)


def load_reports(files: list[tuple[str, bytes]], db_path: Path | str | None = None, period: Period | None = None,
                 dry_run: bool = False) -> tuple[Report, int | None]:
    """Load aggregate reports in one go: all the files in ONE load through the store's
    writer (all or nothing), logged in load_log (kind 'aggregates') and undoable. Returns
    the report and the load id (None when nothing was written: a dry run, or nothing new)."""
    import importlib

    loader = importlib.import_module("cchc.importer.load")  # the package exports a function of that name
    path = loader.target_path(db_path)
    loader.ensure_database(path)
    if dry_run:
        with loader.snapshot(path) as con:
            return plan_reports(con, files, period), None
    digest = loader.sha256_of(b"".join(loader.sha256_of(data).encode() for _, data in files))

    def work(con: duckdb.DuckDBPyConnection):
        report = plan_reports(con, files, period)
        if not (report.inserted or report.updated):
            return report, None
        load_id = int(con.execute("select coalesce(max(load_id), 0) + 1 from load_log").fetchall()[0][0])
        write_reports(con, report, load_id)
        kinds = sorted({loader.logged_file_type(name) for name in report.files})
        names = ",".join(kinds) if len(report.files) == 1 else f"{len(report.files)} × {','.join(kinds)}"
        con.execute(
            "insert into load_log (load_id, file_name, sha256, kind, inserted, updated, rejected, loaded_at) "
            "values (?, ?, ?, 'aggregates', ?, ?, 0, ?)",
            [load_id, names[:200], digest, report.inserted, report.updated, datetime.now().replace(microsecond=0)])
        loader._mark_dataset(con)
        return report, load_id

    return loader.write_copy(path, work)
