"""Every label of the UI, in Vietnamese (default) and English, in one place.

``t("received")`` looks a label up in the current language; the English switch is just
another column of this table. Pages add their labels in their own section below.
"""

from __future__ import annotations

LANGS = ("vi", "en")

LABELS: dict[str, tuple[str, str]] = {
    # -- app and navigation ---------------------------------------------------------
    "app_title": ("Bảng điều khiển CCHC", "PAR dashboard"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_progress": ("Tiến độ giải quyết", "Processing progress"),
    "page_ranking": ("Xếp hạng CCHC", "PAR ranking"),
    "page_procedures": ("Thủ tục hành chính", "Procedures"),
    "page_dossiers": ("Hồ sơ", "Dossiers"),
    "page_data": ("Dữ liệu", "Data"),
    "demo_banner": (
        "Dữ liệu minh họa (demo): số liệu do máy sinh ra; riêng các số liệu của báo cáo sơ kết "
        "CCHC 6 tháng đầu năm 2018 của thị xã Sơn Tây được tái hiện chính xác.",
        "Demo data: generated figures; only the figures of Sơn Tây's H1 2018 PAR review report "
        "are reproduced exactly.",
    ),
    "first_run_building": (
        "Đang tạo cơ sở dữ liệu minh họa lần đầu (vài giây)…",
        "Building the demo database for the first run (a few seconds)…",
    ),
    "data_error": ("Không đọc được dữ liệu", "The data could not be read"),
    "no_data_period": (
        "Không có hồ sơ nào cho bộ lọc đã chọn.",
        "No dossiers match the selected filters.",
    ),
    # -- filters ----------------------------------------------------------------------
    "filters": ("Bộ lọc", "Filters"),
    "language": ("Ngôn ngữ", "Language"),
    "period_kind": ("Kỳ báo cáo", "Reporting period"),
    "kind_month": ("Tháng", "Month"),
    "kind_quarter": ("Quý", "Quarter"),
    "kind_half": ("6 tháng", "Half-year"),
    "kind_year": ("Năm", "Year"),
    "kind_custom": ("Tùy chọn", "Custom"),
    "period": ("Kỳ", "Period"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "units": ("Đơn vị", "Units"),
    "units_all": ("Tất cả đơn vị", "All units"),
    "fields": ("Lĩnh vực", "Fields"),
    "fields_all": ("Tất cả lĩnh vực", "All fields"),
    "channels": ("Kênh nộp", "Channels"),
    "channels_all": ("Tất cả kênh", "All channels"),
    "reset_filters": ("Đặt lại bộ lọc", "Reset filters"),
    "group_town": ("Thị xã", "Town desk"),
    "group_ward": ("Phường", "Wards"),
    "group_commune": ("Xã", "Communes"),
    "bad_url": ("Tham số trên đường dẫn không hợp lệ, đã dùng giá trị mặc định", "Invalid URL parameter, the default is used"),
    # -- units and channels -------------------------------------------------------------
    "town_desk": ("Bộ phận một cửa thị xã", "Town one-stop desk"),
    "communes_wards": ("Các xã, phường", "Communes and wards"),
    "channel_in_person": ("Trực tiếp", "In person"),
    "channel_online": ("Trực tuyến", "Online"),
    "channel_postal": ("Bưu chính công ích", "Postal service"),
    "kind_town": ("Thị xã", "Town"),
    "kind_ward": ("Phường", "Ward"),
    "kind_commune": ("Xã", "Commune"),
    # -- measures (one name per metric) ------------------------------------------------------
    "unit": ("Đơn vị", "Unit"),
    "carried_over": ("Kỳ trước chuyển sang", "Carried over"),
    "received": ("Tiếp nhận", "Received"),
    "received_in_person": ("Tiếp nhận trực tiếp", "Received in person"),
    "received_online": ("Tiếp nhận trực tuyến", "Received online"),
    "received_postal": ("Tiếp nhận qua bưu chính", "Received by post"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "early": ("Trước hạn", "Early"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Quá hạn", "Late"),
    "in_progress": ("Đang giải quyết", "In progress"),
    "in_progress_within": ("Đang giải quyết trong hạn", "In progress, within time"),
    "in_progress_overdue": ("Đang giải quyết quá hạn", "In progress, overdue"),
    "withdrawn": ("Trả lại/rút hồ sơ", "Returned/withdrawn"),
    "ontime_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "ontime_rate_a_note": (
        "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết trong kỳ (công thức A, mẫu báo cáo).",
        "On-time rate = (early + on time) / resolved in the period (formula A, reporting forms).",
    ),
    "rate_766": ("Tỷ lệ tiến độ (QĐ 766)", "Progress rate (Decision 766)"),
    "rate_766_note": (
        "Tỷ lệ theo Quyết định 766/QĐ-TTg (công thức B): hồ sơ giải quyết đúng hạn hoặc còn trong hạn / "
        "hồ sơ tiếp nhận và đang xử lý trong kỳ; trừ thời gian chờ bổ sung.",
        "Decision 766/QĐ-TTg rate (formula B): dossiers finished on time or still within time / "
        "dossiers received or in process in the period; supplement waiting time excluded.",
    ),
    "online_share": ("Tỷ lệ trực tuyến", "Online share"),
    "overdue_now": ("Đang quá hạn", "Overdue in progress"),
    "dossiers_unit": ("hồ sơ", "dossiers"),
    "vs_previous": ("so với kỳ trước", "vs previous period"),
    "vs_year_earlier": ("so với cùng kỳ năm trước", "vs same period last year"),
    # -- overview ---------------------------------------------------------------------------
    "overview_heading": ("Kết quả giải quyết hồ sơ", "Dossier results"),
    "summary_heading": ("Tóm tắt", "Summary"),
    "trend_heading": ("Tỷ lệ đúng hạn theo tháng", "Monthly on-time rate"),
    "ranking_heading": ("Xếp hạng chỉ số CCHC năm {year}", "PAR index ranking {year}"),
    "ranking_none": ("Chưa có điểm chỉ số CCHC.", "No PAR-index scores yet."),
    "month": ("Tháng", "Month"),
    "score": ("Điểm", "Score"),
    "rank": ("Hạng", "Rank"),
    "top_units": ("Dẫn đầu", "Top"),
    "bottom_units": ("Thấp nhất", "Lowest"),
    "par_demo_note": (
        "Điểm tối đa của từng lĩnh vực là số liệu minh họa.",
        "The maximum points per area are demo values.",
    ),
    "data_source": ("Nguồn dữ liệu", "Data source"),
    "procedures_summary": (
        "Thực hiện công khai {in_force} TTHC cấp thị xã thuộc {fields} lĩnh vực; "
        "{published} TTHC được ban hành mới, {abolished} TTHC bị bãi bỏ, {amended} TTHC được sửa đổi, bổ sung.",
        "{in_force} town-level procedures published in {fields} fields; "
        "{published} new, {abolished} abolished, {amended} amended.",
    ),
    "summary_town": (
        "Tại bộ phận một cửa thị xã tiếp nhận {received} hồ sơ, đã giải quyết {resolved} hồ sơ, "
        "tỷ lệ đúng hạn đạt {rate}",
        "The town one-stop desk received {received} dossiers and resolved {resolved}, "
        "with an on-time rate of {rate}",
    ),
    "summary_wards": (
        "Tại các xã, phường tiếp nhận {received} hồ sơ, đã giải quyết {resolved} hồ sơ, "
        "tỷ lệ đúng hạn đạt {rate}",
        "The communes and wards received {received} dossiers and resolved {resolved}, "
        "with an on-time rate of {rate}",
    ),
    "summary_overdue": (
        "; còn {overdue} hồ sơ đang giải quyết quá hạn",
        "; {overdue} dossiers in progress are overdue",
    ),
    "summary_change": (" ({change} so với kỳ trước)", " ({change} vs the previous period)"),
    "summary_par": (
        "Xếp hạng chỉ số CCHC năm {year}: đứng đầu là {first} đạt {score}/{max} điểm, tiếp theo là {next}. "
        "Một số đơn vị còn đạt thấp như {low}.",
        "PAR index {year}: first is {first} with {score}/{max} points, followed by {next}. "
        "Low scores: {low}.",
    ),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "summary_no_data": (
        "Không có hồ sơ nào trong kỳ {period} cho các đơn vị đã chọn.",
        "No dossiers in {period} for the selected units.",
    ),
    # -- staff pages: progress (tien-do), ranking (xep-hang), procedures (thu-tuc), dossiers (ho-so)
    # -- data page (du-lieu) and import
    # -- meeting report, presentation mode, targets
}


def t(key: str, lang: str = "vi", **values) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    try:
        vi, en = LABELS[key]
    except KeyError:
        return key  # a missing label shows its key rather than failing the page
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
