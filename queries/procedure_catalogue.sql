-- What it answers: how many procedures (TTHC) are in force on a day, per field and level.
-- Grain: one row per field and level with at least one procedure in force on $on_date.
-- In force: the schema macro procedures_in_force (published on or before the day and not
--   abolished since; published on the day counts, abolished on the day does not).
-- Parameters: $on_date (DATE); $fields (VARCHAR[], empty = all).
with in_force as (
    select procedure_code, field_code, level
    from procedures_in_force($on_date::DATE)
    where len($fields) = 0 or list_contains($fields, field_code)
),

final as (
    select
        i.field_code,
        coalesce(f.name, i.field_code) as field_name,
        i.level,
        count(*) as procedures
    from in_force as i
    left join fields as f using (field_code)
    group by all
)

select * from final
order by level = 'district' desc, procedures desc, field_name collate vi
