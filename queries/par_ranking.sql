-- What it answers: the PAR-index (chỉ số CCHC) ranking of the communes/wards for a year,
--   with the change of rank against the previous year.
-- Who is ranked: units of one level and one period: the commune-level units (wards and
--   communes: not a district's, a province's or a department's desk) that existed on
--   31 December of the year, so a year before 2025 ranks the old units of that year and a
--   year from 2025 the new ones, never the two mixed. The previous year's rank is among that
--   year's units in the same way (a new unit has none).
-- Grain: one row per ranked-level unit of that year; units with no score for the year
--   have total NULL and rank NULL (listed as missing, not ranked). Equal totals share a
--   rank (RANK: 1, 2, 2, 4).
-- rank_change: previous rank - rank (positive = moved up); NULL when either is missing.
-- Parameters: $year (INTEGER).
with eligible as (
    select y.year, u.unit_code, u.name, u.short_name, u.kind
    from units as u
    cross join (select unnest([$year::INTEGER, $year::INTEGER - 1]) as year) as y
    where u.kind in ('ward', 'commune')
      and coalesce(u.level, 'commune') = 'commune'
      and (u.valid_from is null or u.valid_from <= make_date(y.year, 12, 31))
      and (u.valid_to is null or u.valid_to >= make_date(y.year, 12, 31))
),

candidates as (
    select unit_code, name, short_name, kind
    from eligible
    where year = $year
),

totals as (
    select p.year, p.unit_code, sum(p.points) as total
    from par_scores as p
    join eligible as e using (year, unit_code)
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
