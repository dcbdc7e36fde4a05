-- REFERENCE for tests/sql/test_rollups.py: queries/dossier_balance.sql as written directly on the schema's
--   dossier_period macro (reading every dossier), without the rollups. Not used by the app.
-- What it answers: the balance of dossiers for a period, per unit, as on the reporting
--   forms: carried over + received = resolved (early + on time + late) + in progress
--   (within time + overdue) + withdrawn; with the on-time rates and the online share.
-- Grain: one row per selected unit (also units with no dossiers), plus one total row
--   (is_total = true, unit_code NULL) computed over the same rows, so totals balance.
-- Rates: ontime_rate = formula A (reporting forms): (early + on time) / resolved, in %.
--        rate_766 = formula B (Decision 766/QĐ-TTg): on time or within time / counted, in %.
--        online_share = online / received, in %. NULL where the denominator is 0.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with selected_units as (
    select unit_code, name, short_name, kind
    from units
    where list_contains($units, unit_code)
),

scoped as (
    select dp.*
    from dossier_period($start::DATE, $end::DATE) as dp
    where list_contains($units, dp.unit_code)
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
),

per_unit as (
    select
        u.unit_code,
        count(s.dossier_code) filter (where s.is_carried_over) as carried_over,
        count(s.dossier_code) filter (where s.is_received) as received,
        count(s.dossier_code) filter (where s.is_received and s.channel = 'in_person') as received_in_person,
        count(s.dossier_code) filter (where s.is_received and s.channel = 'online') as received_online,
        count(s.dossier_code) filter (where s.is_received and s.channel = 'postal') as received_postal,
        count(s.dossier_code) filter (where s.outcome in ('early', 'on_time', 'late')) as resolved,
        count(s.dossier_code) filter (where s.outcome = 'early') as early,
        count(s.dossier_code) filter (where s.outcome = 'on_time') as on_time,
        count(s.dossier_code) filter (where s.outcome = 'late') as late,
        count(s.dossier_code) filter (where s.outcome in ('in_progress_within', 'in_progress_overdue')) as in_progress,
        count(s.dossier_code) filter (where s.outcome = 'in_progress_within') as in_progress_within,
        count(s.dossier_code) filter (where s.outcome = 'in_progress_overdue') as in_progress_overdue,
        count(s.dossier_code) filter (where s.outcome = 'withdrawn') as withdrawn,
        count(s.dossier_code) filter (where s.b_counted) as b_counted,
        count(s.dossier_code) filter (where s.b_counted and s.b_on_time) as b_on_time,
        grouping(u.unit_code) = 1 as is_total
    from selected_units as u
    left join scoped as s using (unit_code)
    group by grouping sets ((u.unit_code), ())
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
        100.0 * p.received_online / nullif(p.received, 0) as online_share,
        -- the counts computed from dossiers only: rows taken from aggregate reports
        -- (reported_balances, none in the databases of tests/sql/test_rollups.py) are checked by
        -- tests/importer/test_import_aggregates.py
        false as reported
    from per_unit as p
    left join selected_units as u using (unit_code)
)

select * from final
order by is_total, kind = 'town' desc, kind = 'ward' desc, short_name collate vi
