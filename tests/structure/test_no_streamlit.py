"""The core, the tables, the labels and formats, the report and the command line work without
Streamlit: importing them in a fresh interpreter never loads it (only cchc/ui and the pages
draw widgets). A regression here means a Streamlit import crept into plain code again."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

PACKAGES = ("core", "tables", "i18n", "report")

_SCRIPT = r"""
import contextlib, importlib, io, pkgutil, sys
import cchc

imported = []
for package in {packages!r}:
    module = importlib.import_module("cchc." + package)
    imported.append(module.__name__)
    for info in pkgutil.iter_modules(module.__path__, module.__name__ + "."):
        importlib.import_module(info.name)
        imported.append(info.name)

# `python -m cchc report --help`, and the modules the report and import commands load
from cchc.__main__ import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main(["report", "--help"])
    except SystemExit as exc:
        assert exc.code == 0, exc.code
assert "--period" in out.getvalue()
import cchc.report.pdf, cchc.importer.cli  # noqa: E401,F401
imported += ["cchc.__main__", "cchc.report.pdf", "cchc.importer.cli"]

print("\n".join(imported))
print("STREAMLIT", "streamlit" in sys.modules)
"""


def test_plain_modules_do_not_import_streamlit():
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(packages=PACKAGES)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    # every module of the four packages was imported, the ones moved into core among them
    for name in ("cchc.core.filters", "cchc.core.kpis", "cchc.core.dossier_list", "cchc.core.summary",
                 "cchc.core.periods", "cchc.tables.export", "cchc.tables.progress", "cchc.i18n.labels",
                 "cchc.i18n.formats", "cchc.report.pdf"):
        assert name in lines, name
    assert lines[-2] == "STREAMLIT False"
