-- What it answers: the balance of dossiers for a period per unit "as today's units" (the
--   URL's history=today): the counts of queries/dossier_balance.sql per desk, re-mapped onto
--   the current units through the lineage (macro unit_shown of cchc/store/sql/schema_units.sql):
--   a unit merged whole is summed into its successor; a divided unit's dossiers all go to its
--   default successor, and every row that receives one is marked approximate.
-- How: dossier_balance_counts (cchc/store/rollups.py) over the desks that map onto the
--   selected units, summed per shown unit; the same columns as dossier_balance.sql plus
--   is_approx (BOOLEAN) and approx_from (the divided old units' short names, comma-separated).
--   tests/core/test_units_history.py proves each row is the sum of dossier_balance's rows of the
--   units mapped to it, and that the total is dossier_balance's total (nothing lost or
--   counted twice).
-- Grain: one row per selected current unit (also units with no dossiers), plus one total row
--   (is_total = true, unit_code NULL) over the same rows.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]: the units to show; old units among
--   them are shown as their successors); $fields, $channels (VARCHAR[], empty = all).
with shown as (
    select s.unit_code, s.shown_code, s.is_approx, u.short_name
    from unit_shown('today') as s
    join units as u using (unit_code)
    where s.shown_code in (select shown_code from unit_shown('today') where unit_code in (select unnest($units)))
),

selected_units as (
    select unit_code, name, short_name, kind
    from units
    where unit_code in (select shown_code from shown)
),

per_desk_counts as (
    select s.shown_code, s.is_approx, s.short_name as desk_name, c.* exclude (kind)
    from dossier_balance_counts($start::DATE, $end::DATE, (select list(unit_code) from shown), $fields, $channels) as c
    join shown as s using (unit_code)
),

per_unit as (
    select
        shown_code as unit_code,
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
        grouping(shown_code) = 1 as is_total,
        -- approximate only where a divided unit actually brought dossiers
        bool_or(is_approx and (carried_over + received + early + on_time + late + in_progress + withdrawn) > 0) as is_approx,
        string_agg(distinct desk_name, ', ' order by desk_name)
            filter (where is_approx and (carried_over + received + early + on_time + late + in_progress + withdrawn) > 0)
            as approx_from
    from per_desk_counts
    group by grouping sets ((shown_code), ())
),

final as (
    select
        p.is_total,
        p.unit_code,
        u.name,
        u.short_name,
        u.kind,
        p.* exclude (is_total, unit_code, is_approx, approx_from),
        100.0 * (p.early + p.on_time) / nullif(p.resolved, 0) as ontime_rate,
        100.0 * p.b_on_time / nullif(p.b_counted, 0) as rate_766,
        100.0 * p.received_online / nullif(p.received, 0) as online_share,
        coalesce(p.is_approx, false) as is_approx,
        p.approx_from,
        -- aggregate reports (reported_balances) are not re-mapped: as today's units the
        -- balance reads the dossiers only, so no row is a reported one
        false as reported
    from per_unit as p
    left join selected_units as u using (unit_code)
)

select * from final
order by is_total, kind = 'town' desc, kind = 'ward' desc, short_name collate vi
