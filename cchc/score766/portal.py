"""The portal's published per-unit scores, read from its JSON answers (the shapes of the
fixtures in github.com/ChippedTopaz/qd766 tests/fixtures/), and set beside ours per group.

Two shapes: a tree (``data.parent`` and ``data.children``: Tiến độ, Thanh toán) and an
evaluation (``data.overview`` and ``data.evaluation`` with ``metrics``: Công khai, Hài lòng,
Số hóa). The group is recognised from the fields (tree) or the metric codes (evaluation).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from cchc.i18n.labels import t

METRIC_GROUP = {"PUBLISH_ON_TIME": "cong_khai", "DOSSIER_SYNC": "cong_khai", "PUBLIC_CONTENT_FULL": "cong_khai",
                "DOSSIER_RECEIVING_SATISFACTION": "hai_long", "PETITION_PROCESSING_ON_TIME": "hai_long",
                "ORIGINAL_RESULT_AVAILABLE": "so_hoa", "SO_HOA_GIAY_TO_GIAI_QUYET": "so_hoa"}
COLUMNS = ["unit_code", "unit_name", "group_code", "portal_points", "portal_max"]


class PortalFileError(ValueError):
    """A file that is not a portal answer this reader knows; the message is safe to show:
    the label ``key`` (:meth:`text` in a page's language, ``str()`` in Vietnamese)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(t(key, "vi", **values))

    def text(self, lang: str = "vi") -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **self.values)


def _tree_group(row: dict) -> str | None:
    if "totalOnTime" in row:
        return "tien_do"
    if "totalDossierOnlinePaymentSuccess" in row:
        return "thanh_toan"
    return None


def read_portal(path: Path | str) -> pd.DataFrame:
    """One row per unit and group of a portal answer file (COLUMNS)."""
    path = Path(path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        data = payload["data"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise PortalFileError("s766_err_portal_json", name=path.name, error=exc.__class__.__name__) from None
    rows = []
    if isinstance(data, dict) and "parent" in data:
        for row in [data["parent"], *data.get("children", [])]:
            group = _tree_group(row)
            if group is None:
                raise PortalFileError("s766_err_portal_group", name=path.name)
            rows.append((row.get("departmentCode"), row.get("departmentName"), group,
                         row.get("score", row.get("totalScore")), row.get("maxScore", row.get("totalMaxScore"))))
    elif isinstance(data, dict) and "evaluation" in data:
        for row in [data["overview"], *data["evaluation"]]:
            codes = [m.get("code") for m in row.get("metrics", [])]
            group = next((METRIC_GROUP[c] for c in codes if c in METRIC_GROUP), None)
            if group is None:
                raise PortalFileError("s766_err_portal_group", name=path.name)
            rows.append((row.get("departmentCode"), row.get("departmentName"), group,
                         row.get("totalScore"), row.get("totalMaxScore")))
    else:
        raise PortalFileError("s766_err_portal_shape", name=path.name)
    return pd.DataFrame(rows, columns=COLUMNS)


def compare(ours: dict, portal: pd.DataFrame, portal_unit: str) -> pd.DataFrame:
    """Our group scores (``Score766.to_dict()``) beside the portal's for ``portal_unit``
    (its departmentCode or name): group_code, ours, portal, difference (ours - portal)."""
    mine = portal[(portal["unit_code"] == portal_unit) | (portal["unit_name"] == portal_unit)]
    theirs = dict(zip(mine["group_code"], mine["portal_points"]))
    rows = []
    for g in ours["groups"]:
        p = theirs.get(g["code"])
        diff = None if p is None or g["points"] is None else round(g["points"] - p, 2)
        rows.append({"group_code": g["code"], "ours": g["points"], "portal": p, "difference": diff})
    return pd.DataFrame(rows)
