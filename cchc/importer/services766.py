"""The Decision 766 inputs from files: ``--kind services766 | feedback766 | procedures766 | units766``.

Each kind fills one table of cchc/store/sql/schema_766.sql, one row per key, upserted:

- ``services766`` -> ``dossier_services_766``: a list of dossier codes with yes/no facts (paid
  online, digitised components, electronic result, VNeID / population data, synced to the
  national portal...). The code must be a dossier of the database.
- ``feedback766`` -> ``feedback_766``: one row per feedback (phản ánh, kiến nghị): its code,
  the unit, received, due and answered dates, whether the sender was satisfied. The
  sender's name, phone, address and the feedback's text are dropped unread (columns.py).
- ``procedures766`` -> ``procedure_services_766``: per procedure of the catalogue: fee-bearing,
  eligible fully online, publication due and actual dates, complete, linked to population data.
- ``units766`` -> ``unit_services_766``: per unit and year: whether the unit provides
  electronic certified copies from originals (chứng thực bản sao điện tử). The unit is
  matched as everywhere (code, name, official code); a year is a whole number, not later
  than this year.

A row updates only the columns the file has: a file of payments alone keeps the digitisation
facts loaded before. An empty cell in a column the file has means "not recorded" (NULL),
which the index treats as unknown, never as "no". Rows loaded from a file are real data:
``is_demo`` is false. Nothing here writes: :mod:`cchc.importer.load` writes the plan through
the store's one writer, logs the load and can undo it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pandas as pd

from cchc.importer.columns import Table, fold
from cchc.importer.errors import Rejection, shown
from cchc.importer.mapping import EARLIEST, CellError, parse_code, parse_datetime, parse_number
from cchc.importer.units import UnitMatcher
from cchc.importer.validate import Plan, Reference, _Reject, _Rows

# kind -> (table, key column, the file's field per table column; other table columns are
# never written from a file and keep what they hold)
TABLES = {
    "services766": "dossier_services_766",
    "feedback766": "feedback_766",
    "procedures766": "procedure_services_766",
    "units766": "unit_services_766",
}
# each table's key columns (a row of the file is one key)
KEYS = {"services766": ["dossier_code"], "feedback766": ["feedback_id"], "procedures766": ["procedure_code"],
        "units766": ["unit_code", "year"]}
# the file's code column of the kinds keyed by one code
KEY = {"services766": "dossier_code", "feedback766": "feedback_id", "procedures766": "procedure_code"}
# Every column of each table, in order (the upsert writes whole rows).
COLUMNS = {
    "services766": ["dossier_code", "ended_date", "refused_after_reception", "has_fee", "paid_online", "digitised",
                    "e_result", "reused_data", "personal_store", "population_data", "synced_portal", "rating",
                    "complaint", "is_demo"],
    "feedback766": ["feedback_id", "unit_code", "received_date", "due_date", "answered_date", "satisfied", "is_demo"],
    "procedures766": ["procedure_code", "fee_bearing", "fully_online_eligible", "publish_due_date", "published_date",
                      "content_complete", "population_linked", "is_demo"],
    "units766": ["unit_code", "year", "e_certified_copy", "is_demo"],
}
FLAGS = {
    "services766": ["has_fee", "paid_online", "digitised", "e_result", "reused_data", "personal_store",
                    "population_data", "synced_portal", "complaint"],
    "feedback766": ["satisfied"],
    "procedures766": ["fee_bearing", "fully_online_eligible", "content_complete", "population_linked"],
    "units766": ["e_certified_copy"],
}
DATES = {
    "services766": [],
    "feedback766": ["received_date", "due_date", "answered_date"],
    "procedures766": ["publish_due_date", "published_date"],
    "units766": [],
}
FIRST_YEAR = 2000  # a year of unit facts before this is a typing error

# Yes/no as offices type them (folded): Có/Không, 1/0, x, Đạt/Không đạt, Hài lòng/Không hài lòng.
_YES = {"co", "1", "x", "yes", "y", "true", "dung", "dat", "da", "roi", "hai long", "rat hai long"}
_NO = {"khong", "0", "no", "n", "false", "sai", "khong dat", "chua", "k", "khong hai long", "chua hai long"}


def parse_flag(value: Any) -> bool | None:
    """Yes/no from 'Có'/'Không', 1/0, 'x', TRUE/FALSE; None for an empty cell;
    :class:`CellError` ``imp_rej_bad_flag`` otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise CellError("imp_rej_bad_flag")
    key = fold(value)
    if not key:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError("imp_rej_bad_flag")


