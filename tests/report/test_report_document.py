"""The meeting report as an official document (Decree 30/2020/ND-CP layout), in PDF and
DOCX from one model: the official parts, the H1 2018 figures of the source report
(1.261 / 1.026 / 98,8 %; 17.337 / 99,6 %), no developer words, no near-empty page, and
periods without data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from cchc.__main__ import main
from cchc.core.periods import Period
from cchc.report.document import pct_points, place_date, subject

OFFICIAL_PARTS = (
    "UBND THÀNH PHỐ HÀ NỘI", "UBND THỊ XÃ SƠN TÂY", "Số: 45/BC-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Sơn Tây, ngày 05 tháng 7 năm 2018", "BÁO CÁO",
    "Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2018",
    "Nơi nhận:", "- Sở Nội vụ thành phố Hà Nội (để báo cáo);", "- Lưu: VT, NV.",
    "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
)
# the source report's figures, as the summary paragraph says them
FIGURES = (
    "Tại bộ phận một cửa thị xã tiếp nhận 1.261 hồ sơ, đã giải quyết 1.026 hồ sơ, tỷ lệ đúng hạn đạt 98,8 %",
    "Tại các xã, phường tiếp nhận 17.337 hồ sơ",
    "tỷ lệ đúng hạn đạt 99,6 %",
)
DEVELOPER_WORDS = ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "demo.duckdb", ".duckdb", "SHA-256", "công thức A",
                   "điểm %")


@pytest.fixture(autouse=True)
def _no_settings(monkeypatch):
    for name in ("CCHC_ONTIME_TARGET", "CCHC_PAR_BAND", "CCHC_ISSUER", "CCHC_ISSUER_PARENT", "CCHC_PLACE",
                 "CCHC_SIGNER", "CCHC_SIGNER_TITLE", "CCHC_RECIPIENTS"):
        monkeypatch.delenv(name, raising=False)


def pdf_pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(str(path)).pages]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return " ".join(" ".join(parts).split())


def write(db: Path, out: Path, monkeypatch, *args: str) -> int:
    monkeypatch.setenv("CCHC_DB", str(db))
    return main(["report", *args, "--out", str(out)])


@pytest.fixture(scope="module")
def h1(demo_db, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("official")
    out = {"pdf": folder / "r.pdf", "docx": folder / "r.docx"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CCHC_DB", str(demo_db))
        for path in out.values():
            assert main(["report", "--period", "2018-H1", "--date", "2018-07-05", "--number", "45",
                         "--out", str(path)]) == 0
    return out


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_official_parts_and_figures(h1, kind):
    text = " ".join(pdf_pages(h1["pdf"])) if kind == "pdf" else docx_text(h1["docx"])
    for part in OFFICIAL_PARTS + FIGURES:
        assert part in text, (kind, part)
    for word in DEVELOPER_WORDS:
        assert word not in text, (kind, word)
    # percentage points written out (the town desk: 98,8 % against H2 2017 in the KPI table)
    assert "điểm phần trăm" in text
    # the formula named in words, and this meeting's directions as the last part
    assert "tỷ lệ đúng hạn theo mẫu báo cáo" in text
    assert "VIII. Kết luận chỉ đạo 1. Hệ thống lại các công việc" in text


def test_pdf_header_order_and_no_page_number_on_page_one(h1):
    first = pdf_pages(h1["pdf"])[0]
    order = [first.index(p) for p in ("UBND THÀNH PHỐ HÀ NỘI", "UBND THỊ XÃ SƠN TÂY", "CỘNG HÒA XÃ HỘI",
                                      "BÁO CÁO Sơ kết", "I. Tóm tắt")]
    assert order == sorted(order)
    assert first.startswith("UBND THÀNH PHỐ HÀ NỘI")


def test_docx_motto_underlined_in_times_new_roman(h1):
    document = docx.Document(str(h1["docx"]))
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [r for t in document.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    motto = [r for r in runs if r.text == "Độc lập - Tự do - Hạnh phúc"]
    assert len(motto) == 1 and motto[0].underline and motto[0].bold
    assert [r.text for r in runs if r.italic and "ngày" in r.text] == ["Sơn Tây, ngày 05 tháng 7 năm 2018"]
    # the trend chart's figures as a table: the header and the first month of the window
    assert "Số liệu của biểu đồ:" in docx_text(h1["docx"])


@pytest.mark.parametrize("period", ["2018-H1", "2018-H2", "2019-H1"])
def test_no_near_empty_page(demo_db, tmp_path, monkeypatch, period):
    out = tmp_path / "r.pdf"
    assert write(demo_db, out, monkeypatch, "--period", period, "--date", "2019-01-05") == 0
    pages = pdf_pages(out)
    lengths = [len(p) for p in pages]
    assert min(lengths) >= 350, lengths
    # the signature block never stands alone: body text precedes "Nơi nhận:" on its page
    last = pages[-1]
    assert last.index("Nơi nhận:") > 40


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_period_without_data_is_a_plain_sentence(demo_db, tmp_path, monkeypatch, suffix):
    out = tmp_path / f"r.{suffix}"
    # the half-year after the data (the demo reaches October 2026, so 2019-H1 has data now):
    # only dossiers carried over, none resolved
    assert write(demo_db, out, monkeypatch, "--period", "2027-H1", "--date", "2027-07-05") == 0
    text = " ".join(pdf_pages(out)) if suffix == "pdf" else docx_text(out)
    assert ("Kỳ báo cáo nằm ngoài khoảng thời gian có dữ liệu (hồ sơ tiếp nhận từ 03/01/2017 đến 30/10/2026)."
            in text)
    assert "Đơn vị không có hồ sơ giải quyết trong kỳ (không tính tỷ lệ đúng hạn): Tất cả đơn vị." in text
    assert "Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2027" in text


def test_period_before_the_data(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "r.docx"
    assert write(demo_db, out, monkeypatch, "--period", "2015", "--date", "2016-01-10") == 0
    text = docx_text(out)
    assert "Không có hồ sơ nào trong kỳ Năm 2015 cho các đơn vị đã chọn" in text
    assert "Tổng kết công tác cải cách hành chính năm 2015" in text
    assert "Sơn Tây, ngày 10 tháng 01 năm 2016" in text


def test_settings_and_options_name_the_issuer(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_ISSUER", "UBND huyện Ba Vì")
    monkeypatch.setenv("CCHC_PLACE", "Ba Vì")
    out = tmp_path / "r.pdf"
    assert write(demo_db, out, monkeypatch, "--period", "2018-Q2", "--date", "2018-07-10", "--signer",
                 "Nguyễn Văn A", "--recipient", "Sở Nội vụ", "--recipient", "Lưu: VT") == 0
    text = " ".join(pdf_pages(out))
    assert "UBND HUYỆN BA VÌ" in text and "Ba Vì, ngày 10 tháng 7 năm 2018" in text
    assert "Số: …/BC-UBND" in text  # no number given: left for the office
    assert "Kết quả công tác cải cách hành chính quý II năm 2018" in text
    assert "Nơi nhận: - Sở Nội vụ; - Lưu: VT." in text
    assert "Nguyễn Văn A" in text


def test_bad_date_is_a_message(tiny_db, tmp_path, monkeypatch, capsys):
    out = tmp_path / "r.pdf"
    assert write(tiny_db, out, monkeypatch, "--period", "2018-01", "--date", "05/07/2018") == 2
    assert "bad --date '05/07/2018': use YYYY-MM-DD" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_extension_is_a_message(tiny_db, tmp_path, monkeypatch, capsys):
    out = tmp_path / "r.txt"
    assert write(tiny_db, out, monkeypatch, "--period", "2018-01") == 2
    assert "--out must end in .pdf or .docx, not 'r.txt'" in capsys.readouterr().err
    assert not out.exists()


def test_place_date_leading_zeros():
    # the decree: days below 10 and the months 1 and 2 with a leading zero
    assert place_date("Sơn Tây", date(2018, 7, 5)) == "Sơn Tây, ngày 05 tháng 7 năm 2018"
    assert place_date("Sơn Tây", date(2019, 2, 14)) == "Sơn Tây, ngày 14 tháng 02 năm 2019"
    assert place_date("Sơn Tây", date(2018, 12, 1)) == "Sơn Tây, ngày 01 tháng 12 năm 2018"
    assert place_date("Sơn Tây", date(2018, 1, 31)) == "Sơn Tây, ngày 31 tháng 01 năm 2018"


def test_subject_from_the_period_kind():
    assert subject(Period.parse("2018-H1")) == "Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2018"
    assert subject(Period.parse("2018-H2")) == "Kết quả công tác cải cách hành chính 6 tháng cuối năm 2018"
    assert subject(Period.parse("2018-Q4")) == "Kết quả công tác cải cách hành chính quý IV năm 2018"
    assert subject(Period.parse("2018-05")) == "Kết quả công tác cải cách hành chính tháng 5 năm 2018"
    assert subject(Period.parse("2018")) == "Tổng kết công tác cải cách hành chính năm 2018"
    assert subject(Period.parse_range("2018-01-01", "2018-01-30")) == \
        "Kết quả công tác cải cách hành chính từ ngày 01/01/2018 đến ngày 30/01/2018"


def test_percentage_points_written_out():
    assert pct_points(0.44) == "+0,4 điểm phần trăm"
    assert pct_points(-1.36) == "-1,4 điểm phần trăm"
    assert pct_points(0.01) == "0 điểm phần trăm"
    assert pct_points(2.0, "en") == "+2.0 percentage points"
