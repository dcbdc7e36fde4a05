-- What it answers: the first and last reception dates of the dossiers of some units, so the
--   Decision 766 page and command can say "no data" for a period without dossiers.
-- Grain: one row. Parameters: $units (VARCHAR[]).
select min(received_date) as first_received, max(received_date) as last_received, count(*) as dossiers
from dossiers
where unit_code in (select unnest($units)) and state not in (1, 3)
