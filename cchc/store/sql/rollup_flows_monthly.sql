-- The rollup table dossier_flows_monthly: one row per month, unit, procedure (with its
-- field) and channel, with the dossiers received in the month and those finished in it
-- by outcome and by formula B. Read off dossier_period over all time (never re-defined).
-- Rebuilt by cchc.store.rollups.refresh after every write of dossiers.
CREATE OR REPLACE TABLE dossier_flows_monthly AS
WITH classified AS (
    -- over all time every finished dossier is resolved or withdrawn in the period, and its
    -- outcome is the same as in any period containing its finish day
    SELECT * FROM dossier_period(DATE '0001-01-01', DATE '9999-12-31')
),
events AS (
    SELECT date_trunc('month', received_date)::DATE AS month, unit_code, procedure_code, field_code, channel,
           1 AS received, 0 AS resolved_early, 0 AS resolved_on_time, 0 AS resolved_late,
           0 AS withdrawn, 0 AS resolved_b_on_time
    FROM classified
    UNION ALL
    SELECT date_trunc('month', finished_date)::DATE, unit_code, procedure_code, field_code, channel, 0,
           (outcome = 'early')::INTEGER, (outcome = 'on_time')::INTEGER, (outcome = 'late')::INTEGER,
           (outcome = 'withdrawn')::INTEGER,
           (outcome IN ('early', 'on_time', 'late') AND b_on_time)::INTEGER
    FROM classified
    WHERE finished_date IS NOT NULL
)
SELECT month, unit_code, procedure_code, field_code, channel,
       sum(received)::INTEGER AS received,
       sum(resolved_early)::INTEGER AS resolved_early,
       sum(resolved_on_time)::INTEGER AS resolved_on_time,
       sum(resolved_late)::INTEGER AS resolved_late,
       sum(withdrawn)::INTEGER AS withdrawn,
       sum(resolved_b_on_time)::INTEGER AS resolved_b_on_time
FROM events
GROUP BY ALL
ORDER BY month, unit_code, procedure_code, channel;
