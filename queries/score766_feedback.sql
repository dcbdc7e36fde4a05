-- What it answers: citizen feedback (PAKN) counts per unit for the Decision 766 index:
--   feedback received in the period, answered by its due date, and the senders satisfied.
--   An unanswered item is on time while its due date is on or after the period end.
-- Grain: one row per unit with feedback received in the period.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]).
-- Needs cchc/store/schema_766.sql applied.
select
    unit_code,
    count(*) as received,
    count(*) filter (where (answered_date is not null and answered_date <= $end::DATE
                            and answered_date <= coalesce(due_date, answered_date))
                        or ((answered_date is null or answered_date > $end::DATE)
                            and coalesce(due_date, $end::DATE) >= $end::DATE)) as on_time,
    count(*) filter (where satisfied) as satisfied
from feedback_766
where received_date between $start::DATE and $end::DATE
  and unit_code in (select unnest($units))
group by unit_code
order by unit_code
