"""The security building blocks without a browser: escaping, date clamping, roles and scope,
the users command, the audit trail, the query time limit, the Streamlit configuration."""

from __future__ import annotations

import logging
import shutil
import tomllib
from datetime import date

import pandas as pd
import pytest

from cchc import settings
from cchc.__main__ import main
from cchc.auth.roles import LOCAL_ADMIN, User, in_scope, lookup, scope_units
from cchc.core.filters import clamp_range
from cchc.store import audit, db
from cchc.ui.safety import echo, log_unexpected
from tests.paths import ROOT


def test_echo_escapes_markdown_and_cuts_to_80_characters():
    assert echo("![x](http://h/a)") == r"\!\[x\]\(http\://h/a\)"
    assert echo(":red[x] $y$ <b>") == r"\:red\[x\] \$y\$ \<b\>"
    long = echo("A" * 100_000)
    assert long == "A" * 79 + "…"
    assert echo("a\x00b\nc") == "a b c"


def test_clamp_range_keeps_the_data_range_and_never_inverts():
    first, last = date(2017, 12, 1), date(2018, 1, 31)  # last + 5 * 366 days = 4 Feb 2023
    assert clamp_range(date(1, 1, 1), date(9999, 12, 31), first, last) == (date(2017, 11, 30), date(2023, 2, 4))
    assert clamp_range(date(2018, 1, 1), date(2018, 1, 30), first, last) == (date(2018, 1, 1), date(2018, 1, 30))
    # wholly before the data: one day with no dossier; wholly after: one day far after
    assert clamp_range(date(1, 1, 1), date(1, 1, 2), first, last) == (date(2017, 11, 30), date(2017, 11, 30))
    assert clamp_range(date(9999, 1, 1), date(9999, 1, 2), first, last) == (date(2023, 2, 4), date(2023, 2, 4))
    assert clamp_range(date(1, 1, 1), date(9999, 1, 2), None, None) == (date(1, 1, 1), date(9999, 1, 2))


def test_roles_include_each_other():
    viewer, manager, admin = (User("a@b", r) for r in ("viewer", "data_manager", "admin"))
    assert [viewer.can(a) for a in ("read", "export", "import", "undo", "users")] == [True, True, False, False, False]
    assert [manager.can(a) for a in ("import", "undo", "sync", "users", "audit")] == [True, True, True, False, False]
    assert [admin.can(a) for a in ("import", "users", "settings", "audit")] == [True, True, True, True]
    assert LOCAL_ADMIN.can("users") and LOCAL_ADMIN.units == ()


def test_scope_cuts_the_units_list_and_per_unit_results():
    units = pd.DataFrame({"unit_code": ["thi-xa", "le-loi", "kim-son"], "name": ["T", "L", "K"]})
    officer = User("o@x", "viewer", ("kim-son", "nowhere"))
    assert list(scope_units(units, officer)["unit_code"]) == ["kim-son"]
    assert list(scope_units(units, LOCAL_ADMIN)["unit_code"]) == ["thi-xa", "le-loi", "kim-son"]
    assert officer.scope(["thi-xa", "le-loi", "kim-son"]) == ("kim-son",)
    ranking = pd.DataFrame({"unit_code": ["le-loi", "kim-son"], "rank": [1, 2]})
    scoped = in_scope(ranking, ("kim-son",))
    assert scoped.to_dict("list") == {"unit_code": ["kim-son"], "rank": [2]}  # the district rank kept
    assert scoped.attrs["scoped"] is True
    assert "scoped" not in in_scope(ranking, ("le-loi", "kim-son")).attrs


