-- What it answers: the points of every commune/ward on every PAR-index criterion in a
--   year, as points and as a percent of the criterion's maximum, with the weakness order
--   of the criteria within each unit (1 = the unit's lowest percent of maximum).
-- Grain: one row per scored commune/ward valid in the year and criterion of the year
--   (a criterion with no score for a scored unit has points NULL and no weakness order).
-- Percent: pct_of_max = 100 * points / max_points.
-- weakness_order: criteria ordered by pct_of_max ascending, ties by criterion order
--   (criterion_order: by code, shorter codes first so that c2 comes before c10), so each
--   unit's list is stable.
-- Parameters: $year (INTEGER).
with candidates as (
    select unit_code, name, short_name, kind
    from units
    where kind in ('ward', 'commune')
      and (valid_from is null or year(valid_from) <= $year)
      and (valid_to is null or year(valid_to) >= $year)
),

criteria as (
    select
        criterion_code,
        name as criterion_name,
        max_points::DOUBLE as max_points,
        is_demo,
        row_number() over (order by length(criterion_code), criterion_code) as criterion_order
    from par_criteria
    where year = $year
),

scored_units as (
    select distinct c.*
    from candidates as c
    join par_scores as s using (unit_code)
    where s.year = $year
),

scores as (
    select unit_code, criterion_code, points::DOUBLE as points
    from par_scores
    where year = $year
),

grid as (
    select
        u.unit_code,
        u.name,
        u.short_name,
        u.kind,
        c.criterion_code,
        c.criterion_name,
        c.criterion_order,
        c.max_points,
        c.is_demo,
        s.points,
        100.0 * s.points / c.max_points as pct_of_max
    from scored_units as u
    cross join criteria as c
    left join scores as s using (unit_code, criterion_code)
),

final as (
    select
        *,
        case when points is not null then
            row_number() over (
                partition by unit_code
                order by points is null, pct_of_max, criterion_order
            )
        end as weakness_order
    from grid
)

select * from final
order by unit_code, criterion_order
