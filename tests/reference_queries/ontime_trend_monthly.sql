-- REFERENCE for tests/sql/test_rollups.py: queries/ontime_trend_monthly.sql as written directly on the schema's
--   dossier_period macro (reading every dossier), without the rollups. Not used by the app.
-- What it answers: the monthly trend of dossiers received, resolved and the on-time rate
--   (formula A: (early + on time) / resolved, in %) for two groups of units: the town
--   desks ('town') and the communes/wards ('commune_ward').
-- Grain: one row per month (first day, DATE) and unit group that has any dossier.
--   Received counts by received month, resolved by finish month; both from the one
--   classification dossier_period over the whole range.
-- Parameters: $start, $end (DATE, whole months); $units (VARCHAR[]);
--   $fields, $channels (VARCHAR[], empty = all).
with scoped as (
    select
        dp.*,
        case when u.kind = 'town' then 'town' else 'commune_ward' end as unit_group
    from dossier_period($start::DATE, $end::DATE) as dp
    join units as u using (unit_code)
    where list_contains($units, dp.unit_code)
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
),

received as (
    select unit_group, date_trunc('month', received_date)::DATE as month,
           count(*) as received,
           count(*) filter (where channel = 'online') as received_online
    from scoped
    where is_received
    group by all
),

resolved as (
    select unit_group, date_trunc('month', finished_date)::DATE as month,
           count(*) as resolved,
           count(*) filter (where outcome in ('early', 'on_time')) as resolved_in_time,
           count(*) filter (where outcome = 'late') as late
    from scoped
    where outcome in ('early', 'on_time', 'late')
    group by all
),

final as (
    select
        unit_group,
        month,
        coalesce(r.received, 0) as received,
        coalesce(r.received_online, 0) as received_online,
        coalesce(s.resolved, 0) as resolved,
        coalesce(s.resolved_in_time, 0) as resolved_in_time,
        coalesce(s.late, 0) as late,
        100.0 * s.resolved_in_time / nullif(s.resolved, 0) as ontime_rate,
        100.0 * r.received_online / nullif(r.received, 0) as online_share
    from received as r
    full join resolved as s using (unit_group, month)
)

select * from final
order by unit_group desc, month
