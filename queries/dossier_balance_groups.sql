-- What it answers: the balance of dossiers for a period summed per unit group — the town
--   desks ('town') and the communes/wards ('commune_ward', every other kind) — as the
--   Overview's KPI tiles show it: one call per period instead of one per group.
-- How: the per-unit counts of the dossier_balance_counts macro (cchc/store/rollups.py), which
--   queries/dossier_balance.sql sums per unit, summed per unit group here with the same
--   measures and rate formulas; each row equals dossier_balance's total row (is_total) for
--   that group's selected units (tests/sql/test_kpis_groups.py checks it).
-- Grain: one row per unit group with at least one selected unit (unit_group); is_total is
--   true and unit_code, name, short_name, kind are NULL, as on dossier_balance's total row.
-- Reported: units without dossiers in scope that reported this very period are counted from
--   their aggregate report, as in queries/dossier_balance.sql (reported = true on the group).
-- Rates: ontime_rate = formula A (reporting forms): (early + on time) / resolved, in %.
--        rate_766 = formula B (Decision 766/QĐ-TTg): on time or within time / counted, in %.
--        online_share = online / received, in %. NULL where the denominator is 0.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, kind
    from units
    where unit_code in (select unnest($units))
),

computed as (
    select * exclude (kind), false as reported
    from dossier_balance_counts($start::DATE, $end::DATE, $units, $fields, $channels)
),

-- reported counts for units without dossiers in scope, exactly as queries/dossier_balance.sql
reported_rows as (
    select
        c.unit_code,
        r.carried_over::BIGINT as carried_over,
        r.received_new::BIGINT as received,
        r.received_in_person_postal::BIGINT as received_in_person,
        r.received_online::BIGINT as received_online,
        0::BIGINT as received_postal,
        r.early::BIGINT as early,
        r.on_time::BIGINT as on_time,
        r.late::BIGINT as late,
        r.in_progress::BIGINT as in_progress,
        r.in_progress_overdue::BIGINT as in_progress_overdue,
        r.withdrawn::BIGINT as withdrawn,
        (r.early + r.on_time + r.in_progress_within)::BIGINT as b_on_time,
        true as reported
    from computed as c
    join reported_balances as r
        on r.unit_code = c.unit_code and r.period_start = $start::DATE and r.period_end = $end::DATE
    where len($fields) = 0 and len($channels) = 0
      and c.carried_over + c.received + c.in_progress = 0
),

per_unit_counts as (
    select * from computed where unit_code not in (select unit_code from reported_rows)
    union all by name
    select * from reported_rows
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
        sum(c.b_on_time)::BIGINT as b_on_time,
        coalesce(bool_or(c.reported), false) as reported
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
        p.* exclude (unit_group, reported),
        100.0 * (p.early + p.on_time) / nullif(p.resolved, 0) as ontime_rate,
        100.0 * p.b_on_time / nullif(p.b_counted, 0) as rate_766,
        100.0 * p.received_online / nullif(p.received, 0) as online_share,
        p.reported
    from per_unit as p
)

select * from final
order by unit_group = 'town' desc
