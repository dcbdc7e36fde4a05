"""The tables of the PAR-ranking page (Xếp hạng CCHC), declared once for the screen and the
export (cchc/tables/spec.py), and the functions that arrange the query results for them.

Scores, ranks and percentages come from the queries (``par_ranking``, ``par_criteria_scores``);
here they are only arranged and labelled. The words shared with the charts (rank change, band)
come from cchc/charts/ranking.py.
"""

from __future__ import annotations

import pandas as pd

from cchc.charts.ranking import band_text, criteria_matrix, rank_change_text
from cchc.core.targets import par_level
from cchc.i18n.formats import fmt_num, fmt_pct, is_missing, number_or_none
from cchc.i18n.labels import t
from cchc.tables.spec import Column, TableSpec


def rank_change(rank, previous_rank) -> int | None:
    """The change of rank against the previous year as a signed whole number: +2 moved up two
    places, -1 down one, 0 the same; None when the unit was not ranked in either year."""
    if is_missing(rank) or is_missing(previous_rank):
        return None
    return int(previous_rank) - int(rank)


# The header placeholders {year} are the previous year's (values given by the page).
# On screen the change reads '▲ 2' (coloured); the export has it as a number that sorts
# (+2 / −1 / 0, empty for a unit not ranked the year before).
RANKING = TableSpec((
    Column("rank", "rank", "int"),
    Column("name", "unit"),
    Column("total", "xh_total", "num"),
    Column("max_total", "xh_max_points", "num", screen=False),
    Column("rank_change", "xh_rank_change", "rank_change", export=False),
    Column("rank_delta", "xh_rank_change", "change", screen=False),
    Column("previous_rank", "xh_prev_rank", "int"),
    Column("previous_total", "xh_prev_total", "num"),
    Column("band", "xh_band"),
), name="xh_sheet_ranking")

# the two weakest criteria of each unit: one text cell each on screen, name and percent apart
# in the export
WEAKEST = TableSpec((
    Column("rank", "rank", "int"),
    Column("short_name", "unit", export=False),
    Column("name", "unit", screen=False),
    Column("weakest_1_text", "xh_weakest_1", export=False),
    Column("weakest_1", "xh_weakest_1", screen=False),
    Column("weakest_1_pct", "xh_weakest_1_pct", "pct", screen=False),
    Column("weakest_2_text", "xh_weakest_2", export=False),
    Column("weakest_2", "xh_weakest_2", screen=False),
    Column("weakest_2_pct", "xh_weakest_2_pct", "pct", screen=False),
), name="xh_sheet_weakest")


def criteria_points_spec(criteria: list[tuple[str, str, float]], lang: str = "vi") -> TableSpec:
    """The points table of :func:`criteria_points_table`: rank, unit, total, then per criterion
    its percent of the maximum on screen ('1. Công tác chỉ đạo, điều hành (10)'), its points
    and percent in the export. ``criteria`` as that function returns them."""
    columns = [Column("rank", "rank", "int"), Column("name", "unit"), Column("total", "xh_total", "num")]
    for code, label, most in criteria:
        most_text = fmt_num(most, 0, lang)
        columns.append(Column(f"pts_{code}", "score", "num", screen=False,
                              title=f"{label} – {t('score', lang)} ({most_text})"))
        columns.append(Column(f"pct_{code}", "xh_pct_of_max", "pct", title=f"{label} ({most_text})",
                              export_title=f"{label} – {t('xh_pct_of_max', lang)}"))
    return TableSpec(tuple(columns), max_rows=10, name="xh_sheet_criteria")


def ranking_table(ranking: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The ranking as a table: ranked units by rank, then the units with no score.

    Columns: unit_code, rank, name, short_name, total, max_total, rank_change (text),
    rank_delta (the change as a whole number, :func:`rank_change`), previous_rank,
    previous_total, band (text), level ('weak', 'middle', 'good' or None)."""
    frame = ranking.copy()
    frame["_unranked"] = frame["rank"].isna()
    frame = frame.sort_values(["_unranked", "rank", "short_name"], kind="stable").drop(columns="_unranked")
    out = pd.DataFrame(
        {
            "unit_code": frame["unit_code"],
            "rank": frame["rank"].astype(float),
            "name": frame["name"],
            "short_name": frame["short_name"],
            "total": frame["total"].astype(float),
            "max_total": frame["max_total"].astype(float),
            "rank_change": [rank_change_text(r, p, lang) for r, p in zip(frame["rank"], frame["previous_rank"])],
            "rank_delta": pd.array([rank_change(r, p) for r, p in zip(frame["rank"], frame["previous_rank"])],
                                   dtype="Int64"),
            "previous_rank": frame["previous_rank"].astype(float),
            "previous_total": frame["previous_total"].astype(float),
            "band": [band_text(v, lang) for v in frame["total"]],
            "level": [par_level(number_or_none(v)) for v in frame["total"]],
        }
    )
    return out.reset_index(drop=True)


def weakest_table(scores: pd.DataFrame, table: pd.DataFrame, lang: str = "vi", count: int = 2) -> pd.DataFrame:
    """The ``count`` weakest criteria (lowest percent of max) of each ranked unit, by rank:
    columns rank, name, short_name, weakest_1, weakest_1_pct, weakest_1_text ('5. Quản lý
    tài chính – 62,0 %'), weakest_2 ..."""
    ranked = table[table["rank"].notna()][["unit_code", "rank", "name", "short_name", "total"]]
    weak = scores[scores["weakness_order"].notna() & (scores["weakness_order"] <= count)]
    out = ranked.copy()
    for n in range(1, count + 1):
        part = weak[weak["weakness_order"] == n][["unit_code", "criterion_order", "criterion_name", "pct_of_max"]]
        part = part.assign(label=[f"{int(o)}. {name}" for o, name in zip(part["criterion_order"], part["criterion_name"])])
        out = out.merge(
            part[["unit_code", "label", "pct_of_max"]].rename(
                columns={"label": f"weakest_{n}", "pct_of_max": f"weakest_{n}_pct"}
            ),
            on="unit_code", how="left",
        )
        out[f"weakest_{n}_text"] = [
            "—" if is_missing(label) else f"{label} – {fmt_pct(pct, 1, lang)}"
            for label, pct in zip(out[f"weakest_{n}"], out[f"weakest_{n}_pct"])
        ]
    return out.reset_index(drop=True)


def criteria_points_table(scores: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str, float]]]:
    """Points and percent of max per criterion, one row per ranked unit by rank.
    Also returns the criteria as (code, numbered name, max points)."""
    order = list(table.loc[table["rank"].notna(), "unit_code"])
    pct, points, max_points = criteria_matrix(scores, order)
    criteria = scores.drop_duplicates("criterion_code").sort_values("criterion_order")
    info = [
        (c, f"{i}. {name}", float(max_points.at["max_points", c]))
        for i, (c, name) in enumerate(zip(criteria["criterion_code"], criteria["criterion_name"]), start=1)
    ]
    out = table.set_index("unit_code").loc[order, ["rank", "name", "total"]].reset_index()
    for code, _, _ in info:
        out[f"pts_{code}"] = points[code].reindex(order).to_numpy()
        out[f"pct_{code}"] = pct[code].reindex(order).to_numpy()
    return out, info
