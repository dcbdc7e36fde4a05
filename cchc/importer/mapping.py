"""Cell values -> database values: dates, states, channels, numbers, codes (units: units.py).

Each parser returns the value, or raises :class:`CellError` with a label key that says in
words what is wrong with the cell; the validator turns that into a rejected row.
"""

from __future__ import annotations

import csv
import functools
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cchc.importer.columns import fold, fold_keep_parens

EXCEL_EPOCH = datetime(1899, 12, 30)
EARLIEST = date(2000, 1, 1)
# Excel serial numbers from 2000-01-01 to 2099-12-31
SERIAL_MIN, SERIAL_MAX = 36526, 73415


class CellError(ValueError):
    """A cell that cannot be read; ``key`` is a label, ``values`` fill it."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key = key
        self.values = values


# -- dates ---------------------------------------------------------------------------------

_DMY = re.compile(
    r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
    r"(?:[\sT,]+(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*[:p']\s*(\d{2})(?:[.,]\d+)?)?\s*(am|pm|sa|ch|s|c)?'?)?$",
    re.IGNORECASE,
)
_TIME_FIRST = re.compile(
    r"^(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*(am|pm|sa|ch)?[\s,\-]+(?:ngay\s+|ngày\s+)?"
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_SERIAL_TEXT = re.compile(r"^\d{5}(?:[.,]\d+)?$")


def _hour(h: int, marker: str | None) -> int:
    marker = (marker or "").lower()
    if marker in ("pm", "ch", "c") and h < 12:
        return h + 12
    if marker in ("am", "sa", "s") and h == 12:
        return 0
    return h


def _build(
    y: int, m: int, d: int, hh: int | None = None, mm: int | None = None, ss: int | None = None
) -> tuple[date, time | None]:
    try:
        day = date(y, m, d)
        moment = time(hh, mm or 0, ss or 0) if hh is not None else None
    except ValueError:
        # the user sees which cell holds an impossible date; the ValueError adds nothing
        raise CellError("imp_rej_bad_date") from None
    return day, moment


def parse_datetime(value: Any) -> tuple[date, time | None] | None:
    """A date (and the time of day when there is one) from a cell; None for an empty cell.

    Accepts Excel date cells, Excel serial numbers, and text as dd/mm/yyyy (with '/', '-'
    or '.'), with or without a time before or after it, or ISO yyyy-mm-dd.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value.time()
        return value.date(), (moment if moment != time(0) else None)
    if isinstance(value, date):
        return value, None
    if isinstance(value, bool):
        raise CellError("imp_rej_bad_date")
    if isinstance(value, (int, float)):
        return _from_serial(float(value))
    if isinstance(value, (time, timedelta)):
        raise CellError("imp_rej_bad_date")
    text = " ".join(str(value).split())
    m = _DMY.match(text)
    if m:
        d, mo, y, hh, mi, ss, marker = m.groups()
        hour = _hour(int(hh), marker) if hh is not None else None
        return _build(int(y), int(mo), int(d), hour, int(mi) if mi else None, int(ss) if ss else None)
    m = _TIME_FIRST.match(text)
    if m:
        hh, mi, ss, marker, d, mo, y = m.groups()
        return _build(int(y), int(mo), int(d), _hour(int(hh), marker), int(mi), int(ss) if ss else None)
    m = _ISO.match(text)
    if m:
        y, mo, d, hh, mi, ss = m.groups()
        return _build(int(y), int(mo), int(d), int(hh) if hh else None, int(mi) if mi else None, int(ss) if ss else None)
    if _SERIAL_TEXT.match(text):
        return _from_serial(float(text.replace(",", ".")))
    raise CellError("imp_rej_bad_date")


def _from_serial(serial: float) -> tuple[date, time | None]:
    if not (SERIAL_MIN <= serial <= SERIAL_MAX):
        raise CellError("imp_rej_bad_date")
    moment = EXCEL_EPOCH + timedelta(days=serial)
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)  # round to the second
    clock = moment.time()
    return moment.date(), (clock if clock != time(0) else None)


# -- states --------------------------------------------------------------------------------

