"""The settings table (cchc/settings.py): one declaration per CCHC_* setting, a bad value is
a clear error at start (dashboard and command line), and README.md lists every setting with
its default."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from cchc import settings
from cchc.settings import SettingError
from tests.paths import ROOT


def readme_settings() -> dict[str, str]:
    """The README's settings table: setting name -> its default column (backquotes removed)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    header = text.index("| setting (environment) | default | meaning |")
    rows = {}
    for line in text[header:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == 3, f"a settings row with {len(cells)} cells: {line!r}"
        rows[cells[0].strip("`")] = cells[1].strip("`")
    return rows


def test_every_setting_is_in_the_readme_table_with_its_default():
    table = readme_settings()
    assert sorted(table) == sorted(settings.SETTINGS)
    for name, setting in settings.SETTINGS.items():
        shown = {"CCHC_DB": "data/demo.duckdb"}.get(name, "(empty)")
        assert table[name] == (setting.default if setting.default is not None else shown)


def test_no_module_reads_the_environment_but_settings():
    readers, named = [], set()
    for path in sorted((ROOT / "cchc").rglob("*.py")):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"CCHC_[A-Z_]+", node.value):
                named.add(node.value)
    assert readers == []
    assert named <= set(settings.SETTINGS)  # every CCHC_* name the code uses is declared
    assert {"CCHC_DB", "CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "CCHC_MAX_UPLOAD_MB"} <= named


@pytest.mark.parametrize("name, text, value", [
    ("CCHC_ONTIME_TARGET", None, 98.0), ("CCHC_ONTIME_TARGET", "", 98.0), ("CCHC_ONTIME_TARGET", " 97.5 ", 97.5),
    ("CCHC_ONTIME_TARGET", "100", 100.0),
    ("CCHC_PAR_BAND", None, (70.0, 85.0)), ("CCHC_PAR_BAND", "60,80", (60.0, 80.0)), ("CCHC_PAR_BAND", "75,75", (75.0, 75.0)),
    ("CCHC_MAX_UPLOAD_MB", None, 200), ("CCHC_MAX_UPLOAD_MB", "1", 1),
])
def test_values(monkeypatch, name, text, value):
    if text is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, text)
    assert settings.get(name) == value


def test_database_setting(monkeypatch, tmp_path):
    monkeypatch.delenv("CCHC_DB", raising=False)
    assert settings.get("CCHC_DB") is None
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "x" / ".." / "d.duckdb"))
    assert settings.get("CCHC_DB") == tmp_path / "d.duckdb"


@pytest.mark.parametrize("name, text, reason", [
    ("CCHC_ONTIME_TARGET", "95,5", "not a number"),
    ("CCHC_ONTIME_TARGET", "0", "out of range"),
    ("CCHC_ONTIME_TARGET", "150", "out of range"),
    ("CCHC_PAR_BAND", "80,60", "out of range or in the wrong order"),
    ("CCHC_PAR_BAND", "60", "not two numbers"),
    ("CCHC_PAR_BAND", "a,b", "not two numbers"),
    ("CCHC_MAX_UPLOAD_MB", "0", "not positive"),
    ("CCHC_MAX_UPLOAD_MB", "1.5", "not a whole number"),
])
def test_a_bad_value_is_an_error_naming_it(monkeypatch, name, text, reason):
    monkeypatch.setenv(name, text)
    with pytest.raises(SettingError) as err:
        settings.get(name)
    assert str(err.value) == f"{name}={text!r} cannot be used ({reason}): expected {settings.SETTINGS[name].expected}"


def test_check_all_names_every_bad_setting(monkeypatch):
    monkeypatch.setenv("CCHC_ONTIME_TARGET", "abc")
    monkeypatch.setenv("CCHC_PAR_BAND", "90,10")
    with pytest.raises(SettingError) as err:
        settings.check_all()
    assert "CCHC_ONTIME_TARGET='abc'" in str(err.value) and "CCHC_PAR_BAND='90,10'" in str(err.value)


def test_commands_stop_with_one_line_and_exit_2(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CCHC_ONTIME_TARGET": "95,5", "HOME": str(tmp_path)}
    for args in (["report", "--period", "2018-H1", "--out", str(tmp_path / "r.pdf")],
                 ["import", str(tmp_path / "none.xlsx"), "--db", str(tmp_path / "d.duckdb")],
                 ["build-demo", "--db", str(tmp_path / "demo.duckdb")]):
        done = subprocess.run([sys.executable, "-m", "cchc", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr == ("error: CCHC_ONTIME_TARGET='95,5' cannot be used (not a number): expected "
                               "a percentage above 0 and at most 100, e.g. 98 or 97.5\n")
        assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing was built or written


def test_the_dashboard_shows_a_bad_setting_without_traceback(tiny_db, monkeypatch):
    from tests.apptest import open_app

    at = open_app(tiny_db, monkeypatch=monkeypatch, env={"CCHC_PAR_BAND": "85,70"})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Cài đặt không hợp lệ, hãy sửa rồi khởi động lại: CCHC_PAR_BAND='85,70' cannot be used (out of range or "
        "in the wrong order): expected two numbers 'weak,good' with 0 <= weak <= good <= 100, e.g. 70,85"]
    assert not at.metric  # no page ran on a setting it could not read
