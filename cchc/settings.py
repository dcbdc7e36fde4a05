"""The settings of the product: one declaration per ``CCHC_*`` environment variable.

Every read of a ``CCHC_*`` variable in ``cchc/`` goes through :func:`get`; README.md's
settings table lists each of them (tests/structure/test_settings.py checks it). A value that cannot be
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Setting", "SETTINGS", "SettingError", "get", "check_all", "is_set", "parse"]


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


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number") from None
    if not value > 0:
        raise ValueError("not positive")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("not a whole number") from None
    if value <= 0:
        raise ValueError("not positive")
    return value


def _text(text: str) -> str:
    return text.strip()


def _text_list(text: str) -> tuple[str, ...]:
    items = tuple(part.strip() for part in text.split("|") if part.strip())
    if not items:
        raise ValueError("no item")
    return items


def _int_list(allowed: tuple[int, ...]) -> Callable[[str], tuple[int, ...]]:
    def parse(text: str) -> tuple[int, ...]:
        try:
            values = tuple(int(part) for part in text.split(",") if part.strip())
        except ValueError:
            raise ValueError("not whole numbers separated by commas") from None
        if not values or any(v not in allowed for v in values):
            raise ValueError(f"not among {', '.join(map(str, allowed))}")
        return values
    return parse


def _flag(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("not 1 or 0")


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("not a whole number") from None
    if value < 0:
        raise ValueError("negative")
    return value


def _increasing_percents(text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise ValueError("not numbers separated by commas") from None
    if not values or list(values) != sorted(values) or not all(0 <= v <= 100 for v in values):
        raise ValueError("not increasing percentages")
    return values


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
    Setting("CCHC_DB", None, "a path to a DuckDB file or a Parquet export folder",
            "the database the dashboard, the report and the importer use "
            "(default: the demo database data/demo.duckdb); a folder written by "
            "python -m cchc export-parquet is read-only", _path),
    Setting("CCHC_ONTIME_TARGET", "98", "a percentage above 0 and at most 100, e.g. 98 or 97.5",
            "on-time target in %; units below it are marked everywhere", _percent),
    Setting("CCHC_PAR_BAND", "70,85", "two numbers 'weak,good' with 0 <= weak <= good <= 100, e.g. 70,85",
            "PAR totals below the first are weak, from the second good", _band),
    Setting("CCHC_MAX_UPLOAD_MB", "200", "a whole number of megabytes above 0, e.g. 200",
            "the largest file an import accepts", _positive_int),
    Setting("CCHC_QUERY_TIMEOUT_S", "30", "a number of seconds above 0, e.g. 30",
            "the longest a query may run; a longer one is stopped with a message", _positive_float),
    # the units' map of the Tiến độ page (cchc/charts/unit_map.py, docs/map.md)
    Setting("CCHC_MAP_GEOJSON", None, "a path to a GeoJSON FeatureCollection of Polygons or MultiPolygons",
            "administrative boundaries drawn under the units' map (empty: a plain background)", _path),
    # the live feed from the one-stop system's PostgreSQL (cchc/sync/, docs/import.md)
    Setting("CCHC_SYNC_URL", None, "a postgresql:// address, e.g. postgresql://reader@10.0.0.5/motcua",
            "the source python -m cchc sync reads when no address is given (empty: none)", _text),
    Setting("CCHC_SYNC_EVERY_MIN", "15", "a whole number of minutes above 0, e.g. 15",
            "how often the scheduled sync runs (the cron line's interval); the Data page warns when the last "
            "run is older than twice this", _positive_int),
    # sign-in and the audit trail (docs/security.md)
    Setting("CCHC_AUTH_HEADER", None, "a request header name, e.g. X-Remote-User",
            "the header a signing-in reverse proxy (CAS) sets to the user's e-mail (empty: off)", _text),
    Setting("CCHC_ALLOW_ANONYMOUS", "0", "1 or 0",
            "1 lets a dashboard without sign-in answer other machines (with a warning banner)", _flag),
    Setting("CCHC_AUDIT_DB", None, "a path to a DuckDB file",
            "the audit trail's file (empty: <database>.audit.duckdb beside the database)", _path),
    # the meeting report's issuer (Decree 30/2020 layout), cchc/report/document.py
    Setting("CCHC_ISSUER_PARENT", "UBND THÀNH PHỐ HÀ NỘI", "a line of text",
            "the report's parent body (top left, above the issuer)", _text),
    Setting("CCHC_ISSUER", "UBND THỊ XÃ SƠN TÂY", "a line of text", "the report's issuing body (top left)", _text),
    Setting("CCHC_PLACE", "Sơn Tây", "a place name", "the place before the report's date", _text),
    Setting("CCHC_SIGNER", None, "a person's name", "the signer's name (empty: a blank line to write it in)", _text),
    Setting("CCHC_SIGNER_TITLE", None, "a title, e.g. CHỦ TỊCH",
            "the signer's title (empty: CHỦ TỊCH)", _text),
    Setting("CCHC_RECIPIENTS", None, "recipients separated by |",
            "the report's Nơi nhận (empty: the demo's list)", _text_list),
    # the Decision 766 rules, cchc/score766/settings.py (docs/766.md)
    Setting("CCHC_766_FINISH_STATES", "7,8,9,10", "states among 7, 8, 9, 10 separated by commas",
            "dossier states that end processing for the 766 on-time rule", _int_list((7, 8, 9, 10))),
    Setting("CCHC_766_REFUSAL_FINISHES", "1", "1 or 0",
            "whether a refusal after reception ends processing for the 766 rule", _flag),
    Setting("CCHC_766_WARN_DAYS", "2", "a whole number of working days, 0 or more",
            "the worklist shows dossiers due within this many working days", _non_negative_int),
    Setting("CCHC_766_BANDS", "50,70,80,90", "increasing percentages separated by commas",
            "766 score bands in % of the maximum (a third-party convention, not official)", _increasing_percents),
)}


@functools.lru_cache(maxsize=64)
def _parse(name: str, text: str) -> Any:
    setting = SETTINGS[name]
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise SettingError(f"{name}={text!r} cannot be used ({exc}): expected {setting.expected}") from None


def parse(name: str, text: str) -> Any:
    """The value of ``text`` for the declared setting ``name`` (for a value that does not
    come from the environment, e.g. a test's). Raises :class:`SettingError`."""
    return _parse(name, text.strip())


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
