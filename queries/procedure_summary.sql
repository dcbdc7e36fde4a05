-- What it answers: the size of the procedure catalogue in force on a day and the changes
--   (published / amended / abolished) with an effective date in a period.
-- Grain: one row per level ('district', 'commune').
-- Parameters: $start, $end (DATE): the changes in [start, end]; in force counted on $end.
with in_force as (
    select level, count(*) as in_force, count(distinct field_code) as fields
    from procedures_in_force($end::DATE)
    group by all
),

changes as (
    select
        p.level,
        count(*) filter (where e.event = 'published') as published,
        count(*) filter (where e.event = 'amended') as amended,
        count(*) filter (where e.event = 'abolished') as abolished
    from procedure_events as e
    join procedures as p using (procedure_code)
    where e.effective_date between $start::DATE and $end::DATE
    group by all
),

levels as (
    select unnest(['district', 'commune']) as level
)

select
    l.level,
    coalesce(f.in_force, 0) as in_force,
    coalesce(f.fields, 0) as fields,
    coalesce(c.published, 0) as published,
    coalesce(c.amended, 0) as amended,
    coalesce(c.abolished, 0) as abolished
from levels as l
left join in_force as f using (level)
left join changes as c using (level)
order by l.level = 'district' desc
