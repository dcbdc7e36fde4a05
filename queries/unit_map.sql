-- What it answers: where each unit in the filters lies and what it did in the period, for the
--   bubble map of the Tiến độ page (cchc/charts/unit_map.py): dossiers received, resolved,
--   resolved early or on time, the on-time rate by formula A (reporting forms: (early + on
--   time) / resolved, in %, NULL when nothing was resolved), and the unit's coordinates.
-- How: the counts are those of the Tiến độ table: the dossier_balance_counts macro
--   (cchc/store/rollups.py, over the one dossier classification dossier_period), per desk,
--   summed per unit shown (macro unit_shown of cchc/store/sql/schema_units.sql: as the units
--   were, or as today's units, like queries/dossier_balance_today.sql). As the units were, a
--   unit without dossiers that reported this very period in an aggregate report gets the
--   reported counts, by the rule of queries/dossier_balance.sql.
-- Coordinates: the admin_units row of the unit's official code whose validity overlaps the
--   unit's own (a code is re-used across the 1 July 2025 reform: 09574 was phường Ngô Quyền,
--   then phường Sơn Tây); of several, the latest. A row without lat/lon (e.g. a district) takes
--   the centroid of the units under it valid at the same time. A unit without an official
--   code or coordinates has lat and lon NULL: it is not drawn, and the page names it.
-- Grain: one row per unit shown (also units with no dossiers), biggest first (received
--   descending, then name), so that a small bubble is drawn over a big one.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty =
--   all); $history ('then': as the units were; 'today': as today's units).
with shown as (
    select unit_code, shown_code
    from unit_shown($history)
    where shown_code in (select shown_code from unit_shown($history) where unit_code in (select unnest($units)))
),

computed as (
    select s.shown_code, c.*
    from dossier_balance_counts($start::DATE, $end::DATE, (select list(unit_code) from shown), $fields, $channels) as c
    join shown as s using (unit_code)
),

-- queries/dossier_balance.sql's rule: reported and computed counts are never added
reported as (
    select c.unit_code, r.received_new::BIGINT as received, r.early::BIGINT as early,
           r.on_time::BIGINT as on_time, r.late::BIGINT as late
    from computed as c
    join reported_balances as r
        on r.unit_code = c.unit_code and r.period_start = $start::DATE and r.period_end = $end::DATE
    where $history = 'then' and len($fields) = 0 and len($channels) = 0
      and c.carried_over + c.received + c.in_progress = 0
),

per_desk as (
    select c.shown_code,
           coalesce(r.received, c.received) as received,
           coalesce(r.early, c.early) as early,
           coalesce(r.on_time, c.on_time) as on_time,
           coalesce(r.late, c.late) as late,
           r.unit_code is not null as reported
    from computed as c
    left join reported as r using (unit_code)
),

per_unit as (
    select
        shown_code as unit_code,
        sum(received)::BIGINT as received,
        sum(early + on_time + late)::BIGINT as resolved,
        sum(early + on_time)::BIGINT as resolved_in_time,
        bool_or(reported) as reported
    from per_desk
    group by shown_code
),

-- each admin_units row with a position: its own, or the centroid of the units under it
-- that were valid at the same time
placed as (
    select a.official_code, a.valid_from, a.valid_to,
           coalesce(a.lat, avg(c.lat)) as lat,
           coalesce(a.lon, avg(c.lon)) as lon
    from admin_units as a
    left join admin_units as c
        on a.lat is null and c.parent_code = a.official_code
       and coalesce(c.valid_from, DATE '0001-01-01') <= coalesce(a.valid_to, DATE '9999-12-31')
       and coalesce(c.valid_to, DATE '9999-12-31') >= coalesce(a.valid_from, DATE '0001-01-01')
    where a.official_code in (select official_code from units where unit_code in (select unit_code from per_unit))
    group by a.official_code, a.valid_from, a.valid_to, a.lat, a.lon
),

located as (
    select u.unit_code, p.lat, p.lon
    from units as u
    join placed as p
        on p.official_code = u.official_code
       and coalesce(p.valid_from, DATE '0001-01-01') <= coalesce(u.valid_to, DATE '9999-12-31')
       and coalesce(p.valid_to, DATE '9999-12-31') >= coalesce(u.valid_from, DATE '0001-01-01')
    where u.unit_code in (select unit_code from per_unit) and p.lat is not null and p.lon is not null
    qualify row_number() over (partition by u.unit_code order by p.valid_from desc nulls last) = 1
),

final as (
    select
        p.unit_code,
        u.name,
        u.short_name,
        u.kind,
        u.official_code,
        p.received,
        p.resolved,
        p.resolved_in_time,
        100.0 * p.resolved_in_time / nullif(p.resolved, 0) as ontime_rate,
        l.lat,
        l.lon,
        coalesce(p.reported, false) as reported
    from per_unit as p
    join units as u using (unit_code)
    left join located as l using (unit_code)
)

select * from final
order by received desc, short_name collate vi, unit_code
