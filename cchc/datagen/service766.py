"""Demo inputs of the Decision 766 index (cchc/store/sql/schema_766.sql), labelled demo.

Generated, not real: every row has is_demo = true and the page says so. The shares are
plausible (most dossiers synced, about half digitised, few paid online in 2017-2018), drawn
with a fixed seed so that the demo is reproducible. Nothing here touches the core tables, so
the figures of the 2018 Sơn Tây report are unchanged.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd


def add_demo_766(con: duckdb.DuckDBPyConnection, seed: int = 2018) -> None:
    """Create the 766 tables on ``con`` and fill them with demo rows."""
    # the tables come with the store's schema (cchc/store/sql/schema_766.sql)
    rng = np.random.default_rng(seed + 766)
    d = con.execute("SELECT dossier_code, state, received_date, channel FROM dossiers ORDER BY dossier_code").df()
    n = len(d)

    def share(p: float) -> np.ndarray:
        return rng.random(n) < p

    has_fee = share(0.35)
    services = pd.DataFrame({
        "dossier_code": d["dossier_code"],
        # a stopped dossier (8) ended a few days after reception
        "ended_date": np.where(d["state"] == 8, pd.to_datetime(d["received_date"]) + pd.Timedelta(days=5), pd.NaT),
        "refused_after_reception": False,
        "has_fee": has_fee,
        "paid_online": has_fee & ((d["channel"] == "online").to_numpy() | share(0.15)),
        "digitised": share(0.55), "e_result": share(0.7), "reused_data": share(0.1),
        "personal_store": share(0.05), "population_data": share(0.45), "synced_portal": share(0.93),
        "rating": rng.integers(3, 6, n), "complaint": share(0.01), "is_demo": True,
    })
    con.register("services_df", services)
    con.execute("INSERT INTO dossier_services_766 SELECT dossier_code, CAST(ended_date AS DATE),"
                " refused_after_reception, has_fee, paid_online, digitised, e_result, reused_data, personal_store,"
                " population_data, synced_portal, CAST(rating AS TINYINT), complaint, is_demo FROM services_df")
    con.unregister("services_df")
    procs = con.execute("SELECT procedure_code FROM procedures ORDER BY procedure_code").df()
    m = len(procs)
    con.register("procs_df", pd.DataFrame({
        "procedure_code": procs["procedure_code"], "fee_bearing": rng.random(m) < 0.4,
        "fully_online_eligible": rng.random(m) < 0.5, "content_complete": rng.random(m) < 0.95,
        "population_linked": rng.random(m) < 0.3,
    }))
    con.execute("INSERT INTO procedure_services_766 (procedure_code, fee_bearing, fully_online_eligible,"
                " content_complete, population_linked, is_demo) SELECT *, true FROM procs_df")
    con.unregister("procs_df")
    units = con.execute("SELECT unit_code FROM units ORDER BY unit_code").df()["unit_code"].tolist()
    first, last = con.execute("SELECT min(received_date), max(received_date) FROM dossiers").fetchone()
    days = pd.date_range(first, last, freq="D")
    rows = []
    for i in range(len(units) * 12):  # about one feedback item per unit and month
        received = days[rng.integers(0, len(days))].date()
        answered = None if rng.random() < 0.1 else received + pd.Timedelta(days=int(rng.integers(3, 30))).to_pytimedelta()
        rows.append((f"PAKN-{i:05d}", units[i % len(units)], received, None, answered,
                     None if answered is None else bool(rng.random() < 0.8)))
    con.executemany("INSERT INTO feedback_766 (feedback_id, unit_code, received_date, due_date, answered_date,"
                    " satisfied, is_demo) VALUES (?, ?, ?, ?, ?, ?, true)", rows)
    # the due date is 15 working days after reception, from the calendar
    con.execute("""
        WITH wd AS (SELECT date, is_working_day,
                           sum(is_working_day::INTEGER) OVER (ORDER BY date) AS n FROM calendar)
        UPDATE feedback_766 AS f SET due_date = (
            SELECT min(c.date) FROM wd AS c, wd AS r
            WHERE r.date = f.received_date AND c.is_working_day AND c.n = r.n + 15)
    """)
    years = range(first.year, last.year + 1)
    con.executemany("INSERT INTO unit_services_766 VALUES (?, ?, ?, true)",
                    [(u, y, bool(rng.random() < 0.6)) for u in units for y in years])
