"""Generate the unit reference files of ``data/`` from the package ``vietnamadminunits``.

``python -m cchc.datagen.units`` writes, from the package's own data (no unit list is typed
by hand here):

- ``data/admin_units.csv``: the country's administrative units with their official codes
  (mã đơn vị hành chính): the 63 provinces, their districts and 10,040 communes as they were
  until 30 June 2025, and the 34 provinces and 3,321 communes/wards/special zones since
  1 July 2025, each with its level, parent (official code) and validity.
- ``data/admin_lineage.csv``: old commune (or island district) -> new commune, whole or
  part, and the default new unit of a divided one, for the whole country.
- ``data/units.csv``: the demo's desks (slugs kept as the key) with their official codes and
  levels filled in, plus the current units that succeed them and the city's desk (``ha-noi``,
  code 01, level province), which takes part of the town desk's procedures since 1 July 2025.
- ``data/unit_lineage.csv``: the same lineage for the demo's desks, by slug, resolved to the
  current units (what the queries join to show history "as today's units").

Official codes are re-used across the reform (09574 was phường Ngô Quyền and is phường Sơn
Tây since 1 July 2025): a code is unique only together with its validity, so
``admin_units`` is keyed by (official_code, valid_from).

The package is a development dependency (requirements-dev.txt): the dashboard reads the
generated files, and tests/core/test_units_data.py checks they are what this script writes.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from cchc.store.db import DATA_DIR

REFORM_DAY = "2025-07-01"  # the two-tier local government (no district level) starts
LAST_OLD_DAY = "2025-06-30"
# The district whose desks the demo models: thị xã Sơn Tây, Hà Nội (official code 269).
DEMO_PROVINCE = "01"
DEMO_DISTRICT = "269"

ADMIN_COLUMNS = ["official_code", "name", "short_name", "level", "kind", "parent_code",
                 "valid_from", "valid_to", "lat", "lon"]
LINEAGE_COLUMNS = ["old_code", "new_code", "is_whole", "is_default"]
UNIT_COLUMNS = ["unit_code", "name", "short_name", "kind", "parent_code", "valid_from", "valid_to",
                "is_synthetic", "official_code", "id_code", "level"]
UNIT_LINEAGE_COLUMNS = ["old_unit_code", "new_unit_code", "new_official_code", "is_whole", "is_default"]

# The package's unit types -> (level, kind) of this product.
_WARD_KIND = {"Phường": "ward", "Xã": "commune", "Thị trấn": "township", "Đặc khu": "special_zone"}


def _package_dir() -> Path:
    try:
        import vietnamadminunits
    except ImportError as exc:  # a clear message, not a traceback
        raise SystemExit("python -m cchc.datagen.units needs the package vietnamadminunits "
                         "(pip install -r requirements-dev.txt)") from exc
    return Path(vietnamadminunits.__file__).resolve().parent


def _rows(con: sqlite3.Connection, sql: str) -> list[dict]:
    con.row_factory = sqlite3.Row
    return [dict(r) for r in con.execute(sql).fetchall()]


def slug(name: str) -> str:
    """The readable key of a unit name: 'Đoài Phương' -> 'doai-phuong'."""
    text = name.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(text.lower().split())


def _coord(value) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def admin_units(pkg: Path) -> tuple[list[dict], dict, dict]:
    """The country's units before and after the reform; also the package keys -> codes of
    the old units ('province_district_ward') and of the new ones ('province', 'ward')."""
    con = sqlite3.connect(pkg / "data" / "dataset.db")
    legacy = _rows(con, "SELECT * FROM admin_units_legacy")
    current = _rows(con, "SELECT * FROM admin_units")
    con.close()
    out: list[dict] = []
    seen: set[tuple] = set()

    def add(row: dict) -> None:
        key = (row["official_code"], row["valid_from"])
        if key not in seen:
            seen.add(key)
            out.append(row)

    old_keys: dict[str, str] = {}
    for r in legacy:
        add({"official_code": r["provinceCode"], "name": r["province"], "short_name": r["provinceShort"],
             "level": "province", "kind": "province", "parent_code": "", "valid_from": "",
             "valid_to": LAST_OLD_DAY, "lat": _coord(r["provinceLat"]), "lon": _coord(r["provinceLon"])})
        add({"official_code": r["districtCode"], "name": r["district"], "short_name": r["districtShort"],
             "level": "district", "kind": "district", "parent_code": r["provinceCode"], "valid_from": "",
             "valid_to": LAST_OLD_DAY, "lat": _coord(r["districtLat"]), "lon": _coord(r["districtLon"])})
        if r["wardCode"]:
            add({"official_code": r["wardCode"], "name": r["ward"], "short_name": r["wardShort"],
                 "level": "commune", "kind": _WARD_KIND[r["wardType"]], "parent_code": r["districtCode"],
                 "valid_from": "", "valid_to": LAST_OLD_DAY,
                 "lat": _coord(r["wardLat"]), "lon": _coord(r["wardLon"])})
        old_keys[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = r["wardCode"] or r["districtCode"]
    new_keys: dict[tuple[str, str], str] = {}
    for r in current:
        add({"official_code": r["provinceCode"], "name": r["province"], "short_name": r["provinceShort"],
             "level": "province", "kind": "province", "parent_code": "", "valid_from": REFORM_DAY,
             "valid_to": "", "lat": _coord(r["provinceLat"]), "lon": _coord(r["provinceLon"])})
        add({"official_code": r["wardCode"], "name": r["ward"], "short_name": r["wardShort"],
             "level": "commune", "kind": _WARD_KIND[r["wardType"]], "parent_code": r["provinceCode"],
             "valid_from": REFORM_DAY, "valid_to": "",
             "lat": _coord(r["wardLat"]), "lon": _coord(r["wardLon"])})
        new_keys[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
    out.sort(key=lambda r: (r["valid_from"] != "", r["official_code"]))
    return out, old_keys, new_keys


def admin_lineage(pkg: Path, old_keys: dict, new_keys: dict) -> list[dict]:
    """Old unit -> new unit for the whole country, from the package's converter data: a
    unit not divided goes whole to one new unit; a divided one goes in part to several, one
    of them its default (the package's isDefaultNewWard)."""
    data = json.loads((pkg / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    out: list[dict] = []
    for province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, olds in wards.items():
            for old in olds:
                out.append({"old_code": old_keys[old], "new_code": new_keys[(province, new_key)],
                            "is_whole": "true", "is_default": "true"})
    for province, divided in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in divided.items():
            for new in news:
                out.append({"old_code": old_keys[old], "new_code": new_keys[(province, new["newWardKey"])],
                            "is_whole": "false", "is_default": "true" if new["isDefaultNewWard"] else "false"})
    unique = {(r["old_code"], r["new_code"]): r for r in out}
    return sorted(unique.values(), key=lambda r: (r["old_code"], r["new_code"]))


def _legacy_aliases(pkg: Path) -> dict[str, str]:
    """Former wards of the demo district that the package lists only as aliases of the ward
    they were merged into before 2025 (e.g. Lê Lợi, Quang Trung -> Ngô Quyền): alias key
    ('phuongleloi') -> official code of the absorbing ward."""
    con = sqlite3.connect(pkg / "data" / "dataset.db")
    rows = _rows(con, f"SELECT wardCode, wardKey, wardAlias FROM admin_units_legacy "
                      f"WHERE districtCode = '{DEMO_DISTRICT}'")
    con.close()
    out = {}
    for r in rows:
        for alias in json.loads(r["wardAlias"] or "[]"):
            if alias.startswith(("phuong", "xa", "thitran")) and alias != r["wardKey"]:
                out[alias] = r["wardCode"]
    return out


def _key(name: str) -> str:
    return slug(name).replace("-", "")


def demo_units(pkg: Path, admin: list[dict], lineage: list[dict], units: list[dict]) -> tuple[list[dict], list[dict]]:
    """The demo's desks with official codes and levels, the current units that succeed them,
    and the lineage by slug resolved to those current units."""
    old_by_name = {(_key(r["name"])): r for r in admin
                   if r["parent_code"] == DEMO_DISTRICT and r["valid_to"] == LAST_OLD_DAY}
    aliases = _legacy_aliases(pkg)
    current = {r["official_code"]: r for r in admin if r["valid_from"] == REFORM_DAY and r["level"] == "commune"}
    by_old: dict[str, list[dict]] = {}
    for r in lineage:
        by_old.setdefault(r["old_code"], []).append(r)

    old_units = [u for u in units if u["valid_from"] != REFORM_DAY]
    out_units, unit_lineage, successors = [], [], {}
    for u in old_units:
        u = {c: u.get(c, "") for c in UNIT_COLUMNS}
        if u["kind"] == "town":
            # the district's one-stop desk: its code is the district's, its level 'desk'
            u["official_code"], u["level"] = DEMO_DISTRICT, "desk"
            out_units.append(u)
            continue
        key = _key(u["name"])
        if key in old_by_name:
            code = old_by_name[key]["official_code"]
            u["official_code"], u["level"] = code, "commune"
            successors[u["unit_code"]] = by_old.get(code, [])
        else:
            # not in the package's list of 2025: merged before into the ward it is an alias of
            u["official_code"], u["level"] = "", "commune"
            successors[u["unit_code"]] = by_old.get(aliases[key], [])
        out_units.append(u)

    new_codes = sorted({r["new_code"] for rows in successors.values() for r in rows
                        if r["is_whole"] == "true" or r["is_default"] == "true"})
    new_slugs = {}
    for code in new_codes:
        a = current[code]
        new_slugs[code] = slug(a["short_name"])
        out_units.append({
            "unit_code": new_slugs[code], "name": a["name"], "short_name": a["short_name"],
            "kind": a["kind"], "parent_code": "", "valid_from": REFORM_DAY, "valid_to": "",
            "is_synthetic": "false", "official_code": code, "id_code": "", "level": "commune"})

    out_units.append(city_desk(admin))

    for old, rows in successors.items():
        for r in rows:
            unit_lineage.append({"old_unit_code": old, "new_unit_code": new_slugs.get(r["new_code"], ""),
                                 "new_official_code": r["new_code"], "is_whole": r["is_whole"],
                                 "is_default": r["is_default"]})
    # the district's desk: every new unit that took one of its communes, in part; by default
    # the one that is the default successor of most of them (ties: the smallest code)
    town = next(u["unit_code"] for u in out_units if u["kind"] == "town")
    votes = Counter(r["new_code"] for rows in successors.values() for r in rows if r["is_default"] == "true")
    default = min(votes, key=lambda c: (-votes[c], c))
    for code in sorted({r["new_code"] for rows in successors.values() for r in rows}):
        unit_lineage.append({"old_unit_code": town, "new_unit_code": new_slugs.get(code, ""),
                             "new_official_code": code, "is_whole": "false",
                             "is_default": "true" if code == default else "false"})
    return out_units, unit_lineage


def city_desk(admin: list[dict]) -> dict:
    """The city's one-stop desk for the demo area since the reform: with no district level
    left, the district procedures the town desk handled go partly to the communes and partly
    to the city (Hà Nội's public administration service centre). Kind 'town' (a desk above
    the communes, handling district-level procedures), level 'province', the province's code."""
    province = next(r for r in admin if r["official_code"] == DEMO_PROVINCE and r["valid_from"] == REFORM_DAY)
    name = province["name"][0].lower() + province["name"][1:]  # "thành phố Hà Nội" inside a name
    return {
        "unit_code": slug(province["short_name"]), "name": f"Trung tâm Phục vụ hành chính công {name}",
        "short_name": f"TP {province['short_name']}", "kind": "town", "parent_code": "", "valid_from": REFORM_DAY,
        "valid_to": "", "is_synthetic": "false", "official_code": DEMO_PROVINCE, "id_code": "", "level": "province"}


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def generate(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """The text of each generated file (name -> CSV text); ``data/units.csv`` is read for
    the demo's desks (their slugs, names and dates are kept as they are)."""
    pkg = _package_dir()
    admin, old_keys, new_keys = admin_units(pkg)
    lineage = admin_lineage(pkg, old_keys, new_keys)
    with open(data_dir / "units.csv", encoding="utf-8", newline="") as handle:
        units = list(csv.DictReader(handle))
    out_units, unit_lineage = demo_units(pkg, admin, lineage, units)
    return {
        "admin_units.csv": _csv_text(admin, ADMIN_COLUMNS),
        "admin_lineage.csv": _csv_text(lineage, LINEAGE_COLUMNS),
        "units.csv": _csv_text(out_units, UNIT_COLUMNS),
        "unit_lineage.csv": _csv_text(unit_lineage, UNIT_LINEAGE_COLUMNS),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the generated files into ``data/``."""
    for name, text in generate().items():
        (DATA_DIR / name).write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10)) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
