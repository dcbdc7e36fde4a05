-- What it answers: how the procedures in force on a day are spread over online-service
--   levels: levels 1-4 (until 2022) and fully / partly online ('full', 'partial', since 2022).
-- Grain: one row per level ('district', 'commune') and online_level (NULL = not set)
--   with at least one procedure; share = percent of that level's procedures in force.
-- Parameters: $on_date (DATE); $fields (VARCHAR[], empty = all).
with in_force as (
    select level, online_level
    from procedures_in_force($on_date::DATE)
    where len($fields) = 0 or list_contains($fields, field_code)
),

counted as (
    select level, online_level, count(*) as procedures
    from in_force
    group by all
),

final as (
    select
        level,
        online_level,
        procedures,
        100.0 * procedures / sum(procedures) over (partition by level) as share
    from counted
)

select * from final
order by level = 'district' desc,
         case online_level when 'full' then 5 when 'partial' then 6 else coalesce(try_cast(online_level as INTEGER), 7) end
