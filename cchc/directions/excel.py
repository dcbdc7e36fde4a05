"""Reading a meeting's directions from the office's Excel list.

Columns (first sheet, header row anywhere in the first ten rows, names as the office writes
them, case and accents as typed): Nội dung, Đơn vị thực hiện, Thời hạn, Trạng thái.
Thời hạn is a date cell or dd/mm/yyyy text; Trạng thái is "Đã hoàn thành" (or "Hoàn
thành", "done") or anything meaning not done yet ("Đang thực hiện", "Chưa hoàn thành",
"Quá hạn", empty): late is computed, never read.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import pandas as pd

from cchc.directions.model import DONE, OPEN, Direction

COLUMNS = {"content": "Nội dung", "units": "Đơn vị thực hiện", "deadline": "Thời hạn", "status": "Trạng thái"}
DONE_WORDS = {"da hoan thanh", "hoan thanh", "xong", "done", "completed"}
OPEN_WORDS = {"", "dang thuc hien", "chua hoan thanh", "qua han", "tre han", "open", "late"}


class DirectionsFileError(ValueError):
    """A list that cannot be read, with a sentence saying why (shown as is)."""


def _fold(text) -> str:
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").lower().split())


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()


def _deadline(value, row: int) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DirectionsFileError(f"Dòng {row}: thời hạn «{text}» không phải ngày (dd/mm/yyyy).")


def _status(value, row: int) -> str:
    word = "" if _blank(value) else _fold(value)
    if word in DONE_WORDS:
        return DONE
    if word in OPEN_WORDS:
        return OPEN
    raise DirectionsFileError(f"Dòng {row}: trạng thái «{value}» không rõ (Đang thực hiện hoặc Đã hoàn thành).")


def read_directions(data: bytes) -> list[Direction]:
    """The directions of an .xlsx list, in its order; raises :class:`DirectionsFileError`."""
    try:
        grid = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # any unreadable file is one message, never a traceback
        raise DirectionsFileError(f"Không đọc được tệp Excel: {exc}") from exc
    wanted = {_fold(v): k for k, v in COLUMNS.items()}
    for head in range(min(10, len(grid))):
        names = {_fold(v): j for j, v in enumerate(grid.iloc[head]) if _fold(v) in wanted}
        if {wanted[n] for n in names} >= {"content"}:
            break
    else:
        raise DirectionsFileError("Không thấy cột «Nội dung» trong mười dòng đầu của trang tính đầu tiên.")
    cols = {wanted[n]: j for n, j in names.items()}
    out = []
    for i in range(head + 1, len(grid)):
        row = grid.iloc[i]
        cell = lambda key, row=row: row.iloc[cols[key]] if key in cols else None  # noqa: E731
        content = cell("content")
        if _blank(content):
            continue
        excel_row = i + 1
        out.append(Direction(str(content).strip(), "" if _blank(cell("units")) else str(cell("units")).strip(),
                             _deadline(cell("deadline"), excel_row), _status(cell("status"), excel_row)))
    if not out:
        raise DirectionsFileError("Tệp không có kết luận nào dưới dòng tiêu đề.")
    return out
