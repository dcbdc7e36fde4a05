"""The live feed (cchc/sync/feed.py) against a REAL PostgreSQL: a throwaway cluster in a
temporary folder on 127.0.0.1 and a free port, made with Debian's initdb / pg_ctl (run as
the ``postgres`` user when the tests run as root: root cannot run a server). .ci/run
installs Debian's postgresql when it is missing; without it these tests are skipped, saying so.

The source table is shaped like the provincial system's HoSo, with applicant columns the
feed's database role is NOT allowed to read (column privileges): a feed that selected one
would fail. Expected rows are written by hand against the tiny database (tests/tiny_db.py:
units thi-xa, le-loi, kim-son; procedures P1 10 days, P2 3 days).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

psycopg = pytest.importorskip("psycopg")

from cchc.__main__ import main  # noqa: E402
from cchc.store import writer  # noqa: E402
from cchc.sync.feed import Mapping, SyncError, run_sync, select_sql  # noqa: E402
from tests.paths import ROOT  # noqa: E402

TODAY = date(2018, 3, 31)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """A PostgreSQL cluster for this module: its admin address, stopped and deleted after."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)")
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = folder / "data"
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "admin", "-E", "UTF8",
                    "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                    f"-h 127.0.0.1 -p {port} -k {folder} -F", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://admin@127.0.0.1:{port}", port
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


COLUMNS = ["MaHoSo", "DonViId", "MaTTHC", "KenhThucHien", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy",
           "TrangThaiHoSoId", "NgayYeuCauBoSung", "NgayCongDanBoSung", "LastModifiedOn"]
# personal values: the feed's role cannot read them, and they never reach the dashboard's file
PERSONAL = ("Nguyễn Văn Bình", "001085012345", "Số 12 phố Lê Lợi")


@pytest.fixture
def source(server, request):
    """A fresh database with the HoSo table; the feed reads it as 'reader', who may select
    the mapped columns only. Returns (admin connection, the reader's address)."""
    admin_url, port = server
    name = "t_" + request.node.name.lower().replace("[", "_").replace("]", "")[:40]
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as con:
        con.execute(f'drop database if exists "{name}"')
        con.execute(f'create database "{name}"')
        con.execute("do $$ begin if not exists (select from pg_roles where rolname = 'reader') then "
                    "create role reader login; end if; end $$")
    admin = psycopg.connect(f"{admin_url}/{name}", autocommit=True)
    admin.execute('''create table "HoSo" (
        "Id" serial primary key, "MaHoSo" text not null unique, "DonViId" text, "MaTTHC" text, "MaLinhVuc" text,
        "KenhThucHien" text, "NgayNopHoSo" timestamp, "NgayTiepNhan" timestamp, "NgayHenTra" timestamp,
        "NgayKetThucXuLy" timestamp, "NgayTra" timestamp, "TrangThaiHoSoId" text, "NgayYeuCauBoSung" timestamp,
        "NgayCongDanBoSung" timestamp, "ChuHoSo" text, "SoGiayToChuHoSo" text, "DiaChiChuHoSo" text,
        "LastModifiedOn" timestamp)''')
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    admin.execute(f'grant select ({cols}) on "HoSo" to reader')
    yield admin, f"postgresql://reader@127.0.0.1:{port}/{name}"
    admin.close()


def insert(admin, code, unit, procedure, channel, received, due, finished, state, modified):
    admin.execute(
        'insert into "HoSo" ("MaHoSo", "DonViId", "MaTTHC", "KenhThucHien", "NgayTiepNhan", "NgayHenTra", '
        '"NgayKetThucXuLy", "TrangThaiHoSoId", "ChuHoSo", "SoGiayToChuHoSo", "DiaChiChuHoSo", "LastModifiedOn") '
        "values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [code, unit, procedure, channel, received, due, finished, state, *PERSONAL, modified])


@pytest.fixture
def target(tiny_db, tmp_path):
    path = tmp_path / "feed.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def dossiers(path, prefix="HS-"):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select dossier_code, unit_code, procedure_code, channel, received_date, due_date, finished_date, state "
            "from dossiers where dossier_code like ? order by dossier_code", [prefix + "%"]).fetchall()
    finally:
        con.close()


def sync_log(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select source, high_water, high_water_code, read_rows, inserted, updated, unchanged, rejected "
                           "from sync_log order by run_id").fetchall()
    finally:
        con.close()


