-- What it answers: which of the given tables the database has, so that the start-up path
--   (cchc/bootstrap.py) can refuse a DuckDB file that was not written by this dashboard.
-- Grain: one row per table found: table_name.
-- Parameters: $tables (list of table names).
-- A Parquet folder (cchc/store/parquet.py) has a view for each table.
select table_name
from duckdb_tables()
where database_name = current_database()
  and schema_name = 'main'
  and list_contains($tables, table_name)
union all
select view_name
from duckdb_views()
where database_name = current_database()
  and schema_name = 'main'
  and not internal
  and list_contains($tables, view_name)
order by table_name
