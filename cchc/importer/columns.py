"""Header aliases and header-row detection.

Headers are compared folded: without diacritics (đ -> d), lower case, punctuation and
line breaks as single spaces, text in parentheses dropped ("Ngày tiếp nhận (dd/mm/yyyy)").
A header matches a field when it equals one of the field's aliases, or else starts with the
longest alias that begins it. Personal columns (names, addresses, phones, e-mail, identity
numbers) are recognised by keywords and dropped: their cells are never read again.

The header row is found, not assumed: among the first rows of each sheet (merged cells
already filled), alone or joined with the row below for two-level headers, the row that
names the most fields of the kind wins.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cchc.importer.errors import ImportFileError
from cchc.importer.readers import Grid

HEADER_SCAN_ROWS = 40
KINDS = ("dossiers", "scores", "procedures")
# The Decision 766 inputs (cchc/importer/services766.py): loaded only when asked for by name
# (--kind), never detected, so that a file of the kinds above is never taken for one of them.
KINDS_766 = ("services766", "feedback766", "procedures766", "units766")
# What a load can hold: the kinds above (found by their header) and aggregate reports
# (cchc/importer/aggregates.py, found by their form).
LOAD_KINDS = KINDS + KINDS_766 + ("aggregates",)
_KIND_ORDER = KINDS + KINDS_766

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: Any) -> str:
    """Text folded for matching: 'Ngày tiếp nhận (dd/mm)' -> 'ngay tiep nhan'."""
    if text is None:
        return ""
    return _fold(str(text))


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = _PARENS.sub(" ", text)
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def fold_keep_parens(text: Any) -> str:
    """Like :func:`fold` but keeps text in parentheses (for cell values)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


# -- aliases per kind: field -> headers as offices write them (folded at import time) ------

DOSSIER_COLUMNS: dict[str, list[str]] = {
    "dossier_code": ["Mã hồ sơ", "Mã HS", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận", "Mã biên nhận",
                     "Số phiếu biên nhận", "Mã hồ sơ một cửa"],
    "procedure_code": ["Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC", "Mã số thủ tục", "Mã TT"],
    # not "Tên hồ sơ": it is free text ("Cấp giấy ... cho ông Nguyễn Văn A, CCCD ..."), see FREE_TEXT_HEADERS
    "procedure_name": ["Tên TTHC", "Tên thủ tục", "Tên thủ tục hành chính", "Thủ tục hành chính", "Thủ tục", "TTHC",
                       "Loại hồ sơ"],
    "field_name": ["Lĩnh vực", "Tên lĩnh vực", "Lĩnh vực TTHC", "Lĩnh vực giải quyết"],
    "unit": ["Đơn vị tiếp nhận", "Đơn vị", "Tên đơn vị", "Cơ quan tiếp nhận", "Nơi tiếp nhận", "Bộ phận tiếp nhận",
             "Đơn vị tiếp nhận hồ sơ", "Xã/phường", "Phường/xã", "Xã, phường", "Phường, xã", "Cơ quan giải quyết",
             "Đơn vị giải quyết"],
    "channel": ["Kênh", "Kênh nộp", "Kênh tiếp nhận", "Hình thức nộp", "Hình thức tiếp nhận", "Hình thức",
                "Hình thức nộp hồ sơ", "Kênh nộp hồ sơ", "Nguồn hồ sơ", "Phương thức nộp"],
    "received_date": ["Ngày tiếp nhận", "Ngày nhận", "Ngày nhận hồ sơ", "Ngày tiếp nhận hồ sơ", "Thời gian tiếp nhận",
                      "Ngày giờ tiếp nhận", "Tiếp nhận", "Ngày TN"],
    "due_date": ["Ngày hẹn trả", "Ngày hẹn trả kết quả", "Hẹn trả", "Ngày hẹn", "Hạn xử lý", "Hạn giải quyết",
                 "Ngày hẹn trả KQ", "Thời hạn trả kết quả", "Hẹn trả kết quả"],
    "finished_date": ["Ngày kết thúc xử lý", "Ngày kết thúc", "Ngày hoàn thành", "Ngày xử lý xong",
                      "Ngày giải quyết xong", "Ngày có kết quả", "Ngày hoàn thành xử lý", "Ngày kết thúc giải quyết",
                      "Thời gian kết thúc xử lý", "Ngày giải quyết"],
    "returned_date": ["Ngày trả kết quả", "Ngày trả", "Ngày trả KQ", "Ngày trả hồ sơ", "Thời gian trả kết quả",
                      "Ngày đã trả"],
    "state": ["Trạng thái", "Tình trạng", "Trạng thái hồ sơ", "Tình trạng hồ sơ", "Tình trạng xử lý",
              "Trạng thái xử lý", "Kết quả xử lý", "Tình trạng giải quyết"],
    "supplement_requested_date": ["Ngày yêu cầu bổ sung", "Ngày yêu cầu bổ sung hồ sơ", "Ngày YCBS"],
    "supplement_supplied_date": ["Ngày bổ sung", "Ngày nhận bổ sung", "Ngày công dân bổ sung", "Ngày bổ sung hồ sơ",
                                 "Ngày nộp bổ sung"],
    "supplement_count": ["Số lần bổ sung", "Số lần yêu cầu bổ sung", "Số lần YCBS"],
}