# Phrases found in the state column, most specific first; (phrase, state code). None as the
# code: the text says how timely the dossier is, not its state ("Quá hạn", "Đúng hạn"): the
# state then follows from the dates.
_STATE_PHRASES: list[tuple[str, int | None]] = [
    ("khong duoc tiep nhan", 3), ("khong tiep nhan", 3), ("tu choi", 3),
    ("rut ho so", 7), ("yeu cau rut", 7), ("da rut", 7), ("xin rut", 7), ("rut", 7),
    ("nghia vu tai chinh", 6), ("cho nop phi", 6), ("cho thanh toan", 6), ("cho nop le phi", 6),
    ("da bo sung", 4),
    ("yeu cau bo sung", 5), ("cho bo sung", 5), ("bo sung ho so", 5), ("ycbs", 5), ("bo sung", 5),
    ("dung xu ly", 8), ("tam dung", 8), ("dung giai quyet", 8),
    ("cho tra", 9),
    ("da tra ket qua", 10), ("da tra kq", 10), ("tra ket qua", 10), ("da tra", 10), ("da nhan ket qua", 10),
    ("da xu ly xong", 9), ("xu ly xong", 9), ("da giai quyet", 9), ("hoan thanh", 9), ("da co ket qua", 9),
    ("da xu ly", 9), ("co ket qua", 9), ("da hoan thanh", 9),
    ("dang xu ly", 4), ("dang giai quyet", 4), ("dang thu ly", 4), ("dang thuc hien", 4), ("cho xu ly", 4),
    ("chuyen xu ly", 4), ("dang trinh", 4), ("cho phe duyet", 4), ("cho ky", 4), ("trinh ky", 4),
    ("dang tham dinh", 4), ("xu ly", 4),
    ("duoc tiep nhan", 2), ("da tiep nhan", 2), ("moi tiep nhan", 2), ("tiep nhan", 2),
    ("moi dang ky", 1), ("dang ky moi", 1), ("cho tiep nhan", 1), ("moi nop", 1),
    ("qua han", None), ("tre han", None), ("dung han", None), ("truoc han", None), ("trong han", None),
    ("sap den han", None), ("sap het han", None), ("con han", None),
]


# Status words the user can extend: data/status_words.csv (word, state, source), read at
# import (again when the file changes). A cell equal to a word (folded) takes its state
# before the phrases above are tried; OpenCPS's English statuses are listed there.
STATUS_WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "status_words.csv"
_status_words: dict[str, int | None] = {}
_status_words_version: tuple[str, float] | None = None


def load_status_words(path: Path | None = None) -> dict[str, int | None]:
    """The user's status words (folded word -> state 1–10, or None for a timeliness word),
    reloaded when the file changed; a bad line refuses the import with its line number."""
    global _status_words, _status_words_version
    path = Path(path or STATUS_WORDS_FILE)
    try:
        version = (str(path), path.stat().st_mtime)
    except OSError:
        version = (str(path), -1.0)
    if version == _status_words_version:
        return _status_words
    words: dict[str, int | None] = {}
    if version[1] >= 0:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                word, state = fold_keep_parens(row.get("word")), (row.get("state") or "").strip()
                if not word:
                    continue
                if state and not (state.isdigit() and 1 <= int(state) <= 10):
                    from cchc.importer.errors import ImportFileError

                    raise ImportFileError("imp_err_status_words", file=path.name, line=number, value=state)
                words[word] = int(state) if state else None
    _status_words, _status_words_version = words, version
    parse_state.cache_clear()
    return words


@functools.lru_cache(maxsize=4096, typed=True)
def parse_state(value: Any) -> int | None:
    """The state code of a state cell (1–10), or None when the cell is empty or only says
    how timely the dossier is; raises :class:`CellError` for text it does not know."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 10:
            return int(value)
        raise CellError("imp_rej_bad_state")
    key = fold_keep_parens(value)
    if key.isdigit() and 1 <= int(key) <= 10:
        return int(key)
    if key in _status_words:
        return _status_words[key]
    padded = f" {key} "
    for phrase, code in _STATE_PHRASES:
        if f" {phrase} " in padded:
            return code
    raise CellError("imp_rej_bad_state")


# -- channels ------------------------------------------------------------------------------

_CHANNELS = [
    ("buu chinh", "postal"), ("buu dien", "postal"), ("bcci", "postal"), ("qua buu", "postal"),
    ("truc tuyen", "online"), ("qua mang", "online"), ("online", "online"), ("dvc", "online"),
    ("dich vu cong", "online"), ("cong dich vu", "online"), ("internet", "online"), ("dien tu", "online"),
    ("truc tiep", "in_person"), ("tai quay", "in_person"), ("tai bo phan", "in_person"), ("mot cua", "in_person"),
    ("nop tai", "in_person"),
]
_CHANNEL_CODES = {"1": "in_person", "2": "online", "3": "postal"}


@functools.lru_cache(maxsize=4096, typed=True)
def parse_channel(value: Any) -> str | None:
    """'in_person', 'online' or 'postal' from a channel cell; None when empty."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    key = fold_keep_parens(value)
    if key in _CHANNEL_CODES:
        return _CHANNEL_CODES[key]
    padded = f" {key} "
    for phrase, channel in _CHANNELS:
        if f" {phrase} " in padded:
            return channel
    raise CellError("imp_rej_bad_channel")


# -- codes, text and numbers ---------------------------------------------------------------


# Formula injection (CSV/DDE): a value that a spreadsheet would run when the data is exported
# and opened again. '=', '+', '@' start a formula; '-' does too when a number, a bracket, a
# sign or an operator follows ("-2+3+cmd|' /C calc'!A0"); a leading tab or CR is whitespace
# and stripped before the check, so it cannot hide one. A plain negative number is a value;
# a dash before words ("- Đăng ký khai sinh", a bullet) is dropped, neutralising it.
_FORMULA_START = ("=", "+", "@")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")
_DASH_FORMULA = re.compile(r"-\s*[\d(=+\-@\"'.,]|-.*[=+*^&|!@;]")


