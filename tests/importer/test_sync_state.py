"""The Data page tells when the live feed last wrote and warns when its schedule seems to have
stopped (cchc/sync/feed.is_stale, queries/sync_state.sql); no PostgreSQL needed here."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import duckdb
import pytest

from cchc.sync.feed import is_stale
from tests.apptest import open_app


def test_stale_after_twice_the_interval():
    now = datetime(2025, 7, 1, 12, 0)
    assert not is_stale(now - timedelta(minutes=30), 15, now)
    assert is_stale(now - timedelta(minutes=31), 15, now)
    assert is_stale(None, 15, now)


def _page(monkeypatch, path, **env):
    at = open_app(path, "app_pages/data.py", monkeypatch, env=env)
    assert not at.error
    return at


@pytest.mark.parametrize("minutes_ago, stale", [(5, False), (600, True)])
def test_the_data_page_shows_the_last_sync(tiny_db, tmp_path, monkeypatch, minutes_ago, stale):
    path = tmp_path / "synced.duckdb"
    shutil.copyfile(tiny_db, path)
    finished = (datetime.now() - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
    con = duckdb.connect(str(path))
    con.execute("insert into sync_log values (1, 'postgresql://reader@10.0.0.5:5432/motcua', ?, ?, null, "
                "'2025-06-30 17:00:00', 'HS-9', 1250, 1200, 40, 3, 7, 1)", [finished, finished])
    con.close()
    at = _page(monkeypatch, path, CCHC_SYNC_EVERY_MIN="15")
    captions = [c.value for c in at.caption if c.value.startswith("Lần đồng bộ gần nhất")]
    assert captions == [f"Lần đồng bộ gần nhất: {finished:%d/%m/%Y %H:%M} từ postgresql://reader@10.0.0.5:5432/motcua: "
                        "thêm mới 1.200, cập nhật 40, bị loại 7."]
    assert [w.value.startswith("Lần đồng bộ gần nhất đã quá") for w in at.warning] == ([True] if stale else [])


def test_no_section_without_a_feed_and_a_warning_when_set_but_never_run(tiny_db, tmp_path, monkeypatch):
    path = tmp_path / "plain.duckdb"
    shutil.copyfile(tiny_db, path)
    monkeypatch.delenv("CCHC_SYNC_URL", raising=False)
    at = _page(monkeypatch, path)
    assert not [s for s in at.subheader if s.value == "Đồng bộ từ hệ thống một cửa"]
    at = _page(monkeypatch, path, CCHC_SYNC_URL="postgresql://reader@10.0.0.5/motcua")
    assert [w.value for w in at.warning if "Chưa lần đồng bộ" in w.value]
