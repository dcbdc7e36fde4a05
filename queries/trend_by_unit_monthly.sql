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
-- History: $history = 'then' (as the units were: every desk as itself; is_approx false,
--   approx_from NULL) or 'today' (as today's units: each desk's dossiers counted under the
--   current unit it is shown as, macro unit_shown of cchc/store/sql/schema_units.sql: a unit
--   merged whole goes to its successor, a divided unit's dossiers all to its default
--   successor; is_approx/approx_from name the divided units that brought dossiers, for
--   cchc.core.units.approx_note). One query for both, so the counts and the rate have one
--   definition; tests/sql/test_history_trends.py checks that the two modes' sums agree.
-- Parameters: $history ('then' | 'today'); $start, $end (DATE, whole months); $units (VARCHAR[]);
--   $fields, $channels (VARCHAR[], empty = all).
with shown as (
    select s.unit_code, s.shown_code, s.is_approx, u.short_name as desk_name
    from unit_shown($history) as s
    join units as u using (unit_code)
    where s.shown_code in (select shown_code from unit_shown($history) where unit_code in (select unnest($units)))
),

selected_units as (
    select unit_code, name, short_name, kind
    from units
    where unit_code in (select shown_code from shown)
),

months as (
    select unnest(generate_series(date_trunc('month', $start::DATE), $end::DATE, interval 1 month))::DATE as month
),

flows as (
    select
        s.shown_code as unit_code,
        f.month,
        sum(f.received)::BIGINT as received,
        coalesce(sum(f.received) filter (where f.channel = 'online'), 0)::BIGINT as received_online,
        sum(f.resolved_early + f.resolved_on_time + f.resolved_late)::BIGINT as resolved,
        sum(f.resolved_early + f.resolved_on_time)::BIGINT as resolved_in_time,
        sum(f.resolved_late)::BIGINT as late,
        -- approximate only where a divided unit actually brought dossiers
        string_agg(distinct s.desk_name, ', ' order by s.desk_name) filter (
            where s.is_approx and (f.received + f.resolved_early + f.resolved_on_time + f.resolved_late) > 0
        ) as approx_from
    from dossier_flows_between($start::DATE, $end::DATE) as f
    join shown as s using (unit_code)
    where (len($fields) = 0 or list_contains($fields, f.field_code))
      and (len($channels) = 0 or list_contains($channels, f.channel))
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
        100.0 * f.resolved_in_time / nullif(f.resolved, 0) as ontime_rate,
        f.approx_from is not null as is_approx,
        f.approx_from
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
