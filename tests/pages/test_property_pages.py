"""No normal filter ever errors, and the Vietnamese screen shows no English or developer words.

* A property-based test (hypothesis, a fixed derandomized profile, a bounded number of
  examples) opens EVERY page of the dashboard (AppTest on dashboard.py, then switch_page)
  for random VALID filters: any kind of period inside or outside the data, custom ranges,
  any units, fields and channels, both languages, presentation mode on or off. It fails on
  an exception element, an error element, a traceback in any shown text, a "bad URL"
  warning (the filters are valid) or a page that does not draw its title. It runs on the
  hand-written tiny database (tests/tiny_db.py) for speed.
* The report command (PDF and DOCX) is run the same way over random periods and units.
* The chairman's own URLs are run on the demo database.
* Every page is rendered in Vietnamese and no shown text may hold a setting name, a file
  name, a hash or "công thức A/B", or the framework's English words.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import docx
import pypdf
import pytest
from google.protobuf.descriptor import FieldDescriptor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from cchc.__main__ import main as cchc_main
from cchc.core.filters import CHANNELS
from cchc.core.periods import Period
from cchc.i18n.labels import t
from tests.apptest import new_app, run_page
from tests.paths import APP
from tests.tiny_db import DOSSIERS, UNITS

# (page file, the label of the title it draws), read from the navigation in dashboard.py so
# that a page added there is swept too
PAGES = re.findall(r'st\.Page\("(app_pages/\w+\.py)", title=t\("(\w+)"', Path(APP).read_text(encoding="utf-8"))
TINY_UNITS = [u[0] for u in UNITS]
TINY_FIELDS = ["dat-dai", "ho-tich"]
# The tiny data's received dates (tests/tiny_db.py): 1 Dec 2017 .. 31 Jan 2018.
TINY_FIRST = min(date.fromisoformat(d[4]) for d in DOSSIERS)
TINY_LAST = max(date.fromisoformat(d[4]) for d in DOSSIERS)

# A fixed, derandomized profile: the same examples on every run (CI stays reproducible) and
# few enough that the whole page sweep takes about a minute on a 2-core machine.
settings.register_profile(
    "pages", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAGES_PROFILE = settings(settings.get_profile("pages"), max_examples=14)
REPORT_PROFILE = settings(settings.get_profile("pages"), max_examples=8)

# Words that must never reach the Vietnamese screen: settings, files, hashes, formula
# letters, and the framework's own English.
FORBIDDEN_VI = ("CCHC_", ".duckdb", "SHA", "công thức A", "công thức B", "Công thức A", "Công thức B",
                "Select all", "No results", "Upload", "Deploy",
                # a Python value shown as it is ("False" for a yes/no figure)
                "True", "False", "None")
TRACEBACK_SIGNS = ("Traceback (most recent call last)", 'File "/', "Error:", "Exception:")


# -- what a page shows ----------------------------------------------------------------------

def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _proto_strings(message):
    # every string field of an element's message, however deep (labels, help, placeholders,
    # options, Markdown bodies); bytes (a table's Arrow data) are read separately below
    for fd, value in message.ListFields():
        values = value if fd.is_repeated else [value]
        for v in values:
            if fd.type == FieldDescriptor.TYPE_STRING:
                yield v
            elif fd.type == FieldDescriptor.TYPE_MESSAGE:
                yield from _proto_strings(v)


def shown_texts(app: AppTest) -> list[str]:
    """Every text the run put on the screen: labels, values, help, options, headers and
    cells of tables, the words inside charts."""
    out: list[str] = []
    for node in _walk(app._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if kind in ("arrow_data_frame", "arrow_table", "dataframe", "table"):
            frame = node.value
            out += [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
            out += [str(v) for v in frame.astype(str).to_numpy().ravel()]
        if kind == "html":
            # a style sheet is not shown (cchc/ui/framework_text.py names the framework's
            # English in its selectors); any other HTML is
            out.append(re.sub(r"<style>.*?</style>", "", proto.body, flags=re.S))
            continue
        if kind == "plotly_chart":
            out.append(json.dumps(json.loads(proto.spec), ensure_ascii=False) if proto.spec else "")
            continue
        out += [s for s in _proto_strings(proto) if s]
    return out


def page_titles(app: AppTest) -> list[str]:
    # in presentation mode the slide deck writes the title in its own row, as a Markdown heading
    deck = [e.value[2:] for e in app.markdown if e.value.startswith("# ")]
    return [e.value for e in app.title] + [e.value for e in app.header] + deck


def assert_no_error(app: AppTest, case) -> None:
    """No exception, no error box, no traceback text, no 'bad URL' warning (the filters are
    valid): anything else is a crash the user would see."""
    assert not app.exception, (case, [e.value for e in app.exception])
    assert not app.error, (case, [e.value for e in app.error])
    for text in shown_texts(app):
        for sign in TRACEBACK_SIGNS:
            assert sign not in text, (case, text[:400])
    bad = t("bad_url", "vi"), t("bad_url", "en")
    assert not [w.value for w in app.warning if w.value.startswith(bad)], case


def open_app(params: dict) -> AppTest:
    # no check here: assert_no_error reports a failure with the case that caused it
    return run_page(new_app(timeout=120), params=params, check=False)


def run_every_page(params: dict, lang: str):
    """Open the dashboard with ``params``, then each page in turn in the same session (as a
    user clicking through the navigation); yields (page, app) after each page's run."""
    app = open_app(params)
    for page, title in PAGES:
        if page != PAGES[0][0]:
            app.switch_page(page).run()
        assert_no_error(app, (page, params))
        assert t(title, lang) in page_titles(app), (page, params, page_titles(app))
        yield page, app