def test_users_command_adds_lists_removes_and_audits(tiny_db, tmp_path, capsys):
    path = tmp_path / "users.duckdb"
    shutil.copyfile(tiny_db, path)
    assert lookup("x@y.vn", path) is None  # no users table yet: nobody
    assert main(["users", "add", "Officer@Le-Loi.VN", "--role", "viewer", "--unit", "le-loi", "--db", str(path)]) == 0
    assert main(["users", "add", "boss@son-tay.vn", "--role", "admin", "--db", str(path)]) == 0
    assert main(["users", "add", "x@y.vn", "--unit", "nowhere", "--db", str(path)]) == 2
    assert main(["users", "add", "not-an-email", "--db", str(path)]) == 2
    capsys.readouterr()
    assert main(["users", "list", "--db", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["boss@son-tay.vn\tadmin\tall units", "officer@le-loi.vn\tviewer\tle-loi"]
    assert lookup("OFFICER@le-loi.vn ", path) == User("officer@le-loi.vn", "viewer", ("le-loi",))
    assert main(["users", "remove", "boss@son-tay.vn", "--db", str(path)]) == 0
    assert main(["users", "remove", "boss@son-tay.vn", "--db", str(path)]) == 1
    assert lookup("boss@son-tay.vn", path) is None
    events = audit.events(path)
    assert list(events["action"]) == ["user_remove", "user_add", "user_add"]
    assert list(events["detail"]) == [
        '{"email": "boss@son-tay.vn"}',
        '{"email": "boss@son-tay.vn", "role": "admin", "units": []}',
        '{"email": "officer@le-loi.vn", "role": "viewer", "units": ["le-loi"]}',
    ]
    assert all(a.startswith("cli") for a in events["actor"])
    assert audit.audit_path(path) == path.with_name("users.audit.duckdb")


def test_a_query_over_its_time_limit_is_stopped_with_a_clear_message(tiny_db, monkeypatch):
    monkeypatch.setenv("CCHC_QUERY_TIMEOUT_S", "0.5")
    monkeypatch.setattr(db, "query_text", lambda name: "select count(*) from range(1000000000000) a, range(10) b")
    with pytest.raises(db.DataError, match=r"Query slow took longer than 0.5 s and was stopped"):
        db.run_query("slow", tiny_db)
    monkeypatch.setenv("CCHC_QUERY_TIMEOUT_S", "nonsense")  # a bad setting is an error, never a silent 30 s
    with pytest.raises(settings.SettingError, match="CCHC_QUERY_TIMEOUT_S='nonsense' cannot be used"):
        db.query_timeout()


def test_unexpected_errors_are_logged_with_the_id_shown(caplog):
    try:
        raise RuntimeError("/secret/server/path")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="cchc.errors"):
            error_id = log_unexpected(exc)
    assert len(error_id) == 8 and error_id == error_id.upper()
    assert f"unexpected error {error_id}" in caplog.text
    assert "/secret/server/path" in caplog.text  # the details stay on the server


def test_streamlit_configuration_keeps_everything_local():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"] == {"toolbarMode": "minimal", "showErrorDetails": "none", "disableDataExport": True}
    assert not (ROOT / ".streamlit" / "secrets.toml").exists() or ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()


def test_oidc_mode_only_with_an_auth_section(tmp_path, monkeypatch):
    from streamlit import config as st_config
    from streamlit.runtime.secrets import secrets_singleton

    from cchc.ui import signin as gate

    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://127.0.0.1:8501/oauth2callback"\ncookie_secret = "x"\n'
                       'client_id = "c"\nclient_secret = "s"\nserver_metadata_url = "http://127.0.0.1:1/x"\n')
    monkeypatch.delenv("CCHC_AUTH_HEADER", raising=False)
    st_config.set_option("secrets.files", [str(secrets)])
    secrets_singleton._secrets = None
    try:
        assert gate.mode() == "oidc"
        st_config.set_option("secrets.files", [str(tmp_path / "none.toml")])
        secrets_singleton._secrets = None
        assert gate.mode() == "local"
        monkeypatch.setenv("CCHC_AUTH_HEADER", "X-Remote-User")
        assert gate.mode() == "header"
    finally:
        st_config._set_option("secrets.files", st_config.get_config_files("secrets.toml"), "<default>")
        secrets_singleton._secrets = None
