"""Directions of a meeting and their follow-up: plain Python, no database, no Streamlit.

A direction is entered as open or done; *late* is never entered: it is computed on the day
asked (the report's date, or today), as "not done and the deadline has passed". A direction
due today is not late yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cchc.core.periods import Period
from cchc.i18n.formats import fmt_date
from cchc.i18n.labels import t

OPEN, DONE, LATE = "open", "done", "late"
ENTERED_STATUSES = (OPEN, DONE)
STATUSES = (OPEN, DONE, LATE)  # LATE is computed, never entered


@dataclass(frozen=True)
class Direction:
    """One direction as entered: what, who, by when, and whether it is done."""

    content: str
    units: str = ""
    deadline: date | None = None
    status: str = OPEN
    is_demo: bool = False


def status_on(direction: Direction, as_of: date) -> str:
    """'done', 'late' (not done and ``as_of`` is after the deadline) or 'open'."""
    if direction.status == DONE:
        return DONE
    if direction.deadline is not None and as_of > direction.deadline:
        return LATE
    return OPEN


def from_frame(frame: pd.DataFrame) -> list[Direction]:
    """Directions from the rows of ``queries/directions.sql`` (or the page's editor)."""
    out = []
    for row in frame.itertuples(index=False):
        deadline = getattr(row, "deadline", None)
        deadline = None if deadline is None or pd.isna(deadline) else pd.Timestamp(deadline).date()
        out.append(Direction(
            content=str(row.content).strip(), units=str(row.units or "").strip(), deadline=deadline,
            status=DONE if row.status == DONE else OPEN, is_demo=bool(getattr(row, "is_demo", False)),
        ))
    return out


@dataclass(frozen=True)
class FollowUp:
    """The state of one meeting's directions on a day."""

    meeting: Period
    as_of: date
    directions: tuple[Direction, ...]

    def statuses(self) -> list[str]:
        """The status of each direction on ``as_of``, in order."""
        return [status_on(d, self.as_of) for d in self.directions]

    @property
    def total(self) -> int:
        return len(self.directions)

    @property
    def done(self) -> int:
        return self.statuses().count(DONE)

    @property
    def late(self) -> list[Direction]:
        """The late directions, in the order given."""
        return [d for d, s in zip(self.directions, self.statuses()) if s == LATE]

    @property
    def is_demo(self) -> bool:
        return any(d.is_demo for d in self.directions)

    def sentence(self, lang: str = "vi") -> str:
        """'3/5 kết luận đã hoàn thành; 2 quá hạn: …' (or that the meeting gave none)."""
        if not self.directions:
            return t("dir_none_for", lang, meeting=self.meeting.label(lang))
        text = t("dir_followup", lang, meeting=self.meeting.label(lang), done=self.done, total=self.total,
                 date=fmt_date(self.as_of, lang))
        late = self.late
        if late:
            items = "; ".join(t("dir_late_item", lang, content=d.content.rstrip("."), units=d.units or "—",
                                deadline=fmt_date(d.deadline, lang)) for d in late)
            text += t("dir_followup_late", lang, count=len(late), items=items)
        else:
            text += t("dir_followup_no_late", lang)
        return text


def previous_meeting(period: Period) -> Period | None:
    """The meeting whose directions a report of ``period`` follows up: the period before, of
    the same kind (none for a custom range)."""
    if period.kind == "custom":
        return None
    return period.previous()


class DirectionsInputError(ValueError):
    """Rows the page's editor cannot save, with a sentence saying which and why."""


def from_editor(frame: pd.DataFrame, lang: str = "vi") -> list[Direction]:
    """Directions from the page's editor (columns content, units, deadline, status, is_demo);
    empty rows are dropped, a row with a deadline or units but no text is refused. An edited
    list is no longer the demo's: every saved row is marked not demo."""
    out = []
    for i, row in enumerate(frame.itertuples(index=False), 1):
        content = "" if row.content is None or pd.isna(row.content) else str(row.content).strip()
        units = "" if row.units is None or pd.isna(row.units) else str(row.units).strip()
        deadline = None if row.deadline is None or pd.isna(row.deadline) else pd.Timestamp(row.deadline).date()
        if not content:
            if units or deadline:
                raise DirectionsInputError(t("dir_empty_content", lang, row=i))
            continue
        out.append(Direction(content, units, deadline, DONE if row.status == DONE else OPEN, False))
    return out
