-- What it answers: the on-time rate (formula A: (early + on time) / resolved, in %) per
--   procedure (thủ tục) for a period, worst first, with the counts behind each rate so that
--   a rate over a handful of dossiers is not read as a trend.
-- How: flows from dossier_flows_between; dossiers overdue at the period end from
--   dossier_period_recent of that day.
-- Reads the rollups maintained by cchc/store/rollups.py (rebuilt by rollups.refresh after every
--   write to dossiers); tests/sql/test_rollups.py proves it returns exactly the rows of the
--   dossier_period-based reference tests/reference_queries/ontime_by_procedure.sql.
-- Grain: one row per procedure with at least $min_resolved dossiers resolved in the period
--   (0: every procedure with a dossier in scope).
-- Order: on-time rate ascending (procedures with nothing resolved last), then most late first.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all);
--   $min_resolved (INTEGER).
with flows as (
    select
        procedure_code,
        sum(received) as received,
        sum(resolved_early + resolved_on_time + resolved_late) as resolved,
        sum(resolved_early + resolved_on_time) as resolved_in_time,
        sum(resolved_late) as late
    from dossier_flows_between($start::DATE, $end::DATE)
    where unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by procedure_code
),

closing as (
    select procedure_code, count(*) filter (where outcome = 'in_progress_overdue') as in_progress_overdue
    from dossier_period_recent($end::DATE, $end::DATE)
    where outcome in ('in_progress_within', 'in_progress_overdue')
      and unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by procedure_code
),

per_procedure as (
    select
        procedure_code,
        coalesce(f.received, 0)::BIGINT as received,
        coalesce(f.resolved, 0)::BIGINT as resolved,
        coalesce(f.resolved_in_time, 0)::BIGINT as resolved_in_time,
        coalesce(f.late, 0)::BIGINT as late,
        coalesce(c.in_progress_overdue, 0)::BIGINT as in_progress_overdue
    from flows as f
    full join closing as c using (procedure_code)
),

final as (
    select
        p.procedure_code,
        coalesce(pr.name, p.procedure_code) as procedure_name,
        pr.field_code,
        coalesce(f.name, pr.field_code) as field_name,
        p.received,
        p.resolved,
        p.resolved_in_time,
        p.late,
        p.in_progress_overdue,
        100.0 * p.resolved_in_time / nullif(p.resolved, 0) as ontime_rate
    from per_procedure as p
    left join procedures as pr using (procedure_code)
    left join fields as f on f.field_code = pr.field_code
    where p.resolved >= $min_resolved
)

select * from final
order by ontime_rate asc nulls last, late desc, resolved desc, procedure_code
