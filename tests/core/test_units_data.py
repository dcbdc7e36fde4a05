"""The unit reference files of data/ (issue 12): generated from the package vietnamadminunits
by python -m cchc.datagen.units, never typed by hand, with the official codes and counts the
law gives (shared/domain.md §7: 34 provinces and 3,321 communes since 1 July 2025, 126 in
Hà Nội; 10,040 communes before)."""

from __future__ import annotations

import csv

import pytest

from cchc.store.db import DATA_DIR


def _read(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_files_are_what_the_generator_writes():
    pytest.importorskip("vietnamadminunits")
    from cchc.datagen.units import generate

    for name, text in generate().items():
        assert (DATA_DIR / name).read_text(encoding="utf-8") == text, name


def test_the_country_before_and_after_the_reform():
    rows = _read("admin_units.csv")
    after = [r for r in rows if r["valid_from"] == "2025-07-01"]
    before = [r for r in rows if r["valid_to"] == "2025-06-30"]
    assert len(after) + len(before) == len(rows)
    assert sum(r["level"] == "province" for r in after) == 34
    assert sum(r["level"] == "commune" for r in after) == 3321
    assert sum(r["level"] == "commune" and r["parent_code"] == "01" for r in after) == 126
    assert sum(r["level"] == "province" for r in before) == 63
    assert {r["kind"] for r in after if r["level"] == "commune"} == {"ward", "commune", "special_zone"}
    # a code is re-used across the reform: unique only with its validity
    assert len({(r["official_code"], r["valid_from"]) for r in rows}) == len(rows)
    son_tay = [(r["name"], r["valid_to"]) for r in rows if r["official_code"] == "09574"]
    assert son_tay == [("Phường Ngô Quyền", "2025-06-30"), ("Phường Sơn Tây", "")]


def test_the_lineage_gives_every_divided_unit_one_default():
    rows = _read("admin_lineage.csv")
    by_old: dict[str, list[dict]] = {}
    for r in rows:
        by_old.setdefault(r["old_code"], []).append(r)
    for old, news in by_old.items():
        assert sum(r["is_default"] == "true" for r in news) == 1, old
        assert (len(news) == 1) == (news[0]["is_whole"] == "true"), old
    # phường Sơn Lộc (09586) was divided: phường Sơn Tây (09574) by default, part to Tùng Thiện (09604)
    assert [(r["new_code"], r["is_whole"], r["is_default"]) for r in by_old["09586"]] == [
        ("09574", "false", "true"), ("09604", "false", "false")]


def test_the_demo_units_keep_their_slugs_and_carry_official_codes():
    units = {r["unit_code"]: r for r in _read("units.csv")}
    assert list(units)[:16] == ["thi-xa", "le-loi", "ngo-quyen", "phu-thinh", "quang-trung", "son-loc",
                                "trung-hung", "trung-son-tram", "vien-son", "xuan-khanh", "co-dong",
                                "duong-lam", "kim-son", "son-dong", "thanh-my", "xuan-son"]
    assert (units["thi-xa"]["official_code"], units["thi-xa"]["level"]) == ("269", "desk")
    assert units["xuan-khanh"]["official_code"] == "09589"
    assert [(c, units[c]["official_code"], units[c]["valid_from"]) for c in ("son-tay", "tung-thien", "doai-phuong")] == [
        ("son-tay", "09574", "2025-07-01"), ("tung-thien", "09604", "2025-07-01"), ("doai-phuong", "09616", "2025-07-01")]
