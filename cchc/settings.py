"""The settings of the product: one declaration per ``CCHC_*`` environment variable.

Every read of a ``CCHC_*`` variable in ``cchc/`` goes through :func:`get`; README.md's
settings table lists each of them (tests/test_settings.py checks it). A value that cannot be
understood is an error the user sees at start (:func:`check_all`, called by
:mod:`cchc.bootstrap`), never a silent fallback to the default: a district that sets
``CCHC_ONTIME_TARGET=95,5`` must learn that the comma is wrong, not see units judged
against 98 %.

An unset or empty variable means the default. Values are parsed once per distinct raw
text (the environment is looked up on each :func:`get`, so a test or a server that changes
it is seen; parsing is cached).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

__all__ = ["Setting", "SETTINGS", "SettingError", "get", "check_all", "is_set"]


class SettingError(ValueError):
    """A ``CCHC_*`` value that cannot be used; the message names the setting, the value and
    what is expected, and is safe to show to users."""


def _path(text: str) -> Path:
    return Path(text).expanduser().resolve()


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number") from None
    if not 0 < value <= 100:
        raise ValueError("out of range")
    return value


def _band(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise ValueError("not two numbers")
    try:
        weak, good = (float(p) for p in parts)
    except ValueError:
        raise ValueError("not two numbers") from None
    if not 0 <= weak <= good <= 100:
        raise ValueError("out of range or in the wrong order")
    return weak, good


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("not a whole number") from None
    if value <= 0:
        raise ValueError("not positive")
    return value


@dataclass(frozen=True)
class Setting:
    """One environment setting: its name, the text of its default as README.md shows it
    (None: no value, e.g. the demo database), what a valid value looks like, what it means,
    and the parser that turns its text into a value (raising ValueError when it cannot)."""

    name: str
    default: str | None
    expected: str
    meaning: str
    parse: Callable[[str], Any]


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("CCHC_DB", None, "a path to a DuckDB file",
            "the database the dashboard, the report and the importer use "
            "(default: the demo database data/demo.duckdb)", _path),
    Setting("CCHC_ONTIME_TARGET", "98", "a percentage above 0 and at most 100, e.g. 98 or 97.5",
            "on-time target in %; units below it are marked everywhere", _percent),
    Setting("CCHC_PAR_BAND", "70,85", "two numbers 'weak,good' with 0 <= weak <= good <= 100, e.g. 70,85",
            "PAR totals below the first are weak, from the second good", _band),
    Setting("CCHC_MAX_UPLOAD_MB", "200", "a whole number of megabytes above 0, e.g. 200",
            "the largest file an import accepts", _positive_int),
)}


@functools.lru_cache(maxsize=64)
def _parse(name: str, text: str) -> Any:
    setting = SETTINGS[name]
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise SettingError(f"{name}={text!r} cannot be used ({exc}): expected {setting.expected}") from None


def is_set(name: str) -> bool:
    """True when the environment gives the setting a (non-empty) value."""
    if name not in SETTINGS:
        raise KeyError(f"undeclared setting {name}")
    return bool(os.environ.get(name, "").strip())


def get(name: str) -> Any:
    """The value of a declared setting: parsed from the environment, else its default
    (None for a setting without one). Raises :class:`SettingError` for a bad value."""
    setting = SETTINGS[name]  # KeyError: an undeclared setting is a programming error
    text = os.environ.get(name, "").strip()
    if not text:
        return None if setting.default is None else _parse(name, setting.default)
    return _parse(name, text)


def check_all() -> None:
    """Parse every setting once, so that a bad value stops the start with one clear
    message rather than surfacing later on some page. Raises :class:`SettingError` naming
    every bad setting."""
    problems = []
    for name in SETTINGS:
        try:
            get(name)
        except SettingError as exc:
            problems.append(str(exc))
    if problems:
        raise SettingError("; ".join(problems))
