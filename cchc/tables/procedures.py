"""The tables of the procedures page (Thủ tục hành chính), declared once for the screen and
the export (cchc/tables/spec.py). The page adds the words of codes first (``level_name``,
``event_name``, ``online_name``, ``status``: cchc/charts/procedures.py)."""

from __future__ import annotations

from cchc.charts.procedures import EVENTS, LEVELS
from cchc.tables.spec import Column, TableSpec

# the catalogue in force on a day, by field and level
CATALOGUE = TableSpec((
    Column("field_name", "tt_field", width=250),
    *(Column(level, f"level_{level}", "int") for level in LEVELS),
    Column("total", "tt_total", "int"),
), name="tt_sheet_catalogue")

# changes in the period by level (screen only); ``level`` holds the level's name
CHANGE_COUNTS = TableSpec((
    Column("level", "tt_level"),
    *(Column(event, f"event_{event}", "int") for event in EVENTS),
))

CHANGES = TableSpec((
    Column("effective_date", "tt_effective_date", "date", width=92),
    Column("event_name", "tt_event", width=112),
    Column("procedure_code", "tt_code", width=80),
    Column("procedure_name", "tt_name", width=270),
    Column("field_name", "tt_field", width=105),
    Column("level_name", "tt_level", width=88),
    Column("decision", "tt_decision", width=158),
), max_rows=10, wrap=True, name="tt_sheet_changes")

# online levels: '12 (40,0 %)' per level on screen; counts and shares as numbers in the export
ONLINE = TableSpec((
    Column("online_name", "tt_online_level"),
    *(Column(f"{level}_text", f"level_{level}", export=False) for level in LEVELS),
    *(Column(level, f"level_{level}", "int", screen=False) for level in LEVELS),
    *(Column(f"{level}_share", "tt_share", "pct", group=f"level_{level}", screen=False) for level in LEVELS),
), plain=True, name="tt_sheet_online")

DAYS = TableSpec((
    Column("field_name", "tt_field"),
    Column("level_name", "tt_level"),
    Column("procedures", "tt_procedures", "int"),
    Column("min_days", "tt_min_days", "int"),
    Column("median_days", "tt_median_days", "num"),
    Column("mean_days", "tt_mean_days", "num"),
    Column("max_days", "tt_max_days", "int"),
    Column("without_days", "tt_without_days", "int"),
), max_rows=25, name="tt_sheet_days")

# search results; the export's headers are the long ones ({date}: the day of the status)
SEARCH = TableSpec((
    Column("procedure_code", "tt_code", width=80),
    Column("procedure_name", "tt_name", width=250),
    Column("field_name", "tt_field", width=105),
    Column("level_name", "tt_level", width=85),
    Column("processing_days", "tt_days_short", "int", width=55, export_label="tt_days"),
    Column("online_name", "tt_online_short", width=85, export_label="tt_online_level"),
    Column("status", "tt_status", width=85, export_label="tt_status_on"),
    Column("published_date", "tt_published_date", "date", width=80),
    Column("last_amended_date", "tt_amended_date", "date", screen=False),
    Column("abolished_date", "tt_abolished_date", "date", width=80),
), max_rows=10, wrap=True, name="tt_sheet_search")
