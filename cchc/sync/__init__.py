"""A live feed of dossiers from the provincial one-stop system's PostgreSQL database.

    python -m cchc sync postgresql://user@host/db [--db PATH] [--since ISO] [--mapping FILE.json]

:mod:`cchc.sync.feed` reads the dossiers changed since the last run (by their change
timestamp), selecting only the mapped columns (never the applicant's), and writes them
through the importer's validation and the store's one writer, a batch at a time, each batch
with its ``sync_log`` row in one transaction: a run killed halfway resumes after the last
batch written, and a row read twice changes nothing the second time. See docs/import.md.
"""
