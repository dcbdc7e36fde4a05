"""The command line of the Decision 766 index (registered in cchc/__main__.py)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from cchc.core.periods import Period, PeriodError
from cchc.store import db as store


def add_commands(commands, runner) -> None:
    """Add score766, score766-portal and worklist to ``commands``."""
    s = commands.add_parser("score766", help="the Decision 766 index of units for a period")
    s.add_argument("--period", required=True, help="2025-Q3, 2018-H1, 2018-05, 2018")
    s.add_argument("--unit", action="append", required=True,
                   help="unit: its slug, or its official code or ID code in the period (repeat for several)")
    s.add_argument("--json", help="write the result to this JSON file")
    s.add_argument("--db", help="the database (default: $CCHC_DB or the demo database)")
    s.set_defaults(run=runner, action="score")
    p = commands.add_parser("score766-portal", help="read the portal's published scores (JSON)")
    p.add_argument("files", nargs="+")
    p.add_argument("--period", help="with --unit: set our scores beside the portal's")
    p.add_argument("--unit", action="append", help="our unit code")
    p.add_argument("--portal-unit", help="the unit's departmentCode or name on the portal")
    p.add_argument("--db")
    p.set_defaults(run=runner, action="portal")
    w = commands.add_parser("worklist", help="dossiers about to cost Decision 766 points (A4 PDF or Excel)")
    w.add_argument("--unit", action="append", required=True)
    w.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    w.add_argument("--out", required=True, help="FILE.pdf or FILE.xlsx")
    w.add_argument("--db")
    w.set_defaults(run=runner, action="worklist")


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _units_of(args: argparse.Namespace, path: Path) -> list[str]:
    """The --unit values as unit slugs: a slug, or an official code or ID code resolved to the
    unit that had it in the period (or on the worklist's day)."""
    from cchc.core.units import resolve_unit_codes

    if getattr(args, "as_of", None):
        start = end = date.fromisoformat(args.as_of)
    elif getattr(args, "period", None):
        period = Period.parse(args.period)
        start, end = period.start, period.end
    else:
        return list(args.unit)
    return resolve_unit_codes(args.unit, store.run_query("units", db=path), start, end)


def _score(args: argparse.Namespace, path: Path) -> int:
    """python -m cchc score766: the index of the units for the period, printed and written as JSON."""
    from cchc.score766.compute import compute

    score = compute(Period.parse(args.period), args.unit, db=path)
    result = score.to_dict()
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    if not score.has_dossiers:
        print(f"{args.period}: không có dữ liệu hồ sơ cho {', '.join(args.unit)} (no data)")
        return 0
    total = "—" if result["total"] is None else f"{result['total']:.2f}"
    print(f"{args.period} {', '.join(args.unit)}: {total} / {result['total_max']:g}")
    for g in result["groups"]:
        pts = "không có dữ liệu: nạp " + ", ".join(g["missing_inputs"]) if g["points"] is None \
            else f"{g['points']:.2f} / {g['max']:g}"
        print(f"  {g['code']:<15} {pts}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one of the commands; returns the exit code (errors as one line, never a traceback)."""
    from cchc.score766.compute import compute
    from cchc.score766.settings import SettingError

    path = Path(args.db).expanduser().resolve() if getattr(args, "db", None) else store.db_path()
    if args.action != "portal" and not path.exists():
        return _fail(f"no database at {path}")
    try:
        if getattr(args, "unit", None):
            args.unit = _units_of(args, path)
        if args.action == "score":
            return _score(args, path)
        if args.action == "portal":
            import pandas as pd

            from cchc.score766.portal import compare, read_portal

            frame = pd.concat([read_portal(f) for f in args.files], ignore_index=True)
            if args.period and args.unit and args.portal_unit:
                ours = compute(Period.parse(args.period), args.unit, db=path, with_previous=False).to_dict()
                print(compare(ours, frame, args.portal_unit).to_string(index=False))
            else:
                print(frame.to_string(index=False))
            return 0
        if args.action == "worklist":
            from cchc.score766.worklist import (
                dossier_worklist,
                feedback_worklist,
                to_excel,
                to_pdf,
            )

            as_of = date.fromisoformat(args.as_of)
            frame = dossier_worklist(as_of, args.unit, db=path)
            out = Path(args.out)
            if out.suffix.lower() == ".xlsx":
                out.write_bytes(to_excel(frame, as_of))
            elif out.suffix.lower() == ".pdf":
                kind = store.run_query("score766_dataset_kind", db=path)
                to_pdf(frame, feedback_worklist(as_of, args.unit, db=path), as_of, args.unit, out,
                       demo=bool(len(kind)) and kind.iloc[0, 0] == "demo")
            else:
                return _fail("--out must end in .pdf or .xlsx")
            print(f"wrote {out} ({len(frame)} dossiers)")
            return 0
    except (PeriodError, SettingError, store.DataError, ValueError, OSError) as exc:
        return _fail(str(exc))
    return _fail(f"unknown action {args.action}")
