-- The rows dossier_period_recent classifies (the {{dossiers}} of dossier_period.sql): the
-- dossiers received from period_start - {{long_days}} to period_end, plus the long-running
-- ones received before. A dossier in scope of [period_start, period_end] received before
-- period_start - {{long_days}} is necessarily long-running (open, or finished more than
-- {{long_days}} days after it was received), so these are all the rows in scope; DuckDB
-- skips the rest of dossiers by its received-date zone maps. Placeholder:
--   {{long_days}}  cchc.store.rollups.LONG_DAYS, an integer
(
        SELECT * FROM dossiers
        WHERE received_date >= period_start - {{long_days}} AND received_date <= period_end
        UNION ALL
        SELECT * FROM dossiers_long_running
        WHERE received_date < period_start - {{long_days}}
    )
