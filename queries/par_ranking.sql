-- What it answers: the PAR-index (chỉ số CCHC) ranking of the communes/wards for a year,
--   with the change of rank against the previous year.
-- Grain: one row per commune/ward valid in that year; units with no score for the year
--   have total NULL and rank NULL (listed as missing, not ranked). Equal totals share a
--   rank (RANK: 1, 2, 2, 4).
-- rank_change: previous rank - rank (positive = moved up); NULL when either is missing.
-- Parameters: $year (INTEGER).
with candidates as (
    select unit_code, name, short_name, kind
    from units
    where kind in ('ward', 'commune')
      and (valid_from is null or year(valid_from) <= $year)
      and (valid_to is null or year(valid_to) >= $year)
),

totals as (
    select year, unit_code, sum(points) as total
    from par_scores
    where year in ($year, $year - 1)
    group by all
),

max_points as (
    select year, sum(max_points) as max_total
    from par_criteria
    where year = $year
    group by all
),

ranked as (
    select year, unit_code, total, rank() over (partition by year order by total desc) as rank
    from totals
),

final as (
    select
        c.unit_code,
        c.name,
        c.short_name,
        c.kind,
        cur.total::DOUBLE as total,
        (select max_total from max_points)::DOUBLE as max_total,
        cur.rank,
        prev.total::DOUBLE as previous_total,
        prev.rank as previous_rank,
        prev.rank - cur.rank as rank_change,
        count(cur.rank) over () as ranked_units
    from candidates as c
    left join ranked as cur on cur.unit_code = c.unit_code and cur.year = $year
    left join ranked as prev on prev.unit_code = c.unit_code and prev.year = $year - 1
)

select * from final
order by rank nulls last, short_name collate vi
