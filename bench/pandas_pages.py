"""The dashboard's pages built the way most Streamlit tutorials build them, for the benchmark.

Not part of the dashboard. Every page starts by loading *all* dossiers into pandas with
``st.cache_data`` (the tutorial pattern), then filters and groups them in pandas and draws
with Plotly Express. The numbers are the same as the real pages' (the period
classification of ``dossier_period`` re-done in pandas), so :mod:`bench.bench` compares two
ways of computing one answer, not two answers.

Run by :mod:`bench.bench` with AppTest: ``CCHC_DB`` names the database and
``CCHC_BENCH_PAGE`` the page (overview, tien_do, xep_hang, thu_tuc, ho_so, du_lieu). The
sidebar has the shared filters with the dashboard's widget keys (``f_kind``, ``f_period``,
``f_units``, ``f_fields``, ``f_channels``), so the benchmark drives both the same way.
"""

from __future__ import annotations

import os
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

from cchc.core.filters import CHANNELS, PERIOD_KINDS, default_period, period_options
from cchc.core.periods import Period, shift_months

PAGES = ("overview", "tien_do", "xep_hang", "thu_tuc", "ho_so", "du_lieu")
RESOLVED = ("early", "on_time", "late")
PAGE_SIZE = 50


# --------------------------------------------------------------------------- loading (cached)


@st.cache_data(show_spinner=False)
def load_table(path: str, table: str) -> pd.DataFrame:
    """One whole table of the database as a DataFrame (the tutorial's ``load_data``)."""
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute(f"SELECT * FROM {table}").df()
    finally:
        con.close()


def load_dossiers(path: str) -> pd.DataFrame:
    """All dossiers, with dates as datetime64 (cached by ``st.cache_data``)."""
    return load_table(path, "dossiers")


# --------------------------------------------------------------------------- the classification


def next_working_day(calendar: pd.DataFrame) -> pd.Series:
    """For every calendar day, the first working day on or after it (index: date)."""
    cal = calendar.sort_values("date")
    work = cal["date"].where(cal["is_working_day"])
    nxt = work[::-1].cummin()[::-1]  # the smallest working day on or after each day
    return pd.Series(nxt.to_numpy(), index=pd.DatetimeIndex(cal["date"]))


def classify(d: pd.DataFrame, procs: pd.DataFrame, nwd: pd.Series, start: date, end: date) -> pd.DataFrame:
    """The dossier_period classification of the schema, in pandas."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    fin = d["finished_date"]
    m = ~d["state"].isin([1, 3]) & (d["received_date"] <= e) & (fin.isna() | (fin >= s))
    x = d.loc[m, ["dossier_code", "unit_code", "procedure_code", "channel", "received_date", "due_date",
                  "finished_date", "state", "supplement_requested_date", "supplement_supplied_date",
                  "supplement_count"]].copy()
    moved = x["due_date"].map(nwd)
    x["due_date"] = moved.where(moved.notna(), x["due_date"])
    x = x.merge(procs[["procedure_code", "field_code"]], on="procedure_code", how="left")
    fin, due, state = x["finished_date"], x["due_date"], x["state"]
    done = fin.notna() & (fin <= e)
    x["is_carried_over"] = x["received_date"] < s
    x["is_received"] = ~x["is_carried_over"]
    x["outcome"] = np.select(
        [done & (state == 7), done & due.isna(), done & (fin < due), done & (fin == due), done,
         due.isna() | (due >= e)],
        ["withdrawn", "on_time", "early", "on_time", "late", "in_progress_within"],
        "in_progress_overdue",
    )
    withdrawn = done & (state == 7)
    wait = (x["supplement_supplied_date"] - x["supplement_requested_date"]).dt.days.fillna(0)
    late_days = (fin - due).dt.days
    req = x["supplement_requested_date"]
    waiting = (state == 5) & req.notna() & (req <= e) & x["supplement_supplied_date"].isna()
    x["b_counted"] = ~withdrawn
    x["b_on_time"] = np.select(
        [withdrawn, x["supplement_count"] > 1, done, waiting],
        [False, False, due.isna() | (late_days <= wait), req <= due.fillna(req)],
        due.isna() | (due >= e),
    ).astype(bool)
    return x


def balance(x: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The reporting-form balance per unit plus a total row, from a classified frame."""
    o = x["outcome"]
    flags = pd.DataFrame({
        "unit_code": x["unit_code"],
        "carried_over": x["is_carried_over"],
        "received": x["is_received"],
        "received_online": x["is_received"] & (x["channel"] == "online"),
        "resolved": o.isin(RESOLVED),
        "early": o == "early",
        "on_time": o == "on_time",
        "late": o == "late",
        "in_progress_within": o == "in_progress_within",
        "in_progress_overdue": o == "in_progress_overdue",
        "withdrawn": o == "withdrawn",
        "b_counted": x["b_counted"],
        "b_on_time": x["b_counted"] & x["b_on_time"],
    })
    per_unit = flags.groupby("unit_code").sum()
    per_unit = units.set_index("unit_code")[["short_name", "kind"]].join(per_unit, how="left").fillna(0)
    total = per_unit.drop(columns=["short_name", "kind"]).sum().to_frame().T
    total.index = ["_total"]
    table = pd.concat([per_unit, total])
    table["ontime_rate"] = 100 * (table["early"] + table["on_time"]) / table["resolved"].where(table["resolved"] > 0)
    table["rate_766"] = 100 * table["b_on_time"] / table["b_counted"].where(table["b_counted"] > 0)
    table["online_share"] = 100 * table["received_online"] / table["received"].where(table["received"] > 0)
    return table


