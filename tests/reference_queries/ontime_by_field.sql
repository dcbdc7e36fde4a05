-- REFERENCE for tests/sql/test_rollups.py: queries/ontime_by_field.sql as written directly on the schema's
--   dossier_period macro (reading every dossier), without the rollups. Not used by the app.
-- What it answers: the on-time rate (formula A: (early + on time) / resolved, in %) per
--   field (lĩnh vực) for a period, worst first, with the counts behind each rate so that a
--   rate over a handful of dossiers is not read as a trend.
-- Grain: one row per field with at least one dossier in scope for the period (received,
--   carried over, resolved, in progress or withdrawn); dossiers whose procedure has no field
--   are grouped under field_code NULL.
-- Order: on-time rate ascending (fields with nothing resolved last), then most late first.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
with scoped as (
    select dp.*
    from dossier_period($start::DATE, $end::DATE) as dp
    where list_contains($units, dp.unit_code)
      and (len($fields) = 0 or list_contains($fields, dp.field_code))
      and (len($channels) = 0 or list_contains($channels, dp.channel))
),

per_field as (
    select
        field_code,
        count(*) filter (where is_received) as received,
        count(*) filter (where outcome in ('early', 'on_time', 'late')) as resolved,
        count(*) filter (where outcome in ('early', 'on_time')) as resolved_in_time,
        count(*) filter (where outcome = 'late') as late,
        count(*) filter (where outcome = 'in_progress_overdue') as in_progress_overdue
    from scoped
    group by field_code
),

final as (
    select
        p.field_code,
        coalesce(f.name, p.field_code) as field_name,
        p.received,
        p.resolved,
        p.resolved_in_time,
        p.late,
        p.in_progress_overdue,
        100.0 * p.resolved_in_time / nullif(p.resolved, 0) as ontime_rate
    from per_field as p
    left join fields as f using (field_code)
)

select * from final
order by ontime_rate asc nulls last, late desc, field_name collate vi
