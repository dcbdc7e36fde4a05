-- REFERENCE for tests/test_rollups.py: queries/dossier_list_procedures.sql as written directly on the schema's
--   dossier_period macro (reading every dossier), without the rollups. Not used by the app.
-- What it answers: the procedures that have dossiers in scope for the period and the shared
--   filters, for the procedure filter of the dossier list.
-- Grain: one row per procedure with at least one dossier in scope, by name.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with scoped as (
    select dp.procedure_code, count(*) as dossiers
    from dossier_period($start::DATE, $end::DATE) as dp
    where list_contains($units, dp.unit_code)
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