def test_new_rows_then_changed_rows(source, target):
    admin, url = source
    insert(admin, "HS-1", "le-loi", "P2", "2", datetime(2018, 2, 5, 9, 15), datetime(2018, 2, 8), None, "4",
           datetime(2018, 2, 5, 9, 20))
    insert(admin, "HS-2", "Phường Lê Lợi", "P2", "1", datetime(2018, 2, 6, 8, 0), datetime(2018, 2, 9),
           datetime(2018, 2, 8, 16, 0), "10", datetime(2018, 2, 8, 16, 5))
    insert(admin, "HS-3", "UBND xã Kim Sơn", "P1", "3", datetime(2018, 2, 7), datetime(2018, 2, 22), None, "4",
           datetime(2018, 2, 7, 10, 0))
    insert(admin, "HS-9", "Xã Không Có", "P1", "1", datetime(2018, 2, 7), datetime(2018, 2, 22), None, "4",
           datetime(2018, 2, 7, 11, 0))  # an unknown unit: rejected, reported
    result = run_sync(url, target, today=TODAY)
    assert (result.read, result.inserted, result.updated, result.unchanged, result.rejected) == (4, 3, 0, 0, 1)
    assert result.rejections == ["HS-9: DonViId: Đơn vị không có trong danh mục đơn vị"]
    assert dossiers(target) == [
        ("HS-1", "le-loi", "P2", "online", date(2018, 2, 5), date(2018, 2, 8), None, 4),
        ("HS-2", "le-loi", "P2", "in_person", date(2018, 2, 6), date(2018, 2, 9), date(2018, 2, 8), 10),
        ("HS-3", "kim-son", "P1", "postal", date(2018, 2, 7), date(2018, 2, 22), None, 4),
    ]
    source_name = url  # no password in it: logged as given
    assert sync_log(target) == [(source_name, datetime(2018, 2, 8, 16, 5), "HS-2", 4, 3, 0, 0, 1)]

    # HS-1 finished, HS-4 new; HS-2 and HS-3 untouched
    admin.execute('update "HoSo" set "NgayKetThucXuLy" = %s, "TrangThaiHoSoId" = %s, "LastModifiedOn" = %s '
                  'where "MaHoSo" = %s', [datetime(2018, 2, 9, 15, 0), "9", datetime(2018, 2, 9, 15, 1), "HS-1"])
    insert(admin, "HS-4", "kim-son", "P2", "2", datetime(2018, 2, 9), datetime(2018, 2, 14), None, "4",
           datetime(2018, 2, 9, 15, 30))
    result = run_sync(url, target, today=TODAY)
    assert (result.read, result.inserted, result.updated, result.unchanged, result.rejected) == (2, 1, 1, 0, 0)
    assert dossiers(target)[0] == ("HS-1", "le-loi", "P2", "online", date(2018, 2, 5), date(2018, 2, 8),
                                   date(2018, 2, 9), 9)
    assert dossiers(target)[3] == ("HS-4", "kim-son", "P2", "online", date(2018, 2, 9), date(2018, 2, 14), None, 4)
    assert sync_log(target)[-1] == (source_name, datetime(2018, 2, 9, 15, 30), "HS-4", 2, 1, 1, 0, 0)

    # nothing new: nothing read, nothing written
    before = target.stat().st_mtime_ns
    result = run_sync(url, target, today=TODAY)
    assert (result.read, result.batches) == (0, 0)
    assert target.stat().st_mtime_ns == before and len(sync_log(target)) == 2

    # --since reads again from a time: the same rows change nothing (idempotent)
    result = run_sync(url, target, since=datetime(2018, 2, 1), today=TODAY)
    assert (result.read, result.inserted, result.updated, result.unchanged, result.rejected) == (5, 0, 0, 4, 1)
    assert len(dossiers(target)) == 4


