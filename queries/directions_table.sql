-- What it answers: does this database have the directions table yet (files written before
-- it existed do not; they read as having no directions).
-- Grain: one row. Parameters: none.
select count(*) > 0 as present
from duckdb_tables()
where database_name = current_database() and table_name = 'directions'
