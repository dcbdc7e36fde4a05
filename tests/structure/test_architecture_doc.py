"""docs/architecture.md is the map: it names every package of cchc/ and every top-level
folder, and names nothing that does not exist."""

import re

from tests.paths import ROOT

DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
TREES = re.findall(r"```\n(.*?)```", DOC, flags=re.S)


def _entries(tree: str) -> set[str]:
    """The first word of each line of a layout tree (continuation lines start with spaces)."""
    return {line.split()[0] for line in tree.splitlines() if line and not line.startswith(" ")}


def test_the_top_level_layout_matches_the_tree():
    named = _entries(TREES[0])
    real = {p.name + ("/" if p.is_dir() else "") for p in ROOT.iterdir()
            if not p.name.startswith((".", "__")) and p.name not in {"artifacts", "tmp"}}
    real = {n for n in real if n.endswith("/") or n in {"dashboard.py"}}
    assert real - named == set(), "folders missing from docs/architecture.md"
    assert {n for n in named if n.endswith("/") or n.endswith(".py")} - real - {".ci/run"} == set()


def test_every_package_of_cchc_is_on_the_map_and_nothing_else():
    named = {n.rstrip("/") for n in _entries(TREES[1])}
    packages = {p.name for p in (ROOT / "cchc").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.name for p in (ROOT / "cchc").glob("*.py") if p.name != "__init__.py"}
    assert packages | modules == named