PROCEDURE_COLUMNS: dict[str, list[str]] = {
    "procedure_code": ["Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC", "Mã số", "Mã số thủ tục",
                       "Mã TT", "Mã"],
    "procedure_name": ["Tên TTHC", "Tên thủ tục", "Tên thủ tục hành chính", "Thủ tục hành chính", "Thủ tục", "TTHC"],
    "field_name": ["Lĩnh vực", "Tên lĩnh vực", "Lĩnh vực TTHC"],
    "level": ["Cấp thực hiện", "Cấp", "Cấp giải quyết", "Thẩm quyền", "Cấp thẩm quyền", "Cơ quan thực hiện",
              "Cấp thực hiện TTHC"],
    "processing_days": ["Thời hạn giải quyết", "Thời gian giải quyết", "Số ngày giải quyết", "Thời hạn",
                        "Thời hạn giải quyết (ngày)", "Thời gian xử lý", "Số ngày", "Thời hạn xử lý"],
    "online_level": ["Mức độ DVC", "Mức độ", "Mức độ dịch vụ công", "Mức độ DVCTT", "DVC trực tuyến",
                     "Dịch vụ công trực tuyến", "Mức DVC", "Mức độ cung cấp DVC", "Mức độ dịch vụ công trực tuyến"],
    "effective_date": ["Ngày hiệu lực", "Ngày có hiệu lực", "Hiệu lực", "Ngày hiệu lực thi hành"],
    "decision": ["Quyết định công bố", "Số quyết định", "QĐ công bố", "Quyết định", "Số QĐ công bố",
                 "Văn bản công bố"],
    "event": ["Loại thay đổi", "Nội dung thay đổi", "Hình thức công bố", "Loại công bố", "Tình trạng",
              "Trạng thái", "Ghi chú thay đổi"],
}

SCORE_COLUMNS: dict[str, list[str]] = {
    "unit": ["Đơn vị", "Tên đơn vị", "Xã/phường", "Phường/xã", "Xã, phường", "Phường, xã", "Đơn vị được chấm",
             "Tên xã, phường", "Xã phường"],
    "year": ["Năm", "Năm đánh giá", "Năm chấm điểm"],
    "criterion": ["Tiêu chí", "Mã tiêu chí", "Lĩnh vực đánh giá", "Tên tiêu chí", "Nội dung", "Lĩnh vực/tiêu chí"],
    "points": ["Điểm", "Điểm đạt được", "Điểm thẩm định", "Điểm đạt", "Điểm đánh giá", "Điểm số", "Số điểm"],
    "total": ["Tổng điểm", "Tổng", "Tổng cộng", "Tổng số điểm", "Chỉ số CCHC", "Điểm tổng"],
    "rank": ["Xếp hạng", "Thứ hạng", "Hạng", "Thứ tự xếp hạng"],
}

