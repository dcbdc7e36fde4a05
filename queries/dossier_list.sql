-- What it answers: the dossiers behind the figures of a period, one page at a time, for the
--   dossier list (Hồ sơ): each with its outcome in the period and the working days it is late.
-- Grain: one row per dossier in scope of dossier_period for the period (carried over or
--   received; resolved, in progress or withdrawn), after the list filters; at most $limit
--   rows starting at row $offset of the chosen order. The matching row count is
--   queries/dossier_list_count.sql (same filters: keep the two in step).
-- due_date is the effective due date of the classification (a due date on a weekend or
--   holiday moves to the next working day).
-- days_late: working days from the calendar table, counted after the due date up to and
--   including the finish date (resolved late) or the period end (in progress, overdue);
--   at least 1 for a late dossier (one finished on a weekend after its due date is late by
--   a day); NULL for dossiers that are not late, or when the calendar does not cover the dates.
-- Sorting: $sort is one of 'code', 'unit', 'procedure', 'field', 'channel', 'received',
--   'due', 'finished', 'state', 'outcome', 'days_late' (anything else: received date);
--   $descending (BOOLEAN). Ties and NULLs: NULLs last, then by dossier code.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all);
--   $states (INTEGER[], empty = all); $late_only (BOOLEAN: resolved late or in progress overdue);
--   $procedures (VARCHAR[], empty = all); $search (VARCHAR, '' = none: part of the dossier
--   code, procedure code or procedure name, ignoring case and Vietnamese diacritics);
--   $sort (VARCHAR); $descending (BOOLEAN); $limit, $offset (INTEGER);
--   $received_from, $received_to (DATE): only dossiers received within these dates are read.
--   cchc.dossier_list.received_window narrows them, from the rollups' counts, to the dates a
--   page sorted by received date must lie within (the oldest or newest months of a period);
--   '0001-01-01' and '9999-12-31' read everything. tests/sql/test_rollups.py proves that the
--   narrowed page is the page.
-- How: the page is chosen first, on the classified rows and only the sort key asked for
--   (names and working days are joined for every row only when the list is sorted by them),
--   then its rows alone are described: at 100 M dossiers a half-year holds 11 M rows, and
--   describing them all cost as much as choosing.
-- Search: the folded text (lower case, no diacritics, đ = d) of the dossier code, the
--   procedure code or the procedure name holds the folded $search. Codes are folded row by
--   row only when they are not plain ASCII (for ASCII, lower case is the folding); names are
--   folded once per procedure (searched_procedures), not once per dossier: at 10 M dossiers a
--   search went from about 2 s to about 0.1 s.
-- Classification: dossier_period_recent, the schema's dossier_period reading only recent and
--   long-running dossiers (cchc/store/rollups.py); tests/sql/test_rollups.py proves the query equal to
--   its dossier_period-based reference (tests/reference_queries/dossier_list.sql).
with working_days as (
    -- running count of working days: the working days in (a, b] are index(b) - index(a)
    select date, sum(is_working_day::INTEGER) over (order by date) as day_index
    from calendar
),

needle as (
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
      and dp.received_date between $received_from::DATE and $received_to::DATE
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
      and (len($states::INTEGER[]) = 0 or list_contains($states::INTEGER[], dp.state::INTEGER))
      and (not $late_only or dp.outcome in ('late', 'in_progress_overdue'))
      and (len($procedures) = 0 or list_contains($procedures, dp.procedure_code))
),

keyed as (
    -- the search filter and the sort keys: one key per value type, set only for the
    -- whitelisted $sort values of that type (anything else sorts by received date)
    select
        s.*,
        case $sort
            when 'code' then s.dossier_code
            when 'unit' then u.short_name
            when 'procedure' then coalesce(p.name, s.procedure_code)
            when 'field' then coalesce(f.name, s.field_code)
            when 'channel' then s.channel
            when 'outcome' then s.outcome
        end as text_key,
        case
            when $sort = 'due' then s.due_date
            when $sort = 'finished' then s.finished_date
            when $sort in ('code', 'unit', 'procedure', 'field', 'channel', 'outcome', 'state', 'days_late') then null
            else s.received_date
        end as date_key,
        case $sort
            when 'state' then s.state::INTEGER
            when 'days_late' then case
                when s.outcome = 'late' then greatest(fin.day_index - due.day_index, 1)
                when s.outcome = 'in_progress_overdue' then greatest(period_end.day_index - due.day_index, 1)
            end
        end as number_key
    from scoped as s
    left join units as u on u.unit_code = s.unit_code and $sort = 'unit'
    left join procedures as p
        on p.procedure_code = s.procedure_code and $sort = 'procedure'
    left join fields as f on f.field_code = s.field_code and $sort = 'field'
    left join working_days as due on due.date = s.due_date and $sort = 'days_late'
    left join working_days as fin on fin.date = s.finished_date and $sort = 'days_late'
    left join working_days as period_end on period_end.date = $end::DATE and $sort = 'days_late'
    where (select text from needle) = ''
       or contains(case when strlen(s.dossier_code) = length(s.dossier_code) then lower(s.dossier_code)
                        else replace(strip_accents(lower(s.dossier_code)), 'đ', 'd') end, (select text from needle))
       or contains(case when strlen(s.procedure_code) = length(s.procedure_code) then lower(s.procedure_code)
                        else replace(strip_accents(lower(s.procedure_code)), 'đ', 'd') end, (select text from needle))
       or s.procedure_code in (select procedure_code from searched_procedures)
),

page as (
    select * from keyed
    order by
        case when not $descending then text_key end collate vi asc nulls last,
        case when $descending then text_key end collate vi desc nulls last,
        case when not $descending then date_key end asc nulls last,
        case when $descending then date_key end desc nulls last,
        case when not $descending then number_key end asc nulls last,
        case when $descending then number_key end desc nulls last,
        dossier_code
    limit $limit
    offset $offset
),

final as (
    select
        s.dossier_code,
        s.unit_code,
        u.short_name as unit_name,
        s.procedure_code,
        coalesce(p.name, s.procedure_code) as procedure_name,
        s.field_code,
        coalesce(f.name, s.field_code) as field_name,
        s.channel,
        s.received_date,
        s.due_date,
        s.finished_date,
        s.state,
        s.outcome,
        -- the count of number_key when sorting by days late, here for the page's rows only
        case
            when s.outcome = 'late' then greatest(fin.day_index - due.day_index, 1)
            when s.outcome = 'in_progress_overdue' then greatest(period_end.day_index - due.day_index, 1)
        end as days_late,
        s.text_key, s.date_key, s.number_key
    from page as s
    left join units as u using (unit_code)
    left join procedures as p on p.procedure_code = s.procedure_code
    left join fields as f on f.field_code = s.field_code
    left join working_days as due on due.date = s.due_date
    left join working_days as fin on fin.date = s.finished_date
    left join working_days as period_end on period_end.date = $end::DATE
)

select * exclude (text_key, date_key, number_key)
from final
-- the page's order again, on its rows only (the same terms as in the page CTE)
order by
    case when not $descending then text_key end collate vi asc nulls last,
    case when $descending then text_key end collate vi desc nulls last,
    case when not $descending then date_key end asc nulls last,
    case when $descending then date_key end desc nulls last,
    case when not $descending then number_key end asc nulls last,
    case when $descending then number_key end desc nulls last,
    dossier_code
