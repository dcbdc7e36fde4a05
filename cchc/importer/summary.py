"""What a preview or a load tells people, as lines of text (command line) or tables (page)."""

from __future__ import annotations

import pandas as pd

from cchc.i18n.labels import t
from cchc.importer.load import Outcome

MAX_REJECTED_LINES = 20


def rejections_frame(outcome: Outcome, lang: str = "vi") -> pd.DataFrame:
    """One row per rejected row: row number, column, value, reason (in ``lang``)."""
    rows = [(r.row, r.column, r.value, r.reason(lang)) for r in sorted(outcome.plan.rejections, key=lambda r: r.row)]
    return pd.DataFrame(rows, columns=["row", "column", "value", "reason"])


def new_procedures_frame(outcome: Outcome) -> pd.DataFrame:
    """The procedures a dossier file adds to the catalogue: code, name, field."""
    rows = [(p["procedure_code"], p["name"], p["field_code"]) for p in outcome.plan.new_procedures.values()]
    return pd.DataFrame(rows, columns=["procedure_code", "name", "field_code"])


def summary_lines(outcome: Outcome, lang: str = "vi", rejected_lines: int = MAX_REJECTED_LINES) -> list[str]:
    """The preview/load report as lines: file, counts, additions, dropped columns, notes, rejections."""
    plan, table = outcome.plan, outcome.plan.table
    lines = [
        t("imp_sum_file", lang, file=outcome.file_name, kind=t(f"imp_kind_{plan.kind}", lang), sheet=table.sheet,
          row=table.header_row),
        t("imp_sum_counts", lang, read=plan.accepted + plan.rejected, accepted=plan.accepted, inserted=plan.inserted,
          updated=plan.updated, unchanged=plan.unchanged, older=plan.older, rejected=plan.rejected,
          skipped=plan.skipped_rows),
    ]
    procedures = outcome.procedures_added or sorted(plan.new_procedures)
    if plan.kind == "dossiers" and procedures:
        lines.append(t("imp_sum_procedures_added", lang, codes=", ".join(procedures)))
    fields = outcome.fields_added or sorted(plan.new_fields)
    if fields:
        lines.append(t("imp_sum_fields_added", lang, codes=", ".join(fields)))
    if plan.criteria:
        lines.append(t("imp_sum_criteria", lang, count=len(plan.criteria)))
    if plan.new_events:
        lines.append(t("imp_sum_events", lang, count=len(plan.new_events)))
    if table.personal:
        lines.append(t("imp_sum_personal", lang, columns=", ".join(table.personal)))
    if table.free_text:
        lines.append(t("imp_sum_free_text", lang, columns=", ".join(table.free_text)))
    if table.personal_values:
        lines.append(t("imp_sum_personal_values", lang, columns=", ".join(table.personal_values)))
    ignored = [h for h in table.ignored if h not in table.free_text]
    if ignored:
        lines.append(t("imp_sum_ignored", lang, columns=", ".join(ignored)))
    for key, values in plan.notes:
        lines.append(t(key, lang, **values))
    rejected = sorted(plan.rejections, key=lambda r: r.row)
    for r in rejected[:rejected_lines]:
        lines.append("  " + t("imp_sum_rejected_row", lang, row=r.row, column=r.column, value=r.value, reason=r.reason(lang)))
    if rejected_lines and len(rejected) > rejected_lines:
        lines.append("  " + t("imp_sum_more", lang, count=len(rejected) - rejected_lines))
    return lines
