-- What it answers: what the database holds: the first and last received date, the
--   dossier count, whether it is demo data, and the PAR years available.
--   covered_until: the last received day extended over the non-working days that follow
--   it (data to Friday 28 Dec 2018 cover the year when 29-31 Dec are days off), so a
--   period ending on that day counts as complete.
-- Grain: one row.
-- Parameters: none.
select
    (select min(received_date) from dossiers) as first_received,
    (select max(received_date) from dossiers) as last_received,
    coalesce(
        (select min(date) - 1 from calendar
         where is_working_day and date > (select max(received_date) from dossiers)),
        (select max(received_date) from dossiers)
    ) as covered_until,
    (select count(*) from dossiers) as dossiers,
    coalesce((select value from dataset_info where key = 'kind'), 'real') as dataset_kind,
    (select value from dataset_info where key = 'description') as dataset_description,
    (select max(year) from par_scores) as last_par_year