def parse_year(value: Any, today: date) -> int | None:
    """A year of unit facts: a whole number from :data:`FIRST_YEAR` to ``today``'s year; None
    for an empty cell; :class:`CellError` ``imp_rej_bad_year`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = parse_number(value)
    except CellError:
        raise CellError("imp_rej_bad_year") from None
    if number is None or not float(number).is_integer() or not FIRST_YEAR <= number <= today.year:
        raise CellError("imp_rej_bad_year")
    return int(number)


def _year_days(year: int) -> tuple[date, date]:
    """The first and last day of a year: the period a unit of a yearly fact must be valid in."""
    return date(year, 1, 1), date(year, 12, 31)


def build_plan(con, table: Table, ref: Reference, today: date) -> Plan:
    """Validate a found 766 table against the database (read through ``con``)."""
    return _Validator(con, table, ref, today).run()


class _Validator(_Rows):
    def __init__(self, con, table: Table, ref: Reference, today: date):
        super().__init__(table)
        self.con, self.ref, self.today, self.kind = con, ref, today, table.kind
        self.units = UnitMatcher(ref.units, ref.lineage)

    def run(self) -> Plan:
        kind, cols = self.kind, self.table.columns
        rows = list(self.data_rows())
        codes: dict = defaultdict(list)  # a row's key (a code, or a unit and year) -> its rows
        for row_no, cells in rows:
            key = self.row_key(cells)
            if key:
                codes[key].append(row_no)
        known = self.known_keys([k for k in codes if isinstance(k, str)])
        records, rejections = [], []
        for row_no, cells in rows:
            try:
                records.append(self.row(row_no, cells, codes, known))
            except _Reject as r:
                rejections.append(Rejection(row_no, r.column, shown(r.value), r.key, r.values))
        fields = [c for c in COLUMNS[kind] if c != "is_demo"]
        present = set(KEYS[kind]) | {c for c in fields if (c if c != "unit_code" else "unit") in cols}
        frame = pd.DataFrame(records, columns=fields + ["_row"])
        return Plan(kind, self.table, frame, present, rejections, skipped_rows=getattr(self, "skipped", 0))

    def row_key(self, cells: list[Any]):
        """The row's key for finding duplicates: its code, or (unit, year) for unit facts;
        None when it cannot be read (the row is then refused with its reason)."""
        try:
            if self.kind == "units766":
                year = parse_year(self.cell(cells, "year"), self.today)
                return (self.units.match(self.cell(cells, "unit"), *_year_days(year)), year)
            return parse_code(self.cell(cells, KEY[self.kind]), self.kind == "procedures766") or None
        except CellError:
            return None

    def known_keys(self, codes: list[str]) -> set[str]:
        """The file's keys the database knows (dossiers, procedures); feedback needs none."""
        if self.kind == "procedures766":
            return set(self.ref.procedures) & set(codes)
        if self.kind == "services766" and codes:
            return {r[0] for r in self.con.execute(
                "select dossier_code from dossiers where dossier_code in (select unnest(?::VARCHAR[]))",
                [codes]).fetchall()}
        return set()

    def row(self, row_no: int, cells: list[Any], codes: dict, known: set[str]) -> dict[str, Any]:
        kind, table = self.kind, self.table
        self.check_formulas(row_no)
        if kind == "units766":
            return self.unit_row(row_no, cells, codes)
        key_name = KEY[kind]
        code = self.parse(cells, key_name, parse_code, kind == "procedures766")
        if not code:
            raise _Reject(table.header_of(key_name), None, "imp_rej_missing")
        if len(codes.get(code, ())) > 1:
            others = ", ".join(str(r) for r in codes[code] if r != row_no)
            raise _Reject(table.header_of(key_name), code, "imp_rej_duplicate_code", rows=others)
        if kind == "services766" and code not in known:
            raise _Reject(table.header_of(key_name), code, "imp_rej_766_unknown_dossier")
        if kind == "procedures766" and code not in known:
            raise _Reject(table.header_of(key_name), code, "imp_rej_766_unknown_procedure")
        record: dict[str, Any] = {key_name: code, "_row": row_no}
        for name in FLAGS[kind]:
            if name in table.columns:
                record[name] = self.parse(cells, name, parse_flag)
        for name in DATES[kind]:
            if name in table.columns:
                record[name] = self.day(cells, name)
        if kind == "feedback766":
            # the unit valid on the feedback's reception date (cchc/importer/units.py)
            record["unit_code"] = self.parse(cells, "unit", self.units.match, record.get("received_date"))
            if record["received_date"] is None:
                raise _Reject(table.header_of("received_date"), None, "imp_rej_missing")
            answered = record.get("answered_date")
            if answered is not None and answered < record["received_date"]:
                raise _Reject(table.header_of("answered_date"), self.cell(cells, "answered_date"),
                              "imp_rej_766_answered_before")
            due = record.get("due_date")
            if due is not None and due < record["received_date"]:
                raise _Reject(table.header_of("due_date"), self.cell(cells, "due_date"), "imp_rej_766_due_before")
        return record

    def unit_row(self, row_no: int, cells: list[Any], codes: dict) -> dict[str, Any]:
        """A row of unit facts: the unit, the year, the yes/no facts."""
        year = self.parse(cells, "year", parse_year, self.today)
        if year is None:
            raise _Reject(self.table.header_of("year"), None, "imp_rej_missing")
        # the unit valid in that year: a code re-used across 1 July 2025 names two units
        unit = self.parse(cells, "unit", self.units.match, *_year_days(year))
        rows = codes.get((unit, year), ())
        if len(rows) > 1:
            others = ", ".join(str(r) for r in rows if r != row_no)
            raise _Reject(self.table.header_of("unit"), self.cell(cells, "unit"), "imp_rej_duplicate_code", rows=others)
        record: dict[str, Any] = {"unit_code": unit, "year": year, "_row": row_no}
        for name in FLAGS["units766"]:
            if name in self.table.columns:
                record[name] = self.parse(cells, name, parse_flag)
        return record

    def day(self, cells: list[Any], name: str) -> date | None:
        """A date of the file: not before the earliest accepted, not in the future (a
        feedback's due date or a publication deadline may lie ahead)."""
        parsed = self.parse(cells, name, parse_datetime)
        if parsed is None:
            return None
        day = parsed[0]
        if day < EARLIEST:
            raise _Reject(self.table.header_of(name), self.cell(cells, name), "imp_rej_bad_date")
        if day > self.today and name not in ("due_date", "publish_due_date"):
            raise _Reject(self.table.header_of(name), self.cell(cells, name), "imp_rej_future_date")
        return day


