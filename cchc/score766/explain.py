""""Points lost and why": for each sub-indicator the points missing and what caused them,
in plain Vietnamese, each with a link to the filtered dossier list (/ho-so).

The dossier page takes the shared filters (period, unit) and its own ``dl_proc``
(procedure codes, cchc/core/dossier_list.py), so a link opens the dossiers of one unit and
procedure in the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from cchc.i18n.formats import fmt_int, fmt_num
from cchc.score766.compute import Score766

REASONS = {  # column of queries/score766_dossiers.sql -> what it means, in Vietnamese
    "late_finished": "giải quyết xong sau hạn",
    "late_open": "chưa xong, đã quá hạn cuối kỳ",
    "late_waiting_supplement": "chờ bổ sung nhưng yêu cầu bổ sung sau hạn",
    "late_second_supplement": "do yêu cầu bổ sung lần 2",
    "late_no_due": "không có ngày hẹn, vượt thời hạn luật định",
}


@dataclass
class Loss:
    """Points missing on one sub-indicator, and why."""

    metric_code: str
    group_code: str
    points_lost: float
    text: str
    links: list[tuple[str, str]]  # (label, URL of the filtered dossier list)


def _points(value: float) -> str:
    return fmt_num(value, 1)


def dossier_link(period, unit: str, procedure: str | None = None) -> str:
    """The dossier list (/ho-so) of ``unit`` (and ``procedure``) in ``period``."""
    params = dict(period.to_query_params())
    params["unit"] = unit
    if procedure:
        params["dl_proc"] = procedure
    return "/ho-so?" + urlencode(params)


def losses(score: Score766, top: int = 5) -> list[Loss]:
    """Every scored sub-indicator that lost points, most points first."""
    out = []
    for group in score.groups:
        for m in group.metrics:
            if m.status != "scored" or m.points is None or m.max_points - m.points < 0.005:
                continue
            lost = m.max_points - m.points
            links: list[tuple[str, str]] = []
            if m.code == "progress_on_time":
                p = score.progress
                why = [f"{fmt_int(p[c])} {REASONS[c]}" for c in REASONS if p.get(c)]
                text = (f"−{_points(lost)} điểm tiến độ: {fmt_int(p['late'])} hồ sơ quá hạn"
                        + (f", trong đó {fmt_int(p['late_second_supplement'])} do yêu cầu bổ sung lần 2"
                           if p.get("late_second_supplement") else "")
                        + (f" ({'; '.join(why)})" if why else ""))
                worst = score.late_by_procedure.sort_values("late", ascending=False).head(top)
                for unit, proc, late in worst[["unit_code", "procedure_code", "late"]].itertuples(index=False):
                    links.append((f"{unit} · {proc}: {fmt_int(late)} hồ sơ quá hạn",
                                  dossier_link(score.period, unit, proc)))
            else:
                num = "—" if m.numerator is None else fmt_int(m.numerator)
                den = "—" if m.denominator is None else fmt_int(m.denominator)
                text = f"−{_points(lost)} điểm «{m.name}»: đạt {num}/{den}"
                links = [(u, dossier_link(score.period, u)) for u in score.units[:top]]
            out.append(Loss(m.code, group.code, lost, text, links))
    return sorted(out, key=lambda x: -x.points_lost)
