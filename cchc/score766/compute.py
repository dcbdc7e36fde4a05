"""The one computation of the Decision 766 index: used by the page, the CLI and the tests.

Counts come from SQL (queries/score766_*.sql); this module only sums them over the chosen
units, applies the metric definitions of the year (metrics.csv) and marks what cannot be
scored: a metric that does not apply to the unit's level is "not applicable", a metric whose
inputs are not loaded is "no data" (never a zero), and a group with a metric without data
has no group score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from cchc.core.periods import Period
from cchc.i18n.labels import t
from cchc.score766 import definitions
from cchc.score766.settings import Settings766, from_env
from cchc.store.db import DataError, run_query

INPUT_TABLES = ("dossier_services_766", "procedure_services_766", "feedback_766", "unit_services_766")
# the procedure level a unit handles: the district desk the district procedures, wards and
# communes the commune procedures (a province-level unit would handle its own)
LEVEL_OF_KIND = {"town": "district", "ward": "commune", "commune": "commune", "province": "province"}


class Score766Error(DataError):
    """The index cannot be computed (schema missing, unknown unit); safe to show. The
    message is the label ``key`` (cchc/i18n/labels.py): :meth:`text` in a page's language,
    ``str()`` in Vietnamese (the command line)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(t(key, "vi", **values))

    def text(self, lang: str = "vi") -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **self.values)


@dataclass
class MetricScore:
    """One sub-indicator's figures for a unit (or set of units) and period."""

    code: str
    group_code: str
    name: str
    max_points: float
    numerator: float | None
    denominator: float | None
    points: float | None
    status: str  # scored | not_applicable | no_data
    missing: tuple[str, ...] = ()  # the 766 tables to load when status is no_data
    source: str = ""

    @property
    def ratio(self) -> float | None:
        """numerator / denominator in %, None when it has no denominator."""
        if self.numerator is None or not self.denominator:
            return None
        return 100.0 * self.numerator / self.denominator


@dataclass
class GroupScore:
    """One of the six groups."""

    code: str
    max_points: float
    metrics: list[MetricScore]

    @property
    def points(self) -> float | None:
        """The group's points, or None when an applicable metric has no data."""
        if any(m.status == "no_data" for m in self.metrics):
            return None
        return sum(m.points or 0.0 for m in self.metrics if m.status == "scored")

    @property
    def missing(self) -> tuple[str, ...]:
        """The tables to load before the group can be scored."""
        return tuple(dict.fromkeys(t for m in self.metrics for t in m.missing))


@dataclass
class Score766:
    """The index of some units for one period, with the counts it was computed from."""

    period: Period
    units: tuple[str, ...]
    set_year: int
    groups: list[GroupScore]
    progress: dict  # the counts of Tiến độ giải quyết (counted, on_time, late and why)
    has_dossiers: bool
    previous: Score766 | None = None
    late_by_procedure: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def total(self) -> float | None:
        """The sum of the groups that have a score (None if none has)."""
        scored = [g.points for g in self.groups if g.points is not None]
        return sum(scored) if scored else None

    @property
    def total_max(self) -> float:
        """The maximum of the groups that have a score (100 when all have)."""
        return sum(g.max_points for g in self.groups if g.points is not None)

    @property
    def complete(self) -> bool:
        """Every group has a score, so the total is out of 100."""
        return all(g.points is not None for g in self.groups)

    def group(self, code: str) -> GroupScore:
        """The group ``code``."""
        return next(g for g in self.groups if g.code == code)

    def delta(self, code: str | None = None) -> float | None:
        """The change of the total (or of group ``code``) since the previous period."""
        if self.previous is None or not self.previous.has_dossiers:
            return None
        now = self.total if code is None else self.group(code).points
        before = self.previous.total if code is None else self.previous.group(code).points
        if now is None or before is None:
            return None
        return now - before

    def to_dict(self) -> dict:
        """A JSON-ready dict: what the CLI writes and the page shows (points rounded to 2)."""
        r2 = lambda v: None if v is None else round(v, 2)  # noqa: E731 (the portal publishes 2 decimals)
        return {
            "period": self.period.code,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "units": list(self.units),
            "metric_set": self.set_year,
            "has_dossiers": self.has_dossiers,
            "total": r2(self.total),
            "total_max": self.total_max,
            "complete": self.complete,
            "delta": r2(self.delta()),
            "groups": [
                {
                    "code": g.code, "points": r2(g.points), "max": g.max_points,
                    "delta": r2(self.delta(g.code)), "missing_inputs": list(g.missing),
                    "metrics": [
                        {"code": m.code, "name": m.name, "numerator": m.numerator,
                         "denominator": m.denominator, "ratio": r2(m.ratio), "points": r2(m.points),
                         "max": m.max_points, "status": m.status, "missing_inputs": list(m.missing)}
                        for m in g.metrics
                    ],
                }
                for g in self.groups
            ],
            "progress": {k: int(v) for k, v in self.progress.items()},
        }


