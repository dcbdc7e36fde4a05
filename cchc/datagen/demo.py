"""Build the demo database: Sơn Tây, 2017–2018, deterministic from a seed.

The reference data (units, fields, procedures and their history, PAR criteria and
scores) are the CSV files of ``data/``. The working-day calendar comes from
:mod:`cchc.core.calendar_days`. The dossiers are generated here with numpy, in bulk, and then
adjusted so that the first half of 2018 reproduces the figures of the town's review
meeting of 5 July 2018 (``shared/seed``) exactly, through the schema's own
``dossier_period`` macro:

- town one-stop desk: 1,261 received, 1,026 resolved, 98.8 % early or on time;
- the 15 communes/wards together: 17,337 received, 99.6 % early or on time.

Every other figure is free but plausible: a dip around Tết, civil status and
certification dominating at the wards, land and construction carrying most late
dossiers, online submissions rising from about 3 % to about 15 %.

Everything in the generated file is demo data: procedure codes, decision labels and
dossier codes are invented in the national style, and ``dataset_info.kind = 'demo'``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from cchc.core.calendar_days import add_working_days, build_calendar, working_days
from cchc.datagen import recent
from cchc.datagen.service766 import add_demo_766
from cchc.store import writer
from cchc.store.db import DATA_DIR

# The generator API: build_demo, and the building blocks the synthetic city
# (cchc/datagen/city.py) generates its dossiers with, so both draw them the same way.
__all__ = [
    "build_demo", "DemoFigureError", "read_reference_csv", "insert_reference_csv", "day_weights",
    "assign_procedures", "plan_outcomes", "draw_channels", "clock_minutes",
    "UNIT_SIZE", "UNIT_LATE", "SEASON", "TOWN", "LAST_DAY", "LAST_MONTH", "AS_OF",
]

CALENDAR_START = date(2016, 1, 1)
# room after AS_OF for the due dates of the last dossiers (and Tết 2027)
CALENDAR_END = date(2027, 12, 31)
FIRST_DAY = date(2017, 1, 1)  # first possible received date
LAST_DAY = date(2018, 12, 31)  # last received date of the report years (2017-2018), generated here
# The last complete month when the demo was extended (on 29 November 2026): the recent years
# (cchc/datagen/recent.py) run from January 2019 to its end, and the data show the state of
# every dossier on that day (a constant there, not date.today(): the build stays deterministic).
LAST_MONTH = (recent.AS_OF.year, recent.AS_OF.month)
AS_OF = recent.AS_OF
TOWN = "thi-xa"

# The figures of the review meeting of 5 July 2018, for 2018-01-01 .. 2018-06-30.
REPORT_START = date(2018, 1, 1)
REPORT_END = date(2018, 6, 30)
TOWN_RECEIVED = 1261
TOWN_RESOLVED = 1026
TOWN_LATE = 12  # 1014 / 1026 = 98.8 %
TOWN_RATE = 98.8
COMMUNES_RECEIVED = 17337
COMMUNES_RATE = 99.6

DESCRIPTION = (
    "Dữ liệu minh họa (demo) — Sơn Tây 01/2017–10/2026 (từ 01/07/2025: phường Sơn Tây, phường Tùng "
    "Thiện, xã Đoài Phương và cấp thành phố Hà Nội), số liệu tổng hợp 6 tháng đầu năm 2018 "
    "khớp báo cáo sơ kết CCHC ngày 05/07/2018"
)

# Relative daily intake of each desk (the central wards are the busiest).
UNIT_SIZE = {
    "le-loi": 1.6, "quang-trung": 1.5, "ngo-quyen": 1.25, "trung-hung": 1.1, "xuan-khanh": 1.05,
    "son-loc": 1.0, "phu-thinh": 0.85, "vien-son": 0.8, "trung-son-tram": 0.55,
    "co-dong": 1.0, "duong-lam": 0.85, "kim-son": 0.9, "son-dong": 0.95, "thanh-my": 0.7,
    "xuan-son": 0.6,
}
# Relative propensity to finish late; the units with low PAR scores are the sloppier ones.
UNIT_LATE = {
    TOWN: 1.0, "xuan-khanh": 0.4, "le-loi": 0.6, "ngo-quyen": 0.7, "son-loc": 0.7, "trung-hung": 0.8,
    "quang-trung": 1.0, "vien-son": 1.1, "trung-son-tram": 1.1, "duong-lam": 1.2, "co-dong": 1.2,
    "thanh-my": 1.3, "xuan-son": 1.4, "phu-thinh": 1.8, "son-dong": 2.0, "kim-son": 2.4,
}
# Month-of-year intake factors: busier before the year end, quieter in summer.
SEASON = {7: 0.97, 8: 0.96, 11: 1.03, 12: 1.08}
# Late propensity by quarter, 2017 Q1 .. 2018 Q4: the desks improved through 2017.
QUARTER_LATE = [1.6, 1.35, 1.2, 1.0, 0.7, 0.65, 0.85, 0.9]

# Relative number of dossiers per procedure (by name); unlisted procedures of a field get
# the field's default. District procedures are handled at the town desk.
DISTRICT_WEIGHTS = {
    "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất": 9.0,
    "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất": 6.0,
    "Đăng ký thay đổi nội dung thế chấp quyền sử dụng đất đã đăng ký": 0.8,
    "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho quyền sử dụng đất": 8.0,
    "Đăng ký biến động quyền sử dụng đất do thừa kế": 2.5,
    "Đăng ký biến động quyền sử dụng đất do phân chia, hợp nhất quyền sử dụng đất của hộ gia đình, "
    "của vợ và chồng, của nhóm người sử dụng đất": 0.6,
    "Đăng ký biến động do đổi tên, thay đổi thông tin về người sử dụng đất, thay đổi hình dạng, "
    "kích thước, diện tích thửa đất": 1.2,
    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân": 4.0,
    "Cấp đổi Giấy chứng nhận quyền sử dụng đất": 2.0,
    "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất": 0.8,
    "Đính chính Giấy chứng nhận quyền sử dụng đất đã cấp": 0.8,
    "Tách thửa hoặc hợp thửa đất": 2.0,
    "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền": 1.2,
    "Cung cấp dữ liệu đất đai": 1.0,
    "Đăng ký bổ sung tài sản gắn liền với đất vào Giấy chứng nhận đã cấp": 0.5,
    "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện": 0.3,
    "Xác nhận hợp đồng, văn bản chuyển quyền sử dụng đất của hộ gia đình, cá nhân tại Ủy ban nhân "
    "dân cấp huyện": 1.0,
    "Cấp giấy phép xây dựng nhà ở riêng lẻ": 7.0,
    "Cấp giấy phép xây dựng sửa chữa, cải tạo công trình, nhà ở riêng lẻ": 1.5,
    "Cung cấp thông tin về quy hoạch xây dựng thuộc thẩm quyền của Ủy ban nhân dân cấp huyện": 1.0,
    "Điều chỉnh giấy phép xây dựng công trình, nhà ở riêng lẻ": 0.5,
    "Gia hạn giấy phép xây dựng công trình, nhà ở riêng lẻ": 0.5,
    "Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ": 0.5,
    "Đăng ký thành lập hộ kinh doanh": 6.0,
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh": 3.0,
    "Tạm ngừng hoạt động hộ kinh doanh": 1.0,
    "Chấm dứt hoạt động hộ kinh doanh": 1.5,
    "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh": 0.3,
    "Thay đổi, cải chính hộ tịch cho người từ đủ 14 tuổi trở lên, xác định lại dân tộc, bổ sung "
    "thông tin hộ tịch": 2.5,
    "Đăng ký kết hôn có yếu tố nước ngoài": 1.2,
    "Đăng ký khai sinh có yếu tố nước ngoài": 0.6,
    "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm "
    "quyền của nước ngoài": 0.6,
    "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại "
    "cơ quan có thẩm quyền của nước ngoài": 0.5,
    "Cấp bản sao trích lục hộ tịch": 1.2,
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước "
    "ngoài cấp hoặc chứng nhận": 3.0,
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt "
    "Nam cấp hoặc chứng nhận": 2.0,
    "Chứng thực chữ ký trong các giấy tờ, văn bản": 1.2,
    "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp": 2.5,
    "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật": 0.5,
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản": 0.5,
    "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở tại Phòng Tư pháp": 0.5,
    "Cấp bản sao từ sổ gốc": 0.3,
    "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi "
    "dưỡng hằng tháng": 1.5,
    "Giải quyết chế độ ưu đãi trong giáo dục đào tạo đối với người có công với cách mạng và con "
    "của họ": 0.8,
    "Hưởng mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần": 0.6,
    "Cấp thẻ bảo hiểm y tế cho đối tượng bảo trợ xã hội": 0.4,
    "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ": 0.3,
    "Gửi thang lương, bảng lương, định mức lao động của doanh nghiệp": 0.4,
    "Chuyển trường đối với học sinh trung học cơ sở": 0.8,
    "Chuyển trường đối với học sinh tiểu học": 0.6,
    "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc": 0.5,
    "Chỉnh sửa nội dung văn bằng, chứng chỉ": 0.2,
    "Cấp giấy phép, gia hạn giấy phép tổ chức hoạt động dạy thêm, học thêm đối với cấp trung học "
    "cơ sở": 0.3,
    "Xét miễn, giảm học phí và hỗ trợ chi phí học tập đối với trẻ em mầm non, học sinh phổ "
    "thông": 0.3,
    "Cấp Giấy phép kinh doanh karaoke": 0.4,
    "Cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công "
    "cộng": 0.3,
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn "
    "uống": 0.6,
    "Tiếp nhận bản tự công bố sản phẩm thực phẩm": 0.5,
    "Cấp Giấy xác nhận kiến thức về an toàn thực phẩm cho chủ cơ sở và người trực tiếp sản xuất, "
    "kinh doanh thực phẩm": 0.3,
    "Xác nhận đăng ký kế hoạch bảo vệ môi trường": 0.8,
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh "
    "nông lâm thủy sản": 0.3,
}
DISTRICT_FIELD_DEFAULT = {
    "dat-dai": 0.15, "xay-dung": 0.15, "ho-kinh-doanh": 0.05, "ho-tich": 0.1, "chung-thuc": 0.1,
    "lao-dong-tbxh": 0.08, "giao-duc": 0.02, "van-hoa": 0.04, "y-te": 0.05, "moi-truong": 0.1,
    "nong-nghiep": 0.03,
}
COMMUNE_WEIGHTS = {
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt "
    "Nam cấp hoặc chứng nhận": 40.0,
    "Chứng thực chữ ký trong các giấy tờ, văn bản": 9.0,
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà "
    "ở": 4.0,
    "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở tại Ủy ban nhân dân cấp xã (theo quy định "
    "cũ)": 2.0,
    "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà "
    "ở": 0.6,
    "Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở": 0.5,
    "Chứng thực di chúc": 0.3,
    "Đăng ký khai sinh": 8.0,
    "Đăng ký kết hôn": 2.2,
    "Đăng ký khai tử": 1.6,
    "Cấp Giấy xác nhận tình trạng hôn nhân": 6.0,
    "Cấp bản sao trích lục hộ tịch": 5.0,
    "Thay đổi, cải chính, bổ sung hộ tịch": 1.0,
    "Đăng ký lại khai sinh": 0.6,
    "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân": 0.4,
    "Đăng ký nhận cha, mẹ, con": 0.3,
    "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
    "cho trẻ em dưới 6 tuổi": 2.5,
    "Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử "
    "tuất, hỗ trợ chi phí mai táng": 0.5,
    "Hòa giải tranh chấp đất đai": 0.25,
    "Xác nhận nguồn gốc, thời điểm sử dụng đất phục vụ cấp Giấy chứng nhận lần đầu": 0.8,
    "Tiếp nhận hồ sơ đăng ký biến động quyền sử dụng đất tại Ủy ban nhân dân cấp xã": 0.6,
    "Tiếp nhận hồ sơ đề nghị trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng "
    "tháng": 0.8,
    "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật": 0.4,
    "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm": 0.3,
    "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm": 0.2,
    "Công nhận hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung "
    "bình": 0.3,
    "Ủy quyền hưởng trợ cấp, phụ cấp ưu đãi": 0.3,
    "Tiếp nhận hồ sơ đề nghị hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội": 0.3,
    "Tiếp nhận hồ sơ hưởng mai táng phí, trợ cấp một lần khi người có công đang hưởng trợ cấp ưu "
    "đãi từ trần": 0.2,
    "Xét tặng danh hiệu “Gia đình văn hóa” hằng năm": 0.1,
    "Đăng ký chuyển đổi cơ cấu cây trồng trên đất trồng lúa": 0.15,
}
COMMUNE_FIELD_DEFAULT = {
    "ho-tich": 0.06, "chung-thuc": 0.25, "dat-dai": 0.2, "lao-dong-tbxh": 0.05, "van-hoa": 0.03,
    "nong-nghiep": 0.04, "moi-truong": 0.04,
}
# Rural communes (xã) see more land and farming business than urban wards, and fewer copies.
COMMUNE_KIND_FACTOR = {"dat-dai": 2.5, "nong-nghiep": 4.0, "lao-dong-tbxh": 1.4, "chung-thuc": 0.8}

# A drive to issue first-time land certificates at the town desk in the second quarter of
# 2018: more dossiers with a 30-day deadline, so more of them are still open on 30 June.
CAMPAIGN_PROCEDURE = "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân"
CAMPAIGN_START = date(2018, 4, 1)
CAMPAIGN_END = date(2018, 7, 1)  # exclusive
CAMPAIGN_WEIGHT = 30.0
CAMPAIGN_INTAKE = {(2018, 4): 1.2, (2018, 5): 1.6, (2018, 6): 2.0}

# Probability of finishing late, by level and field (before unit and quarter factors).
LATE_TOWN = {"dat-dai": 0.022, "xay-dung": 0.028, "lao-dong-tbxh": 0.01}
LATE_TOWN_DEFAULT = 0.004
LATE_COMMUNE = {"dat-dai": 0.08, "lao-dong-tbxh": 0.02, "ho-tich": 0.002, "chung-thuc": 0.0008}
LATE_COMMUNE_DEFAULT = 0.01
# Town dossiers that stall (waiting for taxes and fees, or stopped), by field. During the
# campaign many first-time certificates wait for the land-use levy to be paid.
STALL_TOWN = {"dat-dai": 0.03, "xay-dung": 0.02, "lao-dong-tbxh": 0.01}
STALL_CAMPAIGN = 0.08
# Supplement requests, by field.
SUPPLEMENT = {"dat-dai": 0.15, "xay-dung": 0.2, "lao-dong-tbxh": 0.12, "ho-tich": 0.15, "chung-thuc": 0.08}
SUPPLEMENT_DEFAULT = 0.1

NEVER = 10**6  # "finish" index of a dossier still open when the data end


class DemoFigureError(RuntimeError):
    """The built demo database does not reproduce a figure it must reproduce."""


# --------------------------------------------------------------------------- helpers


def read_reference_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


def insert_reference_csv(con: duckdb.DuckDBPyConnection, table: str, name: str) -> None:
    # Every column read as text; INSERT casts to the table's types. Empty fields are NULL.
    path = str(DATA_DIR / name)
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT * FROM read_csv(?, header = true, all_varchar = true)",
        [path],
    )


def _in_force(events: pd.DataFrame, codes: np.ndarray, on: np.datetime64) -> np.ndarray:
    """Which procedures are in force on a day (same rule as the procedures_in_force macro)."""
    ev = events[(events["effective_date"] <= on) & events["event"].isin(["published", "abolished"])]
    # an abolition on the same day as a publication wins, as in the macro
    ev = ev.assign(_abol=ev["event"].eq("abolished")).sort_values(
        ["procedure_code", "effective_date", "_abol"])
    last = ev.groupby("procedure_code")["event"].last()
    in_force = set(last.index[last.eq("published")])
    return np.array([c in in_force for c in codes], dtype=bool)


def day_weights(calendar: pd.DataFrame, days: np.ndarray) -> np.ndarray:
    """Relative intake of each working day: quiet after Tết, a little busier before it."""
    w = np.ones(len(days))
    dow = ((days.astype("datetime64[D]").astype(np.int64) - 4) % 7)  # 0 = Monday
    w *= np.select([dow == 0, dow == 4, dow >= 5], [1.08, 0.95, 0.6], 1.0)  # >= 5: swapped Saturday
    names = calendar["holiday_name"].fillna("")
    tet = calendar.loc[names.str.contains("Tết") & ~names.str.contains("Dương lịch"), "date"]
    tet = np.asarray(tet, dtype="datetime64[D]")
    after = np.linspace(0.2, 0.95, 15)  # the first weeks after Tết are quiet
    for year in np.unique(tet.astype("datetime64[Y]")):
        break_days = tet[tet.astype("datetime64[Y]") == year]
        first, last = break_days.min(), break_days.max()
        if last < days[0] or first > days[-1]:
            continue  # a Tết outside the generated range
        i_after = np.searchsorted(days, last, side="right")
        n_after = min(len(after), len(days) - i_after)
        w[i_after:i_after + n_after] *= after[:n_after]
        i_before = np.searchsorted(days, first)
        w[max(0, i_before - 10):i_before] *= 1.25  # papers put in order before Tết
    return w


# --------------------------------------------------------------------------- dossiers


class _Plan:
    """The generated dossiers as parallel numpy arrays, before they become a table.

    Dates are kept as indexes into the sorted array of working days, so that deadlines
    and adjustments are integer arithmetic; ``fin`` is ``NEVER`` while a dossier is open.
    """

    def __init__(self, **arrays: np.ndarray):
        self.__dict__.update(arrays)


def _intake(rng, calendar, wd, units) -> tuple[np.ndarray, np.ndarray]:
    """Unit index and received-day index of every received dossier.

    The counts per unit and month follow unit size, trend, working days and Tết; the
    first half of 2018 is drawn as a multinomial with the exact totals of the report.
    """
    first = int(np.searchsorted(wd, np.datetime64(FIRST_DAY)))
    last = int(np.searchsorted(wd, np.datetime64(LAST_DAY), side="right")) - 1
    days = wd[first:last + 1]
    w_day = day_weights(calendar, days)
    months = days.astype("datetime64[M]")
    month_list = np.unique(months)
    month_no = np.searchsorted(month_list, months)  # 0 .. 23
    w_month = np.bincount(month_no, weights=w_day, minlength=len(month_list))
    ym = [(int(str(m)[:4]), int(str(m)[5:7])) for m in month_list]
    t = np.arange(len(month_list))
    in_report = ((month_list >= np.datetime64(REPORT_START, "M"))
                 & (month_list <= np.datetime64(REPORT_END, "M")))

    codes = units["unit_code"].tolist()
    expected = np.zeros((len(codes), len(month_list)))
    for u, code in enumerate(codes):
        if code == TOWN:
            # the town desk grew fast in 2017, then slowly
            trend = np.where(t < 12, 0.8 + 0.2 * t / 12, 1.0 + 0.04 * (t - 12) / 12)
            trend = trend * np.array([CAMPAIGN_INTAKE.get(k, 1.0) for k in ym])
            size = 1.0
        else:
            trend = 0.93 + 0.07 * t / 23
            size = UNIT_SIZE[code]
        season = np.array([SEASON.get(m, 1.0) for _, m in ym])
        noise = rng.lognormal(0.0, 0.06, size=len(month_list))
        expected[u] = size * trend * season * w_month * noise

    counts = np.zeros_like(expected, dtype=np.int64)
    town = np.array([c == TOWN for c in codes])
    for rows, target in ((town, TOWN_RECEIVED), (~town, COMMUNES_RECEIVED)):
        block = expected[rows]
        scale = target / block[:, in_report].sum()
        block = block * scale
        exact = rng.multinomial(target, (block[:, in_report] / block[:, in_report].sum()).ravel())
        free = rng.poisson(block[:, ~in_report])
        sub = np.zeros_like(block, dtype=np.int64)
        sub[:, in_report] = exact.reshape(block[:, in_report].shape)
        sub[:, ~in_report] = free
        counts[rows] = sub

    unit_idx, day_idx = [], []
    for m in range(len(month_list)):
        in_month = np.flatnonzero(month_no == m)
        p = w_day[in_month] / w_day[in_month].sum()
        for u in range(len(codes)):
            n = counts[u, m]
            if n:
                unit_idx.append(np.full(n, u))
                day_idx.append(first + rng.choice(in_month, size=n, p=p))
    unit_idx = np.concatenate(unit_idx)
    day_idx = np.concatenate(day_idx)
    order = np.lexsort((unit_idx, day_idx))
    return unit_idx[order], day_idx[order]


def _procedure_weights(procs: pd.DataFrame, kind: str) -> np.ndarray:
    if kind == "town":
        table, default, level = DISTRICT_WEIGHTS, DISTRICT_FIELD_DEFAULT, "district"
    else:
        table, default, level = COMMUNE_WEIGHTS, COMMUNE_FIELD_DEFAULT, "commune"
    unknown = set(table) - set(procs.loc[procs["level"] == level, "name"])
    if unknown:
        raise ValueError(f"weights for unknown {level} procedures: {sorted(unknown)}")
    w = np.array([
        table.get(name, default.get(field, 0.0)) if lvl == level else 0.0
        for name, field, lvl in zip(procs["name"], procs["field_code"], procs["level"])
    ])
    if kind == "commune":
        w = w * procs["field_code"].map(COMMUNE_KIND_FACTOR).fillna(1.0).to_numpy()
    return w


def assign_procedures(rng, wd, day_idx, group, procs, events) -> np.ndarray:
    """Index into ``procs`` of each dossier's procedure, among those in force that day."""
    dates = wd[day_idx]
    ev_dates = np.asarray(events["effective_date"], dtype="datetime64[D]")
    # segments start at the changes within the dossiers' dates (a range after the campaign
    # must not start a segment at its end, before the later changes of the catalogue)
    cuts = np.concatenate([ev_dates, np.array([CAMPAIGN_START, CAMPAIGN_END], dtype="datetime64[D]")])
    bounds = np.unique(cuts[(cuts > dates.min()) & (cuts <= dates.max())])
    segment = np.searchsorted(bounds, dates, side="right")
    seg_start = np.concatenate([[dates.min()], bounds])
    codes = procs["procedure_code"].to_numpy()
    campaign = procs["name"].eq(CAMPAIGN_PROCEDURE).to_numpy()
    ev = events.assign(effective_date=ev_dates)
    result = np.full(len(day_idx), -1)
    for kind in ("town", "ward", "commune"):
        base = _procedure_weights(procs, kind)
        for s in np.unique(segment[group == kind]):
            rows = np.flatnonzero((group == kind) & (segment == s))
            start = seg_start[s]
            w = base * _in_force(ev, codes, start)
            if kind == "town" and np.datetime64(CAMPAIGN_START) <= start < np.datetime64(CAMPAIGN_END):
                w = np.where(campaign, w * CAMPAIGN_WEIGHT, w)
            result[rows] = rng.choice(len(codes), size=len(rows), p=w / w.sum())
    return result


