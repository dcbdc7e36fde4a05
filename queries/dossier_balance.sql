-- What it answers: the balance of dossiers for a period, per unit, as on the reporting
--   forms: carried over + received = resolved (early + on time + late) + in progress
--   (within time + overdue) + withdrawn; with the on-time rates and the online share.
-- How: the counts per unit come from the dossier_balance_counts macro (cchc/store/rollups.py):
--   flows (received, resolved, withdrawn) from dossier_flows_between; stocks (carried over,
--   in progress at the end) from dossier_period_recent of the day before the period and of
--   its last day. queries/dossier_balance_groups.sql sums the same counts per unit group.
-- Reads the rollups maintained by cchc/store/rollups.py (rebuilt by rollups.refresh after every
--   write to dossiers); tests/test_rollups.py proves it returns exactly the rows of the
--   dossier_period-based reference tests/reference_queries/dossier_balance.sql.
-- Grain: one row per selected unit (also units with no dossiers), plus one total row
--   (is_total = true, unit_code NULL) computed over the same rows, so totals balance.
-- Identities: in_progress = stock at $end; b_counted = carried over + received - withdrawn;
--   b_on_time = resolved on time by formula B + in progress within time by formula B.
-- Rates: ontime_rate = formula A (reporting forms): (early + on time) / resolved, in %.
--        rate_766 = formula B (Decision 766/QĐ-TTg): on time or within time / counted, in %.
--        online_share = online / received, in %. NULL where the denominator is 0.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, name, short_name, kind
    from units
    where unit_code in (select unnest($units))
),

per_unit_counts as (
    select *
    from dossier_balance_counts($start::DATE, $end::DATE, $units, $fields, $channels)
),

per_unit as (
    select
        unit_code,
        sum(carried_over)::BIGINT as carried_over,
        sum(received)::BIGINT as received,
        sum(received_in_person)::BIGINT as received_in_person,
        sum(received_online)::BIGINT as received_online,
        sum(received_postal)::BIGINT as received_postal,
        sum(early + on_time + late)::BIGINT as resolved,
        sum(early)::BIGINT as early,
        sum(on_time)::BIGINT as on_time,
        sum(late)::BIGINT as late,
        sum(in_progress)::BIGINT as in_progress,
        sum(in_progress - in_progress_overdue)::BIGINT as in_progress_within,
        sum(in_progress_overdue)::BIGINT as in_progress_overdue,
        sum(withdrawn)::BIGINT as withdrawn,
        sum(carried_over + received - withdrawn)::BIGINT as b_counted,
        sum(b_on_time)::BIGINT as b_on_time,
        grouping(unit_code) = 1 as is_total
    from per_unit_counts
    group by grouping sets ((unit_code), ())
),

final as (
    select
        p.is_total,
        p.unit_code,
        u.name,
        u.short_name,
        u.kind,
        p.* exclude (is_total, unit_code),
        100.0 * (p.early + p.on_time) / nullif(p.resolved, 0) as ontime_rate,
        100.0 * p.b_on_time / nullif(p.b_counted, 0) as rate_766,
        100.0 * p.received_online / nullif(p.received, 0) as online_share
    from per_unit as p
    left join selected_units as u using (unit_code)
)

select * from final
order by is_total, kind = 'town' desc, kind = 'ward' desc, short_name collate vi