# -- the Decision 766 inputs (schema_766.sql): yes/no facts per dossier, feedback, catalogue facts
SERVICE766_COLUMNS: dict[str, list[str]] = {
    "dossier_code": DOSSIER_COLUMNS["dossier_code"],
    "has_fee": ["Có phí", "Có phí, lệ phí", "Phí, lệ phí", "Nghĩa vụ tài chính", "Có nghĩa vụ tài chính", "Thu phí"],
    "paid_online": ["Thanh toán trực tuyến", "Đã thanh toán trực tuyến", "Thanh toán trực tuyến thành công",
                    "Thanh toán điện tử", "TTTT"],
    "digitised": ["Số hóa thành phần hồ sơ", "Số hoá thành phần hồ sơ", "Số hóa hồ sơ", "Số hóa", "Đã số hóa"],
    "e_result": ["Số hóa kết quả", "Số hoá kết quả", "Kết quả điện tử", "Có kết quả điện tử",
                 "Kết quả giải quyết điện tử", "Số hóa kết quả giải quyết"],
    "reused_data": ["Tái sử dụng dữ liệu", "Tái sử dụng dữ liệu số hóa", "Khai thác lại dữ liệu số hóa"],
    "personal_store": ["Kho dữ liệu cá nhân", "Kết nối kho dữ liệu cá nhân", "Đồng bộ kho dữ liệu cá nhân"],
    "population_data": ["Xác thực VNeID", "VNeID", "Sử dụng dữ liệu dân cư", "Dữ liệu dân cư",
                        "Khai thác CSDL quốc gia về dân cư", "Xác thực dân cư"],
    "synced_portal": ["Đồng bộ lên Cổng DVCQG", "Đồng bộ Cổng DVCQG", "Đồng bộ lên Cổng dịch vụ công quốc gia",
                      "Đồng bộ DVCQG", "Đồng bộ", "Đã đồng bộ"],
    "complaint": ["Khiếu nại", "Có khiếu nại"],
}
FEEDBACK766_COLUMNS: dict[str, list[str]] = {
    "feedback_id": ["Mã phản ánh", "Mã PAKN", "Số phản ánh", "Mã số phản ánh", "Mã phản ánh kiến nghị", "Mã số PAKN",
                    "Mã"],
    "unit": SCORE_COLUMNS["unit"] + ["Đơn vị xử lý", "Cơ quan xử lý", "Đơn vị tiếp nhận", "Đơn vị được phản ánh"],
    "received_date": ["Ngày tiếp nhận", "Ngày nhận", "Ngày gửi", "Ngày phản ánh", "Ngày tiếp nhận PAKN"],
    "due_date": ["Hạn xử lý", "Hạn trả lời", "Ngày hẹn trả lời", "Thời hạn xử lý", "Hạn giải quyết"],
    "answered_date": ["Ngày trả lời", "Ngày xử lý xong", "Ngày hoàn thành", "Ngày phản hồi", "Ngày trả lời PAKN"],
    "satisfied": ["Hài lòng", "Mức độ hài lòng", "Đánh giá hài lòng", "Người gửi hài lòng", "Đánh giá"],
}
PROCEDURE766_COLUMNS: dict[str, list[str]] = {
    "procedure_code": PROCEDURE_COLUMNS["procedure_code"],
    "fee_bearing": ["Có phí", "Có phí, lệ phí", "Phí, lệ phí", "Thu phí", "Có thu phí"],
    "fully_online_eligible": ["Đủ điều kiện trực tuyến toàn trình", "Đủ điều kiện toàn trình", "Trực tuyến toàn trình",
                              "DVC toàn trình", "Toàn trình"],
    "publish_due_date": ["Hạn công bố", "Hạn công khai", "Thời hạn công bố"],
    "published_date": ["Ngày công bố", "Ngày công khai", "Ngày đăng tải", "Ngày công khai trên CSDL quốc gia"],
    "content_complete": ["Công khai đầy đủ", "Đầy đủ nội dung", "Công khai đầy đủ nội dung"],
    "population_linked": ["Kết nối dữ liệu dân cư", "Kết nối CSDL dân cư", "Liên thông dữ liệu dân cư"],
}
UNIT766_COLUMNS: dict[str, list[str]] = {
    "unit": SCORE_COLUMNS["unit"] + ["Cơ quan", "Đơn vị cung cấp"],
    "year": ["Năm", "Năm đánh giá", "Năm áp dụng"],
    "e_certified_copy": ["Chứng thực bản sao điện tử", "Chứng thực bản sao điện tử từ bản chính",
                         "Cung cấp dịch vụ chứng thực bản sao điện tử", "Chứng thực điện tử", "Bản sao điện tử"],
}