# -- random valid filters ---------------------------------------------------------------------

YEARS = st.integers(min_value=2015, max_value=2020)  # the tiny data lie in Dec 2017 .. Jan 2018
NAMED_PERIODS = st.one_of(
    st.builds(lambda y, m: f"{y}-{m:02d}", YEARS, st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", YEARS, st.integers(1, 4)),
    st.builds(lambda y, h: f"{y}-H{h}", YEARS, st.integers(1, 2)),
    st.builds(str, YEARS),
    # the months around the data, where a period holds part of it
    st.sampled_from(["2017-11", "2017-12", "2018-01", "2018-02", "2017-Q4", "2018-Q1", "2017-H2", "2018-H1"]),
)
DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2019, 12, 31))
NEAR_DAYS = st.dates(min_value=date(2017, 11, 20), max_value=date(2018, 2, 10))


@st.composite
def custom_ranges(draw) -> dict:
    start = draw(st.one_of(NEAR_DAYS, DAYS))
    length = draw(st.one_of(st.integers(0, 3), st.integers(0, 400)))
    return {"from": start.isoformat(), "to": (start + timedelta(days=length)).isoformat()}


@st.composite
def valid_filters(draw) -> dict:
    params: dict = draw(st.one_of(NAMED_PERIODS.map(lambda p: {"period": p}), custom_ranges(), st.just({})))
    for name, values in (("unit", TINY_UNITS), ("field", TINY_FIELDS), ("channel", list(CHANNELS))):
        chosen = draw(st.lists(st.sampled_from(values), unique=True, max_size=len(values)))
        if chosen:
            params[name] = chosen
    if draw(st.booleans()):
        params["lang"] = "en"
    if draw(st.booleans()):
        params["present"] = "1"
    return params


@pytest.fixture
def tiny_app_env(tiny_db, tmp_path, monkeypatch):
    # A copy per test: the pages may write (directions, audit trail) and the tiny database
    # is shared by the session.
    import shutil

    path = tmp_path / "tiny.duckdb"
    shutil.copyfile(tiny_db, path)
    monkeypatch.setenv("CCHC_DB", str(path))
    for name in ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "CCHC_AUTH_HEADER"):
        monkeypatch.delenv(name, raising=False)
    return path


@PAGES_PROFILE
@given(params=valid_filters())
def test_every_page_handles_every_valid_filter(tiny_app_env, params):
    lang = params.get("lang", "vi")
    for page, app in run_every_page(params, lang):
        if page == "app_pages/overview.py":
            if app.session_state["filters"].period.end < TINY_FIRST:
                # before the first dossier was received: nothing to count, said in a sentence
                assert t("no_data_period", lang) in [i.value for i in app.info], params
                assert not app.metric


