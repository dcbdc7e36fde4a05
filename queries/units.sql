-- What it answers: which units exist, for the unit filter and for grouping.
-- Grain: one row per unit, town desks first, then wards, then communes, by name.
-- Parameters: none.
select unit_code, name, short_name, kind, parent_code, valid_from, valid_to, is_synthetic
from units
order by kind = 'town' desc, kind = 'ward' desc, short_name collate vi
