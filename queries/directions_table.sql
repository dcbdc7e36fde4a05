-- What it answers: does this database have the directions table yet (files written before
-- it existed do not; they read as having no directions).
-- Grain: one row. Parameters: none.
-- A Parquet folder (cchc/store/parquet.py) has a view for each table.
select count(*) > 0 as present
from (select table_name, database_name from duckdb_tables()
      union all
      select view_name, database_name from duckdb_views() where not internal)
where database_name = current_database() and table_name = 'directions'
