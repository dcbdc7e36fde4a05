"""The directions table: its DDL, the demo's seed, reads through the named queries and the
one write (a meeting's list replaced as a whole through the store's writer)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from cchc.core.periods import Period
from cchc.directions.model import (
    DONE,
    OPEN,
    Direction,
    FollowUp,
    from_frame,
    previous_meeting,
)
from cchc.store import db

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "store" / "sql" / "schema_directions.sql"

# The directions of the 5 July 2018 review (the source report's last paragraph), with
# deadlines and statuses invented for the demo (is_demo = true, and said so wherever shown),
# so that the H2 2018 report has a follow-up to show: 3 done, 2 late after 31 October.
DEMO_MEETING = "2018-H1"
DEMO_DIRECTIONS = (
    Direction("Hệ thống lại các công việc, hướng dẫn xã, phường thực hiện nghiệp vụ trong giải quyết "
              "thủ tục hành chính; tiếp tục tham mưu cho UBND thị xã về công tác cải cách hành chính",
              "Phòng Nội vụ", date(2018, 9, 30), DONE, True),
    Direction("Tăng cường kiểm tra công vụ đột xuất đối với các xã, phường", "Phòng Nội vụ",
              date(2018, 12, 31), DONE, True),
    Direction("Thực hiện kiểm soát thủ tục hành chính, đôn đốc Bộ phận một cửa thị xã và xã, phường",
              "Văn phòng HĐND - UBND thị xã", date(2018, 12, 31), DONE, True),
    Direction("Đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính từ thị xã "
              "đến các xã, phường", "Văn phòng HĐND - UBND thị xã; UBND các xã, phường",
              date(2018, 10, 31), OPEN, True),
    Direction("Nâng cao chất lượng đội ngũ cán bộ, công chức; thực hiện tốt dịch vụ công trực tuyến "
              "mức độ 3, tiến tới mức độ 4", "Phòng Nội vụ; Văn phòng HĐND - UBND thị xã",
              date(2018, 11, 30), OPEN, True),
)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the directions table in a writable connection when it is missing (additive)."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))


def replace_meeting(con: duckdb.DuckDBPyConnection, meeting: str, directions: list[Direction]) -> None:
    """Replace the directions of ``meeting`` with ``directions`` (in a writable connection;
    the caller owns the transaction)."""
    ensure_tables(con)
    con.execute("DELETE FROM directions WHERE meeting = ?", [meeting])
    con.executemany(
        "INSERT INTO directions (meeting, seq, content, units, deadline, status, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [[meeting, i, d.content, d.units, d.deadline, d.status, d.is_demo] for i, d in enumerate(directions, 1)],
    )


def seed_demo(con: duckdb.DuckDBPyConnection) -> None:
    """Write the demo meeting's directions (called while the demo database is built)."""
    replace_meeting(con, DEMO_MEETING, list(DEMO_DIRECTIONS))


def has_table(path: Path | str | None = None) -> bool:
    """True when the database has the directions table (older files do not)."""
    return bool(db.run_query("directions_table", db=path).iloc[0]["present"])


def load(meeting: Period, path: Path | str | None = None) -> list[Direction]:
    """The directions of the meeting of ``meeting`` (none for a custom range or an older file)."""
    if not meeting.code or not has_table(path):
        return []
    return from_frame(db.run_query("directions", db=path, meeting=meeting.code))


def follow_up(period: Period, as_of: date, path: Path | str | None = None) -> FollowUp | None:
    """The follow-up a report of ``period`` gives: the previous meeting's directions on
    ``as_of`` (None for a custom range)."""
    meeting = previous_meeting(period)
    if meeting is None:
        return None
    return FollowUp(meeting, as_of, tuple(load(meeting, path)))


def follow_up_today(period: Period) -> FollowUp | None:
    """The follow-up the Overview shows: the previous meeting's directions as of today."""
    return follow_up(period, date.today())


def save(meeting: Period, directions: list[Direction], path: Path | None = None) -> None:
    """Replace a meeting's directions in the database file, through the one writer (a copy
    changed in one transaction and swapped in), then drop cached reads."""
    from cchc.store.writer import write_copy

    if not meeting.code:
        raise ValueError("a meeting is a month, quarter, half-year or year, not a custom range")
    write_copy(Path(path) if path else db.db_path(), lambda con: replace_meeting(con, meeting.code, directions))
    db.clear_cache()


def to_frame(directions: list[Direction]) -> pd.DataFrame:
    """The directions as the page's editor shows them."""
    # Explicit dtypes: a meeting without directions gives empty columns, which pandas would
    # make float, and the editor refuses a text column over float data.
    return pd.DataFrame({
        "content": pd.Series([d.content for d in directions], dtype="str"),
        "units": pd.Series([d.units for d in directions], dtype="str"),
        "deadline": pd.Series([d.deadline for d in directions], dtype="object"),
        "status": pd.Series([d.status for d in directions], dtype="str"),
        "is_demo": pd.Series([d.is_demo for d in directions], dtype="bool"),
    })