def _clean(value: Any) -> Any:
    """None for pandas' missing values (NaN, NaT); the value otherwise."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _same(a: Any, b: Any) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a == b)


def compare(con, plan: Plan) -> None:
    """Split the accepted rows into inserts, updates and unchanged rows. A row keeps the
    columns the file does not have; a demo row a file overwrites becomes real (is_demo)."""
    kind = plan.kind
    table, keys, columns = TABLES[kind], KEYS[kind], COLUMNS[kind]
    records = [{k: _clean(v) for k, v in r.items()} for r in plan.records.to_dict("records")]
    if not records:
        return
    if len(keys) == 1:  # a large table (dossiers): read only the file's keys
        cur = con.execute(f"select {', '.join(columns)} from {table} where {keys[0]} in (select unnest(?::VARCHAR[]))",
                          [[r[keys[0]] for r in records]])
    else:  # unit facts: one row per unit and year, a small table
        cur = con.execute(f"select {', '.join(columns)} from {table}")
    existing = {}
    for found in cur.fetchall():
        row = dict(zip(columns, found))
        existing[tuple(row[k] for k in keys)] = row
    inserts, updates = [], []
    unchanged = 0
    for r in records:
        old = existing.get(tuple(r[k] for k in keys))
        base = old or {c: None for c in columns}
        row = {c: (r.get(c) if c in plan.present else base[c]) for c in columns}
        row["is_demo"] = False
        if old is None:
            inserts.append(row)
        elif all(_same(row[c], old[c]) for c in columns):
            unchanged += 1
        else:
            updates.append(row)
    plan.to_insert, plan.to_update = inserts, updates
    plan.inserted, plan.updated, plan.unchanged = len(inserts), len(updates), unchanged
