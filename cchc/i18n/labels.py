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
    "synthetic_banner": (
        "Dữ liệu tổng hợp (synthetic) để thử tải: đơn vị, thủ tục và hồ sơ đều do máy sinh ra.",
        "Synthetic scale-test data: units, procedures and dossiers are all generated.",
    ),
    "first_run_building": (
        "Đang tạo cơ sở dữ liệu minh họa lần đầu (vài giây)…",
        "Building the demo database for the first run (a few seconds)…",
    ),
    "rollups_refreshing": (
        "Đang cập nhật các bảng tổng hợp của cơ sở dữ liệu (chỉ một lần)…",
        "Updating the database's summary tables (once only)…",
    ),
    "data_error": ("Không đọc được dữ liệu", "The data could not be read"),
    "settings_error": ("Cài đặt không hợp lệ, hãy sửa rồi khởi động lại", "A setting is not valid; correct it and restart"),
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
    "units_n": ("{n} đơn vị được phân quyền", "{n} units assigned to you"),
    "fields": ("Lĩnh vực", "Fields"),
    "fields_all": ("Tất cả lĩnh vực", "All fields"),
    "channels": ("Kênh nộp", "Channels"),
    "channels_all": ("Tất cả kênh", "All channels"),
    "reset_filters": ("Đặt lại bộ lọc", "Reset filters"),
    "unit_groups": ("Chọn nhanh theo nhóm", "Quick select by group"),
    "unit_groups_help": (
        "Chọn tất cả đơn vị của một nhóm: bộ phận một cửa, các phường, các xã… (theo cấp trong dữ liệu).",
        "Select every unit of a group: the one-stop desks, the wards, the communes… (by the levels in the data).",
    ),
    # the unit groups come from the levels and kinds in the data (queries/units.sql: unit_kind)
    "group_province_desk": ("Một cửa cấp tỉnh", "Province desk"),
    "group_district_desk": ("Một cửa cấp huyện", "District desks"),
    "group_department": ("Sở, ngành", "Departments"),
    "group_township": ("Thị trấn", "Townships"),
    "group_special_zone": ("Đặc khu", "Special zones"),
    # the scope (cchc/core/units.py: scope_view; ?scope=01 in the URL)
    "scope": ("Phạm vi", "Scope"),
    "scope_all": ("Toàn bộ dữ liệu", "All the data"),
    "scope_ended_name": ("{name} (trước 01/7/2025)", "{name} (before 1 Jul 2025)"),
    "scope_help": (
        "Tỉnh, thành phố, huyện (trước 01/7/2025) hoặc xã, phường: chỉ các đơn vị thuộc phạm vi này được "
        "hiển thị. Với đơn vị hiện nay, phạm vi gồm cả các đơn vị đã sáp nhập vào.",
        "A province, a district (before 1 July 2025) or a commune: only the units inside it are shown. "
        "As today's units, it includes the units merged into them.",
    ),
    "history": ("Lịch sử theo", "History by"),
    "history_then": ("Đơn vị khi đó", "Units as they were"),
    "history_today": ("Đơn vị hiện nay", "Today's units"),
    "history_help": (
        "Đơn vị khi đó: số liệu theo đơn vị tại thời điểm phát sinh. Đơn vị hiện nay: số liệu trước "
        "01/7/2025 được quy về đơn vị hành chính hiện nay theo sắp xếp đơn vị hành chính.",
        "Units as they were: figures by the unit of the time. Today's units: figures before "
        "1 July 2025 re-mapped onto today's administrative units through the reorganisation.",
    ),
    "history_approx_note": (
        "Số liệu gần đúng: hồ sơ của đơn vị được chia tách ({units}) được tính toàn bộ cho đơn vị kế thừa mặc định.",
        "Approximate figures: the dossiers of divided units ({units}) are all assigned to their default successor.",
    ),
    # the marker on a monthly trend across 1 July 2025 (cchc/charts/reorganisation.py)
    "reorganisation_marker": ("Sắp xếp ĐVHC 1/7/2025", "Reorganisation 1 Jul 2025"),
    "group_ward": ("Phường", "Wards"),
    "group_commune": ("Xã", "Communes"),
    "bad_url": ("Tham số trên đường dẫn không hợp lệ, đã dùng giá trị mặc định", "Invalid URL parameter, the default is used"),
    # period names (cchc/core/periods.py: Period.label); {month} is the month's number in
    # Vietnamese and its English name in English
    "period_month": ("Tháng {month}/{year}", "{month} {year}"),
    "period_quarter": ("Quý {quarter}/{year}", "Q{quarter} {year}"),
    "period_half_1": ("6 tháng đầu năm {year}", "First half of {year}"),
    "period_half_2": ("6 tháng cuối năm {year}", "Second half of {year}"),
    "period_year": ("Năm {year}", "Year {year}"),
    # the unit of a change of a rate (cchc/i18n/formats.py: fmt_delta_pct_points)
    "unit_pct_points": ("điểm %", "pp"),
    # -- units and channels -------------------------------------------------------------
    "town_desk": ("Bộ phận một cửa thị xã", "Town one-stop desk"),
    "communes_wards": ("Các xã, phường", "Communes and wards"),
    # the desks' group when a province's desk or a department is among them (core/kpis.py)
    "desks": ("Bộ phận một cửa cấp tỉnh, sở, ngành", "Province desk and departments"),
    "channel_in_person": ("Trực tiếp", "In person"),
    "channel_online": ("Trực tuyến", "Online"),
    "channel_postal": ("Bưu chính công ích", "Postal service"),
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
        "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết trong kỳ (theo mẫu báo cáo).",
        "On-time rate = (early + on time) / resolved in the period (as in the reporting forms).",
    ),
    "rate_766": ("Tỷ lệ tiến độ (QĐ 766)", "Progress rate (Decision 766)"),
    "rate_766_note": (
        "Tỷ lệ theo Quyết định 766/QĐ-TTg: hồ sơ giải quyết đúng hạn hoặc còn trong hạn / "
        "hồ sơ tiếp nhận và đang xử lý trong kỳ; trừ thời gian chờ bổ sung.",
        "Decision 766/QĐ-TTg rate: dossiers finished on time or still within time / "
        "dossiers received or in process in the period; supplement waiting time excluded.",
    ),
    "online_share": ("Tỷ lệ trực tuyến", "Online share"),
    "dossiers_unit": ("hồ sơ", "dossiers"),
    "vs_previous": ("so với kỳ trước", "vs previous period"),
    # -- overview ---------------------------------------------------------------------------
    "summary_heading": ("Tóm tắt", "Summary"),
    "trend_heading": ("Tỷ lệ đúng hạn theo tháng", "Monthly on-time rate"),
    # the Overview's whole history as today's units (app_pages/overview.py: history_block)
    "ov_history_heading": (
        "Tỷ lệ đúng hạn theo tháng của đơn vị hiện nay, {start} – {end}",
        "Monthly on-time rate by today's units, {start} – {end}",
    ),
    "ov_history_top": ("{shown} đơn vị tiếp nhận nhiều hồ sơ nhất trong {total} đơn vị.",
                       "The {shown} units that received most dossiers of {total}."),
    "ov_history_note": (
        "Mọi tháng có dữ liệu, không phụ thuộc kỳ đã chọn; số liệu trước 01/7/2025 được quy về đơn vị hiện nay.",
        "Every month in the data, whatever the period chosen; figures before 1 July 2025 re-mapped onto "
        "today's units.",
    ),
    "ranking_heading": ("Xếp hạng chỉ số CCHC năm {year}", "PAR index ranking {year}"),
    "ranking_none": ("Chưa có điểm chỉ số CCHC.", "No PAR-index scores yet."),
    "ranking_ends_note": ("{each} đơn vị đầu và {each} đơn vị cuối trong {total} đơn vị được xếp hạng.",
                          "The first {each} and the last {each} of {total} ranked units."),
    "ranking_full_link": ("Bảng xếp hạng đầy đủ", "The full ranking"),
    "list_more": ("… và {count} đơn vị khác.", "… and {count} more units."),
    "progress_full_link": ("Tỷ lệ đúng hạn của mọi đơn vị", "The on-time rate of every unit"),
    "month": ("Tháng", "Month"),
    "score": ("Điểm", "Score"),
    "rank": ("Hạng", "Rank"),
    "par_demo_note": (
        "Điểm tối đa của từng lĩnh vực là số liệu minh họa.",
        "The maximum points per area are demo values.",
    ),
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
    # a ranking too short to have units at its end (the three units of 2025)
    "summary_par_no_low": (
        "Xếp hạng chỉ số CCHC năm {year}: đứng đầu là {first} đạt {score}/{max} điểm, tiếp theo là {next}.",
        "PAR index {year}: first is {first} with {score}/{max} points, followed by {next}.",
    ),
    "summary_par_scoped": ("Xếp hạng chỉ số CCHC năm {year}: {units}.", "PAR index {year}: {units}."),
    "summary_par_unit": ("{name} xếp thứ {rank} ({score}/{max} điểm)", "{name} ranked {rank} ({score}/{max} points)"),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "summary_no_data": (
        "Không có hồ sơ nào trong kỳ {period} cho các đơn vị đã chọn.",
        "No dossiers in {period} for the selected units.",
    ),
    # -- staff pages: progress (tien-do), ranking (xep-hang), procedures (thu-tuc), dossiers (ho-so)
    # progress (tien-do) and dossiers (ho-so): keys prog_*, dl_*, state_*, outcome_*
    "prog_balance_heading": ("Tình hình giải quyết hồ sơ theo đơn vị", "Dossier balance by unit"),
    "prog_balance_identity": (
        "Kỳ trước chuyển sang + tiếp nhận trong kỳ = đã giải quyết + đang giải quyết + trả lại/rút.",
        "Carried over + received in the period = resolved + in progress + returned/withdrawn.",
    ),
    "prog_total": ("Tổng cộng", "Total"),
    "prog_sub_total": ("Tổng số", "Total"),
    "prog_received_group": ("Tiếp nhận trong kỳ", "Received in the period"),
    "prog_postal_short": ("Bưu chính", "Postal"),
    "prog_within_time": ("Trong hạn", "Within time"),
    "prog_overdue": ("Quá hạn", "Overdue"),
    "prog_formula_a_short": ("Tỷ lệ đúng hạn (theo mẫu báo cáo)", "On-time rate (reporting forms)"),
    "prog_formula_b_heading": ("Tỷ lệ tiến độ theo QĐ 766", "Decision 766 progress rate"),
    "prog_formula_b_group": ("Theo QĐ 766/QĐ-TTg", "Decision 766/QĐ-TTg"),
    "prog_766_counted": ("Hồ sơ tính", "Counted"),
    "prog_766_on_time": ("Đúng hạn, còn hạn", "On or within time"),
    "prog_766_rate": ("Tỷ lệ", "Rate"),
    "prog_rate_a_col": ("Tỷ lệ đúng hạn", "On-time rate"),
    "prog_units_chart_heading": ("Tỷ lệ đúng hạn theo đơn vị", "On-time rate by unit"),
    "prog_online_heading": ("Tỷ lệ trực tuyến theo đơn vị", "Online share by unit"),
    "prog_lowest_units": (
        "{shown} đơn vị thấp nhất trong {total}; bảng phía trên có đủ các đơn vị.",
        "The {shown} lowest of {total} units; the table above lists them all.",
    ),
    "prog_online_note": (
        "Tỷ lệ trực tuyến = hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận trong kỳ.",
        "Online share = dossiers received online / dossiers received in the period.",
    ),
    "prog_drill_hint": (
        "Bấm vào một đơn vị trên biểu đồ để chỉ xem đơn vị đó.",
        "Click a unit in the chart to narrow the page to that unit.",
    ),
    "prog_show_all_units": ("Xem tất cả đơn vị", "Show all units"),
    "prog_drill_point_hint": (
        "Bấm vào một điểm trên đường của đơn vị để chỉ xem đơn vị đó.",
        "Click a point of a unit's line to narrow the page to that unit.",
    ),
    "prog_drill_field_hint": (
        "Bấm vào một lĩnh vực trên biểu đồ để chỉ xem lĩnh vực đó.",
        "Click a field in the chart to narrow the page to that field.",
    ),
    "prog_no_resolved": ("Chưa có hồ sơ giải quyết trong kỳ.", "No dossier resolved in the period."),
    # the units' bubble map on the progress page (cchc/ui/unit_map.py, cchc/charts/unit_map.py)
    "map_heading": ("Bản đồ đơn vị", "Map of the units"),
    "map_band_below": ("▼ Dưới mục tiêu {target}", "▼ Below the {target} target"),
    "map_band_meets": ("Đạt mục tiêu {target}", "At or above the {target} target"),
    "map_band_none": ("Chưa có hồ sơ giải quyết", "Nothing resolved"),
    "map_no_rate": ("chưa có hồ sơ giải quyết", "nothing resolved"),
    "map_size_note": (
        "Diện tích vòng tròn tỷ lệ với số hồ sơ tiếp nhận trong kỳ; màu theo tỷ lệ đúng hạn "
        "(theo mẫu báo cáo) so với mục tiêu {target}.",
        "A circle's area is proportional to the dossiers received in the period; its colour follows "
        "the on-time rate (reporting forms) against the {target} target.",
    ),
    "map_missing_units": (
        "{count} đơn vị chưa có tọa độ nên không hiện trên bản đồ: {units}.",
        "Units without coordinates, not shown ({count}): {units}.",
    ),
    "map_more_units": ("và {count} đơn vị khác", "and {count} more"),
    "map_no_coordinates": (
        "Chưa có đơn vị nào có tọa độ để vẽ bản đồ.",
        "No unit has coordinates to draw the map.",
    ),
    "map_geojson_missing": (
        "Không tìm thấy tệp ranh giới hành chính; bản đồ vẽ trên nền trống.",
        "The boundary file was not found; the map is drawn on a plain background.",
    ),
    "map_geojson_too_big": (
        "Tệp ranh giới hành chính quá lớn (trên {mb} MB) nên không được đọc; bản đồ vẽ trên nền trống.",
        "The boundary file is too large (over {mb} MB) and was not read; the map is drawn on a plain background.",
    ),
    "map_geojson_bad": (
        "Tệp ranh giới hành chính không đọc được (cần GeoJSON gồm các vùng Polygon/MultiPolygon); "
        "bản đồ vẽ trên nền trống.",
        "The boundary file could not be read (a GeoJSON of Polygon/MultiPolygon areas is needed); "
        "the map is drawn on a plain background.",
    ),
    "prog_by_field_heading": ("Tỷ lệ đúng hạn theo lĩnh vực", "On-time rate by field"),
    "prog_by_procedure_heading": ("Tỷ lệ đúng hạn theo thủ tục", "On-time rate by procedure"),
    "prog_by_field_table": ("Số liệu theo lĩnh vực", "Figures by field"),
    "prog_worst_first": (
        "Thấp nhất trước. Tỷ lệ tính trên ít hồ sơ chưa phản ánh xu hướng: xem số hồ sơ đã giải quyết và quá hạn.",
        "Lowest first. A rate over a few dossiers is not a trend: see the resolved and late counts.",
    ),
    "prog_min_resolved": ("Chỉ thủ tục có từ … hồ sơ đã giải quyết", "Only procedures with at least … resolved"),
    "prog_in_time_count": ("Trước hạn và đúng hạn", "Early or on time"),
    "prog_trend_heading": ("Diễn biến theo tháng của từng đơn vị", "Monthly trend per unit"),
    # short names of exported tables: the sheet's name (at most 31 characters) and the file's
    "prog_sheet_balance": ("Cân đối hồ sơ theo đơn vị", "Dossier balance by unit"),
    "prog_sheet_trend": ("Diễn biến theo tháng", "Monthly trend per unit"),
    "xh_sheet_ranking": ("Xếp hạng chỉ số CCHC", "PAR index ranking"),
    "xh_sheet_criteria": ("Điểm theo tiêu chí", "Points per criterion"),
    "xh_sheet_weakest": ("Tiêu chí yếu nhất", "Weakest criteria"),
    "tt_sheet_catalogue": ("Danh mục TTHC theo lĩnh vực", "Procedures by field"),
    "tt_sheet_changes": ("TTHC thay đổi trong kỳ", "Procedure changes"),
    "tt_sheet_online": ("Mức độ trực tuyến của TTHC", "Online levels"),
    "tt_sheet_days": ("Thời hạn giải quyết TTHC", "Processing times"),
    "tt_sheet_search": ("Kết quả tra cứu TTHC", "Procedure search"),
    "prog_trend_measure": ("Chỉ số", "Measure"),
    "prog_trend_top": ("Số đơn vị hiển thị", "Units shown"),
    "prog_trend_top_note": (
        "{shown} đơn vị tiếp nhận nhiều hồ sơ nhất trong {total} đơn vị đã chọn; {months}.",
        "The {shown} busiest of the {total} selected units; {months}.",
    ),
    "prog_trend_window": ("từ tháng {start} đến tháng {end}", "from {start} to {end}"),
    "prog_trend_months": ("Từ tháng {start} đến tháng {end}.", "From {start} to {end}."),
    "prog_field": ("Lĩnh vực", "Field"),
    "prog_procedure": ("Thủ tục", "Procedure"),
    "prog_procedure_code": ("Mã thủ tục", "Procedure code"),
    "state_2": ("Được tiếp nhận", "Received"),
    "state_4": ("Đang xử lý", "Processing"),
    "state_5": ("Yêu cầu bổ sung giấy tờ", "Supplement requested"),
    "state_6": ("Yêu cầu thực hiện nghĩa vụ tài chính", "Waiting for fees/taxes"),
    "state_7": ("Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant"),
    "state_8": ("Dừng xử lý", "Processing stopped"),
    "state_9": ("Đã xử lý xong", "Processed"),
    "state_10": ("Đã trả kết quả", "Result handed back"),
    "outcome_early": ("Đã giải quyết trước hạn", "Resolved early"),
    "outcome_on_time": ("Đã giải quyết đúng hạn", "Resolved on time"),
    "outcome_late": ("Đã giải quyết quá hạn", "Resolved late"),
    "outcome_in_progress_within": ("Đang giải quyết trong hạn", "In progress, within time"),
    "outcome_in_progress_overdue": ("Đang giải quyết quá hạn", "In progress, overdue"),
    "outcome_withdrawn": ("Trả lại/rút hồ sơ", "Returned/withdrawn"),
    "dl_heading": ("Danh sách hồ sơ", "Dossier list"),
    "dl_scope_note": (
        "Hồ sơ kỳ trước chuyển sang hoặc tiếp nhận trong kỳ, với kết quả trong kỳ.",
        "Dossiers carried over into or received in the period, with their outcome in the period.",
    ),
    "dl_code": ("Mã hồ sơ", "Dossier code"),
    "dl_channel": ("Kênh nộp", "Channel"),
    "dl_received_date": ("Ngày tiếp nhận", "Received"),
    "dl_due_date": ("Ngày hẹn trả", "Due"),
    "dl_finished_date": ("Ngày kết thúc xử lý", "Finished"),
    "dl_state": ("Trạng thái", "State"),
    "dl_outcome": ("Kết quả trong kỳ", "Outcome in the period"),
    "dl_days_late": ("Số ngày làm việc quá hạn", "Working days late"),
    "dl_days_late_note": (
        "Số ngày quá hạn tính theo ngày làm việc của lịch (không tính thứ Bảy, Chủ nhật, ngày lễ): "
        "từ sau ngày hẹn trả đến ngày kết thúc xử lý, hoặc đến cuối kỳ với hồ sơ đang giải quyết quá hạn. "
        "Ngày hẹn trả rơi vào ngày nghỉ được lùi sang ngày làm việc kế tiếp.",
        "Days late are working days of the calendar (no weekends or holidays): after the due date up to "
        "the finish date, or up to the period end for dossiers still in progress. A due date on a day off "
        "moves to the next working day.",
    ),
    "dl_states": ("Trạng thái", "State"),
    "dl_states_all": ("Tất cả trạng thái", "All states"),
    "dl_procedures": ("Thủ tục", "Procedure"),
    "dl_procedures_all": ("Tất cả thủ tục", "All procedures"),
    "dl_late_only": ("Chỉ hồ sơ quá hạn", "Late or overdue only"),
    "dl_late_only_help": (
        "Hồ sơ đã giải quyết quá hạn hoặc đang giải quyết quá hạn trong kỳ.",
        "Dossiers resolved late or still in progress past their due date.",
    ),
    "dl_search": ("Tìm theo mã hồ sơ, mã hoặc tên thủ tục", "Search dossier code, procedure code or name"),
    "dl_search_placeholder": ("ví dụ: khai sinh", "e.g. birth"),
    "dl_sort": ("Sắp xếp theo", "Sort by"),
    "dl_descending": ("Giảm dần", "Descending"),
    "dl_page": ("Trang", "Page"),
    "dl_rows": (
        "Hồ sơ {first}–{last} trong {count} hồ sơ · trang {page}/{pages}",
        "Dossiers {first}–{last} of {count} · page {page} of {pages}",
    ),
    "dl_none": ("Không có hồ sơ nào khớp với bộ lọc.", "No dossier matches the filters."),
    "dl_export_capped": (
        "Tệp tải về chỉ gồm {cap} hồ sơ đầu tiên (theo thứ tự đang chọn) trong {count} hồ sơ; hãy thu hẹp bộ lọc để tải đủ.",
        "The download holds the first {cap} of {count} dossiers (in the chosen order); narrow the filters to get them all.",
    ),
    # ranking (xep-hang): keys xh_*
    "xh_year": ("Năm đánh giá", "Assessment year"),
    "xh_bad_year": (
        "Năm trên đường dẫn không hợp lệ hoặc chưa có điểm ({value}); hiển thị năm {year}.",
        "The year in the URL is invalid or has no scores ({value}); showing {year}.",
    ),
    "xh_caption": (
        "Chỉ số cải cách hành chính năm {year} của các xã, phường: {ranked} đơn vị được xếp hạng, tổng điểm tối đa {max}.",
        "PAR index {year} of the communes and wards: {ranked} units ranked, maximum total {max}.",
    ),
    "xh_filtered_note": (
        "Chỉ hiển thị các đơn vị đã chọn ở bộ lọc; thứ hạng là thứ hạng trong toàn bộ các xã, phường.",
        "Only the units selected in the filter are shown; ranks are among all communes and wards.",
    ),
    "xh_filter_none": (
        "Các đơn vị đã chọn không thuộc diện xếp hạng; hiển thị tất cả các xã, phường.",
        "None of the selected units is ranked; showing all communes and wards.",
    ),
    "xh_leader": ("Dẫn đầu", "First"),
    "xh_leader_score": ("Điểm cao nhất", "Top score"),
    "xh_weak_count": ("Đơn vị dưới {weak} điểm", "Units below {weak} points"),
    "xh_missing_count": ("Đơn vị chưa có điểm", "Units with no score"),
    "xh_missing_list": (
        "Chưa có điểm năm {year} (không xếp hạng): {units}.",
        "No score for {year} (not ranked): {units}.",
    ),
    "xh_table_heading": ("Bảng xếp hạng năm {year}", "Ranking {year}"),
    "xh_total": ("Tổng điểm", "Total score"),
    "xh_max_points": ("Điểm tối đa", "Maximum points"),
    "xh_rank_change": ("Thay đổi hạng so với {year}", "Rank change vs {year}"),
    "xh_prev_rank": ("Hạng {year}", "Rank {year}"),
    "xh_prev_total": ("Điểm {year}", "Score {year}"),
    "xh_band": ("Mức", "Band"),
    "xh_band_weak": ("{mark} Yếu (dưới {weak})", "{mark} Weak (below {weak})"),
    "xh_band_middle": ("Trung bình", "Middle"),
    "xh_band_good": ("Tốt (từ {good})", "Good ({good} or more)"),
    "xh_band_missing": ("Chưa có điểm", "No score"),
    "xh_new": ("mới", "new"),
    "xh_weak_legend": (
        "{mark}: tổng điểm dưới {weak} (mức yếu).",
        "{mark}: total below {weak} (weak band).",
    ),
    "xh_bar_heading": ("Tổng điểm theo đơn vị", "Total score by unit"),
    "xh_compare_heading": ("So sánh năm {prev} và {year}", "{prev} against {year}"),
    "xh_compare_none": ("Chưa có điểm năm {prev} để so sánh.", "No {prev} scores to compare with."),
    "xh_heatmap_heading": ("Điểm từng tiêu chí (% điểm tối đa)", "Score per criterion (% of maximum)"),
    "xh_pct_of_max": ("% điểm tối đa", "% of maximum"),
    "xh_detail_heading": ("Bảng điểm chi tiết theo tiêu chí (% điểm tối đa; điểm tối đa trong ngoặc)",
                          "Points per criterion (% of maximum; maximum in brackets)"),
    "xh_weakest_heading": ("Tiêu chí yếu nhất của từng đơn vị", "Weakest criteria of each unit"),
    "xh_weakest_1": ("Tiêu chí yếu nhất", "Weakest criterion"),
    "xh_weakest_1_pct": ("% tối đa (yếu nhất)", "% of max (weakest)"),
    "xh_weakest_2": ("Tiêu chí yếu thứ hai", "Second weakest criterion"),
    "xh_weakest_2_pct": ("% tối đa (yếu thứ hai)", "% of max (second)"),
    "xh_export_title": ("Xếp hạng chỉ số CCHC năm {year}", "PAR index ranking {year}"),
    "xh_export_criteria_title": ("Điểm chỉ số CCHC theo tiêu chí năm {year}", "PAR index points per criterion {year}"),
    "xh_export_weakest_title": ("Tiêu chí yếu nhất của các đơn vị năm {year}", "Weakest PAR criteria per unit {year}"),
    # procedures (thu-tuc): keys tt_*, level_*, online_*, event_*
    "level_district": ("Cấp huyện/thị xã", "District/town level"),
    "level_commune": ("Cấp xã", "Commune level"),
    "online_1": ("Mức độ 1", "Level 1"),
    "online_2": ("Mức độ 2", "Level 2"),
    "online_3": ("Mức độ 3", "Level 3"),
    "online_4": ("Mức độ 4", "Level 4"),
    "online_full": ("Toàn trình", "Fully online"),
    "online_partial": ("Một phần", "Partly online"),
    "online_none": ("Chưa xác định", "Not set"),
    "event_published": ("Ban hành mới", "Published"),
    "event_amended": ("Sửa đổi, bổ sung", "Amended"),
    "event_abolished": ("Bãi bỏ", "Abolished"),
    "tt_on_date": ("Tính đến ngày", "In force on"),
    "tt_caption": (
        "Thủ tục hành chính (TTHC) có hiệu lực tính đến ngày {date}; biến động trong kỳ {period}.",
        "Administrative procedures in force on {date}; changes in {period}.",
    ),
    "tt_in_force_district": ("TTHC cấp huyện/thị xã", "Town-level procedures"),
    "tt_in_force_commune": ("TTHC cấp xã", "Commune procedures"),
    "tt_fields_district": ("Số lĩnh vực – cấp huyện/thị xã", "Fields – town level"),
    "tt_fields_commune": ("Số lĩnh vực – cấp xã", "Fields – commune level"),
    "tt_empty": ("Không có thủ tục nào có hiệu lực vào ngày này.", "No procedure is in force on this day."),
    "tt_catalogue_heading": ("Danh mục TTHC theo lĩnh vực và cấp", "Catalogue by field and level"),
    "tt_field": ("Lĩnh vực", "Field"),
    "tt_level": ("Cấp thực hiện", "Level"),
    "tt_total": ("Tổng", "Total"),
    "tt_procedures": ("Số TTHC", "Procedures"),
    "tt_changes_heading": ("Biến động TTHC trong kỳ {period}", "Changes in {period}"),
    "tt_no_changes": ("Không có TTHC nào được ban hành, sửa đổi hoặc bãi bỏ trong kỳ.",
                      "No procedure was published, amended or abolished in the period."),
    "tt_changes_list": ("Danh sách TTHC thay đổi", "Changed procedures"),
    "tt_effective_date": ("Ngày hiệu lực", "Effective date"),
    "tt_event": ("Nội dung thay đổi", "Change"),
    "tt_decision": ("Quyết định", "Decision"),
    "tt_code": ("Mã TTHC", "Code"),
    "tt_name": ("Tên TTHC", "Procedure"),
    "tt_online_heading": ("Mức độ dịch vụ công trực tuyến", "Online service levels"),
    "tt_online_level": ("Mức độ trực tuyến", "Online level"),
    "tt_share": ("Tỷ lệ", "Share"),
    "tt_days_heading": ("Thời hạn giải quyết theo quy định", "Statutory processing time"),
    "tt_days": ("Số ngày làm việc", "Working days"),
    "tt_days_short": ("Số ngày", "Days"),
    "tt_online_short": ("Trực tuyến", "Online"),
    "tt_min_days": ("Ngắn nhất", "Shortest"),
    "tt_median_days": ("Trung vị", "Median"),
    "tt_mean_days": ("Trung bình", "Mean"),
    "tt_max_days": ("Dài nhất", "Longest"),
    "tt_without_days": ("Không quy định thời hạn", "No statutory time"),
    "tt_days_note": ("Thời hạn tính theo ngày làm việc, với các TTHC có hiệu lực vào ngày đã chọn.",
                     "Times in working days, for the procedures in force on the chosen day."),
    "tt_search_heading": ("Tra cứu thủ tục", "Search procedures"),
    "tt_search": ("Tên hoặc mã TTHC (gõ có dấu hoặc không dấu)", "Name or code (diacritics optional)"),
    "tt_search_placeholder": ("ví dụ: dang ky khai sinh", "e.g. dang ky khai sinh"),
    "tt_search_hits": ("{count} thủ tục phù hợp.", "{count} matching procedures."),
    "tt_search_none": ("Không tìm thấy thủ tục nào.", "No procedure found."),
    "tt_search_limit": ("Chỉ hiển thị {limit} kết quả đầu tiên; hãy gõ cụ thể hơn.",
                        "Only the first {limit} results are shown; be more specific."),
    "tt_status": ("Tình trạng", "Status"),
    "tt_status_note": ("Tình trạng hiệu lực tính đến ngày {date}.", "Status on {date}."),
    "tt_status_on": ("Tình trạng hiệu lực tính đến ngày {date}", "Status on {date}"),  # an export header
    "tt_days_by_field": ("Thời hạn giải quyết theo lĩnh vực (ngày làm việc)", "Processing time by field (working days)"),
    "tt_status_in_force": ("Đang có hiệu lực", "In force"),
    "tt_status_not": ("Không có hiệu lực", "Not in force"),
    "tt_published_date": ("Ngày công bố", "Published"),
    "tt_amended_date": ("Sửa đổi gần nhất", "Last amended"),
    "tt_abolished_date": ("Ngày bãi bỏ", "Abolished"),
    "tt_export_catalogue": ("Danh mục TTHC theo lĩnh vực ngày {date}", "Procedures by field on {date}"),
    "tt_export_changes": ("TTHC thay đổi trong kỳ {period}", "Procedure changes {period}"),
    "tt_export_online": ("Mức độ trực tuyến của TTHC ngày {date}", "Online levels of procedures on {date}"),
    "tt_export_days": ("Thời hạn giải quyết TTHC theo lĩnh vực ngày {date}", "Processing times by field on {date}"),
    "tt_export_search": ("Kết quả tra cứu TTHC: {text}", "Procedure search: {text}"),
    # -- data page (du-lieu) and import
    "imp_kind_dossiers": ("Hồ sơ (sổ theo dõi một cửa)", "Dossiers (one-stop log)"),
    "imp_kind_scores": ("Điểm chỉ số CCHC", "PAR scores"),
    "imp_kind_procedures": ("Danh mục thủ tục hành chính", "Procedure catalogue"),
    "imp_kind_short_dossiers": ("Hồ sơ", "Dossiers"),
    "imp_kind_short_scores": ("Điểm CCHC", "PAR scores"),
    "imp_kind_short_procedures": ("Danh mục TTHC", "Catalogue"),
    # file refused (nothing written)
    "imp_err_too_large": (
        "Tệp quá lớn ({size} MB), vượt giới hạn {limit} MB.",
        "The file is too large ({size} MB), above the {limit} MB limit.",
    ),
    "imp_err_no_file": ("Không tìm thấy tệp {name}.", "File not found: {name}."),
    "imp_err_empty": ("Tệp rỗng, không có dữ liệu.", "The file is empty."),
    "imp_err_unreadable": (
        "Không đọc được tệp (tệp hỏng hoặc quá phức tạp).",
        "The file cannot be read (damaged or too complex).",
    ),
    "imp_err_not_spreadsheet": (
        "Tệp không phải bảng tính Excel (.xlsx, .xls) hoặc CSV.",
        "The file is not an Excel workbook (.xlsx, .xls) or a CSV file.",
    ),
    "imp_err_no_data": ("Bảng tính không có dữ liệu.", "The workbook holds no data."),
    "imp_err_password": (
        "Tệp Excel có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.",
        "The workbook is password-protected; open it in Excel, remove the password and save it again.",
    ),
    "imp_err_encoding": (
        "Không nhận ra bảng mã của tệp CSV (hỗ trợ UTF-8, UTF-16, Windows-1258).",
        "The CSV encoding is not recognised (UTF-8, UTF-16 and Windows-1258 are supported).",
    ),
    "imp_err_no_header": (
        "Không tìm thấy dòng tiêu đề cột (ví dụ: Mã hồ sơ, Ngày tiếp nhận; Mã TTHC, Tên TTHC; Đơn vị, Điểm).",
        "No header row found (e.g. Mã hồ sơ, Ngày tiếp nhận; Mã TTHC, Tên TTHC; Đơn vị, Điểm).",
    ),
    "imp_err_no_header_kind": (
        "Không tìm thấy dòng tiêu đề cột cho loại dữ liệu «{kind}».",
        "No header row found for the data kind '{kind}'.",
    ),
    "imp_err_no_unit_column": (
        "Tệp không có cột Đơn vị tiếp nhận và tiêu đề tệp không nêu đơn vị.",
        "The file has no receiving-unit column and its title names no unit.",
    ),
    "imp_err_no_procedure_column": ("Tệp không có cột Mã TTHC hoặc Tên TTHC.", "The file has no procedure code or name column."),
    "imp_err_no_year": (
        "Không xác định được năm chấm điểm (thêm cột Năm hoặc ghi «năm 20xx» trong tiêu đề).",
        "The year of the scores is unknown (add a Năm column or write 'năm 20xx' in the title).",
    ),
    "imp_err_bad_max_row": (
        "Dòng điểm tối đa có giá trị không phải số ở cột «{column}».",
        "The maximum-points row has a non-number in column '{column}'.",
    ),
    "imp_err_criterion_twice": ("Hai cột cùng chỉ một tiêu chí: «{column}».", "Two columns name the same criterion: '{column}'."),
    "imp_err_no_criteria": (
        "Không nhận ra tiêu chí chấm điểm nào (cần tên tiêu chí và dòng «Điểm tối đa» khi chưa có khung tiêu chí).",
        "No scoring criterion recognised (criteria names, and a 'Điểm tối đa' row when no criteria frame exists yet).",
    ),
    "imp_err_criteria_missing": ("Bảng điểm thiếu tiêu chí: {missing}.", "The score sheet lacks criteria: {missing}."),
    "imp_err_no_database": ("Không có cơ sở dữ liệu {name}.", "Database {name} does not exist."),
    "imp_err_open_database": ("Không mở được cơ sở dữ liệu {name}: {error}", "Cannot open database {name}: {error}"),
    "imp_err_nothing_accepted": (
        "Không có dòng hợp lệ nào để nạp ({rejected} dòng bị loại).",
        "No valid row to load ({rejected} rows rejected).",
    ),
    "imp_err_undo_unknown": ("Không có lần nạp số {load}.", "There is no load number {load}."),
    "imp_err_undo_done": ("Lần nạp số {load} đã được hoàn tác.", "Load {load} has already been undone."),
    "imp_err_undo_later": (
        "Lần nạp số {later} sau đó đã sửa cùng dữ liệu; hãy hoàn tác lần nạp {later} trước lần {load}.",
        "Load {later} changed the same rows afterwards; undo load {later} before load {load}.",
    ),
    "imp_err_busy": ("Đang có một lần nạp dữ liệu khác; hãy thử lại sau.", "Another load is running; try again later."),
    "imp_err_failed": (
        "Nạp dữ liệu thất bại, cơ sở dữ liệu giữ nguyên: {error}",
        "The load failed and the database is unchanged: {error}",
    ),
    "imp_err_shifted": (
        "Cột «{column}» chứa ngày ở các dòng {rows}, có vẻ lệch cột (dòng tiêu đề có nhiều ô hơn các dòng dữ liệu); "
        "tệp không được nạp: hãy xuất lại hoặc sửa dòng tiêu đề.",
        "The column '{column}' holds dates in rows {rows}: the columns seem shifted (the header has more cells than "
        "the rows below it); the file was not loaded: export it again or correct the header.",
    ),
    "imp_err_no_received_column": (
        "Không có cột ngày tiếp nhận, và mã hồ sơ không có dạng mã đơn vị-yyMMdd-số (như H15.50.05.13-261008-0975) "
        "để đọc ngày từ đó.",
        "No reception date column, and the dossier codes are not unit code-yyMMdd-number (like "
        "H15.50.05.13-261008-0975) to read it from.",
    ),
    "imp_rej_code_no_parts": (
        "Mã hồ sơ không có dạng mã đơn vị-yyMMdd-số (như H15.50.05.13-261008-0975), mà tệp không có cột đơn vị "
        "hoặc ngày tiếp nhận",
        "The code is not unit code-yyMMdd-number (like H15.50.05.13-261008-0975), and the file has no unit or "
        "reception date column",
    ),
    "imp_rej_code_unit_unknown": (
        "Mã đơn vị «{unit}» trong mã hồ sơ không khớp đơn vị nào trong danh mục (chưa có mã định danh đơn vị); "
        "hãy thêm cột Đơn vị tiếp nhận",
        "The unit code '{unit}' in the dossier code matches no unit of the list (units have no ID code yet); "
        "add a receiving unit column",
    ),
    # units matched by official code, ID code, dossier code or name, on the row's date (cchc/importer/units.py)
    "imp_rej_code_unit_unknown_id": (
        "Mã đơn vị «{unit}» trong mã hồ sơ không khớp mã định danh, mã đơn vị hay tên đơn vị nào trong danh mục; "
        "hãy thêm cột Đơn vị tiếp nhận",
        "The unit code '{unit}' in the dossier code matches no unit ID code, official code or unit name of the list; "
        "add a receiving unit column",
    ),
    "imp_rej_unit_ambiguous": (
        "Đơn vị khớp nhiều đơn vị: {units}; hãy ghi mã đơn vị",
        "The unit matches several units: {units}; give the unit's code",
    ),
    "imp_rej_unit_ended": (
        "{unit} đã sáp nhập vào {successors} từ {since}; hồ sơ nhận ngày {received} phải ghi cho đơn vị mới",
        "{unit} was merged into {successors} on {since}; a dossier received on {received} belongs to the new unit",
    ),
    "imp_rej_unit_closed": (
        "{unit} chỉ hoạt động đến ngày {end}; hồ sơ nhận ngày {received} không thể ghi cho đơn vị này",
        "{unit} existed until {end} only; a dossier received on {received} cannot belong to it",
    ),
    "imp_rej_unit_not_yet": (
        "{unit} chỉ có từ ngày {start}; hồ sơ nhận ngày {received} phải ghi cho đơn vị có ngày đó",
        "{unit} exists only from {start}; a dossier received on {received} belongs to the unit of that day",
    ),
    "imp_note_code_day_differs": (
        "{count} hồ sơ có ngày trong mã hồ sơ khác ngày tiếp nhận (dòng {rows}): đã dùng ngày tiếp nhận.",
        "{count} dossiers have a date in their code other than the reception date (rows {rows}): the reception "
        "date is used.",
    ),
    "agg_err_unit_outside": (
        "{where}, dòng {row}: {unit} chỉ có hiệu lực {valid}, không có trong kỳ {period} (đơn vị kế thừa: "
        "{successors})",
        "{where}, row {row}: {unit} is valid {valid} only, not in the period {period} (successor units: "
        "{successors})",
    ),
    # aggregate reports (cchc/importer/aggregates.py): the whole load is refused
    "imp_kind_aggregates": ("Báo cáo tổng hợp (Biểu II.06a, 07a)", "Aggregate reports (forms II.06a, 07a)"),
    "imp_kind_short_aggregates": ("Báo cáo tổng hợp", "Aggregate reports"),
    "agg_err_total": (
        "{where}, dòng {row}: tổng tiếp nhận {total} ≠ trong kỳ {new} + kỳ trước {carried}",
        "{where}, row {row}: received in total {total} ≠ in the period {new} + carried over {carried}",
    ),
    "agg_err_new": (
        "{where}, dòng {row}: tiếp nhận trong kỳ {new} ≠ trực tuyến {online} + trực tiếp, bưu chính {other}",
        "{where}, row {row}: received in the period {new} ≠ online {online} + in person, postal {other}",
    ),
    "agg_err_resolved": (
        "{where}, dòng {row}: đã giải quyết {resolved} ≠ trước hạn {early} + đúng hạn {on_time} + quá hạn {late}",
        "{where}, row {row}: resolved {resolved} ≠ early {early} + on time {on_time} + late {late}",
    ),
    "agg_err_in_progress": (
        "{where}, dòng {row}: đang giải quyết {in_progress} ≠ trong hạn {within} + quá hạn {overdue}",
        "{where}, row {row}: in progress {in_progress} ≠ within time {within} + overdue {overdue}",
    ),
    "agg_err_outcome": (
        "{where}, dòng {row}: tổng tiếp nhận {total} ≠ đã giải quyết {resolved} + đang giải quyết {in_progress}"
        " + rút {withdrawn}",
        "{where}, row {row}: received in total {total} ≠ resolved {resolved} + in progress {in_progress}"
        " + withdrawn {withdrawn}",
    ),
    "agg_err_total_row": (
        "{where}, dòng {row}: dòng tổng cộng cột {column} là {total}, cộng các dòng trên được {summed}",
        "{where}, row {row}: the total row's column {column} is {total}, the rows above add up to {summed}",
    ),
    "agg_err_bad_count": (
        "{where}, dòng {row}, cột {column}: «{value}» không phải là một số hồ sơ",
        "{where}, row {row}, column {column}: '{value}' is not a number of dossiers",
    ),
    "agg_err_no_period": (
        "{where}: không thấy kỳ báo cáo trong tiêu đề (ví dụ «Quý I năm 2025»); hãy chỉ rõ bằng --period",
        "{where}: no reporting period in the title (e.g. 'Quý I năm 2025'); give it with --period",
    ),
    "agg_err_no_unit": (
        "{where}: không biết báo cáo của đơn vị nào (không có cột đơn vị, tiêu đề và tên trang tính không nêu đơn vị nào"
        " trong danh mục)",
        "{where}: whose report it is is unknown (no unit column, and neither the title nor the sheet name names a unit"
        " of the list)",
    ),
    "agg_err_unknown_unit": (
        "{where}, dòng {row}: đơn vị «{unit}» không có trong danh mục đơn vị",
        "{where}, row {row}: the unit '{unit}' is not in the list of units",
    ),
    "agg_err_duplicate": (
        "{where}, dòng {row}: đơn vị {unit} đã có số liệu cùng kỳ ở {other}",
        "{where}, row {row}: the unit {unit} already has figures for the same period at {other}",
    ),
    "agg_err_not_report": (
        "{where}: không thấy biểu tổng hợp (cột tiếp nhận, đã giải quyết, đang giải quyết)",
        "{where}: no aggregate report found (received, resolved, in progress columns)",
    ),
    # rows rejected
    "imp_rej_bad_date": ("Ngày không hợp lệ (cần dd/mm/yyyy)", "Invalid date (dd/mm/yyyy expected)"),
    "imp_rej_future_date": ("Ngày ở tương lai", "Date in the future"),
    "imp_rej_bad_state": ("Trạng thái không nhận ra", "Unknown state"),
    "imp_rej_bad_channel": ("Hình thức nộp không nhận ra", "Unknown submission channel"),
    "imp_rej_bad_code": ("Mã không hợp lệ", "Invalid code"),
    "imp_rej_formula_text": ("Ô chứa công thức hoặc bắt đầu bằng =, +, @", "The cell holds a formula or starts with =, +, @"),
    "imp_rej_formula": (
        "Ô chứa công thức Excel; hãy dán giá trị (Paste Values) rồi nạp lại",
        "The cell holds an Excel formula; paste values instead and load again",
    ),
    "imp_rej_too_long": ("Giá trị quá dài", "Value too long"),
    "imp_rej_bad_number": ("Không phải số", "Not a number"),
    "imp_rej_bad_days": ("Thời hạn giải quyết không đọc được", "Unreadable processing time"),
    "imp_rej_bad_level": ("Cấp thực hiện không nhận ra (cấp huyện / cấp xã)", "Unknown level (district / commune)"),
    "imp_rej_bad_online_level": ("Mức độ dịch vụ công không nhận ra", "Unknown online-service level"),
    "imp_rej_bad_event": (
        "Loại thay đổi không nhận ra (ban hành mới / sửa đổi / bãi bỏ)",
        "Unknown change (new / amended / abolished)",
    ),
    "imp_rej_missing": ("Thiếu giá trị bắt buộc", "Required value missing"),
    "imp_rej_unknown_unit": ("Đơn vị không có trong danh mục đơn vị", "Unit not in the list of units"),
    "imp_rej_duplicate_code": ("Mã trùng trong tệp (cũng ở dòng {rows})", "Duplicate code in the file (also row {rows})"),
    "imp_rej_state_needs_finish": (
        "Trạng thái đã giải quyết/đã trả/rút nhưng không có ngày kết thúc xử lý",
        "State says finished/returned/withdrawn but there is no finish date",
    ),
    "imp_rej_state_not_finished": (
        "Trạng thái chưa giải quyết nhưng có ngày kết thúc xử lý",
        "State says not finished but there is a finish date",
    ),
    "imp_rej_finish_before_received": ("Ngày kết thúc trước ngày tiếp nhận", "Finish date before the received date"),
    "imp_rej_due_before_received": ("Ngày hẹn trả trước ngày tiếp nhận", "Due date before the received date"),
    "imp_rej_returned_before_finish": ("Ngày trả kết quả trước ngày kết thúc xử lý", "Return date before the finish date"),
    "imp_rej_supplement_before_received": (
        "Ngày yêu cầu bổ sung trước ngày tiếp nhận",
        "Supplement request before the received date",
    ),
    "imp_rej_supplied_before_requested": (
        "Ngày bổ sung trước (hoặc không có) ngày yêu cầu bổ sung",
        "Supplement supplied before (or without) the request",
    ),
    "imp_rej_unknown_procedure_incomplete": (
        "Thủ tục chưa có trong danh mục và tệp thiếu tên thủ tục hoặc lĩnh vực để thêm",
        "Procedure not in the catalogue and the file lacks its name or field to add it",
    ),
    "imp_rej_due_no_days": (
        "Không có ngày hẹn trả và thủ tục {procedure} chưa có thời hạn giải quyết để tính",
        "No due date, and procedure {procedure} has no statutory time to compute it",
    ),
    "imp_rej_due_no_calendar": (
        "Không có ngày hẹn trả và lịch ngày làm việc không đủ để tính",
        "No due date, and the working-day calendar does not cover it",
    ),
    "imp_rej_bad_year": ("Năm không hợp lệ", "Invalid year"),
    "imp_rej_duplicate_criterion": ("Tiêu chí lặp lại cho cùng đơn vị", "Criterion repeated for the same unit"),
    "imp_rej_duplicate_unit": (
        "Đơn vị lặp lại trong bảng điểm (cũng ở dòng {rows})",
        "Unit repeated in the sheet (also row {rows})",
    ),
    "imp_rej_unknown_criterion": ("Tiêu chí không có trong khung chấm điểm", "Criterion not in the scoring frame"),
    "imp_rej_points_range": ("Điểm ngoài khoảng 0–{max}", "Points outside 0–{max}"),
    "imp_rej_criteria_incomplete": ("Thiếu điểm tiêu chí: {missing}", "Missing points for: {missing}"),
    "imp_rej_new_procedure_incomplete": (
        "Thủ tục mới cần tên, lĩnh vực và cấp thực hiện",
        "A new procedure needs a name, a field and a level",
    ),
    # notes shown with the preview
    "imp_note_no_channel": (
        "Tệp không có cột hình thức nộp: hồ sơ mới được coi là nộp trực tiếp.",
        "The file has no channel column: new dossiers are counted as submitted in person.",
    ),
    "imp_note_file_unit": (
        "Tệp không có cột đơn vị: đơn vị lấy theo tiêu đề tệp ({unit}).",
        "No unit column: the unit comes from the file title ({unit}).",
    ),
    "imp_note_due_computed": (
        "{count} hồ sơ không có ngày hẹn trả: tính theo thời hạn giải quyết của thủ tục và lịch ngày làm việc.",
        "{count} dossiers have no due date: computed from the procedure's statutory time and the working-day calendar.",
    ),
    "imp_note_finished_from_returned": (
        "{count} hồ sơ không có ngày kết thúc xử lý: lấy ngày trả kết quả.",
        "{count} dossiers have no finish date: the return date is used.",
    ),
    # summaries (page and command line)
    "imp_sum_file": (
        "{file}: {kind}, trang tính «{sheet}», dòng tiêu đề {row}",
        "{file}: {kind}, sheet '{sheet}', header on row {row}",
    ),
    "imp_sum_counts": (
        "Đọc {read} dòng: hợp lệ {accepted} (thêm mới {inserted}, cập nhật {updated}, không đổi {unchanged}, "
        "cũ hơn dữ liệu đang có {older}); bị loại {rejected}; bỏ qua {skipped} dòng không phải dữ liệu.",
        "Read {read} rows: accepted {accepted} (new {inserted}, updated {updated}, unchanged {unchanged}, "
        "older than the stored data {older}); rejected {rejected}; {skipped} non-data rows skipped.",
    ),
    "imp_sum_procedures_added": ("Thủ tục thêm vào danh mục: {codes}", "Procedures added to the catalogue: {codes}"),
    "imp_sum_fields_added": ("Lĩnh vực thêm mới: {codes}", "Fields added: {codes}"),
    "imp_sum_criteria": ("Tiêu chí chấm điểm được ghi: {count}", "Scoring criteria written: {count}"),
    "imp_sum_events": (
        "Quyết định công bố/sửa đổi/bãi bỏ thêm mới: {count}",
        "Publication/amendment/abolition events added: {count}",
    ),
    "imp_sum_personal": (
        "Cột dữ liệu cá nhân bị bỏ (không đọc, không lưu): {columns}",
        "Personal-data columns dropped (not read, not stored): {columns}",
    ),
    "imp_sum_ignored": ("Cột không dùng: {columns}", "Columns not used: {columns}"),
    "imp_sum_rejected_row": ("dòng {row} · {column} · «{value}» · {reason}", "row {row} · {column} · '{value}' · {reason}"),
    "imp_sum_more": ("… và {count} dòng bị loại khác", "… and {count} more rejected rows"),
    "imp_sum_loaded_page": (
        "Đã nạp (lần nạp số {load}): thêm mới {inserted}, cập nhật {updated}, bị loại {rejected}.",
        "Loaded (load {load}): inserted {inserted}, updated {updated}, rejected {rejected}.",
    ),
    "imp_sum_loaded": (
        "Đã nạp (lần nạp số {load}) vào {db}: thêm mới {inserted}, cập nhật {updated}, bị loại {rejected}.",
        "Loaded (load {load}) into {db}: inserted {inserted}, updated {updated}, rejected {rejected}.",
    ),
    "sync_heading": ("Đồng bộ từ hệ thống một cửa", "Feed from the one-stop system"),
    "sync_never": (
        "Chưa lần đồng bộ nào ghi được dữ liệu (CCHC_SYNC_URL đã đặt): hãy kiểm tra lịch chạy python -m cchc sync.",
        "No sync has written anything yet (CCHC_SYNC_URL is set): check the schedule of python -m cchc sync.",
    ),
    "sync_last": (
        "Lần đồng bộ gần nhất: {time} từ {source}: thêm mới {inserted}, cập nhật {updated}, bị loại {rejected}.",
        "Last sync: {time} from {source}: inserted {inserted}, updated {updated}, rejected {rejected}.",
    ),
    "sync_stale": (
        "Lần đồng bộ gần nhất đã quá hai lần khoảng {minutes} phút (CCHC_SYNC_EVERY_MIN) — hoặc không có hồ sơ mới, "
        "hoặc lịch chạy bị dừng: hãy kiểm tra.",
        "The last sync is older than twice the {minutes}-minute interval (CCHC_SYNC_EVERY_MIN): either nothing "
        "changed, or the schedule stopped; check it.",
    ),
    "agg_reported_note": (
        "Số liệu do đơn vị báo cáo (đơn vị không có hồ sơ trong kỳ, số liệu lấy từ báo cáo tổng hợp): {units}.",
        "Figures reported by the unit (no dossiers of it in the period; the figures come from its aggregate report): "
        "{units}.",
    ),
    "agg_export_button": ("Tải Biểu II.06a tổng hợp (.xlsx)", "Download the compiled form II.06a (.xlsx)"),
    "agg_sum": (
        "Báo cáo tổng hợp: {files} tệp, {sheets} trang tính, {rows} dòng đơn vị – kỳ: thêm mới {inserted}, "
        "cập nhật {updated}, không đổi {unchanged}.",
        "Aggregate reports: {files} files, {sheets} sheets, {rows} unit-period rows: inserted {inserted}, "
        "updated {updated}, unchanged {unchanged}.",
    ),
    "agg_sum_with_dossiers": (
        "{count} đơn vị – kỳ đã có hồ sơ: các trang dùng số liệu tính từ hồ sơ, số liệu báo cáo chỉ được lưu lại ({pairs}).",
        "{count} unit-periods already have dossiers: the pages use the figures computed from them, the reported "
        "ones are only kept ({pairs}).",
    ),
    "imp_sum_dry_run": ("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.", "Dry run: nothing written."),
    "imp_sum_nothing": (
        "Không có gì thay đổi: dữ liệu trong tệp đã có sẵn.",
        "Nothing to change: the file's data is already there.",
    ),
    "imp_sum_undone": ("Đã hoàn tác lần nạp số {load}.", "Load {load} undone."),
    # the page
    "imp_page_intro": (
        "Nạp dữ liệu của đơn vị: sổ theo dõi hồ sơ xuất từ phần mềm một cửa, bảng điểm chỉ số CCHC, danh mục "
        "thủ tục hành chính (.xlsx, .xls, .csv). Tệp được kiểm tra và xem trước, chỉ ghi khi bạn xác nhận; "
        "dữ liệu cá nhân (họ tên, địa chỉ, điện thoại, email, số giấy tờ) không bao giờ được lưu.",
        "Load the district's own data: dossier logs exported from the one-stop software, PAR score sheets, "
        "procedure catalogues (.xlsx, .xls, .csv). Files are checked and previewed, and written only when you "
        "confirm; personal data (names, addresses, phones, e-mail, identity numbers) is never stored.",
    ),
    "imp_upload_heading": ("Nạp tệp", "Load a file"),
    "imp_kind_label": ("Loại dữ liệu", "Data kind"),
    "imp_kind_auto": ("Tự nhận biết", "Detect"),
    "imp_file_label": ("Chọn tệp (.xlsx, .xls, .csv; tối đa {limit} MB)", "Choose a file (.xlsx, .xls, .csv; up to {limit} MB)"),
    "imp_preview_heading": ("Xem trước — chưa ghi gì", "Preview — nothing written yet"),
    "imp_m_accepted": ("Dòng hợp lệ", "Rows accepted"),
    "imp_m_inserted": ("Thêm mới", "New"),
    "imp_m_updated": ("Cập nhật", "Updated"),
    "imp_m_rejected": ("Dòng bị loại", "Rows rejected"),
    "imp_rejected_heading": ("Dòng bị loại", "Rejected rows"),
    "imp_col_row": ("Dòng", "Row"),
    "imp_col_column": ("Cột", "Column"),
    "imp_col_value": ("Giá trị", "Value"),
    "imp_col_reason": ("Lý do", "Reason"),
    "imp_new_procedures_heading": ("Thủ tục sẽ thêm vào danh mục", "Procedures to be added to the catalogue"),
    "imp_col_code": ("Mã", "Code"),
    "imp_col_name": ("Tên", "Name"),
    "imp_col_field": ("Lĩnh vực", "Field"),
    "imp_confirm": ("Xác nhận nạp", "Confirm and load"),
    "imp_loading": (
        "Đang nạp… Các trang khác vẫn dùng dữ liệu cũ cho tới khi nạp xong.",
        "Loading… Other pages keep using the previous data until the load is complete.",
    ),
    "imp_history_heading": ("Lịch sử nạp dữ liệu", "Load history"),
    "imp_history_none": ("Chưa có lần nạp nào.", "No load yet."),
    "imp_col_load": ("Lần nạp", "Load"),
    "imp_col_file": ("Tệp", "File"),
    "imp_col_kind": ("Loại", "Kind"),
    "imp_col_loaded_at": ("Thời gian nạp", "Loaded at"),
    "imp_col_undone_at": ("Hoàn tác lúc", "Undone at"),
    "imp_undo_label": ("Lần nạp cần hoàn tác", "Load to undo"),
    "imp_undo_confirm": (
        "Tôi hiểu: mọi thay đổi của lần nạp này sẽ bị gỡ bỏ",
        "I understand: every change of this load will be removed",
    ),
    "imp_undo_button": ("Hoàn tác", "Undo"),
    "imp_undo_option": ("Lần {load}: {file} ({time})", "Load {load}: {file} ({time})"),
    "imp_mixed_banner": (
        "Cơ sở dữ liệu này gồm dữ liệu minh họa (demo) và dữ liệu thật đã nạp; số liệu tổng hợp tính cả hai.",
        "This database holds demo data and loaded real data together; the figures count both.",
    ),
    # -- importer: bounded work, personal data, real export shapes, procedure matching
    # (issue 14 items 1 & 3, issue 15 items 5 & 7) -- one block, kept together for merging
    "imp_err_limit_declared": (
        "Trang tính «{sheet}» khai báo vùng dữ liệu {ref}, vượt giới hạn ({rows} dòng, {columns} cột): không đọc.",
        "Sheet '{sheet}' declares the range {ref}, beyond the limits ({rows} rows, {columns} columns): not read.",
    ),
    "imp_err_limit_rows": (
        "Trang tính «{sheet}» có dữ liệu tới dòng {row}, vượt giới hạn {limit} dòng: hãy xoá ô thừa hoặc chia tệp.",
        "Sheet '{sheet}' has data down to row {row}, beyond the limit of {limit} rows: delete stray cells or split the file.",
    ),
    "imp_err_limit_columns": (
        "Trang tính «{sheet}» có dữ liệu tới cột {column} ({count} cột), vượt giới hạn {limit} cột.",
        "Sheet '{sheet}' has data up to column {column} ({count} columns), beyond the limit of {limit}.",
    ),
    "imp_err_limit_cells": (
        "Bảng «{sheet}» cần {cells} ô, vượt giới hạn {limit} ô: hãy chia tệp.",
        "Table '{sheet}' needs {cells} cells, beyond the limit of {limit}: split the file.",
    ),
    "imp_err_limit_sparse": (
        "Trang tính «{sheet}» có một ô ở {cell} xa vùng dữ liệu (chỉ {cells} ô có giá trị trong {area} ô): hãy xoá ô thừa.",
        "Sheet '{sheet}' has a cell at {cell} far from the data (only {cells} cells hold a value in {area}): delete stray cells.",
    ),
    "imp_err_zip_bomb": (
        "Tệp nén bất thường: giải nén ra {size} MB (giới hạn {limit} MB, hoặc lớn hơn nhiều lần tệp gốc): không đọc.",
        "Abnormal compressed file: it inflates to {size} MB (limit {limit} MB, or many times the file): not read.",
    ),
    "imp_err_zip_lies": (
        "Tệp nén hỏng hoặc bất thường: phần «{member}» giải nén ra nhiều hơn {size} byte đã khai báo: không đọc.",
        "Damaged or abnormal compressed file: member '{member}' inflates beyond its declared {size} bytes: not read.",
    ),
    "imp_err_limit_html_rows": (
        "Bảng HTML có hơn {limit} dòng: hãy chia tệp.",
        "The HTML table has more than {limit} rows: split the file.",
    ),
    "imp_rej_formula_dash": (
        "Ô bắt đầu bằng dấu - và giống công thức (có thể là mã độc khi mở bằng Excel)",
        "The cell starts with - and looks like a formula (dangerous when opened in Excel)",
    ),
    "imp_sum_free_text": (
        "Cột văn bản tự do có thể chứa tên, số giấy tờ của người nộp, bỏ (không đọc, không lưu): {columns}",
        "Free-text columns that may carry applicants' names or ID numbers, dropped (not read, not stored): {columns}",
    ),
    "imp_rej_procedure_not_found_close": (
        "Tên thủ tục không có trong danh mục; tên gần nhất: {names}. Hãy sửa tên theo danh mục, "
        "hoặc thêm cột Mã TTHC và Lĩnh vực để thêm thủ tục mới",
        "Procedure name not in the catalogue; closest: {names}. Correct the name, "
        "or add Mã TTHC and Lĩnh vực columns to add a new procedure",
    ),
    "imp_rej_procedure_not_found": (
        "Tên thủ tục không có trong danh mục (không có tên gần giống). Hãy thêm cột Mã TTHC và Lĩnh vực để thêm thủ tục mới",
        "Procedure name not in the catalogue (nothing close). Add Mã TTHC and Lĩnh vực columns to add a new procedure",
    ),
    "imp_rej_procedure_ambiguous": (
        "Tên thủ tục khớp nhiều thủ tục cùng cấp, cùng hiệu lực ({codes}). Hãy thêm cột Mã TTHC",
        "The procedure name matches several procedures of the same level in force together ({codes}). Add a Mã TTHC column",
    ),
    "imp_err_status_words": (
        "Bảng từ trạng thái {file}, dòng {line}: «{value}» không phải mã trạng thái 1–10.",
        "Status words table {file}, line {line}: '{value}' is not a state code 1–10.",
    ),
    "imp_note_file_state": (
        "Tệp không có cột trạng thái: trạng thái lấy theo dòng lọc ở tiêu đề (mã {state}).",
        "No state column: the state comes from the title's filter row (code {state}).",
    ),
    "imp_sum_personal_values": (
        "Cột có giá trị giống số định danh, số điện thoại hoặc e-mail, bỏ (không lưu): {columns}",
        "Columns whose values look like ID numbers, phone numbers or e-mail addresses, dropped (not stored): {columns}",
    ),
    # -- importer: the Decision 766 inputs (cchc/importer/services766.py)
    "imp_kind_services766": ("Dịch vụ của hồ sơ (chỉ số 766)", "Dossier services (766 index)"),
    "imp_kind_feedback766": ("Phản ánh, kiến nghị (chỉ số 766)", "Citizen feedback (766 index)"),
    "imp_kind_procedures766": ("Thông tin TTHC cho chỉ số 766", "Procedure facts (766 index)"),
    "imp_kind_short_services766": ("Dịch vụ hồ sơ 766", "766 services"),
    "imp_kind_short_feedback766": ("PAKN 766", "766 feedback"),
    "imp_kind_short_procedures766": ("TTHC 766", "766 procedures"),
    "imp_kind_units766": ("Dịch vụ của đơn vị (chỉ số 766)", "Unit services (766 index)"),
    "imp_kind_short_units766": ("Đơn vị 766", "766 units"),
    "imp_rej_bad_flag": (
        "Giá trị không hợp lệ: cần Có/Không hoặc 1/0 (ô trống: chưa ghi nhận)",
        "Invalid value: Có/Không (yes/no) or 1/0 expected (empty: not recorded)",
    ),
    "imp_rej_766_unknown_dossier": (
        "Mã hồ sơ không có trong cơ sở dữ liệu: hãy nạp sổ theo dõi hồ sơ trước",
        "Dossier code not in the database: load the dossier log first",
    ),
    "imp_rej_766_unknown_procedure": (
        "Mã TTHC không có trong danh mục thủ tục: hãy nạp danh mục trước",
        "Procedure code not in the catalogue: load the catalogue first",
    ),
    "imp_rej_766_answered_before": ("Ngày trả lời trước ngày tiếp nhận", "Answered before it was received"),
    "imp_rej_766_due_before": ("Hạn xử lý trước ngày tiếp nhận", "Due before it was received"),
    # -- meeting report, presentation mode, targets
    "summary_below_target": (
        "Đơn vị có tỷ lệ đúng hạn dưới mục tiêu {target}: {units}.",
        "Units below the on-time target of {target}: {units}.",
    ),
    "summary_more": (" … và {count} đơn vị khác", " … and {count} more"),
    "summary_all_on_target": (
        "Tất cả các đơn vị đạt mục tiêu tỷ lệ đúng hạn {target}.",
        "Every unit meets the on-time target of {target}.",
    ),
    "summary_weak_par": (
        "Đơn vị có điểm chỉ số CCHC dưới {weak} điểm: {units}.",
        "Communes/wards with a PAR total below {weak}: {units}.",
    ),
    "target_heading": ("Đơn vị dưới mục tiêu", "Units below target"),
    "target_line": ("Mục tiêu {target}", "Target {target}"),
    "target_ontime_note": (
        "Mục tiêu tỷ lệ đúng hạn: {target}. Đơn vị dưới mục tiêu được đánh dấu {mark}.",
        "On-time target: {target}. Units below it are marked {mark}.",
    ),
    "target_par_note": (
        "Khung điểm chỉ số CCHC: yếu dưới {weak} điểm, tốt từ {good} điểm.",
        "PAR band: weak below {weak} points, good from {good} points.",
    ),
    "target_below_ontime": ("Tỷ lệ đúng hạn dưới mục tiêu {target}", "On-time rate below the {target} target"),
    "target_weak_par": ("Điểm chỉ số CCHC năm {year} dưới {weak} điểm", "PAR total {year} below {weak} points"),
    "target_none_below": ("Không có đơn vị nào dưới mục tiêu.", "No unit is below the target."),
    "par_legend_good": ("Tốt: từ {good} điểm", "Good: {good} and above"),
    "par_legend_middle": ("Trung bình: {weak} – dưới {good}", "Middle: {weak} to under {good}"),
    "par_legend_weak": ("{mark} Yếu: dưới {weak}", "{mark} Weak: under {weak}"),
    "par_level_weak": ("Yếu", "Weak"),
    "par_level_middle": ("Trung bình", "Middle"),
    "par_level_good": ("Tốt", "Good"),
    "download_pdf": ("Tải báo cáo PDF", "Download PDF report"),
    "present_toggle": ("Chế độ trình chiếu", "Presentation mode"),
    "present_help": (
        "Ẩn bộ lọc, phóng to chữ, mỗi màn hình một biểu đồ hoặc một bảng (nút ‹ Trước / Tiếp › hoặc phím ← →); "
        "đường dẫn giữ ?present=1 và trang chiếu đang xem.",
        "Hides the filters, enlarges text, one chart or one table per screen (‹ Previous / Next › buttons or the ← → keys); "
        "the URL keeps ?present=1 and the current slide.",
    ),
    "present_exit": ("Thoát trình chiếu", "Exit presentation"),
    "slide_previous": ("‹ Trước", "‹ Previous"),
    "slide_next": ("Tiếp ›", "Next ›"),
    "slide_counter": ("{n} / {count}", "{n} / {count}"),
    # issue 16: tables that fit 1366 px (the rest one click away) and lists as slides
    "table_more_columns": ("Hiện đủ cột", "Show all columns"),
    "table_more_help": (
        "Bảng gọn vừa màn hình; các cột còn lại luôn có trong tệp Excel/CSV tải về.",
        "The brief table fits the screen; the other columns are always in the Excel/CSV download.",
    ),
    "dl_received_short": ("Tiếp nhận", "Received"),
    "dl_due_short": ("Hẹn trả", "Due"),
    "dl_finished_short": ("Kết thúc", "Finished"),
    "dl_days_late_short": ("Ngày trễ", "Days late"),
    "dl_outcome_short": ("Kết quả", "Outcome"),
    "dl_slide_rows": (
        "Hồ sơ {first}–{last} trong {count} hồ sơ", "Dossiers {first}–{last} of {count}",
    ),
    "data_sum_heading": ("Dữ liệu đang dùng", "The data in use"),
    "data_sum_item": ("Mục", "Item"),
    "data_sum_value": ("Giá trị", "Value"),
    "data_sum_source": ("Nguồn", "Source"),
    "data_sum_dossiers": ("Số hồ sơ", "Dossiers"),
    "data_sum_received": ("Ngày tiếp nhận", "Received"),
    "data_sum_range": ("từ {start} đến {end}", "from {start} to {end}"),
    "data_sum_covered": ("Số liệu đầy đủ đến hết ngày", "Complete up to"),
    "data_sum_units": ("Số đơn vị", "Units"),
    "data_sum_par_year": ("Năm chỉ số CCHC gần nhất", "Latest PAR-index year"),
    "data_sum_last_load": ("Lần nạp gần nhất", "Last load"),
    "data_sum_no_load": ("chưa nạp tệp nào", "no file loaded yet"),
    "data_sum_load": ("#{load} · {kind} · {time}", "#{load} · {kind} · {time}"),
    "data_sum_last_sync": ("Đồng bộ gần nhất", "Last sync"),
    "dl_outcome_help": (
        "Kết quả trong kỳ (GQ: giải quyết)", "Outcome in the period (GQ: resolved; Đang GQ: in progress)",
    ),
    "dl_state_short_5": ("Chờ bổ sung", "Supplement asked"),
    "dl_state_short_6": ("Chờ nộp phí, thuế", "Awaiting fees"),
    "dl_state_short_7": ("Công dân rút", "Withdrawn"),
    "dl_outcome_short_early": ("GQ trước hạn", "Early"),
    "dl_outcome_short_on_time": ("GQ đúng hạn", "On time"),
    "dl_outcome_short_late": ("GQ quá hạn", "Late"),
    "dl_outcome_short_in_progress_within": ("Đang GQ, trong hạn", "Open, in time"),
    "dl_outcome_short_in_progress_overdue": ("Đang GQ, quá hạn", "Open, overdue"),
    "dl_outcome_short_withdrawn": ("Trả lại/rút", "Withdrawn"),
    "report_period": ("Kỳ báo cáo: {period} ({start} – {end})", "Period: {period} ({start} – {end})"),
    "report_units": ("Đơn vị: {units}", "Units: {units}"),
    "report_demo_heading": ("DỮ LIỆU MINH HỌA", "DEMO DATA"),
    "report_kpi_heading": ("Kết quả giải quyết hồ sơ", "Dossier results"),
    "report_col_measure": ("Chỉ tiêu", "Measure"),
    "report_col_current": ("Kỳ này", "This period"),
    "report_col_previous": ("Kỳ trước", "Previous period"),
    "report_col_year_earlier": ("Cùng kỳ năm trước", "Same period a year before"),
    "report_col_change": ("Thay đổi", "Change"),
    "report_comparison_note": (
        "Kỳ trước: {previous}; cùng kỳ năm trước: {year_earlier}.",
        "Previous period: {previous}; same period a year before: {year_earlier}.",
    ),
    "report_col_previous_rank": ("Hạng năm trước", "Previous rank"),
    "report_col_rank_change": ("Thay đổi hạng", "Rank change"),
    "report_col_level": ("Mức", "Level"),
    "report_not_ranked": ("Chưa có điểm: {units}.", "No score: {units}."),
    "report_notes_heading": ("Ghi chú về công thức và nguồn dữ liệu", "Notes on formulas and data"),
    "report_source_demo": ("dữ liệu minh họa", "demo data"),
    "report_source_real": ("dữ liệu của đơn vị", "the district's own data"),
    "report_note_par_year": (
        "Điểm chỉ số CCHC của một năm được công bố vào năm sau: kỳ báo cáo kết thúc trước ngày 31/12 "
        "dùng bảng xếp hạng của năm trước đó.",
        "PAR scores of a year are published the next year: a period ending before 31 December shows "
        "the ranking of the year before.",
    ),
    "report_no_dossiers": (
        "Không có hồ sơ nào trong kỳ {period} cho các đơn vị đã chọn: báo cáo không có số liệu giải quyết hồ sơ.",
        "No dossiers in {period} for the selected units: the report has no dossier figures.",
    ),
    # -- Decision 766 index (app_pages/score766.py, app_pages/warnings.py; docs/766.md) -----------
    "page_score766": ("Chỉ số 766", "Decision 766 index"),
    "page_warnings": ("Cảnh báo", "Warnings"),
    "g766_cong_khai": ("Công khai, minh bạch", "Transparency"),
    "g766_tien_do": ("Tiến độ giải quyết", "Processing progress"),
    "g766_dvc_truc_tuyen": ("Dịch vụ công trực tuyến", "Online public services"),
    "g766_thanh_toan": ("Thanh toán trực tuyến", "Online payment"),
    "g766_hai_long": ("Mức độ hài lòng", "Satisfaction"),
    "g766_so_hoa": ("Số hóa hồ sơ", "Digitisation"),
    "s766_total": ("Tổng điểm", "Total"),
    "s766_no_data": ("không có dữ liệu", "no data"),
    "s766_no_data_load": ("Không có dữ liệu: cần nạp {tables}.", "No data: load {tables}."),
    "s766_no_dossiers": ("Không có hồ sơ nào trong kỳ {period}: không tính chỉ số.",
                         "No dossiers in {period}: no index computed."),
    "s766_partial_total": ("Tổng của {n} nhóm có dữ liệu (trên {max} điểm).",
                           "Total of the {n} groups with data (out of {max} points)."),
    "s766_rank": (
        "Xếp thứ {rank}/{n} trong các đơn vị cùng cấp đã chọn",
        "Ranked {rank} of {n} units of the same level in scope",
    ),
    "s766_trend": ("Điểm theo tháng", "Points by month"),
    "s766_lost": ("Điểm bị mất và nguyên nhân", "Points lost and why"),
    "s766_metrics": ("Chi tiết chỉ tiêu", "Sub-indicators"),
    "s766_portal": ("Đối chiếu với điểm cổng DVCQG", "Reconciliation with the portal"),
    "s766_portal_upload": ("Tệp JSON điểm của cổng", "The portal's score file (JSON)"),
    "s766_portal_unit": ("Mã hoặc tên đơn vị trên cổng", "The unit's code or name on the portal"),
    "s766_method": (
        "Tính từ cơ sở dữ liệu theo cách cổng DVCQG công bố; điểm của cổng là điểm chính thức. "
        "Trạng thái kết thúc: {states}. Ngưỡng màu {bands} là quy ước tham khảo, không phải quy định.",
        "Computed from the database the way the national portal describes it; the portal's "
        "score is the official one. Finishing states: {states}. The colour bands {bands} are a convention, not official.",
    ),
    "s766_demo_inputs": ("Các dữ liệu dịch vụ (thanh toán, số hóa, phản ánh kiến nghị…) là dữ liệu minh họa (demo).",
                         "The service inputs (payments, digitisation, feedback …) are demo data."),
    "s766_before_decision": ("QĐ 766 ban hành năm 2022: kỳ trước 2022 được tính thử theo bộ chỉ tiêu 2022.",
                             "Decision 766 dates from 2022: periods before 2022 are scored with the 2022 set, as a trial."),
    "s766_yes": ("có", "yes"),
    "s766_no": ("không", "no"),
    "w766_as_of": ("Tính đến ngày", "As of"),
    "w766_dossiers": ("Hồ sơ sắp đến hạn, quá hạn, bổ sung lần 2", "Dossiers due soon, overdue, second supplement"),
    "w766_feedback": ("Phản ánh, kiến nghị sắp quá hạn 15 ngày làm việc", "Feedback near its 15-working-day limit"),
    "w766_window": ("Cảnh báo trước {days} ngày làm việc.", "Warned {days} working days ahead."),
    "w766_none": ("Không có hồ sơ nào cần cảnh báo.", "Nothing to warn about."),
    # the 766 page's tiles, tables and "points lost and why" (cchc/score766/display.py, explain.py)
    "s766_err_schema": (
        "Cơ sở dữ liệu chưa có các bảng của chỉ số 766: khởi động lại bảng điều khiển (tự bổ sung) "
        "hoặc chạy `python -m cchc refresh-rollups`.",
        "The database lacks the Decision 766 tables: restart the dashboard (it adds them) "
        "or run `python -m cchc refresh-rollups`.",
    ),
    "s766_err_unknown_units": ("Không có đơn vị: {units}", "No such unit: {units}"),
    "s766_err_no_units": ("Chưa chọn đơn vị.", "No unit chosen."),
    "s766_err_portal_json": ("{name}: không đọc được tệp JSON của cổng ({error})",
                             "{name}: the portal's JSON file cannot be read ({error})"),
    "s766_err_portal_group": ("{name}: không nhận ra nhóm chỉ số của tệp", "{name}: the file's index group is not recognised"),
    "s766_err_portal_shape": ("{name}: không phải câu trả lời của cổng (thiếu data.parent / data.evaluation)",
                              "{name}: not an answer of the portal (no data.parent / data.evaluation)"),
    "s766_tile": ("{name} (/{max})", "{name} (/{max})"),
    "s766_groups": ("Điểm theo nhóm", "Points by group"),
    "s766_metrics_part": ("Chi tiết chỉ tiêu ({part}/{parts})", "Sub-indicators ({part}/{parts})"),
    "s766_col_group": ("Nhóm", "Group"),
    "s766_col_metric": ("Chỉ tiêu", "Sub-indicator"),
    "s766_col_numerator": ("Tử số", "Numerator"),
    "s766_col_denominator": ("Mẫu số", "Denominator"),
    "s766_col_ratio": ("Tỷ lệ", "Ratio"),
    "s766_col_points": ("Điểm", "Points"),
    "s766_col_max": ("Tối đa", "Maximum"),
    "s766_col_share": ("% tối đa", "% of maximum"),
    "s766_col_change": ("So với kỳ trước", "Change"),
    "s766_col_note": ("Ghi chú", "Note"),
    "s766_col_ours": ("Điểm tính được", "Ours"),
    "s766_col_portal": ("Điểm của cổng", "Portal"),
    "s766_col_difference": ("Chênh lệch", "Difference"),
    "s766_not_applicable": ("không áp dụng cho cấp này", "not applicable at this level"),
    "s766_total_row": ("Tổng cộng", "Total"),
    "s766_no_losses": ("Không mất điểm ở chỉ tiêu nào có dữ liệu.", "No points lost on any sub-indicator with data."),
    "s766_losses_more": ("… và {n} chỉ tiêu khác, mất tổng cộng {points} điểm (xem trang ở chế độ thường).",
                         "… and {n} more sub-indicators, {points} points lost in all (see the page in normal mode)."),
    "s766_loss_progress": ("−{points} điểm tiến độ: {late} hồ sơ quá hạn", "−{points} progress points: {late} late dossiers"),
    "s766_loss_second": (", trong đó {n} do yêu cầu bổ sung lần 2", ", {n} of them for a second supplement request"),
    "s766_loss_metric": ("−{points} điểm «{name}»: đạt {num}/{den}", "−{points} points «{name}»: {num}/{den} met"),
    "s766_loss_link": ("{unit} · {procedure}: {n} hồ sơ quá hạn", "{unit} · {procedure}: {n} late dossiers"),
    "s766_reason_late_finished": ("giải quyết xong sau hạn", "finished after the due date"),
    "s766_reason_late_open": ("chưa xong, đã quá hạn cuối kỳ", "not finished, overdue at the period end"),
    "s766_reason_late_waiting_supplement": ("chờ bổ sung nhưng yêu cầu bổ sung sau hạn",
                                            "waiting for a supplement requested after the due date"),
    "s766_reason_late_second_supplement": ("do yêu cầu bổ sung lần 2", "for a second supplement request"),
    "s766_reason_late_no_due": ("không có ngày hẹn, vượt thời hạn luật định", "no due date, beyond the statutory time"),
    # the worklist (cchc/score766/worklist.py, display.py)
    "w766_kind_overdue": ("Đã quá hạn", "Overdue"),
    "w766_kind_due_soon": ("Sắp đến hạn", "Due soon"),
    "w766_kind_second_supplement": ("Bổ sung lần 2", "Second supplement"),
    "w766_second_note": ("Hồ sơ yêu cầu bổ sung lần 2 đã bị tính quá hạn theo cách tính của cổng DVCQG.",
                         "A dossier with a second supplement request already counts as late on the portal."),
    "w766_col_kind": ("Cảnh báo", "Warning"),
    "w766_col_unit": ("Đơn vị", "Unit"),
    "w766_col_procedure": ("Thủ tục", "Procedure"),
    "w766_col_dossier": ("Mã hồ sơ", "Dossier"),
    "w766_col_received": ("Ngày tiếp nhận", "Received"),
    "w766_col_due": ("Ngày hẹn trả", "Due"),
    "w766_col_days_left": ("Ngày làm việc còn lại", "Working days left"),
    "w766_col_points": ("Điểm có thể mất", "Points at stake"),
    "w766_col_feedback": ("Mã PAKN", "Feedback code"),
    "w766_col_feedback_due": ("Hạn xử lý", "Due"),
    "w766_total": ("Tổng cộng", "Total"),
    "w766_total_dossiers": ("{n} hồ sơ", "{n} dossiers"),
    "w766_total_feedback": ("{n} PAKN", "{n} feedback items"),
    "w766_points_total": ("Điểm có thể mất (tổng)", "Points at stake (total)"),
    "w766_feedback_count": ("Phản ánh, kiến nghị", "Feedback"),
    "w766_page": ("Hồ sơ {first}–{last} trong {n}", "Dossiers {first}–{last} of {n}"),
    "w766_page_more": ("Trình chiếu {shown} hồ sơ khẩn nhất; danh sách đủ {n} hồ sơ ở chế độ thường và tệp Excel.",
                       "The slides show the {shown} most urgent dossiers; the full list of {n} is on the page and in Excel."),
    "w766_xlsx_title": ("Cảnh báo hồ sơ (Chỉ số 766)", "Dossier warnings (Decision 766 index)"),
    "w766_xlsx_date": ("Ngày {date}", "As of {date}"),
    "score766_formula_b_difference": (
        "Khác với cổng DVCQG: tỷ lệ QĐ 766 ở bảng này bỏ hồ sơ rút khỏi mẫu số, coi hồ sơ dừng xử lý (8) là chưa "
        "kết thúc và hồ sơ không có ngày hẹn là đúng hạn; trang Chỉ số 766 tính đúng như cổng.",
        "Unlike the national portal, this table's Decision 766 rate leaves withdrawn dossiers out of the "
        "denominator, treats stopped dossiers (8) as unfinished and dossiers without a due date as on time; "
        "the Decision 766 page counts exactly as the portal does.",
    ),
    # -- sign-in, roles, audit, errors (cchc/auth, cchc/ui/safety.py) --------------------------
    "system_error": ("Lỗi hệ thống, mã lỗi {code}", "System error, error code {code}"),
    "auth_title": ("Đăng nhập", "Sign in"),
    "auth_intro": (
        "Bảng điều khiển CCHC chỉ dành cho cán bộ được cấp quyền. Đăng nhập bằng tài khoản của cơ quan.",
        "The PAR dashboard is for authorised staff only. Sign in with your office account.",
    ),
    "auth_sign_in": ("Đăng nhập", "Sign in"),
    "auth_sign_out": ("Đăng xuất", "Sign out"),
    "auth_not_authorised": (
        "Tài khoản {email} chưa được cấp quyền xem bảng điều khiển. Đề nghị quản trị viên thêm tài khoản "
        "(python -m cchc users add).",
        "The account {email} is not authorised for this dashboard. Ask an administrator to add it "
        "(python -m cchc users add).",
    ),
    "auth_no_header": (
        "Không nhận được danh tính người dùng từ máy chủ xác thực (proxy). Đề nghị liên hệ quản trị hệ thống.",
        "No user identity came from the authenticating proxy. Please contact the system administrator.",
    ),
    "auth_no_units": (
        "Tài khoản {email} không được gán đơn vị nào có trong dữ liệu.",
        "The account {email} has no unit that exists in the data.",
    ),
    "auth_local_only": (
        "Bảng điều khiển chưa cấu hình đăng nhập nên chỉ mở được trên chính máy chủ (127.0.0.1). "
        "Xem docs/security.md để cấu hình đăng nhập.",
        "No sign-in is configured, so the dashboard only opens on the server itself (127.0.0.1). "
        "See docs/security.md to configure sign-in.",
    ),
    "auth_anonymous_banner": (
        "Cảnh báo: bảng điều khiển đang mở trên mạng mà không cần đăng nhập. "
        "Bất kỳ ai trong mạng đều xem, tải dữ liệu lên và hoàn tác được.",
        "Warning: the dashboard is open on the network without sign-in. "
        "Anyone on the network can read, load and undo data.",
    ),
    "auth_signed_in_as": ("Đăng nhập: {email} ({role})", "Signed in: {email} ({role})"),
    "role_viewer": ("xem", "viewer"),
    "role_data_manager": ("quản lý dữ liệu", "data manager"),
    "role_admin": ("quản trị", "admin"),
    "auth_forbidden_page": (
        "Trang này chỉ dành cho cán bộ quản lý dữ liệu.",
        "This page is for data managers only.",
    ),
    "audit_heading": ("Nhật ký truy cập và thao tác", "Audit trail"),
    "audit_none": ("Chưa có sự kiện nào.", "No events yet."),
    "audit_download": ("Tải nhật ký (CSV)", "Download the audit trail (CSV)"),
    "audit_col_time": ("Thời điểm", "Time"),
    "audit_col_actor": ("Người thực hiện", "Who"),
    "audit_col_action": ("Thao tác", "Action"),
    "audit_col_detail": ("Chi tiết", "Detail"),
    # -- the framework's own words, replaced by CSS (cchc/ui/framework_text.py) ----------------
    "fw_upload_button": ("Chọn tệp", "Choose a file"),
    "fw_no_results": ("Không có kết quả", "No results"),
    "fw_search": ("Tìm trong bảng", "Search"),
    "fw_fullscreen": ("Toàn màn hình", "Fullscreen"),
    "fw_close_fullscreen": ("Thoát toàn màn hình", "Close fullscreen"),
    "fw_plot_png": ("Tải ảnh biểu đồ (PNG)", "Download plot as a PNG"),
    "fw_plot_zoom": ("Phóng một vùng", "Zoom"),
    "fw_plot_pan": ("Kéo biểu đồ", "Pan"),
    "fw_plot_zoom_in": ("Phóng to", "Zoom in"),
    "fw_plot_zoom_out": ("Thu nhỏ", "Zoom out"),
    "fw_plot_autoscale": ("Vừa khung", "Autoscale"),
    "fw_plot_reset": ("Về ban đầu", "Reset axes"),
    "fw_plot_box_select": ("Chọn theo khung", "Box Select"),
    "fw_plot_lasso": ("Chọn tự do", "Lasso Select"),
}


