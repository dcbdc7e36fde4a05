-- What it answers: which of the given tables the database has, so that the start-up path
--   (cchc/bootstrap.py) can refuse a DuckDB file that was not written by this dashboard.
-- Grain: one row per table found: table_name.
-- Parameters: $tables (list of table names).
select table_name
from duckdb_tables()
where database_name = current_database()
  and schema_name = 'main'
  and list_contains($tables, table_name)
order by table_name
