"""Settings of the Decision 766 rules, from the environment (like CCHC_ONTIME_TARGET).

Implementations of the portal differ (Thanh Hóa's treats 8 "stopped" as paused), so the
finishing states are a setting. No official colour bands exist: the bands are a setting and
are never called official. The values are declared, parsed and validated in cchc/settings.py.

| variable | default | meaning |
| CCHC_766_FINISH_STATES | 7,8,9,10 | states that end processing (7 withdrawn, 8 stopped, 9, 10) |
| CCHC_766_REFUSAL_FINISHES | 1 | a refusal after reception ends processing (1/0) |
| CCHC_766_WARN_DAYS | 2 | the worklist shows dossiers due within this many working days |
| CCHC_766_BANDS | 50,70,80,90 | score bands in % of the maximum (third-party convention) |
"""

from __future__ import annotations

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


def from_env(env: dict | None = None) -> Settings766:
    """The settings, parsed and validated by cchc/settings.py: from the environment, or from
    ``env`` (a mapping of the same names, for tests) with the declared defaults."""
    from cchc import settings

    def value(name: str):
        if env is None:
            return settings.get(name)
        try:
            return settings.parse(name, env.get(name) or settings.SETTINGS[name].default)
        except settings.SettingError as exc:
            raise SettingError(str(exc)) from None

    return Settings766(
        finish_states=value("CCHC_766_FINISH_STATES"),
        refusal_finishes=value("CCHC_766_REFUSAL_FINISHES"),
        warn_days=value("CCHC_766_WARN_DAYS"),
        bands=value("CCHC_766_BANDS"),
    )


def band(percent: float | None, settings: Settings766) -> int | None:
    """Which band a score in % of its maximum falls in: 0 (below the first) .. len(bands)."""
    if percent is None:
        return None
    return sum(percent >= b for b in settings.bands)
