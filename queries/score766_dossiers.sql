-- What it answers: the dossier counts behind the Decision 766 index for a period: the
--   "Tiến độ giải quyết" rule exactly as the national portal counts it (sub-indicator 2.1),
--   why each late dossier is late, and the per-dossier facts the other groups score
--   (online, fee paid online, digitised, electronic result, population data, synced ...).
-- Rule (docs/766.md, domain.md §8): a dossier is counted when it was received (state not 1
--   or 3, or refused after reception) on or before $end and did not end before $start. Its end
--   of processing is the first finishing state of $finish_states: 7 withdrawn, 9 processed
--   (finished_date; 9 wins over 10, so a handed-back dossier ends when it was processed),
--   10 handed back (returned_date, only when 9 is not a finishing state), 8 stopped and a
--   refusal after reception (dossier_services_766.ended_date, when $refusal_finishes).
--   On time = end of processing, less the supplement wait (supplied - requested, calendar
--   days), on or before the effective due date (moved off weekends and holidays). More than
--   one supplement request = late. A dossier still waiting for a supplement at $end is judged
--   at its request date. Not ended by $end: judged at $end. No due date: on time when the
--   working days from reception to the judged day are within the procedure's statutory days.
--   received, received_online and the *_received counts: received on or after $start.
-- Grain: one row per unit x procedure with a counted dossier (counts, BIGINT).
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $finish_states (INTEGER[]);
--   $refusal_finishes (BOOLEAN).
-- Needs cchc/store/schema_766.sql applied (its tables may be empty).
with wd as (
    -- running count of working days: working days in (a, b] = wd(b) - wd(a)
    select date, sum(is_working_day::INTEGER) over (order by date) as n
    from calendar
),

d as (
    select
        x.dossier_code, x.unit_code, x.procedure_code, x.channel, x.state,
        x.received_date, x.finished_date, x.returned_date,
        x.supplement_requested_date, x.supplement_supplied_date, x.supplement_count,
        coalesce(w.next_working_day, x.due_date) as due_date,
        p.processing_days,
        s.dossier_code is not null as has_services,
        coalesce(s.refused_after_reception, false) as refused_after,
        s.ended_date, s.has_fee, s.paid_online, s.digitised, s.e_result, s.reused_data,
        s.personal_store, s.population_data, s.synced_portal, s.complaint
    from dossiers as x
    left join next_working_day as w on w.date = x.due_date
    left join procedures as p using (procedure_code)
    left join dossier_services_766 as s using (dossier_code)
    where x.unit_code in (select unnest($units))
      and x.received_date <= $end::DATE
      and (x.state not in (1, 3) or coalesce(s.refused_after_reception, false))
),

ended as (
    select *,
        case
            when refused_after then (case when $refusal_finishes then ended_date end)
            when state = 8 and list_contains($finish_states, 8) then ended_date
            when state = 7 and list_contains($finish_states, 7) then finished_date
            when state in (9, 10) and list_contains($finish_states, 9) then finished_date
            when state = 10 and list_contains($finish_states, 10) then coalesce(returned_date, finished_date)
        end as end_date
    from d
),

scoped as (
    select *,
        end_date is not null and end_date <= $end::DATE as is_ended,
        state = 5 and supplement_requested_date is not null and supplement_supplied_date is null
            and supplement_requested_date <= $end::DATE as is_waiting_supplement,
        coalesce(supplement_supplied_date - supplement_requested_date, 0)::INTEGER as supplement_wait
    from ended
    where end_date is null or end_date >= $start::DATE
),

judged as (
    select s.*,
        case
            when s.is_ended then s.end_date - s.supplement_wait
            when s.is_waiting_supplement then s.supplement_requested_date
            else $end::DATE - s.supplement_wait
        end as judged_date
    from scoped as s
),

classified as (
    select j.*,
        case
            when j.supplement_count > 1 then 'late_second_supplement'
            when j.due_date is null then
                case
                    when j.processing_days is null then 'on_time'
                    when coalesce(wj.n, 0) - coalesce(wr.n, 0) <= j.processing_days then 'on_time'
                    else 'late_no_due'
                end
            when j.judged_date <= j.due_date then 'on_time'
            when j.is_ended then 'late_finished'
            when j.is_waiting_supplement then 'late_waiting_supplement'
            else 'late_open'
        end as verdict
    from judged as j
    left join wd as wr on wr.date = j.received_date
    left join wd as wj on wj.date = j.judged_date
),

final as (
    select
        unit_code,
        procedure_code,
        count(*) as counted,
        count(*) filter (where verdict = 'on_time') as on_time,
        count(*) filter (where verdict <> 'on_time') as late,
        count(*) filter (where verdict = 'late_finished') as late_finished,
        count(*) filter (where verdict = 'late_open') as late_open,
        count(*) filter (where verdict = 'late_waiting_supplement') as late_waiting_supplement,
        count(*) filter (where verdict = 'late_second_supplement') as late_second_supplement,
        count(*) filter (where verdict = 'late_no_due') as late_no_due,
        count(*) filter (where verdict <> 'on_time' and supplement_count >= 1) as late_with_supplement,
        count(*) filter (where received_date >= $start::DATE) as received,
        count(*) filter (where received_date >= $start::DATE and channel = 'online') as received_online,
        count(*) filter (where has_services) as with_services,
        count(*) filter (where has_fee) as with_fee,
        count(*) filter (where has_fee and paid_online) as paid_online,
        count(*) filter (where digitised) as digitised,
        count(*) filter (where e_result) as e_result,
        count(*) filter (where reused_data) as reused_data,
        count(*) filter (where personal_store) as personal_store,
        count(*) filter (where population_data) as population_data,
        count(*) filter (where synced_portal) as synced_portal,
        count(*) filter (where complaint) as complaint,
        -- the portal's 1.4, 4.3 and 4.4 count the dossiers received in the period (qd766
        -- web/src/formula-document.ts), not every dossier counted for Tiến độ
        count(*) filter (where received_date >= $start::DATE and synced_portal) as synced_received,
        count(*) filter (where received_date >= $start::DATE and reused_data) as reused_received,
        count(*) filter (where received_date >= $start::DATE and personal_store) as personal_store_received
    from classified
    group by unit_code, procedure_code
)

select * from final
order by unit_code, procedure_code
