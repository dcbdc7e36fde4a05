-- What it answers: the dossiers about to cost Decision 766 points on a day ($as_of): open
--   (received, not finished) and already overdue, due within $warn_days working days, or
--   waiting on a second supplement request (already late by the portal's rule).
-- Working days come from the calendar table (Tết and swapped days as decided), never by rule.
-- Grain: one row per dossier on the worklist, most urgent first.
-- Parameters: $as_of (DATE); $units (VARCHAR[]); $warn_days (INTEGER).
with wd as (
    select date, sum(is_working_day::INTEGER) over (order by date) as n
    from calendar
),

open_dossiers as (
    select x.dossier_code, x.unit_code, x.procedure_code, p.name as procedure_name, x.state,
           x.received_date, x.supplement_count,
           coalesce(w.next_working_day, x.due_date) as due_date
    from dossiers as x
    left join next_working_day as w on w.date = x.due_date
    left join procedures as p using (procedure_code)
    where x.unit_code in (select unnest($units))
      and x.state in (2, 4, 5, 6)
      and x.received_date <= $as_of::DATE
      and (x.finished_date is null or x.finished_date > $as_of::DATE)
),

final as (
    select o.*,
        wdue.n - wnow.n as working_days_left,
        case
            when o.supplement_count > 1 then 'second_supplement'
            when o.due_date < $as_of::DATE then 'overdue'
            else 'due_soon'
        end as kind
    from open_dossiers as o
    left join wd as wnow on wnow.date = $as_of::DATE
    left join wd as wdue on wdue.date = o.due_date
    where o.supplement_count > 1
       or o.due_date < $as_of::DATE
       or (o.due_date >= $as_of::DATE and wdue.n - wnow.n <= $warn_days)
)

select * from final
order by kind = 'due_soon', due_date, unit_code, dossier_code
