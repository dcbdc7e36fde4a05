"""A found table + the database's reference lists -> a plan: accepted records, rejected rows.

Nothing here writes. The same plan is built for the preview (on a read-only view of the
database) and again for the load (inside the working copy), so what the preview promised
is what the load does unless the database changed in between.

Rules (domain.md §3, schema CHECKs):
- dossiers: a code, a known unit, a procedure (an unknown one is added to the catalogue from
  the file's code, name and field), a received date; dates not in the future, finish not
  before reception; the state agrees with the finish date (7/9/10 iff finished); a missing
  due date is computed from the procedure's statutory days with the working-day calendar;
  a code that appears twice in the file rejects every row that has it.
- scores: one row per unit with a point per criterion (or one row per unit and criterion);
  points between 0 and the criterion's maximum; all of a unit's criteria or none.
- procedures: code and name, field, level, statutory days, online level; an effective date
  adds a publication (or amendment / abolition) event.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

import numpy as np
import pandas as pd

from cchc.importer.columns import Table, criterion_key, fold
from cchc.importer.errors import ImportFileError, Rejection, shown
from cchc.importer.mapping import (
    EARLIEST,
    CellError,
    load_status_words,
    parse_channel,
    parse_code,
    parse_count,
    parse_datetime,
    parse_days,
    parse_event,
    parse_level,
    parse_number,
    parse_online_level,
    parse_state,
    parse_text,
    slug,
)
from cchc.importer.units import Unit, UnitMatcher, load_units, parse_dossier_code

DOSSIER_COLUMNS = [
    "dossier_code", "unit_code", "procedure_code", "channel", "received_date", "due_date", "finished_date",
    "returned_date", "state", "received_time", "finished_time", "supplement_requested_date",
    "supplement_supplied_date", "supplement_count",
]
PROCEDURE_COLUMNS = ["procedure_code", "name", "field_code", "level", "processing_days", "online_level"]
FINISHED_STATES = (7, 9, 10)


@dataclass
class Reference:
    """What the database already knows, read once per plan."""

    units: list[Unit]
    procedures: dict[str, dict[str, Any]]
    fields: dict[str, str]
    working_days: np.ndarray
    calendar_first: date | None
    calendar_last: date | None
    criteria: dict[int, list[dict[str, Any]]]
    events: set[tuple[str, date, str]]
    lineage: list[tuple[str, str | None, bool]] = field(default_factory=list)  # unit_lineage: old, new, is_default

    @staticmethod
    def load(con) -> Reference:
        """Read the reference lists through a DuckDB connection."""
        units, lineage = load_units(con)
        procedures = {
            r[0]: dict(zip(PROCEDURE_COLUMNS, r))
            for r in con.execute(f"select {', '.join(PROCEDURE_COLUMNS)} from procedures").fetchall()
        }
        fields = dict(con.execute("select field_code, name from fields").fetchall())
        days = [r[0] for r in con.execute("select date from calendar where is_working_day order by date").fetchall()]
        first, last = con.execute("select min(date), max(date) from calendar").fetchall()[0]
        criteria: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for year, code, name, max_points, is_demo in con.execute(
            "select year, criterion_code, name, max_points, is_demo from par_criteria order by year, criterion_code"
        ).fetchall():
            criteria[int(year)].append(dict(code=code, name=name, max_points=float(max_points), is_demo=bool(is_demo)))
        events = {tuple(r) for r in con.execute("select procedure_code, effective_date, event from procedure_events").fetchall()}
        return Reference(units, procedures, fields, np.array(days, dtype="datetime64[D]"), first, last, dict(criteria),
                         events, lineage)


@dataclass
class Plan:
    """What a file would change, before anything is written."""

    kind: str
    table: Table
    records: pd.DataFrame                       # accepted rows, database columns (+ '_row')
    present: set[str]                           # columns the file provides (updates keep the others)
    rejections: list[Rejection] = field(default_factory=list)
    new_procedures: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_fields: dict[str, str] = field(default_factory=dict)
    criteria: list[dict[str, Any]] = field(default_factory=list)   # scores: criteria rows to write
    events: list[tuple[str, date, str, str | None]] = field(default_factory=list)  # procedures
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # warnings, label keys
    skipped_rows: int = 0
    year: int | None = None
    # filled by the comparison with the database (load.compare)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    to_insert: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    score_groups: dict = field(default_factory=dict)
    new_events: list = field(default_factory=list)

    @property
    def accepted(self) -> int:
        """Rows that passed validation."""
        return int(self.records["_row"].nunique()) if "_row" in self.records else len(self.records)

    @property
    def rejected(self) -> int:
        """Rows rejected (each counted once)."""
        return len({r.row for r in self.rejections})


class _Reject(Exception):
    def __init__(self, column: str, value: Any, key: str, **values: Any):
        super().__init__(key)
        self.column, self.value, self.key, self.values = column, value, key, values


def build_plan(table: Table, ref: Reference, today: date | None = None) -> Plan:
    """Validate a found table against the reference lists."""
    today = today or date.today()
    if table.kind == "dossiers":
        return _DossierValidator(table, ref, today).run()
    if table.kind == "scores":
        return _ScoreValidator(table, ref).run()
    return _ProcedureValidator(table, ref, today).run()


class _Rows:
    """Shared row access: cells by field, formula cells refused, non-data rows skipped."""

    def __init__(self, table: Table):
        self.table = table

    def cell(self, cells: list[Any], name: str) -> Any:
        index = self.table.columns.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def used(self) -> list[int]:
        return sorted(set(self.table.columns.values()) | set(self.table.extra))

    def data_rows(self):
        """(row number, cells) of rows with at least two used cells; the others are skipped."""
        used = self.used()
        skipped = 0
        for row_no, cells in self.table.rows:
            filled = sum(1 for c in used if c < len(cells) and cells[c] is not None)
            if filled < 2:
                skipped += int(filled > 0 or any(c is not None for c in cells))
                continue
            yield row_no, cells
        self.skipped = skipped

    def check_formulas(self, row_no: int) -> None:
        for c in self.used():
            if (row_no, c) in self.table.formula_cells:
                raise _Reject(self.table.headers[c], "", "imp_rej_formula")

    def parse(self, cells: list[Any], name: str, parser, *args) -> Any:
        value = self.cell(cells, name)
        try:
            return parser(value, *args)
        except CellError as exc:
            # the rejection carries the cell error's key and values: nothing else to keep
            raise _Reject(self.table.header_of(name), value, exc.key, **exc.values) from None


# -- dossiers ------------------------------------------------------------------------------


class _DossierValidator(_Rows):
    def __init__(self, table: Table, ref: Reference, today: date):
        super().__init__(table)
        self.ref, self.today = ref, today
        self.units = UnitMatcher(ref.units, ref.lineage)
        self.names: dict[str, set[str]] = defaultdict(set)
        for code, p in ref.procedures.items():
            self.names[procedure_name_key(p["name"])].add(code)
        self.display = {key: ref.procedures[min(codes)]["name"] for key, codes in self.names.items()}
        self.history: dict[str, list[tuple[date, str]]] = defaultdict(list)
        for code, day, event in sorted(ref.events, key=lambda e: (e[0], e[1])):
            self.history[code].append((day, event))
        self.field_by_key = {fold(name): code for code, name in ref.fields.items()}
        self.field_by_key.update({fold(code): code for code in ref.fields})
        self.new_procedures: dict[str, dict[str, Any]] = {}
        self.new_fields: dict[str, str] = {}
        self.file_unit: str | None = None
        self.file_state: int | None = None
        self.code_day_rows: list[int] = []  # rows whose dossier code was made on another day

    def state_from_title(self) -> int | None:
        """The state a filtered export names in its title rows ("Trạng thái hồ sơ: Đã trả
        kết quả") when it has no state column; None when the title names none."""
        for text in self.table.title:
            m = re.search(r"\b(?:trang thai|tinh trang)(?: ho so| xu ly)?\s+(.+)$", fold(text))
            if m:
                try:
                    return parse_state(m.group(1))
                except CellError:
                    return None
        return None

    def run(self) -> Plan:
        load_status_words()
        cols = self.table.columns
        self.check_columns(cols)
        rows = list(self.data_rows())
        code_rows = self.rows_by_code(rows)
        records, rejections = [], []
        for row_no, cells in rows:
            try:
                records.append(self.row(row_no, cells, code_rows))
            except _Reject as r:
                rejections.append(Rejection(row_no, r.column, shown(r.value), r.key, r.values))
        frame = pd.DataFrame(records, columns=DOSSIER_COLUMNS + ["_row", "_due_computed"])
        present = {"dossier_code", "unit_code", "procedure_code", "received_date", "received_time", "state",
                   "finished_date", "finished_time"}
        for name in ("channel", "due_date", "returned_date", "supplement_requested_date", "supplement_supplied_date",
                     "supplement_count"):
            if name in cols:
                present.add(name)
        plan = Plan("dossiers", self.table, frame, present, rejections,
                    new_procedures={k: v for k, v in self.new_procedures.items() if k in set(frame["procedure_code"])},
                    skipped_rows=getattr(self, "skipped", 0))
        used_fields = {p["field_code"] for p in plan.new_procedures.values()}
        plan.new_fields = {k: v for k, v in self.new_fields.items() if k in used_fields}
        self.add_notes(plan, cols, frame)
        return plan

    def check_columns(self, cols) -> None:
        """Refuse a shifted file or one without the columns a dossier needs; note where the
        unit, the reception date and the state come from when their columns are missing."""
        self.check_shifted()
        if "state" not in cols:
            self.file_state = self.state_from_title()
        if "unit" not in cols:
            self.file_unit = self.units.find_in(self.table.title + [self.table.sheet])
            if self.file_unit is None and not self.codes_carry_parts():
                raise ImportFileError("imp_err_no_unit_column")
        if "received_date" not in cols and not self.codes_carry_parts():
            raise ImportFileError("imp_err_no_received_column")
        if "procedure_code" not in cols and "procedure_name" not in cols:
            raise ImportFileError("imp_err_no_procedure_column")

    def rows_by_code(self, rows) -> dict[str, list[int]]:
        """The file's row numbers of each dossier code (a code on two rows is rejected)."""
        code_rows: dict[str, list[int]] = defaultdict(list)
        for row_no, cells in rows:
            try:
                code = parse_code(self.cell(cells, "dossier_code"))
            except CellError:
                continue
            if code:
                code_rows[code].append(row_no)
        return code_rows

    def add_notes(self, plan: Plan, cols, frame: pd.DataFrame) -> None:
        """What the preview says about values the file did not give (channel, unit, state,
        due dates computed from the statutory time, finish dates taken from the return)."""
        if "channel" not in cols:
            plan.notes.append(("imp_note_no_channel", {}))
        if self.file_unit:
            plan.notes.append(("imp_note_file_unit", {"unit": self.file_unit}))
        if self.file_state is not None:
            plan.notes.append(("imp_note_file_state", {"state": self.file_state}))
        computed = int(frame["_due_computed"].sum()) if len(frame) else 0
        if computed:
            plan.notes.append(("imp_note_due_computed", {"count": computed}))
        if self.code_day_rows:
            rows = self.code_day_rows
            plan.notes.append(("imp_note_code_day_differs", {
                "count": len(rows), "rows": ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")}))
        from_returned = getattr(self, "from_returned", 0)
        if from_returned:
            plan.notes.append(("imp_note_finished_from_returned", {"count": from_returned}))

    def check_shifted(self) -> None:
        """Refuse a list whose values sit one column left of their headers (a header with a
        cell more than the rows below it): a column that is not a date column holds dates."""
        date_fields = {"received_date", "due_date", "finished_date", "returned_date", "supplement_requested_date",
                       "supplement_supplied_date"}
        for name, c in self.table.columns.items():
            if name in date_fields:
                continue
            rows, seen = [], 0
            for row_no, cells in self.table.rows[:200]:
                value = cells[c] if c < len(cells) else None
                if value is None:
                    continue
                seen += 1
                if _is_date_value(value):
                    rows.append(row_no)
            if seen and len(rows) * 2 >= seen and len(rows) >= 2:
                listed = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
                raise ImportFileError("imp_err_shifted", column=self.table.header_of(name), rows=listed)

    def codes_carry_parts(self) -> bool:
        """True when most dossier codes are {unit ID code}-{yyMMdd}-{sequence}
        ('H15.50.05.13-261008-0975'), so the unit and reception date can be read from them."""
        values = [self.cell(cells, "dossier_code") for _, cells in self.table.rows[:200]]
        values = [v for v in values if v is not None]
        return bool(values) and sum(1 for v in values if parse_dossier_code(v) is not None) * 2 > len(values)

    def received_day(self, cells: list[Any], code: str) -> tuple[date, time | None]:
        """The reception date (and time): its column, else the date part of the code (made on
        the day the one-stop system created the dossier)."""
        if "received_date" in self.table.columns:
            received, received_time = self._date(cells, "received_date")
            if received is None:
                raise _Reject(self.table.header_of("received_date"), None, "imp_rej_missing")
            return received, received_time
        parts = parse_dossier_code(code)
        if parts is None:
            raise _Reject(self.table.header_of("dossier_code"), code, "imp_rej_code_no_parts")
        if parts.day > self.today:
            raise _Reject(self.table.header_of("dossier_code"), code, "imp_rej_future_date")
        return parts.day, None

    def receiving_unit(self, cells: list[Any], code: str, received: date) -> tuple[str, bool]:
        """The unit valid on ``received`` that received the dossier, and whether it was read
        from the dossier code: the unit named in the title rows, else the unit cell, else
        (no unit column, or an empty cell) the unit part of the code."""
        if self.file_unit:
            try:
                self.units.check(self.file_unit, received)
            except CellError as exc:
                column = "received_date" if "received_date" in self.table.columns else "dossier_code"
                raise _Reject(self.table.header_of(column), received.strftime("%d/%m/%Y"), exc.key, **exc.values) from None
            return self.file_unit, False
        if "unit" in self.table.columns and (self.cell(cells, "unit") is not None or parse_dossier_code(code) is None):
            return self.parse(cells, "unit", self.units.match, received), False
        return self.unit_from_code(code, received), True

    def unit_from_code(self, code: str, received: date) -> str:
        """The unit the ID code part of a dossier code names, valid on ``received``."""
        parts = parse_dossier_code(code)
        header = self.table.header_of("dossier_code")
        if parts is None:
            raise _Reject(header, code, "imp_rej_code_no_parts")
        try:
            return self.units.match(parts.unit, received)
        except CellError as exc:
            if exc.key == "imp_rej_unknown_unit":
                key = "imp_rej_code_unit_unknown_id" if self.units.has_id_codes else "imp_rej_code_unit_unknown"
                raise _Reject(header, code, key, unit=parts.unit) from None
            raise _Reject(header, code, exc.key, **exc.values) from None

    def cross_check_code_day(self, row_no: int, code: str, received: date, channel: str | None) -> None:
        """Note a row whose dossier code was made on another day than its reception date. A
        code made earlier is normal for a dossier submitted online (the code is made at
        submission, received later): not noted. The row is kept: the figures use the
        reception date column, and the unit was resolved on it."""
        parts = parse_dossier_code(code)
        if parts is None or parts.day == received or (parts.day < received and channel == "online"):
            return
        self.code_day_rows.append(row_no)

    def _date(self, cells, name: str) -> tuple[date | None, time | None]:
        parsed = self.parse(cells, name, parse_datetime)
        if parsed is None:
            return None, None
        day, moment = parsed
        if day > self.today:
            raise _Reject(self.table.header_of(name), self.cell(cells, name), "imp_rej_future_date")
        if day < EARLIEST:
            raise _Reject(self.table.header_of(name), self.cell(cells, name), "imp_rej_bad_date")
        return day, moment

    def row(self, row_no: int, cells: list[Any], code_rows: dict[str, list[int]]) -> dict[str, Any]:
        self.check_formulas(row_no)
        code = self.parse(cells, "dossier_code", parse_code)
        if not code:
            raise _Reject(self.table.header_of("dossier_code"), None, "imp_rej_missing")
        if len(code_rows.get(code, ())) > 1:
            others = ", ".join(str(r) for r in code_rows[code] if r != row_no)
            raise _Reject(self.table.header_of("dossier_code"), code, "imp_rej_duplicate_code", rows=others)
        received, received_time = self.received_day(cells, code)
        unit, from_code = self.receiving_unit(cells, code, received)
        due = finished = returned = requested = supplied = None
        finished_time = None
        if "due_date" in self.table.columns:
            due, _ = self._date(cells, "due_date")
        if "finished_date" in self.table.columns:
            finished, finished_time = self._date(cells, "finished_date")
        if "returned_date" in self.table.columns:
            returned, _ = self._date(cells, "returned_date")
        if "supplement_requested_date" in self.table.columns:
            requested, _ = self._date(cells, "supplement_requested_date")
        if "supplement_supplied_date" in self.table.columns:
            supplied, _ = self._date(cells, "supplement_supplied_date")
        count = self.parse(cells, "supplement_count", parse_count) if "supplement_count" in self.table.columns else None
        channel = self.parse(cells, "channel", parse_channel) if "channel" in self.table.columns else None
        if from_code and "received_date" in self.table.columns:
            self.cross_check_code_day(row_no, code, received, channel)
        state_cell = self.cell(cells, "state")
        state = self.parse(cells, "state", parse_state) if "state" in self.table.columns else self.file_state
        state_header = self.table.header_of("state") if "state" in self.table.columns else ""

        # the state must agree with the finish date (schema CHECK: 7/9/10 iff finished)
        if finished is None and returned is not None and state in (None, 7, 9, 10):
            finished = returned
            self.from_returned = getattr(self, "from_returned", 0) + 1
        if state is None:
            if state_cell is not None and finished is None and _says_done(state_cell):
                raise _Reject(state_header, state_cell, "imp_rej_state_needs_finish")
            state = (10 if returned is not None else 9) if finished is not None else 4
        if state in FINISHED_STATES and finished is None:
            raise _Reject(state_header or self.table.header_of("received_date"), state_cell, "imp_rej_state_needs_finish")
        if state not in FINISHED_STATES and finished is not None:
            raise _Reject(state_header, state_cell, "imp_rej_state_not_finished")
        if finished is not None and finished < received:
            raise _Reject(self.table.header_of("finished_date") if "finished_date" in self.table.columns
                          else self.table.header_of("returned_date"), finished.strftime("%d/%m/%Y"),
                          "imp_rej_finish_before_received")
        if due is not None and due < received:
            raise _Reject(self.table.header_of("due_date"), due.strftime("%d/%m/%Y"), "imp_rej_due_before_received")
        if returned is not None and finished is not None and returned < finished:
            raise _Reject(self.table.header_of("returned_date"), returned.strftime("%d/%m/%Y"),
                          "imp_rej_returned_before_finish")
        if requested is not None and requested < received:
            raise _Reject(self.table.header_of("supplement_requested_date"), requested.strftime("%d/%m/%Y"),
                          "imp_rej_supplement_before_received")
        if supplied is not None and (requested is None or supplied < requested):
            raise _Reject(self.table.header_of("supplement_supplied_date"), supplied.strftime("%d/%m/%Y"),
                          "imp_rej_supplied_before_requested")

        procedure = self.procedure(cells, unit, received)
        due_computed = False
        if due is None and state not in (1, 3):
            due = self.compute_due(procedure, received)
            due_computed = True
        if count is None:
            count = 1 if requested is not None else 0
        return dict(
            dossier_code=code, unit_code=unit, procedure_code=procedure, channel=channel or "in_person",
            received_date=received, due_date=due, finished_date=finished, returned_date=returned, state=state,
            received_time=received_time, finished_time=finished_time, supplement_requested_date=requested,
            supplement_supplied_date=supplied, supplement_count=count, _row=row_no, _due_computed=due_computed,
        )

    def procedure(self, cells: list[Any], unit: str, received: date) -> str:
        cols = self.table.columns
        code = self.parse(cells, "procedure_code", parse_code, True) if "procedure_code" in cols else None
        name = self.parse(cells, "procedure_name", parse_text) if "procedure_name" in cols else None
        if code:
            if code in self.ref.procedures or code in self.new_procedures:
                return code
            field_name = self.parse(cells, "field_name", parse_text) if "field_name" in cols else None
            if not name or not field_name:
                raise _Reject(self.table.header_of("procedure_code"), code, "imp_rej_unknown_procedure_incomplete")
            self.new_procedures[code] = dict(
                procedure_code=code, name=name, field_code=self.field_code(field_name),
                level="district" if self.units.kind(unit) == "town" else "commune",
                processing_days=None, online_level=None,
            )
            return code
        if name:
            return self.procedure_by_name(name, unit, received)
        column = "procedure_code" if "procedure_code" in cols else "procedure_name"
        raise _Reject(self.table.header_of(column), None, "imp_rej_missing")

    def procedure_by_name(self, name: str, unit: str, received: date) -> str:
        """The catalogue's procedure of a name, explained when there is none or no single one.

        The same name often exists at district and at commune level with different codes
        ("Chứng thực chữ ký trong các giấy tờ, văn bản": 2.010203 and 1.005497): the
        receiving unit's level decides, then the procedures in force on the reception date;
        only a true tie is an error."""
        header = self.table.header_of("procedure_name")
        key = procedure_name_key(name)
        found = sorted(self.names.get(key, ()))
        if not found:
            close = difflib.get_close_matches(key, list(self.names), n=3, cutoff=0.8)
            if close:
                raise _Reject(header, name, "imp_rej_procedure_not_found_close",
                              names="; ".join(f"«{self.display[k]}» ({', '.join(sorted(self.names[k]))})" for k in close))
            raise _Reject(header, name, "imp_rej_procedure_not_found")
        if len(found) > 1:
            level = "district" if self.units.kind(unit) == "town" else "commune"
            at_level = [c for c in found if self.ref.procedures[c]["level"] == level]
            found = at_level or found
        if len(found) > 1:
            in_force = [c for c in found if self.in_force(c, received)]
            found = in_force or found
        if len(found) == 1:
            return found[0]
        raise _Reject(header, name, "imp_rej_procedure_ambiguous", codes=", ".join(found))

    def in_force(self, code: str, day: date) -> bool:
        """Whether a procedure applies on ``day``: published (or first known) on or before it and
        not abolished by then. A procedure without events is taken as in force."""
        history = self.history.get(code)
        if not history:
            return True
        past = [event for when, event in history if when <= day]
        return bool(past) and past[-1] != "abolished"

    def field_code(self, name: str) -> str:
        key = fold(name)
        if key in self.field_by_key:
            return self.field_by_key[key]
        code = slug(name)
        taken = set(self.ref.fields) | set(self.new_fields)
        base, n = code, 2
        while code in taken:
            code, n = f"{base}-{n}", n + 1
        self.new_fields[code] = name
        self.field_by_key[key] = code
        return code

    def compute_due(self, procedure: str, received: date) -> date:
        info = self.ref.procedures.get(procedure) or self.new_procedures.get(procedure) or {}
        days = info.get("processing_days")
        header = self.table.header_of("due_date") if "due_date" in self.table.columns else self.table.header_of("received_date")
        if days is None:
            raise _Reject(header, "", "imp_rej_due_no_days", procedure=procedure)
        days = int(days)
        if days == 0:
            return received
        wd = self.ref.working_days
        if self.ref.calendar_first is None or received < self.ref.calendar_first:
            raise _Reject(header, "", "imp_rej_due_no_calendar")
        index = int(np.searchsorted(wd, np.datetime64(received, "D"), side="right")) + days - 1
        if index >= len(wd):
            raise _Reject(header, "", "imp_rej_due_no_calendar")
        return wd[index].astype(object)


_NAME_PREFIXES = ("thu tuc hanh chinh ", "thu tuc ", "tthc ")


def _is_date_value(value: Any) -> bool:
    """A cell that is a date: a date cell, or text dd/mm/yyyy (a time may follow)."""
    if isinstance(value, date):
        return True
    if not isinstance(value, str) or not re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|^\d{4}-\d{2}-\d{2}\b", value):
        return False
    try:
        return parse_datetime(value) is not None
    except CellError:
        return False


def procedure_name_key(name: Any) -> str:
    """A procedure name folded for matching: accents, case and punctuation (a trailing '.'
    or ';') ignored, and a leading "Thủ tục" / "TTHC" dropped ("Thủ tục đăng ký khai sinh." =
    "Đăng ký khai sinh")."""
    key = fold(name)
    for prefix in _NAME_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return key


def _says_done(value: Any) -> bool:
    key = fold(value)
    return any(w in key for w in ("dung han", "truoc han", "tre han")) and "dang" not in key


# -- PAR scores ----------------------------------------------------------------------------

_MAX_ROW = {"diem toi da", "toi da", "thang diem", "diem chuan", "khung diem", "diem toi da tieu chi",
            "so diem toi da", "diem toi da duoc cham"}
_YEAR = re.compile(r"\b(?:nam\s+)?((?:19|20)\d{2})\b")


class _ScoreValidator(_Rows):
    def __init__(self, table: Table, ref: Reference):
        super().__init__(table)
        self.ref = ref
        self.units = UnitMatcher(ref.units, ref.lineage)

    def file_year(self) -> int | None:
        texts = self.table.title + [h for h in self.table.headers if h] + [self.table.sheet]
        for text in texts:
            m = re.search(r"\bnam\s+((?:19|20)\d{2})\b", fold(text))
            if m:
                return int(m.group(1))
        years = {int(y) for text in texts for y in re.findall(r"\b((?:19|20)\d{2})\b", fold(text))}
        return years.pop() if len(years) == 1 else None

    def frame_for(self, year: int) -> tuple[list[dict[str, Any]], bool]:
        """The criteria a sheet of ``year`` is matched against, and whether they exist for that year."""
        if year in self.ref.criteria:
            return self.ref.criteria[year], True
        earlier = [y for y in self.ref.criteria if y < year] or list(self.ref.criteria)
        return (self.ref.criteria[max(earlier)] if earlier else []), False

    def run(self) -> Plan:
        table = self.table
        year = self.file_year()
        long_form = "criterion" in table.columns and "points" in table.columns
        if year is None and "year" not in table.columns:
            raise ImportFileError("imp_err_no_year")
        rows = list(self.data_rows())
        rejections: list[Rejection] = []
        max_row: dict[int, float] = {}
        # unit rows: (year, unit) -> (row numbers, {criterion column or name: (header, cell)})
        units: dict[tuple[int, str], dict[str, Any]] = {}
        order: list[tuple[int, str]] = []
        unit_rows: dict[tuple[int, str], list[int]] = defaultdict(list)
        bad: set[tuple[int, str]] = set()
        for row_no, cells in rows:
            unit_cell = self.cell(cells, "unit")
            if fold(unit_cell) in _MAX_ROW:
                for c in table.extra:
                    if c < len(cells) and cells[c] is not None:
                        try:
                            max_row[c] = parse_number(cells[c])
                        except CellError:
                            raise ImportFileError("imp_err_bad_max_row", column=table.headers[c]) from None
                continue
            try:
                self.check_formulas(row_no)
                row_year = year
                if "year" in table.columns and self.cell(cells, "year") is not None:
                    number = self.parse(cells, "year", parse_number)
                    if number is None or not number.is_integer() or not 1990 <= number <= 2100:
                        raise _Reject(table.header_of("year"), self.cell(cells, "year"), "imp_rej_bad_year")
                    row_year = int(number)
                if row_year is None:
                    raise _Reject(table.header_of("year"), None, "imp_rej_missing")
                # the unit that existed in the score's year (the one at its end when it changed)
                unit = self.parse(cells, "unit", self.units.match, date(row_year, 1, 1), date(row_year, 12, 31))
                key = (row_year, unit)
                entry = units.setdefault(key, {"rows": [], "cells": {}})
                if key not in order:
                    order.append(key)
                entry["rows"].append(row_no)
                unit_rows[key].append(row_no)
                if long_form:
                    crit = self.cell(cells, "criterion")
                    if crit is None:
                        raise _Reject(table.header_of("criterion"), None, "imp_rej_missing")
                    label = str(crit)
                    if label in entry["cells"]:
                        raise _Reject(table.header_of("criterion"), crit, "imp_rej_duplicate_criterion")
                    entry["cells"][label] = (table.header_of("points"), self.cell(cells, "points"), row_no)
                else:
                    for c, header in table.extra.items():
                        entry["cells"][header] = (header, cells[c] if c < len(cells) else None, row_no)
            except _Reject as r:
                rejections.append(Rejection(row_no, r.column, shown(r.value), r.key, r.values))
                continue
        if not long_form:
            for key in order:
                if len(unit_rows[key]) > 1:
                    bad.add(key)
                    for row_no in unit_rows[key]:
                        others = ", ".join(str(r) for r in unit_rows[key] if r != row_no)
                        rejections.append(Rejection(row_no, table.header_of("unit"), key[1], "imp_rej_duplicate_unit",
                                                    {"rows": others}))
        years = sorted({y for y, _ in order})
        criteria_rows: list[dict[str, Any]] = []
        matchers: dict[int, dict[str, dict[str, Any]]] = {}
        headers_for_max = {table.headers[c]: m for c, m in max_row.items()}
        for y in years:
            frame, exists = self.frame_for(y)
            labels = sorted({label for (yy, _), e in units.items() if yy == y for label in e["cells"]})
            mapping, crit_rows = self.criteria_for(y, frame, exists, labels, headers_for_max)
            matchers[y] = mapping
            criteria_rows.extend(crit_rows)
        records = []
        for key in order:
            if key in bad:
                continue
            y, unit = key
            entry = units[key]
            mapping = matchers[y]
            needed = {c["code"]: c for c in self.year_criteria(y, criteria_rows)}
            points: dict[str, float] = {}
            try:
                for label, (header, value, _) in entry["cells"].items():
                    crit = mapping.get(label)
                    if crit is None:
                        if long_form:
                            raise _Reject(table.header_of("criterion"), label, "imp_rej_unknown_criterion")
                        continue  # a wide sheet's column that names no criterion: reported as ignored
                    if isinstance(value, str) and value.startswith("="):
                        raise _Reject(header, value, "imp_rej_formula_text")
                    try:
                        number = parse_number(value)
                    except CellError as exc:
                        raise _Reject(header, value, exc.key) from None
                    if number is None:
                        raise _Reject(header, None, "imp_rej_missing")
                    if number < 0 or number > needed[crit["code"]]["max_points"] + 1e-9:
                        raise _Reject(header, value, "imp_rej_points_range",
                                      max=_fmt_points(needed[crit["code"]]["max_points"]))
                    points[crit["code"]] = round(number, 2)
                missing = [c["name"] for code, c in needed.items() if code not in points]
                if missing:
                    raise _Reject(table.header_of("unit"), unit, "imp_rej_criteria_incomplete", missing=", ".join(missing))
            except _Reject as r:
                for row_no in entry["rows"]:
                    rejections.append(Rejection(row_no, r.column, shown(r.value), r.key, r.values))
                continue
            for code, value in points.items():
                records.append(dict(year=y, unit_code=unit, criterion_code=code, points=value, _row=entry["rows"][0]))
        frame = pd.DataFrame(records, columns=["year", "unit_code", "criterion_code", "points", "_row"])
        ignored = [table.headers[c] for c in table.extra if all(table.headers[c] not in m for m in matchers.values())]
        table.ignored.extend(ignored)
        plan = Plan("scores", table, frame, {"points"}, rejections, criteria=criteria_rows,
                    skipped_rows=getattr(self, "skipped", 0), year=years[0] if len(years) == 1 else None)
        return plan

    def year_criteria(self, year: int, criteria_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        written = {c["code"]: c for c in criteria_rows if c["year"] == year}
        if year in self.ref.criteria:
            return [written.get(c["code"], c) for c in self.ref.criteria[year]]
        return list(written.values())

    def criteria_for(self, year: int, frame: list[dict[str, Any]], exists: bool, labels: list[str],
                     max_by_header: dict[str, float]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
        """Label (header or criterion cell) -> criterion, and the criteria rows to write for ``year``."""
        by_key: dict[str, dict[str, Any]] = {}
        for c in frame:
            by_key[fold(c["name"])] = c
            by_key[fold(c["code"])] = c
        ordered = sorted(frame, key=lambda c: _natural(c["code"]))
        mapping: dict[str, dict[str, Any]] = {}
        for label in labels:
            key = criterion_key(label, set(by_key))
            crit = by_key.get(key) if key else None
            if crit is None:
                number = _label_number(label)
                if number is not None and 1 <= number <= len(ordered):
                    crit = ordered[number - 1]
            if crit is not None:
                if crit["code"] in {m["code"] for m in mapping.values()}:
                    raise ImportFileError("imp_err_criterion_twice", column=label)
                mapping[label] = crit
        rows: list[dict[str, Any]] = []
        if not frame:
            # no criteria anywhere: the sheet defines them, with its row of maximum points
            for n, label in enumerate(labels, start=1):
                if label not in max_by_header:
                    raise ImportFileError("imp_err_no_criteria")
                crit = dict(code=f"c{n}", name=_strip_number(label), max_points=max_by_header[label], is_demo=False)
                mapping[label] = crit
                rows.append(dict(year=year, **crit))
            return mapping, rows
        if not mapping:
            raise ImportFileError("imp_err_no_criteria")
        if exists:
            missing = [c["name"] for c in frame if c["code"] not in {m["code"] for m in mapping.values()}]
            if missing:
                raise ImportFileError("imp_err_criteria_missing", missing=", ".join(missing))
        for label, crit in mapping.items():
            new_max = max_by_header.get(label)
            if not exists or (new_max is not None and abs(new_max - crit["max_points"]) > 1e-9):
                rows.append(dict(year=year, code=crit["code"], name=crit["name"],
                                 max_points=new_max if new_max is not None else crit["max_points"],
                                 is_demo=crit["is_demo"] if new_max is None else False))
        return mapping, rows


def _natural(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def _label_number(label: str) -> int | None:
    m = re.match(r"^(?:linh vuc|tieu chi|tc|lv|muc|phan)?\s*([ivx]+|\d{1,2})(?:\s|$)", fold(label))
    if not m:
        return None
    token = m.group(1)
    return int(token) if token.isdigit() else _ROMAN.get(token)


def _strip_number(label: str) -> str:
    return re.sub(r"^\s*(?:[IVXivx]+|\d{1,2})\s*[.):\-]\s*", "", label).strip() or label


def _fmt_points(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# -- procedure catalogues ------------------------------------------------------------------


class _ProcedureValidator(_Rows):
    def __init__(self, table: Table, ref: Reference, today: date):
        super().__init__(table)
        self.ref, self.today = ref, today
        self.field_by_key = {fold(name): code for code, name in ref.fields.items()}
        self.field_by_key.update({fold(code): code for code in ref.fields})
        self.new_fields: dict[str, str] = {}
        title = " ".join(table.title + [table.sheet])
        try:
            self.default_level = parse_level(title) if title.strip() else None
        except CellError:
            self.default_level = None

    def run(self) -> Plan:
        cols = self.table.columns
        rows = list(self.data_rows())
        code_rows: dict[str, list[int]] = defaultdict(list)
        for row_no, cells in rows:
            try:
                code = parse_code(self.cell(cells, "procedure_code"), True)
            except CellError:
                continue
            if code:
                code_rows[code].append(row_no)
        records, rejections, events = [], [], []
        for row_no, cells in rows:
            try:
                record, event = self.row(row_no, cells, code_rows)
            except _Reject as r:
                rejections.append(Rejection(row_no, r.column, shown(r.value), r.key, r.values))
                continue
            records.append(record)
            if event:
                events.append(event)
        frame = pd.DataFrame(records, columns=PROCEDURE_COLUMNS + ["_row"])
        present = {"procedure_code"} | {name for name, col in (
            ("name", "procedure_name"), ("field_code", "field_name"), ("level", "level"),
            ("processing_days", "processing_days"), ("online_level", "online_level")) if col in cols}
        if self.default_level and "level" not in cols:
            present.add("level")
        used = set(frame["field_code"])
        plan = Plan("procedures", self.table, frame, present, rejections,
                    new_fields={k: v for k, v in self.new_fields.items() if k in used}, events=events,
                    skipped_rows=getattr(self, "skipped", 0))
        return plan

    def row(self, row_no: int, cells: list[Any], code_rows: dict[str, list[int]]):
        self.check_formulas(row_no)
        cols = self.table.columns
        code = self.parse(cells, "procedure_code", parse_code, True)
        if not code:
            raise _Reject(self.table.header_of("procedure_code"), None, "imp_rej_missing")
        if len(code_rows.get(code, ())) > 1:
            others = ", ".join(str(r) for r in code_rows[code] if r != row_no)
            raise _Reject(self.table.header_of("procedure_code"), code, "imp_rej_duplicate_code", rows=others)
        existing = self.ref.procedures.get(code)
        name = self.parse(cells, "procedure_name", parse_text)
        field_name = self.parse(cells, "field_name", parse_text) if "field_name" in cols else None
        level = self.parse(cells, "level", parse_level) if "level" in cols else None
        level = level or self.default_level
        days = self.parse(cells, "processing_days", parse_days) if "processing_days" in cols else None
        online = self.parse(cells, "online_level", parse_online_level) if "online_level" in cols else None
        field_code = self.field_code(field_name) if field_name else None
        if existing is None:
            for value, column in ((name, "procedure_name"), (field_code, "field_name"), (level, "level")):
                if value is None:
                    header = self.table.header_of(column) if column in cols else self.table.header_of("procedure_code")
                    raise _Reject(header, code if column not in cols else None, "imp_rej_new_procedure_incomplete")
        record = dict(procedure_code=code, name=name, field_code=field_code, level=level, processing_days=days,
                      online_level=online, _row=row_no)
        event = None
        if "effective_date" in cols:
            parsed = self.parse(cells, "effective_date", parse_datetime)
            if parsed is not None:
                effective = parsed[0]
                if effective < EARLIEST:
                    raise _Reject(self.table.header_of("effective_date"), self.cell(cells, "effective_date"),
                                  "imp_rej_bad_date")
                kind = self.parse(cells, "event", parse_event) if "event" in cols else None
                kind = kind or ("published" if existing is None else "amended")
                decision = self.parse(cells, "decision", parse_text) if "decision" in cols else None
                event = (code, effective, kind, decision)
        return record, event

    def field_code(self, name: str) -> str:
        key = fold(name)
        if key in self.field_by_key:
            return self.field_by_key[key]
        code = slug(name)
        taken = set(self.ref.fields) | set(self.new_fields)
        base, n = code, 2
        while code in taken:
            code, n = f"{base}-{n}", n + 1
        self.new_fields[code] = name
        self.field_by_key[key] = code
        return code
