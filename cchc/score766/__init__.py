"""The Decision 766 index (Decision 766/QĐ-TTg, 23/6/2022) computed from the database.

definitions  the metric definitions per year, read from metrics.csv (data, not code)
settings     the settings of the rules (finishing states, warning days, bands)
compute      the one computation: counts from queries/score766_*.sql -> scores per group
explain      "points lost and why", in plain Vietnamese, with links to the dossier list
worklist     dossiers and feedback about to cost points ("Cảnh báo"), Excel and A4 PDF
portal       the portal's published per-unit scores, read and set beside ours
See docs/766.md.
"""
