"""The PDF meeting report: `python -m cchc report`, read back with pypdf.

The figures of the H1 2018 review (1.261 / 1.026 / 98,8 % at the town desk, 17.337 / 99,6 %
at the communes and wards) come from the source document; the tiny-database figures are
computed by hand in tests/tiny_db.py; per-unit figures are counted with SQL written here.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import duckdb
import pypdf
import pytest

from cchc.__main__ import main
from cchc.core.filters import Filters
from cchc.core.periods import Period
from cchc.datagen.demo import build_demo
from cchc.store.db import create_schema
from cchc.tables.export import report_filename
from tests.apptest import open_app


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report_demo") / "demo.duckdb"
    build_demo(path)
    return path


@pytest.fixture(autouse=True)
def _no_target_settings(monkeypatch):
    monkeypatch.delenv("CCHC_ONTIME_TARGET", raising=False)
    monkeypatch.delenv("CCHC_PAR_BAND", raising=False)


def text_of(path: Path) -> str:
    """All pages' text with runs of whitespace (line breaks of wrapped lines) made one space."""
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def report(db: Path, tmp_path: Path, monkeypatch, *args: str) -> tuple[int, Path]:
    monkeypatch.setenv("CCHC_DB", str(db))
    out = tmp_path / "r.pdf"
    code = main(["report", *args, "--out", str(out)])
    return code, out


@pytest.fixture(scope="module")
def h1_report(demo_db, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("h1") / "r.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CCHC_DB", str(demo_db))
        mp.delenv("CCHC_ONTIME_TARGET", raising=False)
        assert main(["report", "--period", "2018-H1", "--out", str(out)]) == 0
    return out, text_of(out)


def test_h1_report_has_the_review_figures(h1_report):
    _, text = h1_report
    assert ("Tại bộ phận một cửa thị xã tiếp nhận 1.261 hồ sơ, đã giải quyết 1.026 hồ sơ, "
            "tỷ lệ đúng hạn đạt 98,8 %") in text
    assert "Tại các xã, phường tiếp nhận 17.337 hồ sơ" in text
    assert "tỷ lệ đúng hạn đạt 99,6 %" in text
    # the KPI table rows: this period first
    assert re.search(r"Tiếp nhận 1\.261 \d", text)
    assert re.search(r"Đã giải quyết 1\.026 \d", text)
    assert re.search(r"Tỷ lệ đúng hạn 98,8 % ", text)
    assert re.search(r"Tiếp nhận 17\.337 \d", text)
    assert re.search(r"Tỷ lệ đúng hạn 99,6 % ", text)


def test_h1_report_title_sections_and_diacritics(h1_report):
    path, text = h1_report
    # the official layout (Decree 30/2020): document type and subject instead of a software title
    assert "BÁO CÁO Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2018" in text
    assert "Kỳ báo cáo: 6 tháng đầu năm 2018 (01/01/2018 – 30/06/2018)" in text
    assert "Đơn vị: Tất cả đơn vị" in text
    for heading in ("Tóm tắt", "Kết quả giải quyết hồ sơ", "Tỷ lệ đúng hạn theo tháng",
                    "Xếp hạng chỉ số CCHC năm 2017", "Đơn vị dưới mục tiêu", "Ghi chú về công thức và nguồn dữ liệu"):
        assert heading in text, heading
    # ranking table (source: 1st Xuân Khanh 91/100) and the summary's PAR sentence
    assert "1 Phường Xuân Khanh 91,0/100" in text
    assert "đứng đầu là Phường Xuân Khanh đạt 91/100 điểm, tiếp theo là Lê Lợi, Ngô Quyền, Sơn Lộc, Trung Hưng" in text
    assert "Một số đơn vị còn đạt thấp như Kim Sơn, Sơn Đông, Phú Thịnh"  # the report's order (domain.md §1) in text
    # comparisons named, formula and demo notice
    assert "Kỳ trước: 6 tháng cuối năm 2017; cùng kỳ năm trước: 6 tháng đầu năm 2017." in text
    assert ("Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết trong kỳ (tỷ lệ đúng hạn theo mẫu báo cáo)"
            in text)  # the formula in words: no "công thức A" in front of the meeting
    assert "DỮ LIỆU MINH HỌA" in text
    # page numbers at the top centre from page 2 (the decree), none on page 1
    reader = pypdf.PdfReader(str(path))
    assert all(page.extract_text().split()[0] == str(i) for i, page in enumerate(reader.pages[1:], 2))


