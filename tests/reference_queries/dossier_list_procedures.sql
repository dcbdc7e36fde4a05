-- What it answers: the procedures that have dossiers in scope for the period and the shared
--   filters, for the procedure filter of the dossier list.
-- Grain: one row per procedure with at least one dossier in scope, by name.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
-- Reference of queries/dossier_list_procedures.sql (tests/sql/test_rollups.py): the same question
--   on the schema's dossier_period alone, as the query was before it read the rollups.
with scoped as (
    select dp.procedure_code, count(*) as dossiers
    from dossier_period($start::DATE, $end::DATE) as dp
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
