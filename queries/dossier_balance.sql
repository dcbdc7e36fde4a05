-- What it answers: the balance of dossiers for a period, per unit, as on the reporting
--   forms: carried over + received = resolved (early + on time + late) + in progress
--   (within time + overdue) + withdrawn; with the on-time rates and the online share.
-- How: the counts per unit come from the dossier_balance_counts macro (cchc/store/rollups.py):
--   flows (received, resolved, withdrawn) from dossier_flows_between; stocks (carried over,
--   in progress at the end) from dossier_period_recent of the day before the period and of
--   its last day. queries/dossier_balance_groups.sql sums the same counts per unit group.
-- Reads the rollups maintained by cchc/store/rollups.py (rebuilt by rollups.refresh after every
--   write to dossiers); tests/sql/test_rollups.py proves it returns exactly the rows of the
--   dossier_period-based reference tests/reference_queries/dossier_balance.sql.
-- Reported: a unit with no dossier in scope (all computed counts 0) that reported this very
--   period in an aggregate report (reported_balances) gets the reported counts instead, with
--   reported = true (the total row: true when any unit's row is reported). Not with a field
--   or channel filter. Without aggregate reports every row is as computed, reported = false.
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

computed as (
    select *, false as reported
    from dossier_balance_counts($start::DATE, $end::DATE, $units, $fields, $channels)
),

-- What a unit reported for exactly this period (reported_balances, schema_aggregates.sql),
-- only where no dossier of it is in scope: reported and computed counts are never added.
-- Reported forms have no fields and do not split in person from postal: not used when the
-- fields or channels are filtered; in person + postal is counted as in person.
reported_rows as (
    select
        c.unit_code,
        c.kind,
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
        coalesce(bool_or(reported), false) as reported,
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
        p.* exclude (is_total, unit_code, reported),
        100.0 * (p.early + p.on_time) / nullif(p.resolved, 0) as ontime_rate,
        100.0 * p.b_on_time / nullif(p.b_counted, 0) as rate_766,
        100.0 * p.received_online / nullif(p.received, 0) as online_share,
        p.reported
    from per_unit as p
    left join selected_units as u using (unit_code)
)

select * from final
order by is_total, kind = 'town' desc, kind = 'ward' desc, short_name collate vi