KIND_COLUMNS = {"dossiers": DOSSIER_COLUMNS, "procedures": PROCEDURE_COLUMNS, "scores": SCORE_COLUMNS,
                "services766": SERVICE766_COLUMNS, "feedback766": FEEDBACK766_COLUMNS,
                "procedures766": PROCEDURE766_COLUMNS, "units766": UNIT766_COLUMNS}
# Kinds whose free-text columns (contents, remarks) are dropped unread: they name people.
FREE_TEXT_KINDS = ("dossiers", "feedback766")

# Personal data: a header containing any of these (folded) words is dropped, unread.
PERSONAL_KEYWORDS = [
    "nguoi nop", "chu ho so", "ho ten", "ho va ten", "ten nguoi", "nguoi dung ten", "nguoi nhan",
    "to chuc ca nhan", "ca nhan to chuc", "cong dan", "ten cong dan", "ten to chuc", "nguoi de nghi",
    "nguoi yeu cau", "ten chu", "dia chi", "noi cu tru", "noi thuong tru", "que quan", "dien thoai", "sdt",
    "so dt", "di dong", "mobile", "phone", "email", "e mail", "thu dien tu", "so giay to", "giay to tuy than",
    "cmnd", "cccd", "can cuoc", "chung minh", "dinh danh", "ho chieu", "ma so thue", "mst", "ngay sinh",
    "nam sinh", "gioi tinh", "so cmt", "applicant",
]
PERSONAL_KEYWORDS += [
    "uy quyen",            # Người (được) ủy quyền / uỷ quyền: a person acting for the applicant
    "nguoi dai dien", "dai dien theo phap luat", "so ho khau", "noi sinh", "quoc tich", "dan toc",
    "nguoi gui", "nguoi phan anh", "nguoi kien nghi",  # the sender of a feedback (phản ánh, kiến nghị)
]
# Whole-header personal names that the keywords would miss ("Tên", "Họ tên" variants).
PERSONAL_HEADERS = {"ten", "ho", "ho ten", "nguoi nop ho so", "ten doanh nghiep", "doanh nghiep"}

# Free text in a dossier log: a dossier's title, summary, content or remarks are typed by
# the desk and often name the applicant ("Cấp giấy ... cho ông Nguyễn Văn A, CCCD ...").
# Never read for dossiers: not as a procedure name, nor anything else. A header is free text
# when it equals one of these or starts with one.
FREE_TEXT_HEADERS = [
    "ten ho so", "trich yeu", "noi dung", "ghi chu", "mo ta", "tom tat", "y kien", "ly do", "dien giai",
    "thong tin ho so", "chi tiet", "noi dung ho so", "tieu de", "ten giay to",
]


def is_personal(header: str) -> bool:
    """True for a header naming a personal column (applicant name, address, phone...)."""
    key = fold(header)
    if not key:
        return False
    padded = f" {key} "
    return key in PERSONAL_HEADERS or any(f" {word} " in padded for word in PERSONAL_KEYWORDS)


