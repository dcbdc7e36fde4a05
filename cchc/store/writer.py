"""The one writer of database files: lock, copy, write, swap.

Everything that writes a DuckDB file goes through here: an import or an undo
(:mod:`cchc.importer.load`), a rollup refresh (:func:`refresh_file`), the demo builder
(:mod:`cchc.datagen.demo`) and the city generator (:mod:`cchc.datagen.city`).

How the writer and the readers share a file:

- Nobody ever opens the database read-write. A write works on ``<db>.loading-<pid>.duckdb``
  in the same directory: a copy of the database (:func:`write_copy`) or a new file
  (:func:`write_new`), checkpoints it, closes it, fsyncs it and ``os.replace``-s it onto the
  database. Readers that are running keep reading the old file (their open file stays
  valid); the next query sees a new file version (inode, size, mtime) and reopens it
  (:mod:`cchc.store.db`). A failure anywhere before the swap deletes the copy: the database
  is byte-for-byte unchanged.
- Writes are serialised by an exclusive ``flock`` on ``<db>.lock``, NEXT TO the database:
  every process that writes that file sees the same lock whatever its temporary directory
  (a lock in ``$TMPDIR`` let two imports with different TMPDIRs both copy, both swap, and
  lose one of them). The lock file is removed by its holder; a waiter that locked a lock
  file removed meanwhile tries again on the new one, so two holders can never coexist.
- The rollups (:mod:`cchc.store.rollups`) are rebuilt on the copy before every swap: they
  are copies of the dossiers and always match the file they are in.
- Copies left by a crashed write (``*.loading-<pid>.duckdb`` and ``*.preview-<pid>-*.duckdb``
  whose process is gone) are removed at the next write or start (:func:`remove_stale_copies`).
- :func:`snapshot` reads the current version through a hard link under another name, so
  DuckDB's per-path instance cache can never hand it an older version still open in the
  process.
- After a swap, :func:`cchc.store.db.clear_cache` drops cached results in this process.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import shutil
import time as _time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from cchc.store import db, parquet, rollups

__all__ = [
    "LOCK_TIMEOUT_S", "WriterBusy", "SnapshotError", "lock", "lock_path", "write_copy", "write_new",
    "refresh_file", "snapshot", "remove_stale_copies",
]

LOCK_TIMEOUT_S = 120


class WriterBusy(RuntimeError):
    """Another process kept the database's write lock for longer than ``LOCK_TIMEOUT_S``."""


class SnapshotError(RuntimeError):
    """The database file cannot be opened for reading (not a DuckDB file, or damaged)."""


def lock_path(path: Path) -> Path:
    """The lock file of the database ``path``: ``<db>.lock`` in the same folder."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock of the database ``path`` (waiting up to ``timeout``
    seconds, default :data:`LOCK_TIMEOUT_S`, then :class:`WriterBusy`)."""
    target = lock_path(Path(path))
    deadline = _time.monotonic() + (LOCK_TIMEOUT_S if timeout is None else timeout)
    while True:
        handle = open(target, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if _time.monotonic() > deadline:
                raise WriterBusy(f"{path.name} is being written by another process") from None
            _time.sleep(0.1)
            continue
        try:
            same = os.fstat(handle.fileno()).st_ino == os.stat(target).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        # The holder before us removed this lock file on release: lock the current one.
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
    try:
        yield
    finally:
        # Removed while still held, so a waiter on this file sees it gone and retries.
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _copy_pid(name: str, prefix: str) -> int | None:
    """The pid in ``<db>.loading-<pid>.duckdb`` / ``<db>.preview-<pid>-<n>.duckdb`` (with an
    optional ``.wal``), None for any other name."""
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix):].removesuffix(".wal")
    if not rest.endswith(".duckdb"):
        return None
    digits = rest.removesuffix(".duckdb").split("-")[0]
    return int(digits) if digits.isdigit() else None


def remove_stale_copies(path: Path) -> list[Path]:
    """Delete the working copies of ``path`` left by writes (or previews) of processes that
    are no longer running; returns what was deleted. Safe at any time: a running process's
    copies are kept."""
    path = Path(path)
    removed = []
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return removed
    for other in siblings:
        for prefix in (f"{path.name}.loading-", f"{path.name}.preview-"):
            pid = _copy_pid(other.name, prefix)
            if pid is not None and not _pid_alive(pid):
                with contextlib.suppress(OSError):
                    other.unlink()
                    removed.append(other)
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _work_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.loading-{os.getpid()}.duckdb")


def _swap(work_path: Path, path: Path) -> None:
    """Make the closed, checkpointed ``work_path`` durable and put it in place of ``path``."""
    _fsync(work_path)
    os.replace(work_path, path)
    with contextlib.suppress(OSError):
        _fsync(path.parent)


def _after_swap() -> None:
    with contextlib.suppress(Exception):
        # Other threads may be mid-query on the old file; they reopen on their next query anyway.
        db.clear_cache()