def test_h1_report_is_a4_with_embedded_fonts_only(h1_report):
    reader = pypdf.PdfReader(str(h1_report[0]))
    fonts = {}
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert "DejaVuSans" in name or "DejaVuSerif" in name, name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    # the kpi charts are vector drawings: no raster image anywhere
    assert all(not page.images for page in reader.pages)


def test_h1_report_figures_match_the_overview_page(h1_report, demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch=monkeypatch, params={"period": "2018-H1"})
    assert not at.exception
    values = [m.value for m in at.metric]
    assert values[:3] == ["1.261", "1.026", "98,8 %"] and values[5] == "17.337" and values[7] == "99,6 %"
    text = h1_report[1]
    for label, value in ((m.label, m.value) for m in at.metric):
        assert re.search(rf"{re.escape(label)} {re.escape(value)} ", text), (label, value)
    summary = " ".join(m.value for m in at.markdown if "tiếp nhận" in m.value)
    assert "1.261 hồ sơ" in summary


def test_unit_report_counts_match_independent_sql(demo_db, tmp_path, monkeypatch):
    code, out = report(demo_db, tmp_path, monkeypatch, "--period", "2018-Q2", "--unit", "xuan-khanh")
    assert code == 0
    text = text_of(out)
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        # received in Q2 2018: received date in the quarter, not refused or only registered online
        received, resolved, in_time = con.execute(
            """
            select
                count(*) filter (where received_date between '2018-04-01' and '2018-06-30' and state not in (1, 3)),
                count(*) filter (where state in (9, 10) and finished_date between '2018-04-01' and '2018-06-30'),
                count(*) filter (where state in (9, 10) and finished_date between '2018-04-01' and '2018-06-30'
                                 and finished_date <= (select next_working_day from next_working_day n where n.date = due_date))
            from dossiers where unit_code = 'xuan-khanh'
            """
        ).fetchone()
    finally:
        con.close()
    assert "Đơn vị: Phường Xuân Khanh" in text
    assert "Bộ phận một cửa thị xã Chỉ tiêu" not in text  # no town table for a ward alone
    fmt = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    assert re.search(rf"Tiếp nhận {fmt(received)} \d", text)
    assert re.search(rf"Đã giải quyết {fmt(resolved)} \d", text)
    rate = f"{100 * in_time / resolved:.1f}".replace(".", ",")
    assert re.search(rf"Tỷ lệ đúng hạn (▼ )?{rate} % ", text)


def test_tiny_january_report_exact_and_marked(tiny_db, tmp_path, monkeypatch):
    code, out = report(tiny_db, tmp_path, monkeypatch, "--period", "2018-01")
    assert code == 0
    text = text_of(out)
    # hand-computed (tests/tiny_db.py): town desk carried 2, received 3, resolved 3
    # (early 1, on time 1, late 1), 66,7 % — below the 98 % target, so marked.
    assert "Tại bộ phận một cửa thị xã tiếp nhận 3 hồ sơ, đã giải quyết 3 hồ sơ, tỷ lệ đúng hạn đạt 66,7 %" in text
    assert "Tỷ lệ đúng hạn ▼ 66,7 %" in text
    assert "Đơn vị có tỷ lệ đúng hạn dưới mục tiêu 98 %: ▼ Thị xã (66,7 %)." in text
    assert "▼ Bộ phận một cửa thị xã Sơn Tây 3 1 ▼ 66,7 %" in text  # the below-target table
    assert "Kỳ trước chuyển sang 2 0 +2" in text
    assert "DỮ LIỆU MINH HỌA" not in text  # not demo data
    assert "tiny.duckdb" not in text  # no file names in front of the meeting


