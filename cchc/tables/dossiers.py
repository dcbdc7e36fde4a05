"""The dossier list (Hồ sơ), declared once for the screen and the export
(cchc/tables/spec.py). The rows come labelled from cchc.core.dossier_list.labelled.

On screen the values are shown as they are (dates and whole numbers in Streamlit's formats),
the procedure as 'code · name'; the export keeps the procedure's code and name apart, for
filtering in Excel. The page shows :data:`BRIEF` unless "Hiện đủ cột" is on (it fits a
1366-pixel screen beside the sidebar), and a projector :data:`SLIDE` pages of rows."""

from __future__ import annotations

import pandas as pd

from cchc.i18n.labels import t
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

# The brief view the page shows unless "Hiện đủ cột" is on: it fits a 1366-pixel screen beside
# the sidebar (the finish date, the state and the outcome in view), with short headers (the
# full ones in their tooltips), the procedure's name without its code and short state and
# outcome words (:func:`brief_rows`). The field, the channel and the procedure's code are in
# the full view and the export.
BRIEF = TableSpec((
    # widths fixed (in pixels, 1.008 in all), not fitted to the page's rows: the 1.013 pixels
    # beside the sidebar hold them whatever the page shows
    Column("dossier_code", "dl_code", width=176, pinned=True),
    Column("unit_name", "unit", width=108),
    Column("procedure_name", "prog_procedure", width=168),
    Column("received_date", "dl_received_short", "date", width=80, help="dl_received_date"),
    Column("due_date", "dl_due_short", "date", width=80, help="dl_due_date"),
    Column("finished_date", "dl_finished_short", "date", width=80, help="dl_finished_date"),
    Column("state_short", "dl_state", width=122),
    Column("outcome_short", "dl_outcome", width=132, help="dl_outcome_help"),
    Column("days_late", "dl_days_late_short", "int", width=62, help="dl_days_late"),
), max_rows=15, plain=True, name="dl_heading")

# the long state names, shortened on screen (the others are short already)
STATE_SHORT = {5: "dl_state_short_5", 6: "dl_state_short_6", 7: "dl_state_short_7"}
OUTCOME_SHORT = {
    "early": "dl_outcome_short_early", "on_time": "dl_outcome_short_on_time", "late": "dl_outcome_short_late",
    "in_progress_within": "dl_outcome_short_in_progress_within",
    "in_progress_overdue": "dl_outcome_short_in_progress_overdue", "withdrawn": "dl_outcome_short_withdrawn",
}


def brief_rows(rows: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Labelled rows (cchc.core.dossier_list.labelled) with the short state and outcome words
    of :data:`BRIEF`: ``state_short`` and ``outcome_short``."""
    out = rows.copy()
    out["state_short"] = [
        t(STATE_SHORT[int(s)], lang) if int(s) in STATE_SHORT else label
        for s, label in zip(out["state"], out["state_label"])
    ]
    out["outcome_short"] = [
        t(OUTCOME_SHORT[o], lang) if o in OUTCOME_SHORT else label for o, label in zip(out["outcome"], out["outcome_label"])
    ]
    return out


# A projector slide of the list (presentation mode): a page of SLIDE_ROWS rows in the slides'
# larger type (nine rows of two lines each fit, measured at 1366×768); the procedure's name
# wraps, cut at SLIDE_NAME_MAX characters so that a row takes at most two lines; the state,
# the field and the channel are left to the page itself.
SLIDE_ROWS = 9
SLIDE_NAME_MAX = 80
SLIDE = TableSpec((
    Column("dossier_code", "dl_code"),
    Column("unit_name", "unit"),
    Column("procedure_short", "prog_procedure"),
    Column("due_date", "dl_due_short", "date"),
    Column("finished_date", "dl_finished_short", "date"),
    Column("outcome_short", "dl_outcome_short"),
    Column("days_late", "dl_days_late_short", "int"),
), max_rows=None, name="dl_heading")


def shortened(text: str, limit: int = SLIDE_NAME_MAX) -> str:
    """``text`` up to ``limit`` characters, cut after a whole word with '…' when longer."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return f"{cut}…"


def slide_rows(rows: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Labelled rows for :data:`SLIDE`: :func:`brief_rows` with ``procedure_short``."""
    out = brief_rows(rows, lang)
    out["procedure_short"] = [shortened(name) for name in out["procedure_name"]]
    return out
