-- What it answers: whether the database holds demo data (dataset_info.kind), to label outputs.
-- Grain: zero or one row. Parameters: none.
select value as kind from dataset_info where key = 'kind'
