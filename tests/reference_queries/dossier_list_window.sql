-- Reference of queries/dossier_list_window.sql on the schema's dossier_period macro: the
-- dossiers received in the period, per month of their received date.
select
    date_trunc('month', received_date)::DATE as month,
    count(*)::BIGINT as received
from dossier_period($start::DATE, $end::DATE)
where is_received
  and unit_code in (select unnest($units))
  and (len($fields) = 0 or list_contains($fields, field_code))
  and (len($channels) = 0 or list_contains($channels, channel))
group by month
order by month
