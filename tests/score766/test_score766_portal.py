"""The portal reader on records copied from ChippedTopaz/qd766 tests/fixtures (commit 4b89c95):
dvc-progress-tree/month-all.json (parent H44 15.68; H44.03 16.53) and
handling-satisfaction/month-all.json (H44.03 17.51 of 18)."""

from __future__ import annotations

import json

import pytest

from cchc.score766.portal import PortalFileError, compare, read_portal

TREE = {"code": "OK", "data": {
    "parent": {"departmentCode": "H44", "departmentName": "UBND tỉnh Phú Thọ", "totalReceived": 184513,
               "totalOnTime": 144625, "ratio": 78.38, "totalScore": 15.68, "totalMaxScore": 20},
    "children": [{"departmentCode": "H44.03", "departmentName": "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ",
                  "totalReceived": 588, "totalOnTime": 486, "ratio": 82.65, "score": 16.53, "maxScore": 20}]}}
EVALUATION = {"code": "OK", "data": {
    "overview": {"departmentName": "UBND tỉnh Phú Thọ", "totalScore": 12.97, "totalMaxScore": 18,
                 "metrics": [{"code": "DOSSIER_RECEIVING_SATISFACTION"}]},
    "evaluation": [{"departmentName": "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "totalScore": 17.51,
                    "totalMaxScore": 18, "metrics": [{"code": "PETITION_PROCESSING_ON_TIME"}]}]}}


def test_tree_and_evaluation(tmp_path):
    (tmp_path / "t.json").write_text(json.dumps(TREE), encoding="utf-8")
    (tmp_path / "e.json").write_text(json.dumps(EVALUATION), encoding="utf-8")
    tree = read_portal(tmp_path / "t.json")
    assert tree.values.tolist() == [
        ["H44", "UBND tỉnh Phú Thọ", "tien_do", 15.68, 20],
        ["H44.03", "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "tien_do", 16.53, 20]]
    ev = read_portal(tmp_path / "e.json")
    assert ev["group_code"].tolist() == ["hai_long", "hai_long"]
    assert ev["portal_points"].tolist() == [12.97, 17.51]


def test_compare_highlights_the_difference(tmp_path):
    (tmp_path / "t.json").write_text(json.dumps(TREE), encoding="utf-8")
    ours = {"groups": [{"code": "tien_do", "points": 16.0}, {"code": "so_hoa", "points": None}]}
    frame = compare(ours, read_portal(tmp_path / "t.json"), "H44.03")
    assert frame.values.tolist()[0] == ["tien_do", 16.0, 16.53, -0.53]
    assert frame["difference"].isna().tolist() == [False, True]


def test_bad_file_is_a_clear_message(tmp_path):
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PortalFileError, match="không đọc được"):
        read_portal(tmp_path / "x.json")
    (tmp_path / "y.json").write_text('{"data": {}}', encoding="utf-8")
    with pytest.raises(PortalFileError, match="không phải"):
        read_portal(tmp_path / "y.json")
