-- What it answers: which units exist, for the unit filter and for grouping, with their
--   official codes and level, and the unit each is shown as "as today's units" (today_code:
--   its default successor when it ended in the 2025 reorganisation, else itself; macro
--   unit_shown of cchc/store/sql/schema_units.sql).
-- Grain: one row per unit, town desks first, then wards, then communes, by name.
-- Parameters: none.
select u.unit_code, u.name, u.short_name, u.kind, u.parent_code, u.valid_from, u.valid_to, u.is_synthetic,
       u.official_code, u.id_code, u.level, s.shown_code as today_code, s.is_approx as today_is_approx
from units as u
left join unit_shown('today') as s using (unit_code)
order by kind = 'town' desc, kind = 'ward' desc, short_name collate vi
