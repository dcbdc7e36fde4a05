"""`python -m cchc import`: exit codes, what it prints, dry runs, and readers during a load."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from cchc.__main__ import main
from cchc.importer import load
from cchc.store import db as cchc_db
from tests import import_fixtures as fx
from tests.paths import ROOT


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_loads_and_prints_what_it_did(db, tmp_path, capsys):
    export = tmp_path / "so-theo-doi.xlsx"
    export.write_bytes(fx.dossiers_xlsx())
    assert main(["import", str(export), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "so-theo-doi.xlsx: Hồ sơ (sổ theo dõi một cửa), trang tính «So theo doi», dòng tiêu đề 7"
    assert out[1].startswith("Đọc 11 dòng: hợp lệ 5 (thêm mới 5, cập nhật 0, không đổi 0,")
    assert "Thủ tục thêm vào danh mục: NEW-1" in out
    assert "Cột dữ liệu cá nhân bị bỏ (không đọc, không lưu): Người nộp, Địa chỉ, Số điện thoại, Số giấy tờ" in out
    assert "  dòng 14 · Đơn vị tiếp nhận · «Phường Xuân Khanh» · Đơn vị không có trong danh mục đơn vị" in out
    assert out[-1] == f"Đã nạp (lần nạp số 1) vào {db}: thêm mới 5, cập nhật 0, bị loại 6."
    # again: nothing to change, still a success
    assert main(["import", str(export), "--db", str(db), "--kind", "dossiers"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Không có gì thay đổi: dữ liệu trong tệp đã có sẵn."


def test_cli_dry_run_writes_nothing(db, tmp_path, capsys):
    export = tmp_path / "so.csv"
    export.write_bytes(fx.encode_cp1258(fx.dossiers_csv_text(delimiter=";")))
    before = file_hash(db)
    assert main(["import", str(export), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Chạy thử: chưa ghi gì vào cơ sở dữ liệu."
    assert out[1].startswith("Đọc 11 dòng: hợp lệ 5 (thêm mới 5,")
    assert file_hash(db) == before


@pytest.mark.parametrize("content, reason", [
    (b"", "Tệp rỗng, không có dữ liệu."),
    (b"\x00\x01\x02binary" * 30, "Tệp không phải bảng tính Excel (.xlsx, .xls) hoặc CSV."),
    ("Họ tên,Tuổi\nAn,3\n".encode(),
     "Không tìm thấy dòng tiêu đề cột (ví dụ: Mã hồ sơ, Ngày tiếp nhận; Mã TTHC, Tên TTHC; Đơn vị, Điểm)."),
])
def test_cli_refuses_bad_files_in_one_line(db, tmp_path, capsys, content, reason):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    before = file_hash(db)
    assert main(["import", str(bad), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: {reason}\n"
    assert file_hash(db) == before


def test_cli_size_limit_and_missing_file(db, tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    monkeypatch.setenv("CCHC_MAX_UPLOAD_MB", "1")
    assert main(["import", str(big), "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: Tệp quá lớn (1 MB), vượt giới hạn 1 MB.\n"
    assert main(["import", str(tmp_path / "none.xlsx"), "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: Không tìm thấy tệp none.xlsx.\n"


def test_cli_unexpected_failure_is_one_line(db, tmp_path, capsys, monkeypatch):
    import importlib

    loader = importlib.import_module("cchc.importer.load")
    monkeypatch.setattr(loader, "apply", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    export = tmp_path / "so.xlsx"
    export.write_bytes(fx.dossiers_xlsx())
    before = file_hash(db)
    assert main(["import", str(export), "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: Nạp dữ liệu thất bại, cơ sở dữ liệu giữ nguyên: disk full\n"
    assert file_hash(db) == before


def test_cli_as_a_real_process(db, tmp_path):
    export = tmp_path / "so.xls"
    export.write_bytes(fx.dossiers_xls())
    done = subprocess.run([sys.executable, "-m", "cchc", "import", str(export), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"Đã nạp (lần nạp số 1) vào {db}: thêm mới 5, cập nhật 0, bị loại 6."
    bad = subprocess.run([sys.executable, "-m", "cchc", "import", str(tmp_path / "none.csv"), "--db", str(db)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (bad.returncode, bad.stderr) == (1, "error: Không tìm thấy tệp none.csv.\n")


# -- readers while a load runs ---------------------------------------------------------------


def _big_export(n: int) -> bytes:
    rows = [["Mã hồ sơ", "Mã TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]]
    for i in range(n):
        day = date(2018, 1, 2) + timedelta(days=i % 80)
        rows.append([f"C-{i:05d}", "P2", "Lê Lợi", day.strftime("%d/%m/%Y"), (day + timedelta(days=5)).strftime("%d/%m/%Y"),
                     "Đang xử lý"])
    return fx.workbook_bytes(rows)


def test_readers_in_threads_never_see_half_a_load(db):
    """Pages in other sessions run queries while the load swaps the file: they see the
    old or the new data, never a part of it, and never an error."""
    data = _big_export(3000)
    before = int(cchc_db.run_query("data_range", db=db).iloc[0]["dossiers"])
    seen: set[int] = set()
    errors: list[str] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                seen.add(int(cchc_db.run_query("data_range", db=db).iloc[0]["dossiers"]))
                cchc_db.run_query("dossier_balance", db=db, start=date(2018, 1, 1), end=date(2018, 3, 31),
                                  units=["thi-xa", "le-loi", "kim-son"], fields=[], channels=[])
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for th in threads:
        th.start()
    try:
        time.sleep(0.2)
        outcome = load(data, "big.xlsx", db)
        time.sleep(0.3)
    finally:
        stop.set()
        for th in threads:
            th.join()
    assert outcome.plan.inserted == 3000
    assert errors == []
    assert seen == {before, before + 3000}


def test_reader_in_another_process_during_load(db, tmp_path):
    data = _big_export(3000)
    script = (
        "import sys, time\n"
        "from cchc.store.db import run_query\n"
        "seen = []\n"
        "deadline = time.time() + 60\n"
        "while time.time() < deadline:\n"
        "    n = int(run_query('data_range', db=sys.argv[1]).iloc[0]['dossiers'])\n"
        "    if not seen or seen[-1] != n:\n"
        "        seen.append(n); print(n, flush=True)\n"
        "    if n > 12:\n"
        "        break\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        first = child.stdout.readline()  # the child is reading before the load starts
        assert first.strip() == "12"
        load(data, "big.xlsx", db)
        out, err = child.communicate(timeout=90)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert [first.strip()] + out.split() == ["12", "3012"]


def test_reader_sees_the_new_file_even_when_the_old_one_is_held_open(db):
    """DuckDB gives a ``connect`` of a path the instance already open for it; the dashboard's
    reader must not: after a swap it reads the new file whatever else holds the old one."""
    import duckdb

    before = int(cchc_db.run_query("data_range", db=db).iloc[0]["dossiers"])
    held = duckdb.connect(str(db), read_only=True)  # e.g. a tool of another module, still open
    try:
        load(_big_export(10), "small.xlsx", db)
        assert int(cchc_db.run_query("data_range", db=db).iloc[0]["dossiers"]) == before + 10
        assert held.execute("select count(*) from dossiers").fetchall() == [(before,)]  # it is the old file
    finally:
        held.close()
