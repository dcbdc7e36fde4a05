-- What it answers: how many dossiers the dossier list (queries/dossier_list.sql) holds for
--   its filters, for the pager and the export cap.
-- Grain: one row: matching (the count).
-- Parameters: as queries/dossier_list.sql without $sort, $descending, $limit, $offset:
--   $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all);
--   $states (INTEGER[], empty = all); $late_only (BOOLEAN); $procedures (VARCHAR[], empty = all);
--   $search (VARCHAR, '' = none). Keep the filters in step with dossier_list.sql.
-- Classification: dossier_period_recent, the schema's dossier_period reading only recent and
--   long-running dossiers (cchc/rollups.py); tests/test_rollups.py proves it equal to the
--   dossier_period-based reference: this text with dossier_period in its place.
with needle as (
    select replace(strip_accents(lower(trim($search))), 'đ', 'd') as text
),

scoped as (
    select dp.*
    from dossier_period_recent($start::DATE, $end::DATE) as dp
    where dp.unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
      and (len($states::INTEGER[]) = 0 or list_contains($states::INTEGER[], dp.state::INTEGER))
      and (not $late_only or dp.outcome in ('late', 'in_progress_overdue'))
      and (len($procedures) = 0 or list_contains($procedures, dp.procedure_code))
),

final as (
    select count(*) as matching
    from scoped as s
    left join procedures as p on p.procedure_code = s.procedure_code
    where (select text from needle) = ''
       or contains(replace(strip_accents(lower(s.dossier_code)), 'đ', 'd'), (select text from needle))
       or contains(replace(strip_accents(lower(s.procedure_code)), 'đ', 'd'), (select text from needle))
       or contains(replace(strip_accents(lower(coalesce(p.name, ''))), 'đ', 'd'), (select text from needle))
)

select * from final
