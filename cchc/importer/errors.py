"""What the importer tells people: a refused file, or a rejected row, in words from labels.

Messages are label keys with values, so the page shows them in the user's language and the
command line in Vietnamese. None of them ever carries a value of a personal column: those
columns are dropped by the reader before anything looks at their cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc.i18n.labels import t


class ImportFileError(Exception):
    """The whole file is refused (empty, not a spreadsheet, no header...); nothing was written."""

    def __init__(self, key: str, **values: Any):
        self.key = key
        self.values = values
        super().__init__(t(key, "vi", **values))

    def message(self, lang: str = "vi") -> str:
        """The reason in ``lang``, one line."""
        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class Rejection:
    """One rejected row: its spreadsheet row number, the column and value at fault, and why."""

    row: int
    column: str
    value: str
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def reason(self, lang: str = "vi") -> str:
        """Why the row was rejected, in ``lang``."""
        return t(self.key, lang, **self.values)


def shown(value: Any, limit: int = 60) -> str:
    """A cell value as shown in a rejection (short, one line)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