def scoped(x: pd.DataFrame, unit_codes, fields, channels) -> pd.DataFrame:
    m = x["unit_code"].isin(unit_codes)
    if fields:
        m &= x["field_code"].isin(fields)
    if channels:
        m &= x["channel"].isin(channels)
    return x[m]


def monthly(x: pd.DataFrame, by: str) -> pd.DataFrame:
    """Received by received month, resolved and on time by finish month, per ``by``."""
    rec = x[x["is_received"]].groupby([by, x["received_date"].dt.to_period("M")]).size().rename("received")
    res = x[x["outcome"].isin(RESOLVED)]
    fin = res.groupby([by, res["finished_date"].dt.to_period("M")]).agg(
        resolved=("outcome", "size"), in_time=("outcome", lambda s: s.isin(["early", "on_time"]).sum()))
    out = pd.concat([rec, fin], axis=1).fillna(0).reset_index()
    out.columns = [by, "month", "received", "resolved", "in_time"]
    out["ontime_rate"] = 100 * out["in_time"] / out["resolved"].where(out["resolved"] > 0)
    out["month"] = out["month"].dt.to_timestamp()
    return out


# --------------------------------------------------------------------------- sidebar


def sidebar(dossiers: pd.DataFrame, units: pd.DataFrame, fields: pd.DataFrame):
    first = dossiers["received_date"].min().date()
    last = dossiers["received_date"].max().date()
    default = default_period(last)
    with st.sidebar:
        kind = st.selectbox("Kỳ", PERIOD_KINDS[:-1], index=PERIOD_KINDS.index(default.kind), key="f_kind")
        options = period_options(kind, first, last) or [default.code]
        code = st.selectbox("Kỳ báo cáo", options, key="f_period")
        chosen_units = st.multiselect("Đơn vị", list(units["unit_code"]), key="f_units")
        chosen_fields = st.multiselect("Lĩnh vực", list(fields["field_code"]), key="f_fields")
        chosen_channels = st.multiselect("Kênh", list(CHANNELS), key="f_channels")
    return Period.parse(code), chosen_units or list(units["unit_code"]), chosen_fields, chosen_channels


# --------------------------------------------------------------------------- pages


