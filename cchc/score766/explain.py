""""Points lost and why": for each sub-indicator the points missing and what caused them,
in plain words of the page's language (cchc/i18n/labels.py), each with a link to the filtered dossier list (/ho-so).

The dossier page takes the shared filters (period, unit) and its own ``dl_proc``
(procedure codes, cchc/core/dossier_list.py), so a link opens the dossiers of one unit and
procedure in the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from cchc.i18n.formats import fmt_int, fmt_num
from cchc.i18n.labels import t
from cchc.score766.compute import Score766

# columns of queries/score766_dossiers.sql -> the label key of what they mean
REASONS = {
    "late_finished": "s766_reason_late_finished",
    "late_open": "s766_reason_late_open",
    "late_waiting_supplement": "s766_reason_late_waiting_supplement",
    "late_second_supplement": "s766_reason_late_second_supplement",
    "late_no_due": "s766_reason_late_no_due",
}


@dataclass
class Loss:
    """Points missing on one sub-indicator, and why."""

    metric_code: str
    group_code: str
    points_lost: float
    text: str
    links: list[tuple[str, str]]  # (label, URL of the filtered dossier list)


def _points(value: float, lang: str) -> str:
    return fmt_num(value, 1, lang)


def dossier_link(period, unit: str, procedure: str | None = None) -> str:
    """The dossier list (/ho-so) of ``unit`` (and ``procedure``) in ``period``."""
    params = dict(period.to_query_params())
    params["unit"] = unit
    if procedure:
        params["dl_proc"] = procedure
    return "/ho-so?" + urlencode(params)


def losses(score: Score766, top: int = 5, lang: str = "vi") -> list[Loss]:
    """Every scored sub-indicator that lost points, most points first, in ``lang``."""
    out = []
    for group in score.groups:
        for m in group.metrics:
            if m.status != "scored" or m.points is None or m.max_points - m.points < 0.005:
                continue
            lost = m.max_points - m.points
            if m.code == "progress_on_time":
                text, links = _progress_loss(score, lost, top, lang)
            else:
                num = "—" if m.numerator is None else fmt_int(m.numerator, lang)
                den = "—" if m.denominator is None else fmt_int(m.denominator, lang)
                text = t("s766_loss_metric", lang, points=_points(lost, lang), name=m.name, num=num, den=den)
                links = [(u, dossier_link(score.period, u)) for u in score.units[:top]]
            out.append(Loss(m.code, group.code, lost, text, links))
    return sorted(out, key=lambda x: -x.points_lost)


def _progress_loss(score: Score766, lost: float, top: int, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The Tiến độ loss: the late dossiers and why, and links to the procedures with most."""
    p = score.progress
    why = [f"{fmt_int(p[c], lang)} {t(REASONS[c], lang)}" for c in REASONS if p.get(c)]
    text = (t("s766_loss_progress", lang, points=_points(lost, lang), late=fmt_int(p["late"], lang))
            + (t("s766_loss_second", lang, n=fmt_int(p["late_second_supplement"], lang))
               if p.get("late_second_supplement") else "")
            + (f" ({'; '.join(why)})" if why else ""))
    worst = score.late_by_procedure.sort_values("late", ascending=False).head(top)
    links = [(t("s766_loss_link", lang, unit=unit, procedure=proc, n=fmt_int(late, lang)),
              dossier_link(score.period, unit, proc))
             for unit, proc, late in worst[["unit_code", "procedure_code", "late"]].itertuples(index=False)]
    return text, links
