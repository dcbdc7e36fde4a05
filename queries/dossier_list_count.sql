-- What it answers: how many dossiers the dossier list (queries/dossier_list.sql) holds for
--   its filters, for the pager and the export cap.
-- Grain: one row: matching (the count).
-- Parameters: as queries/dossier_list.sql without $sort, $descending, $limit, $offset:
--   $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all);
--   $states (INTEGER[], empty = all); $late_only (BOOLEAN); $procedures (VARCHAR[], empty = all);
--   $search (VARCHAR, '' = none). Keep the filters in step with dossier_list.sql.
-- Search: as in dossier_list.sql, the folded text (lower case, no diacritics, đ = d) of the dossier code, the
--   procedure code or the procedure name holds the folded $search. Codes are folded row by
--   row only when they are not plain ASCII (for ASCII, lower case is the folding); names are
--   folded once per procedure (searched_procedures), not once per dossier: at 10 M dossiers a
--   search went from about 2 s to about 0.1 s.
-- Classification: dossier_period_recent, the schema's dossier_period reading only recent and
--   long-running dossiers (cchc/store/rollups.py); tests/sql/test_rollups.py proves it equal to the
--   dossier_period-based reference: this text with dossier_period in its place.
with needle as (
    select replace(strip_accents(lower(trim($search))), 'đ', 'd') as text
),

searched_procedures as (
    -- the catalogue's procedures whose folded name holds the search text
    select procedure_code
    from procedures
    where contains(replace(strip_accents(lower(coalesce(name, ''))), 'đ', 'd'), (select text from needle))
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
    where (select text from needle) = ''
       or contains(case when strlen(s.dossier_code) = length(s.dossier_code) then lower(s.dossier_code)
                        else replace(strip_accents(lower(s.dossier_code)), 'đ', 'd') end, (select text from needle))
       or contains(case when strlen(s.procedure_code) = length(s.procedure_code) then lower(s.procedure_code)
                        else replace(strip_accents(lower(s.procedure_code)), 'đ', 'd') end, (select text from needle))
       or s.procedure_code in (select procedure_code from searched_procedures)
)

select * from final
