"""The SQL files of the store (``cchc/store/sql/``): the schema, the one dossier
classification template and the rollups.

A file starts with a header of ``--`` comment lines saying what it creates and which
placeholders it takes; placeholders are written ``{{name}}`` and replaced by plain text
substitution (no regular expressions, no parsing of SQL). The header is documentation for
readers of the file and is not substituted. :func:`instantiate` refuses a placeholder that
is given but does not occur, and one that occurs but is not given, so a template and its
callers cannot drift apart silently.
"""

from __future__ import annotations

import functools
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"

__all__ = ["SQL_DIR", "SqlTemplateError", "text", "instantiate"]


class SqlTemplateError(RuntimeError):
    """A template and the values given for it do not match."""


@functools.cache
def text(name: str) -> str:
    """The text of ``cchc/store/sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _body(sql: str) -> str:
    lines = sql.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (lines[i].startswith("--") or not lines[i].strip()):
        i += 1
    return "".join(lines[i:])


def instantiate(file: str, /, **values: str | int) -> str:
    """The statement of ``<file>.sql`` (its header left out) with every ``{{key}}``
    replaced by ``values[key]``. Raises :class:`SqlTemplateError` when a value has no
    placeholder or a placeholder no value."""
    body = _body(text(file))
    for key, value in values.items():
        mark = "{{" + key + "}}"
        if mark not in body:
            raise SqlTemplateError(f"{file}.sql has no placeholder {mark}")
        body = body.replace(mark, str(value))
    if "{{" in body:
        left = body[body.index("{{"):].split("}}")[0] + "}}"
        raise SqlTemplateError(f"{file}.sql: no value given for {left}")
    return body
