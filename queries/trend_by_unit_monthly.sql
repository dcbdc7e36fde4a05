-- What it answers: the monthly trend per unit: dossiers received, resolved and the on-time
--   rate (formula A: (early + on time) / resolved, in %), plus each unit's volume rank so
--   that a chart can keep the busiest units readable.
-- How: the monthly flows of dossier_flows_between.
-- Reads the rollups maintained by cchc/store/rollups.py (rebuilt by rollups.refresh after every
--   write to dossiers); tests/sql/test_rollups.py proves it returns exactly the rows of the
--   dossier_period-based reference tests/reference_queries/trend_by_unit_monthly.sql.
-- Grain: one row per month (first day, DATE) in [$start, $end] and selected unit, including
--   months without dossiers (counts 0, rate NULL). Received counts by received month,
--   resolved by finish month.
-- volume_rank: 1 = the unit with most dossiers received over the whole range (ties by name).
-- Parameters: $start, $end (DATE, whole months); $units (VARCHAR[]);
--   $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, name, short_name, kind
    from units
    where unit_code in (select unnest($units))
),

months as (
    select unnest(generate_series(date_trunc('month', $start::DATE), $end::DATE, interval 1 month))::DATE as month
),

flows as (
    select
        unit_code,
        month,
        sum(received)::BIGINT as received,
        coalesce(sum(received) filter (where channel = 'online'), 0)::BIGINT as received_online,
        sum(resolved_early + resolved_on_time + resolved_late)::BIGINT as resolved,
        sum(resolved_early + resolved_on_time)::BIGINT as resolved_in_time,
        sum(resolved_late)::BIGINT as late
    from dossier_flows_between($start::DATE, $end::DATE)
    where unit_code in (select unnest($units))
      and (len($fields) = 0 or list_contains($fields, field_code))
      and (len($channels) = 0 or list_contains($channels, channel))
    group by all
),

grid as (
    select
        m.month,
        u.unit_code,
        u.name,
        u.short_name,
        u.kind,
        coalesce(f.received, 0) as received,
        coalesce(f.received_online, 0) as received_online,
        coalesce(f.resolved, 0) as resolved,
        coalesce(f.resolved_in_time, 0) as resolved_in_time,
        coalesce(f.late, 0) as late,
        100.0 * f.resolved_in_time / nullif(f.resolved, 0) as ontime_rate
    from months as m
    cross join selected_units as u
    left join flows as f on f.unit_code = u.unit_code and f.month = m.month
),

volume as (
    select unit_code, sum(received) as received_total
    from grid
    group by unit_code
),

ranked as (
    select
        v.unit_code,
        row_number() over (order by v.received_total desc, u.short_name collate vi, v.unit_code) as volume_rank
    from volume as v
    join selected_units as u using (unit_code)
),

final as (
    select g.*, r.volume_rank
    from grid as g
    join ranked as r using (unit_code)
)

select * from final
order by volume_rank, month
