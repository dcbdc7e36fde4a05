"""Settings of the Decision 766 rules, from the environment (like CCHC_ONTIME_TARGET).

Implementations of the portal differ (Thanh Hóa's treats 8 "stopped" as paused), so the
finishing states are a setting. No official colour bands exist: the bands are a setting and
are never called official. (To move into the settings table of cchc/settings.py when merged.)

| variable | default | meaning |
| CCHC_766_FINISH_STATES | 7,8,9,10 | states that end processing (7 withdrawn, 8 stopped, 9, 10) |
| CCHC_766_REFUSAL_FINISHES | 1 | a refusal after reception ends processing (1/0) |
| CCHC_766_WARN_DAYS | 2 | the worklist shows dossiers due within this many working days |
| CCHC_766_BANDS | 50,70,80,90 | score bands in % of the maximum (third-party convention) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass

VALID_FINISH_STATES = (7, 8, 9, 10)


class SettingError(ValueError):
    """A setting that cannot be understood; the message is safe to show."""


@dataclass(frozen=True)
class Settings766:
    """The rule settings of one computation."""

    finish_states: tuple[int, ...] = (7, 8, 9, 10)
    refusal_finishes: bool = True
    warn_days: int = 2
    bands: tuple[float, ...] = (50.0, 70.0, 80.0, 90.0)

    def __post_init__(self) -> None:
        if not self.finish_states or any(s not in VALID_FINISH_STATES for s in self.finish_states):
            raise SettingError("finishing states must be among 7, 8, 9, 10")
        if self.warn_days < 0:
            raise SettingError("the warning days must be 0 or more")
        if list(self.bands) != sorted(self.bands):
            raise SettingError("the bands must be increasing")


def _ints(text: str, name: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise SettingError(f"{name}: expected numbers separated by commas, got {text!r}") from None


def from_env(env: dict | None = None) -> Settings766:
    """The settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    try:
        bands = tuple(float(x) for x in env.get("CCHC_766_BANDS", "50,70,80,90").split(",") if x.strip())
        warn = int(env.get("CCHC_766_WARN_DAYS", "2"))
    except ValueError:
        raise SettingError("CCHC_766_BANDS / CCHC_766_WARN_DAYS must be numbers") from None
    return Settings766(
        finish_states=_ints(env.get("CCHC_766_FINISH_STATES", "7,8,9,10"), "CCHC_766_FINISH_STATES"),
        refusal_finishes=env.get("CCHC_766_REFUSAL_FINISHES", "1").strip() not in ("0", "false", "no"),
        warn_days=warn,
        bands=bands,
    )


def band(percent: float | None, settings: Settings766) -> int | None:
    """Which band a score in % of its maximum falls in: 0 (below the first) .. len(bands)."""
    if percent is None:
        return None
    return sum(percent >= b for b in settings.bands)