def test_a_run_killed_halfway_and_run_again_loses_nothing_and_counts_nothing_twice(source, target, monkeypatch):
    admin, url = source
    for i in range(1, 8):  # 7 rows, batches of 2: 4 batches
        insert(admin, f"HS-{i}", "le-loi" if i % 2 else "kim-son", "P2", "2", datetime(2018, 2, i), datetime(2018, 2, 20),
               None, "4", datetime(2018, 3, 1, 8, 0))  # the same change time: the code orders them
    real_swap = writer._swap
    calls = []

    def dies_on_the_second_swap(work_path, path):
        calls.append(work_path)
        if len(calls) == 2:
            raise SystemExit("killed")  # the process dies just before the second rename
        real_swap(work_path, path)

    monkeypatch.setattr(writer, "_swap", dies_on_the_second_swap)
    with pytest.raises(SystemExit):
        run_sync(url, target, batch_rows=2, today=TODAY)
    monkeypatch.setattr(writer, "_swap", real_swap)
    assert [r[0] for r in dossiers(target)] == ["HS-1", "HS-2"]
    assert [r[2:5] for r in sync_log(target)] == [("HS-2", 2, 2)]
    assert not list(target.parent.glob("*.loading-*"))  # the dead copy is gone

    result = run_sync(url, target, batch_rows=2, today=TODAY)
    assert (result.read, result.inserted, result.updated, result.unchanged, result.batches) == (5, 5, 0, 0, 3)
    assert [r[0] for r in dossiers(target)] == [f"HS-{i}" for i in range(1, 8)]
    log = sync_log(target)
    assert [r[2] for r in log] == ["HS-2", "HS-4", "HS-6", "HS-7"]
    assert sum(r[4] for r in log) == 7 and sum(r[3] for r in log) == 7


def test_a_real_kill_of_the_command_then_a_rerun(source, target):
    """SIGKILL of `python -m cchc sync` while it writes; the rerun completes the copy."""
    admin, url = source
    rows = [(f"HS-{i:03d}", "le-loi", "P2", "2", datetime(2018, 2, 1 + i % 20), datetime(2018, 2, 26), None, "4",
             datetime(2018, 3, 1, 8, i // 60, i % 60)) for i in range(1, 61)]
    for r in rows:
        insert(admin, *r)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(["python", "-u", "-m", "cchc", "sync", url, "--db", str(target), "--batch", "5"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        line = proc.stdout.readline()
        if line.startswith("batch 2:"):
            break
    proc.kill()
    proc.wait()
    written = len(dossiers(target))
    assert proc.returncode == -9 and 10 <= written < 60  # killed after two batches, before the last
    assert written == sum(r[4] for r in sync_log(target))
    assert main(["sync", url, "--db", str(target), "--batch", "5"]) == 0
    assert [r[0] for r in dossiers(target)] == [r[0] for r in rows]
    assert sum(r[4] for r in sync_log(target)) == 60


def test_applicant_columns_are_never_selected(source, target):
    admin, url = source
    insert(admin, "HS-1", "le-loi", "P2", "2", datetime(2018, 2, 5), datetime(2018, 2, 8), None, "4",
           datetime(2018, 2, 5, 9, 20))
    # the reader may not select ChuHoSo: a feed that asked for it would fail here
    with psycopg.connect(url) as con, pytest.raises(psycopg.errors.InsufficientPrivilege):
        con.execute('select "ChuHoSo" from "HoSo"')
    assert run_sync(url, target, today=TODAY).inserted == 1
    statement, _ = select_sql(Mapping.load(), resume=True)
    text = statement.as_string(None)
    assert all(c not in text for c in ("ChuHoSo", "SoGiayTo", "DiaChi")) and "*" not in text
    con = duckdb.connect(str(target), read_only=True)
    tables = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
    for table in tables:
        for value in PERSONAL:
            cols = [r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = ? "
                                              "and data_type = 'VARCHAR'", [table]).fetchall()]
            for col in cols:
                assert not con.execute(f'select count(*) from "{table}" where "{col}" = ?', [value]).fetchone()[0]
    con.close()
    # a mapping that names an applicant column is refused before anything is read
    with pytest.raises(SyncError, match="SoGiayToChuHoSo holds personal data"):
        Mapping(table="HoSo", changed_at="LastModifiedOn",
                columns={**Mapping.load().columns, "supplement_count": "SoGiayToChuHoSo"}).check()
    with pytest.raises(SyncError, match="ChuHoSo holds personal data"):
        Mapping(table="HoSo", changed_at="LastModifiedOn", columns={**Mapping.load().columns, "unit": "ChuHoSo"}).check()


def test_an_unreachable_source_is_one_line(target, capsys):
    port = _free_port()
    assert main(["sync", f"postgresql://reader:secret@127.0.0.1:{port}/x", "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot connect to postgresql://reader@127.0.0.1:{port}/x")
    assert "secret" not in err and err.count("\n") == 1
