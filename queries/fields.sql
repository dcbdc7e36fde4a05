-- What it answers: the fields (lĩnh vực) of procedures, for the field filter.
-- Grain: one row per field, by name.
-- Parameters: none.
select field_code, name
from fields
order by name collate vi
