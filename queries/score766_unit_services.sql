-- What it answers: unit-level facts of the Decision 766 index for a year (electronic
--   certified copies provided).
-- Grain: one row per unit with a row for $year.
-- Parameters: $year (INTEGER); $units (VARCHAR[]).
-- Needs cchc/store/schema_766.sql applied.
select unit_code, e_certified_copy
from unit_services_766
where year = $year and unit_code in (select unnest($units))
order by unit_code