@pytest.mark.parametrize("case", [
    # the chairman's URLs (issue 16): a unit that resolved nothing in the period, a field the
    # town desk does not handle in person, a half-year after the data
    {"period": "2018-02", "unit": ["son-loc"], "field": ["dat-dai"]},
    {"period": "2018-05", "unit": ["thi-xa"], "field": ["y-te"], "channel": ["in_person"]},
    {"period": "2019-H1"},
    {"period": "2016-H2", "lang": "en", "present": "1"},
])
def test_the_chairmans_urls_on_the_demo(demo_db, monkeypatch, case):
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    for name in ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "CCHC_AUTH_HEADER"):
        monkeypatch.delenv(name, raising=False)
    for _, app in run_every_page(case, case.get("lang", "vi")):
        filters = app.session_state["filters"]
        assert filters.period.code == case["period"]  # the period asked for, not a fallback
        assert list(filters.units) == case.get("unit", [])


# -- the report command -----------------------------------------------------------------------

@st.composite
def report_args(draw) -> tuple[list[str], Period]:
    choice = draw(st.one_of(NAMED_PERIODS.map(lambda p: {"period": p}), custom_ranges()))
    if "period" in choice:
        args, period = ["--period", choice["period"]], Period.parse(choice["period"])
    else:
        args = ["--from", choice["from"], "--to", choice["to"]]
        period = Period.parse_range(choice["from"], choice["to"])
    for unit in draw(st.lists(st.sampled_from(TINY_UNITS), unique=True, max_size=2)):
        args += ["--unit", unit]
    lang = draw(st.sampled_from(["vi", "en"]))
    return [*args, "--lang", lang, "--date", "2018-07-05"], period


def document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
        return " ".join(" ".join(p.extract_text().split()) for p in pages)
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return " ".join(" ".join(parts).split())


@REPORT_PROFILE
@given(case=report_args(), suffix=st.sampled_from([".pdf", ".docx"]))
def test_report_command_handles_every_valid_period(tiny_app_env, tmp_path, capsys, case, suffix):
    args, period = case
    lang = args[args.index("--lang") + 1]
    out = tmp_path / f"report{suffix}"
    out.unlink(missing_ok=True)
    code = cchc_main(["report", *args, "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, (args, captured.err)
    assert captured.err == "" and "Traceback" not in captured.out
    text = document_text(out)
    assert t("doc_sign_authority", lang) in text  # the whole document was written
    outside = period.end < TINY_FIRST or period.start > TINY_LAST
    said = t("doc_outside_data", lang, first="X", last="Y").split("(")[0].strip()
    assert (said in text) == outside, (args, said)


# -- the Vietnamese screen --------------------------------------------------------------------

@pytest.mark.parametrize("db", ["tiny", "demo"])
def test_vietnamese_pages_show_no_english_or_developer_words(db, tiny_app_env, demo_db, monkeypatch):
    if db == "demo":
        monkeypatch.setenv("CCHC_DB", str(demo_db))
    period = "2018-01" if db == "tiny" else "2018-H1"
    seen = 0
    for page, app in run_every_page({"period": period}, "vi"):
        texts = shown_texts(app)
        seen += len(texts)
        for text in texts:
            for word in FORBIDDEN_VI:
                assert word not in text, (page, word, text[:300])
    assert seen > 500  # the walk reads the pages' texts (labels, cells, captions)


def test_the_sweep_opens_every_page_of_the_navigation():
    assert len(PAGES) == len(list((Path(APP).parent / "app_pages").glob("*.py"))) >= 9
    assert PAGES[0] == ("app_pages/overview.py", "page_overview")  # the default page opens first


def test_shown_texts_reads_labels_cells_and_help(tiny_app_env):
    # the walk above must see what a user sees, or the word test would pass on nothing
    app = open_app({"period": "2018-01"})
    app.switch_page("app_pages/progress.py").run()
    texts = shown_texts(app)
    assert t("page_progress", "vi") in texts  # a title
    assert t("period_kind", "vi") in texts  # a widget's label
    assert "Lê Lợi" in texts  # a table cell (tests/tiny_db.py)
    assert any(text.startswith(t("prog_balance_identity", "vi")) for text in texts)  # a caption



def test_style_sheet_words_come_from_the_labels_and_cannot_break_out():
    from cchc.ui.framework_text import css_string, style_sheet

    assert css_string('a "b" \\') == '"a \\"b\\" \\\\"'
    assert css_string("</style><script>") == '"\\3c /style>\\3c script>"'  # no tag can be closed or opened
    sheet = style_sheet("vi")
    assert sheet.count("<style>") == 1 and sheet.count("</style>") == 1
    for key in ("fw_upload_button", "fw_no_results", "fw_search", "fw_plot_zoom"):
        assert css_string(t(key, "vi")) in sheet
    assert 'content: "Upload"' not in sheet and '"Choose a file"' in style_sheet("en")