def write_copy(path: Path, work: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
    """Run ``work`` in one transaction on a copy of ``path``, rebuild the rollups, then swap
    the copy in; returns what ``work`` returned.

    The schema is brought up to date on the copy first (it is additive), so a file written
    by an older version gets the current tables. On any failure the copy is deleted and
    ``path`` is left exactly as it was.
    """
    path = Path(path)
    parquet.refuse_write(path)  # a Parquet folder is read-only
    with lock(path):
        remove_stale_copies(path)
        work_path = _work_path(path)
        work_wal = Path(str(work_path) + ".wal")
        wal = Path(str(path) + ".wal")
        _remove(work_path, work_wal)
        wal_version = None
        try:
            shutil.copyfile(path, work_path)
            shutil.copymode(path, work_path)
            if wal.exists():  # a writer left committed changes in its WAL: they are part of the data
                wal_version = wal.stat()
                shutil.copyfile(wal, work_wal)
            con = duckdb.connect(str(work_path))
            try:
                con.execute("begin transaction")
                db.create_schema(con)
                result = work(con)
                con.execute("commit")
                rollups.refresh(con)  # always: a file without them (older version) gets them too
                con.execute("checkpoint")
            except BaseException:
                with contextlib.suppress(Exception):
                    con.execute("rollback")
                raise
            finally:
                con.close()
            _swap(work_path, path)
        except BaseException:
            _remove(work_path, work_wal)
            raise
        if wal_version is not None:
            with contextlib.suppress(OSError):
                now = wal.stat()
                if (now.st_ino, now.st_size, now.st_mtime_ns) == (
                    wal_version.st_ino, wal_version.st_size, wal_version.st_mtime_ns
                ):
                    wal.unlink()  # its changes are in the new file now
        _remove(work_wal)
    _after_swap()
    return result


def write_new(path: Path, build: Callable[[duckdb.DuckDBPyConnection], Any],
              finish: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> Any:
    """Write a whole new database at ``path``: the schema, then ``build`` (which fills it),
    the rollups, then ``finish`` (checks that need the rollups; it may raise to refuse the
    file), then the swap. Returns what ``build`` returned.

    Not one transaction: a city of 100 M dossiers is written in chunks, and nobody sees the
    copy before the swap anyway. On any failure the copy is deleted and ``path`` (if it
    existed) is left as it was.
    """
    path = Path(path)
    parquet.refuse_write(path)  # never replace a Parquet folder by a file
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock(path):
        remove_stale_copies(path)
        work_path = _work_path(path)
        work_wal = Path(str(work_path) + ".wal")
        _remove(work_path, work_wal)
        try:
            con = duckdb.connect(str(work_path))
            try:
                db.create_schema(con)
                result = build(con)
                rollups.refresh(con)  # the period queries read these copies of the dossiers
                if finish is not None:
                    finish(con)
                con.execute("checkpoint")
            finally:
                con.close()
            # A WAL left by a crashed writer of the old file would be replayed onto the new one.
            _remove(Path(str(path) + ".wal"))
            _swap(work_path, path)
        except BaseException:
            _remove(work_path, work_wal)
            raise
        _remove(work_wal)
    _after_swap()
    return result


def refresh_file(path) -> None:
    """Bring the rollups of the database file at ``path`` up to date the way an import
    writes: on a copy (schema brought up to date, rollups rebuilt) swapped in atomically,
    so readers never see a half-written file. Raises :class:`cchc.store.db.DataError`, with a
    message for users, when the file cannot be rewritten (read-only file or folder, disk
    full, locked by another writer)."""
    path = Path(path)
    parquet.refuse_write(path)
    try:
        write_copy(path, lambda con: None)  # write_copy itself rebuilds the rollups
    except (OSError, duckdb.Error, rollups.RollupError, WriterBusy) as exc:
        raise db.DataError(
            f"{path.name} was written by an older version of the dashboard and its summary "
            f"tables (rollups) are missing or out of date; they could not be rebuilt "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}). "
            f"Make the file and its folder writable, or rebuild them with: "
            f"python -m cchc refresh-rollups --db {path}"
        ) from exc
    db.clear_cache()


_counter = itertools.count()


@contextlib.contextmanager
def snapshot(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the current version of ``path``, through a hard link so that
    it is never an older DuckDB instance cached in this process for the same path. Raises
    :class:`SnapshotError` (first line of DuckDB's reason) when the file cannot be opened."""
    path = Path(path)
    link = path.with_name(f"{path.name}.preview-{os.getpid()}-{next(_counter)}.duckdb")
    try:
        os.link(path, link)
        target = link
    except OSError:
        target = path
    try:
        try:
            con = duckdb.connect(str(target), read_only=True)
        except duckdb.Error as exc:
            raise SnapshotError(str(exc).splitlines()[0][:200]) from exc
        try:
            yield con
        finally:
            con.close()
    finally:
        if target == link:
            _remove(link)
