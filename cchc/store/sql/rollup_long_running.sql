-- The rollup table dossiers_long_running: copies of the dossiers still open or that took
-- more than {{long_days}} calendar days (cchc.store.rollups.LONG_DAYS). Placeholder:
--   {{long_days}}  LONG_DAYS, an integer
CREATE OR REPLACE TABLE dossiers_long_running AS
SELECT *
FROM dossiers
WHERE state NOT IN (1, 3)
  AND (finished_date IS NULL OR finished_date - received_date > {{long_days}})
ORDER BY received_date, dossier_code;
