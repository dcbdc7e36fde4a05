"""The metric definitions of the Decision 766 index, versioned by year, read from metrics.csv.

The metric set changed between years (domain.md §8): the file holds each metric with the
first year of the set it belongs to (``set_year``). For a year Y a group uses the rows of
the latest set year <= Y that defines that group, so the 2026 set only lists what changed.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

METRICS_FILE = Path(__file__).resolve().parent / "metrics.csv"
# The six groups, in the portal's order (their labels are g766_<code> in cchc/i18n/labels.py).
GROUP_CODES = ("cong_khai", "tien_do", "dvc_truc_tuyen", "thanh_toan", "hai_long", "so_hoa")
FIRST_YEAR = 2022  # the decision is of 23/6/2022: earlier periods are scored with the 2022 set
GROUP_ORDER = ("cong_khai", "tien_do", "dvc_truc_tuyen", "thanh_toan", "hai_long", "so_hoa")
SCORINGS = ("linear", "threshold", "flag")
ZERO_DENOMINATOR = ("none", "zero", "full")


@dataclass(frozen=True)
class Metric:
    """One sub-indicator: how many points, how they are scored, to whom it applies."""

    set_year: int
    group_code: str
    group_max: float
    code: str
    portal_code: str
    max_points: float
    scoring: str            # linear: max × ratio; threshold: min(max, max × ratio / threshold); flag
    threshold: float | None
    zero_denominator: str   # none: not scored; zero: 0 points; full: full points
    applies_to: tuple[str, ...]
    inputs: tuple[str, ...]  # the 766 tables it needs (empty: core data only)
    name_vi: str
    name_en: str
    source: str

    def points(self, numerator: float | None, denominator: float | None) -> float | None:
        """The points for a numerator and denominator (None: not scored)."""
        if self.scoring == "flag":
            return None if numerator is None else (self.max_points if numerator else 0.0)
        if not denominator:
            return {"none": None, "zero": 0.0, "full": self.max_points}[self.zero_denominator]
        ratio = numerator / denominator
        if self.scoring == "linear":
            return self.max_points * ratio
        return min(self.max_points, self.max_points * ratio / self.threshold)

    def name(self, lang: str = "vi") -> str:
        """The metric's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_vi


@functools.cache
def all_metrics() -> tuple[Metric, ...]:
    """Every row of metrics.csv, checked (a bad file is a programming error, not user input)."""
    rows = []
    with METRICS_FILE.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            metric = Metric(
                set_year=int(r["set_year"]), group_code=r["group_code"], group_max=float(r["group_max"]),
                code=r["metric_code"], portal_code=r["portal_code"], max_points=float(r["max_points"]),
                scoring=r["scoring"], threshold=float(r["threshold"]) if r["threshold"] else None,
                zero_denominator=r["zero_denominator"],
                applies_to=tuple(x for x in r["applies_to"].split(";") if x),
                inputs=tuple(x for x in r["inputs"].split(";") if x),
                name_vi=r["name_vi"], name_en=r["name_en"], source=r["source"],
            )
            if metric.group_code not in GROUP_ORDER or metric.scoring not in SCORINGS \
                    or metric.zero_denominator not in ZERO_DENOMINATOR \
                    or (metric.scoring == "threshold") != (metric.threshold is not None):
                raise ValueError(f"metrics.csv: bad row for {metric.code}")
            rows.append(metric)
    return tuple(rows)


def metrics_for_year(year: int) -> dict[str, list[Metric]]:
    """The metrics of each group for ``year``, groups in the portal's order."""
    year = max(year, FIRST_YEAR)
    result: dict[str, list[Metric]] = {}
    for group in GROUP_ORDER:
        rows = [m for m in all_metrics() if m.group_code == group and m.set_year <= year]
        latest = max(m.set_year for m in rows)
        result[group] = [m for m in rows if m.set_year == latest]
        total = sum(m.max_points for m in result[group])
        if abs(total - result[group][0].group_max) > 1e-9:
            raise ValueError(f"metrics.csv: {group} of {latest} sums to {total}, not {result[group][0].group_max}")
    return result


def set_year(year: int) -> int:
    """The set year used for ``year`` of the group that changed last (for display)."""
    year = max(year, FIRST_YEAR)
    return max(m.set_year for m in all_metrics() if m.set_year <= year)