# -- reading the counts ------------------------------------------------------------------
@dataclass
class Inputs:
    """Everything the index needs for one period, for every unit asked (one query each)."""

    period: Period
    units: pd.DataFrame          # unit_code, kind
    dossiers: pd.DataFrame       # queries/score766_dossiers.sql
    procedures: pd.DataFrame     # queries/score766_procedures.sql
    feedback: pd.DataFrame       # queries/score766_feedback.sql
    unit_services: pd.DataFrame  # queries/score766_unit_services.sql
    tables: dict[str, int]       # 766 table -> rows (absent tables missing)


def read_inputs(period: Period, unit_codes: list[str], db: Path | str | None = None,
                settings: Settings766 | None = None) -> Inputs:
    """Run the 766 queries for ``period`` and ``unit_codes``."""
    settings = settings or from_env()
    tables = dict(run_query("score766_inputs", db=db).itertuples(index=False, name=None))
    if "dossier_services_766" not in tables:
        raise Score766Error("s766_err_schema")
    units = run_query("units", db=db)
    unknown = sorted(set(unit_codes) - set(units["unit_code"]))
    if unknown:
        raise Score766Error("s766_err_unknown_units", units=", ".join(unknown))
    units = units[units["unit_code"].isin(unit_codes)][["unit_code", "kind"]]
    common = {"start": period.start, "end": period.end, "units": list(unit_codes)}
    dossiers = run_query("score766_dossiers", db=db, finish_states=list(settings.finish_states),
                         refusal_finishes=settings.refusal_finishes, **common)
    first, last = data_range(unit_codes, db)
    if first is None or period.start > last or period.end < first:
        # outside the data: dossiers still open when the data end would be judged forever
        # after; a period without received dossiers has no data, not a score
        dossiers = dossiers.iloc[0:0]
    return Inputs(
        period=period,
        units=units,
        dossiers=dossiers,
        procedures=run_query("score766_procedures", db=db, end=period.end),
        feedback=run_query("score766_feedback", db=db, **common),
        unit_services=run_query("score766_unit_services", db=db, year=period.end.year, units=list(unit_codes)),
        tables=tables,
    )


# -- scoring -----------------------------------------------------------------------------
def _sum(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].sum()) if len(frame) else 0


@dataclass(frozen=True)
class _Selection:
    """The inputs' rows of the chosen units: their dossiers, kinds, procedures (of their
    levels), feedback and unit services."""

    dossiers: pd.DataFrame
    kinds: set[str]
    procedures: pd.DataFrame
    feedback: pd.DataFrame
    unit_services: pd.DataFrame


def _select(inputs: Inputs, unit_codes: list[str]) -> _Selection:
    """The rows of ``inputs`` that belong to ``unit_codes``."""
    kinds = set(inputs.units.loc[inputs.units["unit_code"].isin(unit_codes), "kind"])
    levels = {LEVEL_OF_KIND.get(k, k) for k in kinds}
    return _Selection(
        dossiers=inputs.dossiers[inputs.dossiers["unit_code"].isin(unit_codes)],
        kinds=kinds,
        procedures=inputs.procedures[inputs.procedures["level"].isin(levels)],
        feedback=inputs.feedback[inputs.feedback["unit_code"].isin(unit_codes)],
        unit_services=inputs.unit_services[inputs.unit_services["unit_code"].isin(unit_codes)],
    )