def test_english_report(tiny_db, tmp_path, monkeypatch):
    code, out = report(tiny_db, tmp_path, monkeypatch, "--period", "2018-01", "--lang", "en")
    assert code == 0
    text = text_of(out)
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text and "REPORT Administrative reform results for month 1/2018" in text
    assert "The town one-stop desk received 3 dossiers and resolved 3, with an on-time rate of 66.7 %" in text


def test_period_without_data_says_so(tiny_db, tmp_path, monkeypatch):
    code, out = report(tiny_db, tmp_path, monkeypatch, "--period", "2016-H1")
    assert code == 0
    text = text_of(out)
    assert "Không có hồ sơ nào trong kỳ 6 tháng đầu năm 2016 cho các đơn vị đã chọn" in text
    assert "Kết quả giải quyết hồ sơ" not in text


def test_empty_database_gives_a_report(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(path))
    create_schema(con)
    con.close()
    code, out = report(path, tmp_path, monkeypatch, "--period", "2018-H1")
    assert code == 0
    assert "Không có hồ sơ nào trong kỳ 6 tháng đầu năm 2018" in text_of(out)


def test_custom_range_and_file_name(tiny_db, tmp_path, monkeypatch):
    code, out = report(tiny_db, tmp_path, monkeypatch, "--from", "2018-01-01", "--to", "2018-01-30")
    assert code == 0
    # D4 and D11 are received on 31 January: outside the range
    assert "tiếp nhận 2 hồ sơ" in text_of(out)
    assert report_filename(Filters(period=Period.half(2018, 1))) == "bao-cao-cchc-2018-H1.pdf"
    assert report_filename(Filters(period=Period.custom(*[datetime(2018, 1, d).date() for d in (1, 30)]), lang="en")) \
        == "par-report-20180101-20180130.pdf"


@pytest.mark.parametrize("args, message", [
    (["--period", "2018-H3"], "bad period"),
    (["--from", "2018-01-01"], "--from and --to go together"),
    (["--period", "2018-H1", "--unit", "nowhere"], "unknown unit(s): nowhere"),
])
def test_bad_arguments_are_messages(tiny_db, tmp_path, monkeypatch, capsys, args, message):
    code, out = report(tiny_db, tmp_path, monkeypatch, *args)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_fresh_clone_builds_the_demo_database_first(tmp_path, monkeypatch, capsys):
    from cchc.store import db

    monkeypatch.delenv("CCHC_DB", raising=False)
    monkeypatch.setattr(db, "DEMO_DB", tmp_path / "data" / "demo.duckdb")
    (tmp_path / "data").mkdir()
    out = tmp_path / "r.pdf"
    assert main(["report", "--period", "2018-H1", "--out", str(out)]) == 0
    assert (tmp_path / "data" / "demo.duckdb").exists()
    assert "building the demo database" in capsys.readouterr().err
    assert "tiếp nhận 1.261 hồ sơ, đã giải quyết 1.026 hồ sơ, tỷ lệ đúng hạn đạt 98,8 %" in text_of(out)


def test_missing_database_is_a_message(tmp_path, monkeypatch, capsys):
    code, _ = report(tmp_path / "missing.duckdb", tmp_path, monkeypatch, "--period", "2018-H1")
    assert code == 1
    assert "missing.duckdb" in capsys.readouterr().err


def test_overview_offers_the_report_except_when_presenting(tiny_db, monkeypatch):
    at = open_app(tiny_db, monkeypatch=monkeypatch, params={"period": "2018-01"})
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Tải báo cáo PDF", "Tải báo cáo Word (DOCX)"]
    assert at.toggle(key="present_mode").value is False

    presenting = open_app(params={"period": "2018-01", "present": "1"})
    assert not presenting.exception
    assert presenting.get("download_button") == []
    assert presenting.toggle(key="present_mode").value is True
    assert presenting.query_params["present"] == "1"
    # the figures do not change with the mode
    assert [m.value for m in presenting.metric] == [m.value for m in at.metric]
    presenting.toggle(key="present_mode").set_value(False).run()
    assert "present" not in presenting.query_params
    assert [b.proto.label for b in presenting.get("download_button")] == ["Tải báo cáo PDF", "Tải báo cáo Word (DOCX)"]
