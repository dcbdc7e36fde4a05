-- The macro dossier_balance_counts(period_start, period_end, sel_units, sel_fields,
-- sel_channels): the balance counts of one period per selected unit, for
-- queries/dossier_balance.sql (per unit and total) and queries/dossier_balance_groups.sql
-- (per unit group): flows from dossier_flows_between, stocks (carried over, in progress at
-- the end) from dossier_period_recent of the day before the period and of its last day.
CREATE OR REPLACE MACRO dossier_balance_counts(period_start, period_end, sel_units, sel_fields, sel_channels) AS TABLE
WITH selected_units AS (
    SELECT unit_code, kind FROM units WHERE unit_code IN (SELECT unnest(sel_units))
),
flows AS (
    SELECT unit_code,
           sum(received) AS received,
           sum(received) FILTER (WHERE channel = 'in_person') AS received_in_person,
           sum(received) FILTER (WHERE channel = 'online') AS received_online,
           sum(received) FILTER (WHERE channel = 'postal') AS received_postal,
           sum(resolved_early) AS early,
           sum(resolved_on_time) AS on_time,
           sum(resolved_late) AS late,
           sum(withdrawn) AS withdrawn,
           sum(resolved_b_on_time) AS resolved_b_on_time
    FROM dossier_flows_between(period_start::DATE, period_end::DATE)
    WHERE unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
),
opening AS (
    SELECT unit_code, count(*) AS carried_over
    FROM dossier_period_recent(period_start::DATE - 1, period_start::DATE - 1)
    WHERE outcome IN ('in_progress_within', 'in_progress_overdue')
      AND unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
),
closing AS (
    SELECT unit_code,
           count(*) AS in_progress,
           count(*) FILTER (WHERE outcome = 'in_progress_overdue') AS in_progress_overdue,
           count(*) FILTER (WHERE b_on_time) AS open_b_on_time
    FROM dossier_period_recent(period_end::DATE, period_end::DATE)
    WHERE outcome IN ('in_progress_within', 'in_progress_overdue')
      AND unit_code IN (SELECT unnest(sel_units))
      AND (len(sel_fields) = 0 OR list_contains(sel_fields, field_code))
      AND (len(sel_channels) = 0 OR list_contains(sel_channels, channel))
    GROUP BY unit_code
)
SELECT
    u.unit_code,
    u.kind,
    coalesce(o.carried_over, 0) AS carried_over,
    coalesce(f.received, 0) AS received,
    coalesce(f.received_in_person, 0) AS received_in_person,
    coalesce(f.received_online, 0) AS received_online,
    coalesce(f.received_postal, 0) AS received_postal,
    coalesce(f.early, 0) AS early,
    coalesce(f.on_time, 0) AS on_time,
    coalesce(f.late, 0) AS late,
    coalesce(c.in_progress, 0) AS in_progress,
    coalesce(c.in_progress_overdue, 0) AS in_progress_overdue,
    coalesce(f.withdrawn, 0) AS withdrawn,
    coalesce(f.resolved_b_on_time, 0) + coalesce(c.open_b_on_time, 0) AS b_on_time
FROM selected_units AS u
LEFT JOIN flows AS f USING (unit_code)
LEFT JOIN opening AS o USING (unit_code)
LEFT JOIN closing AS c USING (unit_code);
