-- What it answers: which units exist, for the unit filter and for grouping, with their
--   official codes and level, and the unit each is shown as "as today's units" (today_code:
--   its default successor when it ended in the 2025 reorganisation, else itself; macro
--   unit_shown of cchc/store/sql/schema_units.sql).
-- unit_kind: the unit's group in the sidebar, from the levels and kinds in the data (never
--   from fixed names): 'province_desk' (level province), 'department' (level department),
--   'district_desk' (level desk or district, or kind town), else the kind of its
--   administrative unit (admin_units, valid when the unit was): 'ward', 'commune', 'township'
--   or 'special_zone'; a unit without an official code keeps its own kind (ward or commune).
-- Grain: one row per unit: desks first (province, district), then wards, then communes, by name.
-- Parameters: none.
with admin_kind as (
    select u.unit_code, arg_max(a.kind, coalesce(a.valid_from, DATE '0001-01-01')) as kind
    from units as u
    join admin_units as a
        on a.official_code = u.official_code
       and coalesce(a.valid_from, DATE '0001-01-01') <= coalesce(u.valid_to, DATE '9999-12-31')
       and coalesce(a.valid_to, DATE '9999-12-31') >= coalesce(u.valid_from, DATE '0001-01-01')
    where a.level = 'commune'
    group by u.unit_code
),

final as (
    select u.unit_code, u.name, u.short_name, u.kind, u.parent_code, u.valid_from, u.valid_to, u.is_synthetic,
           u.official_code, u.id_code, u.level, s.shown_code as today_code, s.is_approx as today_is_approx,
           case
               when u.level = 'province' then 'province_desk'
               when u.level = 'department' then 'department'
               when u.level in ('desk', 'district') or u.kind = 'town' then 'district_desk'
               else coalesce(k.kind, u.kind)
           end as unit_kind
    from units as u
    left join unit_shown('today') as s using (unit_code)
    left join admin_kind as k using (unit_code)
)

select * from final
order by unit_kind = 'province_desk' desc, kind = 'town' desc, kind = 'ward' desc, short_name collate vi
