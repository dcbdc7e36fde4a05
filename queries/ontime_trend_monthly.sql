-- What it answers: the monthly trend of dossiers received, resolved and the on-time rate
--   (formula A: (early + on time) / resolved, in %) for two groups of units: the town
--   desks ('town') and the communes/wards ('commune_ward').
-- How: the monthly flows of dossier_flows_between.
-- Reads the rollups maintained by cchc/store/rollups.py (rebuilt by rollups.refresh after every
--   write to dossiers); tests/sql/test_rollups.py proves it returns exactly the rows of the
--   dossier_period-based reference tests/reference_queries/ontime_trend_monthly.sql.
-- Grain: one row per month (first day, DATE) and unit group with any dossier received or
--   resolved in it; received counts by received month, resolved by finish month.
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

scoped as (
    select
        f.*,
        s.is_approx,
        s.desk_name,
        case when su.kind = 'town' then 'town' else 'commune_ward' end as unit_group
    from dossier_flows_between($start::DATE, $end::DATE) as f
    join shown as s using (unit_code)
    join units as su on su.unit_code = s.shown_code
    where (len($fields) = 0 or list_contains($fields, f.field_code))
      and (len($channels) = 0 or list_contains($channels, f.channel))
),

received as (
    select unit_group, month,
           sum(received)::BIGINT as received,
           coalesce(sum(received) filter (where channel = 'online'), 0)::BIGINT as received_online
    from scoped
    group by all
    having sum(received) > 0
),

resolved as (
    select unit_group, month,
           sum(resolved_early + resolved_on_time + resolved_late)::BIGINT as resolved,
           sum(resolved_early + resolved_on_time)::BIGINT as resolved_in_time,
           sum(resolved_late)::BIGINT as late
    from scoped
    group by all
    having sum(resolved_early + resolved_on_time + resolved_late) > 0
),

-- approximate only where a divided unit actually brought dossiers to the month
approx as (
    select unit_group, month,
           string_agg(distinct desk_name, ', ' order by desk_name) as approx_from
    from scoped
    where is_approx and (received + resolved_early + resolved_on_time + resolved_late) > 0
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
        100.0 * r.received_online / nullif(r.received, 0) as online_share,
        a.approx_from is not null as is_approx,
        a.approx_from
    from received as r
    full join resolved as s using (unit_group, month)
    left join approx as a using (unit_group, month)
)

select * from final
order by unit_group desc, month