def guard_formula(text: str) -> str:
    """``text`` (whitespace already normalised) if it is safe to store, the text without a
    leading bullet dash, or :class:`CellError` when a spreadsheet would run it as a formula."""
    if text.startswith(_FORMULA_START):
        raise CellError("imp_rej_formula_text")
    if text.startswith("-") and not _NEGATIVE_NUMBER.fullmatch(text):
        if _DASH_FORMULA.match(text):
            raise CellError("imp_rej_formula_dash")
        text = text.lstrip("- ")
    return text


def parse_code(value: Any, procedure: bool = False) -> str | None:
    """A code as text: numbers lose their '.0'; a numeric procedure code keeps its national
    six decimals (1.000578 typed as a number); a cell starting with '=' is refused."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("imp_rej_bad_code")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        if procedure and 0 < value < 100:
            return f"{value:.6f}"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (date, time, timedelta)):
        raise CellError("imp_rej_bad_code")
    text = guard_formula(" ".join(str(value).split()))
    if len(text) > 100:
        raise CellError("imp_rej_too_long")
    return text or None


def parse_text(value: Any, limit: int = 500) -> str | None:
    """Free text (a procedure or field name); formulas refused, length limited."""
    if value is None:
        return None
    text = guard_formula(" ".join(str(value).split()))
    if len(text) > limit:
        raise CellError("imp_rej_too_long")
    return text or None


def parse_number(value: Any) -> float | None:
    """A number from a number cell or text ('8,5', '8.5', ' 9 '); None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("imp_rej_bad_number")
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("imp_rej_bad_number")
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    raise CellError("imp_rej_bad_number")


def parse_count(value: Any) -> int | None:
    """A small non-negative whole number (supplement count)."""
    number = parse_number(value)
    if number is None:
        return None
    if not number.is_integer() or not 0 <= number <= 100:
        raise CellError("imp_rej_bad_number")
    return int(number)


_DAYS = re.compile(r"(\d{1,3})")


def parse_days(value: Any) -> int | None:
    """Statutory working days from '10', '10 ngày làm việc', 'Không quá 15 ngày', 'Trong ngày'."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value <= 999:
            return int(value)
        raise CellError("imp_rej_bad_days")
    key = fold_keep_parens(value)
    m = _DAYS.search(key)
    if m:
        return int(m.group(1))
    if "trong ngay" in key or "ngay lam viec" == key or "ngay" == key:
        return 0
    raise CellError("imp_rej_bad_days")


def parse_level(value: Any) -> str | None:
    """'district' or 'commune' from 'Cấp huyện', 'Cấp xã', 'UBND cấp xã', 'Thị xã'..."""
    if value is None:
        return None
    key = f" {fold_keep_parens(value)} "
    if any(w in key for w in (" xa ", " phuong ", " thi tran ", " commune ")) and not any(
        w in key for w in (" huyen ", " thi xa ", " quan ", " thanh pho ", " district ")
    ):
        return "commune"
    if any(w in key for w in (" huyen ", " thi xa ", " quan ", " thanh pho ", " district ")):
        return "district"
    raise CellError("imp_rej_bad_level")


def parse_online_level(value: Any) -> str | None:
    """'1'–'4', 'full' or 'partial' from 'Mức độ 3', '4', 'Toàn trình', 'Một phần'; None when
    the procedure has no online service ('Không', empty)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 4:
            return str(int(value))
        raise CellError("imp_rej_bad_online_level")
    key = fold_keep_parens(value)
    if "toan trinh" in key:
        return "full"
    if "mot phan" in key:
        return "partial"
    m = re.search(r"\b([1-4])\b", key)
    if m:
        return m.group(1)
    if key in ("khong", "chua", "khong co", "x", "0"):
        return None
    raise CellError("imp_rej_bad_online_level")


_EVENTS = [("bai bo", "abolished"), ("huy bo", "abolished"), ("sua doi", "amended"), ("bo sung", "amended"),
           ("thay the", "amended"), ("ban hanh moi", "published"), ("cong bo moi", "published"),
           ("moi", "published"), ("cong bo", "published")]


def parse_event(value: Any) -> str | None:
    """'published', 'amended' or 'abolished' from 'Ban hành mới', 'Sửa đổi, bổ sung', 'Bãi bỏ'."""
    if value is None:
        return None
    key = f" {fold_keep_parens(value)} "
    for phrase, event in _EVENTS:
        if f" {phrase} " in key:
            return event
    raise CellError("imp_rej_bad_event")


# -- slugs ---------------------------------------------------------------------------------


def slug(text: str) -> str:
    """A readable code from a name: 'Đất đai' -> 'dat-dai'."""
    return "-".join(fold(text).split())[:60] or "khac"
