"""Units as import files name them -> the desks of table ``units``, on the row's date.

One resolver for every import that names a unit: dossier logs, aggregate reports, PAR score
sheets and the Decision 766 inputs (docs/import.md, "Units"). A cell is matched, in this
order, by

1. official code (mã đơn vị hành chính, '09574'; a number cell or digits, leading zeros
   restored as Excel strips them: 9574 -> '09574');
2. unit ID code (mã định danh, 'H15.50.05.13', '000.00.22.H15');
3. slug or name, old or new, regardless of case, diacritics and prefixes ('UBND', 'Phường',
   'Xã', 'Thị trấn', 'Đặc khu', 'Bộ phận một cửa', 'Trung tâm Phục vụ hành chính công').

The first way that finds a unit decides. A code or name can belong to several units over
time (the official code 09574 was phường Ngô Quyền until 30/06/2025 and is phường Sơn Tây
since; "Sơn Tây" names the town's desk before and the ward after), so the units found are
narrowed to those valid on the row's date. A unit found but not valid on that date is an
error naming the unit, since when it ended and its successors from ``unit_lineage``.

Dossier codes of one-stop systems carry their unit and date: ``{unit ID code}-{yyMMdd}-
{sequence}`` (:func:`parse_dossier_code`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from cchc.importer.columns import fold
from cchc.importer.mapping import CellError

# -- dossier codes -------------------------------------------------------------------------


class DossierCode(NamedTuple):
    """The parts of a dossier code ``{unit}-{yyMMdd}-{sequence}``."""

    unit: str          # the unit ID code as written ('H15.50.05.13', '000.00.22.H15')
    day: date          # the day the code was made (reception, or submission when online)
    sequence: str      # the day's running number ('0975')


# The unit part: anything without blanks holding a letter or digit (ID codes have dots; the
# slugs some exports use have hyphens, 'le-loi-180205-0001'); then six digits and a number.
_DOSSIER_CODE = re.compile(r"^(\S*?[0-9A-Za-z]\S*?)-(\d{2})(\d{2})(\d{2})-(\d{1,8})$")


def parse_dossier_code(code: Any) -> DossierCode | None:
    """The unit, day and sequence of a dossier code ('H15.50.05.13-261008-0975' -> unit
    'H15.50.05.13', 8 Oct 2026, '0975'; the older '000.00.22.H15-180105-0001' likewise);
    None for any other shape or an impossible date."""
    if not isinstance(code, str):
        return None
    m = _DOSSIER_CODE.match(code.strip())
    if not m:
        return None
    try:
        return DossierCode(m[1], date(2000 + int(m[2]), int(m[3]), int(m[4])), m[5])
    except ValueError:
        return None


# -- unit names ----------------------------------------------------------------------------

_UNIT_PREFIXES = [
    "uy ban nhan dan", "ubnd", "bo phan tiep nhan va tra ket qua", "bo phan mot cua", "bp mot cua",
    "bo phan tn tkq", "bo phan tn va tkq", "mot cua", "tn tkq", "trung tam phuc vu hanh chinh cong",
    "trung tam hanh chinh cong",
]
_KIND_PREFIXES = ["thi tran", "thi xa", "thanh pho", "dac khu", "phuong", "xa", "quan", "huyen", "tp", "p", "x"]


def _strip_prefixes(key: str, prefixes: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if key.startswith(p + " "):
                key = key[len(p) + 1 :]
                changed = True
    return key


def unit_keys(text: str) -> list[str]:
    """Folded keys of a unit name, most specific first: with its kind, then without."""
    key = _strip_prefixes(fold(text), _UNIT_PREFIXES)
    keys = [key]
    bare = _strip_prefixes(key, _KIND_PREFIXES)
    if bare and bare != key:
        keys.append(bare)
    return [k for k in keys if k]


# -- the resolver --------------------------------------------------------------------------


class Unit(NamedTuple):
    """A desk of table units, with what an import file may name it by and when it is valid."""

    code: str
    name: str
    short_name: str
    kind: str
    official_code: str | None = None
    id_code: str | None = None
    valid_from: date | None = None   # None: since before the data
    valid_to: date | None = None     # None: still exists

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the unit exists on some day of [first, last]."""
        return (self.valid_from is None or self.valid_from <= last) and (self.valid_to is None or first <= self.valid_to)


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def join_names(names: list[str]) -> str:
    """'A', 'A và B', 'A, B và C': names as a Vietnamese sentence lists them."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _official_digits(value: Any) -> str | None:
    """The digits of a cell that can only be an official code (a whole number, or text of
    digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    text = str(value).strip()
    return text if text.isdigit() else None


class UnitMatcher:
    """The one unit resolver of the importer (module docstring): a cell and the row's date
    -> a unit code of table units, or :class:`CellError` saying why not."""

    def __init__(self, units: Iterable[tuple], lineage: Iterable[tuple[str, str | None, bool]] = ()):
        """``units``: (unit_code, name, short_name, kind[, official_code, id_code, valid_from,
        valid_to]); ``lineage``: (old_unit_code, new_unit_code, is_default) of unit_lineage."""
        self._units: dict[str, Unit] = {}
        self._keys: dict[str, set[str]] = {}
        self._official: dict[str, set[str]] = {}
        self._ids: dict[str, set[str]] = {}
        self._seen: dict[str, tuple[str, ...]] = {}
        for row in units:
            unit = Unit(*row)
            self._units[unit.code] = unit
            for text in (unit.name, unit.short_name, unit.code.replace("-", " "), unit.code):
                for key in unit_keys(text):
                    self._keys.setdefault(key, set()).add(unit.code)
            if unit.official_code:
                self._official.setdefault(unit.official_code.lstrip("0"), set()).add(unit.code)
            if unit.id_code and fold(unit.id_code):
                self._ids.setdefault(fold(unit.id_code), set()).add(unit.code)
        self._successors: dict[str, list[str]] = {}
        # the default successor (where the old unit's history goes) first, then by code
        for old, new, _default in sorted(lineage, key=lambda r: (not r[2], str(r[1]))):
            if new and new in self._units and new not in self._successors.get(old, []):
                self._successors.setdefault(old, []).append(new)

    @property
    def has_id_codes(self) -> bool:
        """Whether any unit has a unit ID code (mã định danh)."""
        return bool(self._ids)

    def match(self, value: Any, first: date | None = None, last: date | None = None) -> str:
        """The unit code of a cell on the day ``first`` (or the period [first, last]); raises
        :class:`CellError` when no unit, several units or only a unit not valid then fits.
        Without a date the name must fit one unit."""
        return self._resolve(value, first, last or first)

    def candidates(self, value: Any) -> tuple[str, ...]:
        """The units a cell may name, at any time: by official code, else ID code, else name
        (sorted; remembered per cell text, as a file names the same units over and over)."""
        key = value if isinstance(value, str) else repr(value)
        found = self._seen.get(key)
        if found is None:
            found = tuple(sorted(self._candidates(value)))
            if len(self._seen) < 100_000:
                self._seen[key] = found
        return found

    def _candidates(self, value: Any) -> set[str]:
        digits = _official_digits(value)
        if digits is not None:
            # '9574' (a number cell that lost its zero) is '09574'; an exact code comes first
            found = {c for c in self._official.get(digits.lstrip("0"), set())
                     if len(digits) <= len(self._units[c].official_code)}
            exact = {c for c in found if self._units[c].official_code == digits}
            if exact or found:
                return exact or found
        folded = fold(value)
        if folded in self._ids:
            return set(self._ids[folded])
        for key in unit_keys(str(value)):
            if key in self._keys:
                return set(self._keys[key])
        return set()

    def _resolve(self, value: Any, first: date | None, last: date | None) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise CellError("imp_rej_missing")
        found = list(self.candidates(value))
        if not found:
            raise CellError("imp_rej_unknown_unit")
        if first is not None and last is not None:
            valid = [c for c in found if self._units[c].overlaps(first, last)]
            if len(valid) > 1 and first != last:
                # a period across a reorganisation: the unit valid at its end
                valid = [c for c in valid if self._units[c].overlaps(last, last)] or valid
            if not valid and len(found) == 1:
                raise self.outside(found[0], first, last)
            found = valid or found
        if len(found) == 1:
            return found[0]
        # two units may share a name ("Phường Lê Lợi" of two towns): the codes tell them apart
        raise CellError("imp_rej_unit_ambiguous", units=join_names([f"{self._units[c].name} ({c})" for c in found]))

    def check(self, code: str, first: date, last: date | None = None) -> None:
        """Raise the error of :meth:`outside` when unit ``code`` is not valid on ``first``
        (or at any time of [first, last]); a unit title rows name is checked so."""
        unit = self._units.get(code)
        if unit is not None and not unit.overlaps(first, last or first):
            raise self.outside(code, first, last or first)

    def outside(self, code: str, first: date, last: date) -> CellError:
        """Why unit ``code`` cannot take a row of [first, last]: it ended before (naming its
        successors when unit_lineage has them) or began after."""
        unit = self._units[code]
        names = [self._units[s].name for s in self._successors.get(code, [])]
        values = dict(unit=unit.name, received=_dmy(first), start=_dmy(unit.valid_from), end=_dmy(unit.valid_to),
                      valid=f"{_dmy(unit.valid_from)} – {_dmy(unit.valid_to)}".strip(),
                      successors=join_names(names) if names else "—")
        if unit.valid_to is not None and first > unit.valid_to:
            values["since"] = _dmy(unit.valid_to + timedelta(days=1))
            return CellError("imp_rej_unit_ended" if names else "imp_rej_unit_closed", **values)
        return CellError("imp_rej_unit_not_yet", **values)

    def find_in(self, texts: Iterable[str]) -> str | None:
        """The one unit named in title rows ('SỔ THEO DÕI HỒ SƠ - UBND PHƯỜNG LÊ LỢI'), if exactly one."""
        found: set[str] = set()
        for text in texts:
            padded = f" {fold(text)} "
            for key, codes in self._keys.items():
                if len(codes) == 1 and len(key) >= 4 and f" {key} " in padded:
                    found |= codes
        if len(found) > 1:
            # "UBND PHƯỜNG LÊ LỢI - THỊ XÃ SƠN TÂY": the commune/ward, not the town it belongs to
            found = {code for code in found if self.kind(code) != "town"}
        return next(iter(found)) if len(found) == 1 else None

    def kind(self, code: str) -> str | None:
        """The kind of a unit ('town', 'ward', 'commune')."""
        unit = self._units.get(code)
        return unit.kind if unit else None


def load_units(con) -> tuple[list[Unit], list[tuple[str, str | None, bool]]]:
    """The units and their lineage through a DuckDB connection (queries/import_units.sql,
    import_unit_lineage.sql). A file written before official codes, ID codes or the lineage
    existed is read with those empty: the start-up adds them when it next writes the file."""
    from cchc.store.db import query_text

    cur = con.execute(query_text("import_units"))
    names = [d[0] for d in cur.description]
    fields = ["unit_code", *Unit._fields[1:]]
    units = [Unit(*(row.get(f) for f in fields)) for row in (dict(zip(names, r)) for r in cur.fetchall())]
    lineage: list[tuple[str, str | None, bool]] = []
    if con.execute("select count(*) from duckdb_tables() where table_name = 'unit_lineage' "
                   "and database_name = current_database()").fetchall()[0][0]:
        lineage = [tuple(r) for r in con.execute(query_text("import_unit_lineage")).fetchall()]
    return units, lineage
