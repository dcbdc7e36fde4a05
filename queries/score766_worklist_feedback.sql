-- What it answers: citizen feedback (PAKN) about to pass its time limit on $as_of: not
--   answered, due (its due date, or 15 working days after reception) within $warn_days
--   working days or already past.
-- Grain: one row per feedback item on the worklist. Parameters: $as_of (DATE);
--   $units (VARCHAR[]); $warn_days (INTEGER). Needs cchc/store/schema_766.sql applied.
with wd as (
    select date, sum(is_working_day::INTEGER) over (order by date) as n
    from calendar
),

open_items as (
    select f.feedback_id, f.unit_code, f.received_date,
           coalesce(f.due_date, (select min(c.date) from wd as c
                                 where c.n = r.n + 15 and c.date > f.received_date)) as due_date
    from feedback_766 as f
    left join wd as r on r.date = f.received_date
    where f.unit_code in (select unnest($units))
      and f.received_date <= $as_of::DATE
      and (f.answered_date is null or f.answered_date > $as_of::DATE)
)

select o.*, wdue.n - wnow.n as working_days_left,
       case when o.due_date < $as_of::DATE then 'overdue' else 'due_soon' end as kind
from open_items as o
left join wd as wnow on wnow.date = $as_of::DATE
left join wd as wdue on wdue.date = o.due_date
where o.due_date < $as_of::DATE or wdue.n - wnow.n <= $warn_days
order by o.due_date, o.unit_code, o.feedback_id
