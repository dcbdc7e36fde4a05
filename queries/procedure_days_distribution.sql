-- What it answers: how many procedures in force on a day have each statutory processing
--   time (working days), per level.
-- Grain: one row per level and processing_days value (NULL = no statutory time).
-- Parameters: $on_date (DATE); $fields (VARCHAR[], empty = all).
with in_force as (
    select level, processing_days
    from procedures_in_force($on_date::DATE)
    where len($fields) = 0 or list_contains($fields, field_code)
),

final as (
    select level, processing_days, count(*) as procedures
    from in_force
    group by all
)

select * from final
order by level = 'district' desc, processing_days nulls last
