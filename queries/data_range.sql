-- What it answers: what the database holds: the first and last received date, the
--   dossier count, whether it is demo data, and the PAR years available.
-- Grain: one row.
-- Parameters: none.
select
    (select min(received_date) from dossiers) as first_received,
    (select max(received_date) from dossiers) as last_received,
    (select count(*) from dossiers) as dossiers,
    coalesce((select value from dataset_info where key = 'kind'), 'real') as dataset_kind,
    (select value from dataset_info where key = 'description') as dataset_description,
    (select max(year) from par_scores) as last_par_year
