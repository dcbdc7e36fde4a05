-- What it answers: which inputs of the Decision 766 index the database holds: for each table
--   of cchc/store/schema_766.sql, whether it exists and how many rows (demo rows apart).
-- Grain: one row per existing 766 table. Parameters: none.
select table_name, estimated_size as rows
from duckdb_tables()
where database_name = current_database()
  and table_name in ('dossier_services_766', 'procedure_services_766', 'feedback_766', 'unit_services_766')
order by table_name
