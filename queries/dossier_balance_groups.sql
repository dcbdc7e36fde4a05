-- What it answers: the balance of dossiers for a period summed per unit group — the town
--   desks ('town') and the communes/wards ('commune_ward', every other kind) — as the
--   Overview's KPI tiles show it: one call per period instead of one per group.
-- How: exactly queries/dossier_balance.sql (same CTEs, measures and rate formulas, text for
--   text up to per_unit_counts), then summed per unit group instead of per unit; each row equals dossier_balance's total row (is_total) for that group's
--   selected units (tests/test_kpis_groups.py checks it). Keep the two files in step.
-- Grain: one row per unit group with at least one selected unit (unit_group); is_total is
--   true and unit_code, name, short_name, kind are NULL, as on dossier_balance's total row.
-- Rates: ontime_rate = formula A (reporting forms): (early + on time) / resolved, in %.
--        rate_766 = formula B (Decision 766/QĐ-TTg): on time or within time / counted, in %.
--        online_share = online / received, in %. NULL where the denominator is 0.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, name, short_name, kind
    from units
    where unit_code in (select unnest($units))
),

flows as (
    select
        unit_code,
        sum(received) as received,
        sum(received) filter (where channel = 'in_person') as received_in_person,
        sum(received) filter (where channel = 'online') as received_online,
        sum(received) filter (where channel = 'postal') as received_postal,
        sum(resolved_early) as early,
        sum(resolved_on_time) as on_time,
        sum(resolved_late) as late,
        sum(withdrawn) as withdrawn,
        sum(resolved_b_on_time) as resolved_b_on_time
    from dossier_flows_between($start::DATE, $end::DATE)
    where unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by unit_code
),

opening as (
    select unit_code, count(*) as carried_over
    from dossier_period_recent($start::DATE - 1, $start::DATE - 1)
    where outcome in ('in_progress_within', 'in_progress_overdue')
      and unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by unit_code
),

closing as (
    select
        unit_code,
        count(*) as in_progress,
        count(*) filter (where outcome = 'in_progress_overdue') as in_progress_overdue,
        count(*) filter (where b_on_time) as open_b_on_time
    from dossier_period_recent($end::DATE, $end::DATE)
    where outcome in ('in_progress_within', 'in_progress_overdue')
      and unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by unit_code
),

per_unit_counts as (
    select
        u.unit_code,
        coalesce(o.carried_over, 0) as carried_over,
        coalesce(f.received, 0) as received,
        coalesce(f.received_in_person, 0) as received_in_person,
        coalesce(f.received_online, 0) as received_online,
        coalesce(f.received_postal, 0) as received_postal,
        coalesce(f.early, 0) as early,
        coalesce(f.on_time, 0) as on_time,
        coalesce(f.late, 0) as late,
        coalesce(c.in_progress, 0) as in_progress,
        coalesce(c.in_progress_overdue, 0) as in_progress_overdue,
        coalesce(f.withdrawn, 0) as withdrawn,
        coalesce(f.resolved_b_on_time, 0) + coalesce(c.open_b_on_time, 0) as b_on_time
    from selected_units as u
    left join flows as f using (unit_code)
    left join opening as o using (unit_code)
    left join closing as c using (unit_code)
),

per_unit as (
    select
        case when u.kind = 'town' then 'town' else 'commune_ward' end as unit_group,
        sum(c.carried_over)::BIGINT as carried_over,
        sum(c.received)::BIGINT as received,
        sum(c.received_in_person)::BIGINT as received_in_person,
        sum(c.received_online)::BIGINT as received_online,
        sum(c.received_postal)::BIGINT as received_postal,
        sum(c.early + c.on_time + c.late)::BIGINT as resolved,
        sum(c.early)::BIGINT as early,
        sum(c.on_time)::BIGINT as on_time,
        sum(c.late)::BIGINT as late,
        sum(c.in_progress)::BIGINT as in_progress,
        sum(c.in_progress - c.in_progress_overdue)::BIGINT as in_progress_within,
        sum(c.in_progress_overdue)::BIGINT as in_progress_overdue,
        sum(c.withdrawn)::BIGINT as withdrawn,
        sum(c.carried_over + c.received - c.withdrawn)::BIGINT as b_counted,
        sum(c.b_on_time)::BIGINT as b_on_time
    from per_unit_counts as c
    join selected_units as u using (unit_code)
    group by 1
),

final as (
    select
        p.unit_group,
        true as is_total,
        null::VARCHAR as unit_code,
        null::VARCHAR as name,
        null::VARCHAR as short_name,
        null::VARCHAR as kind,
        p.* exclude (unit_group),
        100.0 * (p.early + p.on_time) / nullif(p.resolved, 0) as ontime_rate,
        100.0 * p.b_on_time / nullif(p.b_counted, 0) as rate_766,
        100.0 * p.received_online / nullif(p.received, 0) as online_share
    from per_unit as p
)

select * from final
order by unit_group = 'town' desc