def page_overview(ctx) -> None:
    period, unit_codes = ctx["period"], ctx["units"]
    units = ctx["unit_table"]
    groups = {
        "town": [u for u in unit_codes if u in set(units.loc[units["kind"] == "town", "unit_code"])],
        "commune_ward": [u for u in unit_codes if u in set(units.loc[units["kind"] != "town", "unit_code"])],
    }
    st.title("Tổng quan")
    for codes in groups.values():
        if not codes:
            continue
        rows = []
        for p in (period, period.previous(), period.year_earlier()):
            x = scoped(ctx["classify"](p.start, p.end), codes, ctx["fields"], ctx["channels"])
            rows.append(balance(x, units[units["unit_code"].isin(codes)]).loc["_total"])
        cur, prev = rows[0], rows[1]
        cols = st.columns(5)
        for col, key in zip(cols, ("received", "resolved", "ontime_rate", "in_progress_overdue", "online_share")):
            col.metric(key, f"{cur[key]:,.1f}", f"{cur[key] - prev[key]:,.1f}")
    x = scoped(ctx["classify"](period.start, period.end), unit_codes, ctx["fields"], ctx["channels"])
    per_unit = balance(x, units[units["unit_code"].isin(unit_codes)]).drop(index="_total")
    below = per_unit[(per_unit["resolved"] > 0) & (per_unit["ontime_rate"] < 95)].sort_values("ontime_rate")
    start = shift_months(period.end.replace(day=1), -23)
    window = ctx["classify"](min(start, period.start), period.end)
    window = scoped(window, unit_codes, ctx["fields"], ctx["channels"]).copy()
    window["group"] = np.where(window["unit_code"].isin(groups["town"]), "town", "commune_ward")
    trend = monthly(window, "group")
    st.plotly_chart(px.line(trend, x="month", y="ontime_rate", color="group"), key="trend")
    ranking = par_ranking(ctx, period.end.year - 1)
    if ranking is not None:
        st.plotly_chart(px.bar(ranking.head(40), x="total", y="short_name", orientation="h"), key="ranking")
    st.dataframe(below[["short_name", "ontime_rate", "resolved"]].head(50))


def par_ranking(ctx, year: int) -> pd.DataFrame | None:
    scores = ctx["load"]("par_scores")
    units = ctx["unit_table"]
    mine = scores[scores["year"] == year]
    if mine.empty:
        return None
    totals = mine.groupby("unit_code")["points"].sum().astype(float).rename("total").reset_index()
    totals["rank"] = totals["total"].rank(ascending=False, method="min")
    return totals.merge(units[["unit_code", "short_name"]], on="unit_code").sort_values("rank")


def page_tien_do(ctx) -> None:
    period, unit_codes = ctx["period"], ctx["units"]
    units = ctx["unit_table"]
    st.title("Tiến độ giải quyết")
    x = scoped(ctx["classify"](period.start, period.end), unit_codes, ctx["fields"], ctx["channels"])
    table = balance(x, units[units["unit_code"].isin(unit_codes)])
    st.dataframe(table)
    rows = table.drop(index="_total").reset_index()
    st.plotly_chart(px.scatter(rows, x="ontime_rate", y="short_name"), key="rates")
    st.plotly_chart(px.bar(rows, x="online_share", y="short_name", orientation="h"), key="online")
    o = x["outcome"]
    by_field = pd.DataFrame({"field_code": x["field_code"], "received": x["is_received"],
                             "resolved": o.isin(RESOLVED), "in_time": o.isin(["early", "on_time"]),
                             "late": o == "late"}).groupby("field_code").sum()
    by_field["ontime_rate"] = 100 * by_field["in_time"] / by_field["resolved"].where(by_field["resolved"] > 0)
    st.plotly_chart(px.scatter(by_field.reset_index(), x="ontime_rate", y="field_code"), key="fields")
    by_proc = pd.DataFrame({"procedure_code": x["procedure_code"], "received": x["is_received"],
                            "resolved": o.isin(RESOLVED), "in_time": o.isin(["early", "on_time"]),
                            "late": o == "late"}).groupby("procedure_code").sum()
    by_proc = by_proc[by_proc["resolved"] >= 10]
    by_proc["ontime_rate"] = 100 * by_proc["in_time"] / by_proc["resolved"]
    st.dataframe(by_proc.sort_values(["ontime_rate", "late"], ascending=[True, False]).head(100))
    start = shift_months(period.end.replace(day=1), -11)
    window = scoped(ctx["classify"](min(start, period.start), period.end), unit_codes, ctx["fields"], ctx["channels"])
    trend = monthly(window, "unit_code")
    top = trend.groupby("unit_code")["received"].sum().nlargest(5).index
    st.plotly_chart(px.line(trend[trend["unit_code"].isin(top)], x="month", y="ontime_rate", color="unit_code"),
                    key="trend")


