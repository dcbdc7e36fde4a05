"""``python -m cchc import FILE... [--db PATH]
[--kind dossiers|scores|procedures|aggregates|services766|feedback766|procedures766|units766] [--period P]
[--dry-run]``.

The Decision 766 inputs (services766, feedback766, procedures766, units766) are never detected: name
their kind.

Several files: aggregate reports (``--kind aggregates``, or detected: every file is one) are
loaded together in ONE load, all or nothing (:mod:`cchc.importer.aggregates`); files of the
other kinds are loaded one after the other, each its own load, stopping at the first
refused file. Prints what it found and did; exits 0 on success (or a dry run that would succeed), 1 with
a one-line reason otherwise. Never a traceback: an unexpected failure is reported in one
line, and the database is unchanged because the load runs on a copy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.i18n.labels import t
from cchc.importer.errors import ImportFileError
from cchc.importer.load import ensure_database, load, preview, target_path
from cchc.importer.readers import read_file_bytes
from cchc.importer.summary import summary_lines
from cchc.settings import SettingError

LANG = "vi"


def _aggregates(args: argparse.Namespace, files: list[tuple[str, bytes]], path: Path) -> int:
    from cchc.core.periods import Period, PeriodError
    from cchc.importer.aggregates import load_reports

    period = None
    if args.period:
        try:
            period = Period.parse(args.period)
        except PeriodError as exc:
            print(f"error: --period {args.period}: {exc}", file=sys.stderr)
            return 2
    report, load_id = load_reports(files, path, period, dry_run=args.dry_run)
    print(t("agg_sum", LANG, files=len(report.files), sheets=report.sheets, rows=len(report.rows),
            inserted=report.inserted, updated=report.updated, unchanged=report.unchanged))
    if report.with_dossiers:
        print(t("agg_sum_with_dossiers", LANG, count=len(report.with_dossiers),
                pairs=", ".join(report.with_dossiers[:10]) + (" …" if len(report.with_dossiers) > 10 else "")))
    if args.dry_run:
        print(t("imp_sum_dry_run", LANG))
    elif load_id is not None:
        print(t("imp_sum_loaded", LANG, load=load_id, db=path, inserted=report.inserted, updated=report.updated,
                rejected=0))
    else:
        print(t("imp_sum_nothing", LANG))
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the import command; returns the exit code."""
    try:
        names = args.file if isinstance(args.file, list) else [args.file]
        # the size limit is checked before a file is read
        files = [(Path(name).name, read_file_bytes(name)) for name in names]
        path = target_path(args.db)
        ensure_database(path)
        kind = args.kind
        if kind is None:
            from cchc.importer.aggregates import looks_like_report
            from cchc.importer.readers import read_grids

            if all(looks_like_report(read_grids(data, name)) for name, data in files):
                kind = "aggregates"
        if kind == "aggregates":
            return _aggregates(args, files, path)
        for name, data in files:
            code = _one(args, name, data, path, kind)
            if code:
                return code
        return 0
    except ImportFileError as exc:
        print(f"error: {exc.message(LANG)}", file=sys.stderr)
        return 1
    except SettingError as exc:  # a bad CCHC_* value: the same exit code as every command
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        print(f"error: {t('imp_err_failed', LANG, error=reason)}", file=sys.stderr)
        return 1


def _one(args: argparse.Namespace, name: str, data: bytes, path: Path, kind: str | None) -> int:
    """Load (or preview) one file of dossiers, scores or a catalogue."""
    if args.dry_run:
        outcome = preview(data, name, path, kind)
        for line in summary_lines(outcome, LANG):
            print(line)
        if outcome.plan.accepted == 0:
            raise ImportFileError("imp_err_nothing_accepted", rejected=outcome.plan.rejected)
        print(t("imp_sum_dry_run", LANG))
        return 0
    outcome = load(data, name, path, kind)
    for line in summary_lines(outcome, LANG):
        print(line)
    if outcome.written:
        plan = outcome.plan
        print(t("imp_sum_loaded", LANG, load=outcome.load_id, db=path, inserted=plan.inserted, updated=plan.updated,
                rejected=plan.rejected))
    else:
        print(t("imp_sum_nothing", LANG))
    return 0