def _present(inputs: Inputs, sel: _Selection) -> dict[str, bool]:
    """766 table -> whether it holds data for these units (a metric needing an absent one
    has no data, never a zero)."""
    d, procs, us = sel.dossiers, sel.procedures, sel.unit_services
    return {
        "dossier_services_766": _sum(d, "with_services") > 0,
        "procedure_services_766": bool(len(procs)) and bool(procs["has_services"].any()),
        "feedback_766": inputs.tables.get("feedback_766", 0) > 0,
        "unit_services_766": len(us) > 0 and us["e_certified_copy"].notna().all(),
    }


def _counts(sel: _Selection) -> dict[str, tuple]:
    """Metric code -> (numerator, denominator), summed over the units."""
    d, procs, fb, us = sel.dossiers, sel.procedures, sel.feedback, sel.unit_services
    counted = _sum(d, "counted")
    online_procs = procs[procs["provided_online"].fillna(False).astype(bool)]
    fee_procs = procs[procs["fee_bearing"].fillna(False).astype(bool)]
    by_proc = d.groupby("procedure_code")[["counted", "received_online", "paid_online"]].sum()

    def procs_with(frame: pd.DataFrame, column: str) -> int:
        """How many procedures of ``frame`` have a dossier with ``column`` above zero."""
        hits = by_proc[by_proc[column] > 0].index
        return int(frame["procedure_code"].isin(hits).sum())

    eligible = procs[procs["fully_online_eligible"].fillna(False).astype(bool)]["procedure_code"]
    d_eligible = d[d["procedure_code"].isin(eligible)]
    published = procs.dropna(subset=["published_on_time"])
    return {
        "publish_on_time": (int(published["published_on_time"].sum()), len(published)),
        "public_update_on_time": (int(published["published_on_time"].sum()), len(published)),
        "public_content_full": (int(procs["content_complete"].fillna(False).sum()), len(procs)),
        "dossier_sync": (_sum(d, "synced_received"), _sum(d, "received")),
        "progress_on_time": (_sum(d, "on_time"), counted),
        "procedures_online": (len(online_procs), len(procs)),
        "procedures_with_online_dossiers": (procs_with(online_procs, "received_online"), len(online_procs)),
        "online_dossiers": (_sum(d, "received_online"), _sum(d, "received")),
        "fully_online_dossiers": (_sum(d_eligible, "received_online"), _sum(d_eligible, "received")),
        "online_payment_dossiers": (_sum(d, "paid_online"), _sum(d, "with_fee")),
        "fee_procedures_paid_online": (procs_with(fee_procs, "paid_online"), len(fee_procs)),
        "fee_procedures_with_dossiers": (procs_with(fee_procs, "counted"), len(fee_procs)),
        "feedback_on_time": (_sum(fb, "on_time"), _sum(fb, "received")),
        "feedback_satisfaction": (_sum(fb, "satisfied"), _sum(fb, "received")),
        # 100 % - late rate - complaint rate (a late dossier with a complaint counts twice)
        "dossier_satisfaction": (max(0, counted - _sum(d, "late") - _sum(d, "complaint")), counted),
        "e_result": (_sum(d, "e_result"), counted),
        "digitised": (_sum(d, "digitised"), counted),
        "e_certified_copy": ((bool(us["e_certified_copy"].all()) if len(us) else None), None),
        "reused_data": (_sum(d, "reused_received"), _sum(d, "received")),
        "personal_store": (_sum(d, "personal_store_received"), _sum(d, "received")),
        "population_data": (_sum(d, "population_data"), counted),
        "procedures_population_linked": (int(procs["population_linked"].fillna(False).sum()), len(procs)),
    }


def _score_metric(m: definitions.Metric, group_code: str, counts: dict[str, tuple], kinds: set[str], present: dict[str, bool],
                  counted: int, lang: str) -> MetricScore:
    """One metric's score: not applicable to these units' kinds, no data (inputs not loaded,
    or no dossier counted for the progress metric), or its points."""
    num, den = counts[m.code]
    applies = bool(kinds) and all(k in m.applies_to for k in kinds)
    missing = tuple(t for t in m.inputs if not present[t])
    if not applies:
        status, points, missing = "not_applicable", None, ()
    elif missing or (m.code == "progress_on_time" and counted == 0):
        status, points = "no_data", None
    else:
        points = m.points(num, den)
        status = "scored" if points is not None else "not_applicable"
    return MetricScore(m.code, group_code, m.name(lang), m.max_points, num, den, points, status, missing, m.source)