def page_xep_hang(ctx) -> None:
    st.title("Xếp hạng CCHC")
    scores = ctx["load"]("par_scores")
    criteria = ctx["load"]("par_criteria")
    year = int(scores["year"].max())
    ranking = par_ranking(ctx, year)
    previous = par_ranking(ctx, year - 1)
    if previous is not None:
        ranking = ranking.merge(previous[["unit_code", "rank"]].rename(columns={"rank": "previous_rank"}),
                                on="unit_code", how="left")
        ranking["rank_change"] = ranking["previous_rank"] - ranking["rank"]
    st.plotly_chart(px.bar(ranking, x="total", y="short_name", orientation="h"), key="ranking")
    grid = scores[scores["year"] == year].merge(criteria[criteria["year"] == year], on=["year", "criterion_code"])
    grid["pct"] = 100 * grid["points"].astype(float) / grid["max_points"].astype(float)
    st.plotly_chart(px.density_heatmap(grid, x="criterion_code", y="unit_code", z="pct", histfunc="avg"),
                    key="criteria")
    st.dataframe(ranking)


def page_thu_tuc(ctx) -> None:
    st.title("Thủ tục hành chính")
    procs = ctx["load"]("procedures")
    events = ctx["load"]("procedure_events")
    on = pd.Timestamp(ctx["period"].end)
    ev = events[(events["effective_date"] <= on) & events["event"].isin(["published", "abolished"])]
    ev = ev.assign(abolished=ev["event"].eq("abolished")).sort_values(["procedure_code", "effective_date", "abolished"])
    last = ev.groupby("procedure_code")["event"].last()
    in_force = procs[procs["procedure_code"].isin(last.index[last.eq("published")])]
    if ctx["fields"]:
        in_force = in_force[in_force["field_code"].isin(ctx["fields"])]
    catalogue = in_force.groupby(["field_code", "level"]).size().rename("procedures").reset_index()
    st.plotly_chart(px.bar(catalogue, x="procedures", y="field_code", color="level", orientation="h"), key="catalogue")
    st.dataframe(catalogue)
    period = ctx["period"]
    changes = events[(events["effective_date"] >= pd.Timestamp(period.start)) & (events["effective_date"] <= on)]
    st.dataframe(changes.merge(procs, on="procedure_code"))
    online = in_force.groupby(["level", "online_level"]).size().rename("procedures").reset_index()
    st.plotly_chart(px.bar(online, x="online_level", y="procedures", color="level"), key="online")
    days = in_force.groupby(["level", "processing_days"]).size().rename("procedures").reset_index()
    st.plotly_chart(px.bar(days, x="processing_days", y="procedures", color="level"), key="days")


def page_ho_so(ctx) -> None:
    period = ctx["period"]
    st.title("Hồ sơ")
    x = scoped(ctx["classify"](period.start, period.end), ctx["units"], ctx["fields"], ctx["channels"])
    st.metric("Số hồ sơ", f"{len(x):,}")
    procs = ctx["load"]("procedures")
    page = x.sort_values(["received_date", "dossier_code"], ascending=[False, True]).head(PAGE_SIZE)
    page = page.merge(procs[["procedure_code", "name"]], on="procedure_code", how="left")
    st.dataframe(page, hide_index=True)


def page_du_lieu(ctx) -> None:
    st.title("Dữ liệu")
    d = ctx["dossiers"]
    st.metric("Hồ sơ", f"{len(d):,}")
    per_load = d.groupby(d["load_id"].fillna(-1)).agg(
        dossiers=("dossier_code", "size"), first=("received_date", "min"), last=("received_date", "max"))
    st.dataframe(per_load)
    st.dataframe(ctx["load"]("load_log"))


def main() -> None:
    path = os.environ["CCHC_DB"]
    page = os.environ.get("CCHC_BENCH_PAGE", "overview")
    st.set_page_config(page_title="CCHC (pandas)", layout="wide")
    dossiers = load_dossiers(path)  # the tutorial pattern: everything, on every page

    def load(table: str) -> pd.DataFrame:
        return load_table(path, table)

    units, fields, procs = load("units"), load("fields"), load("procedures")
    nwd = next_working_day(load("calendar"))
    period, unit_codes, chosen_fields, chosen_channels = sidebar(dossiers, units, fields)
    ctx = {
        "dossiers": dossiers, "load": load, "unit_table": units, "period": period, "units": unit_codes,
        "fields": chosen_fields, "channels": chosen_channels,
        "classify": lambda s, e: classify(dossiers, procs, nwd, s, e),
    }
    globals()[f"page_{page}"](ctx)


if __name__ == "__main__":  # run by Streamlit (AppTest), never on import
    main()
