"""What the Chỉ số 766 and Cảnh báo pages show, as display tables (no Streamlit).

Every text comes from cchc/i18n/labels.py in the page's language, every number in its
format (vi: 61,36; 1.261). The same tables serve the page (st.dataframe) and presentation
mode (a slide's table, cchc/ui/presentation.py), so the numbers are written here as text
once: two decimals for points, as the portal publishes them.

- :func:`tiles`: the scorecard, the total first ("61,36", the maximum in the label: the
  value must fit a tile at 1366 px);
- :func:`groups_table`: the six groups and the total row;
- :func:`metrics_table`: the sub-indicators under their groups' rows (the slides show
  :data:`METRIC_SLIDES` groups each);
- :func:`worklist_table`, :func:`feedback_table`: the Cảnh báo lists with a total row, and
  :func:`pages` to cut the dossier list into slides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cchc.i18n.formats import fmt_date, fmt_int, fmt_num, fmt_pct, is_missing
from cchc.i18n.labels import t
from cchc.score766.compute import GroupScore, MetricScore, Score766

# The sub-indicator slides: the groups of each (8 and 13 sub-indicators, with their groups'
# rows 11 and 16 rows: a slide holds 18 rows of the slides' type).
METRIC_SLIDES = (("cong_khai", "tien_do", "dvc_truc_tuyen"), ("thanh_toan", "hai_long", "so_hoa"))
# The worklist on a projector: rows per slide (the header and the total row make 16, what a
# 1366×768 slide holds under its title and heading), and at most this many slides: the
# meeting sees the most urgent dossiers, the page and the Excel file have them all.
WORKLIST_SLIDE_ROWS = 14
WORKLIST_SLIDES_MAX = 5
# "Points lost and why" on a slide: the largest losses (one line each, the Tiến độ one two)
LOSSES_SLIDE_MAX = 8
# A slide's table does not wrap: a procedure's name longer than this is cut with "…".
SLIDE_TEXT_MAX = 46

KIND_LABELS = {  # the worklist SQL's kinds -> their label keys
    "overdue": "w766_kind_overdue",
    "due_soon": "w766_kind_due_soon",
    "second_supplement": "w766_kind_second_supplement",
}


def points_text(value: float | None, lang: str = "vi") -> str:
    """Points as the portal publishes them: two decimals (61,36); '—' when not scored."""
    return "—" if value is None else fmt_num(value, 2, lang)


def change_text(value: float | None, lang: str = "vi", minus: str = "−") -> str | None:
    """A change of points with its sign (+0,60 / −2,10); None when there is nothing to compare.
    A tile's change takes ``minus="-"``: st.metric colours a change by its leading ASCII sign."""
    if value is None:
        return None
    text = fmt_num(abs(value), 2, lang)
    return f"+{text}" if value >= 0 else f"{minus}{text}"


def short(text, limit: int = SLIDE_TEXT_MAX) -> str:
    """``text`` cut to ``limit`` characters with '…' (a slide's cells do not wrap)."""
    text = "" if is_missing(text) else str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Tile:
    """One scorecard tile: label (with the maximum), value and change since the previous period."""

    label: str
    value: str
    delta: str | None


def tiles(score: Score766, lang: str = "vi") -> list[Tile]:
    """The total, then the six groups. The maximum is in the label ("Tổng điểm (/100)"), not in
    the value: "61,36/100" did not fit its tile at 1366 px."""
    out = [Tile(t("s766_tile", lang, name=t("s766_total", lang), max=fmt_num(score.total_max, 0, lang)),
                points_text(score.total, lang), change_text(score.delta(), lang, "-"))]
    for group in score.groups:
        out.append(Tile(t("s766_tile", lang, name=t(f"g766_{group.code}", lang), max=fmt_num(group.max_points, 0, lang)),
                        points_text(group.points, lang), change_text(score.delta(group.code), lang, "-")))
    return out


def _share(points: float | None, maximum: float, lang: str) -> str:
    return "—" if points is None or not maximum else fmt_pct(100.0 * points / maximum, 1, lang)


def _group_note(group: GroupScore, lang: str) -> str:
    return t("s766_no_data_load", lang, tables=", ".join(group.missing)) if group.points is None else ""


def groups_table(score: Score766, lang: str = "vi") -> pd.DataFrame:
    """The six groups: points, maximum, share of the maximum, change, and what to load when a
    group has no data; the last row the total (of the groups with a score)."""
    rows = [[t(f"g766_{g.code}", lang), points_text(g.points, lang), fmt_num(g.max_points, 0, lang),
             _share(g.points, g.max_points, lang), change_text(score.delta(g.code), lang) or "",
             _group_note(g, lang)] for g in score.groups]
    partial = "" if score.complete else t(
        "s766_partial_total", lang, n=sum(g.points is not None for g in score.groups),
        max=fmt_num(score.total_max, 0, lang))
    rows.append([t("s766_total_row", lang), points_text(score.total, lang), fmt_num(score.total_max, 0, lang),
                 _share(score.total, score.total_max, lang), change_text(score.delta(), lang) or "", partial])
    headers = [t(k, lang) for k in ("s766_col_group", "s766_col_points", "s766_col_max", "s766_col_share",
                                    "s766_col_change", "s766_col_note")]
    return pd.DataFrame(rows, columns=headers)


def count_text(value, lang: str = "vi") -> str:
    """A numerator or denominator as shown: the language's digits, a yes/no metric in words
    (a bare True/False would reach the screen in English), '—' when missing."""
    if value is None or is_missing(value):
        return "—"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return t("s766_yes" if value else "s766_no", lang)
    return fmt_num(value, 0 if float(value).is_integer() else 2, lang)


