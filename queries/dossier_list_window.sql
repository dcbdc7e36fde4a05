-- What it answers: how many dossiers were received in each month of a period, for the
--   filters of the dossier list, so that cchc.dossier_list.received_window can tell which
--   received dates a page of the list sorted by received date lies within.
-- Grain: one row per month with dossiers received in the period (months cut by the period
--   count only the period's days), in month order.
-- Reads the monthly flows of the rollups (dossier_flows_between, cchc/store/rollups.py);
--   tests/sql/test_rollups.py proves it equal to its dossier_period-based reference
--   tests/reference_queries/dossier_list_window.sql.
-- Parameters: $start, $end (DATE); $units (VARCHAR[]); $fields, $channels (VARCHAR[], empty = all).
select
    month,
    sum(received)::BIGINT as received
from dossier_flows_between($start::DATE, $end::DATE)
where unit_code in (select unnest($units))
  and (len($fields) = 0 or list_contains($fields, field_code))
  and (len($channels) = 0 or list_contains($channels, channel))
group by month
having sum(received) > 0
order by month
