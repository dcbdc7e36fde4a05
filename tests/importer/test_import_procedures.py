"""Procedure matching that explains itself (issue 14 item 3): by code, then by name (accents,
case, a "Thủ tục" prefix and trailing punctuation ignored); a name existing at district and
commune level is resolved by the receiving unit's level and the procedures in force on the
reception date; "not in the catalogue" and "more than one match" are different messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc.importer.load import load, preview
from cchc.importer.validate import procedure_name_key
from tests import import_fixtures as fx

HEADER = ["Mã hồ sơ", "Tên TTHC", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]


def _plan(db, rows):
    data = fx.workbook_bytes([HEADER] + [list(r) for r in rows])
    plan = preview(data, "so.xlsx", db).plan
    accepted = dict(zip(plan.records["dossier_code"], plan.records["procedure_code"]))
    rejected = {r.row: (r.column, r.value, r.reason()) for r in plan.rejections}
    return accepted, rejected


def test_name_keys():
    assert procedure_name_key("Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản.") == \
        procedure_name_key("CHỨNG THỰC CHỮ KÝ TRONG CÁC GIẤY TỜ, VĂN BẢN") == \
        "chung thuc chu ky trong cac giay to van ban"
    assert procedure_name_key("TTHC Đăng ký khai sinh;") == "dang ky khai sinh"


def test_same_name_at_two_levels_is_resolved_by_the_receiving_unit(demo_db):
    # data/procedures.csv: 2.010203 (district) and 1.005497 (commune) share this name; the import
    # used to reject it as "not (or not uniquely) in the catalogue"
    name = "Chứng thực chữ ký trong các giấy tờ, văn bản"
    accepted, rejected = _plan(demo_db, [
        ("T-1", name, "Thị xã Sơn Tây", "05/02/2018", "05/02/2018", "Đang xử lý"),
        ("T-2", name, "Phường Lê Lợi", "05/02/2018", "05/02/2018", "Đang xử lý"),
        ("T-3", "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản.", "UBND xã Kim Sơn", "05/02/2018",
         "05/02/2018", "Đang xử lý"),
        ("T-4", "dang ky khai sinh co yeu to nuoc ngoai", "Thị xã Sơn Tây", "05/02/2018", "08/02/2018", "Đang xử lý"),
    ])
    assert rejected == {}
    assert accepted == {"T-1": "2.010203", "T-2": "1.005497", "T-3": "1.005497", "T-4": "2.007283"}


def test_not_in_the_catalogue_offers_the_closest_names(demo_db):
    accepted, rejected = _plan(demo_db, [
        ("N-1", "Đăng ký khai sin có yếu tố nước ngoài", "Thị xã Sơn Tây", "05/02/2018", "08/02/2018", "Đang xử lý"),
        ("N-2", "Cấp phép bay không người lái", "Thị xã Sơn Tây", "05/02/2018", "08/02/2018", "Đang xử lý"),
    ])
    assert accepted == {}
    column, value, reason = rejected[2]
    assert (column, value) == ("Tên TTHC", "Đăng ký khai sin có yếu tố nước ngoài")
    assert reason.startswith("Tên thủ tục không có trong danh mục; tên gần nhất: "
                             "«Đăng ký khai sinh có yếu tố nước ngoài» (2.007283)")
    assert reason.endswith("Hãy sửa tên theo danh mục, hoặc thêm cột Mã TTHC và Lĩnh vực để thêm thủ tục mới")
    assert rejected[3] == ("Tên TTHC", "Cấp phép bay không người lái",
                           "Tên thủ tục không có trong danh mục (không có tên gần giống). Hãy thêm cột Mã TTHC và "
                           "Lĩnh vực để thêm thủ tục mới")


@pytest.fixture
def db(tiny_db, tmp_path) -> Path:
    path = tmp_path / "district.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def test_a_true_tie_is_an_error_and_the_date_in_force_decides(db):
    # a second commune-level "Đăng ký khai sinh" (P3), in force from 1 March 2018; P2 has no events
    catalogue = fx.workbook_bytes([
        ["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Thời hạn giải quyết", "Ngày hiệu lực"],
        ["P3", "Đăng ký khai sinh", "Hộ tịch", "Cấp xã", "3 ngày làm việc", "01/03/2018"],
    ])
    load(catalogue, "danh-muc.xlsx", db)
    accepted, rejected = _plan(db, [
        ("K-1", "Đăng ký khai sinh", "Lê Lợi", "05/02/2018", "08/02/2018", "Đang xử lý"),
        ("K-2", "Đăng ký khai sinh", "Lê Lợi", "05/03/2018", "08/03/2018", "Đang xử lý"),
        # at the town neither is at the unit's level: the date still decides (K-3), or the tie remains (K-4)
        ("K-3", "Đăng ký khai sinh", "Thị xã Sơn Tây", "05/02/2018", "08/02/2018", "Đang xử lý"),
        ("K-4", "Đăng ký khai sinh", "Thị xã Sơn Tây", "06/03/2018", "09/03/2018", "Đang xử lý"),
    ])
    assert accepted == {"K-1": "P2", "K-3": "P2"}
    assert rejected == {
        3: ("Tên TTHC", "Đăng ký khai sinh",
            "Tên thủ tục khớp nhiều thủ tục cùng cấp, cùng hiệu lực (P2, P3). Hãy thêm cột Mã TTHC"),
        5: ("Tên TTHC", "Đăng ký khai sinh",
            "Tên thủ tục khớp nhiều thủ tục cùng cấp, cùng hiệu lực (P2, P3). Hãy thêm cột Mã TTHC"),
    }
