"""The label table (cchc/i18n/labels.py) and the code agree: no key unused, no key missing,
the same {placeholders} in both languages, and no Vietnamese UI text written outside it."""

from __future__ import annotations

import ast
import re
import string
import unicodedata
from pathlib import Path

import pytest

from cchc.auth.roles import ROLES
from cchc.charts.procedures import EVENTS, LEVELS
from cchc.core.dossier_list import LIST_STATES
from cchc.core.filters import CHANNELS, PERIOD_KINDS, UNIT_KINDS
from cchc.core.targets import PAR_LEVELS
from cchc.directions.model import STATUSES as DIRECTION_STATUSES
from cchc.i18n.labels import LABELS
from cchc.importer.columns import LOAD_KINDS as IMPORT_KINDS
from cchc.score766.definitions import GROUP_CODES as GROUPS_766
from tests.paths import ROOT

LABELS_FILE = ROOT / "cchc" / "i18n" / "labels.py"
CODE = sorted(
    p for p in [*(ROOT / "cchc").rglob("*.py"), *(ROOT / "app_pages").glob("*.py"), ROOT / "dashboard.py"]
    if p != LABELS_FILE
)

# Keys the code builds from a prefix and a value (t(f"channel_{c}")): the prefix, and the
# values it is built with, from the code that builds them.
BUILT = {
    "kind_": PERIOD_KINDS,  # the sidebar's period kinds
    "group_": UNIT_KINDS,  # the sidebar's unit group chips
    "channel_": CHANNELS,
    "state_": LIST_STATES,  # the dossier list's states
    # the outcomes queries/dossier_list.sql returns
    "outcome_": ("early", "on_time", "late", "in_progress_within", "in_progress_overdue", "withdrawn"),
    "level_": LEVELS,  # procedure levels (charts/procedures.level_name)
    "tt_in_force_": LEVELS,
    "tt_fields_": LEVELS,
    "event_": EVENTS,  # charts/procedures.event_name
    "online_": ("1", "2", "3", "4", "full", "partial", "none"),  # charts/procedures.online_name
    "par_level_": PAR_LEVELS,  # report/pdf.py
    "imp_kind_": IMPORT_KINDS,  # the data page and the import summary
    "imp_kind_short_": IMPORT_KINDS,  # the data page's load history
    "period_half_": (1, 2),  # core/periods.Period.label
    "dir_status_": DIRECTION_STATUSES,  # the directions page and the report's follow-up
    "g766_": GROUPS_766,  # the Decision 766 groups (cchc/score766/metrics.csv)
    "role_": ROLES,  # the users' roles (cchc/auth/roles.py)
}
BUILT_KEYS = {f"{prefix}{value}" for prefix, values in BUILT.items() for value in values}

_LITERAL = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")
_T_CALL = re.compile(r"""\bt\(\s*["']([^"']+)["']""")


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in CODE}


def test_every_key_is_used():
    literals = {m for text in _sources().values() for m in _LITERAL.findall(text)}
    unused = sorted(key for key in LABELS if key not in literals and key not in BUILT_KEYS)
    assert unused == []


def test_every_key_the_code_asks_for_exists():
    asked = {(path.relative_to(ROOT).as_posix(), key) for path, text in _sources().items() for key in _T_CALL.findall(text)}
    assert len(asked) > 300  # the pattern finds the calls
    missing = sorted((path, key) for path, key in asked if key not in LABELS)
    assert missing == []
    assert sorted(BUILT_KEYS - set(LABELS)) == []


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_both_languages_have_the_same_placeholders(key):
    vi, en = LABELS[key]
    assert vi.strip() and en.strip()
    assert _placeholders(vi) == _placeholders(en)


def _has_vietnamese(text: str) -> bool:
    # Vietnamese words carry Latin letters beyond ASCII (ơ, ư, đ, tones); symbols such as ▼, – or ℹ️ do not.
    return any(ord(ch) > 127 and "LATIN" in unicodedata.name(ch, "") for ch in text)


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _st_calls_with_vietnamese(path: Path) -> list[str]:
    import streamlit as st

    elements = {name for name in dir(st) if not name.startswith("_")}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        # st.metric(...), st.sidebar.info(...), and elements drawn in a column: cols[0].metric(...)
        if _root_name(node.func) != "st" and node.func.attr not in elements:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            found += [f"{path.name}:{node.lineno}: {s!r}" for s in _strings(arg) if _has_vietnamese(s)]
    return found


def test_no_ui_text_outside_the_label_table():
    files = sorted([*(ROOT / "app_pages").glob("*.py"), *(ROOT / "cchc" / "ui").glob("*.py")])
    assert len(files) >= 10
    found = [hit for path in files for hit in _st_calls_with_vietnamese(path)]
    assert found == []


def test_the_vietnamese_check_sees_a_literal(tmp_path):
    # the check above would catch a page that writes its text itself
    sample = tmp_path / "page.py"
    sample.write_text('import streamlit as st\ncols = st.columns(2)\ncols[0].metric("Số hồ sơ", 1)\n'
                      'st.sidebar.info(f"Đã lọc {1}", icon="ℹ️")\nst.write("ok")\n', encoding="utf-8")
    assert _st_calls_with_vietnamese(sample) == ["page.py:3: 'Số hồ sơ'", "page.py:4: 'Đã lọc '"]
