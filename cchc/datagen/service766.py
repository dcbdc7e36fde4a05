"""Demo inputs of the Decision 766 index (cchc/store/sql/schema_766.sql), labelled demo.

Generated, not real: every row has is_demo = true and the page says so. The shares are
plausible and follow the years of the demo's dossiers (2017 to October 2026): few fees paid
online, about half the dossiers digitised and VNeID rarely used in 2017-2018, rising to most
of them by 2025 (digitisation of dossiers and results, VNeID, the personal data store on the
national portal); drawn with a fixed seed so that the demo is reproducible. Every dossier
has a row, feedback arrives about once a month at each unit while it exists, and each unit
has its unit-level facts for every year it existed. Nothing here touches the core tables, so
the figures of the 2018 Sơn Tây report are unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

# Per-dossier shares: (2018 and before, from 2025 on), linear in between (by received year).
SHARES = {
    "paid_online": (0.15, 0.65),  # of the fee-bearing dossiers not submitted online
    "digitised": (0.55, 0.92), "e_result": (0.7, 0.93), "reused_data": (0.1, 0.55),
    "personal_store": (0.05, 0.45), "population_data": (0.45, 0.92), "synced_portal": (0.93, 0.99),
}
FEE_SHARE = 0.35
RAMP = (2018, 2025)
# The last day the demo's feedback can have been answered (the data's end).
AS_OF = date(2026, 10, 31)


def _ramp(years: np.ndarray, low: float, high: float) -> np.ndarray:
    """The share of each dossier's year: ``low`` up to RAMP[0], ``high`` from RAMP[1]."""
    x = np.clip((years - RAMP[0]) / (RAMP[1] - RAMP[0]), 0.0, 1.0)
    return low + (high - low) * x


def _dossier_services(rng, d: pd.DataFrame) -> pd.DataFrame:
    n = len(d)
    years = pd.to_datetime(d["received_date"]).dt.year.to_numpy()

    def share(column: str) -> np.ndarray:
        return rng.random(n) < _ramp(years, *SHARES[column])

    has_fee = rng.random(n) < FEE_SHARE
    return pd.DataFrame({
        "dossier_code": d["dossier_code"],
        # a stopped dossier (8) ended a few days after reception
        "ended_date": np.where(d["state"] == 8, pd.to_datetime(d["received_date"]) + pd.Timedelta(days=5), pd.NaT),
        "refused_after_reception": False,
        "has_fee": has_fee,
        "paid_online": has_fee & ((d["channel"] == "online").to_numpy() | share("paid_online")),
        "digitised": share("digitised"), "e_result": share("e_result"), "reused_data": share("reused_data"),
        "personal_store": share("personal_store"), "population_data": share("population_data"),
        "synced_portal": share("synced_portal"),
        "rating": rng.integers(3, 6, n), "complaint": rng.random(n) < 0.01, "is_demo": True,
    })


def _months_of(valid_from, valid_to, first: date, last: date) -> list[date]:
    """The first days of the months a unit existed in, within [first, last]."""
    start = max(first, valid_from or first).replace(day=1)
    end = min(last, valid_to or last)
    return [m.date() for m in pd.date_range(start, end, freq="MS")]


def _feedback(rng, units: list[tuple], first: date, last: date) -> list[tuple]:
    """About one feedback item per unit and month it existed (PAKN), a tenth never answered;
    an answer after the data's end is not known yet."""
    rows = []
    for unit, valid_from, valid_to in units:
        for month in _months_of(valid_from, valid_to, first, last):
            end = min((pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date(), last)
            received = month + timedelta(days=int(rng.integers(0, (end - month).days + 1)))
            answered = None if rng.random() < 0.1 else received + timedelta(days=int(rng.integers(3, 30)))
            if answered is not None and answered > AS_OF:
                answered = None
            rows.append((f"PAKN-{len(rows):05d}", unit, received, answered,
                         None if answered is None else bool(rng.random() < 0.8)))
    return rows


def add_demo_766(con: duckdb.DuckDBPyConnection, seed: int = 2018) -> None:
    """Fill the 766 tables (created with the store's schema) on ``con`` with demo rows."""
    rng = np.random.default_rng(seed + 766)
    d = con.execute("SELECT dossier_code, state, received_date, channel FROM dossiers ORDER BY dossier_code").df()
    con.register("services_df", _dossier_services(rng, d))
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
    units = con.execute("SELECT unit_code, valid_from, valid_to FROM units ORDER BY unit_code").fetchall()
    first, last = con.execute("SELECT min(received_date), max(received_date) FROM dossiers").fetchall()[0]
    feedback = pd.DataFrame(_feedback(rng, units, first, last),
                            columns=["feedback_id", "unit_code", "received_date", "answered_date", "satisfied"])
    con.register("feedback_df", feedback)
    # the due date is 15 working days after reception, from the calendar
    con.execute("""
        WITH wd AS (SELECT date, is_working_day,
                           sum(is_working_day::INTEGER) OVER (ORDER BY date) AS n FROM calendar)
        INSERT INTO feedback_766 (feedback_id, unit_code, received_date, due_date, answered_date, satisfied, is_demo)
        SELECT f.feedback_id, f.unit_code, CAST(f.received_date AS DATE), c.date,
               CAST(f.answered_date AS DATE), f.satisfied, true
        FROM feedback_df AS f
        JOIN wd AS r ON r.date = CAST(f.received_date AS DATE)
        LEFT JOIN wd AS c ON c.is_working_day AND c.n = r.n + 15
        ORDER BY f.feedback_id
    """)
    con.unregister("feedback_df")
    rows = []
    for unit, valid_from, valid_to in units:
        for year in range(max(first.year, (valid_from or first).year), min(last.year, (valid_to or last).year) + 1):
            # electronic certified copies: rare at first, most units by 2021
            rows.append((unit, year, bool(rng.random() < min(0.95, 0.3 + 0.15 * (year - 2017)))))
    con.register("unit_df", pd.DataFrame(rows, columns=["unit_code", "year", "e_certified_copy"]))
    con.execute("INSERT INTO unit_services_766 SELECT unit_code, year, e_certified_copy, true FROM unit_df")
    con.unregister("unit_df")