def plan_outcomes(rng, wd, unit_idx, day_idx, proc_idx, units, procs,
                  quarter_late=QUARTER_LATE, first_day: date = FIRST_DAY) -> _Plan:
    """Finish day, withdrawal, stalls and supplements of every dossier, before adjustment.

    ``quarter_late`` is the late propensity of each quarter from ``first_day`` on (the last
    value holds after it); ``units`` must hold the codes of :data:`UNIT_LATE`."""
    n = len(day_idx)
    codes = units["unit_code"].to_numpy()
    kinds = units["kind"].to_numpy()
    unit = codes[unit_idx]
    is_town = unit == TOWN
    field = procs["field_code"].to_numpy()[proc_idx]
    days = procs["processing_days"].astype(int).to_numpy()[proc_idx]
    r = day_idx
    due_dates = add_working_days(wd, wd[r], days)
    due = np.searchsorted(wd, due_dates)
    dates = wd[r]
    months = dates.astype("datetime64[M]") - np.datetime64(first_day, "M")
    quarter = (months.astype(np.int64) // 3).clip(0, len(quarter_late) - 1)
    # each desk has better and worse quarters
    unit_quarter = rng.lognormal(0.0, 0.35, size=(len(codes), len(quarter_late)))

    # late propensity
    late_base = np.where(
        is_town,
        pd.Series(field).map(LATE_TOWN).fillna(LATE_TOWN_DEFAULT).to_numpy(),
        pd.Series(field).map(LATE_COMMUNE).fillna(LATE_COMMUNE_DEFAULT).to_numpy(),
    )
    p_late = (late_base * pd.Series(unit).map(UNIT_LATE).to_numpy()
              * np.asarray(quarter_late)[quarter] * unit_quarter[unit_idx, quarter])
    p_late = np.where(days == 0, p_late * 0.5, p_late)

    withdrawn = rng.random(n) < np.where(is_town, 0.004, 0.001)
    stall_p = np.where(is_town & (days >= 7), pd.Series(field).map(STALL_TOWN).fillna(0.0).to_numpy(), 0.0)
    in_campaign = (procs["name"].eq(CAMPAIGN_PROCEDURE).to_numpy()[proc_idx]
                   & (dates >= np.datetime64(CAMPAIGN_START)) & (dates < np.datetime64(CAMPAIGN_END)))
    stall_p = np.where(in_campaign, STALL_CAMPAIGN, stall_p)
    stalled = ~withdrawn & (rng.random(n) < stall_p)
    late = ~withdrawn & ~stalled & (rng.random(n) < p_late)

    # working days taken: short procedures are mostly done early, long ones close to the
    # due date (results are often handed over on the appointment day)
    k = np.zeros(n, dtype=np.int64)
    short = (days > 0) & (days <= 5)
    k[short] = np.minimum(days[short], np.floor(rng.beta(1.3, 2.2, short.sum()) * (days[short] + 1)))
    long_ = days > 5
    k[long_] = np.maximum(0, days[long_] - (rng.geometric(0.3, long_.sum()) - 1))
    slow_field = np.isin(field, ["dat-dai", "xay-dung"])
    lateness = np.where(slow_field, rng.geometric(0.15, n), rng.geometric(0.4, n))
    k = np.where(late, days + lateness, k)
    k = np.where(withdrawn, rng.integers(0, np.maximum(days, 1) + 1), k)
    fin = r + k

    # stalled town dossiers: a long wait, then done late, withdrawn, or still open at the end
    pause = rng.integers(15, 160, size=n)
    fate = rng.random(n)
    fin = np.where(stalled, r + days + pause, fin)
    withdrawn = withdrawn | (stalled & (fate < 0.25))
    fin = np.where(stalled & (fate >= 0.6), NEVER, fin)

    # supplements: requested and supplied between reception and finish; a few of them push
    # the finish past the due date (late by formula A, on time by formula B)
    sup_p = pd.Series(field).map(SUPPLEMENT).fillna(SUPPLEMENT_DEFAULT).to_numpy()
    supplement = ~withdrawn & ~stalled & (days >= 2) & (rng.random(n) < sup_p)
    # leave a day for the request and one for the reply (still on time: days >= 2)
    fin = np.where(supplement, np.maximum(fin, r + 2), fin)
    room = fin - r
    req = r + 1 + np.floor(rng.random(n) * np.maximum(room - 1, 1)).astype(np.int64)
    sup = req + 1 + np.floor(rng.random(n) * np.maximum(fin - req - 1, 0)).astype(np.int64)
    push = supplement & (rng.random(n) < np.where(is_town, 0.05, 0.03))
    extra_wait = rng.geometric(0.3, n)
    sup = np.where(push, sup + extra_wait, sup)
    fin = np.where(push, np.maximum(fin, sup) + 1, fin)
    sup_count = np.where(supplement, np.where(rng.random(n) < 0.1, 2, 1), 0)

    return _Plan(
        unit_idx=unit_idx, unit=unit, kind=kinds[unit_idx], is_town=is_town, proc_idx=proc_idx,
        field=field, days=days, r=r, due=due, fin=fin, withdrawn=withdrawn, stalled=stalled,
        supplement=supplement, req=np.where(supplement, req, -1), sup=np.where(supplement, sup, -1),
        sup_count=sup_count,
    )


def _report_bounds(wd) -> tuple[int, int]:
    ps = int(np.searchsorted(wd, np.datetime64(REPORT_START)))
    pe = int(np.searchsorted(wd, np.datetime64(REPORT_END), side="right")) - 1
    return ps, pe


def _resolved_in(plan: _Plan, ps: int, pe: int) -> np.ndarray:
    return ~plan.withdrawn & (plan.fin >= ps) & (plan.fin <= pe)


def _set_late(rng, plan: _Plan, rows: np.ndarray, target: int, ps: int, pe: int) -> None:
    """Make exactly ``target`` of the dossiers of ``rows`` resolved in [ps, pe] late,
    moving finish days only within the period where possible."""
    resolved = rows & _resolved_in(plan, ps, pe)
    late = resolved & (plan.fin > plan.due)
    movable = ~plan.supplement
    excess = int(late.sum()) - target
    if excess > 0:
        # late dossiers due within the period can be finished on their due date instead
        cand = np.flatnonzero(late & movable & (plan.due >= ps))
        pick = rng.choice(cand, size=min(excess, len(cand)), replace=False)
        plan.fin[pick] = plan.due[pick]
        excess -= len(pick)
        if excess > 0:
            # the rest (due before the period, or late because of a supplement) finish,
            # still late, after it instead; a later finish keeps supplement dates before it
            still_late = rows & _resolved_in(plan, ps, pe) & (plan.fin > plan.due)
            pick = rng.choice(np.flatnonzero(still_late), size=excess, replace=False)
            plan.fin[pick] = pe + rng.integers(1, 40, size=excess)
    elif excess < 0:
        # on-time dossiers of the slow fields are the ones made late
        cand = np.flatnonzero(resolved & ~late & movable & (plan.due < pe))
        weight = np.where(np.isin(plan.field[cand], ["dat-dai", "xay-dung"]), 8.0, 1.0)
        if len(cand) < -excess:
            raise DemoFigureError("not enough dossiers to make late")
        pick = rng.choice(cand, size=-excess, replace=False, p=weight / weight.sum())
        lateness = np.where(np.isin(plan.field[pick], ["dat-dai", "xay-dung"]),
                            rng.geometric(0.3, len(pick)), 1)
        plan.fin[pick] = np.minimum(plan.due[pick] + lateness, pe)


def _set_resolved(rng, plan: _Plan, rows: np.ndarray, target: int, ps: int, pe: int) -> None:
    """Make exactly ``target`` dossiers of ``rows`` resolved in [ps, pe] without changing
    how many of them are late."""
    resolved = rows & _resolved_in(plan, ps, pe)
    not_late = resolved & (plan.fin <= plan.due) & ~plan.supplement
    excess = int(resolved.sum()) - target
    if excess > 0:
        # finish just after the period those that were done in its last days and are not
        # yet due: they stay on time
        cand = np.flatnonzero(not_late & (plan.due > pe))
        cand = cand[np.argsort(-plan.fin[cand], kind="stable")][:excess]
        plan.fin[cand] = pe + 1 + np.floor(
            rng.random(len(cand)) * (np.minimum(plan.due[cand], pe + 10) - pe)).astype(np.int64)
        excess -= len(cand)
        if excess > 0:
            # the rest: land dossiers finished last in the period stall instead, waiting for
            # the land-use levy; some are done (late) later in the year, most are still open
            cand = np.flatnonzero(not_late & (plan.due <= pe) & (plan.field == "dat-dai") & (plan.days >= 7))
            cand = cand[np.argsort(-plan.fin[cand], kind="stable")]
            if len(cand) < excess:
                raise DemoFigureError("cannot reduce the number of resolved dossiers enough")
            pick = cand[:excess]
            plan.stalled[pick] = True
            plan.fin[pick] = np.where(rng.random(excess) < 0.4, pe + rng.integers(20, 120, size=excess), NEVER)
    elif excess < 0:
        # finish within the period, on time, those open at its end that would have been
        # finished soonest after it
        open_at_end = (rows & (plan.r <= pe) & (plan.fin > pe) & ~plan.withdrawn
                       & ~plan.supplement & (plan.due >= ps))
        cand = np.flatnonzero(open_at_end)
        cand = cand[np.argsort(plan.fin[cand], kind="stable")]
        if len(cand) < -excess:
            raise DemoFigureError("not enough open dossiers to resolve")
        pick = cand[:-excess]
        lo = np.maximum(plan.r[pick], ps)
        hi = np.minimum(plan.due[pick], pe)
        plan.fin[pick] = lo + np.floor(rng.random(len(pick)) * (hi - lo + 1)).astype(np.int64)
        plan.stalled[pick] = False


def _communes_late_target(resolved: int) -> int:
    """The number of late dossiers that gives the reported rate, away from rounding edges."""
    late = round(resolved * (100 - COMMUNES_RATE) / 100)
    rate = 100 * (resolved - late) / resolved
    if not COMMUNES_RATE - 0.04 <= rate <= COMMUNES_RATE + 0.04:
        raise DemoFigureError(f"no late count gives {COMMUNES_RATE} % for {resolved} resolved")
    return late


def _adjust_to_report(rng, plan: _Plan, wd) -> None:
    """Move a few finish days so that the report period gives the reported figures."""
    ps, pe = _report_bounds(wd)
    town = plan.is_town
    _set_late(rng, plan, town, TOWN_LATE, ps, pe)
    _set_resolved(rng, plan, town, TOWN_RESOLVED, ps, pe)
    communes = ~town
    for _ in range(3):  # a fallback of _set_late can change the number resolved
        resolved = communes & _resolved_in(plan, ps, pe)
        target = _communes_late_target(int(resolved.sum()))
        if int((resolved & (plan.fin > plan.due)).sum()) == target:
            break
        _set_late(rng, plan, communes, target, ps, pe)


def draw_channels(rng, plan: _Plan, procs: pd.DataFrame, wd, *, first_day: date = FIRST_DAY,
                  last_day: date = LAST_DAY, shares: tuple[float, float] = (0.03, 0.15),
                  online_levels: tuple[str, ...] = ("3", "4")) -> np.ndarray:
    """Channel of each dossier: the online share rising linearly from ``shares[0]`` in the
    month of ``first_day`` to ``shares[1]`` in that of ``last_day`` (by default ~3 % to ~15 %
    over 2017-2018) and on at the same pace, only for procedures offered online
    (``online_levels``, capped at 90 % of them); a little postal service."""
    n = len(plan.r)
    eligible = procs["online_level"].isin(list(online_levels)).to_numpy()[plan.proc_idx]
    month = (wd[plan.r].astype("datetime64[M]") - np.datetime64(first_day, "M")).astype(np.int64)
    last_month = (np.datetime64(last_day, "M") - np.datetime64(first_day, "M")).astype(np.int64)
    # the same line goes on after last_day (the synthetic city's 2019-2021 keep rising)
    target = shares[0] + (shares[1] - shares[0]) * month / last_month
    # scale within each desk kind and month so the overall share meets the target
    key = pd.Series(plan.kind).astype(str) + "-" + pd.Series(month).astype(str)
    share = pd.Series(eligible.astype(float)).groupby(key).transform("mean").to_numpy()
    p = np.where(eligible, np.clip(target / np.maximum(share, 1e-9), 0, 0.9), 0.0)
    online = rng.random(n) < p
    postal = ~online & (rng.random(n) < np.where(plan.is_town, 0.02, 0.004))
    return np.select([online, postal], ["online", "postal"], "in_person")


def clock_minutes(rng, n: int) -> np.ndarray:
    """Minutes after midnight within office hours (08:00–11:30, 13:30–16:45)."""
    morning = rng.random(n) < 0.62
    return np.where(morning, rng.integers(480, 691, n), rng.integers(810, 1006, n))


def _to_table(rng, plan: _Plan, channel: np.ndarray, wd, units, procs, as_of_day: date = AS_OF) -> pd.DataFrame:
    """The dossiers table: states, dates and times derived from the plan as they stand on
    ``as_of_day`` (the end of the data); plus the online registrations never received
    (state 1) and the refusals at reception (state 3). ``plan.unit_idx`` indexes ``units``."""
    n = len(plan.r)
    as_of = int(np.searchsorted(wd, np.datetime64(as_of_day), side="right")) - 1
    finished = plan.fin <= as_of
    withdrawn = plan.withdrawn & finished
    ret_delay = rng.choice(4, size=n, p=[0.55, 0.25, 0.12, 0.08])
    collected = (plan.fin + ret_delay <= as_of) & (rng.random(n) > 0.015)
    sup_pending = plan.supplement & ~finished & (plan.req <= as_of) & (plan.sup > as_of)
    state = np.select(
        [withdrawn, finished & collected, finished, sup_pending,
         plan.stalled & (plan.field == "dat-dai"), plan.stalled, plan.r >= as_of - 1],
        [7, 10, 9, 5, 6, 8, 2], 4,
    )
    ret = np.where(withdrawn, plan.fin, np.where(finished & collected, plan.fin + ret_delay, -1))
    show_sup = plan.supplement & (plan.req <= as_of)
    req = np.where(show_sup, plan.req, -1)
    sup = np.where(show_sup & (plan.sup <= as_of), plan.sup, -1)
    sup_count = np.where(show_sup, plan.sup_count, 0)

    rec_min = clock_minutes(rng, n)
    same_day = plan.fin == plan.r
    fin_min = np.where(same_day, np.minimum(rec_min + rng.integers(15, 151, n), 1020), clock_minutes(rng, n))

    def day(idx: np.ndarray) -> np.ndarray:
        out = wd[np.clip(idx, 0, len(wd) - 1)].astype("datetime64[s]")
        return np.where(idx >= 0, out, np.datetime64("NaT"))

    fin_idx = np.where(finished, plan.fin, -1)
    main = pd.DataFrame({
        "unit_idx": plan.unit_idx,
        "procedure_code": procs["procedure_code"].to_numpy()[plan.proc_idx],
        "channel": channel,
        "r": plan.r,
        "due_date": day(plan.due),
        "finished_date": day(fin_idx),
        "returned_date": day(ret),
        "state": state.astype(np.int8),
        "rec_min": rec_min,
        "fin_min": np.where(finished, fin_min, -1),
        "supplement_requested_date": day(req),
        "supplement_supplied_date": day(sup),
        "supplement_count": sup_count.astype(np.int8),
    })

    # Registered online but never received (state 1), and refused at reception (state 3):
    # copies of the unit/procedure/day of real dossiers, never counted by dossier_period.
    online_rows = np.flatnonzero(channel == "online")
    n1 = int(round(0.04 * len(online_rows)))
    n3 = int(round(0.003 * n))
    src1 = rng.choice(online_rows, size=n1, replace=False)
    src3 = rng.choice(n, size=n3, replace=False)
    extra = pd.DataFrame({
        "unit_idx": np.concatenate([plan.unit_idx[src1], plan.unit_idx[src3]]),
        "procedure_code": np.concatenate([main["procedure_code"].to_numpy()[src1],
                                          main["procedure_code"].to_numpy()[src3]]),
        "channel": np.concatenate([channel[src1], channel[src3]]),
        "r": np.concatenate([plan.r[src1], plan.r[src3]]),
        "state": np.concatenate([np.full(n1, 1), np.full(n3, 3)]).astype(np.int8),
        "rec_min": clock_minutes(rng, n1 + n3),
        "fin_min": -1,
        "supplement_count": np.int8(0),
    })
    table = pd.concat([main, extra], ignore_index=True)
    for col in ("due_date", "finished_date", "returned_date",
                "supplement_requested_date", "supplement_supplied_date"):
        table[col] = table[col].astype("datetime64[s]")

    # Dossier codes: desk code, received day, running number per desk and day in order of
    # reception time. Desk codes are invented in the style of the national one-stop system.
    table = table.sort_values(["r", "unit_idx", "rec_min"], kind="stable", ignore_index=True)
    seq = table.groupby(["r", "unit_idx"]).cumcount().to_numpy() + 1
    desk = np.array([f"000.{i:02d}.31.H26" for i in range(len(units))])[table["unit_idx"].to_numpy()]
    received = wd[table["r"].to_numpy()]
    days, at = np.unique(received, return_inverse=True)  # format each day once, not each dossier
    yymmdd = pd.Series(days).dt.strftime("%y%m%d").to_numpy()[at]
    table["dossier_code"] = (pd.Series(desk) + "-" + yymmdd + "-"
                             + pd.Series(seq).astype(str).str.zfill(4)).to_numpy()
    table["unit_code"] = units["unit_code"].to_numpy()[table["unit_idx"].to_numpy()]
    table["received_date"] = received.astype("datetime64[s]")
    table["received_ts"] = table["received_date"] + pd.to_timedelta(table["rec_min"], unit="min")
    fin_ts = table["finished_date"] + pd.to_timedelta(table["fin_min"].clip(lower=0), unit="min")
    table["finished_ts"] = fin_ts.where(table["fin_min"] >= 0)
    return table


def _finish_open_in_2019(rng, plan: _Plan, wd) -> None:
    """Dossiers of 2017-2018 still open on 31 December 2018 (stalled for the land-use levy or
    stopped) are finished in 2019 now that the data go on: most in its first months, a few
    later; a fifth of them withdrawn, the rest done (late). A separate ``rng``: the draws of
    the report years stay exactly as they were."""
    open_ = np.flatnonzero(plan.fin >= NEVER)
    start = int(np.searchsorted(wd, np.datetime64(LAST_DAY), side="right"))  # first working day of 2019
    soon = rng.random(len(open_)) < 0.8
    offset = np.where(soon, rng.integers(0, 60, len(open_)), rng.integers(60, 200, len(open_)))
    plan.fin[open_] = start + offset
    plan.withdrawn[open_] = rng.random(len(open_)) < 0.2


def _generate_dossiers(rng, calendar, units, procs, events, seed) -> pd.DataFrame:
    """Every dossier: 2017-2018 drawn with ``rng`` and adjusted to the report, exactly as
    before the demo reached today; then January 2019 to :data:`LAST_MONTH`
    (cchc/datagen/recent.py) from a second stream, so that the first part never changes.
    ``units`` is data/units.csv: the desks of 2017-2018 first, then the units of 2025."""
    wd = working_days(calendar)
    old = units[units["valid_from"] <= LAST_DAY.isoformat()]
    if list(old.index) != list(range(len(old))):
        raise ValueError("data/units.csv must list the desks of 2017-2018 first")
    unit_idx, day_idx = _intake(rng, calendar, wd, old)
    kinds = old["kind"].to_numpy()[unit_idx]
    group = np.where(kinds == "town", "town", kinds)
    proc_idx = assign_procedures(rng, wd, day_idx, group, procs, events)
    plan = plan_outcomes(rng, wd, unit_idx, day_idx, proc_idx, old, procs)
    _adjust_to_report(rng, plan, wd)
    channel = draw_channels(rng, plan, procs, wd)
    later = np.random.default_rng([seed, 2019])
    _finish_open_in_2019(later, plan, wd)
    report_years = _to_table(rng, plan, channel, wd, units, procs)
    recent_years = _recent_years(later, calendar, wd, units, procs, events, report_years)
    return pd.concat([report_years, recent_years], ignore_index=True)


def _recent_years(rng, calendar, wd, units, procs, events, report_years: pd.DataFrame) -> pd.DataFrame:
    """The dossiers received from January 2019 to :data:`AS_OF` (cchc/datagen/recent.py: the
    intake, trends and units of those years), drawn with this module's building blocks, as
    the table of :func:`_to_table` (``unit_idx`` indexes ``units``, all of data/units.csv)."""
    old = units[units["valid_from"] <= LAST_DAY.isoformat()]
    old_codes = old["unit_code"].tolist()
    h2 = wd[(wd >= np.datetime64("2018-07-01")) & (wd <= np.datetime64(LAST_DAY))]
    unit_rates = recent.rates(report_years, old_codes, float((day_weights(calendar, h2) * _season(h2)).sum()))
    first = int(np.searchsorted(wd, np.datetime64(recent.FIRST_DAY)))
    days = wd[first:int(np.searchsorted(wd, np.datetime64(AS_OF), side="right"))]
    unit_idx, day_idx = recent.intake(rng, days, day_weights(calendar, days) * _season(days), first, unit_rates)
    kinds = old["kind"].to_numpy()[unit_idx]
    proc_idx = assign_procedures(rng, wd, day_idx, kinds, procs, events)
    plan = plan_outcomes(rng, wd, unit_idx, day_idx, proc_idx, old, procs,
                         quarter_late=recent.quarter_late(), first_day=recent.FIRST_DAY)
    recent.close_stalled(rng, plan.fin, plan.r, plan.days, NEVER)
    channel = draw_channels(rng, plan, procs, wd, first_day=recent.FIRST_DAY, last_day=recent.ONLINE_FULL_FROM,
                            shares=recent.ONLINE, online_levels=recent.ONLINE_LEVELS)
    plan.unit_idx = recent.reassign(rng, plan.unit_idx, plan.is_town, plan.field, wd[plan.r], units, old_codes,
                                    read_reference_csv("unit_lineage.csv"))
    return _to_table(rng, plan, channel, wd, units, procs)


def _season(days: np.ndarray) -> np.ndarray:
    """The month-of-year intake factor (SEASON) of each day."""
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return np.array([SEASON.get(int(m), 1.0) for m in month])


# --------------------------------------------------------------------------- checks

_CHECKS = {
    "town received": (
        "SELECT count(*) FILTER (WHERE is_received) FROM dossier_period($s, $e) WHERE unit_code = 'thi-xa'",
        TOWN_RECEIVED),
    "town resolved": (
        "SELECT count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')) "
        "FROM dossier_period($s, $e) WHERE unit_code = 'thi-xa'",
        TOWN_RESOLVED),
    "town on-time rate": (
        "SELECT round(100.0 * count(*) FILTER (WHERE outcome IN ('early', 'on_time')) "
        "/ count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')), 1) "
        "FROM dossier_period($s, $e) WHERE unit_code = 'thi-xa'",
        TOWN_RATE),
    "communes received": (
        "SELECT count(*) FILTER (WHERE is_received) FROM dossier_period($s, $e) WHERE unit_code <> 'thi-xa'",
        COMMUNES_RECEIVED),
    "communes on-time rate": (
        "SELECT round(100.0 * count(*) FILTER (WHERE outcome IN ('early', 'on_time')) "
        "/ count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')), 1) "
        "FROM dossier_period($s, $e) WHERE unit_code <> 'thi-xa'",
        COMMUNES_RATE),
    "district procedures in force on 2018-06-30": (
        "SELECT count(*) FROM procedures_in_force(DATE '2018-06-30') WHERE level = 'district'", 292),
    "their fields": (
        "SELECT count(DISTINCT field_code) FROM procedures_in_force(DATE '2018-06-30') "
        "WHERE level = 'district'", 11),
    "district procedure events in H1 2018": (
        "SELECT string_agg(event || ' ' || n, ', ' ORDER BY event) FROM ("
        " SELECT event, count(*) AS n FROM procedure_events JOIN procedures USING (procedure_code)"
        " WHERE level = 'district' AND effective_date BETWEEN $s AND $e GROUP BY event)",
        "abolished 2, amended 17, published 2"),
    "PAR 2017 top five": (
        "SELECT string_agg(unit_code || ' ' || total, ', ' ORDER BY total DESC) FROM ("
        " SELECT unit_code, sum(points) AS total FROM par_scores WHERE year = 2017"
        " GROUP BY unit_code ORDER BY total DESC LIMIT 5)",
        "xuan-khanh 91.00, le-loi 88.50, ngo-quyen 87.00, son-loc 85.50, trung-hung 84.00"),
    "PAR 2017 bottom three": (
        "SELECT string_agg(unit_code, ', ' ORDER BY unit_code) FROM ("
        " SELECT unit_code, sum(points) AS total FROM par_scores WHERE year = 2017"
        " GROUP BY unit_code ORDER BY total LIMIT 3)",
        "kim-son, phu-thinh, son-dong"),
}


def _check_figures(con: duckdb.DuckDBPyConnection) -> None:
    """Raise :class:`DemoFigureError` unless the database reproduces the report."""
    params = {"s": REPORT_START, "e": REPORT_END}
    wrong = []
    for label, (sql, expected) in _CHECKS.items():
        got = con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchone()[0]
        if isinstance(expected, float):
            ok = got is not None and abs(float(got) - expected) < 1e-9
        else:
            ok = got == expected
        if not ok:
            wrong.append(f"{label}: expected {expected!r}, got {got!r}")
    if wrong:
        raise DemoFigureError("the demo database does not match the report: " + "; ".join(wrong))


# --------------------------------------------------------------------------- build


def build_demo(path: Path, seed: int = 2018) -> dict:
    """Build the demo database at ``path`` from the CSVs of ``data/`` and generated dossiers.

    Written by the store's writer (:func:`cchc.store.writer.write_new`: a new file next to
    ``path``, under the database's lock, moved into place atomically), so readers never see
    a half-built database. The same ``seed`` always gives the same database. Raises
    :class:`DemoFigureError` if the figures of the 5 July 2018 review are not reproduced
    (and leaves ``path`` as it was). Returns row counts per table.
    """
    rng = np.random.default_rng(seed)
    calendar = build_calendar(CALENDAR_START, CALENDAR_END)
    units = read_reference_csv("units.csv")
    procs = read_reference_csv("procedures.csv")
    events = read_reference_csv("procedure_events.csv")
    dossiers = _generate_dossiers(rng, calendar, units, procs, events, seed)
    return writer.write_new(Path(path), lambda con: _write(con, dossiers, calendar, seed), finish=_check_figures)


def _write(con: duckdb.DuckDBPyConnection, dossiers: pd.DataFrame, calendar: pd.DataFrame, seed: int) -> dict:
    """Fill the new database (its schema in place) with the reference CSVs, the calendar
    and the generated dossiers; return the row counts per table."""
    for table in ("units", "fields", "procedures", "procedure_events", "par_criteria", "par_scores",
                  "admin_units", "admin_lineage", "unit_lineage"):
        insert_reference_csv(con, table, f"{table}.csv")
    con.register("calendar_df", calendar)
    con.execute("INSERT INTO calendar SELECT CAST(date AS DATE), is_working_day, holiday_name FROM calendar_df")
    con.unregister("calendar_df")
    con.register("dossiers_df", dossiers)
    # ORDER BY makes the physical order received_date order (insertion order is kept)
    con.execute("""
        INSERT INTO dossiers
        SELECT dossier_code, unit_code, procedure_code, channel,
               CAST(received_date AS DATE), CAST(due_date AS DATE), CAST(finished_date AS DATE),
               CAST(returned_date AS DATE), state,
               CAST(received_ts AS TIME), CAST(finished_ts AS TIME),
               CAST(supplement_requested_date AS DATE), CAST(supplement_supplied_date AS DATE),
               supplement_count, NULL
        FROM dossiers_df
        ORDER BY received_date, unit_idx, dossier_code
    """)
    con.unregister("dossiers_df")
    con.executemany("INSERT INTO dataset_info VALUES (?, ?)", [
        ("kind", "demo"), ("description", DESCRIPTION), ("seed", str(seed)),
    ])
    from cchc.directions.store import seed_demo

    seed_demo(con)  # the 5 July 2018 meeting's directions, with demo statuses
    add_demo_766(con, seed)  # the Decision 766 inputs (labelled demo): cchc/datagen/service766.py
    return {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("units", "fields", "procedures", "procedure_events", "calendar",
                      "par_criteria", "par_scores", "dossiers", "admin_units", "admin_lineage", "unit_lineage")
    }
