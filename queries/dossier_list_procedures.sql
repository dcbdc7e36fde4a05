-- What it answers: the procedures that have dossiers in scope for the period and the shared
--   filters, for the procedure filter of the dossier list.
-- Grain: one row per procedure with at least one dossier in scope, by name.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
-- Classification: dossier_period_recent, the schema's dossier_period reading only recent and
--   long-running dossiers (cchc/rollups.py); tests/test_rollups.py proves it equal to the
--   dossier_period-based reference: this text with dossier_period in its place.
with scoped as (
    select dp.procedure_code, count(*) as dossiers
    from dossier_period_recent($start::DATE, $end::DATE) as dp
    where dp.unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
    group by dp.procedure_code
),

final as (
    select s.procedure_code, coalesce(p.name, s.procedure_code) as procedure_name, s.dossiers
    from scoped as s
    left join procedures as p using (procedure_code)
)

select * from final
order by procedure_name collate vi, procedure_code