def t(key: str, lang: str = "vi", **values) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    try:
        vi, en = LABELS[key]
    except KeyError:
        return key  # a missing label shows its key rather than failing the page
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


# -- the official report (Decree 30/2020/ND-CP layout), its DOCX, and directions followed up
LABELS.update({
    "doc_national": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "doc_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc_number": ("Số: {number}/{symbol}", "No.: {number}/{symbol}"),
    "doc_place_date": ("{place}, ngày {day} tháng {month} năm {year}", "{place}, {day}/{month}/{year}"),
    "doc_type": ("BÁO CÁO", "REPORT"),
    "doc_subject_month": ("Kết quả công tác cải cách hành chính tháng {month} năm {year}",
                          "Administrative reform results for month {month}/{year}"),
    "doc_subject_quarter": ("Kết quả công tác cải cách hành chính quý {quarter} năm {year}",
                            "Administrative reform results for quarter {quarter} of {year}"),
    "doc_subject_half1": ("Sơ kết công tác cải cách hành chính 6 tháng đầu năm {year}",
                          "Review of administrative reform in the first half of {year}"),
    "doc_subject_half2": ("Kết quả công tác cải cách hành chính 6 tháng cuối năm {year}",
                          "Administrative reform results in the second half of {year}"),
    "doc_subject_year": ("Tổng kết công tác cải cách hành chính năm {year}",
                         "Administrative reform: review of the year {year}"),
    "doc_subject_custom": ("Kết quả công tác cải cách hành chính từ ngày {start} đến ngày {end}",
                           "Administrative reform results from {start} to {end}"),
    "doc_recipients": ("Nơi nhận:", "Recipients:"),
    "doc_sign_authority": ("TM. ỦY BAN NHÂN DÂN", "ON BEHALF OF THE PEOPLE'S COMMITTEE"),
    "doc_sign_title": ("CHỦ TỊCH", "CHAIRMAN"),
    "doc_pp": ("điểm phần trăm", "percentage points"),
    "doc_ontime_note": (
        "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết trong kỳ (tỷ lệ đúng hạn theo mẫu báo cáo).",
        "On-time rate = (early + on time) / resolved in the period (the on-time rate of the reporting forms).",
    ),
    "doc_target_note": ("Mục tiêu tỷ lệ đúng hạn: {target}; đơn vị dưới mục tiêu được đánh dấu {mark}.",
                        "On-time target: {target}; units below it are marked {mark}."),
    "doc_par_note": ("Khung điểm chỉ số CCHC: yếu dưới {weak} điểm, tốt từ {good} điểm.",
                     "PAR band: weak below {weak} points, good from {good} points."),
    "doc_source_note": ("Nguồn dữ liệu: {source}; hồ sơ tiếp nhận từ {first} đến {last} ({count} hồ sơ).",
                        "Data source: {source}; dossiers received from {first} to {last} ({count} dossiers)."),
    "doc_trend_note": ("Biểu đồ: tỷ lệ đúng hạn theo tháng kết thúc giải quyết, từ {start} đến {end}.",
                       "Chart: on-time rate by month of resolution, {start} to {end}."),
    "doc_chart_as_table": ("Số liệu của biểu đồ:", "The chart's figures:"),
    "doc_col_month": ("Tháng", "Month"),
    "doc_outside_data": (
        "Kỳ báo cáo nằm ngoài khoảng thời gian có dữ liệu (hồ sơ tiếp nhận từ {first} đến {last}).",
        "The period lies outside the data (dossiers received from {first} to {last}).",
    ),
    "doc_none_resolved": ("Đơn vị không có hồ sơ giải quyết trong kỳ (không tính tỷ lệ đúng hạn): {units}.",
                          "Units that resolved no dossier in the period (no on-time rate): {units}."),
    "doc_directions_heading": ("Kết luận chỉ đạo", "Directions"),
    "doc_followup_heading": ("Kết quả thực hiện kết luận chỉ đạo kỳ trước", "Follow-up of the previous directions"),
    "doc_directions_none": ("Chưa có kết luận chỉ đạo nào được ghi nhận cho kỳ {meeting}.",
                            "No directions have been recorded for {meeting}."),
    "dir_col_no": ("STT", "No."),
    "dir_col_content": ("Nội dung", "Direction"),
    "dir_col_units": ("Đơn vị thực hiện", "Responsible"),
    "dir_col_deadline": ("Thời hạn", "Deadline"),
    "dir_col_status": ("Trạng thái", "Status"),
    "dir_status_open": ("Đang thực hiện", "Open"),
    "dir_status_done": ("Đã hoàn thành", "Done"),
    "dir_status_late": ("Quá hạn", "Late"),
    "dir_followup": ("Kết luận chỉ đạo kỳ {meeting}: {done}/{total} kết luận đã hoàn thành (tính đến ngày {date})",
                     "Directions of {meeting}: {done} of {total} done (as of {date})"),
    "dir_followup_late": ("; {count} quá hạn: {items}.", "; {count} late: {items}."),
    "dir_followup_no_late": ("; không có kết luận nào quá hạn.", "; none is late."),
    "dir_late_item": ("{content} ({units}, hạn {deadline})", "{content} ({units}, due {deadline})"),
    "dir_none_for": ("Kỳ {meeting} chưa có kết luận chỉ đạo nào được ghi nhận.",
                     "No directions were recorded for {meeting}."),
    "dir_demo_note": ("Thời hạn và trạng thái của các kết luận là minh họa.",
                      "The directions' deadlines and statuses are demo values."),
    "download_docx": ("Tải báo cáo Word (DOCX)", "Download Word report (DOCX)"),
    "page_directions": ("Kết luận chỉ đạo", "Directions"),
    "dir_page_intro": (
        "Kết luận chỉ đạo của hội nghị kỳ {meeting}: nội dung, đơn vị thực hiện, thời hạn, trạng thái. "
        "Kết luận chưa hoàn thành đã qua thời hạn là quá hạn. Báo cáo kỳ sau nêu kết quả thực hiện.",
        "Directions of the {meeting} meeting: what, who, by when, status. A direction not done after its "
        "deadline is late. The next period's report follows them up.",
    ),
    "dir_custom_period": (
        "Kết luận chỉ đạo gắn với một kỳ họp (tháng, quý, 6 tháng, năm): hãy chọn kỳ thay cho khoảng ngày tự chọn.",
        "Directions belong to a meeting's period (month, quarter, half-year, year): choose one instead of a date range.",
    ),
    "dir_edit_role": (
        "Chỉ cán bộ quản lý dữ liệu hoặc quản trị mới sửa được danh sách kết luận.",
        "Only data managers and administrators can edit the list of directions.",
    ),
    "dir_save": ("Lưu danh sách", "Save the list"),
    "dir_saved": ("Đã lưu {count} kết luận của kỳ {meeting}.", "Saved {count} directions of {meeting}."),
    "dir_empty_content": ("Dòng {row}: thiếu nội dung kết luận.", "Row {row}: the direction has no text."),
    "dir_upload": ("Nhập từ Excel", "Import from Excel"),
    "dir_upload_help": (
        "Tệp .xlsx với các cột Nội dung, Đơn vị thực hiện, Thời hạn (dd/mm/yyyy), Trạng thái "
        "(Đang thực hiện / Đã hoàn thành); danh sách của kỳ được thay bằng danh sách trong tệp.",
        "An .xlsx file with the columns Nội dung, Đơn vị thực hiện, Thời hạn (dd/mm/yyyy), Trạng thái "
        "(Đang thực hiện / Đã hoàn thành); the period's list is replaced by the file's.",
    ),
    "dir_import": ("Thay danh sách bằng tệp này", "Replace the list with this file"),
    "dir_preview": ("{count} kết luận trong tệp:", "{count} directions in the file:"),
    "dir_as_of": ("Trạng thái tính đến ngày {date}.", "Statuses as of {date}."),
})

