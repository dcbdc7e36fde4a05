-- What it answers: which procedures were published, amended or abolished with an effective
--   date in a period, and by which decision.
-- Grain: one row per procedure event with effective_date in [$start, $end].
-- Parameters: $start, $end (DATE); $fields (VARCHAR[], empty = all).
with events as (
    select e.procedure_code, e.effective_date, e.event, e.decision
    from procedure_events as e
    where e.effective_date between $start::DATE and $end::DATE
),

final as (
    select
        e.effective_date,
        e.event,
        e.procedure_code,
        p.name as procedure_name,
        p.field_code,
        coalesce(f.name, p.field_code) as field_name,
        p.level,
        e.decision
    from events as e
    join procedures as p using (procedure_code)
    left join fields as f on f.field_code = p.field_code
    where len($fields) = 0 or list_contains($fields, p.field_code)
)

select * from final
order by effective_date, event, procedure_code
