-- What it answers: the procedure catalogue as the Decision 766 index scores it: the
--   procedures in force at the period end, per handling level, with whether each is provided
--   online, fee-bearing, eligible fully online, published on time and complete, and linked to
--   the population database (NULL where procedure_services_766 has no row).
-- Grain: one row per procedure in force on $end.
-- Parameters: $end (DATE).
-- Needs cchc/store/schema_766.sql applied (its tables may be empty).
select
    p.procedure_code,
    p.name,
    p.level,
    p.online_level in ('3', '4', 'full', 'partial') as provided_online,
    s.procedure_code is not null as has_services,
    s.fee_bearing,
    s.fully_online_eligible,
    case when s.publish_due_date is null or s.published_date is null then null
         else s.published_date <= s.publish_due_date end as published_on_time,
    s.content_complete,
    s.population_linked
from procedures_in_force($end::DATE) as p
left join procedure_services_766 as s using (procedure_code)
order by p.procedure_code
