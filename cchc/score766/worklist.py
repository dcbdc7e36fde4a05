"""The worklist "Cảnh báo": dossiers and citizen feedback about to cost Decision 766 points,
by unit and procedure, with the points each would cost if it goes (or stays) late; exported
to Excel (cchc/tables/export.py) and as one A4 page (reportlab, like cchc/report/pdf.py).

The cost of one late dossier is the Tiến độ points one dossier is worth in the unit's month:
20 / the dossiers the portal counts for the unit in the month of ``as_of`` (each on-time
dossier is worth that much; the share is linear). A feedback item is worth 6 / the feedback
received in the month (the on-time feedback metric).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from cchc.core.periods import Period
from cchc.i18n.formats import fmt_date
from cchc.i18n.labels import t
from cchc.score766.display import KIND_LABELS
from cchc.score766.settings import Settings766, from_env
from cchc.store.db import run_query
from cchc.tables.export import Column, to_xlsx

# the worklist's columns in an exported file: (column, label key of its header, kind)
EXPORT_COLUMNS = (
    ("kind_label", "w766_col_kind", "text"),
    ("unit_code", "w766_col_unit", "text"),
    ("procedure_name", "w766_col_procedure", "text"),
    ("dossier_code", "w766_col_dossier", "text"),
    ("received_date", "w766_col_received", "date"),
    ("due_date", "w766_col_due", "date"),
    ("working_days_left", "w766_col_days_left", "int"),
    ("points_at_stake", "w766_col_points", "number"),
)


def export_columns(lang: str = "vi") -> list[Column]:
    """The exported worklist's columns, headed in ``lang``."""
    return [Column(name, t(label, lang), kind) for name, label, kind in EXPORT_COLUMNS]


def dossier_worklist(as_of: date, unit_codes: list[str], db: Path | str | None = None,
                     settings: Settings766 | None = None) -> pd.DataFrame:
    """The dossiers on the worklist on ``as_of``, with the points each would cost."""
    settings = settings or from_env()
    frame = run_query("score766_worklist", db=db, as_of=as_of, units=list(unit_codes),
                      warn_days=settings.warn_days)
    month = Period.month(as_of.year, as_of.month)
    counted = run_query("score766_dossiers", db=db, start=month.start, end=month.end, units=list(unit_codes),
                        finish_states=list(settings.finish_states), refusal_finishes=settings.refusal_finishes)
    per_unit = counted.groupby("unit_code")["counted"].sum()
    frame["points_at_stake"] = [20.0 / per_unit[u] if per_unit.get(u, 0) else None for u in frame["unit_code"]]
    return frame


def feedback_worklist(as_of: date, unit_codes: list[str], db: Path | str | None = None,
                      settings: Settings766 | None = None) -> pd.DataFrame:
    """Unanswered feedback due within the warning days (or past due) on ``as_of``."""
    settings = settings or from_env()
    tables = set(run_query("score766_inputs", db=db)["table_name"])
    if "feedback_766" not in tables:
        return pd.DataFrame(columns=["feedback_id", "unit_code", "received_date", "due_date",
                                     "working_days_left", "kind"])
    return run_query("score766_worklist_feedback", db=db, as_of=as_of, units=list(unit_codes),
                     warn_days=settings.warn_days)


def to_excel(frame: pd.DataFrame, as_of: date, lang: str = "vi") -> bytes:
    """The dossier worklist as an Excel file, headed in ``lang``."""
    rows = frame.assign(kind_label=[t(KIND_LABELS[k], lang) for k in frame["kind"]])
    return to_xlsx(rows, export_columns(lang), t("w766_xlsx_title", lang),
                   t("w766_xlsx_date", lang, date=fmt_date(as_of, lang)))


def to_pdf(frame: pd.DataFrame, feedback: pd.DataFrame, as_of: date, units: list[str], out: Path,
           demo: bool = False) -> Path:
    """One A4 page: counts by kind, then the most urgent dossiers that fit."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from cchc.i18n.formats import fmt_int, fmt_num
    from cchc.report.pdf import FONT, FONT_BOLD, register_fonts

    register_fonts()
    base = ParagraphStyle("b", fontName=FONT, fontSize=8.5, leading=11)
    title = ParagraphStyle("t", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18)
    story = [Paragraph("Cảnh báo hồ sơ theo Chỉ số 766", title),
             Paragraph(f"Ngày {as_of:%d/%m/%Y} · Đơn vị: {', '.join(units)}", base)]
    if demo:
        story.append(Paragraph("Dữ liệu minh họa (demo).", base))
    counts = frame["kind"].value_counts() if len(frame) else pd.Series(dtype=int)
    story.append(Paragraph(
        " · ".join(f"{t(KIND_LABELS[k])}: {fmt_int(counts.get(k, 0))}" for k in KIND_LABELS)
        + f" · Phản ánh, kiến nghị sắp/đã quá hạn: {fmt_int(len(feedback))}", base))
    rows = [["Cảnh báo", "Đơn vị", "Thủ tục", "Hồ sơ", "Hạn", "Điểm"]]
    max_rows = 38  # what fits one A4 page below the header
    for r in frame.head(max_rows).itertuples(index=False):
        rows.append([t(KIND_LABELS[r.kind]), r.unit_code, Paragraph(str(r.procedure_name or r.procedure_code)[:70], base),
                     r.dossier_code, f"{pd.Timestamp(r.due_date):%d/%m/%Y}" if pd.notna(r.due_date) else "—",
                     fmt_num(r.points_at_stake, 2) if pd.notna(r.points_at_stake) else "—"])
    table = Table(rows, colWidths=[38 * mm, 22 * mm, 70 * mm, 22 * mm, 20 * mm, 12 * mm], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 7.5), ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7.5),
                               ("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    if len(frame) > max_rows:
        story.append(Paragraph(f"… và {fmt_int(len(frame) - max_rows)} hồ sơ khác (xem tệp Excel).", base))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm)
    doc.build(story)
    return out
