"""Security, run headless with AppTest on the hand-written tiny database (tests/tiny_db.py):
a commune officer sees only his unit on every page, in exports and in the report; a viewer
cannot reach the import page; hostile URL values never raise; the audit trail records."""

from __future__ import annotations

import io
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from cchc.auth.users import add_user
from cchc.store import audit
from tests.apptest import new_app, open_app, run_page

OFFICER = "officer@le-loi.example"
ADMIN = "admin@son-tay.example"
PAGES = ["app_pages/overview.py", "app_pages/progress.py", "app_pages/ranking.py", "app_pages/procedures.py",
         "app_pages/dossiers.py", "app_pages/data.py"]


@pytest.fixture(scope="module")
def users_db(tiny_db, tmp_path_factory) -> Path:
    """The tiny database with a viewer limited to Lê Lợi and an admin of every unit."""
    path = tmp_path_factory.mktemp("users") / "tiny-users.duckdb"
    shutil.copyfile(tiny_db, path)
    add_user(OFFICER, "viewer", ["le-loi"], path, actor="test")
    add_user(ADMIN, "admin", [], path, actor="test")
    return path


def signed_in(monkeypatch, db: Path, email: str) -> AppTest:
    """An app whose trusted proxy header says ``email`` (header mode)."""
    return new_app(db, monkeypatch, signed_in_as=email, env={"CCHC_ONTIME_TARGET": None})


def open_page(app: AppTest, page: str, **params) -> AppTest:
    return run_page(app, page, params)


def all_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [m.value for m in app.caption] + [str(m.value) for m in app.info]
    parts += [df.value.to_string() for df in app.dataframe]
    return " ".join(parts)


def test_officer_overview_shows_only_his_unit(monkeypatch, users_db):
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[0], period="2018-01")
    # le-loi in January (tiny_db): received D6, D7; resolved D6 (early): 1/1; online 1 of 2
    assert [(m.label, m.value) for m in app.metric] == [
        ("Tiếp nhận", "2"), ("Đã giải quyết", "1"), ("Tỷ lệ đúng hạn", "100,0 %"),
        ("Đang giải quyết quá hạn", "0"), ("Tỷ lệ trực tuyến", "50,0 %"),
    ]
    assert app.session_state["filters"].all_units == ("le-loi",)
    assert r"Đăng nhập: officer@le\-loi\.example (xem)" in " ".join(c.value for c in app.caption)  # inert text
    text = all_text(app)
    assert "Kim Sơn" not in text and "thị xã tiếp nhận" not in text


def test_officer_asking_for_another_unit_in_the_url_is_refused(monkeypatch, users_db):
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[0], period="2018-01", unit=["kim-son"])
    assert r"unit\=kim\-son" in app.warning[0].value  # echoed as inert text
    assert [m.value for m in app.metric][:3] == ["2", "1", "100,0 %"]  # still Lê Lợi alone


def test_officer_progress_and_ranking_pages_list_only_his_unit(monkeypatch, users_db):
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[1], period="2018-01")
    for frame in (df.value for df in app.dataframe):
        for other in ("Kim Sơn", "Thị xã", "Bộ phận một cửa"):
            assert other not in frame.to_string()
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[2], period="2018-01")
    text = all_text(app)
    assert "Kim Sơn" not in text


def test_officer_report_holds_only_his_unit(monkeypatch, users_db):
    pypdf = pytest.importorskip("pypdf")
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[0], period="2018-01")
    filters = app.session_state["filters"]
    from cchc.core.kpis import meeting_figures
    from cchc.report.pdf import build_pdf

    pdf = build_pdf(filters, meeting_figures(filters))
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Kim Sơn" not in text and "thị xã tiếp nhận" not in text
    # le-loi in January: received 2, resolved 1 (the town desk received 3, all units 6)
    assert "Tại các xã, phường tiếp nhận 2 hồ sơ, đã giải quyết 1 hồ sơ, tỷ lệ đúng hạn đạt 100,0 %" in text
    # the report names the unit it covers, not "all units" (the user sees one unit)
    assert "Đơn vị: Phường Lê Lợi" in text and "Tất cả đơn vị" not in text


def test_officer_overview_caption_names_his_unit(monkeypatch, users_db):
    app = open_page(signed_in(monkeypatch, users_db, OFFICER), PAGES[0], period="2018-01")
    head = [c.value for c in app.caption if c.value.startswith("**")][0]
    assert head.split(" · ")[1] == "Phường Lê Lợi"


def test_viewer_cannot_reach_the_import_page(monkeypatch, users_db):
    app = signed_in(monkeypatch, users_db, OFFICER)
    app.run()
    assert not app.exception
    # the page is not registered in the navigation for a viewer: no link, no URL
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/data.py")
    assert len(app.get("file_uploader")) == 0


def test_admin_sees_the_import_page_and_the_audit_trail(monkeypatch, users_db):
    app = open_page(signed_in(monkeypatch, users_db, ADMIN), PAGES[5])
    assert app.title[0].value == "Dữ liệu"
    assert "Nhật ký truy cập và thao tác" in [s.value for s in app.subheader]
    events = audit.events(users_db)
    assert {"user_add", "signin"} <= set(events["action"])
    signins = events[(events["action"] == "signin") & (events["actor"] == ADMIN)]
    assert len(signins) >= 1


def test_unknown_account_is_refused(monkeypatch, users_db):
    app = signed_in(monkeypatch, users_db, "stranger@example.org")
    app.run()
    assert not app.exception
    assert "chưa được cấp quyền" in app.error[0].value
    assert len(app.metric) == 0


# -- hostile URLs ----------------------------------------------------------------------------

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "0001-01-01", "9999-12-31", "²", "1e9", "-1", "2018-13", "2018-Q5", "2018-H3", "1899", "2101-H1",
        "![x](http://host/a)", "<script>alert(1)</script>", ":red[x]", "$x$", "A" * 5000, "\x00", "2018-02-30",
    ]),
    st.text(alphabet=string.digits + "-QH", min_size=4, max_size=12),
)
PARAMS = ["period", "from", "to", "unit", "field", "channel", "lang", "present", "year", "dl_state", "dl_proc",
          "dl_sort", "q"]


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(PARAMS), HOSTILE, min_size=1, max_size=4))
def test_hostile_url_never_raises(page, values, tiny_db, monkeypatch):
    app = open_app(tiny_db, page, monkeypatch, params=values, check=False)
    assert not app.exception, (values, app.exception)
    for box in app.error:
        assert "Traceback" not in box.value and "/" not in box.value.split(":")[0]
        assert "Lỗi hệ thống" not in box.value, (values, box.value)  # no unexpected error either
    for box in app.warning:
        assert len(box.value) < 600  # each echoed value is cut to 80 characters
        assert "](http" not in box.value  # Markdown link syntax escaped
