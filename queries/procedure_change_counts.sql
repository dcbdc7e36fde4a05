-- What it answers: how many procedures were published (ban hành mới), amended (sửa đổi,
--   bổ sung) and abolished (bãi bỏ) in a period, per level.
-- Grain: one row per level ('district', 'commune'), both always present; counts of events
--   with effective_date in [$start, $end].
-- Parameters: $start, $end (DATE); $fields (VARCHAR[], empty = all).
with changes as (
    select
        p.level,
        count(*) filter (where e.event = 'published') as published,
        count(*) filter (where e.event = 'amended') as amended,
        count(*) filter (where e.event = 'abolished') as abolished
    from procedure_events as e
    join procedures as p using (procedure_code)
    where e.effective_date between $start::DATE and $end::DATE
      and (len($fields) = 0 or list_contains($fields, p.field_code))
    group by all
),

levels as (
    select unnest(['district', 'commune']) as level
),

final as (
    select
        l.level,
        coalesce(c.published, 0) as published,
        coalesce(c.amended, 0) as amended,
        coalesce(c.abolished, 0) as abolished
    from levels as l
    left join changes as c using (level)
)

select * from final
order by level = 'district' desc
