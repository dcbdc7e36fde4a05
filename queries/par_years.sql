-- What it answers: which years have PAR-index (chỉ số CCHC) scores, newest first, and
--   whether the maximum points of that year's criteria are demo values.
-- Grain: one row per year with at least one score.
-- Parameters: none.
with scored as (
    select year, count(distinct unit_code) as scored_units
    from par_scores
    group by all
),

criteria as (
    select year, count(*) as criteria, bool_or(is_demo) as is_demo, sum(max_points)::DOUBLE as max_total
    from par_criteria
    group by all
),

final as (
    select
        s.year,
        s.scored_units,
        coalesce(c.criteria, 0) as criteria,
        coalesce(c.is_demo, false) as is_demo,
        c.max_total
    from scored as s
    left join criteria as c using (year)
)

select * from final
order by year desc
