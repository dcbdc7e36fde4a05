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
--   $sort (VARCHAR); $descending (BOOLEAN); $limit, $offset (INTEGER).
-- Reference of queries/dossier_list.sql (tests/sql/test_rollups.py): the same question on the
--   schema's dossier_period alone, every row described before the page is chosen, as the
--   query was before it read the rollups and chose the page first.
with working_days as (
    -- running count of working days: the working days in (a, b] are index(b) - index(a)
    select date, sum(is_working_day::INTEGER) over (order by date) as day_index
    from calendar
),

needle as (
    select replace(strip_accents(lower(trim($search))), 'đ', 'd') as text
),

scoped as (
    select dp.*
    from dossier_period($start::DATE, $end::DATE) as dp
    where dp.unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
      and (len($states::INTEGER[]) = 0 or list_contains($states::INTEGER[], dp.state::INTEGER))
      and (not $late_only or dp.outcome in ('late', 'in_progress_overdue'))
      and (len($procedures) = 0 or list_contains($procedures, dp.procedure_code))
),

described as (
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
        case
            when s.outcome = 'late' then greatest(fin.day_index - due.day_index, 1)
            when s.outcome = 'in_progress_overdue' then greatest(period_end.day_index - due.day_index, 1)
        end as days_late
    from scoped as s
    left join units as u using (unit_code)
    left join procedures as p on p.procedure_code = s.procedure_code
    left join fields as f on f.field_code = s.field_code
    left join working_days as due on due.date = s.due_date
    left join working_days as fin on fin.date = s.finished_date
    left join working_days as period_end on period_end.date = $end::DATE
    where (select text from needle) = ''
       or contains(replace(strip_accents(lower(s.dossier_code)), 'đ', 'd'), (select text from needle))
       or contains(replace(strip_accents(lower(s.procedure_code)), 'đ', 'd'), (select text from needle))
       or contains(replace(strip_accents(lower(coalesce(p.name, ''))), 'đ', 'd'), (select text from needle))
),

final as (
    select * from described
)

select * from final
order by
    -- one sort term per value type, each active only for its whitelisted keys and direction
    case when not $descending then
        case $sort
            when 'code' then dossier_code
            when 'unit' then unit_name
            when 'procedure' then procedure_name
            when 'field' then field_name
            when 'channel' then channel
            when 'outcome' then outcome
        end
    end collate vi asc nulls last,
    case when $descending then
        case $sort
            when 'code' then dossier_code
            when 'unit' then unit_name
            when 'procedure' then procedure_name
            when 'field' then field_name
            when 'channel' then channel
            when 'outcome' then outcome
        end
    end collate vi desc nulls last,
    case when not $descending then
        case $sort
            when 'due' then due_date
            when 'finished' then finished_date
            when 'code' then null
            when 'unit' then null
            when 'procedure' then null
            when 'field' then null
            when 'channel' then null
            when 'outcome' then null
            when 'state' then null
            when 'days_late' then null
            else received_date
        end
    end asc nulls last,
    case when $descending then
        case $sort
            when 'due' then due_date
            when 'finished' then finished_date
            when 'code' then null
            when 'unit' then null
            when 'procedure' then null
            when 'field' then null
            when 'channel' then null
            when 'outcome' then null
            when 'state' then null
            when 'days_late' then null
            else received_date
        end
    end desc nulls last,
    case when not $descending then
        case $sort when 'state' then state::INTEGER when 'days_late' then days_late end
    end asc nulls last,
    case when $descending then
        case $sort when 'state' then state::INTEGER when 'days_late' then days_late end
    end desc nulls last,
    dossier_code
limit $limit
offset $offset
