"""The worklist's working-day arithmetic across Tết 2018 (days off 14-20 February, from the
calendar table), by hand. As of Tuesday 13 Feb 2018, warning window 2 working days:

dossier  state  received  due         working days left         on the list as
T1       4      02-01     02-21 Wed   1 (21)                    due soon
T2       4      02-01     02-22 Thu   2 (21, 22)                due soon
T3       4      02-01     02-23 Fri   3: beyond the window      -   (10 calendar days would say "far")
T4       4      02-01     02-12 Mon   past                      overdue
T5       5      02-01     03-01       supplement asked twice    second supplement
T6       10     02-01     02-21       finished 02-12            -
Feedback F1 received Thu 2018-02-01 with no due date: 15 working days later is
02-01 + (2, 5, 6, 7, 8, 9, 12, 13, [Tết], 21, 22, 23, 26, 27, 28, 03-01) = Thu 1 March:
7 working days left on 13 Feb (21, 22, 23, 26, 27, 28, 1) -> not on the list; F2 received 2018-01-15, due (15 working
days) 2018-02-05 -> overdue.
The month of 13 Feb counts T1-T6 for the unit (6 dossiers): a late one costs 20/6 points.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from cchc.score766.settings import Settings766
from cchc.score766.worklist import dossier_worklist, feedback_worklist, to_excel, to_pdf
from tests.score766.test_score766_progress import build_db

AS_OF = date(2018, 2, 13)
DOSSIERS = [
    ("T1", 4, "2018-02-01", "2018-02-21", None, None, None, None, 0),
    ("T2", 4, "2018-02-01", "2018-02-22", None, None, None, None, 0),
    ("T3", 4, "2018-02-01", "2018-02-23", None, None, None, None, 0),
    ("T4", 4, "2018-02-01", "2018-02-12", None, None, None, None, 0),
    ("T5", 5, "2018-02-01", "2018-03-01", None, None, "2018-02-05", None, 2),
    ("T6", 10, "2018-02-01", "2018-02-21", "2018-02-12", None, None, None, 0),
]


@pytest.fixture(scope="module")
def tet_db(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("w766") / "w.duckdb", DOSSIERS, [])
    con = duckdb.connect(str(path))
    con.executemany("INSERT INTO feedback_766 (feedback_id, unit_code, received_date) VALUES (?, 'U1', ?)",
                    [("F1", "2018-02-01"), ("F2", "2018-01-15")])
    con.close()
    return path


def test_dossiers_across_tet(tet_db):
    frame = dossier_worklist(AS_OF, ["U1"], db=tet_db, settings=Settings766(warn_days=2))
    got = {r.dossier_code: (r.kind, r.working_days_left) for r in frame.itertuples()}
    assert got == {"T1": ("due_soon", 1), "T2": ("due_soon", 2), "T4": ("overdue", -1),
                   "T5": ("second_supplement", 7)}
    assert frame["points_at_stake"].tolist() == pytest.approx([20 / 6] * 4)


def test_window_is_a_setting(tet_db):
    frame = dossier_worklist(AS_OF, ["U1"], db=tet_db, settings=Settings766(warn_days=3))
    assert "T3" in set(frame["dossier_code"])


def test_feedback_fifteen_working_days(tet_db):
    frame = feedback_worklist(AS_OF, ["U1"], db=tet_db, settings=Settings766(warn_days=2))
    assert frame[["feedback_id", "kind"]].values.tolist() == [["F2", "overdue"]]
    assert frame["due_date"].dt.date.tolist() == [date(2018, 2, 5)]
    wide = feedback_worklist(AS_OF, ["U1"], db=tet_db, settings=Settings766(warn_days=7))
    f1 = wide[wide["feedback_id"] == "F1"].iloc[0]
    assert (f1["due_date"].date(), f1["working_days_left"]) == (date(2018, 3, 1), 7)


def test_exports(tet_db, tmp_path):
    frame = dossier_worklist(AS_OF, ["U1"], db=tet_db, settings=Settings766(warn_days=2))
    assert to_excel(frame, AS_OF)[:2] == b"PK"
    out = to_pdf(frame, feedback_worklist(AS_OF, ["U1"], db=tet_db), AS_OF, ["U1"], tmp_path / "w.pdf")
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    assert "T4" in reader.pages[0].extract_text()
