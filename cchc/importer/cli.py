"""``python -m cchc import FILE [--db PATH] [--kind dossiers|scores|procedures] [--dry-run]``.

Prints what it found and did; exits 0 on success (or a dry run that would succeed), 1 with
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


def run(args: argparse.Namespace) -> int:
    """Run the import command; returns the exit code."""
    try:
        data = read_file_bytes(args.file)  # the size limit is checked before the file is read
        name = Path(args.file).name
        path = target_path(args.db)
        ensure_database(path)
        if args.dry_run:
            outcome = preview(data, name, path, args.kind)
            for line in summary_lines(outcome, LANG):
                print(line)
            if outcome.plan.accepted == 0:
                raise ImportFileError("imp_err_nothing_accepted", rejected=outcome.plan.rejected)
            print(t("imp_sum_dry_run", LANG))
            return 0
        outcome = load(data, name, path, args.kind)
        for line in summary_lines(outcome, LANG):
            print(line)
        if outcome.written:
            plan = outcome.plan
            print(t("imp_sum_loaded", LANG, load=outcome.load_id, db=path, inserted=plan.inserted, updated=plan.updated,
                    rejected=plan.rejected))
        else:
            print(t("imp_sum_nothing", LANG))
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
