-- What it answers: the statutory processing times (working days) of the procedures in
--   force on a day, per field: how many procedures, the shortest, median, mean and
--   longest time.
-- Grain: one row per field and level with at least one procedure in force; procedures
--   without a statutory time are counted in without_days and left out of the statistics.
-- Parameters: $on_date (DATE); $fields (VARCHAR[], empty = all).
with in_force as (
    select field_code, level, processing_days
    from procedures_in_force($on_date::DATE)
    where len($fields) = 0 or list_contains($fields, field_code)
),

final as (
    select
        i.field_code,
        coalesce(f.name, i.field_code) as field_name,
        i.level,
        count(*) as procedures,
        count(*) filter (where i.processing_days is null) as without_days,
        min(i.processing_days) as min_days,
        median(i.processing_days)::DOUBLE as median_days,
        avg(i.processing_days)::DOUBLE as mean_days,
        max(i.processing_days) as max_days
    from in_force as i
    left join fields as f using (field_code)
    group by all
)

select * from final
order by level = 'district' desc, field_name collate vi
