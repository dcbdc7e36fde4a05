-- REFERENCE for tests/sql/test_rollups.py: queries/trend_by_unit_monthly.sql as written directly on the schema's
--   dossier_period macro (reading every dossier), without the rollups. Not used by the app.
-- What it answers: the monthly trend per unit: dossiers received, resolved and the on-time
--   rate (formula A: (early + on time) / resolved, in %), plus each unit's volume rank so
--   that a chart can keep the busiest units readable.
-- Grain: one row per month (first day, DATE) in [$start, $end] and selected unit, including
--   months without dossiers (counts 0, rate NULL). Received counts by received month,
--   resolved by finish month; both from the one classification dossier_period over the range.
-- volume_rank: 1 = the unit with most dossiers received over the whole range (ties by name).
-- Parameters: $start, $end (DATE, whole months); $units (VARCHAR[]);
--   $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, name, short_name, kind
    from units
    where list_contains($units, unit_code)
),

months as (
    select unnest(generate_series(date_trunc('month', $start::DATE), $end::DATE, interval 1 month))::DATE as month
),

scoped as (
    select dp.*
    from dossier_period($start::DATE, $end::DATE) as dp
    where list_contains($units, dp.unit_code)
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
),

received as (
    select unit_code, date_trunc('month', received_date)::DATE as month,
           count(*) as received,
           count(*) filter (where channel = 'online') as received_online
    from scoped
    where is_received
    group by all
),

resolved as (
    select unit_code, date_trunc('month', finished_date)::DATE as month,
           count(*) as resolved,
           count(*) filter (where outcome in ('early', 'on_time')) as resolved_in_time,
           count(*) filter (where outcome = 'late') as late
    from scoped
    where outcome in ('early', 'on_time', 'late')
    group by all
),

grid as (
    select
        m.month,
        u.unit_code,
        u.name,
        u.short_name,
        u.kind,
        coalesce(r.received, 0) as received,
        coalesce(r.received_online, 0) as received_online,
        coalesce(s.resolved, 0) as resolved,
        coalesce(s.resolved_in_time, 0) as resolved_in_time,
        coalesce(s.late, 0) as late,
        100.0 * s.resolved_in_time / nullif(s.resolved, 0) as ontime_rate
    from months as m
    cross join selected_units as u
    left join received as r on r.unit_code = u.unit_code and r.month = m.month
    left join resolved as s on s.unit_code = u.unit_code and s.month = m.month
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
