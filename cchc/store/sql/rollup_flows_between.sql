-- The macro dossier_flows_between(range_start, range_end): the flows of any date range,
-- per month: whole months from dossier_flows_monthly, the days of a month cut by the range
-- classified on the fly by dossier_period_recent. An edge that is not needed gets the
-- single day 1900-01-01, which holds no dossier and whose rows DuckDB skips by their zone maps.
CREATE OR REPLACE MACRO dossier_flows_between(range_start, range_end) AS TABLE
WITH whole AS (
    SELECT month, unit_code, procedure_code, field_code, channel, received, resolved_early,
           resolved_on_time, resolved_late, withdrawn, resolved_b_on_time
    FROM dossier_flows_monthly
    WHERE month >= range_start AND last_day(month) <= range_end
),
first_edge AS (
    SELECT * FROM dossier_period_recent(
        CASE WHEN range_start > date_trunc('month', range_start)::DATE
                  OR range_end < last_day(range_start)
             THEN range_start::DATE ELSE DATE '1900-01-01' END,
        CASE WHEN range_start > date_trunc('month', range_start)::DATE
                  OR range_end < last_day(range_start)
             THEN least(range_end::DATE, last_day(range_start)) ELSE DATE '1900-01-01' END)
),
last_edge AS (
    SELECT * FROM dossier_period_recent(
        CASE WHEN range_end < last_day(range_end)
                  AND date_trunc('month', range_end) > date_trunc('month', range_start)
             THEN date_trunc('month', range_end)::DATE ELSE DATE '1900-01-01' END,
        CASE WHEN range_end < last_day(range_end)
                  AND date_trunc('month', range_end) > date_trunc('month', range_start)
             THEN range_end::DATE ELSE DATE '1900-01-01' END)
),
edge_rows AS (
    SELECT * FROM first_edge
    UNION ALL
    SELECT * FROM last_edge
),
edges AS (
    -- an edge lies within one month: a dossier received and finished in it counts in both
    SELECT date_trunc('month', coalesce(CASE WHEN is_received THEN received_date END, finished_date))::DATE AS month,
           unit_code, procedure_code, field_code, channel,
           count(*) FILTER (WHERE is_received)::INTEGER AS received,
           count(*) FILTER (WHERE outcome = 'early')::INTEGER AS resolved_early,
           count(*) FILTER (WHERE outcome = 'on_time')::INTEGER AS resolved_on_time,
           count(*) FILTER (WHERE outcome = 'late')::INTEGER AS resolved_late,
           count(*) FILTER (WHERE outcome = 'withdrawn')::INTEGER AS withdrawn,
           count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late') AND b_on_time)::INTEGER
               AS resolved_b_on_time
    FROM edge_rows
    WHERE is_received OR outcome IN ('early', 'on_time', 'late', 'withdrawn')
    GROUP BY ALL
)
SELECT * FROM whole
UNION ALL
SELECT * FROM edges;