def _metric_note(m: MetricScore, lang: str, brief: bool) -> str:
    if m.status == "not_applicable":
        return t("s766_not_applicable", lang)
    if m.status == "no_data":
        return t("s766_no_data", lang) if brief else t("s766_no_data_load", lang, tables=", ".join(m.missing))
    return ""


def metrics_table(score: Score766, lang: str = "vi", groups: tuple[str, ...] | None = None,
                  brief: bool = False) -> tuple[pd.DataFrame, list[int]]:
    """The sub-indicators of ``groups`` (all when None), each group's row (its name, points,
    maximum) above its sub-indicators; returns the table and the positions of the group rows
    (drawn in bold). ``brief``: the notes in a word and names cut to fit a slide."""
    rows, group_rows = [], []
    for g in score.groups:
        if groups is not None and g.code not in groups:
            continue
        group_rows.append(len(rows))
        rows.append([t(f"g766_{g.code}", lang), "", "", "", points_text(g.points, lang),
                     fmt_num(g.max_points, 0, lang), t("s766_no_data", lang) if g.points is None else ""])
        for m in g.metrics:
            name = short(m.name, 64) if brief else m.name
            rows.append([name, count_text(m.numerator, lang), count_text(m.denominator, lang),
                         "—" if m.ratio is None else fmt_pct(m.ratio, 2, lang),
                         points_text(m.points, lang), fmt_num(m.max_points, 0, lang), _metric_note(m, lang, brief)])
    headers = [t(k, lang) for k in ("s766_col_metric", "s766_col_numerator", "s766_col_denominator", "s766_col_ratio",
                                    "s766_col_points", "s766_col_max", "s766_col_note")]
    return pd.DataFrame(rows, columns=headers), group_rows


def bold_rows(display: pd.DataFrame, rows: list[int]):
    """A Styler of ``display`` with the rows at ``rows`` (positions) in bold."""
    chosen = set(rows)

    def style(row: pd.Series) -> list[str]:
        return ["font-weight: 700" if row.name in chosen else ""] * len(row)

    return display.reset_index(drop=True).style.apply(style, axis=1)


# -- the worklist (Cảnh báo) ------------------------------------------------------------------
def _day(value, lang: str) -> str:
    return "—" if is_missing(value) else fmt_date(pd.Timestamp(value).date(), lang)


def worklist_table(frame: pd.DataFrame, lang: str = "vi", names: dict[str, str] | None = None,
                   rows: slice | None = None, brief: bool = False) -> pd.DataFrame:
    """The dossier worklist as shown (``rows`` of it, all when None), and a last row "Tổng
    cộng" over the WHOLE list: how many dossiers and the points they put at stake.
    ``brief`` (a slide): no reception date, procedure names cut to fit."""
    names = names or {}
    part = frame if rows is None else frame.iloc[rows]
    columns = ["w766_col_kind", "w766_col_unit", "w766_col_procedure", "w766_col_dossier", "w766_col_received",
               "w766_col_due", "w766_col_days_left", "w766_col_points"]
    out = []
    for r in part.itertuples(index=False):
        procedure = r.procedure_name if not is_missing(r.procedure_name) else r.procedure_code
        out.append([t(KIND_LABELS[r.kind], lang), names.get(r.unit_code, r.unit_code),
                    short(procedure) if brief else str(procedure), r.dossier_code, _day(r.received_date, lang),
                    _day(r.due_date, lang), fmt_int(r.working_days_left, lang),
                    "—" if is_missing(r.points_at_stake) else fmt_num(r.points_at_stake, 2, lang)])
    stake = frame["points_at_stake"].dropna().sum() if len(frame) else 0.0
    out.append([t("w766_total", lang), "", t("w766_total_dossiers", lang, n=fmt_int(len(frame), lang)), "", "", "",
                "", fmt_num(stake, 2, lang)])
    table = pd.DataFrame(out, columns=[t(c, lang) for c in columns])
    if brief:
        table = table.drop(columns=[t("w766_col_received", lang)])
    return table


def feedback_table(frame: pd.DataFrame, lang: str = "vi", names: dict[str, str] | None = None,
                   limit: int | None = None) -> pd.DataFrame:
    """The feedback worklist as shown (its first ``limit`` rows), with a total row."""
    names = names or {}
    part = frame if limit is None else frame.head(limit)
    out = [[t(KIND_LABELS.get(r.kind, "w766_kind_due_soon"), lang), names.get(r.unit_code, r.unit_code), r.feedback_id,
            _day(r.received_date, lang), _day(r.due_date, lang), fmt_int(r.working_days_left, lang)]
           for r in part.itertuples(index=False)]
    out.append([t("w766_total", lang), "", t("w766_total_feedback", lang, n=fmt_int(len(frame), lang)), "", "", ""])
    columns = ["w766_col_kind", "w766_col_unit", "w766_col_feedback", "w766_col_received", "w766_col_feedback_due",
               "w766_col_days_left"]
    return pd.DataFrame(out, columns=[t(c, lang) for c in columns])


def pages(count: int, per_slide: int = WORKLIST_SLIDE_ROWS, max_slides: int = WORKLIST_SLIDES_MAX) -> list[slice]:
    """The rows of each worklist slide: ``per_slide`` rows each, at most ``max_slides`` slides
    (none for an empty list)."""
    return [slice(start, min(start + per_slide, count))
            for start in range(0, min(count, per_slide * max_slides), per_slide)]


def kind_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many dossiers of each kind (overdue, due soon, second supplement) the worklist has."""
    counts = frame["kind"].value_counts() if len(frame) else pd.Series(dtype=int)
    return {kind: int(counts.get(kind, 0)) for kind in KIND_LABELS}