# the counts of Tiến độ giải quyết kept with the score (Score766.progress)
PROGRESS_COLUMNS = ("counted", "on_time", "late", "late_finished", "late_open", "late_waiting_supplement",
                    "late_second_supplement", "late_no_due", "late_with_supplement", "received")


def score_units(inputs: Inputs, unit_codes: list[str], lang: str = "vi") -> Score766:
    """The index of ``unit_codes`` (summed counts, as the portal scores a parent unit)."""
    period = inputs.period
    sel = _select(inputs, unit_codes)
    d = sel.dossiers
    counted = _sum(d, "counted")
    present = _present(inputs, sel)
    counts = _counts(sel)
    groups = [
        GroupScore(group_code, metrics[0].group_max,
                   [_score_metric(m, group_code, counts, sel.kinds, present, counted, lang) for m in metrics])
        for group_code, metrics in definitions.metrics_for_year(period.start.year).items()
    ]
    # the late dossiers by unit and procedure, with the reasons' columns (late .. late_with_supplement)
    late = d[d["late"] > 0][["unit_code", "procedure_code", *PROGRESS_COLUMNS[2:9]]]
    return Score766(
        period=period, units=tuple(unit_codes), set_year=definitions.set_year(period.start.year),
        groups=groups, progress={c: _sum(d, c) for c in PROGRESS_COLUMNS}, has_dossiers=counted > 0,
        late_by_procedure=late.reset_index(drop=True),
    )


def compute(period: Period, unit_codes: list[str], db: Path | str | None = None,
            settings: Settings766 | None = None, with_previous: bool = True, lang: str = "vi") -> Score766:
    """The Decision 766 index of ``unit_codes`` for ``period``, with the previous period's."""
    if not unit_codes:
        raise Score766Error("s766_err_no_units")
    settings = settings or from_env()
    score = score_units(read_inputs(period, unit_codes, db, settings), unit_codes, lang)
    if with_previous:
        score.previous = score_units(read_inputs(period.previous(), unit_codes, db, settings), unit_codes, lang)
    return score


def rank(period: Period, unit_codes: list[str], db: Path | str | None = None,
         settings: Settings766 | None = None) -> pd.DataFrame:
    """Every unit of ``unit_codes`` scored alone: unit_code, kind, total, total_max, complete,
    and its rank among the units of the same kind (1 = best; units without dossiers unranked)."""
    inputs = read_inputs(period, unit_codes, db, settings)
    rows = []
    for unit, kind in inputs.units.itertuples(index=False, name=None):
        s = score_units(inputs, [unit])
        rows.append({"unit_code": unit, "kind": kind, "total": s.total if s.has_dossiers else None,
                     "total_max": s.total_max, "complete": s.complete})
    frame = pd.DataFrame(rows, columns=["unit_code", "kind", "total", "total_max", "complete"])
    frame["rank"] = frame.groupby("kind")["total"].rank(ascending=False, method="min")
    return frame


def monthly_trend(period: Period, unit_codes: list[str], db: Path | str | None = None,
                  settings: Settings766 | None = None) -> pd.DataFrame:
    """The total and each group's points per month of ``period`` (one row per month)."""
    from cchc.core.periods import months_between

    rows = []
    for month in months_between(period.start, period.end):
        s = score_units(read_inputs(month, unit_codes, db, settings), unit_codes)
        row = {"month": month.start, "total": s.total if s.has_dossiers else None}
        row.update({g.code: (g.points if s.has_dossiers else None) for g in s.groups})
        rows.append(row)
    return pd.DataFrame(rows)


def data_range(unit_codes: list[str], db: Path | str | None = None) -> tuple[date | None, date | None]:
    """The first and last reception dates of the units' dossiers."""
    row = run_query("score766_data_range", db=db, units=list(unit_codes)).iloc[0]
    first, last = row["first_received"], row["last_received"]
    return (None if pd.isna(first) else pd.Timestamp(first).date(),
            None if pd.isna(last) else pd.Timestamp(last).date())
