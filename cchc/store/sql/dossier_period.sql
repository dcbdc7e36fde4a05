-- THE classification of dossiers for a period [period_start, period_end]: a template
-- written once and instantiated twice by cchc.store.sqlfiles.instantiate (plain text
-- substitution of two placeholders in the statement below this header; each must occur,
-- and none may be left over):
--   {{name}}      the macro's name
--   {{dossiers}}  the rows it classifies, a table name or a parenthesised subquery with
--                 the columns of the dossiers table (it is read as "dossiers")
-- Instances:
--   dossier_period         {{dossiers}} = dossiers (every row), by create_schema
--   dossier_period_recent  {{dossiers}} = recent_dossiers.sql (rows received since
--                          period_start - LONG_DAYS plus the long-running ones), by the
--                          rollups (cchc/store/rollups.py); same rows, same values.

-- THE classification of dossiers for a period [period_start, period_end], used by every query.
-- One row per dossier in scope: received (state not 1/3) on or before period_end and not
-- finished before period_start. Each row is either carried over or received in the period,
-- and has exactly one outcome, so by construction:
--   carried over + received = resolved (early + on time + late) + in progress + withdrawn.
-- Formula A (default on-time rate) = (early + on time) / resolved.
-- Formula B (Decision 766/QĐ-TTg) uses b_counted / b_on_time: resolved or in progress,
-- supplement waiting time subtracted, more than one supplement request counts as late.
-- due_date here is the effective due date (moved off weekends and holidays).
CREATE OR REPLACE MACRO {{name}}(period_start, period_end) AS TABLE
WITH d AS (
    SELECT dossiers.* REPLACE (coalesce(w.next_working_day, dossiers.due_date) AS due_date)
    FROM {{dossiers}} AS dossiers
    LEFT JOIN next_working_day AS w ON w.date = dossiers.due_date
    WHERE dossiers.state NOT IN (1, 3)
      AND dossiers.received_date <= period_end
      AND (dossiers.finished_date IS NULL OR dossiers.finished_date >= period_start)
)
SELECT
    d.dossier_code,
    d.unit_code,
    d.procedure_code,
    p.field_code,
    d.channel,
    d.received_date,
    d.due_date,
    d.finished_date,
    d.state,
    d.received_date < period_start AS is_carried_over,
    d.received_date >= period_start AS is_received,
    CASE
        WHEN d.finished_date <= period_end AND d.state = 7 THEN 'withdrawn'
        -- a dossier with no due date (no statutory deadline) cannot be late
        WHEN d.finished_date <= period_end AND d.due_date IS NULL THEN 'on_time'
        WHEN d.finished_date <= period_end AND d.finished_date < d.due_date THEN 'early'
        WHEN d.finished_date <= period_end AND d.finished_date = d.due_date THEN 'on_time'
        WHEN d.finished_date <= period_end THEN 'late'
        WHEN d.due_date IS NULL OR d.due_date >= period_end THEN 'in_progress_within'
        ELSE 'in_progress_overdue'
    END AS outcome,
    -- Formula B: the finish date net of supplement waiting; a dossier still waiting for
    -- a supplement at period end is judged at its request date.
    NOT (d.state = 7 AND d.finished_date <= period_end) AS b_counted,
    CASE
        WHEN d.state = 7 AND d.finished_date <= period_end THEN false
        WHEN d.supplement_count > 1 THEN false
        WHEN d.finished_date <= period_end THEN
            d.due_date IS NULL
            OR d.finished_date - d.due_date <= coalesce(
                d.supplement_supplied_date - d.supplement_requested_date, 0)
        WHEN d.state = 5 AND d.supplement_requested_date IS NOT NULL
             AND d.supplement_requested_date <= period_end
             AND d.supplement_supplied_date IS NULL
            THEN d.supplement_requested_date <= coalesce(d.due_date, d.supplement_requested_date)
        ELSE d.due_date IS NULL OR d.due_date >= period_end
    END AS b_on_time
FROM d
LEFT JOIN procedures AS p USING (procedure_code);
