-- What it answers: the procedures that have dossiers in scope for the period and the shared
--   filters, for the procedure filter of the dossier list.
-- Grain: one row per procedure with at least one dossier in scope, by name.
-- How: a dossier is in scope when it is carried over (in progress at the end of the day
--   before the period) or received in the period, so the count per procedure is the opening
--   stock (dossier_period_recent of that one day) plus the dossiers received (the monthly
--   flows of dossier_flows_between), the balance's own reading of the rollups
--   (cchc/store/rollups.py dossier_balance_counts) grouped by procedure instead of unit.
--   tests/sql/test_rollups.py proves it equal to its dossier_period-based reference.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with received as (
    select procedure_code, sum(received) as dossiers
    from dossier_flows_between($start::DATE, $end::DATE)
    where unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by procedure_code
),

opening as (
    select procedure_code, count(*) as dossiers
    from dossier_period_recent($start::DATE - 1, $start::DATE - 1)
    where outcome in ('in_progress_within', 'in_progress_overdue')
      and unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by procedure_code
),

scoped as (
    select procedure_code, sum(dossiers)::BIGINT as dossiers
    from (select * from received union all select * from opening)
    group by procedure_code
    having sum(dossiers) > 0
),

final as (
    select s.procedure_code, coalesce(p.name, s.procedure_code) as procedure_name, s.dossiers
    from scoped as s
    left join procedures as p using (procedure_code)
)

select * from final
order by procedure_name collate vi, procedure_code
