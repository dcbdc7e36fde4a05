"""The short summary paragraph, written from the numbers in the style of the meeting report.

"Tại bộ phận một cửa thị xã tiếp nhận 1.261 hồ sơ, đã giải quyết 1.026 hồ sơ, tỷ lệ đúng
hạn đạt 98,8 %..." Pure functions over query results, so the page and the PDF report say
exactly the same thing.
"""

from __future__ import annotations

import math

import pandas as pd

from cchc.core.targets import mark, par_band, target_text
from cchc.i18n.formats import fmt_delta_pct_points, fmt_int, fmt_num, fmt_pct
from cchc.i18n.labels import t

# A sentence names at most this many units (a city has 600); the rest are counted.
SUMMARY_LIST_MAX = 10


def _names(items: list[str], total: int, lang: str) -> str:
    """``items`` joined, with '… và 590 đơn vị khác' when ``total`` is larger."""
    text = ", ".join(items)
    if total > len(items):
        text += t("summary_more", lang, count=fmt_int(total - len(items), lang))
    return text


def _is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def dossier_sentence(key: str, total: pd.Series, previous: pd.Series | None, lang: str = "vi") -> str:
    """One sentence for a group of units ('summary_town' or 'summary_wards')."""
    text = t(
        key, lang,
        received=fmt_int(total["received"], lang),
        resolved=fmt_int(total["resolved"], lang),
        rate=fmt_pct(total["ontime_rate"], 1, lang),
    )
    if previous is not None and _is_number(total["ontime_rate"]) and _is_number(previous["ontime_rate"]):
        change = float(total["ontime_rate"]) - float(previous["ontime_rate"])
        text += t("summary_change", lang, change=fmt_delta_pct_points(change, lang))
    if total["in_progress_overdue"]:
        text += t("summary_overdue", lang, overdue=fmt_int(total["in_progress_overdue"], lang))
    return text + "."


def procedures_sentence(row: pd.Series, lang: str = "vi") -> str:
    """The catalogue sentence: procedures in force, fields, changes in the period."""
    return t(
        "procedures_summary", lang,
        in_force=fmt_int(row["in_force"], lang), fields=fmt_int(row["fields"], lang),
        published=fmt_int(row["published"], lang), abolished=fmt_int(row["abolished"], lang),
        amended=fmt_int(row["amended"], lang),
    )


def par_sentence(ranking: pd.DataFrame, year: int, lang: str = "vi", top: int = 5, bottom: int = 3) -> str:
    """The ranking sentence: the first unit and its score, the next ones, the lowest ones."""
    ranked = ranking[ranking["rank"].notna()].sort_values(["rank", "short_name"])
    if ranked.empty:
        return ""
    if ranking.attrs.get("scoped"):
        # a user limited to some units (cchc/auth): their own ranks, not the district's ends
        return t("summary_par_scoped", lang, year=year, units=", ".join(
            t("summary_par_unit", lang, name=r["name"], rank=int(r["rank"]),
              score=fmt_num(r["total"], 0 if float(r["total"]).is_integer() else 1, lang),
              max=fmt_num(r["max_total"], 0, lang))
            for _, r in ranked.head(top).iterrows()))
    first = ranked.iloc[0]
    following = ranked.iloc[1:top]
    # the lowest named weakest first, as the meeting report does (Kim Sơn, Sơn Đông, Phú Thịnh)
    lowest = ranked.iloc[max(top, len(ranked) - bottom):].iloc[::-1]
    return t(
        "summary_par" if len(lowest) else "summary_par_no_low", lang,
        year=year, first=first["name"], score=fmt_num(first["total"], 0 if float(first["total"]).is_integer() else 1, lang),
        max=fmt_num(first["max_total"], 0, lang),
        next=", ".join(following["short_name"]),
        low=", ".join(lowest["short_name"]),
    )


def target_sentence(below: pd.DataFrame, lang: str = "vi") -> str:
    """Which units are below the on-time target, each marked, with its rate; or that all
    units reach it."""
    target = target_text(lang=lang)
    if below.empty:
        return t("summary_all_on_target", lang, target=target)
    lowest = below.head(SUMMARY_LIST_MAX)  # lowest rate first
    names = _names(
        [f"{mark(name)} ({fmt_pct(rate, 1, lang)})" for name, rate in zip(lowest["short_name"], lowest["ontime_rate"])],
        len(below), lang,
    )
    return t("summary_below_target", lang, target=target, units=names)


def weak_par_sentence(weak: pd.DataFrame, lang: str = "vi") -> str:
    """Which communes/wards score below the weak line of the PAR band, each marked; empty
    when none does."""
    if weak.empty:
        return ""
    line = par_band()[0]
    lowest = weak.iloc[::-1].head(SUMMARY_LIST_MAX)  # weakest first, as the report names the lowest
    names = _names(
        [f"{mark(name)} ({fmt_num(total, 1, lang)})" for name, total in zip(lowest["short_name"], lowest["total"])],
        len(weak), lang,
    )
    return t("summary_weak_par", lang, weak=fmt_num(line, 0 if float(line).is_integer() else 1, lang), units=names)


def summary_paragraphs(
    town: pd.Series | None,
    town_previous: pd.Series | None,
    wards: pd.Series | None,
    wards_previous: pd.Series | None,
    procedures: pd.Series | None,
    ranking: pd.DataFrame | None,
    par_year: int | None,
    lang: str = "vi",
    below: pd.DataFrame | None = None,
    weak: pd.DataFrame | None = None,
) -> list[str]:
    """The summary as a list of sentences; groups with no dossiers are left out.

    ``below`` (units under the on-time target) and ``weak`` (communes/wards under the PAR
    band) add the target sentences when given."""
    out = []
    if procedures is not None and procedures["in_force"]:
        out.append(procedures_sentence(procedures, lang))
    if town is not None and (town["received"] or town["resolved"]):
        out.append(dossier_sentence("summary_town", town, town_previous, lang))
    if wards is not None and (wards["received"] or wards["resolved"]):
        out.append(dossier_sentence("summary_wards", wards, wards_previous, lang))
    if ranking is not None and par_year is not None:
        sentence = par_sentence(ranking, par_year, lang)
        if sentence:
            out.append(sentence)
    if below is not None:
        out.append(target_sentence(below, lang))
    if weak is not None:
        sentence = weak_par_sentence(weak, lang)
        if sentence:
            out.append(sentence)
    return out
