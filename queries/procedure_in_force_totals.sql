-- What it answers: the number of procedures in force on a day and the number of fields
--   they belong to, per level.
-- Grain: one row per level ('district', 'commune'), both always present.
-- In force: the schema macro procedures_in_force (published on the day = in force,
--   abolished on the day = not in force).
-- Parameters: $on_date (DATE); $fields (VARCHAR[], empty = all).
with in_force as (
    select level, count(*) as in_force, count(distinct field_code) as fields
    from procedures_in_force($on_date::DATE)
    where len($fields) = 0 or list_contains($fields, field_code)
    group by all
),

levels as (
    select unnest(['district', 'commune']) as level
),

final as (
    select
        l.level,
        coalesce(i.in_force, 0) as in_force,
        coalesce(i.fields, 0) as fields
    from levels as l
    left join in_force as i using (level)
)

select * from final
order by level = 'district' desc
