"""Demo PAR-index scores of the recent years: ``python -m cchc.datagen.par_years``.

``data/par_scores.csv`` and ``data/par_criteria.csv`` hold the demo's PAR index (chỉ số
CCHC) of the communes and wards. 2016-2018 were written by hand around the real 2017
ranking of the source report and are kept exactly; this script writes the years after them,
deterministically (seed 2018), so that a ranking exists for every year of the dossiers:

- 2019-2024: the 15 wards and communes of 2017-2018, each total drifting up from its 2018
  total by about a point a year (a few steps back), capped at 97;
- 2025: the three units formed on 1 July 2025 (phường Sơn Tây, phường Tùng Thiện, xã Đoài
  Phương), each starting from the average 2024 total of the units whose default successor
  it is (data/unit_lineage.csv).

The criteria (the seven areas and their maximum points) stay those of 2018. Every value is
invented (``par_criteria.is_demo``); the pages say so.
"""

from __future__ import annotations

import csv
import io
import sys

import numpy as np
import pandas as pd

from cchc.store.db import DATA_DIR

HAND_YEARS = (2016, 2017, 2018)  # written by hand, kept exactly
OLD_YEARS = range(2019, 2025)
NEW_YEAR = 2025
NEW_UNITS = ("son-tay", "tung-thien", "doai-phuong")
SEED = 2018


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


def _split(rng, total: float, maxima: pd.Series) -> list[float]:
    """Points per criterion (one decimal) near ``total`` % of each maximum, never above it."""
    share = np.clip(total / 100 + rng.normal(0.0, 0.04, len(maxima)), 0.3, 1.0)
    return [float(round(m * s, 1)) for m, s in zip(maxima.astype(float), share)]


def generate() -> dict[str, str]:
    """The text of data/par_scores.csv and data/par_criteria.csv: their hand-written years
    as they are, then the generated ones."""
    rng = np.random.default_rng(SEED)
    scores, criteria = _read("par_scores.csv"), _read("par_criteria.csv")
    scores = scores[scores["year"].astype(int).isin(HAND_YEARS)]
    criteria = criteria[criteria["year"].astype(int).isin(HAND_YEARS)]
    last = criteria[criteria["year"] == str(max(HAND_YEARS))]
    new_criteria = [last.assign(year=str(y)) for y in [*OLD_YEARS, NEW_YEAR]]
    totals = scores[scores["year"] == str(max(HAND_YEARS))].assign(points=lambda f: f["points"].astype(float))
    total = totals.groupby("unit_code", sort=False)["points"].sum()
    rows = []
    for year in OLD_YEARS:
        total = (total + rng.normal(1.0, 1.5, len(total))).clip(upper=97.0)
        for unit, value in total.items():
            rows += [(str(year), unit, c, p) for c, p in zip(last["criterion_code"], _split(rng, value, last["max_points"]))]
    lineage = _read("unit_lineage.csv")
    default = lineage[lineage["is_default"] == "true"].set_index("old_unit_code")["new_unit_code"]
    for unit in NEW_UNITS:
        start = total[[u for u in total.index if default.get(u) == unit]].mean() + rng.normal(0.0, 1.0)
        rows += [(str(NEW_YEAR), unit, c, p) for c, p in zip(last["criterion_code"], _split(rng, start, last["max_points"]))]
    generated = pd.DataFrame(rows, columns=["year", "unit_code", "criterion_code", "points"])
    return {
        "par_scores.csv": _csv(pd.concat([scores, generated.assign(points=generated["points"].map(str))])),
        "par_criteria.csv": _csv(pd.concat([criteria, *new_criteria])),
    }


def _csv(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def main() -> int:
    """Write the files into ``data/``."""
    for name, text in generate().items():
        (DATA_DIR / name).write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10)) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
