"""Colours live in one place: cchc/charts/theme.py. Every other source file of the product
(the package, the pages, the entry point, the benchmark) is searched for colour literals —
hex colours such as '#c0392b' and CSS rgb()/rgba()/hsl() — and must have none."""

import re
from pathlib import Path

from cchc.charts import theme
from cchc.core import targets
from tests.paths import ROOT

THEME = ROOT / "cchc" / "charts" / "theme.py"
# '#' then 3, 4, 6 or 8 hex digits not followed by a word character; CSS colour functions
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b|\b(?:rgba?|hsla?)\(")
SOURCES = ("cchc", "app_pages", "bench")
SUFFIXES = {".py", ".sql", ".toml", ".css", ".html", ".js"}


def source_files() -> list[Path]:
    files = [ROOT / "dashboard.py", *(ROOT / ".streamlit").glob("*.toml")]
    for folder in SOURCES:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts]
    return sorted(files)


def literals(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{n}: {m.group(0)}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            for m in COLOUR.finditer(line)]


def test_the_search_finds_what_it_looks_for():
    found = [m.group(0) for m in COLOUR.finditer(
        'a = "#c0392b"; b = "#FFF"; c = "rgb(1, 2, 3)"; d = "rgba(0,0,0,.5)"; e = "#issue"; f = "# 12 rows"')]
    assert found == ["#c0392b", "#FFF", "rgb(", "rgba("]


def test_colour_literals_only_in_the_theme():
    files = source_files()
    assert THEME in files and ROOT / "cchc" / "report" / "pdf.py" in files and ROOT / "app_pages" / "overview.py" in files
    assert len(literals(THEME)) >= 20  # the theme holds them
    assert [hit for path in files if path != THEME for hit in literals(path)] == []


def test_theme_colours_are_hex_and_the_targets_colour_is_the_themes():
    values = [v for k, v in vars(theme).items() if k.isupper() and isinstance(v, str) and v.startswith("#")]
    assert len(values) >= 20
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", v) for v in values)
    # the below-target colour lives in the theme only (core no longer imports charts, so
    # cchc.core.targets keeps the mark and not the colour: a path change)
    assert theme.BELOW_COLOR == "#c0392b" and not hasattr(targets, "BELOW_COLOR")
    assert theme.COLORS["town"] == theme.LINE_COLORS[0] and theme.HEATMAP_SCALE[0][1] == theme.BELOW_COLOR