def is_free_text(header: str) -> bool:
    """True for a dossier log's free-text header (Tên hồ sơ, Trích yếu, Nội dung, Ghi chú...)."""
    key = fold(header)
    return any(key == word or key.startswith(word + " ") for word in FREE_TEXT_HEADERS)


# Values shaped like personal data, for columns whose header says nothing: identity numbers
# (CMND 9 digits, CCCD / personal ID 12), Vietnamese mobile numbers (0xxxxxxxxx, +84...) and
# e-mail addresses. A number cell has lost its leading zeros: 8 to 12 digits is a shape too.
_ID_SHAPE = re.compile(r"\d{9}|\d{12}")
_PHONE_SHAPE = re.compile(r"(?:\+?84|0)[235789]\d{8}")
_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
SHAPE_SAMPLE = 200


def looks_personal(value: Any) -> bool:
    """True for a cell shaped like an identity number, a mobile number or an e-mail address."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and 8 <= len(str(abs(int(value)))) <= 12
    if not isinstance(value, str):
        return False
    text = value.strip()
    if _EMAIL_SHAPE.fullmatch(text):
        return True
    compact = re.sub(r"[\s.\-()]", "", text)
    return bool(_ID_SHAPE.fullmatch(compact) or _PHONE_SHAPE.fullmatch(compact))


def column_looks_personal(rows: list[tuple[int, list[Any]]], column: int) -> bool:
    """True when at least half of a column's first non-empty values (up to SHAPE_SAMPLE) look
    like identity numbers, phones or e-mails."""
    seen = hits = 0
    for _, cells in rows:
        value = cells[column] if column < len(cells) else None
        if value is None:
            continue
        seen += 1
        hits += looks_personal(value)
        if seen >= SHAPE_SAMPLE:
            break
    return seen > 0 and hits * 2 >= seen


def _alias_index(columns: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = [(fold(alias), name) for name, aliases in columns.items() for alias in aliases]
    return sorted(pairs, key=lambda p: -len(p[0]))


_INDEXES = {kind: _alias_index(cols) for kind, cols in KIND_COLUMNS.items()}


@functools.lru_cache(maxsize=16384)
def match_field(header: str, kind: str) -> tuple[str | None, bool]:
    """The field a header names for ``kind`` and whether the match is exact (none for a
    dossier log's free-text header)."""
    key = fold(header)
    if not key or (kind in FREE_TEXT_KINDS and is_free_text(header)):
        return None, False
    for alias, name in _INDEXES[kind]:
        if key == alias:
            return name, True
    for alias, name in _INDEXES[kind]:  # longest alias first
        if key.startswith(alias + " "):
            return name, False
    return None, False


@dataclass
class Table:
    """A sheet with its header found: which column holds which field, and the data rows."""

    kind: str
    sheet: str
    header_row: int                                  # spreadsheet row number of the header (1-based)
    headers: list[str]                               # header text per column ('' when blank)
    columns: dict[str, int]                          # field -> column index
    rows: list[tuple[int, list[Any]]]                # (spreadsheet row number, cells)
    formula_cells: set[tuple[int, int]]              # (spreadsheet row number, column index)
    personal: list[str] = field(default_factory=list)  # dropped personal columns (header text)
    free_text: list[str] = field(default_factory=list)  # dossiers: free-text columns, dropped (also in ignored)
    personal_values: list[str] = field(default_factory=list)  # dropped: unknown header, personal-looking values
    ignored: list[str] = field(default_factory=list)   # other columns not used
    title: list[str] = field(default_factory=list)     # text of the rows above the header
    extra: dict[int, str] = field(default_factory=dict)  # column index -> header, unmatched (scores: criteria)
    source: str = ""
    encoding: str | None = None

    def header_of(self, name: str) -> str:
        """The header text of a field's column."""
        return self.headers[self.columns[name]] or name


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _candidate_headers(rows: list[list[Any]], r: int) -> list[tuple[int, list[str]]]:
    """Header rows starting at index r: the row alone, and joined with the row below."""
    row = [_text(c) for c in rows[r]]
    out = [(1, row)]
    if r + 1 < len(rows):
        below = [_text(c) for c in rows[r + 1]]
        width = max(len(row), len(below))
        joined = []
        for c in range(width):
            top = row[c] if c < len(row) else ""
            low = below[c] if c < len(below) else ""
            joined.append(low if not top or top == low else (top if not low else f"{top} {low}"))
        out.append((2, joined))
    return out


@dataclass
class _Candidate:
    score: int
    kind: str
    grid: Grid
    start: int
    height: int
    headers: list[str]


def _required_ok(kind: str, found: set[str], criteria_headers: int) -> bool:
    if kind == "dossiers":
        # without a reception date column the codes may carry it ({unit}-{yyMMdd}-{n}): then
        # the code and two more dossier columns say it is a dossier list
        return "dossier_code" in found and ("received_date" in found or len(found) >= 3)
    if kind == "procedures":
        return ({"procedure_code", "procedure_name"} <= found and "dossier_code" not in found
                and bool(found & {"processing_days", "level", "online_level", "field_name", "effective_date"}))
    if kind == "scores":
        return "unit" in found and ({"criterion", "points"} <= found or criteria_headers >= 1)
    if kind == "services766":
        return "dossier_code" in found and len(found) >= 2
    if kind == "feedback766":
        return {"feedback_id", "unit", "received_date"} <= found
    if kind == "procedures766":
        return "procedure_code" in found and len(found) >= 2
    if kind == "units766":
        return {"unit", "year", "e_certified_copy"} <= found
    return False


def _score_headers(headers: list[str], kind: str, criteria_names: Iterable[str]) -> tuple[int, set[str], int]:
    found: set[str] = set()
    criteria = {fold(n) for n in criteria_names if fold(n)}
    criteria_hits = 0
    for h in headers:
        if not h:
            continue
        name, _ = match_field(h, kind)
        if name:
            found.add(name)
        elif kind == "scores" and (criterion_key(h, criteria) is not None or _looks_like_criterion_header(h)):
            criteria_hits += 1
    return len(found) + criteria_hits, found, criteria_hits


_NUMBERING = re.compile(r"^(?:(?:linh vuc|tieu chi|tc|lv|muc|phan)\s*)?([ivx]+|\d{1,2})(?:\s+|$)")


def criterion_key(header: str, criteria: set[str]) -> str | None:
    """The folded criterion name or code a header names, if any ('1. Công tác chỉ đạo...' ->
    'cong tac chi dao dieu hanh'); None when it names no criterion in ``criteria``."""
    key = fold(header)
    if not key:
        return None
    if key in criteria:
        return key
    stripped = _NUMBERING.sub("", key, count=1).strip()
    if stripped and stripped in criteria:
        return stripped
    # a long header that begins with a criterion name ("Công tác chỉ đạo, điều hành (12 điểm)")
    for name in sorted(criteria, key=len, reverse=True):
        if len(name) >= 8 and (stripped.startswith(name) or key.startswith(name)):
            return name
    return None


def find_table(grids: list[Grid], kind: str | None, criteria_names: Iterable[str] = ()) -> Table:
    """The best header row over all sheets for ``kind`` (or for the kind detected)."""
    criteria_names = list(criteria_names)
    kinds = [kind] if kind else list(KINDS)
    best: _Candidate | None = None
    for grid in grids:
        scan = min(len(grid.rows), HEADER_SCAN_ROWS)
        for r in range(scan):
            for height, headers in _candidate_headers(grid.rows, r):
                if sum(1 for h in headers if h) < 2:
                    continue
                for k in kinds:
                    score, found, criteria_hits = _score_headers(headers, k, criteria_names)
                    if not _required_ok(k, found, criteria_hits):
                        continue
                    # prefer the single row on ties; dossiers over catalogues over scores
                    rank = (score, -height, -_KIND_ORDER.index(k))
                    if best is None or rank > (best.score, -best.height, -_KIND_ORDER.index(best.kind)):
                        best = _Candidate(score, k, grid, r, height, headers)
    if best is None:
        raise ImportFileError("imp_err_no_header" if kind is None else "imp_err_no_header_kind", kind=kind or "")
    return _build_table(best, criteria_names)


_NUMBER_ROW = re.compile(r"^\(?\s*(\d{1,2}|[a-z]{1,2})\s*\)?$", re.IGNORECASE)


def _build_table(best: _Candidate, criteria_names: list[str]) -> Table:
    grid, kind = best.grid, best.kind
    columns: dict[str, int] = {}
    exact: dict[str, bool] = {}
    personal, ignored = [], []
    extra: dict[int, str] = {}
    criteria = {fold(n) for n in criteria_names if fold(n)}
    for c, header in enumerate(best.headers):
        if not header:
            continue
        if is_personal(header):
            personal.append(header)
            continue
        name, is_exact = match_field(header, kind)
        if name and (name not in columns or (is_exact and not exact[name])):
            if name in columns:
                ignored.append(best.headers[columns[name]])
            columns[name] = c
            exact[name] = is_exact
        elif kind == "scores" and name is None and criterion_key(header, criteria) is not None:
            extra[c] = header
        elif kind == "scores" and name is None and _looks_like_criterion_header(header):
            extra[c] = header
        else:
            ignored.append(header)
    if kind == "scores":
        for name in ("total", "rank"):
            if name in columns:
                ignored.append(best.headers[columns.pop(name)])
    free_text = [h for h in ignored if kind in FREE_TEXT_KINDS and is_free_text(h)]
    first_data = best.start + best.height
    data_rows = []
    for r in range(first_data, len(grid.rows)):
        cells = grid.rows[r]
        if r < first_data + 2 and _is_numbering_row(cells):
            continue
        data_rows.append((r + 1, cells))
    # A header that names no field exactly says little: before such a column is used (or
    # listed as unused), its values are looked at; identity numbers, phones or e-mails drop it.
    personal_values = []
    unsure = [(c, h) for c, h in enumerate(best.headers) if h and h in ignored and h not in free_text]
    unsure += [(c, best.headers[c]) for name, c in columns.items() if not exact[name]]
    unsure += list(extra.items())
    for c, header in unsure:
        if column_looks_personal(data_rows, c):
            personal_values.append(header)
            extra.pop(c, None)
            for name, index in list(columns.items()):
                if index == c:
                    del columns[name]
            if header in ignored:
                ignored.remove(header)
    title = [" ".join(_text(c) for c in row if _text(c)) for row in grid.rows[: best.start]]
    keep = set(columns.values()) | set(extra)
    formula_cells = {(r + 1, c) for r, c in grid.formula_cells if c in keep and r >= first_data}
    return Table(
        kind=kind, sheet=grid.sheet, header_row=best.start + 1, headers=best.headers, columns=columns,
        rows=data_rows, formula_cells=formula_cells, personal=personal, ignored=ignored,
        title=[t for t in title if t], extra=extra, source=grid.source, encoding=grid.encoding,
        free_text=free_text, personal_values=personal_values,
    )


def _looks_like_criterion_header(header: str) -> bool:
    # "Lĩnh vực 1", "TC1", "I. Công tác ..." in a score sheet whose criteria are not in the database yet
    key = fold(header)
    return bool(_NUMBERING.match(key)) and not is_personal(header) and key not in ("stt", "tt", "so tt")


def _is_numbering_row(cells: list[Any]) -> bool:
    values = [c for c in cells if c is not None]
    if len(values) < 2:
        return False
    for v in values:
        if isinstance(v, bool):
            return False
        if isinstance(v, (int, float)) and float(v).is_integer() and 0 <= v <= 99:
            continue
        if isinstance(v, str) and _NUMBER_ROW.match(v):
            continue
        return False
    return True
