-- What it answers: which units took over each unit that ended in the reorganisation of
--   1 July 2025 (unit_lineage), so that an import naming an ended unit for a later date can
--   say where the row belongs ("... đã sáp nhập vào Phường Sơn Tây từ 01/07/2025").
-- Grain: one row per old unit and successor present in table units; the default successor
--   (the one its history is assigned to) first.
-- Parameters: none.
select old_unit_code, new_unit_code, is_default
from unit_lineage
where new_unit_code is not null
order by old_unit_code, is_default desc, new_unit_code
