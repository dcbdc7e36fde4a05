"""The dossier list (Hồ sơ), declared once for the screen and the export
(cchc/tables/spec.py). The rows come labelled from cchc.core.dossier_list.labelled.

On screen the values are shown as they are (dates and whole numbers in Streamlit's formats),
the procedure as 'code · name'; the export keeps the procedure's code and name apart, for
filtering in Excel."""

from __future__ import annotations

from cchc.tables.spec import Column, TableSpec

LIST = TableSpec((
    Column("dossier_code", "dl_code", pinned=True),
    Column("unit_name", "unit"),
    Column("procedure_label", "prog_procedure", width=280, export=False),
    Column("procedure_code", "prog_procedure_code", screen=False),
    Column("procedure_name", "prog_procedure", screen=False),
    Column("field_name", "prog_field"),
    Column("channel_label", "dl_channel"),
    Column("received_date", "dl_received_date", "date"),
    Column("due_date", "dl_due_date", "date"),
    Column("finished_date", "dl_finished_date", "date"),
    Column("state_label", "dl_state"),
    Column("outcome_label", "dl_outcome"),
    Column("days_late", "dl_days_late", "int"),
), max_rows=15, plain=True, name="dl_heading")
